/** Stockroom's real-time client: AppSync's WebSocket protocol, reconnects, and stock that resumes without loss. */
export {
  createConnection,
  realtimeUrlOf,
  type AuthHeaders,
  type ConnectionOptions,
  type RealtimeConnection,
  type SubscriptionHandlers,
  type WebSocketFactory,
  type WebSocketLike,
} from './connection.js';
export { createGraphqlCall } from './graphql.js';
export { watchStock, type GraphqlCall, type StockChange, type WatchOptions } from './stock-watch.js';
