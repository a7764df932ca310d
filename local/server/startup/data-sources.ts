/**
 * The wiring's data sources and resolvers, made executable locally: each DynamoDB data source on
 * its table (with the run's fault controller), NONE, and each Lambda data source invoking its
 * wired function (the authorizer's partner-key function in process); each resolver with the same
 * bundle the CDK stack deploys.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { BuiltResolver } from '../../../build/bundle.js';
import { resourceName, wiring, type FunctionSpec } from '../../../build/wiring.js';
import { createDynamoDataSource } from '../../datasources/dynamodb/index.js';
import type { FaultController } from '../../datasources/fault-injection.js';
import { createLambdaDataSource, type LambdaHandler } from '../../datasources/lambda.js';
import { createNoneDataSource } from '../../datasources/none.js';
import type { DataSource } from '../../datasources/types.js';
import type { ExecutableResolver } from '../../runtime/executor.js';

export interface DataSourceOptions {
  readonly client: DynamoDBClient;
  readonly stage: string;
  /** A wired table's physical name. */
  readonly tableName: (logical: string) => string;
  readonly faults: FaultController;
  /** Invokes a wired function (the local function runner). */
  readonly invoke: (functionName: string, event: unknown) => Promise<unknown>;
  /** The partner-key authorizer, when it is the Lambda data source's target. */
  readonly authorizer: LambdaHandler;
  /** After each completed DynamoDB write (local only: wakes the stream pollers). */
  readonly onWrite: () => void;
  readonly log: (message: string) => void;
}

export function createDataSources(o: DataSourceOptions): Map<string, DataSource> {
  const dataSources = new Map<string, DataSource>();
  for (const [name, spec] of Object.entries(wiring.dataSources)) {
    if (spec.kind === 'AMAZON_DYNAMODB') {
      dataSources.set(
        name,
        createDynamoDataSource({ client: o.client, tableName: o.tableName(spec.table), faults: o.faults, log: o.log, onWrite: o.onWrite }),
      );
    } else if (spec.kind === 'NONE') {
      dataSources.set(name, createNoneDataSource());
    } else {
      const fn: FunctionSpec | undefined = wiring.functions[spec.function];
      const target = spec.function;
      const handler: LambdaHandler = target === 'authorizer' ? o.authorizer : (event) => o.invoke(target, event);
      dataSources.set(
        name,
        createLambdaDataSource({
          handler,
          functionName: resourceName(o.stage, spec.function),
          timeoutSeconds: fn?.timeoutSeconds,
          memoryMb: fn?.memoryMb,
          log: o.log,
        }),
      );
    }
  }
  return dataSources;
}

function toExecutable(field: string, built: BuiltResolver | undefined, dataSources: Map<string, DataSource>): ExecutableResolver {
  const spec = wiring.resolvers[field]!;
  if (!built) throw new Error(`wiring names ${field} but resolvers/ has no file for it`);
  const ds = (name: string): DataSource => {
    const found = dataSources.get(name);
    if (!found) throw new Error(`${field}: unknown data source "${name}"`);
    return found;
  };
  if (spec.kind === 'unit') return { kind: 'unit', id: field, code: built.bundle.code, dataSource: ds(spec.dataSource) };
  return {
    kind: 'pipeline',
    id: field,
    code: built.bundle.code,
    functions: spec.functions.map((f) => {
      const step = built.steps.find((s) => s.file === f.file);
      if (!step) throw new Error(`${field}: pipeline step ${f.file} has no file`);
      return { id: `${field}/${f.file}`, code: step.bundle.code, dataSource: ds(f.dataSource) };
    }),
  };
}

/** Every wired resolver, by field (`Mutation.reserveStock`), with its bundle and data sources. */
export function executableResolvers(
  built: Map<string, BuiltResolver>,
  dataSources: Map<string, DataSource>,
): Map<string, ExecutableResolver> {
  const resolvers = new Map<string, ExecutableResolver>();
  for (const field of Object.keys(wiring.resolvers)) resolvers.set(field, toExecutable(field, built.get(field), dataSources));
  return resolvers;
}
