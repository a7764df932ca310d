/** The real-time client opens one socket however many subscriptions start while it connects. */
import { describe, expect, it } from 'vitest';
import { createConnection, type WebSocketLike } from '../../../clients/realtime/index.js';

describe('createConnection', () => {
  it.each([1, 3, 50])('opens one WebSocket for %i subscriptions made while the auth headers are awaited', async (count) => {
    const opened: string[] = [];
    class FakeSocket implements WebSocketLike {
      readyState = 0;
      onopen = null;
      onmessage = null;
      onclose = null;
      onerror = null;
      constructor(url: string) {
        opened.push(url);
      }
      send(): void {}
      close(): void {}
    }
    const connection = createConnection({
      graphqlUrl: 'http://127.0.0.1:1/graphql',
      // Asynchronous, as a Cognito token refresh is.
      auth: () => new Promise((resolve) => setTimeout(() => resolve({ Authorization: 'token' }), 10)),
      WebSocket: FakeSocket,
    });
    for (let i = 0; i < count; i += 1) connection.subscribe('subscription { x }', {}, { next: () => undefined, error: () => undefined });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(opened).toHaveLength(1);
  });
});
