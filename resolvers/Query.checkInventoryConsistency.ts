import type { LambdaRequest } from '@aws-appsync/utils';
import type { ConsistencyReport, QueryCheckInventoryConsistencyArgs } from './generated/graphql';
import { actorOf } from './lib/identity';
import { lambdaResult } from './lib/lambda-errors';
import { requireId } from './lib/validate';
import type { UnitContext } from './lib/context';

/** This field's context: its arguments and its data source's result. */
type FieldContext = UnitContext<QueryCheckInventoryConsistencyArgs, unknown>;

/** Sums every ACTIVE reservation and the whole ledger: work for a function, not a resolver. */
export function request(ctx: FieldContext): LambdaRequest {
  actorOf(ctx.identity);
  // The token is checked by the function: it only names a server-side job record.
  return {
    operation: 'Invoke',
    payload: { action: 'check', productId: requireId('productId', ctx.args.productId), nextToken: ctx.args.nextToken },
  };
}

export function response(ctx: FieldContext): ConsistencyReport {
  return lambdaResult<ConsistencyReport>(ctx.error, ctx.result);
}
