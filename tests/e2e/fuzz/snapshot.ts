/** Every item of a table, read with a strongly consistent Scan, in a canonical order: compare two to see any change. */
import { ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

export type TableSnapshot = Map<string, string>;

function keyOf(item: Record<string, AttributeValue>): string {
  return JSON.stringify([item.pk, item.sk]);
}

/** Sorted attribute names, so that two equal items print equal. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value;
}

export async function snapshotTable(client: DynamoDBClient, tableName: string): Promise<TableSnapshot> {
  const out: TableSnapshot = new Map();
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) out.set(keyOf(item), JSON.stringify(canonical(item)));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** What differs between two snapshots, one line per item (empty: nothing changed). */
export function diffSnapshots(before: TableSnapshot, after: TableSnapshot): string[] {
  const lines: string[] = [];
  for (const [key, item] of before) {
    const now = after.get(key);
    if (now === undefined) lines.push(`deleted ${key}`);
    else if (now !== item) lines.push(`changed ${key}: ${item} → ${now}`);
  }
  for (const [key, item] of after) if (!before.has(key)) lines.push(`added ${key}: ${item}`);
  return lines;
}
