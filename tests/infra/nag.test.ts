/**
 * cdk-nag AwsSolutions: no unacknowledged finding in any stage, for the project wiring and for the
 * every-kind fixture; every acknowledgement names one finding and says why.
 */
import { Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildResolvers, type BuiltResolver } from '../../build/bundle.js';
import { createApp } from '../../infra/stacks/create-app.js';
import { STAGES } from '../../infra/stacks/stage.js';
import { FIXTURE_OPTIONS, fixtureBundles } from './fixtures/full-wiring.js';
import { annotationsOf, entryOrStandIn, SKIP_BUNDLING, synth } from './helpers.js';

let bundles: Map<string, BuiltResolver>;
beforeAll(async () => {
  bundles = await buildResolvers();
});

function findings(scope: IConstruct): string[] {
  return new AwsSolutionsChecks()
    .validateScope(scope)
    .violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));
}

function acknowledgements(scope: IConstruct): { path: string; id: string; reason: string }[] {
  return scope.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      // CDK stores cdk-nag ids under its annotation namespace; cdk-nag strips it when matching.
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          path: c.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

describe('cdk-nag AwsSolutions', () => {
  for (const stage of STAGES) {
    it(`finds nothing unacknowledged in the ${stage} stack, and synthesis carries no warning`, () => {
      // synth() runs the nag plugin too and throws on any violation.
      const s = synth(stage, bundles);
      expect(findings(s.app)).toEqual([]);
      expect(annotationsOf(s.assembly)).toEqual([]);
      // The first synth of a run bundles every function: on a shared CPU that can pass 30 s.
    }, 180_000);
  }

  it('finds nothing unacknowledged when every trigger, grant and data source kind is wired', () => {
    const s = synth('prod', fixtureBundles(bundles), FIXTURE_OPTIONS);
    expect(findings(s.app)).toEqual([]);
    expect(annotationsOf(s.assembly)).toEqual([]);
  });

  it('fails synthesis on a finding nobody acknowledged', () => {
    const { app, stack } = createApp({ stage: 'dev', bundles, context: SKIP_BUNDLING, entryFor: entryOrStandIn, checkWiring: false });
    new sqs.Queue(stack, 'Unreviewed'); // no SSL policy, no DLQ
    expect(findings(app)).toEqual(
      expect.arrayContaining([
        'AwsSolutions-SQS3 at stockroom-dev/Unreviewed/Resource',
        'AwsSolutions-SQS4 at stockroom-dev/Unreviewed/Resource',
      ]),
    );
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS3/);
  });

  it('acknowledges single findings only, each with a reason', () => {
    const s = synth('dev', fixtureBundles(bundles), FIXTURE_OPTIONS);
    const acks = acknowledgements(s.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const a of acks) {
      expect(a.id, a.path).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(a.reason.length, `${a.id} at ${a.path}`).toBeGreaterThan(40);
      // Acknowledging IAM5 without naming the finding would hide future wildcards.
      if (a.id.startsWith('AwsSolutions-IAM')) expect(a.id).toMatch(/\[.+\]$/);
    }
  });
});
