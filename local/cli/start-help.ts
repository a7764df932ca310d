/** Help of `stockroom start` (kept apart so `--help` does not load the server). */
export const START_HELP = `Usage: stockroom start [--port 4000] [--host 127.0.0.1] [--in-memory] [--reset] [--state-dir .stockroom] [--tls]

Starts DynamoDB Local, creates the wired tables, bundles the resolvers and serves the AppSync
emulator at http://<host>:<port>/graphql. Demo data is loaded on the first start.

  --port N          HTTP port (default 4000)
  --host H          interface to listen on (default 127.0.0.1)
  --in-memory       throw-away run: nothing is persisted
  --reset           wipe persisted data (tables, keys, demo data) before starting
  --state-dir DIR   where data, keys and local.json live (default .stockroom/)
  --query-depth N   reject fields deeper than N (1-75; AppSync's queryDepthLimit; default unlimited)
  --resolver-count-limit N
                    resolvers per request (1-10000; AppSync's resolverCountLimit; default 10000)
  --faults SPEC     inject what AWS raises under contention and DynamoDB Local never does, e.g.
                    conflict=0.2,throttle=0.1[,seed=7][,ops=TransactWriteItems] (or STOCKROOM_FAULTS)
  --no-introspection
                    reject __schema/__type queries (AppSync's introspectionConfig DISABLED)
  --tls             serve HTTPS and WSS with a self-signed certificate generated on first start
                    (kept in <state-dir>/tls/; its path is in local.json as tls.certificate)`;
