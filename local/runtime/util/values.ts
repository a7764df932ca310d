/** Small shape predicates shared by the util modules (values may come from the vm realm). */

export type PlainObject = Record<string, unknown>;

/** A non-null, non-array object. Cross-realm safe (no `instanceof`, no prototype identity). */
export function isPlainObject(v: unknown): v is PlainObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A host-realm deep copy of a JSON-like value (drops functions/undefined as JSON does). */
export function jsonCopy<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}
