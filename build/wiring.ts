/**
 * The one description of how Stockroom is wired. Pure data: read by the CDK stack (`infra/`)
 * and by the local runtime (`local/`). Nothing here imports code of ours, and nothing is wired
 * anywhere else.
 *
 * Resolver files are discovered by name (`resolvers/<Type>.<field>.ts`, pipelines as folders
 * `resolvers/<Type>.<field>/index.ts` + `NN.<step>.ts`); `build/wiring-check.ts` checks that every
 * file has a field and a data source here, and every entry here has a file and a schema field.
 *
 * Shared pipeline functions: a step that several pipelines run the same way lives once, as
 * `resolvers/functions/<name>.ts` (exporting `request`/`response`), and pipelines name it with
 * `shared('<name>')`. It is bundled once and deployed as ONE AppSync function that every pipeline
 * using it references; steps of one field only stay `NN.<step>.ts` in the field's folder.
 */

export type AttributeType = 'S' | 'N' | 'B';

export interface KeyAttribute {
  readonly name: string;
  readonly type: AttributeType;
}

export interface GlobalSecondaryIndex {
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

export interface TableSpec {
  /** Logical name; deployed as `stockroom-<stage>-<name>`. */
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalSecondaryIndexes: readonly GlobalSecondaryIndex[];
  readonly stream?: 'NEW_AND_OLD_IMAGES' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'KEYS_ONLY';
  /** Epoch-seconds attribute that DynamoDB TTL deletes on (lazily: never used to release stock). */
  readonly timeToLiveAttribute?: string;
}

export type DataSourceSpec =
  | { readonly kind: 'AMAZON_DYNAMODB'; readonly table: string }
  | { readonly kind: 'AWS_LAMBDA'; readonly function: string }
  | { readonly kind: 'NONE' };

/** A unit resolver names its data source; a pipeline names each step's data source in order. */
export type ResolverSpec =
  | { readonly kind: 'unit'; readonly dataSource: string }
  | { readonly kind: 'pipeline'; readonly functions: readonly PipelineFunctionSpec[] };

export interface PipelineFunctionSpec {
  /**
   * The step's file without extension: inside the pipeline folder (e.g. `03.reserve`), or for a
   * shared function its name under `resolvers/functions/` (e.g. `loadStock`).
   */
  readonly file: string;
  /** True for a shared AppSync function (`resolvers/functions/<file>.ts`), deployed once. */
  readonly shared?: boolean;
  readonly dataSource: string;
}

/** A pipeline step that runs the shared AppSync function `resolvers/functions/<name>.ts`. */
export interface SharedStep {
  readonly shared: string;
}

export function shared(name: string): SharedStep {
  return { shared: name };
}

export type TriggerSpec =
  | { readonly kind: 'appsyncAuthorizer'; readonly resultTtlSeconds: number; readonly identityValidationExpression: string }
  | { readonly kind: 'schedule'; readonly rateMinutes: number }
  | { readonly kind: 'dynamodbStream'; readonly table: string; readonly batchSize: number }
  | { readonly kind: 'eventRule'; readonly detailTypes: readonly string[] }
  /** Invoked only by AppSync as a Lambda data source (synchronously: no DLQ). */
  | { readonly kind: 'appsyncDataSource' }
  | {
      readonly kind: 's3Upload';
      readonly prefix: string;
      /** '' for every file under the prefix. */
      readonly suffix: string;
      /**
       * Delivered through an SQS queue (with this redrive) instead of invoking the function: the
       * handler then receives SQS events holding S3 events and reports partial batch failures.
       */
      readonly queue?: { readonly batchSize: number; readonly maxReceiveCount: number };
    };

export interface FunctionSpec {
  /** Folder under `functions/` holding `index.ts` that exports `handler`. */
  readonly folder: string;
  readonly trigger: TriggerSpec;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /**
   * Node.js flags for the function's process (Lambda reads `NODE_OPTIONS`), e.g. a smaller young
   * generation where peak memory matters more than collection count. Local runs host handlers in
   * the server's process, so only the deployed function and the benchmark's child process use them.
   */
  readonly nodeOptions?: string;
  /** What the handler may touch; infra turns each into a least-privilege grant. */
  readonly grants: readonly Grant[];
  /** Caps concurrency where the function protects a downstream (e.g. a sweeper racing itself). */
  readonly reservedConcurrency?: number;
}

export type Grant =
  | { readonly kind: 'tableRead'; readonly table: string }
  | { readonly kind: 'tableReadWrite'; readonly table: string }
  /** Only these item actions, only on items whose partition key starts with the prefix. */
  | {
      readonly kind: 'tableItems';
      readonly table: string;
      readonly actions: readonly ('GetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem')[];
      readonly partitionKeyPrefix: string;
    }
  | { readonly kind: 'busPut' }
  | { readonly kind: 'alertPublish' }
  | { readonly kind: 'graphqlIam' }
  | { readonly kind: 'ingestBucketReadWrite' };

export interface Wiring {
  readonly service: string;
  readonly tables: readonly TableSpec[];
  readonly dataSources: Readonly<Record<string, DataSourceSpec>>;
  readonly resolvers: Readonly<Record<string, ResolverSpec>>;
  readonly functions: Readonly<Record<string, FunctionSpec>>;
  /** AppSync environment variables (`ctx.env`); `{stage}`/`{table:<name>}` are filled per stage. */
  readonly resolverEnvironment: Readonly<Record<string, string>>;
}

const mainTable: TableSpec = {
  name: 'main',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalSecondaryIndexes: [
    // gsi1: ACTIVE reservations by expiry (sparse: only ACTIVE holds carry gsi1 keys).
    { name: 'gsi1', partitionKey: { name: 'gsi1pk', type: 'S' }, sortKey: { name: 'gsi1sk', type: 'S' } },
    // gsi2: things by owner (reservations by partner, orders by customer), newest first.
    { name: 'gsi2', partitionKey: { name: 'gsi2pk', type: 'S' }, sortKey: { name: 'gsi2sk', type: 'S' } },
    // gsi3: lookups by secondary id (partner keys by partner, products by category).
    { name: 'gsi3', partitionKey: { name: 'gsi3pk', type: 'S' }, sortKey: { name: 'gsi3sk', type: 'S' } },
    // gsi4: orders newest first, all of them (admin listing; docs/orders.md).
    { name: 'gsi4', partitionKey: { name: 'gsi4pk', type: 'S' }, sortKey: { name: 'gsi4sk', type: 'S' } },
    // Alerts and inventory browse (docs/alerts.md): gsi5 by status (inventory items, alerts),
    // gsi6 items by category, gsi7 items by warehouse, gsi8 all items / all alerts.
    { name: 'gsi5', partitionKey: { name: 'gsi5pk', type: 'S' }, sortKey: { name: 'gsi5sk', type: 'S' } },
    { name: 'gsi6', partitionKey: { name: 'gsi6pk', type: 'S' }, sortKey: { name: 'gsi6sk', type: 'S' } },
    { name: 'gsi7', partitionKey: { name: 'gsi7pk', type: 'S' }, sortKey: { name: 'gsi7sk', type: 'S' } },
    { name: 'gsi8', partitionKey: { name: 'gsi8pk', type: 'S' }, sortKey: { name: 'gsi8sk', type: 'S' } },
    // admin reservations listing
    // gsi14: every reservation newest first (docs/admin-app.md); keys written once, at creation.
    { name: 'gsi14', partitionKey: { name: 'gsi14pk', type: 'S' }, sortKey: { name: 'gsi14sk', type: 'S' } },
    // catalog (docs/catalog.md): gsi9 a category by popularity; gsi10 a category by name and
    // category-scoped name search; gsi11 all products by popularity and name search.
    { name: 'gsi9', partitionKey: { name: 'gsi9pk', type: 'S' }, sortKey: { name: 'gsi9sk', type: 'S' } },
    { name: 'gsi10', partitionKey: { name: 'gsi10pk', type: 'S' }, sortKey: { name: 'gsi10sk', type: 'S' } },
    { name: 'gsi11', partitionKey: { name: 'gsi11pk', type: 'S' }, sortKey: { name: 'gsi11sk', type: 'S' } },
    // customers
    // gsi12: customers by email (prefix search); gsi13: customer imports newest first (docs/customers.md).
    { name: 'gsi12', partitionKey: { name: 'gsi12pk', type: 'S' }, sortKey: { name: 'gsi12sk', type: 'S' } },
    { name: 'gsi13', partitionKey: { name: 'gsi13pk', type: 'S' }, sortKey: { name: 'gsi13sk', type: 'S' } },
  ],
  stream: 'NEW_AND_OLD_IMAGES',
  timeToLiveAttribute: 'ttl',
};

/** A pipeline whose steps (own files or shared functions) all use the main table's data source. */
function pipeline(steps: readonly (string | SharedStep)[], dataSource = 'table'): ResolverSpec {
  return {
    kind: 'pipeline',
    functions: steps.map((step) =>
      typeof step === 'string' ? { file: step, dataSource } : { file: step.shared, shared: true, dataSource },
    ),
  };
}

export const wiring: Wiring = {
  service: 'stockroom',
  tables: [mainTable],
  dataSources: {
    table: { kind: 'AMAZON_DYNAMODB', table: 'main' },
    none: { kind: 'NONE' },
    // Admin consistency check and repair (Query.checkInventoryConsistency, Mutation.repairInventory).
    consistency: { kind: 'AWS_LAMBDA', function: 'inventory-consistency' },
    // The partner-key function (also the Lambda authorizer) creates keys: APPSYNC_JS cannot hash.
    partnerKeys: { kind: 'AWS_LAMBDA', function: 'authorizer' },
    // customers: creates import jobs and signs S3 URLs (APPSYNC_JS cannot sign).
    importSigner: { kind: 'AWS_LAMBDA', function: 'import-signer' },
  },
  resolvers: {
    // Inventory and reservations (docs/data-model.md)
    'Query.stockLevel': { kind: 'unit', dataSource: 'table' },
    'Query.productStock': { kind: 'unit', dataSource: 'table' },
    'Query.reservation': { kind: 'unit', dataSource: 'table' },
    'Query.stockLedger': { kind: 'unit', dataSource: 'table' },
    'Mutation.setStock': pipeline(['01.write', shared('registerWarehouse')]),
    'Mutation.receiveStock': pipeline(['01.receive', '02.load', shared('registerWarehouse')]),
    'Mutation.reserveStock': pipeline([shared('loadWarehouses'), shared('loadStock'), '03.reserve', '04.loadOriginal']),
    'Mutation.commitStock': pipeline([shared('loadWarehouses'), shared('loadStock'), '03.commit', '04.loadOriginal']),
    'Mutation.releaseReservation': pipeline([shared('loadReservation'), shared('writeTransition')]),
    'Mutation.confirmReservation': pipeline([shared('loadReservation'), shared('writeTransition')]),
    'Mutation.extendReservation': pipeline([shared('loadReservation'), '02.extend']),
    'Query.checkInventoryConsistency': { kind: 'unit', dataSource: 'consistency' },
    'Mutation.repairInventory': { kind: 'unit', dataSource: 'consistency' },
    // Partner keys
    'Query.partnerKeys': { kind: 'unit', dataSource: 'table' },
    'Mutation.createPartnerKey': { kind: 'unit', dataSource: 'partnerKeys' },
    'Mutation.revokePartnerKey': { kind: 'unit', dataSource: 'table' },
    // Orders (docs/orders.md)
    'Mutation.createOrder': pipeline(['01.load', '02.write', '03.loadOriginal']),
    'Query.order': { kind: 'unit', dataSource: 'table' },
    'Query.ordersByCustomer': { kind: 'unit', dataSource: 'table' },
    'Query.orders': { kind: 'unit', dataSource: 'table' },
    'Mutation.updateOrderStatus': pipeline(['01.load', '02.write']),
    'Mutation.cancelOrder': pipeline(['01.load', '02.write']),
    // Real-time (docs/realtime.md): the IAM publish mutation and the subscriptions' start-time checks.
    'Mutation.publishStockChange': { kind: 'unit', dataSource: 'none' },
    'Subscription.onStockChanged': { kind: 'unit', dataSource: 'none' },
    'Subscription.onStockChangedForProducts': { kind: 'unit', dataSource: 'none' },
    // Alerts and inventory browse (docs/alerts.md)
    'Query.inventoryItems': { kind: 'unit', dataSource: 'table' },
    'Query.alerts': { kind: 'unit', dataSource: 'table' },
    'Mutation.acknowledgeAlert': { kind: 'unit', dataSource: 'table' },
    'Mutation.publishAlert': { kind: 'unit', dataSource: 'none' },
    // Admin reservations listing (docs/admin-app.md)
    'Query.reservations': { kind: 'unit', dataSource: 'table' },
    // Real-time: orders (docs/realtime.md): the IAM publish mutation and the partner filter.
    'Mutation.publishOrderChange': { kind: 'unit', dataSource: 'none' },
    'Subscription.onOrderStatusChanged': { kind: 'unit', dataSource: 'none' },
    // catalog (docs/catalog.md)
    'Query.product': { kind: 'unit', dataSource: 'table' },
    'Query.productsByCategory': { kind: 'unit', dataSource: 'table' },
    'Query.searchProducts': pipeline(['01.tokens', '02.products']),
    'Query.recommendations': pipeline(['01.orders', '02.categories', '03.category', '04.popular']),
    'Mutation.upsertProduct': pipeline(['01.load', '02.write']),
    'Product.stock': { kind: 'unit', dataSource: 'table' },
    // customers (docs/customers.md)
    'Query.customer': { kind: 'unit', dataSource: 'table' },
    'Query.customers': { kind: 'unit', dataSource: 'table' },
    'Query.customerImport': { kind: 'unit', dataSource: 'table' },
    'Query.customerImports': { kind: 'unit', dataSource: 'table' },
    'Mutation.startCustomerImport': { kind: 'unit', dataSource: 'importSigner' },
    'CustomerImport.errorReportUrl': { kind: 'unit', dataSource: 'importSigner' },
    'Mutation.publishImportProgress': { kind: 'unit', dataSource: 'none' },
    'Subscription.onImportProgress': { kind: 'unit', dataSource: 'none' },
  },
  functions: {
    authorizer: {
      folder: 'authorizer',
      trigger: { kind: 'appsyncAuthorizer', resultTtlSeconds: 60, identityValidationExpression: '^sk_[A-Za-z0-9_-]+$' },
      timeoutSeconds: 5,
      memoryMb: 256,
      // It parses untrusted tokens: it may only read, create and touch partner-key items.
      grants: [{ kind: 'tableItems', table: 'main', actions: ['GetItem', 'PutItem', 'UpdateItem'], partitionKeyPrefix: 'PARTNERKEY#' }],
    },
    // Turns each inventory change record into its ledger row (docs/data-model.md).
    'stream-processor': {
      folder: 'stream-processor',
      trigger: { kind: 'dynamodbStream', table: 'main', batchSize: 100 },
      timeoutSeconds: 30,
      memoryMb: 512,
      grants: [{ kind: 'tableReadWrite', table: 'main' }],
    },
    // Turns each change record into domain events on the bus and live stock pushes (docs/events.md).
    // Its own stream consumer beside the ledger writer (at most two per stream): a bus outage never
    // stalls the ledger. `graphqlIam` gives it GRAPHQL_URL and the right to call publishStockChange.
    'event-publisher': {
      folder: 'event-publisher',
      trigger: { kind: 'dynamodbStream', table: 'main', batchSize: 100 },
      timeoutSeconds: 30,
      memoryMb: 512,
      grants: [{ kind: 'busPut' }, { kind: 'graphqlIam' }],
    },
    // Expires due holds every minute; one instance at a time (its writes are conditional anyway).
    'reservation-sweeper': {
      folder: 'reservation-sweeper',
      trigger: { kind: 'schedule', rateMinutes: 1 },
      timeoutSeconds: 55,
      memoryMb: 512,
      grants: [{ kind: 'tableReadWrite', table: 'main' }],
      reservedConcurrency: 1,
    },
    // Consistency check + repair (AppSync Lambda data source) and a 5-minute safety-net check (EMF metric).
    // AppSync stops a request after 30 s: every call does bounded work (CONSISTENCY_PAGE_LIMIT), so 30 s holds.
    'inventory-consistency': {
      folder: 'inventory-consistency',
      trigger: { kind: 'schedule', rateMinutes: 5 },
      timeoutSeconds: 30,
      memoryMb: 512,
      grants: [{ kind: 'tableReadWrite', table: 'main' }],
    },
    // Alerts (docs/alerts.md): opens and resolves stock alerts from the inventory events, tells
    // the SNS alert topic and the admin app (publishAlert over IAM).
    'low-stock-alerter': {
      folder: 'low-stock-alerter',
      trigger: { kind: 'eventRule', detailTypes: ['LowStockDetected', 'InventoryOversold', 'StockChanged'] },
      timeoutSeconds: 30,
      memoryMb: 512,
      grants: [{ kind: 'tableReadWrite', table: 'main' }, { kind: 'alertPublish' }, { kind: 'graphqlIam' }],
    },
    // The 5-minute safety net: items at or below threshold without a live alert get one (status index, no Scan).
    'low-stock-safety-net': {
      folder: 'low-stock-alerter/safety-net',
      trigger: { kind: 'schedule', rateMinutes: 5 },
      timeoutSeconds: 60,
      memoryMb: 512,
      grants: [{ kind: 'tableReadWrite', table: 'main' }, { kind: 'alertPublish' }, { kind: 'graphqlIam' }],
      reservedConcurrency: 1,
    },
    // event pipeline
    // One receipt per order from OrderCreated (docs/events.md): a conditional put, so redelivery is harmless.
    // It may only put receipt items; their INSERT is what the publisher turns into ReceiptGenerated.
    receipts: {
      folder: 'receipts',
      trigger: { kind: 'eventRule', detailTypes: ['OrderCreated'] },
      timeoutSeconds: 10,
      memoryMb: 256,
      grants: [{ kind: 'tableItems', table: 'main', actions: ['PutItem'], partitionKeyPrefix: 'RECEIPT#' }],
    },
    // catalog (docs/catalog.md): +1 popularity per distinct product of each OrderCreated, exactly
    // once (a per-order marker in the increment's transaction).
    popularity: {
      folder: 'popularity',
      trigger: { kind: 'eventRule', detailTypes: ['OrderCreated'] },
      timeoutSeconds: 30,
      memoryMb: 256,
      grants: [{ kind: 'tableReadWrite', table: 'main' }],
    },
    // Customers (docs/customers.md): CSV files under imports/customers/ arrive through SQS (at least
    // once, partial batch failures, DLQ); one message a batch, since one file can fill a run.
    'customer-ingest': {
      folder: 'customer-ingest',
      trigger: { kind: 's3Upload', prefix: 'imports/customers/', suffix: '', queue: { batchSize: 1, maxReceiveCount: 10 } },
      timeoutSeconds: 900,
      memoryMb: 1024,
      // A small young generation and a capped old one keep the job's peak RSS flat and under
      // 150 MB from 100 k to 1 M rows at the same speed (docs/benchmarks.md, customer ingest); the
      // job holds bounded state (in-flight writes, uncommitted batches), never the file.
      nodeOptions: '--max-semi-space-size=2 --max-old-space-size=96',
      grants: [{ kind: 'tableReadWrite', table: 'main' }, { kind: 'ingestBucketReadWrite' }, { kind: 'graphqlIam' }],
    },
    // startCustomerImport's job + presigned PUT, and errorReportUrl's presigned GET (AppSync data source).
    'import-signer': {
      folder: 'import-signer',
      trigger: { kind: 'appsyncDataSource' },
      timeoutSeconds: 10,
      memoryMb: 256,
      grants: [{ kind: 'tableReadWrite', table: 'main' }, { kind: 'ingestBucketReadWrite' }],
    },
    // Fails import jobs whose upload link expired (plus a grace) without a file, so none waits
    // forever (docs/customers.md); pushes the final state to the job's subscribers (graphqlIam).
    'import-expirer': {
      folder: 'import-expirer',
      trigger: { kind: 'schedule', rateMinutes: 5 },
      timeoutSeconds: 60,
      memoryMb: 256,
      grants: [{ kind: 'tableReadWrite', table: 'main' }, { kind: 'graphqlIam' }],
      reservedConcurrency: 1,
    },
  },
  resolverEnvironment: {
    TABLE_NAME: '{table:main}',
    STAGE: '{stage}',
  },
};

/** Physical name of a wired resource for a stage, e.g. `stockroom-dev-main`. */
export function resourceName(stage: string, logical: string): string {
  return `${wiring.service}-${stage}-${logical}`;
}

/** Fills `{stage}` and `{table:<name>}` placeholders of the resolver environment. */
export function resolveEnvironment(
  stage: string,
  tableName: (logical: string) => string = (t) => resourceName(stage, t),
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, template] of Object.entries(wiring.resolverEnvironment)) {
    out[key] = template.replace(/\{stage\}/g, stage).replace(/\{table:([^}]+)\}/g, (_m, t: string) => tableName(t));
  }
  return out;
}
