import { extensions, util, type Context } from '@aws-appsync/utils';
import type { SubscriptionOnImportProgressArgs } from './generated/graphql';
import { requireId } from './lib/validate';

/** Admins only (schema): checks the id before anything is registered. */
export function request(ctx: Context<SubscriptionOnImportProgressArgs>): { payload: null } {
  requireId('importId', ctx.args.importId);
  return { payload: null };
}

/** An enhanced filter: the argument is `importId`, the pushed job's field is `id` (argument matching would never match). */
export function response(ctx: Context<SubscriptionOnImportProgressArgs>): null {
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ id: { eq: requireId('importId', ctx.args.importId) } }));
  return null;
}
