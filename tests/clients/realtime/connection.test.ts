/** createConnection opens one socket however many subscriptions start before it exists. */
import { describe, expect, it } from 'vitest';
import { createConnection, type WebSocketLike } from '../../../clients/realtime/connection.js';

class FakeSocket implements WebSocketLike {
  static opened: FakeSocket[] = [];
  readyState = 0;
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
  }
  send(): void {}
  close(): void {}
}

describe('createConnection', () => {
  it('subscriptions started in one task share one WebSocket (auth is async)', async () => {
    FakeSocket.opened = [];
    const connection = createConnection({
      graphqlUrl: 'http://127.0.0.1:1/graphql',
      auth: async () => ({ 'x-api-key': 'k' }),
      WebSocket: FakeSocket,
    });
    const handlers = { next: () => undefined, error: () => undefined };
    for (let i = 0; i < 3; i++) connection.subscribe('subscription { s }', {}, handlers);
    await new Promise((r) => setTimeout(r, 10));
    expect(FakeSocket.opened).toHaveLength(1);
    connection.close();
  });
});
