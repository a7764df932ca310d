/**
 * Reads the fenced blocks, example markers, headings and links of a Markdown file, for the test
 * that keeps the docs' examples and links true (the marker syntax is in docs/recipes.md,
 * "Runnable examples").
 */

export interface FencedBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The fence's info string, e.g. `graphql`, `sh`, `json`. */
  readonly lang: string;
  readonly text: string;
  /** The example marker right above the block (blank lines between allowed). */
  readonly marker?: ExampleMarker;
}

export type ExampleMarker =
  | { readonly kind: 'graphql'; readonly caller: string; readonly expect?: string }
  | { readonly kind: 'curl' }
  | { readonly kind: 'evaluate-code' }
  | { readonly kind: 'none'; readonly reason: string };

export interface MarkdownFacts {
  readonly blocks: readonly FencedBlock[];
  /** GitHub-style anchors of the headings outside code blocks. */
  readonly anchors: ReadonlySet<string>;
  /** Link targets outside code blocks, as written: `path`, `path#anchor` or `#anchor`. */
  readonly links: readonly { readonly line: number; readonly target: string }[];
  /** Markers that are malformed or not followed by a fenced block. */
  readonly problems: readonly string[];
}

const MARKER = /^<!--\s*example:\s*(.*?)\s*-->\s*$/;
const FENCE = /^ {0,3}```\s*([^`\s]*)/;
const HEADING = /^#{1,6}\s+(.+?)\s*#*\s*$/;
const LINK = /\[[^\]]*\]\(([^)\s]+)\)/g;

/** The anchor GitHub gives a heading: lowercase, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

export function parseMarker(body: string): ExampleMarker | string {
  const [kind, ...rest] = body.split(/\s+/);
  if (kind === 'none') return { kind: 'none', reason: rest.join(' ') };
  if (kind === 'curl' || kind === 'evaluate-code') return rest.length === 0 ? { kind } : `"${kind}" takes no options`;
  if (kind !== 'graphql') return `unknown example kind "${kind ?? ''}"`;
  const options: Record<string, string> = {};
  for (const pair of rest) {
    const [key, value] = pair.split('=');
    if (!key || !value || (key !== 'caller' && key !== 'expect')) return `bad option "${pair}" (caller=… expect=…)`;
    options[key] = value;
  }
  if (!options['caller']) return 'a graphql example needs caller=apiKey|admin|iam|partner:<id>';
  return { kind: 'graphql', caller: options['caller'], ...(options['expect'] ? { expect: options['expect'] } : {}) };
}

export function readMarkdown(source: string): MarkdownFacts {
  const lines = source.split('\n');
  const blocks: FencedBlock[] = [];
  const anchors = new Set<string>();
  const links: { line: number; target: string }[] = [];
  const problems: string[] = [];
  let pending: { line: number; marker: ExampleMarker } | undefined;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && !FENCE.test(lines[i]!); i++) body.push(lines[i]!);
      blocks.push({ line: start + 1, lang: fence[1] ?? '', text: body.join('\n'), ...(pending ? { marker: pending.marker } : {}) });
      pending = undefined;
      continue;
    }
    const marker = MARKER.exec(line);
    if (marker) {
      const parsed = parseMarker(marker[1]!);
      if (typeof parsed === 'string') problems.push(`line ${i + 1}: ${parsed}`);
      else pending = { line: i + 1, marker: parsed };
      continue;
    }
    if (line.trim() === '') continue;
    if (pending) {
      problems.push(`line ${pending.line}: an example marker must be followed by a fenced block`);
      pending = undefined;
    }
    const heading = HEADING.exec(line);
    if (heading) anchors.add(headingAnchor(heading[1]!));
    for (const m of line.matchAll(LINK)) links.push({ line: i + 1, target: m[1]! });
  }
  if (pending) problems.push(`line ${pending.line}: an example marker must be followed by a fenced block`);
  return { blocks, anchors, links, problems };
}

/** Blocks a reader would run against the API: they must carry a marker (`none` to opt out). */
export function needsMarker(block: FencedBlock): boolean {
  if (block.lang === 'graphql') return true;
  return (block.lang === 'sh' || block.lang === 'bash') && /\bcurl\s|\bevaluate-code\b/.test(block.text);
}
