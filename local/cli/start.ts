/**
 * `stockroom start`: reads the flags, starts the local Stockroom (`local/server/start.ts`), prints
 * the connection facts, and stops in order on Ctrl-C (SIGINT), SIGTERM or a closed terminal (SIGHUP).
 */
import { join, sep } from 'node:path';
import { parseFaults, type FaultInjection } from '../datasources/fault-injection.js';
import { DEFAULT_STATE_DIR, startStockroom } from '../server/start.js';
import { parseFlags, UsageError } from './args.js';

export async function startCommand(argv: readonly string[]): Promise<void> {
  const started = performance.now();
  const flags = parseFlags(argv, {
    port: 'string',
    host: 'string',
    'in-memory': 'boolean',
    reset: 'boolean',
    'state-dir': 'string',
    'query-depth': 'string',
    'resolver-count-limit': 'string',
    'no-introspection': 'boolean',
    faults: 'string',
    tls: 'boolean',
  });
  const port = flags.port === undefined ? 4000 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number from 0 to 65535');
  const intFlag = (name: string, raw: string | undefined, min: number, max: number): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
  const queryDepth = intFlag('query-depth', flags['query-depth'], 1, 75);
  const resolverCount = intFlag('resolver-count-limit', flags['resolver-count-limit'], 1, 10_000);
  let faults: Partial<FaultInjection> | undefined;
  try {
    faults = parseFaults(flags.faults);
  } catch (error) {
    throw new UsageError(`--faults: ${error instanceof Error ? error.message : String(error)}`);
  }
  const stockroom = await startStockroom({
    port,
    host: flags.host,
    inMemory: flags['in-memory'] ?? false,
    reset: flags.reset ?? false,
    stateDir: flags['state-dir'],
    faults,
    tls: flags.tls ?? false,
    limits: {
      ...(queryDepth === undefined ? {} : { queryDepth }),
      ...(resolverCount === undefined ? {} : { resolverCount }),
      ...(flags['no-introspection'] ? { introspection: false } : {}),
    },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const lines = [
    '',
    `Stockroom is ready in ${seconds}s${flags['in-memory'] ? ' (in memory: nothing is kept)' : ''}`,
    '',
    `  GraphQL         ${stockroom.graphqlUrl}`,
    `  Real-time       ${stockroom.realtimeUrl}`,
    `  Admin app       ${stockroom.graphqlUrl.replace(/\/graphql$/, '/admin/')}`,
    `  DynamoDB Local  ${stockroom.dynamoEndpoint}`,
    `  Demo storefront ${stockroom.graphqlUrl.replace(/\/graphql$/, '')}/demo`,
    `  Widget script   ${stockroom.graphqlUrl.replace(/\/graphql$/, '')}/widget/stockroom-stock.js`,
    ...(stockroom.tls ? [`  TLS certificate ${stockroom.tls.certificate} (self-signed: trust it as a CA)`] : []),
    '',
    `  Storefront API key (x-api-key):     ${stockroom.apiKey}`,
    `  Admin dev token (Authorization):    ${stockroom.adminToken}`,
    ...Object.entries(stockroom.partnerKeys).map(([partner, key]) => `  Partner key ${partner.padEnd(22)} ${key}`),
    `  IAM access key id:                  ${stockroom.iamCredentials.accessKeyId}`,
    '',
    `  Connection facts: ${stockroom.connectionFile ?? join(flags['state-dir'] ?? DEFAULT_STATE_DIR, 'local.json')}${stockroom.connectionFile && !stockroom.connectionFile.endsWith(`${sep}local.json`) ? ' (another Stockroom owns this state folder and its local.json)' : ''}`,
    '  Press Ctrl-C to stop.',
    '',
  ];
  // The handlers go in before the ready line: whoever reads it may press Ctrl-C at once, and a
  // SIGINT with no listener yet would end the process by the default action, skipping the ordered stop.
  const stopped = new Promise<void>((resolve) => {
    const shutdown = (signal: NodeJS.Signals): void => {
      process.stdout.write(`\nStopping Stockroom (${signal})...\n`);
      stockroom
        .stop()
        .catch((error: unknown) => process.stderr.write(`stop failed: ${String(error)}\n`))
        .finally(() => {
          resolve();
          process.exit(0);
        });
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    process.once('SIGHUP', shutdown);
  });
  process.stdout.write(`${lines.join('\n')}\n`);
  await stopped;
}
