/**
 * A server for the docs' examples, started as a fresh `npm start` starts one: in memory, with the
 * demo data, on a free port, on the run's shared DynamoDB Local under a stage of its own.
 * The only place the docs tests import the server from, so a move of `startStockroom` is a
 * one-line change here.
 */
import { randomBytes } from 'node:crypto';
import { dropStage, startStockroom, type Stockroom } from '../../../local/server/start.js';
import { dynamoEndpoint } from '../../setup/tables.js';

export interface DocsServer {
  readonly s: Stockroom;
  stop(): Promise<void>;
}

export async function startDocsServer(): Promise<DocsServer> {
  const endpoint = dynamoEndpoint();
  const stage = `d${randomBytes(4).toString('hex')}`;
  const s = await startStockroom({
    dynamoEndpoint: endpoint,
    stage,
    port: 0,
    inMemory: true,
    demoData: true,
    writeConnectionFile: false,
    log: () => undefined,
  });
  return {
    s,
    async stop() {
      await s.stop();
      await dropStage(endpoint, stage);
    },
  };
}
