/**
 * Deeply nested requests get AppSync-style 400s before any recursive parser sees them; the
 * scanners that decide it are flat loops (they never overflow, whatever the input).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlNesting, jsonNesting, MAX_NESTING } from '../../../local/server/nesting-limit.js';
import { startTestApi, type TestApi } from '../../e2e/helpers/local-api.js';

describe('graphqlNesting', () => {
  it.each([
    ['{ a }', 1],
    ['{ a { b { c } } }', 3],
    ['{ a(x: [[1]], y: {z: {w: 1}}) }', 4],
    ['{ a(x: "{{{{[[[(((") }', 2],
    ['{ a(x: """ {{{ \\""" [[[ """) }', 2],
    ['# {{{{{{\n{ a }', 1],
    ['{ a(x: "esc \\" {{{") }', 2],
    ['', 0],
  ])('%j nests %i deep', (text, depth) => {
    expect(graphqlNesting(text)).toBe(depth);
  });

  it('stops counting past the limit, even for a huge document', () => {
    expect(graphqlNesting('{a'.repeat(1_000_000), 10)).toBe(11);
  });
});

describe('jsonNesting', () => {
  it.each([
    ['{}', 1],
    ['{"a":[1,{"b":2}]}', 3],
    ['{"query":"{ a { b { c } } }"}', 1],
    ['{"q":"\\"{[{["}', 1],
    ['[[[[]]]]', 4],
    ['42', 0],
  ])('%j nests %i deep', (text, depth) => {
    expect(jsonNesting(text)).toBe(depth);
  });
});

describe('deep nesting over HTTP, with the public API key', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  }, 60_000);
  afterAll(() => api.stop());

  const levels = 3_000;
  const deepSelection = `{ stockLevel(productId: "p", warehouseId: "w") ${'{ onHand '.repeat(levels)}${'}'.repeat(levels)} }`;
  const deepList = `{ stockLevel(productId: ${'['.repeat(levels)}"p"${']'.repeat(levels)}, warehouseId: "w") { onHand } }`;
  const deepObject = `{ stockLevel(productId: "p", warehouseId: ${'{a: '.repeat(levels)}1${'}'.repeat(levels)}) { onHand } }`;

  it.each([
    ['selections', deepSelection],
    ['list literals', deepList],
    ['object literals', deepObject],
  ])('%s nested 3,000 levels: 400 InvalidSyntax, nothing runs', async (_name, query) => {
    const res = await api.raw(JSON.stringify({ query }), { 'x-api-key': api.s.apiKey });
    expect(res.status).toBe(400);
    const body = JSON.parse(res.text) as { data: unknown; errors: { errorType: string; message: string }[] };
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({ errorType: 'InvalidSyntax', message: `Document nests more than ${MAX_NESTING} levels. Parsing aborted.` }),
    ]);
  });

  it('variables JSON nested 3,000 levels: 400 MalformedHttpRequestException', async () => {
    const body = `{"query":"query($v: ID!) { stockLevel(productId: $v, warehouseId: \\"w\\") { onHand } }","variables":{"v":${'['.repeat(levels)}${']'.repeat(levels)}}}`;
    const res = await api.raw(body, { 'x-api-key': api.s.apiKey });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual({
      errors: [{ errorType: 'MalformedHttpRequestException', message: `The request body nests more than ${MAX_NESTING} levels.` }],
    });
  });

  it('an ordinary nested query still runs', async () => {
    const res = await api.gql(api.apiKey, '{ stockLevel(productId: "nope", warehouseId: "w") { onHand } }');
    expect(res.status).toBe(200);
  });
});
