/**
 * A small typed GraphQL client over fetch: it takes the generated typed documents
 * (admin-ui/generated/graphql.ts), so a call's variables and result are checked by the compiler.
 * Any `errors` entry becomes an ApiError (AppSync answers partial data with errors: the app treats
 * the call as failed rather than show half a record).
 */
import type { TypedDocumentString } from '../../generated/graphql.js';
import { ApiError, type GraphqlErrorShape } from './errors.js';

export type AuthHeader = () => Promise<Record<string, string>>;

export interface GraphqlClient {
  request<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables): Promise<TResult>;
  /** The same call as an untyped function, for clients/realtime (its catch-up queries). */
  raw(query: string, variables: Record<string, unknown>): Promise<{ data?: unknown; errors?: GraphqlErrorShape[] }>;
}

export function createGraphqlClient(graphqlUrl: string, auth: AuthHeader): GraphqlClient {
  async function raw(query: string, variables: unknown): Promise<{ data?: unknown; errors?: GraphqlErrorShape[] }> {
    let response: Response;
    try {
      response = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await auth()) },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      throw new ApiError('NetworkError', error instanceof Error ? error.message : String(error));
    }
    const body = (await response.json().catch(() => ({}))) as { data?: unknown; errors?: GraphqlErrorShape[] };
    if (!response.ok && !body.errors) throw new ApiError('NetworkError', `HTTP ${response.status}`);
    return body;
  }
  return {
    async request(document, variables) {
      const body = await raw(document.toString(), variables);
      const errors = body.errors ?? [];
      if (errors.length > 0) {
        const first = errors[0]!;
        throw new ApiError(first.errorType ?? 'Error', errors.map((e) => e.message).join('; '), errors);
      }
      return body.data as never;
    },
    raw,
  };
}
