/**
 * Control-flow signals thrown by `util.error`, `util.unauthorized` and `runtime.earlyReturn`.
 * APPSYNC_JS has no `try`, so resolver code can never catch them; the executor does.
 */
export interface ErrorEntry {
  message: string;
  errorType: string | null;
  data: unknown;
  errorInfo: unknown;
}

export class UtilErrorSignal {
  constructor(readonly entry: ErrorEntry) {}
}

export class UnauthorizedSignal {
  readonly entry: ErrorEntry = { message: 'Unauthorized', errorType: 'Unauthorized', data: null, errorInfo: null };
}

export class EarlyReturnSignal {
  constructor(
    readonly value: unknown,
    readonly skipTo: 'END' | 'NEXT' = 'NEXT',
  ) {}
}
