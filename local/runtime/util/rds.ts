/**
 * `util.rds` and the `@aws-appsync/utils/rds` module. RDS is out of Stockroom's scope (AWS AppSync Developer Guide, "Built-in utilities"): `toJsonObject` and the type hints work; the SQL statement builders fail loudly so that a
 * resolver using them is noticed locally instead of producing a made-up statement.
 */
import { isPlainObject, type PlainObject } from './values.js';

function cellValue(cell: unknown): unknown {
  if (!isPlainObject(cell) || cell['isNull'] === true) return null;
  for (const k of ['stringValue', 'longValue', 'doubleValue', 'booleanValue', 'blobValue']) if (k in cell) return cell[k];
  if (isPlainObject(cell['arrayValue'])) return Object.values(cell['arrayValue'])[0] ?? null;
  return null;
}

/** Data API result (string or object) → one array of row objects per statement result. */
export function toJsonObject(data: unknown): unknown[][] | null {
  let parsed: unknown = data;
  if (typeof data === 'string') {
    try {
      parsed = JSON.parse(data);
    } catch {
      return null;
    }
  }
  if (!isPlainObject(parsed) || !Array.isArray(parsed['sqlStatementResults'])) return null;
  return parsed['sqlStatementResults'].map((result: unknown) => {
    if (!isPlainObject(result) || !Array.isArray(result['records'])) return [];
    const columns = Array.isArray(result['columnMetadata']) ? result['columnMetadata'] : [];
    return result['records'].map((record: unknown) => {
      const row: PlainObject = {};
      (Array.isArray(record) ? record : []).forEach((cell, i) => {
        const meta = columns[i] as PlainObject | undefined;
        row[String(meta?.['label'] ?? meta?.['name'] ?? i)] = cellValue(cell);
      });
      return row;
    });
  });
}

const hint = (type: string) => (value: unknown) => ({ type, value });

function unsupported(name: string): () => never {
  return () => {
    throw new Error(`@aws-appsync/utils/rds ${name}() is not supported by the local runtime (RDS is out of scope)`);
  };
}

export function createRdsModule(): PlainObject {
  return {
    toJsonObject,
    typeHint: {
      DECIMAL: hint('DECIMAL'),
      JSON: hint('JSON'),
      TIMESTAMP: hint('TIMESTAMP'),
      TIME: hint('TIME'),
      UUID: hint('UUID'),
      DATE: hint('DATE'),
    },
    select: unsupported('select'),
    insert: unsupported('insert'),
    update: unsupported('update'),
    remove: unsupported('remove'),
    createPgStatement: unsupported('createPgStatement'),
    createMySQLStatement: unsupported('createMySQLStatement'),
    sql: unsupported('sql'),
  };
}
