/** Reading an `OrderCreated` delivery (events/OrderCreated.schema.json) from EventBridge. */

export class OrderEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OrderEventError';
  }
}

export interface OrderCreatedFacts {
  readonly orderId: string;
  /** Distinct product ids of the order, in first-seen order. */
  readonly productIds: string[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The order id and its distinct products; throws OrderEventError on anything else. */
export function orderCreatedFacts(event: unknown): OrderCreatedFacts {
  if (!isObject(event)) throw new OrderEventError('the event is not an object');
  const detailType = event['detail-type'];
  if (detailType !== 'OrderCreated') throw new OrderEventError(`unexpected detail-type ${JSON.stringify(detailType)}`);
  const detail = event['detail'];
  if (!isObject(detail) || !isObject(detail['data'])) throw new OrderEventError('detail.data is missing');
  const data = detail['data'];
  const orderId = data['orderId'];
  if (typeof orderId !== 'string' || orderId === '') throw new OrderEventError('detail.data.orderId must be a non-empty string');
  const items = data['items'];
  if (!Array.isArray(items) || items.length === 0) throw new OrderEventError('detail.data.items must be a non-empty list');
  const productIds: string[] = [];
  items.forEach((item: unknown, i) => {
    const productId = isObject(item) ? item['productId'] : undefined;
    if (typeof productId !== 'string' || productId === '') throw new OrderEventError(`detail.data.items[${i}].productId must be a string`);
    if (!productIds.includes(productId)) productIds.push(productId);
  });
  return { orderId, productIds };
}
