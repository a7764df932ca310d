/**
 * Subscription semantics as AppSync applies them: argument matching for plain @aws_subscribe
 * fields, the enhanced `in` filter of onStockChangedForProducts (and its limit), and messages that
 * carry only what the mutation selected, projected onto each subscriber's selection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../e2e/helpers/local-api.js';
import { RealtimeTestClient } from './support/protocol-client.js';
import { change, ON_PRODUCTS, ON_STOCK_CHANGED, publish } from './support/stock-changes.js';

let api: TestApi;
let client: RealtimeTestClient;
let auth: Record<string, string>;

beforeAll(async () => {
  api = await startTestApi();
  auth = { host: new URL(api.s.graphqlUrl).host, Authorization: api.s.adminToken };
  client = await RealtimeTestClient.open(api.s.realtimeUrl, auth);
  await client.init();
});
afterAll(async () => {
  client?.close();
  await api?.stop();
});

/** Publishes, then a marker change every subscription of the test listens to: once it arrives, earlier ones have too. */
async function settle(marker: string, ids: string[]): Promise<void> {
  await publish(api, change(marker, 999));
  for (const id of ids) await client.next((f) => f.type === 'data' && f.id === id && JSON.stringify(f.payload).includes(marker));
}

const sequencesOf = (id: string, marker: string) =>
  client
    .dataFor(id)
    .map(
      (f) =>
        (f.payload?.data as { [k: string]: { productId: string; warehouseId?: string; sequence: number } | null })[
          Object.keys(f.payload?.data as object)[0]!
        ],
    )
    .filter((c) => c && c.productId !== marker)
    .map((c) => `${c!.productId}/${c!.warehouseId ?? '-'}#${c!.sequence}`);

describe('argument matching (onStockChanged)', () => {
  it('productId must equal; warehouseId filters only when given', async () => {
    const fields = 'productId warehouseId sequence';
    await client.start('any-wh', `subscription($p: ID!) { onStockChanged(productId: $p) { ${fields} } }`, { p: 'arg-1' }, auth);
    await client.start('wh-2', ON_STOCK_CHANGED(fields), { p: 'arg-1', w: 'wh-2' }, auth);
    await client.start('marker-any', ON_STOCK_CHANGED(fields), { p: 'arg-marker' }, auth);
    await publish(api, change('arg-1', 1, { warehouseId: 'wh-1' }));
    await publish(api, change('arg-1', 2, { warehouseId: 'wh-2' }));
    await publish(api, change('arg-2', 3, { warehouseId: 'wh-2' }));
    await settle('arg-marker', ['marker-any']);
    expect(sequencesOf('any-wh', 'arg-marker')).toEqual(['arg-1/wh-1#1', 'arg-1/wh-2#2']);
    expect(sequencesOf('wh-2', 'arg-marker')).toEqual(['arg-1/wh-2#2']);
  });

  it('an explicit null argument matches only changes where that field is null or missing', async () => {
    await client.start('null-wh', ON_STOCK_CHANGED('productId sequence'), { p: 'null-1', w: null }, auth);
    await client.start('null-marker', ON_STOCK_CHANGED('productId sequence'), { p: 'null-marker' }, auth);
    await publish(api, change('null-1', 1));
    await settle('null-marker', ['null-marker']);
    expect(client.dataFor('null-wh')).toHaveLength(0);
  });
});

describe('enhanced filter (onStockChangedForProducts)', () => {
  const ids = Array.from({ length: 7 }, (_, i) => `many-${i}`);

  it('delivers changes of the listed products (split over two in-groups) and no others', async () => {
    expect(await client.start('many', ON_PRODUCTS('productId sequence'), { ids: [...ids, 'many-marker'] }, auth)).toMatchObject({
      type: 'start_ack',
    });
    for (const [i, id] of ['many-0', 'many-6', 'other-1', 'many-4'].entries()) await publish(api, change(id, i + 1));
    await settle('many-marker', ['many']);
    expect(sequencesOf('many', 'many-marker')).toEqual(['many-0/-#1', 'many-6/-#2', 'many-4/-#4']);
  });

  it.each([
    ['11 products', Array.from({ length: 11 }, (_, i) => `p${i}`), 'productIds: names 11 products; at most 10 per subscription'],
    ['no product', [], 'productIds: must name at least one product'],
    ['an invalid id', ['ok', 'not ok'], 'productIds: must be 1-64 letters'],
  ])('refuses %s with a ValidationError', async (_name, list, message) => {
    const answer = await client.start(`refuse-${list.length}`, ON_PRODUCTS(), { ids: list }, auth);
    expect(answer.payload?.errors?.[0]).toMatchObject({ errorType: 'ValidationError' });
    expect(answer.payload?.errors?.[0]?.message).toContain(message);
  });

  it('accepts 10 products, counting repeats once', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => `ten-${i}`);
    expect(await client.start('ten', ON_PRODUCTS(), { ids: [...ten, ...ten] }, auth)).toMatchObject({ type: 'start_ack' });
  });
});

describe('messages carry what the mutation selected', () => {
  it('a field the mutation did not select is null; a non-null one nulls the subscription field with an error', async () => {
    await client.start('proj-a', ON_STOCK_CHANGED('productId available'), { p: 'proj-1' }, auth);
    await client.start('proj-b', ON_STOCK_CHANGED('productId sequence'), { p: 'proj-1' }, auth);
    await client.start('proj-alias', ON_STOCK_CHANGED('id: productId left: available'), { p: 'proj-1' }, auth);
    await publish(
      api,
      change('proj-1', 1),
      'mutation($input: StockChangeInput!) { publishStockChange(input: $input) { pid: productId status } }',
    );
    const a = await client.next((f) => f.type === 'data' && f.id === 'proj-a');
    const b = await client.next((f) => f.type === 'data' && f.id === 'proj-b');
    const alias = await client.next((f) => f.type === 'data' && f.id === 'proj-alias');
    expect(a.payload).toEqual({ data: { onStockChanged: { productId: 'proj-1', available: null } } });
    expect(b.payload?.data).toEqual({ onStockChanged: null });
    expect(b.payload?.errors?.[0]).toMatchObject({
      message: 'Cannot return null for non-nullable field StockChange.sequence.',
      path: ['onStockChanged', 'sequence'],
    });
    expect(alias.payload).toEqual({ data: { onStockChanged: { id: 'proj-1', left: null } } });
  });

  it('a change the mutation did not select the argument field of matches no argument subscriber', async () => {
    await client.start('no-pid', ON_STOCK_CHANGED('sequence'), { p: 'proj-2' }, auth);
    await client.start('no-pid-marker', ON_STOCK_CHANGED('productId sequence'), { p: 'proj-marker' }, auth);
    await publish(api, change('proj-2', 1), 'mutation($input: StockChangeInput!) { publishStockChange(input: $input) { sequence } }');
    await settle('proj-marker', ['no-pid-marker']);
    expect(client.dataFor('no-pid')).toHaveLength(0);
  });

  it('a failed publish reaches nobody', async () => {
    await client.start('failed', ON_STOCK_CHANGED('sequence'), { p: 'bad id' }, auth);
    const r = await api.gql(api.iam, 'mutation($input: StockChangeInput!) { publishStockChange(input: $input) { productId sequence } }', {
      input: change('bad id', 1),
    });
    expect(r.body.errors?.[0]).toMatchObject({ errorType: 'ValidationError' });
    await client.start('failed-marker', ON_STOCK_CHANGED('productId sequence'), { p: 'failed-marker' }, auth);
    await settle('failed-marker', ['failed-marker']);
    expect(client.dataFor('failed')).toHaveLength(0);
  });
});
