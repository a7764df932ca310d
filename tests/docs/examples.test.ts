/**
 * The examples of README.md and docs/*.md run as printed: GraphQL operations and curl commands
 * against a fresh local server with demo data (one per file, blocks in file order), and the
 * `evaluate-code` example through the real CLI, its output compared with the one printed below
 * it. Also every relative link of those files reaches a file and a heading that exist.
 * Marker syntax: docs/recipes.md, "Runnable examples".
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedHeaders } from '../e2e/helpers/local-api.js';
import { startDocsServer, type DocsServer } from './helpers/docs-server.js';
import { needsMarker, readMarkdown, type ExampleMarker, type FencedBlock } from './helpers/markdown-examples.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const DOC_FILES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];
const docs = DOC_FILES.map((file) => ({ file, facts: readMarkdown(readFileSync(join(ROOT, file), 'utf8')) }));

type GraphqlBody = { data?: unknown; errors?: { errorType?: string | null; message: string }[] };
type Marked<K extends ExampleMarker['kind']> = FencedBlock & { marker: Extract<ExampleMarker, { kind: K }> };
const isKind =
  <K extends ExampleMarker['kind']>(kind: K) =>
  (b: FencedBlock): b is Marked<K> =>
    b.marker?.kind === kind;

async function bash(script: string, cwd: string): Promise<string> {
  const { stdout } = await run('bash', ['-c', script], { cwd, timeout: 60_000 });
  return stdout;
}

async function callerHeaders(server: DocsServer, caller: string, body: string): Promise<Record<string, string>> {
  const { s } = server;
  if (caller === 'apiKey') return { 'x-api-key': s.apiKey };
  if (caller === 'admin') return { authorization: s.adminToken };
  if (caller === 'iam') return signedHeaders(s, body);
  if (caller.startsWith('partner:')) {
    const key = s.partnerKeys[caller.slice('partner:'.length)];
    if (!key) throw new Error(`${caller} is not a demo partner (${Object.keys(s.partnerKeys).join(', ')})`);
    return { authorization: key };
  }
  throw new Error(`unknown caller "${caller}" (apiKey, admin, iam, partner:<id>)`);
}

/** The documented error, or no error and a value for every field asked (a null shows nothing). */
function expectOutcome(body: GraphqlBody, expectedError: string | undefined): void {
  const answer = JSON.stringify(body);
  if (expectedError) {
    expect(
      (body.errors ?? []).map((e) => e.errorType),
      answer,
    ).toContain(expectedError);
    return;
  }
  expect(body.errors ?? [], answer).toEqual([]);
  const data = (body.data ?? {}) as Record<string, unknown>;
  expect(Object.keys(data).length, answer).toBeGreaterThan(0);
  expect(
    Object.entries(data)
      .filter(([, value]) => value === null)
      .map(([field]) => field),
    answer,
  ).toEqual([]);
}

describe.each(docs)('$file', ({ file, facts }) => {
  const graphql = facts.blocks.filter(isKind('graphql'));
  const curl = facts.blocks.filter(isKind('curl'));
  const evaluate = facts.blocks.filter(isKind('evaluate-code'));
  let server: DocsServer | undefined;

  beforeAll(async () => {
    if (graphql.length + curl.length > 0) server = await startDocsServer();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('marks every runnable-looking block, and every marker is well formed', () => {
    const unmarked = facts.blocks.filter((b) => needsMarker(b) && !b.marker).map((b) => `line ${b.line} (${b.lang})`);
    expect([...facts.problems, ...unmarked.map((u) => `${u}: unmarked example; add <!-- example: … --> (docs/recipes.md)`)]).toEqual([]);
  });

  it('links only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const { line, target } of facts.links) {
      if (/^[a-z]+:/i.test(target)) continue;
      const [path = '', anchor] = target.split('#');
      const resolved = path === '' ? join(ROOT, file) : resolve(dirname(join(ROOT, file)), path);
      if (!existsSync(resolved)) {
        broken.push(`line ${line}: ${target} (no file ${relative(ROOT, resolved)})`);
        continue;
      }
      if (anchor === undefined) continue;
      const anchors = resolved.endsWith('.md') ? readMarkdown(readFileSync(resolved, 'utf8')).anchors : new Set<string>();
      if (!anchors.has(anchor)) broken.push(`line ${line}: ${target} (no heading #${anchor} in ${relative(ROOT, resolved)})`);
    }
    expect(broken).toEqual([]);
  });

  // In file order: a later example may rely on an earlier one, as a reader following the page would.
  it.runIf(graphql.length > 0).each(graphql)('line $line: graphql as $marker.caller', async ({ text, marker }) => {
    const body = JSON.stringify({ query: text });
    const headers = await callerHeaders(server!, marker.caller, body);
    const res = await fetch(server!.s.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const json = (await res.json()) as GraphqlBody;
    expect(res.status, JSON.stringify(json)).toBe(200);
    expectOutcome(json, marker.expect);
  });

  it.runIf(curl.length > 0).each(curl)('line $line: curl', async ({ text }) => {
    const { s } = server!;
    const cwd = mkdtempSync(join(tmpdir(), 'stockroom-docs-curl-'));
    mkdirSync(join(cwd, '.stockroom'));
    const facts = {
      graphqlUrl: s.graphqlUrl,
      realtimeUrl: s.realtimeUrl,
      apiKey: s.apiKey,
      adminToken: s.adminToken,
      partnerKeys: s.partnerKeys,
      iamCredentials: s.iamCredentials,
    };
    writeFileSync(join(cwd, '.stockroom', 'local.json'), JSON.stringify(facts));
    const script = text.split('localhost:4000').join(new URL(s.graphqlUrl).host);
    expectOutcome(JSON.parse(await bash(script, cwd)) as GraphqlBody, undefined);
  });

  it.runIf(evaluate.length > 0).each(evaluate)('line $line: evaluate-code prints what the doc shows', async (block) => {
    const printed = facts.blocks[facts.blocks.indexOf(block) + 1];
    expect(printed?.lang, 'the block after an evaluate-code example shows its output').toBe('json');
    const scratch = mkdtempSync(join(tmpdir(), 'stockroom-docs-eval-'));
    const stdout = await bash(block.text.split('/tmp/').join(`${scratch}/`), ROOT);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(printed!.text));
  });
});
