/** `util.http` (AWS AppSync Developer Guide, "Built-in utilities"; restricted lists from DOC http-helpers-in-utils-http.html). */
import { currentFrame } from '../frame.js';
import { isPlainObject, type PlainObject } from './values.js';

/** DOC: the headers `copyHeaders` drops (hop-by-hop and transport headers). */
export const COPY_RESTRICTED = new Set([
  'transfer-encoding',
  'connection',
  'host',
  'expect',
  'keep-alive',
  'upgrade',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'content-length',
]);

/** DOC: response headers that cannot be set, in addition to COPY_RESTRICTED. */
const RESPONSE_RESTRICTED = new Set([
  'access-control-allow-credentials',
  'access-control-allow-origin',
  'access-control-expose-headers',
  'access-control-max-age',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'vary',
  'content-type',
]);

/** DOC: custom response headers, names and values together, are limited to 4 KB. */
const MAX_RESPONSE_HEADER_BYTES = 4096;

export function copyHeaders(headers: unknown): PlainObject {
  const out: PlainObject = {};
  if (!isPlainObject(headers)) return out;
  for (const [name, value] of Object.entries(headers)) if (!COPY_RESTRICTED.has(name.toLowerCase())) out[name] = value;
  return out;
}

/** Non-string values are serialised as JSON text [INFERRED: the DOC only says the value is an Object]. */
function headerValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * DOC: "Headers with an empty or restricted name or a null value will be ignored and yield a
 * ResponseHeaderError error that is added to the operation's errors output." The 4 KB overflow is
 * reported the same way [INFERRED].
 */
export function addResponseHeader(name: unknown, value: unknown): void {
  const frame = currentFrame();
  const reject = (why: string): void => {
    frame.appendedErrors.push({
      message: `Unable to add response header ${JSON.stringify(String(name))}: ${why}`,
      errorType: 'ResponseHeaderError',
      data: null,
      errorInfo: null,
    });
  };
  if (typeof name !== 'string' || name.trim() === '') return reject('the name is empty');
  const lower = name.toLowerCase();
  if (COPY_RESTRICTED.has(lower) || RESPONSE_RESTRICTED.has(lower) || lower.startsWith('x-amzn-') || lower.startsWith('x-amz-')) {
    return reject('the name is restricted');
  }
  if (value === null || value === undefined) return reject('the value is null');
  const next: Record<string, string> = { ...frame.responseHeaders };
  // The last definition of a name wins (case-insensitively, as HTTP header names are).
  for (const existing of Object.keys(next)) if (existing.toLowerCase() === lower) delete next[existing];
  next[name] = headerValue(value);
  const size = Object.entries(next).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (size > MAX_RESPONSE_HEADER_BYTES) return reject('custom response headers exceed 4 KB');
  for (const existing of Object.keys(frame.responseHeaders)) delete frame.responseHeaders[existing];
  Object.assign(frame.responseHeaders, next);
}

export function addResponseHeaders(headers: unknown): void {
  if (!isPlainObject(headers)) return;
  for (const [name, value] of Object.entries(headers)) addResponseHeader(name, value);
}

export function createHttpUtils(): PlainObject {
  return { copyHeaders, addResponseHeader, addResponseHeaders };
}
