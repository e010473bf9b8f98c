/**
 * The public CRM data set lives in ../shared beside the checkout (CI always has it). Tests
 * that need it skip with one line where it is absent, except in CI, where they must run.
 */

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const SALES_PIPELINE_CSV = resolve(
  __dirname,
  '../../../shared/data/crm-sales-opportunities/sales_pipeline.csv',
);

/** `describe` when the data set is here (or in CI, where its absence must fail), else skip. */
export function describeWithSharedData(name: string, body: () => void): void {
  const present = existsSync(SALES_PIPELINE_CSV);
  if (!present && !process.env.CI) {
    describe.skip(`${name} (skipped: ../shared/data is not beside this checkout)`, body);
    return;
  }
  describe(name, body);
}
