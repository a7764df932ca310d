/**
 * `stockroom start`: DynamoDB Local (persisted under `.stockroom/dynamodb/`, or in memory), the
 * wired tables, the resolver bundles, the AppSync emulator over HTTP, demo data on first start,
 * and the connection facts printed and written to `.stockroom/local.json`.
 *
 * `startStockroom(options)` is the programmatic form the tests use (an existing DynamoDB endpoint
 * and a unique stage let test files share one DynamoDB Local).
 */
// First: before any function module loads the X-Ray SDK (see the module).
import '../services/xray-manual-mode.js';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { buildResolvers } from '../../build/bundle.js';
import { loadSchema } from '../../build/schema.js';
import { resolveEnvironment, resourceName, wiring } from '../../build/wiring.js';
import { createPartnerKeyFunction } from '../../functions/authorizer/index.js';
import { createFaultController, faultsFromEnv } from '../datasources/fault-injection.js';
import { writeConnectionFile, type ConnectionFacts } from '../services/connection-file.js';
import { loadDemoData } from '../services/demo-data.js';
import { databaseDir, DEFAULT_STATE_DIR } from '../services/state-dir.js';
import { loadState, saveState } from '../services/state-file.js';
import { createDynamoClient, startDynamoLocal, type DynamoLocal } from '../services/dynamodb-local.js';
import { createLocalDlq } from '../services/dlq.js';
import { createLocalFunctions } from '../services/function-runner.js';
import { scheduledEvent, startScheduler } from '../services/scheduler.js';
import { traceHop } from '../services/latency-trace.js';
import { startStreamPoller } from '../services/stream-poller/index.js';
import { startS3Service } from '../services/s3/start-hook.js';
import { ensureTables, deleteTables } from '../services/tables.js';
import { authRules, type AuthMode } from './auth/directives.js';
import { DevUserPool, loadOrCreateDevKey } from './auth/dev-jwt.js';
import { LambdaAuthorizer, type AuthorizerResult } from './auth/lambda-authorizer.js';
import { createEngineRunner } from './graphql.js';
import { createGraphqlServer, listen } from './http.js';
import { installAppSyncScalars } from './scalars.js';
import type { AuthConfig } from './auth/authenticate.js';
import { attachRealtime, type RealtimeServer } from './realtime/server.js';
import { attachAdminRoute } from './admin-route/index.js';
import { attachStaticRoutes } from './static-routes.js';
import { createDataSources, executableResolvers } from './startup/data-sources.js';
import { startEventServices } from './startup/event-services.js';
import { takeStateFolder } from './startup/state-folder.js';
import { createStopList } from './startup/stop-order.js';
import { startTlsFront } from './tls.js';

export { StateFolderInUseError } from './startup/state-folder.js';

export { DEFAULT_STATE_DIR };
import type { StartOptions, Stockroom } from './startup/types.js';
export type { StartOptions, Stockroom };
const DEFAULT_MODE: AuthMode = 'API_KEY';

export async function startStockroom(options: StartOptions = {}): Promise<Stockroom> {
  const log = options.log ?? ((m: string) => console.error(m));
  const stage = options.stage ?? 'local';
  const host = options.host ?? '127.0.0.1';
  const inMemory = options.inMemory ?? false;
  const stateDir = options.stateDir ?? DEFAULT_STATE_DIR;
  const persistent = !inMemory;
  const statePath = persistent ? join(stateDir, 'state.json') : undefined;
  const dbPath = databaseDir(stateDir);

  const writeFacts = options.writeConnectionFile ?? true;
  const lock = takeStateFolder({
    stateDir,
    persistent,
    writeFacts,
    reset: options.reset ?? false,
    externalDynamo: options.dynamoEndpoint !== undefined,
    log,
  });
  const { onStop, stopAll } = createStopList(log);
  if (lock) onStop('lock', () => lock.release());

  try {
    // DynamoDB Local (Java) and esbuild run in parallel: together they are most of the start time.
    const [dynamo, built, key] = await Promise.all([
      options.dynamoEndpoint
        ? Promise.resolve<DynamoLocal | undefined>(undefined)
        : startDynamoLocal(persistent ? { dbPath } : { inMemory: true }),
      buildResolvers(),
      loadOrCreateDevKey(persistent ? join(stateDir, 'dev-signing-key.json') : undefined),
    ]);
    if (dynamo) {
      onStop('dynamodb', () => dynamo.stop());
      lock?.update({ dynamoPid: dynamo.pid });
    }
    const endpoint = options.dynamoEndpoint ?? dynamo!.endpoint;

    const client: DynamoDBClient = createDynamoClient(endpoint);
    onStop('client', () => client.destroy());
    const tables = await ensureTables(client, { stage });
    const tableName = tables['main'] ?? resourceName(stage, 'main');
    const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    const partnerKeyFunction = createPartnerKeyFunction({ doc, tableName });
    const logicalTable = (logical: string): string => tables[logical] ?? resourceName(stage, logical);
    const state = loadState(statePath);
    // Known once the local endpoints (bus, SNS) and the HTTP server listen; read per invocation.
    const lateEnvironment: Record<string, string> = {
      // The functions' own IAM identity: what the local server accepts for the @aws_iam publish
      // mutations (DynamoDB Local runs with -sharedDb, so its data does not depend on the key).
      AWS_ACCESS_KEY_ID: state.iam.accessKeyId,
      AWS_SECRET_ACCESS_KEY: state.iam.secretAccessKey,
    };
    // One runner for every wired function: imported on first call, invoked with its wired environment.
    const functions = createLocalFunctions({
      stage,
      dynamoEndpoint: endpoint,
      tableName: logicalTable,
      environment: () => lateEnvironment,
    });
    const { eventBridge, sns } = await startEventServices({
      stage,
      host,
      region: state.iam.region,
      stateDir: persistent ? stateDir : undefined,
      invoke: (name, event) => functions.invoke(name, event),
      onStop,
      log,
    });
    lateEnvironment['AWS_ENDPOINT_URL_EVENTBRIDGE'] = eventBridge.url;
    lateEnvironment['AWS_ENDPOINT_URL_SNS'] = sns.url;
    // One fault controller for every DynamoDB data source (STOCKROOM_FAULTS="conflict=0.2,throttle=0.1").
    const faults = createFaultController(options.faults ?? faultsFromEnv() ?? {});

    // Local only: a resolver's completed write wakes the stream pollers (assigned once they run),
    // so its change does not wait out the poll interval. Lambda's stream polling has its own latency.
    let wakeStreams = (): void => undefined;
    const dataSources = createDataSources({
      client,
      stage,
      tableName: logicalTable,
      faults,
      invoke: (name, event) => functions.invoke(name, event),
      authorizer: (event) => partnerKeyFunction(event),
      onWrite: () => wakeStreams(),
      log,
    });
    // The change stream feeds the stream functions (the ledger); started before any write we make.
    const dlq = createLocalDlq(persistent ? { dir: join(stateDir, 'dlq') } : {});
    const poller = await startStreamPoller({
      endpoint,
      stage,
      tableName: logicalTable,
      invoke: (name, event) => functions.invoke(name, event),
      checkpointFile: persistent ? join(stateDir, 'stream-checkpoints.json') : undefined,
      dlq,
    });
    wakeStreams = () => poller.wake();
    onStop('stream poller', async () => {
      // Bounded: on Ctrl-C, DynamoDB Local may already be gone (checkpoints make the next start resume).
      await poller.drain({ timeoutMs: 2000 }).catch(() => undefined);
      await poller.stop();
    });
    const s3 = await startS3Service({
      stage,
      credentials: state.iam,
      region: state.iam.region,
      stateDir: persistent ? stateDir : undefined,
      host,
      invoke: (name, event) => functions.invoke(name, event),
      dlq,
      environment: lateEnvironment,
      onStop: (run) => onStop('s3', run),
      log,
    });
    const scheduler = startScheduler({
      stage,
      invoke: (name, event) => functions.invoke(name, event),
      dlq,
      schedules: options.schedules === false ? [] : undefined,
    });
    onStop('schedules', () => scheduler.stop());

    const resolvers = executableResolvers(built, dataSources);

    const userPool = new DevUserPool(key);
    const authorizerSpec = Object.values(wiring.functions).find((f) => f.trigger.kind === 'appsyncAuthorizer');
    const trigger = authorizerSpec?.trigger.kind === 'appsyncAuthorizer' ? authorizerSpec.trigger : undefined;
    const authorizer = trigger
      ? new LambdaAuthorizer({
          invoke: async (event) => (await partnerKeyFunction(event)) as AuthorizerResult,
          resultTtlSeconds: options.authorizerTtlSeconds ?? trigger.resultTtlSeconds,
          identityValidationExpression: trigger.identityValidationExpression,
          apiId: 'local',
          accountId: state.iam.accountId,
        })
      : undefined;

    const schema = installAppSyncScalars(loadSchema());
    const run = createEngineRunner({
      schema,
      resolvers,
      rules: authRules(schema, DEFAULT_MODE),
      env: resolveEnvironment(stage, (logical) => tables[logical] ?? resourceName(stage, logical)),
      limits: { resolverCount: 10_000, introspection: true, ...options.limits },
      log: (error) => log(`[graphql] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
      resolverLog: (field, line) => log(`[resolver ${field}] ${line}`),
      onFieldResolved: (field, value) => {
        if (field === 'Mutation.setStock') traceHop('resolved', value);
        // Local only: AppSync cannot flush its authorizer cache, here a revoked key dies at once.
        if (field === 'Mutation.revokePartnerKey' && authorizer && value && typeof value === 'object') {
          const keyId = (value as { keyId?: unknown }).keyId;
          authorizer.invalidate((context) => context['keyId'] === keyId);
        }
      },
      // Called only once the server listens: `realtime` is assigned by then.
      onMutationCompleted: (completed) => {
        const traced = completed.fieldName === 'publishStockChange';
        if (traced) traceHop('publish-resolved', completed.value);
        realtime.publish(completed);
        if (traced) traceHop('fanout-sent', completed.value);
      },
    });
    const auth: AuthConfig = {
      apiKeys: () => new Set([state.apiKey]),
      userPool,
      lambda: authorizer,
      iam: (accessKeyId) => (accessKeyId === state.iam.accessKeyId ? state.iam : undefined),
    };
    const server: Server = createGraphqlServer({
      auth,
      run,
      maxBodyBytes: options.maxBodyBytes,
      log: (message, error) => log(`[http] ${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    });
    // The admin app at /admin (its bundle, config.json, the local dev sign-in).
    attachAdminRoute(server, { userPool, log });
    // With --tls the plain server listens on a loopback port for the run's own functions only.
    const innerPort = await listen(server, options.tls ? 0 : (options.port ?? 4000), options.tls ? '127.0.0.1' : host);
    onStop(
      'server',
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );
    // The real-time endpoint shares the HTTP server (ws://<host>/graphql/realtime).
    const realtime: RealtimeServer = attachRealtime(server, {
      schema,
      rules: authRules(schema, DEFAULT_MODE),
      resolvers,
      env: resolveEnvironment(stage, logicalTable),
      auth,
      limits: options.realtime,
      log: (error) => log(`[realtime] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
      resolverLog: (field, line) => log(`[resolver ${field}] ${line}`),
      onError: (message, error) => log(`[realtime] ${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    });
    onStop('realtime', () => realtime.close());

    const tls = options.tls ? await startTlsFront(server, { stateDir, host, port: options.port ?? 4000 }) : undefined;
    if (tls) onStop('server', () => tls.close());
    const port = tls?.port ?? innerPort;
    const urlHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
    const graphqlUrl = `${tls ? 'https' : 'http'}://${urlHost}:${port}/graphql`;
    const innerGraphqlUrl = tls ? `http://127.0.0.1:${innerPort}/graphql` : graphqlUrl;
    // The publisher's live pushes call this server (until now its stream batches retry).
    lateEnvironment['GRAPHQL_URL'] = innerGraphqlUrl;
    attachStaticRoutes(server, { graphqlUrl: () => graphqlUrl, apiKey: () => state.apiKey, log });
    const adminToken = await userPool.issue({ username: 'admin', groups: ['admin'] });

    let partnerKeys = state.demoPartnerKeys ?? {};
    if ((options.demoData ?? true) && !state.demoLoaded) {
      partnerKeys = await loadDemoData(async (query, variables) => {
        const res = await fetch(innerGraphqlUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: adminToken },
          body: JSON.stringify({ query, variables }),
        });
        return (await res.json()) as { data?: unknown; errors?: unknown[] };
      });
      state.demoPartnerKeys = partnerKeys;
      state.demoLoaded = true;
    }
    saveState(statePath, state);

    const facts: ConnectionFacts = {
      graphqlUrl,
      realtimeUrl: `${tls ? 'wss' : 'ws'}://${urlHost}:${port}/graphql/realtime`,
      apiKey: state.apiKey,
      adminToken,
      partnerKeys,
      iamCredentials: { accessKeyId: state.iam.accessKeyId, secretAccessKey: state.iam.secretAccessKey, region: state.iam.region },
      endpoints: { events: eventBridge.url, sns: sns.url, s3: s3.url },
      buckets: s3.buckets,
      ...(tls ? { tls: tls.files } : {}),
    };
    let connectionFile: string | undefined;
    if (writeFacts) {
      // The folder's own local.json belongs to the run holding the folder; any other run's file sits beside it.
      connectionFile = lock ? join(stateDir, 'local.json') : join(stateDir, `local.in-memory-${process.pid}-${port}.json`);
      const path = connectionFile;
      writeConnectionFile(path, facts);
      onStop('connection file', () => rmSync(path, { force: true }));
      lock?.update({ graphqlUrl });
    }
    let stopping: Promise<void> | undefined;
    return {
      ...facts,
      port,
      stage,
      connectionFile,
      tableName,
      dynamoEndpoint: endpoint,
      userPool,
      authorizer,
      iam: state.iam,
      issueToken: (o) => userPool.issue(o),
      faults,
      drainStreams: () => poller.drain(),
      // Invoked directly (not through the scheduler) so concurrent calls really run concurrently.
      runFunction: (name) => functions.invoke(name, scheduledEvent(stage, name)),
      realtime,
      eventBridge,
      sns,
      stop: () => (stopping ??= stopAll()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Removes a test stage's tables (programmatic runs on a shared DynamoDB). */
export async function dropStage(endpoint: string, stage: string): Promise<void> {
  const client = createDynamoClient(endpoint);
  try {
    await deleteTables(client, { stage });
  } finally {
    client.destroy();
  }
}
