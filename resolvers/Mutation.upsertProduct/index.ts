/**
 * upsertProduct (admin): validate (before) → read the stored product (01) → one transaction: the
 * product's conditional update (version compare-and-set) with its search tokens, old words
 * deleted and current words put (02).
 */
import { util } from '@aws-appsync/utils';
import type { MutationUpsertProductArgs, Product } from '../generated/graphql';
import { distinctWords } from '../../model/catalog/normalize';
import { productInputViolations } from '../../model/catalog/records';
import type { BeforeContext, StepContext } from '../lib/context';
import { actorOf } from '../lib/identity';
import type { UpsertStash } from '../lib/product-upsert';
import { requireInt } from '../lib/validate';

export function request(ctx: BeforeContext<MutationUpsertProductArgs, UpsertStash>): Record<string, never> {
  const actor = actorOf(ctx.identity);
  if (actor.kind !== 'admin') util.unauthorized();
  const input = ctx.args.input;
  const violations = productInputViolations(input);
  if (violations.length > 0) {
    const first = violations[0] as { field: string; message: string };
    util.error(`input.${first.field}: ${first.message}`, 'ValidationError', null, {
      field: `input.${first.field}`,
      violations: violations.map((v) => ({ field: `input.${v.field}`, message: v.message })),
    });
  }
  const hasExpected = ctx.args.expectedVersion !== undefined && ctx.args.expectedVersion !== null;
  if (hasExpected) requireInt('expectedVersion', ctx.args.expectedVersion, 0, 2147483647);
  const now = util.time.nowISO8601();
  const attributes = input.attributes === undefined || input.attributes === null ? null : JSON.stringify(input.attributes);
  ctx.stash.actor = actor.label;
  ctx.stash.now = now;
  ctx.stash.existing = null;
  ctx.stash.expectedVersion = hasExpected ? (ctx.args.expectedVersion as number) : null;
  ctx.stash.product = {
    entity: 'Product',
    id: input.id,
    name: input.name.trim(),
    description: input.description === undefined || input.description === null ? null : input.description,
    price: input.price,
    currency: input.currency,
    category: input.category,
    attributes,
    popularity: 0,
    version: 1,
    searchWords: distinctWords(input.name),
    createdAt: now,
    updatedAt: now,
  };
  return {};
}

export function response(ctx: StepContext<MutationUpsertProductArgs, UpsertStash, Product>): Product {
  return ctx.prev.result;
}
