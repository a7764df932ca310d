/**
 * The event publisher as the real wiring deploys it: a second consumer of the main table's stream
 * (beside the ledger writer), with partial batch failures, bisect, retries and a DLQ, allowed to
 * put events on the bus and to call the IAM-only publish mutations, and told where both are.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildResolvers } from '../../build/bundle.js';
import { resourceName, wiring } from '../../build/wiring.js';
import { STREAM_SETTINGS } from '../../infra/constructs/wired-function.js';
import { resourcesOf, synth, type Synthesized } from './helpers.js';

let dev: Synthesized;

beforeAll(async () => {
  dev = synth('dev', await buildResolvers());
});

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
const publisherStatements = (): Statement[] =>
  resourcesOf(dev.json, 'AWS::IAM::Policy')
    .filter(([id]) => id.startsWith('Fneventpublisher'))
    .flatMap(([, p]) => (p.Properties as { PolicyDocument: { Statement: Statement[] } }).PolicyDocument.Statement);
const actions = (st: Statement): string[] => (Array.isArray(st.Action) ? st.Action : [st.Action]);

describe('infra: the event publisher', () => {
  it('is one of exactly two consumers of the main table stream (AWS advises at most two)', () => {
    const consumers = Object.entries(wiring.functions)
      .filter(([, f]) => f.trigger.kind === 'dynamodbStream' && f.trigger.table === 'main')
      .map(([name]) => name);
    expect(consumers.sort()).toEqual(['event-publisher', 'stream-processor']);
    const mappings = resourcesOf(dev.json, 'AWS::Lambda::EventSourceMapping').filter(([, r]) =>
      JSON.stringify(r.Properties).includes('StreamArn'),
    );
    expect(mappings).toHaveLength(2);
  });

  it('consumes the stream in batches, bisecting, reporting item failures, retrying, then parking in its DLQ', () => {
    dev.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Tablesmain'), 'StreamArn'] },
      FunctionName: { Ref: Match.stringLikeRegexp('^FneventpublisherFunction') },
      BatchSize: 100,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: STREAM_SETTINGS.retryAttempts,
      MaximumRecordAgeInSeconds: STREAM_SETTINGS.maxRecordAge.toSeconds(),
      StartingPosition: 'TRIM_HORIZON',
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FneventpublisherDlq'), 'Arn'] } } },
    });
  });

  it('may put events on the stage bus, and nothing else on EventBridge', () => {
    const put = publisherStatements().filter((st) => actions(st).some((a) => a.startsWith('events:')));
    expect(put).toHaveLength(1);
    expect(actions(put[0]!)).toEqual(['events:PutEvents']);
    expect(JSON.stringify(put[0]!.Resource)).toMatch(/"Bus[A-Za-z0-9]*","Arn"/);
  });

  it('may call only the IAM fields of the API (the publish mutations)', () => {
    const graphql = publisherStatements().filter((st) => actions(st).includes('appsync:GraphQL'));
    expect(graphql.length).toBeGreaterThan(0);
    expect(JSON.stringify(graphql.map((st) => st.Resource))).toContain('/types/Mutation/fields/publishStockChange');
    expect(JSON.stringify(graphql.map((st) => st.Resource))).not.toMatch(/types\/\*"/);
  });

  it('is told the bus name and the GraphQL URL', () => {
    dev.template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: resourceName('dev', 'event-publisher'),
      Environment: { Variables: Match.objectLike({ EVENT_BUS_NAME: Match.anyValue(), GRAPHQL_URL: Match.anyValue() }) },
    });
  });
});
