/**
 * The local EventBridge bus and SNS topic the wiring's grants name (`busPut`, `alertPublish`),
 * each behind an endpoint the real SDK clients call. Rules of `eventRule` functions deliver to
 * their function as EventBridge does, with retries and a dead-letter folder (persistent runs).
 */
import { join } from 'node:path';
import { resourceName, wiring } from '../../../build/wiring.js';
import { createLocalEventBus, type LocalEventBus } from '../../services/eventbridge/bus.js';
import { startEventBridgeServer, type EventBridgeEndpoint } from '../../services/eventbridge/server.js';
import { startSnsServer, type SnsEndpoint } from '../../services/sns/server.js';
import type { StopList } from './stop-order.js';

export interface EventServicesOptions {
  readonly stage: string;
  readonly host: string;
  readonly region: string;
  /** The state folder of a persistent run (dead letters, the SNS message log); undefined in memory. */
  readonly stateDir: string | undefined;
  readonly invoke: (functionName: string, event: unknown) => Promise<unknown>;
  readonly onStop: StopList['onStop'];
  readonly log: (message: string) => void;
}

export interface EventServices {
  readonly bus: LocalEventBus;
  readonly eventBridge: EventBridgeEndpoint;
  readonly sns: SnsEndpoint;
}

const withError = (message: string, error: unknown): string => `${message}${error ? `: ${String(error)}` : ''}`;

export async function startEventServices(o: EventServicesOptions): Promise<EventServices> {
  const busName = resourceName(o.stage, 'bus');
  const bus = createLocalEventBus({
    eventBusNames: [busName],
    rules: Object.entries(wiring.functions).flatMap(([name, spec]) =>
      spec.trigger.kind === 'eventRule'
        ? [
            {
              name: resourceName(o.stage, `${name}-rule`),
              eventBusName: busName,
              eventPattern: { 'detail-type': [...spec.trigger.detailTypes] },
              target: (event: unknown) => o.invoke(name, event),
            },
          ]
        : [],
    ),
    deadLetterDir: o.stateDir === undefined ? undefined : join(o.stateDir, 'eventbridge-dlq'),
    log: o.log,
  });
  const eventBridge = await startEventBridgeServer({
    bus,
    host: o.host,
    port: 0,
    log: (message, error) => o.log(`[eventbridge] ${withError(message, error)}`),
  });
  o.onStop('events', async () => {
    await bus.drain();
    await eventBridge.close();
  });
  const sns = await startSnsServer({
    topics: [resourceName(o.stage, 'alerts')],
    region: o.region,
    file: o.stateDir === undefined ? undefined : join(o.stateDir, 'sns', 'messages.jsonl'),
    host: o.host,
    port: 0,
    log: (message, error) => o.log(`[sns] ${withError(message, error)}`),
  });
  o.onStop('sns', () => sns.close());
  return { bus, eventBridge, sns };
}
