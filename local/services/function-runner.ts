/**
 * Runs the Lambda handlers of `functions/<folder>/index.ts` in this process, as wired in
 * `build/wiring.ts`: the module is loaded with a dynamic import (once, like a warm container)
 * and `handler(event, context)` is called with an AWS-like Lambda context.
 *
 *   const functions = createLocalFunctions({ stage: 'dev', dynamoEndpoint, tableName });
 *   await functions.invoke('reservation-sweeper', scheduledEvent);
 *
 * Configuration reaches handlers the way it does on AWS: through environment variables, named as
 * infra names them (`STAGE`, `TABLE_NAME`, `TABLE_NAME_<LOGICAL>`, `POWERTOOLS_*`, `EVENT_BUS_NAME`,
 * ...) plus, locally, `AWS_ENDPOINT_URL_DYNAMODB`, `AWS_REGION` and fake credentials. Handlers read
 * them at invocation time (`functions/commons`), never at import. Locally all functions share
 * one process, so `process.env` is written before each invocation: keys that are the same for
 * every function of a stage (all of the above) are exact; per-function ones
 * (`AWS_LAMBDA_FUNCTION_NAME`) are also on the `context` argument, which is what handlers should use.
 *
 * Logs stay readable in a terminal: `POWERTOOLS_DEV=true` makes the functions' Powertools logger
 * pretty-print each line (the same fields as on AWS, indented) through the global console; their
 * EMF metric lines still print as on AWS (`functions/commons/observability/metrics.ts`).
 *
 * The timeout of the wiring is enforced like Lambda does for the caller (the promise rejects
 * with `Sandbox.Timedout`); the handler itself cannot be killed in-process and runs to its end.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { resourceName, wiring as defaultWiring, type FunctionSpec, type Wiring } from '../../build/wiring.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb-local.js';

export const LOCAL_ACCOUNT_ID = '000000000000';
/** The metric namespace infra sets (`infra/constructs/wired-function.ts`). */
const METRICS_NAMESPACE = 'Stockroom';

export type LambdaHandler = (event: unknown, context: Context) => unknown;

export interface LocalFunctionsOptions {
  readonly stage: string;
  /** DynamoDB Local endpoint (becomes `AWS_ENDPOINT_URL_DYNAMODB`). */
  readonly dynamoEndpoint: string;
  /** Physical name of a logical table; default `stockroom-<stage>-<logical>`. */
  readonly tableName?: (logical: string) => string;
  readonly region?: string;
  readonly wiring?: Wiring;
  /** Folder holding `<folder>/index.ts`; default the repository's `functions/`. */
  readonly functionsDir?: string;
  /**
   * Extra variables for every function (e.g. local endpoints of the bus or GraphQL server). A
   * function is read at each invocation: for values only known later (the server's URL once it
   * listens).
   */
  readonly environment?: Readonly<Record<string, string>> | (() => Readonly<Record<string, string>>);
  /** Enforce the wiring's `timeoutSeconds` (default true). */
  readonly enforceTimeout?: boolean;
}

export interface LocalFunctions {
  /** Invokes a wired function (RequestResponse): resolves with its result, rejects with its error. */
  invoke(functionName: string, event: unknown): Promise<unknown>;
  /** The environment a function runs with (for inspection and tests). */
  environment(functionName: string): Record<string, string>;
  readonly names: readonly string[];
}

export class FunctionTimeoutError extends Error {
  constructor(functionName: string, seconds: number) {
    super(`Task timed out after ${seconds.toFixed(2)} seconds (${functionName})`);
    this.name = 'Sandbox.Timedout';
  }
}

function envKey(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '_').toUpperCase();
}

/** The environment infra would give this function, with local endpoints and credentials. */
export function functionEnvironment(name: string, spec: FunctionSpec, options: LocalFunctionsOptions): Record<string, string> {
  const { stage } = options;
  const w = options.wiring ?? defaultWiring;
  const region = options.region ?? LOCAL_REGION;
  const tableName = options.tableName ?? ((logical: string) => resourceName(stage, logical));
  const physical = `${w.service}-${stage}-${name}`;
  const env: Record<string, string> = {
    STAGE: stage,
    POWERTOOLS_SERVICE_NAME: w.service,
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    POWERTOOLS_LOG_LEVEL: 'INFO',
    POWERTOOLS_LOGGER_LOG_EVENT: 'false',
    POWERTOOLS_DEV: 'true',
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: options.dynamoEndpoint,
    AWS_LAMBDA_FUNCTION_NAME: physical,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  };
  let firstTable = true;
  for (const grant of spec.grants) {
    switch (grant.kind) {
      case 'tableRead':
      case 'tableReadWrite':
      case 'tableItems':
        if (firstTable) env['TABLE_NAME'] = tableName(grant.table);
        firstTable = false;
        env[`TABLE_NAME_${envKey(grant.table)}`] = tableName(grant.table);
        break;
      case 'busPut':
        env['EVENT_BUS_NAME'] = `${w.service}-${stage}-bus`;
        break;
      case 'alertPublish':
        env['ALERT_TOPIC_ARN'] = `arn:aws:sns:${region}:${LOCAL_ACCOUNT_ID}:${w.service}-${stage}-alerts`;
        break;
      case 'ingestBucketReadWrite':
        env['INGEST_BUCKET_NAME'] = `${w.service}-${stage}-ingest`;
        break;
      case 'graphqlIam':
        // The local server's URL is only known once it listens: pass GRAPHQL_URL via `environment`.
        break;
    }
  }
  const extra = typeof options.environment === 'function' ? options.environment() : options.environment;
  return { ...env, ...extra };
}

function lambdaContext(physicalName: string, spec: FunctionSpec, region: string, deadline: number): Context {
  const requestId = randomUUID();
  const unsupported = (): never => {
    throw new Error('callback-style context methods are not supported: return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: physicalName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${physicalName}`,
    memoryLimitInMB: String(spec.memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${physicalName}`,
    logStreamName: `${new Date().toISOString().slice(0, 10).replace(/-/g, '/')}/[$LATEST]${requestId.replace(/-/g, '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

export function createLocalFunctions(options: LocalFunctionsOptions): LocalFunctions {
  const w = options.wiring ?? defaultWiring;
  const functionsDir = options.functionsDir ?? fileURLToPath(new URL('../../functions/', import.meta.url));
  const region = options.region ?? LOCAL_REGION;
  const modules = new Map<string, Promise<LambdaHandler>>();
  const envs = new Map<string, Record<string, string>>();

  const specOf = (name: string): FunctionSpec => {
    const spec = w.functions[name];
    if (!spec) throw new Error(`unknown function "${name}": wiring.functions has ${Object.keys(w.functions).join(', ')}`);
    return spec;
  };
  const envOf = (name: string): Record<string, string> => {
    // A dynamic environment is read per invocation; a static one once per function.
    if (typeof options.environment === 'function') return functionEnvironment(name, specOf(name), options);
    let env = envs.get(name);
    if (!env) {
      env = functionEnvironment(name, specOf(name), options);
      envs.set(name, env);
    }
    return env;
  };
  const load = (name: string, spec: FunctionSpec): Promise<LambdaHandler> => {
    let loaded = modules.get(name);
    if (!loaded) {
      const file = join(functionsDir, spec.folder, 'index.ts');
      loaded = (import(pathToFileURL(file).href) as Promise<Record<string, unknown>>).then((mod) => {
        const handler = mod['handler'];
        if (typeof handler !== 'function') throw new Error(`${file} does not export a function named "handler"`);
        return handler as LambdaHandler;
      });
      // A failed import is retried next time (the developer may be fixing the file).
      loaded.catch(() => modules.delete(name));
      modules.set(name, loaded);
    }
    return loaded;
  };

  return {
    names: Object.keys(w.functions),
    environment: (name) => ({ ...envOf(name) }),
    async invoke(name, event) {
      const spec = specOf(name);
      const env = envOf(name);
      const handler = await load(name, spec);
      Object.assign(process.env, env);
      const timeoutMs = spec.timeoutSeconds * 1000;
      const context = lambdaContext(env['AWS_LAMBDA_FUNCTION_NAME'] ?? name, spec, region, Date.now() + timeoutMs);
      const run = Promise.resolve().then(() => handler(event, context));
      if (options.enforceTimeout === false) return run;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new FunctionTimeoutError(name, spec.timeoutSeconds)), timeoutMs);
        timer.unref();
      });
      try {
        return await Promise.race([run, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
