/**
 * The AWS Query protocol as SNS speaks it: form-encoded requests (`Action=Publish&…`, lists as
 * `Name.member.N`, maps as `Name.entry.N.Name/Value`) and XML responses in the
 * `http://sns.amazonaws.com/doc/2010-03-31/` namespace.
 */
import { randomUUID } from 'node:crypto';

export const SNS_XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';

export type QueryParams = ReadonlyMap<string, string>;

export function parseQueryBody(body: string): QueryParams {
  return new Map(new URLSearchParams(body));
}

/** Items of a list parameter (`<prefix>.member.1.…`, `<prefix>.member.2.…`), each as its own params. */
export function queryList(params: QueryParams, prefix: string, kind: 'member' | 'entry' = 'member'): QueryParams[] {
  const items = new Map<number, Map<string, string>>();
  const head = `${prefix}.${kind}.`;
  for (const [key, value] of params) {
    if (!key.startsWith(head)) continue;
    const rest = key.slice(head.length);
    const dot = rest.indexOf('.');
    const index = Number(dot === -1 ? rest : rest.slice(0, dot));
    if (!Number.isInteger(index) || index < 1) continue;
    const item = items.get(index) ?? new Map<string, string>();
    item.set(dot === -1 ? '' : rest.slice(dot + 1), value);
    items.set(index, item);
  }
  return [...items.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
}

export function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string);
}

/** `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…` */
export function queryResponse(action: string, resultXml: string): string {
  return `<${action}Response xmlns="${SNS_XMLNS}"><${action}Result>${resultXml}</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`;
}

/** A request-level failure: `<ErrorResponse><Error><Type/><Code/><Message/></Error>…`. */
export class SnsApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
    this.name = code;
  }

  toXml(): string {
    return `<ErrorResponse xmlns="${SNS_XMLNS}"><Error><Type>${this.type}</Type><Code>${xmlEscape(this.code)}</Code><Message>${xmlEscape(this.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
  }
}
