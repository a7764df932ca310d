/**
 * The CPU half of a batch, shared by the job and the parse-and-validate benchmark: each parsed
 * row is either an error item (malformed, or invalid with its reasons) or a customer write, and
 * the batch's checkpoint is the end of its last record.
 */
import type { CountryCode } from 'libphonenumber-js';
import type { ImportCheckpoint } from '../../../model/customers/records.js';
import type { CsvLayout, ParsedRow } from '../csv/parse-stream.js';
import { validateRow } from '../csv/validate-row.js';
import type { RowError } from './error-report.js';
import type { upsertCustomer } from './upsert.js';

export interface ValidRow {
  readonly id: string;
  readonly updatedAt: string;
  readonly write: Parameters<typeof upsertCustomer>[2];
}

export interface ValidatedBatch {
  readonly rowsRead: number;
  readonly errors: RowError[];
  readonly valid: ValidRow[];
  readonly checkpoint: ImportCheckpoint;
}

export interface BatchContext {
  readonly importId: string;
  readonly layout: CsvLayout;
  /** ISO 8601: the `updated_at` of rows without one (the object's LastModified). */
  readonly lastModified: string;
  readonly defaultCountry?: CountryCode;
}

export function validateBatch(batch: readonly ParsedRow[], context: BatchContext): ValidatedBatch {
  const errors: RowError[] = [];
  const valid: ValidRow[] = [];
  const options = { defaultCountry: context.defaultCountry };
  let lastRecord: ParsedRow | undefined;
  for (const item of batch) {
    if (item.kind === 'malformed') {
      errors.push({ row: item.row, problems: [{ column: '', reason: item.reason }], line: item.raw });
      continue;
    }
    lastRecord = item;
    const result = validateRow(item.values, options);
    if (!result.ok) {
      errors.push({ row: item.row, problems: result.problems, line: item.raw });
      continue;
    }
    const { id, email, firstName, lastName, phone } = result.customer;
    const updatedAt = result.customer.updatedAt ?? context.lastModified;
    // Spelt out rather than spread: a literal of known shape is cheaper, once per row.
    valid.push({
      id,
      updatedAt,
      write: { id, email, firstName, lastName, phone, updatedAt, importId: context.importId, importRow: item.row },
    });
  }
  // A batch of malformed records only ends at its last one.
  lastRecord ??= batch[batch.length - 1]!;
  return {
    rowsRead: batch.length,
    errors,
    valid,
    checkpoint: {
      byteOffset: lastRecord.endOffset,
      rowsRead: lastRecord.row,
      columns: context.layout.columns,
      delimiter: context.layout.delimiter,
    },
  };
}
