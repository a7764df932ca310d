/**
 * The AMAZON_DYNAMODB data source: executes the request objects of APPSYNC_JS resolvers against
 * DynamoDB (Local) and shapes `ctx.result`/`ctx.error` as AppSync does (AWS AppSync Developer
 * Guide, "AWS AppSync JavaScript resolver function reference for DynamoDB").
 *
 * Choices where AppSync's behaviour is not documented (listed in `docs/local-runtime.md`):
 * - A string `condition` is accepted when it is the JSON text of a condition object (the raw
 *   output of `util.transform.toDynamoDBConditionExpression`) [inferred].
 * - On a failed condition with strategy Reject, `ctx.result` holds the current item (or null)
 *   [inferred]. The `Custom` strategy (a Lambda) is not emulated: it behaves as Reject.
 * - `customPartitionKey`, `populateIndexFields`, `_version` (versioned data sources) are ignored;
 *   `Sync` is answered with an unsupported error.
 * - Requests that cannot be parsed get `type: 'MappingTemplate'`; AppSync raises those as field
 *   errors before any DynamoDB call (here they arrive in `ctx.error`).
 * - Service errors: `type: 'DynamoDB:<ExceptionName>'`, message suffixed like the AWS Java SDK
 *   message AppSync relays: `(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: X; Request ID: ...)`.
 *   Transaction cancellations keep DynamoDB's own message without the suffix.
 * - Batch limits (get ≤100, put/delete ≤25) and transact ≤100 are checked up front:
 *   `DynamoDB:ValidationException`, nothing executed.
 *
 * One module per operation family; this one dispatches and turns failures into outcomes.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DataSource, DataSourceOutcome, InvocationMeta } from '../types.js';
import { RequestShapeError } from '../dynamodb-values.js';
import { createFaultController, type FaultController, type FaultInjection } from '../fault-injection.js';
import { batchGetItem, batchWrite } from './batch.js';
import { Failure, serviceFailure, shapeError } from './errors.js';
import { injected } from './faults.js';
import { query, scan } from './query-scan.js';
import { isObject, keyOf, type Json, type TableContext } from './request.js';
import { deleteItem, getItem, putItem, updateItem } from './single-item.js';
import { traceHop } from '../../services/latency-trace.js';
import { transactGetItems, transactItemsOf, transactWriteItem, transactWriteItems } from './transactions.js';

export { LIMITS } from './limits.js';

export interface DynamoDataSourceOptions {
  readonly client: DynamoDBClient;
  /** Physical name of the configured table (single-item operations, Query, Scan). */
  readonly tableName: string;
  /** Initial fault settings, or a shared controller. Changeable later through `ds.faults`. */
  readonly faults?: Partial<FaultInjection> | FaultController;
  /**
   * Called after each write that succeeded (put, update, delete, batch write, transaction): the
   * local server wakes its stream pollers with it, so the change is read from the stream at once.
   */
  readonly onWrite?: () => void;
  /** Where unexpected (non-service) failures are reported; clients only see a generic error. */
  readonly log?: (message: string) => void;
}

export interface DynamoDataSource extends DataSource {
  readonly kind: 'AMAZON_DYNAMODB';
  readonly tableName: string;
  readonly faults: FaultController;
}

type Operation = (ctx: TableContext, req: Json, meta: InvocationMeta | undefined) => Promise<unknown>;

const OPERATIONS: Record<string, Operation> = {
  GetItem: getItem,
  PutItem: putItem,
  UpdateItem: updateItem,
  DeleteItem: deleteItem,
  Query: query,
  Scan: scan,
  BatchGetItem: (ctx, req) => batchGetItem(ctx.client, req),
  BatchPutItem: (ctx, req) => batchWrite(ctx.client, req, 'put'),
  BatchDeleteItem: (ctx, req) => batchWrite(ctx.client, req, 'delete'),
  TransactGetItems: (ctx, req) => transactGetItems(ctx.client, req),
  TransactWriteItems: (ctx, req) => transactWriteItems(ctx.client, req),
};

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchPutItem', 'BatchDeleteItem', 'TransactWriteItems']);

/** Parses a request as its operation would, without calling DynamoDB (for injected faults). */
export function validateOnly(operation: string, req: Json): void {
  switch (operation) {
    case 'TransactWriteItems':
      transactItemsOf(req, operation).forEach(transactWriteItem);
      return;
    case 'TransactGetItems':
      transactItemsOf(req, operation).forEach((t, i) => keyOf(t.key, `transactItems[${i}].key`));
      return;
    case 'GetItem':
    case 'PutItem':
    case 'UpdateItem':
    case 'DeleteItem':
      keyOf(req.key, 'key');
      return;
    default:
      return;
  }
}

export function createDynamoDataSource(options: DynamoDataSourceOptions): DynamoDataSource {
  const { client, tableName } = options;
  const faults: FaultController =
    options.faults && 'decide' in options.faults ? options.faults : createFaultController(options.faults ?? {});
  const log = options.log ?? ((m: string) => console.error(`[dynamodb] ${m}`));
  const ctx: TableContext = { client, tableName };

  return {
    kind: 'AMAZON_DYNAMODB',
    tableName,
    faults,
    async invoke(request: unknown, meta: InvocationMeta): Promise<DataSourceOutcome> {
      try {
        const req = typeof request === 'string' ? (JSON.parse(request) as unknown) : request;
        if (!isObject(req)) throw shapeError('The request must be an object');
        const operation = req.operation;
        if (operation === 'Sync') {
          throw shapeError(
            'Sync is not supported by the local DynamoDB data source (it needs a versioned data source with conflict detection)',
          );
        }
        const run = typeof operation === 'string' ? OPERATIONS[operation] : undefined;
        if (typeof operation !== 'string' || !run) throw shapeError(`Unsupported operation: ${String(operation)}`);
        const fault =
          faults.get().transactionConflictRate > 0 || faults.get().throttleRate > 0 ? injected(faults, operation, req) : undefined;
        if (fault) {
          // Still parse the request so a malformed one reports its own error, not the fault.
          validateOnly(operation, req);
          return { result: fault.result, error: fault.error };
        }
        const result = await run(ctx, req, meta);
        if (operation === 'UpdateItem' || operation === 'PutItem') traceHop('write', result);
        if (WRITES.has(operation)) options.onWrite?.();
        return { result };
      } catch (err) {
        const failure =
          err instanceof Failure ? err : err instanceof RequestShapeError ? shapeError(err.message) : serviceFailure(err, log);
        return { result: failure.result, error: failure.error };
      }
    },
  };
}
