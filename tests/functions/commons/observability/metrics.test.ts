import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { describe, expect, it } from 'vitest';
import { createMetrics, flushMetrics, takeEmfLine } from '../../../../functions/commons/observability/metrics.js';
import { inconsistencyMetric } from '../../../../functions/inventory-consistency/index.js';

describe('functions/commons/observability/metrics', () => {
  it('writes the InconsistencyCount EMF line exactly as the hand-written one did', () => {
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);
    // The line the functions wrote before Powertools, field for field.
    const before = {
      _aws: {
        Timestamp: at.getTime(),
        CloudWatchMetrics: [
          { Namespace: 'Stockroom', Dimensions: [['service', 'stage']], Metrics: [{ Name: 'InconsistencyCount', Unit: 'Count' }] },
        ],
      },
      service: 'stockroom',
      stage: 'prod',
      InconsistencyCount: 3,
    };
    expect(JSON.parse(inconsistencyMetric(3, 'stockroom', 'prod', at))).toEqual(before);
  });

  it('flushes stored metrics as one line and clears them; nothing stored writes nothing', () => {
    const metrics = createMetrics('stockroom');
    const emitted: string[] = [];
    flushMetrics(metrics, (l) => emitted.push(l));
    expect(emitted).toEqual([]);
    metrics.addMetric('InconsistencyCount', MetricUnit.Count, 0);
    flushMetrics(metrics, (l) => emitted.push(l));
    flushMetrics(metrics, (l) => emitted.push(l));
    expect(emitted).toHaveLength(1);
    expect(JSON.parse(emitted[0] as string)).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: 'Stockroom', Metrics: [{ Name: 'InconsistencyCount', Unit: 'Count' }] }] },
      InconsistencyCount: 0,
    });
    expect(takeEmfLine(metrics)).toBeUndefined();
  });
});
