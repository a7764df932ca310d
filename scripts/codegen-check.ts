/** Fails when the generated GraphQL types are older than schema.graphql (CI runs it via npm test). */
import { generate } from '@graphql-codegen/cli';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..');
const config = parse(readFileSync(join(root, 'codegen.yml'), 'utf8')) as Record<string, unknown>;
const outputs = (await generate({ ...config, cwd: root, silent: true } as unknown as Parameters<typeof generate>[0], false)) as {
  filename: string;
  content: string;
}[];
const stale = outputs.filter((o) => {
  try {
    return readFileSync(join(root, o.filename), 'utf8') !== o.content;
  } catch {
    return true;
  }
});
if (stale.length > 0) {
  console.error(`Generated files are out of date: ${stale.map((s) => s.filename).join(', ')}\nRun: npm run codegen`);
  process.exit(1);
}
console.log(`codegen: ${outputs.length} generated files are current`);
