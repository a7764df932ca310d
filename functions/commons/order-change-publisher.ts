/**
 * The bridge from an order's status change to its subscribers: calls AppSync's IAM-only
 * `publishOrderChange` (SigV4, `appsync-iam-caller.ts`) selecting every field of Order, so a
 * subscriber may select any of them. For the stream publisher: a failed call throws, so the batch
 * is retried in stream order. The order's stored shape is `OrderRecord` (model/orders/records.ts).
 */
import { ORDER_STATUSES, type OrderStatusName } from '../../model/orders/status.js';
import type { OrderChangeInput } from '../../resolvers/generated/graphql.js';
import { createIamGraphqlCaller, type PublisherOptions } from './appsync-iam-caller.js';
import { isObject, RecordShapeError } from './inventory-model.js';

export const PUBLISH_ORDER_CHANGE = `mutation PublishOrderChange($input: OrderChangeInput!) {
  publishOrderChange(input: $input) {
    id customerId partnerId items { productId warehouseId quantity unitPrice lineTotal } currency total status
    reservationId createdAt updatedAt statusHistory { status at actor reason }
  }
}`;

type Obj = Record<string, unknown>;

function field<T>(obj: Obj, name: string, where: string, ok: (v: unknown) => v is T, what: string): T {
  const v = obj[name];
  if (!ok(v)) throw new RecordShapeError(`${where}.${name} must be ${what}, got ${JSON.stringify(v)}`);
  return v;
}
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isTextOrNull = (v: unknown): v is string | null | undefined => v === undefined || v === null || typeof v === 'string';
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isStatus = (v: unknown): v is OrderStatusName => ORDER_STATUSES.indexOf(v as OrderStatusName) >= 0;
const isList = (v: unknown): v is unknown[] => Array.isArray(v);

function map(raw: unknown, where: string): Obj {
  if (!isObject(raw)) throw new RecordShapeError(`${where} must be a map, got ${JSON.stringify(raw)}`);
  return raw;
}

/** Whether a stream image is an order (`entity: 'Order'`, written by the order resolvers). */
export function isOrderImage(image: Obj | undefined): boolean {
  return !!image && image['entity'] === 'Order';
}

/** An order image (every field checked) as the publish mutation's input. */
export function orderChangeOf(raw: unknown, where = 'Order'): OrderChangeInput {
  const o = map(raw, where);
  return {
    id: field(o, 'id', where, isText, 'a non-empty string'),
    customerId: field(o, 'customerId', where, isText, 'a non-empty string'),
    partnerId: field(o, 'partnerId', where, isTextOrNull, 'a string or null') ?? null,
    items: field(o, 'items', where, isList, 'a list').map((rawItem, n) => {
      const i = map(rawItem, `${where}.items[${n}]`);
      const at = `${where}.items[${n}]`;
      return {
        productId: field(i, 'productId', at, isText, 'a non-empty string'),
        warehouseId: field(i, 'warehouseId', at, isTextOrNull, 'a string or null') ?? null,
        quantity: field(i, 'quantity', at, isInt, 'an integer'),
        unitPrice: field(i, 'unitPrice', at, isInt, 'an integer'),
        lineTotal: field(i, 'lineTotal', at, isInt, 'an integer'),
      };
    }),
    currency: field(o, 'currency', where, isText, 'a non-empty string'),
    total: field(o, 'total', where, isInt, 'an integer'),
    status: field(o, 'status', where, isStatus, 'an order status'),
    reservationId: field(o, 'reservationId', where, isTextOrNull, 'a string or null') ?? null,
    createdAt: field(o, 'createdAt', where, isText, 'a non-empty string'),
    updatedAt: field(o, 'updatedAt', where, isText, 'a non-empty string'),
    statusHistory: field(o, 'statusHistory', where, isList, 'a list').map((rawChange, n) => {
      const h = map(rawChange, `${where}.statusHistory[${n}]`);
      const at = `${where}.statusHistory[${n}]`;
      return {
        status: field(h, 'status', at, isStatus, 'an order status'),
        at: field(h, 'at', at, isText, 'a non-empty string'),
        actor: field(h, 'actor', at, isText, 'a non-empty string'),
        reason: field(h, 'reason', at, isTextOrNull, 'a string or null') ?? null,
      };
    }),
  };
}

export function createOrderChangePublisher(options: PublisherOptions) {
  const call = createIamGraphqlCaller(options);
  return async function publishOrderChange(change: OrderChangeInput): Promise<void> {
    await call('publishOrderChange', PUBLISH_ORDER_CHANGE, { input: change });
  };
}
