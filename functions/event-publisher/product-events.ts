/**
 * `ProductUpdated` (events/ProductUpdated.schema.json) from the change stream: one event per admin
 * write of a product record, i.e. an INSERT or a MODIFY that raised its `version`. Popularity
 * increments (the popularity worker) leave the version alone and publish nothing.
 */
import { PRODUCT_SORT_KEY } from '../../model/catalog/keys.js';
import { RecordShapeError } from '../commons/inventory-model.js';
import type { ParsedStreamRecord } from '../commons/stream-records.js';

export interface ProductEventEnvelope {
  readonly type: 'ProductUpdated';
  readonly at: string;
  readonly data: {
    productId: string;
    name: string;
    description: string | null;
    price: number;
    category: string;
    updatedAt: string;
  };
}

export function isProductKey(keys: Record<string, unknown>): boolean {
  return typeof keys['pk'] === 'string' && keys['pk'].startsWith('PRODUCT#') && keys['sk'] === PRODUCT_SORT_KEY;
}

function text(image: Record<string, unknown>, field: string): string {
  const v = image[field];
  if (typeof v !== 'string' || v === '')
    throw new RecordShapeError(`Product.${field} must be a non-empty string, got ${JSON.stringify(v)}`);
  return v;
}

function version(image: Record<string, unknown> | undefined): number {
  const v = image?.['version'];
  return typeof v === 'number' ? v : 0;
}

/** The ProductUpdated payload of a record, or null when the record is no admin write. */
export function productUpdateOf(record: ParsedStreamRecord): ProductEventEnvelope | null {
  if (record.eventName === 'REMOVE' || !record.newImage) return null;
  const image = record.newImage;
  if (record.eventName === 'MODIFY' && version(image) <= version(record.oldImage)) return null;
  const price = image['price'];
  if (typeof price !== 'number' || !Number.isSafeInteger(price) || price < 0)
    throw new RecordShapeError(`Product.price must be a non-negative integer, got ${JSON.stringify(price)}`);
  const description = image['description'];
  const updatedAt = new Date(text(image, 'updatedAt')).toISOString();
  return {
    type: 'ProductUpdated',
    at: updatedAt,
    data: {
      productId: text(image, 'id'),
      name: text(image, 'name'),
      description: typeof description === 'string' ? description : null,
      price,
      category: text(image, 'category'),
      updatedAt,
    },
  };
}
