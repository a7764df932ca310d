/**
 * Validates Stockroom event envelopes against the JSON Schemas in `events/` (one per event type,
 * each extending `envelope.schema.json`), for every test that emits or reads events.
 *
 *   expectValidEvent(JSON.parse(entry.Detail));   // throws with ajv's errors when invalid
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';

export const EVENTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'events');

interface SchemaFile {
  readonly $id: string;
  readonly title: string;
}

function loadSchemas(): { ajv: Ajv2020; byType: Map<string, ValidateFunction> } {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  // ajv-formats is CommonJS: its plugin is the default export's `default` under NodeNext.
  const addFormats = (formats as unknown as { default: (a: Ajv2020) => void }).default;
  addFormats(ajv);
  const files = readdirSync(EVENTS_DIR).filter((f) => f.endsWith('.schema.json'));
  const schemas = files.map((f) => JSON.parse(readFileSync(join(EVENTS_DIR, f), 'utf8')) as SchemaFile);
  for (const schema of schemas) ajv.addSchema(schema);
  const byType = new Map<string, ValidateFunction>();
  for (const schema of schemas) {
    if (schema.title === 'Stockroom event envelope') continue;
    byType.set(schema.title, ajv.getSchema(schema.$id) as ValidateFunction);
  }
  return { ajv, byType };
}

const { byType } = loadSchemas();

/** The event types that have a schema. */
export const EVENT_TYPES: readonly string[] = [...byType.keys()].sort();

export function eventErrors(event: unknown): ErrorObject[] | string | null {
  const type = (event as { type?: unknown } | null)?.type;
  const validate = typeof type === 'string' ? byType.get(type) : undefined;
  if (!validate) return `no schema for event type ${JSON.stringify(type)}`;
  return validate(event) ? null : (validate.errors ?? []);
}

export function expectValidEvent(event: unknown): void {
  const errors = eventErrors(event);
  if (errors !== null)
    throw new Error(`invalid event ${JSON.stringify(event)}: ${typeof errors === 'string' ? errors : JSON.stringify(errors, null, 1)}`);
}
