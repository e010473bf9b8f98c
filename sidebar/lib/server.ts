/**
 * The one way dialogs and the sidebar call the server: a promise over google.script.run,
 * typed by the server's own exports, so a renamed or misspelt function fails the build.
 */

import type * as ServerModule from '../../src/server';

type Server = typeof ServerModule;
type Callable = {
  [K in keyof Server]: Server[K] extends (...args: never[]) => unknown ? K : never;
}[keyof Server];
type Fn<K extends Callable> = Server[K] extends (...args: infer A) => infer R
  ? (...args: A) => R
  : never;

/** Calls server function `name`; rejects with an Error whose message is safe to show. */
export function callServer<K extends Callable>(
  name: K,
  ...args: Parameters<Fn<K>>
): Promise<ReturnType<Fn<K>>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value: unknown) => resolve(value as ReturnType<Fn<K>>))
      .withFailureHandler((error: Error | string) =>
        reject(error instanceof Error ? error : new Error(String(error))),
      ) as unknown as Record<string, (...a: unknown[]) => void>;
    const call = runner[name];
    if (!call) {
      reject(new Error(`Deal Desk could not reach "${name}". Reload the page and try again.`));
      return;
    }
    call(...args);
  });
}
