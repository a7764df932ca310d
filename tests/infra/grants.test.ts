/** Least privilege of wired grants: the authorizer (it parses untrusted tokens) touches partner-key items only. */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildResolvers } from '../../build/bundle.js';
import { resourceName, wiring } from '../../build/wiring.js';
import { resourcesOf, synth, type Synthesized } from './helpers.js';

let dev: Synthesized;
beforeAll(async () => {
  dev = synth('dev', await buildResolvers());
});

interface Statement {
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

function statementsOfFunction(name: string): Statement[] {
  const fnName = resourceName('dev', name);
  const fns = resourcesOf(dev.json, 'AWS::Lambda::Function');
  const [, fn] = fns.find(([, r]) => (r.Properties as { FunctionName?: string }).FunctionName === fnName)!;
  const roleId = (fn.Properties as { Role: { 'Fn::GetAtt': [string, string] } }).Role['Fn::GetAtt'][0];
  const policies = resourcesOf(dev.json, 'AWS::IAM::Policy')
    .map(([, p]) => p)
    .filter((p) => ((p.Properties as { Roles: { Ref: string }[] }).Roles ?? []).some((r) => r.Ref === roleId));
  return policies.flatMap((p) => (p.Properties as { PolicyDocument: { Statement: Statement[] } }).PolicyDocument.Statement);
}

describe('infra grants', () => {
  it('gives the authorizer item actions on PARTNERKEY# items only', () => {
    const spec = wiring.functions['authorizer']!;
    expect(spec.grants).toEqual([
      { kind: 'tableItems', table: 'main', actions: ['GetItem', 'PutItem', 'UpdateItem'], partitionKeyPrefix: 'PARTNERKEY#' },
    ]);
    const dynamo = statementsOfFunction('authorizer').filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
    expect(dynamo).toHaveLength(1);
    expect([dynamo[0]!.Action].flat().sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect(dynamo[0]!.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PARTNERKEY#*'] } });
    expect(JSON.stringify(dynamo[0]!.Resource)).not.toMatch(/index/);
  });

  it('keeps table-wide read/write for the functions that need it', () => {
    const sweeper = statementsOfFunction('reservation-sweeper').filter((s) => [s.Action].flat().includes('dynamodb:UpdateItem'));
    expect(sweeper.length).toBeGreaterThan(0);
    expect(sweeper.every((s) => s.Condition === undefined)).toBe(true);
  });
});
