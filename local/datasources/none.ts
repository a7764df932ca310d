/**
 * The NONE data source (AWS AppSync Developer Guide, "AWS AppSync JavaScript resolver function reference for None data source"): no I/O, `ctx.result` is the request's `payload`
 * (`undefined` when it is left out [INFERRED]).
 */
import type { DataSource, DataSourceOutcome } from './types.js';

export function createNoneDataSource(): DataSource {
  return {
    kind: 'NONE',
    invoke(request: unknown): Promise<DataSourceOutcome> {
      const payload = typeof request === 'object' && request !== null ? (request as { payload?: unknown }).payload : undefined;
      return Promise.resolve({ result: payload });
    },
  };
}
