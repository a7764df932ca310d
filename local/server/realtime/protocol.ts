/**
 * AppSync's real-time message set (subprotocol `graphql-ws`, AppSync's own, not
 * `graphql-transport-ws`), as "Building a real-time WebSocket client in AWS AppSync" describes it:
 * JSON text frames with a required `type` and optional `id` and `payload`.
 */

export const SUBPROTOCOL = 'graphql-ws';
/** Sent in `connection_ack`; a client that hears no `ka` for this long reconnects. */
export const CONNECTION_TIMEOUT_MS = 300_000;

export interface ProtocolError {
  readonly errorType: string | null;
  readonly message: string;
  readonly [key: string]: unknown;
}

export type ServerMessage =
  | { type: 'connection_ack'; payload: { connectionTimeoutMs: number } }
  | { type: 'connection_error'; payload: { errors: ProtocolError[] } }
  | { type: 'ka' }
  | { type: 'start_ack'; id: string }
  | { type: 'data'; id: string; payload: { data: unknown; errors?: unknown[] } }
  | { type: 'complete'; id: string; payload?: { message: string } }
  | { type: 'error'; id?: string; payload: { errors: ProtocolError[] } };

/** The client messages the server acts on; anything else is answered with a protocol error. */
export type ClientMessage =
  { type: 'connection_init' } | { type: 'start'; id: string; payload: StartPayload } | { type: 'stop'; id: string };

export interface StartPayload {
  /** `JSON.stringify({query, variables, operationName?})`: a string, not an object. */
  readonly data: string;
  readonly extensions?: { readonly authorization?: Record<string, unknown> };
}

export function error(errorType: string, message: string, id?: string): ServerMessage {
  return id === undefined
    ? { type: 'error', payload: { errors: [{ errorType, message }] } }
    : { type: 'error', id, payload: { errors: [{ errorType, message }] } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Reads one frame; an `error` result is the protocol error to answer with (the connection stays open). */
export function parseClientMessage(text: string): ClientMessage | ServerMessage {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return error('MalformedMessage', 'The message is not valid JSON.');
  }
  if (!isRecord(frame) || typeof frame['type'] !== 'string')
    return error('MalformedMessage', 'A message must be a JSON object with a string "type".');
  const id = frame['id'];
  switch (frame['type']) {
    case 'connection_init':
      return { type: 'connection_init' };
    case 'start': {
      if (typeof id !== 'string' || id === '') return error('MalformedMessage', 'A start message needs a non-empty string "id".');
      const payload = frame['payload'];
      if (!isRecord(payload) || typeof payload['data'] !== 'string')
        return error('MalformedMessage', 'A start message needs payload.data, the JSON string of {query, variables}.', id);
      const extensions = payload['extensions'];
      if (extensions !== undefined && !isRecord(extensions)) return error('MalformedMessage', 'payload.extensions must be an object.', id);
      const authorization = isRecord(extensions) ? extensions['authorization'] : undefined;
      if (authorization !== undefined && !isRecord(authorization))
        return error('MalformedMessage', 'payload.extensions.authorization must be an object.', id);
      return { type: 'start', id, payload: { data: payload['data'], extensions: authorization ? { authorization } : undefined } };
    }
    case 'stop':
      if (typeof id !== 'string' || id === '') return error('MalformedMessage', 'A stop message needs a non-empty string "id".');
      return { type: 'stop', id };
    default:
      return error('UnsupportedOperation', `Unknown message type "${frame['type']}".`, typeof id === 'string' ? id : undefined);
  }
}

export function isServerMessage(message: ClientMessage | ServerMessage): message is ServerMessage {
  return message.type === 'error';
}

/** `payload.data` of a start: the operation, or why it cannot be read. */
export function parseStartData(data: string): { query: string; variables: Record<string, unknown>; operationName?: string } | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return 'payload.data is not valid JSON.';
  }
  if (!isRecord(parsed) || typeof parsed['query'] !== 'string') return 'payload.data must be the JSON string of {query, variables}.';
  const variables = parsed['variables'] ?? {};
  if (!isRecord(variables)) return '"variables" must be a JSON object.';
  const operationName = parsed['operationName'];
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
    return '"operationName" must be a string.';
  return { query: parsed['query'], variables, operationName: operationName ?? undefined };
}
