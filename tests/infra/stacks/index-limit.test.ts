/**
 * `-c indexLimit=N`: CloudFormation adds at most one GSI per table per stack update, so a stack
 * deployed before newer indexes existed is brought up one index per deploy. The limit declares the
 * wiring's first N indexes, and the per-index throttle alarms follow the indexes that exist.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildResolvers, type BuiltResolver } from '../../../build/bundle.js';
import { wiring } from '../../../build/wiring.js';
import { indexLimitFromContext } from '../../../infra/stacks/create-app.js';
import { resourcesOf, synth } from '../helpers.js';

const main = wiring.tables.find((t) => t.name === 'main')!;
let bundles: ReadonlyMap<string, BuiltResolver>;
beforeAll(async () => {
  bundles = await buildResolvers();
});

function declared(indexLimit: number | undefined): { indexes: string[]; alarmedIndexes: string[] } {
  const { json } = synth('dev', bundles, { indexLimit, nag: false });
  const [, table] = resourcesOf(json, 'AWS::DynamoDB::Table').find(([id]) => id.startsWith('Tablesmain'))!;
  const gsis = (table.Properties?.['GlobalSecondaryIndexes'] ?? []) as { IndexName: string }[];
  const alarmedIndexes = resourcesOf(json, 'AWS::CloudWatch::Alarm')
    .flatMap(
      ([, a]) => (a.Properties?.['Metrics'] ?? []) as { MetricStat?: { Metric: { Dimensions?: { Name: string; Value: string }[] } } }[],
    )
    .flatMap((m) => m.MetricStat?.Metric.Dimensions ?? [])
    .filter((d) => d.Name === 'GlobalSecondaryIndexName')
    .map((d) => d.Value);
  return { indexes: gsis.map((g) => g.IndexName), alarmedIndexes: [...new Set(alarmedIndexes)] };
}

describe('infra: staged GSI additions (-c indexLimit)', () => {
  it('declares every wiring index by default', () => {
    expect(declared(undefined).indexes).toEqual(main.globalSecondaryIndexes.map((g) => g.name));
  });

  it('declares only the first N indexes, in wiring order, and alarms only on those', () => {
    const { indexes, alarmedIndexes } = declared(4);
    expect(indexes).toEqual(main.globalSecondaryIndexes.slice(0, 4).map((g) => g.name));
    expect(alarmedIndexes.sort()).toEqual([...indexes].sort());
  });

  it.each([
    [undefined, undefined],
    ['0', 0],
    ['5', 5],
    [14, 14],
  ])('reads -c indexLimit=%j as %j', (value, expected) => {
    expect(indexLimitFromContext(value)).toBe(expected);
  });

  it.each([['-1'], ['two'], ['1.5'], [2.5], [true]])('refuses -c indexLimit=%j', (value) => {
    expect(() => indexLimitFromContext(value)).toThrow(/-c indexLimit=.*whole number/);
  });
});
