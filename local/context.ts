// What every local service shares: the call counter, the clock, the authorization mode and the
// realm (vm context) whose Dates and Errors the add-on must receive.

import { CallCounter } from './call-counter';

export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL';

/** The service names stats are grouped by. */
export type ServiceName =
  | 'Spreadsheet'
  | 'Ui'
  | 'Properties'
  | 'Lock'
  | 'Session'
  | 'Utilities'
  | 'Script'
  | 'Html'
  | 'Drive'
  | 'Mail'
  | 'Logger';

/** Makes values in the realm the add-on runs in, so its own `instanceof` checks behave. */
export interface Realm {
  newDate(ms: number): Date;
  newError(message: string): Error;
}

/** The realm of this module: what tests get when services are used without a bundle. */
export const OUTER_REALM: Realm = {
  newDate: (ms) => new Date(ms),
  newError: (message) => new Error(message),
};

// Services an add-on may use before the user has authorized it (AuthMode.NONE / LIMITED here).
const ALWAYS_ALLOWED: ReadonlySet<ServiceName> = new Set(['Ui', 'Logger']);

export const AUTHORIZATION_REQUIRED = 'Authorization is required to perform that action.';

/** Shared state of one local runtime. */
export class RuntimeContext {
  readonly counter = new CallCounter();
  authMode: AuthModeName = 'FULL';
  realm: Realm = OUTER_REALM;
  /** The top-level function now running (for lock diagnostics); null between calls. */
  execution: string | null = null;
  private slept = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  /** Milliseconds since the epoch: the injected clock plus any Utilities.sleep time. */
  now(): number {
    return this.clock() + this.slept;
  }

  /** Moves the clock on, as sleeping or waiting for a lock would. */
  advance(ms: number): void {
    if (ms > 0) this.slept += ms;
  }

  /** Counts a call. */
  hit(service: ServiceName, method: string): void {
    this.counter.hit(service, method);
  }

  /** Counts a call of a service entry point and refuses it when the add-on is not authorized. */
  enter(service: ServiceName, method: string): void {
    this.counter.hit(service, method);
    if (this.authMode !== 'FULL' && !ALWAYS_ALLOWED.has(service)) {
      throw this.error(AUTHORIZATION_REQUIRED);
    }
  }

  /** An Error of the add-on's realm, as Apps Script services throw. */
  error(message: string): Error {
    return this.realm.newError(message);
  }

  /** A Date of the add-on's realm. */
  date(ms: number): Date {
    return this.realm.newDate(ms);
  }
}

// Builtins used in hot loops are kept in module constants: inside a vm context (jest's, or the
// bundle's) every global lookup goes through the context's interceptor, which is slow.
const objectToString = Object.prototype.toString;

/** True for a Date from any realm. */
export function isDate(value: unknown): value is Date {
  return objectToString.call(value) === '[object Date]';
}

/** How Apps Script names a JS argument's type in "parameters don't match" errors. */
export function javaTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `${value.length ? javaTypeName(value[0]) : 'Object'}[]`;
  if (isDate(value)) return 'Date';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'Boolean';
  return 'Object';
}

/** The error Apps Script throws when arguments do not fit any signature of `method`. */
export function signatureError(ctx: RuntimeContext, method: string, args: unknown[]): Error {
  const types = args.map(javaTypeName).join(',');
  return ctx.error(`The parameters (${types}) don't match the method signature for ${method}.`);
}
