/** What every screen needs: the typed API client and the one real-time connection of this tab. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { createConnection, watchStock, type RealtimeConnection, type StockChange } from '../../../clients/realtime/index.js';
import type { TokenSource } from '../auth/cognito.js';
import { createGraphqlClient, type GraphqlClient } from './client.js';

export interface Session {
  readonly user: TokenSource;
  readonly api: GraphqlClient;
  /** Live changes of one product (every warehouse), resumed without loss after a disconnect. */
  watchProduct(
    productId: string,
    onChange: (change: StockChange) => void,
    onError?: (error: Error) => void,
    /** After each catch-up: the first sync, and one per reconnect. */
    onSynced?: () => void,
  ): () => void;
  readonly realtime: RealtimeConnection;
  /** The connection's state, for the "live" indicator. */
  onLiveStatus(listener: (status: LiveStatus) => void): () => void;
}

export type LiveStatus = 'connecting' | 'connected' | 'disconnected';

export function createSession(graphqlUrl: string, user: TokenSource): Session {
  const authorization = async () => ({ Authorization: await user.token() });
  const api = createGraphqlClient(graphqlUrl, authorization);
  const listeners = new Set<(status: LiveStatus) => void>();
  const realtime = createConnection({ graphqlUrl, auth: authorization, onStatus: (status) => listeners.forEach((l) => l(status)) });
  return {
    onLiveStatus: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    user,
    api,
    realtime,
    watchProduct: (productId, onChange, onError, onSynced) =>
      watchStock({ connection: realtime, graphql: api.raw, productId, catchUp: 'ledger', onChange, onError, onSynced }),
  };
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in app');
  return session;
}
