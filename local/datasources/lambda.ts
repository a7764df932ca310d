/**
 * The AWS_LAMBDA data source (AWS AppSync Developer Guide, "AWS AppSync JavaScript resolver function reference for Lambda"), calling an in-process handler with an AWS-like
 * event and context.
 *
 * - `Invoke`: the event is `payload`; `null` when the request leaves it out (AppSync does not
 *   document this case [`docs/local-runtime.md`]).
 * - `BatchInvoke`: the event is the array of payloads; the handler must return an array of the
 *   same length (otherwise `Lambda:Unhandled`, INFERRED).
 * - `invocationType: 'Event'`: the handler is started and not awaited; `ctx.result` is null.
 * - A thrown error (or a timeout) becomes `ctx.error = { type: 'Lambda:Unhandled', message }`.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { DataSource, DataSourceOutcome } from './types.js';

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown> | unknown;

export interface LambdaDataSourceOptions {
  readonly handler: LambdaHandler;
  readonly functionName?: string;
  readonly timeoutSeconds?: number;
  readonly memoryMb?: number;
  readonly region?: string;
  readonly accountId?: string;
  /** Where failures of asynchronous (`Event`) invocations go. */
  readonly log?: (message: string) => void;
}

export const LAMBDA_UNHANDLED = 'Lambda:Unhandled';

export function createLambdaContext(options: Omit<LambdaDataSourceOptions, 'handler'> = {}): Context {
  const functionName = options.functionName ?? 'stockroom-local-function';
  const region = options.region ?? 'us-east-1';
  const timeoutMs = (options.timeoutSeconds ?? 30) * 1000;
  const deadline = Date.now() + timeoutMs;
  const awsRequestId = randomUUID();
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '/');
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${options.accountId ?? '000000000000'}:function:${functionName}`,
    memoryLimitInMB: String(options.memoryMb ?? 128),
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[$LATEST]${awsRequestId.replace(/-/g, '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}

export function createLambdaDataSource(options: LambdaDataSourceOptions): DataSource {
  const log = options.log ?? ((m: string) => console.error(`[lambda ${options.functionName ?? ''}] ${m}`));
  const timeoutSeconds = options.timeoutSeconds ?? 30;

  async function call(event: unknown): Promise<unknown> {
    const context = createLambdaContext(options);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Task timed out after ${timeoutSeconds.toFixed(2)} seconds`)), timeoutSeconds * 1000);
      timer.unref();
    });
    try {
      return await Promise.race([Promise.resolve().then(() => options.handler(event, context)), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    kind: 'AWS_LAMBDA',
    async invoke(request: unknown): Promise<DataSourceOutcome> {
      const req = (typeof request === 'object' && request !== null ? request : {}) as {
        operation?: unknown;
        invocationType?: unknown;
        payload?: unknown;
      };
      if (req.operation !== 'Invoke' && req.operation !== 'BatchInvoke') {
        return { result: null, error: { type: 'MappingTemplate', message: `Unsupported operation: ${String(req.operation)}` } };
      }
      const event = req.payload === undefined ? null : req.payload;
      if (req.invocationType === 'Event') {
        call(event).catch((err: unknown) => log(`asynchronous invocation failed: ${errorMessage(err)}`));
        return { result: null };
      }
      try {
        const result = await call(event);
        if (req.operation === 'BatchInvoke') {
          const expected = Array.isArray(event) ? event.length : 1;
          if (!Array.isArray(result) || result.length !== expected) {
            return {
              result: null,
              error: {
                type: LAMBDA_UNHANDLED,
                message: `BatchInvoke expects an array of ${expected} results, got ${Array.isArray(result) ? result.length : typeof result}`,
              },
            };
          }
        }
        return { result: result === undefined ? null : result };
      } catch (err) {
        return { result: null, error: { type: LAMBDA_UNHANDLED, message: errorMessage(err) } };
      }
    },
  };
}
