/** The Markdown reader behind the docs examples test: markers, blocks, anchors, links. */
import { describe, expect, it } from 'vitest';
import { headingAnchor, needsMarker, parseMarker, readMarkdown } from './helpers/markdown-examples.js';

describe('parseMarker', () => {
  it.each([
    ['graphql caller=admin', { kind: 'graphql', caller: 'admin' }],
    [
      'graphql caller=partner:acme-shop expect=InsufficientStock',
      { kind: 'graphql', caller: 'partner:acme-shop', expect: 'InsufficientStock' },
    ],
    ['curl', { kind: 'curl' }],
    ['evaluate-code', { kind: 'evaluate-code' }],
    ['none (needs a keyId)', { kind: 'none', reason: '(needs a keyId)' }],
    ['graphql', 'a graphql example needs caller=apiKey|admin|iam|partner:<id>'],
    ['graphql caller=admin colour=red', 'bad option "colour=red" (caller=… expect=…)'],
    ['shell', 'unknown example kind "shell"'],
  ])('%s', (body, expected) => {
    expect(parseMarker(body)).toEqual(expected);
  });
});

describe('headingAnchor', () => {
  it.each([
    ['Worked example: `evaluate-code`', 'worked-example-evaluate-code'],
    ['APPSYNC_JS behaviours we could not confirm, and what we chose', 'appsync_js-behaviours-we-could-not-confirm-and-what-we-chose'],
    ['Cost estimate (AWS list prices, us-east-1, as of 2026-11)', 'cost-estimate-aws-list-prices-us-east-1-as-of-2026-11'],
  ])('%s → #%s', (heading, anchor) => {
    expect(headingAnchor(heading)).toBe(anchor);
  });
});

describe('readMarkdown', () => {
  const doc = [
    '# Title',
    'See [api](api.md#stock) and [below](#two).',
    '<!-- example: graphql caller=apiKey -->',
    '',
    '```graphql',
    '{ a }',
    '```',
    '```sh',
    '# a comment, not a heading',
    'curl -s localhost:4000/graphql',
    '```',
    '## Two',
    '<!-- example: curl -->',
    'text instead of a block',
  ].join('\n');
  const facts = readMarkdown(doc);

  it('attaches a marker to the block below it, across blank lines', () => {
    expect(facts.blocks.map((b) => [b.line, b.lang, b.marker?.kind])).toEqual([
      [5, 'graphql', 'graphql'],
      [8, 'sh', undefined],
    ]);
  });
  it('reports an unmarked curl block as needing a marker', () => {
    expect(facts.blocks.map(needsMarker)).toEqual([true, true]);
    expect(needsMarker({ line: 1, lang: 'sh', text: 'npm ci && npm test' })).toBe(false);
  });
  it('reads headings and links outside code blocks only', () => {
    expect([...facts.anchors]).toEqual(['title', 'two']);
    expect(facts.links.map((l) => l.target)).toEqual(['api.md#stock', '#two']);
  });
  it('reports a marker that is not followed by a block', () => {
    expect(facts.problems).toEqual(['line 13: an example marker must be followed by a fenced block']);
  });
});
