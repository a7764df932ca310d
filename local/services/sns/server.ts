/**
 * A local SNS endpoint for the real `@aws-sdk/client-sns` (endpoint override, any credentials):
 * `Publish` and `PublishBatch` over the Query protocol, answering AWS-shaped XML with a
 * `MessageId` per message, and keeping every message with its attributes in a message store
 * (memory plus `<state dir>/sns/messages.jsonl`). Only topics given at start exist, as on AWS
 * where publishing to an unknown topic is `NotFound`.
 *
 *   const sns = await startSnsServer({ topics: ['stockroom-dev-alerts'], file: '.stockroom/sns/messages.jsonl' });
 *   new SNSClient({ endpoint: sns.url, region: 'us-east-1', credentials });
 *   sns.store.messages('stockroom-dev-alerts');
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSnsMessageStore, type SnsMessageStore, type StoredSnsMessage } from './message-store.js';
import { batchEntries, parsePublish, type PublishInput } from './publish.js';
import { parseQueryBody, queryResponse, SnsApiError, xmlEscape, type QueryParams } from './query.js';
import { readBoundedBody } from '../request-body.js';

const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface SnsServerOptions {
  /** Topic names (or ARNs) that exist. */
  readonly topics: readonly string[];
  readonly region?: string;
  readonly account?: string;
  /** JSONL file of published messages; memory only when absent (ignored when `store` is given). */
  readonly file?: string;
  readonly store?: SnsMessageStore;
  readonly port?: number;
  readonly host?: string;
  readonly log?: (message: string, error?: unknown) => void;
}

export interface SnsEndpoint {
  readonly url: string;
  readonly port: number;
  readonly store: SnsMessageStore;
  /** The ARN of a topic by name. */
  topicArn(name: string): string;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return readBoundedBody(req, MAX_BODY_BYTES, () => new SnsApiError('RequestEntityTooLarge', 'Request is too large.', 413));
}

function sendXml(res: ServerResponse, status: number, xml: string): void {
  res.writeHead(status, { 'content-type': 'text/xml', 'content-length': String(Buffer.byteLength(xml)), 'x-amzn-requestid': randomUUID() });
  res.end(xml);
}

export function startSnsServer(options: SnsServerOptions): Promise<SnsEndpoint> {
  const region = options.region ?? 'us-east-1';
  const account = options.account ?? '000000000000';
  const log = options.log ?? (() => {});
  const store = options.store ?? createSnsMessageStore({ file: options.file });
  const arnOf = (name: string): string => (name.startsWith('arn:') ? name : `arn:aws:sns:${region}:${account}:${name}`);
  const topics = new Set(options.topics.map(arnOf));

  const topicOf = (params: QueryParams): string => {
    const arn = params.get('TopicArn') ?? params.get('TargetArn');
    if (params.get('PhoneNumber') !== undefined)
      throw new SnsApiError('InvalidParameter', 'Invalid parameter: PhoneNumber Reason: SMS is not available on the local SNS endpoint');
    if (!arn) throw new SnsApiError('InvalidParameter', 'Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter');
    if (!/^arn:aws[\w-]*:sns:[^:]+:\d+:[\w.-]+$/.test(arn)) throw new SnsApiError('InvalidParameter', 'Invalid parameter: TopicArn');
    if (!topics.has(arn)) throw new SnsApiError('NotFound', 'Topic does not exist', 404);
    return arn;
  };

  const keep = (input: PublishInput): string => {
    const messageId = randomUUID();
    const stored: StoredSnsMessage = { messageId, timestamp: new Date().toISOString(), ...input };
    store.add(stored);
    return messageId;
  };

  // FIFO topics answer a SequenceNumber too; a counter per endpoint is enough locally.
  let sequence = 10_000_000_000_000_000_000n;
  const sequenceXml = (arn: string): string =>
    arn.endsWith('.fifo') ? `<SequenceNumber>${(sequence += 1n).toString()}</SequenceNumber>` : '';

  const actions: Record<string, (params: QueryParams) => string> = {
    Publish(params) {
      const arn = topicOf(params);
      const id = keep(parsePublish(params, arn, arn.endsWith('.fifo')));
      return queryResponse('Publish', `<MessageId>${id}</MessageId>${sequenceXml(arn)}`);
    },
    PublishBatch(params) {
      const arn = topicOf(params);
      const successful: string[] = [];
      const failed: string[] = [];
      for (const entry of batchEntries(params)) {
        const id = entry.get('Id') ?? '';
        try {
          const messageId = keep(parsePublish(entry, arn, arn.endsWith('.fifo')));
          successful.push(`<member><Id>${xmlEscape(id)}</Id><MessageId>${messageId}</MessageId>${sequenceXml(arn)}</member>`);
        } catch (error) {
          if (!(error instanceof SnsApiError)) throw error;
          failed.push(
            `<member><Id>${xmlEscape(id)}</Id><Code>${xmlEscape(error.code)}</Code><Message>${xmlEscape(error.message)}</Message><SenderFault>true</SenderFault></member>`,
          );
        }
      }
      return queryResponse('PublishBatch', `<Successful>${successful.join('')}</Successful><Failed>${failed.join('')}</Failed>`);
    },
  };

  const server = createServer((req, res) => {
    const work = async (): Promise<void> => {
      const params = parseQueryBody(await readBody(req));
      const action = params.get('Action') ?? '';
      const run = req.method === 'POST' ? actions[action] : undefined;
      if (!run) throw new SnsApiError('InvalidAction', `The action ${action || '(none)'} is not valid for this endpoint.`);
      sendXml(res, 200, run(params));
    };
    work().catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof SnsApiError) return sendXml(res, error.status, error.toXml());
      log('sns endpoint: internal error', error);
      sendXml(res, 500, new SnsApiError('InternalError', 'An internal error occurred.', 500, 'Receiver').toXml());
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${options.host ?? '127.0.0.1'}:${port}`,
        port,
        store,
        topicArn: arnOf,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections(); // SDK clients keep connections alive
          }),
      });
    });
  });
}
