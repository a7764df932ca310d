/** `POST /graphql` with the same authorization as the real-time connection. */
import type { AuthHeaders } from './connection.js';
import type { GraphqlCall } from './stock-watch.js';

export function createGraphqlCall(graphqlUrl: string, auth: AuthHeaders, doFetch: typeof fetch = fetch): GraphqlCall {
  return async (query, variables) => {
    const response = await doFetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await auth()) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Awaited<ReturnType<GraphqlCall>>;
  };
}
