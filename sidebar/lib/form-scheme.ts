/**
 * The scheme as the form receives it (FormScheme), widened back into the domain's Scheme so
 * the sidebar runs the very same validateDeal and missingForStage as the server.
 */

import type { FormScheme } from '../../src/entry/deal-form-types';
import type { Scheme } from '../../src/domain/scheme-types';

/** A domain Scheme holding what the form was sent; parts the form never needs stay empty. */
export function schemeFromForm(form: FormScheme): Scheme {
  return {
    stages: form.stages,
    tagGroups: form.tagGroups,
    // validateDeal only looks presets up by name, so the rule can repeat the name.
    paymentTerms: form.paymentTerms.map((name) => ({ name, rule: name })),
    team: form.team,
    handoverTasks: [],
    options: {
      defaultCurrency: form.defaultCurrency,
      defaultPaymentTerms: form.defaultPaymentTerms,
      reminderLeadDays: form.reminderLeadDays,
      digestRecipients: [],
    },
  };
}
