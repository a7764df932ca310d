/**
 * createOrder: validate every field (before) → load the idempotency record and the reservation (01)
 * → one transaction: idempotency record, order, and for a checkout the reservation's confirmation
 * with its stock commit (02) → read the original order back for a duplicate (03). docs/orders.md.
 */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationCreateOrderArgs, Order } from '../generated/graphql';
import { canonicalPayload } from '../../model/orders/fingerprint';
import { fingerprintRecordKey, idempotencyRecordKey, orderIdFrom } from '../../model/orders/keys';
import { idempotencyKeyViolation, validateOrderInput, type OrderInputLike, type Violation } from '../../model/orders/validation';
import { actorOf, requireScope } from '../lib/identity';
import { failValidation } from '../lib/order-errors';
import type { CreateOrderStash } from '../lib/order-stash';
import { scopeOf } from '../lib/reservations';

/** AppSync hands request headers over with lowercase names. */
const KEY_HEADER = 'idempotency-key';

type Ctx = Context<MutationCreateOrderArgs, CreateOrderStash, { result: Order }, Record<string, never>, Order>;

export function request(ctx: Ctx): Record<string, never> {
  const actor = actorOf(ctx.identity);
  requireScope(actor, 'orders:write');
  const raw = ctx.args.input as OrderInputLike;
  if (raw.reservationId !== undefined && raw.reservationId !== null) requireScope(actor, 'inventory:reserve');
  const checked = validateOrderInput(raw);
  const violations: Violation[] = checked.ok ? [] : checked.violations;

  const headers = (ctx.request.headers ?? {}) as Record<string, unknown>;
  const header = headers[KEY_HEADER];
  const hasHeader = header !== undefined && header !== null;
  if (hasHeader) {
    const bad = idempotencyKeyViolation('headers.Idempotency-Key', header);
    if (bad) violations.push(bad);
  }
  const argumentKey = checked.ok ? checked.value.idempotencyKey : null;
  if (hasHeader && argumentKey !== null && header !== argumentKey) {
    violations.push({ field: 'idempotencyKey', message: 'differs from the Idempotency-Key header; give one key, or the same in both' });
  }
  if (!checked.ok || violations.length > 0) return failValidation(violations);

  const input = checked.value;
  // No `??`: APPSYNC_JS evaluates its right side even when the left is defined.
  const key = argumentKey !== null ? argumentKey : hasHeader ? (header as string) : null;
  const scope = scopeOf(actor);
  const payload = canonicalPayload(input);
  const stash = ctx.stash;
  stash.actor = actor;
  stash.scope = scope;
  stash.input = input;
  stash.idempotencyKey = key;
  stash.payload = payload;
  stash.recordKey = key ? idempotencyRecordKey(scope, key) : fingerprintRecordKey(scope, payload);
  stash.orderId = orderIdFrom(util.autoUlid());
  stash.nowMs = util.time.nowEpochMilliSeconds();
  return {};
}

export function response(ctx: Ctx): Order {
  if (!ctx.prev.result) util.error('An internal error occurred.', 'InternalFailure');
  return ctx.prev.result;
}
