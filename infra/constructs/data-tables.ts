/** DynamoDB tables exactly as `wiring.tables` describes them (keys, GSIs, stream, TTL). */
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { AttributeType, KeyAttribute, TableSpec } from '../../build/wiring.js';
import { resourceName } from '../../build/wiring.js';
import type { StageConfig } from '../stacks/stage.js';

const ATTRIBUTE_TYPES: Record<AttributeType, dynamodb.AttributeType> = {
  S: dynamodb.AttributeType.STRING,
  N: dynamodb.AttributeType.NUMBER,
  B: dynamodb.AttributeType.BINARY,
};

const STREAM_VIEWS: Record<NonNullable<TableSpec['stream']>, dynamodb.StreamViewType> = {
  NEW_AND_OLD_IMAGES: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
  NEW_IMAGE: dynamodb.StreamViewType.NEW_IMAGE,
  OLD_IMAGE: dynamodb.StreamViewType.OLD_IMAGE,
  KEYS_ONLY: dynamodb.StreamViewType.KEYS_ONLY,
};

/** The GSIs a stage declares: all of the wiring's, or its first `indexLimit` (StageConfig). */
export function declaredIndexes(spec: TableSpec, config: Pick<StageConfig, 'indexLimit'>): TableSpec['globalSecondaryIndexes'] {
  return config.indexLimit === undefined ? spec.globalSecondaryIndexes : spec.globalSecondaryIndexes.slice(0, config.indexLimit);
}

const attribute = (key: KeyAttribute): dynamodb.Attribute => ({ name: key.name, type: ATTRIBUTE_TYPES[key.type] });

export interface DataTablesProps {
  readonly config: StageConfig;
  readonly tables: readonly TableSpec[];
}

export class DataTables extends Construct {
  private readonly byName = new Map<string, dynamodb.Table>();

  constructor(scope: Construct, id: string, props: DataTablesProps) {
    super(scope, id);
    const { config } = props;
    for (const spec of props.tables) {
      const table = new dynamodb.Table(this, spec.name, {
        tableName: resourceName(config.stage, spec.name),
        partitionKey: attribute(spec.partitionKey),
        sortKey: spec.sortKey && attribute(spec.sortKey),
        // On demand: the spec's bursts (5,000 req/s) come without capacity planning.
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        // AWS-owned keys cost nothing; AWS_MANAGED (aws/dynamodb) puts key use in CloudTrail.
        encryption: dynamodb.TableEncryption.AWS_MANAGED,
        stream: spec.stream && STREAM_VIEWS[spec.stream],
        timeToLiveAttribute: spec.timeToLiveAttribute,
        deletionProtection: config.deletionProtection,
        removalPolicy: config.removalPolicy,
      });
      for (const gsi of declaredIndexes(spec, config)) {
        table.addGlobalSecondaryIndex({
          indexName: gsi.name,
          partitionKey: attribute(gsi.partitionKey),
          sortKey: gsi.sortKey && attribute(gsi.sortKey),
          projectionType: dynamodb.ProjectionType.ALL,
        });
      }
      this.byName.set(spec.name, table);
    }
  }

  /** The table wired under a logical name; wiring-check guarantees every reference exists. */
  get(name: string): dynamodb.Table {
    const table = this.byName.get(name);
    if (!table) throw new Error(`wiring names unknown table "${name}"`);
    return table;
  }

  all(): dynamodb.Table[] {
    return [...this.byName.values()];
  }
}
