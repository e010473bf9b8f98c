// MailApp: messages go to an outbox (memory, and a folder when given) instead of the network,
// and the daily recipient quota is enforced the way Apps Script does it.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signatureError, type RuntimeContext } from './context';
import type { Local } from './gas-types';
import { formatJavaDate } from './time-zone';
import { LocalBlob } from './utilities';

export const MAIL_QUOTA_EXCEEDED = 'Service invoked too many times for one day: email.';
// Consumer accounts may send to 100 recipients a day.
export const DEFAULT_MAIL_QUOTA = 100;
const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

/** A message MailApp sent. */
export interface MailRecord {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply: boolean;
  attachments: { name: string; contentType: string; size: number }[];
  /** When it was sent, ISO 8601 (from the runtime's clock). */
  sentAt: string;
  from: string;
}

/** Where sent mail ends up, with the quota it draws on. */
export class Outbox {
  readonly messages: MailRecord[] = [];
  private used = 0;
  private day = '';

  constructor(
    private readonly now: () => number,
    private readonly dir?: string,
    private dailyQuota = DEFAULT_MAIL_QUOTA,
  ) {}

  // The quota day follows Pacific time, where Google's daily quotas roll over.
  private today(): string {
    return formatJavaDate(this.now(), 'America/Los_Angeles', 'yyyy-MM-dd');
  }

  /** Recipients that may still be sent to today. */
  remaining(): number {
    if (this.day !== this.today()) {
      this.day = this.today();
      this.used = 0;
    }
    return Math.max(0, this.dailyQuota - this.used);
  }

  /** Sets what is left of today's quota (for tests of running out). */
  setRemaining(count: number): void {
    this.remaining();
    this.used = this.dailyQuota - count;
  }

  /** Files a message and draws its recipients from the quota. */
  deliver(message: MailRecord): void {
    const recipients = message.to.length + message.cc.length + message.bcc.length;
    this.remaining();
    this.used += recipients;
    this.messages.push(message);
    if (this.dir) this.write(message, this.messages.length);
  }

  private write(message: MailRecord, sequence: number): void {
    mkdirSync(this.dir as string, { recursive: true });
    const slug =
      message.subject
        .replace(/[^A-Za-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 40) || 'message';
    const base = join(this.dir as string, `${String(sequence).padStart(4, '0')}-${slug}`);
    writeFileSync(`${base}.json`, `${JSON.stringify(message, null, 2)}\n`);
    writeFileSync(`${base}.eml`, toEml(message));
  }
}

function toEml(message: MailRecord): string {
  const headers = [
    `Date: ${new Date(message.sentAt).toUTCString()}`,
    `From: ${message.name ? `${message.name} <${message.from}>` : message.from}`,
    `To: ${message.to.join(', ')}`,
    ...(message.cc.length ? [`Cc: ${message.cc.join(', ')}`] : []),
    ...(message.bcc.length ? [`Bcc: ${message.bcc.join(', ')}`] : []),
    ...(message.replyTo ? [`Reply-To: ${message.replyTo}`] : []),
    `Subject: ${message.subject}`,
    'Content-Type: text/plain; charset=UTF-8',
  ];
  return `${headers.join('\r\n')}\r\n\r\n${message.body.replace(/\r?\n/g, '\r\n')}\r\n`;
}

interface MailOptions {
  to?: string;
  cc?: string;
  bcc?: string;
  subject?: string;
  body?: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply?: boolean;
  attachments?: unknown[];
}

/** MailApp. */
export class LocalMailApp implements Local<
  GoogleAppsScript.Mail.MailApp,
  'getRemainingDailyQuota'
> {
  constructor(
    private readonly ctx: RuntimeContext,
    private readonly outbox: Outbox,
    private readonly from: string,
  ) {}

  getRemainingDailyQuota(): number {
    this.ctx.enter('Mail', 'MailApp.getRemainingDailyQuota');
    return this.outbox.remaining();
  }

  /**
   * sendEmail(message), (to, subject, body), (to, subject, body, options),
   * (to, replyTo, subject, body).
   */
  sendEmail(...args: unknown[]): void {
    this.ctx.enter('Mail', 'MailApp.sendEmail');
    const options = this.options(args);
    const record = this.record(options);
    const recipients = record.to.length + record.cc.length + record.bcc.length;
    if (recipients > this.outbox.remaining()) throw this.ctx.error(MAIL_QUOTA_EXCEEDED);
    this.outbox.deliver(record);
  }

  private options(args: unknown[]): MailOptions {
    const [first, second, third, fourth] = args;
    if (args.length === 1 && first !== null && typeof first === 'object')
      return { ...(first as MailOptions) };
    if (
      args.length === 4 &&
      [first, second, third, fourth].every((arg) => typeof arg === 'string')
    ) {
      return {
        to: first as string,
        replyTo: second as string,
        subject: third as string,
        body: fourth as string,
      };
    }
    if ((args.length === 3 || args.length === 4) && typeof first === 'string') {
      const extra = (fourth ?? {}) as MailOptions;
      return { ...extra, to: first, subject: String(second ?? ''), body: String(third ?? '') };
    }
    throw signatureError(this.ctx, 'MailApp.sendEmail', args);
  }

  private record(options: MailOptions): MailRecord {
    const to = this.addresses(options.to);
    const cc = this.addresses(options.cc);
    const bcc = this.addresses(options.bcc);
    if (to.length + cc.length + bcc.length === 0)
      throw this.ctx.error('Failed to send email: no recipient');
    if (options.replyTo) this.addresses(options.replyTo);
    const record: MailRecord = {
      to,
      cc,
      bcc,
      subject: String(options.subject ?? ''),
      body: String(options.body ?? ''),
      noReply: Boolean(options.noReply),
      attachments: (options.attachments ?? []).map((item) => this.attachment(item)),
      sentAt: new Date(this.ctx.now()).toISOString(),
      from: this.from,
    };
    if (options.htmlBody !== undefined) record.htmlBody = String(options.htmlBody);
    if (options.name !== undefined) record.name = String(options.name);
    if (options.replyTo !== undefined) record.replyTo = String(options.replyTo);
    return record;
  }

  private addresses(list: string | undefined): string[] {
    if (list === undefined || list === null || list === '') return [];
    const addresses = String(list)
      .split(',')
      .map((address) => address.trim())
      .filter(Boolean);
    for (const address of addresses) {
      const bare = /<([^>]+)>\s*$/.exec(address)?.[1] ?? address;
      if (!EMAIL.test(bare)) throw this.ctx.error(`Invalid email: ${address}`);
    }
    return addresses;
  }

  private attachment(item: unknown): MailRecord['attachments'][number] {
    const source = item as { getBlob?: () => unknown };
    const blob = typeof source?.getBlob === 'function' ? source.getBlob() : item;
    if (!(blob instanceof LocalBlob)) throw this.ctx.error('Invalid argument: attachments');
    return {
      name: blob.name ?? 'attachment',
      contentType: blob.contentType ?? 'application/octet-stream',
      size: blob.bytes.length,
    };
  }
}
