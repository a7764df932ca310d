import { describe, expect, it } from 'vitest';
import { discoverResolvers, discoverSharedFunctions, type DiscoveredResolver, type DiscoveredSharedFunction } from '../../build/bundle.js';
import { loadSchema } from '../../build/schema.js';
import { checkWiring, WiringError } from '../../build/wiring-check.js';
import { wiring, type Wiring } from '../../build/wiring.js';

const schema = loadSchema();

function problemsOf(
  w: Wiring,
  files: readonly DiscoveredResolver[],
  shared: readonly DiscoveredSharedFunction[] = discoverSharedFunctions(),
): string[] {
  try {
    checkWiring(w, schema, files, shared);
    return [];
  } catch (error) {
    if (error instanceof WiringError) return [...error.problems];
    throw error;
  }
}

describe('build/wiring-check', () => {
  it('accepts the project wiring', () => {
    expect(problemsOf(wiring, discoverResolvers())).toEqual([]);
  });

  it('fails on a resolver file whose field is not wired', () => {
    const files = [...discoverResolvers(), { field: 'Query.stockLevelz', kind: 'unit' as const, entry: '/x' }];
    const problems = problemsOf(wiring, files);
    expect(problems.some((p) => p.includes('Query.stockLevelz') && p.includes('not wired'))).toBe(true);
    expect(problems.some((p) => p.includes('no field Query.stockLevelz in schema.graphql'))).toBe(true);
  });

  it('fails on a wired field without a file', () => {
    const files = discoverResolvers().filter((f) => f.field !== 'Query.stockLevel');
    expect(problemsOf(wiring, files)).toContain(
      'wiring.resolvers["Query.stockLevel"] has no file: create resolvers/Query.stockLevel.ts (or a Query.stockLevel/ pipeline folder)',
    );
  });

  it('fails on an unknown data source and an unknown table', () => {
    const bad: Wiring = {
      ...wiring,
      dataSources: { ...wiring.dataSources, ghost: { kind: 'AMAZON_DYNAMODB', table: 'nope' } },
      resolvers: { ...wiring.resolvers, 'Query.stockLevel': { kind: 'unit', dataSource: 'missing' } },
    };
    const problems = problemsOf(bad, discoverResolvers());
    expect(problems).toContain('data source "ghost" names unknown table "nope"');
    expect(problems).toContain('Query.stockLevel uses data source "missing", which wiring.dataSources does not declare');
  });

  it('fails when a unit file is wired as a pipeline', () => {
    const bad: Wiring = { ...wiring, resolvers: { ...wiring.resolvers, 'Query.stockLevel': { kind: 'pipeline', functions: [] } } };
    expect(problemsOf(bad, discoverResolvers())).toContain('Query.stockLevel is wired as pipeline but its file is a unit resolver');
  });

  describe('shared pipeline functions', () => {
    const reserve = wiring.resolvers['Mutation.reserveStock']!;
    const withSteps = (field: string, functions: { file: string; shared?: boolean; dataSource: string }[]): Wiring => ({
      ...wiring,
      resolvers: { ...wiring.resolvers, [field]: { kind: 'pipeline', functions } },
    });

    it.each([
      [
        'a shared step without its file',
        withSteps('Mutation.reserveStock', [
          { file: 'loadNothing', shared: true, dataSource: 'table' },
          { file: 'loadStock', shared: true, dataSource: 'table' },
          { file: 'loadWarehouses', shared: true, dataSource: 'table' },
          { file: '03.reserve', dataSource: 'table' },
        ]),
        'Mutation.reserveStock runs shared function "loadNothing", which has no file: create resolvers/functions/loadNothing.ts',
      ],
      [
        'one shared function on two data sources',
        withSteps('Mutation.reserveStock', [
          { file: 'loadWarehouses', shared: true, dataSource: 'none' },
          { file: 'loadStock', shared: true, dataSource: 'table' },
          { file: '03.reserve', dataSource: 'table' },
        ]),
        'shared function "loadWarehouses" is wired with data sources "table" and "none"; one AppSync function has one data source',
      ],
    ])('fails on %s', (_case, bad, problem) => {
      expect(reserve.kind).toBe('pipeline');
      expect(problemsOf(bad, discoverResolvers())).toContain(problem);
    });

    it('fails on a shared function file that no pipeline runs', () => {
      const extra = [...discoverSharedFunctions(), { name: 'loadGhost', entry: '/x' }];
      expect(problemsOf(wiring, discoverResolvers(), extra)).toContain(
        "resolvers/functions/loadGhost.ts is run by no pipeline: name it with shared('loadGhost') in wiring.resolvers, or delete it",
      );
    });

    it('compares only the field-own steps with the files in the pipeline folder', () => {
      const bad = withSteps('Mutation.reserveStock', [
        { file: 'loadWarehouses', shared: true, dataSource: 'table' },
        { file: 'loadStock', shared: true, dataSource: 'table' },
      ]);
      expect(problemsOf(bad, discoverResolvers())).toContain(
        'Mutation.reserveStock pipeline steps on disk [03.reserve, 04.loadOriginal] differ from wiring []',
      );
    });
  });
});
