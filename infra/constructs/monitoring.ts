/**
 * Alarms to the ops topic and one dashboard: Lambda errors and throttles, DLQ depth, stream
 * iterator age, ERROR log lines of each function, AppSync 5XX and p95 latency, DynamoDB throttles
 * and system errors per table, and the `InconsistencyCount` metric that the inventory consistency
 * check publishes. Nothing alarms on DynamoDB `UserErrors`: that account-wide count includes the
 * cancelled transactions of normal use (insufficient stock, idempotent replays, conflicts).
 */
import { Duration } from 'aws-cdk-lib';
import type * as appsync from 'aws-cdk-lib/aws-appsync';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { API_LATENCY_P95_MS, type StageConfig } from '../stacks/stage.js';
import { resourceName } from '../../build/wiring.js';
import { METRICS_NAMESPACE, type WiredFunction } from './wired-function.js';

const PERIOD = Duration.minutes(5);
/** Twice the inventory-consistency schedule (5 minutes): a run is always inside one period. */
const INCONSISTENCY_ALARM_PERIOD = Duration.minutes(10);
/** Stream records older than this mean the publisher is falling behind (events are late). */
export const ITERATOR_AGE_ALARM_MS = 60_000;
/**
 * Where the log metric filters publish: one metric per function (named like the function), the
 * count of its ERROR log lines (the functions' internal failures, and the runtime's own errors).
 */
export const ERROR_LOG_NAMESPACE = `${METRICS_NAMESPACE}/ErrorLogs`;
/** Matches the ERROR lines of the functions' logger and the Lambda runtime's JSON log lines. */
export const ERROR_LOG_PATTERN = logs.FilterPattern.stringValue('$.level', '=', 'ERROR');

/**
 * The DynamoDB data-plane operations Stockroom's resolvers and functions call. `ThrottledRequests`
 * is published per `TableName` + `Operation` only; 10 is also the most metrics one alarm may use.
 */
export const DATA_PLANE_OPERATIONS: readonly dynamodb.Operation[] = [
  dynamodb.Operation.GET_ITEM,
  dynamodb.Operation.PUT_ITEM,
  dynamodb.Operation.UPDATE_ITEM,
  dynamodb.Operation.DELETE_ITEM,
  dynamodb.Operation.QUERY,
  dynamodb.Operation.SCAN,
  dynamodb.Operation.BATCH_GET_ITEM,
  dynamodb.Operation.BATCH_WRITE_ITEM,
  dynamodb.Operation.TRANSACT_WRITE_ITEMS,
  dynamodb.Operation.TRANSACT_GET_ITEMS,
];

/**
 * The sum of sparse metrics (throttle metrics exist only for periods with throttling): metric math
 * drops a timestamp where any operand has no data, so each operand is zero-filled first.
 */
function zeroFilledSum(usingMetrics: Record<string, cloudwatch.IMetric>, label: string): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({
    expression: Object.keys(usingMetrics)
      .map((id) => `FILL(${id}, 0)`)
      .join(' + '),
    usingMetrics,
    period: PERIOD,
    label,
  });
}

export interface MonitoredTable {
  readonly table: dynamodb.Table;
  /** Names of the table's GSIs: each has its own read/write throttle events. */
  readonly globalSecondaryIndexes: readonly string[];
}

export interface MonitoringProps {
  readonly config: StageConfig;
  readonly opsTopic: sns.ITopic;
  readonly api: appsync.GraphqlApi;
  readonly tables: readonly MonitoredTable[];
  readonly functions: readonly WiredFunction[];
  /** Powertools service name; the custom metric carries it as its `service` dimension. */
  readonly service: string;
}

export class Monitoring extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { config, api } = props;
    const action = new actions.SnsAction(props.opsTopic);
    const alarm = (
      alarmId: string,
      metric: cloudwatch.IMetric,
      threshold: number,
      description: string,
      op = cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData = cloudwatch.TreatMissingData.NOT_BREACHING,
    ): cloudwatch.Alarm => {
      const a = new cloudwatch.Alarm(this, alarmId, {
        alarmName: resourceName(config.stage, alarmId),
        alarmDescription: description,
        metric,
        threshold,
        comparisonOperator: op,
        evaluationPeriods: 1,
        treatMissingData,
      });
      a.addAlarmAction(action);
      a.addOkAction(action);
      this.alarms.push(a);
      return a;
    };

    const apiMetric = (metricName: string, statistic: string): cloudwatch.Metric =>
      new cloudwatch.Metric({
        namespace: 'AWS/AppSync',
        metricName,
        dimensionsMap: { GraphQLAPIId: api.apiId },
        statistic,
        period: PERIOD,
      });
    const api5xx = apiMetric('5XXError', 'Sum');
    const apiLatency = apiMetric('Latency', 'p95');
    alarm('api-5xx', api5xx, 0, 'AppSync returned server errors (5XX)');
    alarm('api-latency-p95', apiLatency, API_LATENCY_P95_MS, `AppSync p95 latency above ${API_LATENCY_P95_MS} ms`);

    const tableWidgets: cloudwatch.IMetric[] = [];
    const systemErrorWidgets: cloudwatch.IMetric[] = [];
    for (const { table, globalSecondaryIndexes } of props.tables) {
      const name = table.node.id;
      // ThrottledRequests has data only with the Operation dimension: one metric per operation.
      const perOperation = table.metricThrottledRequestsForOperations({ operations: [...DATA_PLANE_OPERATIONS], period: PERIOD });
      if (!(perOperation instanceof cloudwatch.MathExpression))
        throw new Error('metricThrottledRequestsForOperations no longer returns a MathExpression');
      const throttled = zeroFilledSum(perOperation.usingMetrics, `${name} throttled requests`);
      // Read/write throttle events of the table, and of each GSI (published with GlobalSecondaryIndexName).
      const throttleEvents: Record<string, cloudwatch.IMetric> = {};
      const events = (id: string, metricName: string, index?: string): void => {
        throttleEvents[id] = new cloudwatch.Metric({
          namespace: 'AWS/DynamoDB',
          metricName,
          dimensionsMap: { TableName: table.tableName, ...(index ? { GlobalSecondaryIndexName: index } : {}) },
          statistic: 'Sum',
          period: PERIOD,
        });
      };
      events('r', 'ReadThrottleEvents');
      events('w', 'WriteThrottleEvents');
      globalSecondaryIndexes.forEach((index, i) => {
        events(`r${i}`, 'ReadThrottleEvents', index);
        events(`w${i}`, 'WriteThrottleEvents', index);
      });
      alarm(`${name}-throttled-requests`, throttled, 0, `DynamoDB table ${name} throttled requests (any data-plane operation)`);
      // An alarm's math expression takes at most 10 metrics: past 4 GSIs, further alarms take the rest.
      const eventIds = Object.keys(throttleEvents);
      for (let start = 0; start < eventIds.length; start += 10) {
        const part = Object.fromEntries(eventIds.slice(start, start + 10).map((id) => [id, throttleEvents[id]!]));
        const suffix = start === 0 ? '' : `-${start / 10 + 1}`;
        alarm(
          `${name}-throttle-events${suffix}`,
          zeroFilledSum(part, `${name} throttle events${suffix}`),
          0,
          `DynamoDB table ${name} read/write throttle events (table and GSIs)${suffix ? `, part ${start / 10 + 1}` : ''}`,
        );
      }
      // HTTP 500s of DynamoDB for this table, published per TableName + Operation like throttles.
      const perOperationErrors = table.metricSystemErrorsForOperations({ operations: [...DATA_PLANE_OPERATIONS], period: PERIOD });
      if (!(perOperationErrors instanceof cloudwatch.MathExpression))
        throw new Error('metricSystemErrorsForOperations no longer returns a MathExpression');
      const systemErrors = zeroFilledSum(perOperationErrors.usingMetrics, `${name} system errors`);
      alarm(
        `${name}-system-errors`,
        systemErrors,
        0,
        `DynamoDB table ${name} answered with server errors (HTTP 500, any data-plane operation)`,
      );
      tableWidgets.push(throttled);
      systemErrorWidgets.push(systemErrors);
    }

    // The scheduled check emits a value (0 when clean) every 5 minutes with dimensions service and
    // stage, so no data means the check or its metric path is broken: that alarms too. The alarm
    // sums over two schedule intervals so that one run landing late in the next 5-minute bucket
    // does not leave a bucket empty and raise a false alarm.
    const inconsistency = new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE,
      metricName: 'InconsistencyCount',
      dimensionsMap: { service: props.service, stage: config.stage },
      statistic: 'Sum',
      period: PERIOD,
    });
    alarm(
      'inventory-inconsistency',
      inconsistency.with({ period: INCONSISTENCY_ALARM_PERIOD }),
      0,
      'Inventory consistency check found mismatches (reserved vs ACTIVE holds, or negative available), or published no InconsistencyCount (check not running or its metric is not extracted)',
      cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      cloudwatch.TreatMissingData.BREACHING,
    );

    const fnErrors: cloudwatch.IMetric[] = [];
    for (const wired of props.functions) {
      const errors = wired.fn.metricErrors({ period: PERIOD, statistic: 'Sum' });
      alarm(`${wired.name}-errors`, errors, 0, `Lambda ${wired.name} errors`);
      alarm(`${wired.name}-throttles`, wired.fn.metricThrottles({ period: PERIOD, statistic: 'Sum' }), 0, `Lambda ${wired.name} throttles`);
      if (wired.dlq) {
        alarm(
          `${wired.name}-dlq-depth`,
          wired.dlq.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }),
          0,
          `Failed ${wired.name} events are waiting in its DLQ`,
        );
      }
      if (wired.spec.trigger.kind === 'dynamodbStream') {
        alarm(
          `${wired.name}-iterator-age`,
          wired.fn.metric('IteratorAge', { period: PERIOD, statistic: 'Maximum' }),
          ITERATOR_AGE_ALARM_MS,
          `Stream consumer ${wired.name} is more than ${ITERATOR_AGE_ALARM_MS / 1000} s behind`,
        );
      }
      const errorLogs = new logs.MetricFilter(this, `${wired.name}-error-log-filter`, {
        logGroup: wired.logGroup,
        filterPattern: ERROR_LOG_PATTERN,
        metricNamespace: ERROR_LOG_NAMESPACE,
        metricName: resourceName(config.stage, wired.name),
        metricValue: '1',
      });
      // Handled failures (a stream record retried, an expiry left for the next run) log ERROR
      // without failing the invocation: the Errors metric never sees them.
      alarm(
        `${wired.name}-error-logs`,
        errorLogs.metric({ period: PERIOD, statistic: 'Sum' }),
        0,
        `Lambda ${wired.name} logged internal failures (ERROR lines)`,
      );
      fnErrors.push(errors.with({ label: wired.name }));
    }

    new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: resourceName(config.stage, 'dashboard'),
      widgets: [
        [
          new cloudwatch.GraphWidget({ title: 'AppSync 5XX', left: [api5xx], width: 8 }),
          new cloudwatch.GraphWidget({
            title: 'AppSync latency p95 (ms)',
            left: [apiLatency],
            leftAnnotations: [{ value: API_LATENCY_P95_MS, label: 'objective' }],
            width: 8,
          }),
          new cloudwatch.GraphWidget({ title: 'Inventory inconsistencies', left: [inconsistency], width: 8 }),
        ],
        [
          new cloudwatch.GraphWidget({ title: 'Lambda errors', left: fnErrors, width: 8 }),
          new cloudwatch.GraphWidget({ title: 'DynamoDB throttles', left: tableWidgets, width: 8 }),
          // A graph may not hold two metrics with one id: the per-operation ids repeat across these.
          new cloudwatch.GraphWidget({ title: 'DynamoDB system errors', left: systemErrorWidgets, width: 8 }),
        ],
        [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 })],
      ],
    });
  }
}
