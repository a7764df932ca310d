/**
 * `npm run bench`: runs each benchmark module in turn and prints its report. A module exports
 * `async function run(): Promise<BenchReport>`; add it to MODULES. `npm run bench -- stock-level`
 * runs only the named ones.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { printReport, type BenchReport } from './report.js';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
const MODULES = [
  'resolver-eval',
  'stock-level',
  'reserve-stock',
  'create-order',
  'realtime-fanout',
  'widget',
  'event-pipeline',
  'admin-ui',
  'catalog',
  'customer-ingest',
  'customer-ingest-parse',
];
const here = dirname(fileURLToPath(import.meta.url));

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
let failed = false;
for (const name of MODULES) {
  if (only.length && !only.includes(name)) continue;
  const file = join(here, `${name}.ts`);
  if (!existsSync(file)) continue;
  try {
    const mod = (await import(pathToFileURL(file).href)) as { run: () => Promise<unknown>; format?: (report: never) => string };
    const report = await mod.run();
    // Modules may format their own report; BenchReport gets the table, anything else JSON.
    if (mod.format) process.stdout.write(`\n## ${name}\n${mod.format(report as never)}\n`);
    else if (report && typeof report === 'object' && 'measurements' in report) printReport(report as BenchReport);
    else process.stdout.write(`\n## ${name}\n${JSON.stringify(report, null, 2)}\n`);
  } catch (error) {
    failed = true;
    process.stderr.write(`bench ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
}
process.exit(failed ? 1 : 0);
