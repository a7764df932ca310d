/**
 * Shared pipeline functions change the synthesized template in one way only: the per-field AppSync
 * functions of the steps that several pipelines shared are replaced by one AppSync function per
 * shared file. Every other resource keeps its logical id and type. The snapshot
 * (fixtures/resources-before-shared-steps.json) was taken from the synth before the change; resources
 * of features added since (new fields, functions, alarms) are allowed, and removals later issues made
 * on purpose are named.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildResolvers, type BuiltResolver } from '../../build/bundle.js';
import { synth } from './helpers.js';

const before = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'resources-before-shared-steps.json'), 'utf8')) as Record<
  'dev' | 'prod',
  Record<string, string>
>;

/** The per-field steps that were one-line re-exports of a shared step. */
const MERGED_STEPS = [
  'Mutation.commitStock.01.loadWarehouses',
  'Mutation.commitStock.02.loadStock',
  'Mutation.confirmReservation.01.load',
  'Mutation.confirmReservation.02.write',
  'Mutation.extendReservation.01.load',
  'Mutation.receiveStock.03.registerWarehouse',
  'Mutation.releaseReservation.01.load',
  'Mutation.releaseReservation.02.write',
  'Mutation.reserveStock.01.loadWarehouses',
  'Mutation.reserveStock.02.loadStock',
  'Mutation.setStock.02.registerWarehouse',
];
/** Steps later issues added to fields that existed then (opaque reservation ids read a retry's original back). */
const STEPS_ADDED_SINCE = ['Mutation.reserveStock.04.loadOriginal', 'Mutation.commitStock.04.loadOriginal'];
const SHARED_FUNCTIONS = ['loadReservation', 'loadStock', 'loadWarehouses', 'registerWarehouse', 'writeTransition'];

/** CDK logical ids: the construct path without separators or dots, plus an 8-character hash. */
const logicalIdPattern = (path: string): RegExp => new RegExp(`^${path.replace(/[^A-Za-z0-9]/g, '')}[0-9A-F]{8}$`);

let bundles: Map<string, BuiltResolver>;
beforeAll(async () => {
  bundles = await buildResolvers();
}, 180_000);

describe.each(['dev', 'prod'] as const)('synthesized resources (%s) with shared pipeline functions', (stage) => {
  it('differ from the snapshot exactly by the merged AppSync functions', () => {
    const after = Object.fromEntries(
      Object.entries(synth(stage, bundles).json.Resources as Record<string, { Type: string }>).map(([id, r]) => [id, r.Type]),
    );
    const old = before[stage];
    const removed = Object.keys(old)
      .filter((id) => !(id in after))
      .sort();
    const added = Object.keys(after)
      .filter((id) => !(id in old))
      .sort();

    // Removed: the merged per-field steps, plus what later issues removed on purpose (the DynamoDB
    // UserErrors alarm, replaced by alarms that mean trouble).
    const deliberate = removed.filter((id) => /usererrors/i.test(id));
    const removedSteps = removed.filter((id) => !deliberate.includes(id));
    expect(removedSteps).toHaveLength(MERGED_STEPS.length);
    for (const step of MERGED_STEPS)
      expect(
        removedSteps.filter((id) => logicalIdPattern(`GraphQLFunctions${step}`).test(id)),
        step,
      ).toHaveLength(1);
    for (const id of removedSteps) expect({ id, type: old[id] }).toEqual({ id, type: 'AWS::AppSync::FunctionConfiguration' });
    for (const id of deliberate) expect({ id, type: old[id] }).toEqual({ id, type: 'AWS::CloudWatch::Alarm' });
    // Added AppSync functions: one per shared file, and the steps of fields that did not exist when
    // the snapshot was taken. No AppSync function of an existing field appears or changes id.
    const fieldsBefore = new Set(
      Object.keys(old)
        .filter((id) => id.startsWith('GraphQLResolvers'))
        .map((id) => id.slice('GraphQLResolvers'.length, -8)),
    );
    const addedFunctions = added.filter((id) => after[id] === 'AWS::AppSync::FunctionConfiguration');
    for (const name of SHARED_FUNCTIONS)
      expect(
        addedFunctions.filter((id) => logicalIdPattern(`GraphQLSharedFunctions${name}`).test(id)),
        name,
      ).toHaveLength(1);
    for (const step of STEPS_ADDED_SINCE)
      expect(
        addedFunctions.filter((id) => logicalIdPattern(`GraphQLFunctions${step}`).test(id)),
        step,
      ).toHaveLength(1);
    const otherFunctions = addedFunctions.filter(
      (id) =>
        !id.startsWith('GraphQLSharedFunctions') && !STEPS_ADDED_SINCE.some((step) => logicalIdPattern(`GraphQLFunctions${step}`).test(id)),
    );
    for (const id of otherFunctions)
      expect(
        [...fieldsBefore].some((field) => id.startsWith(`GraphQLFunctions${field}0`) || id.startsWith(`GraphQLFunctions${field}1`)),
        id,
      ).toBe(false);
    expect(addedFunctions.length - otherFunctions.length).toBe(SHARED_FUNCTIONS.length + STEPS_ADDED_SINCE.length);
    // Everything else: same logical ids, same types.
    for (const [id, type] of Object.entries(old)) if (!removed.includes(id)) expect({ id, type: after[id] }).toEqual({ id, type });
    // A whole synth per stage: generous on a busy machine.
  }, 180_000);
});
