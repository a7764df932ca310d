/** The `stockroom` command: one entry for every local verb. */

// The local tool runs on Node 20 by design (Lambdas deploy on Node 24); the SDK's
// "Node 20 support ends" notice would print on every start, so it is silenced here only.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
import { UsageError } from './args.js';
import { START_HELP } from './start-help.js';

const HELP = `Usage: stockroom <command> [flags]

Commands:
  start            run Stockroom locally (DynamoDB Local, AppSync emulator, functions, demo data)
  evaluate-code    evaluate one APPSYNC_JS handler against a context file (like aws appsync evaluate-code)
  build            bundle every resolver, check the wiring, write bundles under .build/
  sns tail         follow the messages published to the local SNS topics
  import           upload a customer CSV like the admin app and follow its progress
  help             show this help

Run "stockroom <command> --help" for the flags of a command.`;

type Command = { help: string; run: (argv: readonly string[]) => Promise<void> };

const commands: Record<string, Command> = {
  'evaluate-code': {
    help: `Usage: stockroom evaluate-code --code <file.js|file.ts> --context <context.json> --function request|response
                               [--runtime name=APPSYNC_JS,runtimeVersion=1.0.0]

Evaluates one handler of an APPSYNC_JS module against a context document, like
\`aws appsync evaluate-code\`, and prints {evaluationResult, error, logs, stash, outErrors}.
A .ts file is bundled first with the project's resolver bundler.`,
    run: async (argv) => {
      const { evaluateCodeCommand } = await import('./evaluate-code.js');
      const result = await evaluateCodeCommand(argv);
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    },
  },
  build: {
    help: 'Usage: stockroom build\n\nBundles every resolver (failing on AppSync rule violations), checks the wiring against schema.graphql, and writes bundles under .build/resolvers/.',
    run: async () => {
      const { buildAll } = await import('./build.js');
      const summary = await buildAll();
      process.stdout.write(`${summary}\n`);
    },
  },
  dlq: {
    help: "Usage: stockroom dlq list | show <id> | redrive [<id>]  [--state-dir <dir>] [--endpoint <url>]\n\nThe local event bus's dead-letter queue (<state dir>/eventbridge-dlq/): list and show read it, redrive delivers letters again through the running local Stockroom.",
    run: async (argv) => {
      process.stdout.write(`${await (await import('./dlq.js')).dlqCommand(argv)}\n`);
    },
  },
  sns: {
    help: 'Usage: stockroom sns tail [--topic <name|arn>] [--once] [--json] [--state-dir <dir>]\n\nPrints the messages the local SNS endpoint stored (<state dir>/sns/messages.jsonl), then follows new ones until Ctrl-C. --once prints what is stored and exits; --topic keeps one topic; --json prints the stored JSON lines.',
    run: async (argv) => {
      const stop = new AbortController();
      process.once('SIGINT', () => stop.abort());
      await (await import('./sns.js')).snsCommand(argv, (line) => process.stdout.write(`${line}\n`), stop.signal);
    },
  },
  import: {
    help: 'Usage: stockroom import <file.csv> [--dry-run] [--state-dir <dir>]\n\nUploads a customer CSV like the admin app and shows its progress (docs/customers.md).',
    run: async (argv) => {
      const { importCommand } = await import('./import.js');
      const { DEFAULT_STATE_DIR } = await import('../services/state-dir.js');
      const job = await importCommand(argv, { stateDir: DEFAULT_STATE_DIR });
      if (job.status === 'FAILED') process.exitCode = 1;
    },
  },
  start: {
    help: START_HELP,
    run: async (argv) => {
      const { startCommand } = await import('./start.js');
      await startCommand(argv);
    },
  },
};

async function main(argv: readonly string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (!verb || verb === 'help' || verb === '--help' || verb === '-h') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const command = commands[verb];
  if (!command) {
    process.stderr.write(`stockroom: unknown command "${verb}"\n\n${HELP}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  try {
    await command.run(rest);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`stockroom ${verb}: ${error.message}\n\n${command.help}\n`);
      return 2;
    }
    process.stderr.write(`stockroom ${verb}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
if (code !== 0 || process.argv[2] !== 'start') process.exitCode = code;
