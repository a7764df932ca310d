/** `extensions.*` (AWS AppSync Developer Guide, "Extensions"; AWS AppSync Developer Guide, "Enhanced subscription filters"): they record their effect on the current field's frame. */
import { currentFrame, type SubscriptionFilter } from '../frame.js';
import { UtilErrorSignal } from '../signals.js';
import { isPlainObject, jsonCopy, type PlainObject } from './values.js';

/** DOC: at most 5 unique `invalidateSubscriptions` calls per request. */
const MAX_INVALIDATIONS = 5;

function fail(message: string, errorType: string): never {
  throw new UtilErrorSignal({ message, errorType, data: null, errorInfo: null });
}

/** Copied into the host realm so later changes by resolver code cannot alter what was recorded. */
function filterArg(filter: unknown, fn: string): SubscriptionFilter {
  if (!isPlainObject(filter) || !Array.isArray(filter['filterGroup'])) {
    fail(`${fn} expects {filterGroup:[{filters:[...]}]}`, 'InvalidFilterError');
  }
  return jsonCopy(filter) as unknown as SubscriptionFilter;
}

export function setSubscriptionFilter(filter: unknown): void {
  currentFrame().subscriptionFilter = filterArg(filter, 'setSubscriptionFilter');
}

export function setSubscriptionInvalidationFilter(filter: unknown): void {
  currentFrame().subscriptionInvalidationFilter = filterArg(filter, 'setSubscriptionInvalidationFilter');
}

/** Identical calls count once; the sixth distinct one is an error (util-style, stops the handler). */
export function invalidateSubscriptions(obj: unknown): void {
  if (!isPlainObject(obj) || typeof obj['subscriptionField'] !== 'string') {
    fail('invalidateSubscriptions expects {subscriptionField: string, payload: object}', 'InvalidInvalidationError');
  }
  const call = { subscriptionField: obj['subscriptionField'], payload: jsonCopy(isPlainObject(obj['payload']) ? obj['payload'] : {}) };
  const frame = currentFrame();
  const text = JSON.stringify(call);
  if (frame.invalidations.some((c) => JSON.stringify(c) === text)) return;
  if (frame.invalidations.length >= MAX_INVALIDATIONS) {
    fail(`invalidateSubscriptions can be called with at most ${MAX_INVALIDATIONS} unique arguments per request`, 'LimitExceededError');
  }
  frame.invalidations.push(call);
}

export function evictFromApiCache(typeName: unknown, fieldName: unknown, keys: unknown): void {
  if (typeof typeName !== 'string' || typeof fieldName !== 'string' || !isPlainObject(keys)) {
    fail('evictFromApiCache expects (typeName: string, fieldName: string, keyValuePair: object)', 'InvalidEvictionError');
  }
  currentFrame().cacheEvictions.push({ typeName, fieldName, keys: jsonCopy(keys) });
}

export function createExtensions(): PlainObject {
  return { setSubscriptionFilter, setSubscriptionInvalidationFilter, invalidateSubscriptions, evictFromApiCache };
}
