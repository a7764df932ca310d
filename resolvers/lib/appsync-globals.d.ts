/** Globals APPSYNC_JS provides that the ES library typings leave out (no Node or DOM types here). */
declare const console: {
  log(...args: unknown[]): void;
  error(...args: unknown[]): void;
};
