// Types for gas-local 1.3 (which ships none): the one function the local runtime uses.
declare module 'gas-local' {
  interface GasRequireOptions {
    /** Which files under the folder to run, by path; default: every .js file. */
    filter?: (path: string) => boolean;
  }
  interface GasLocal {
    /** Runs the matching files of `folder` in a vm context whose global object is `globals`. */
    require(
      folder: string,
      globals?: Record<string, unknown>,
      options?: GasRequireOptions,
    ): Record<string, unknown>;
    globalMockDefault: Record<string, unknown>;
  }
  const gasLocal: GasLocal;
  export default gasLocal;
}
