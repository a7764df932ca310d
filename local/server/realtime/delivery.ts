/**
 * What one subscriber receives for one event: the mutation's result (only the fields the mutation
 * selected) executed against the subscriber's selection set, with the field-level authorization
 * of the subscriber's mode. A denied field is null with AppSync's "Not Authorized to access …"
 * error; a null in a non-null field propagates to the nearest nullable parent, as graphql-js and
 * AppSync do. A field the mutation did not select arrives as null.
 */
import { execute, GraphQLError, type DocumentNode, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Principal } from '../auth/authenticate.js';
import { isAllowed, type AuthRule } from '../auth/directives.js';
import { FieldError, formatExecutionError, fromEntry, type AppSyncError, type ErrorLogger } from '../errors.js';

export interface DeliveryTarget {
  readonly document: DocumentNode;
  readonly operationName?: string;
  readonly variables: Record<string, unknown>;
  readonly principal: Principal;
}

export interface DeliveryContext {
  readonly schema: GraphQLSchema;
  readonly rules: ReadonlyMap<string, AuthRule>;
  readonly log: ErrorLogger;
}

interface ExecutionContext {
  readonly principal: Principal;
  readonly event: unknown;
  readonly rules: ReadonlyMap<string, AuthRule>;
}

const resolveField: GraphQLFieldResolver<unknown, ExecutionContext> = (source, _args, context, info) => {
  const key = `${info.parentType.name}.${info.fieldName}`;
  if (!isAllowed(context.rules.get(key), context.principal, key)) {
    throw new FieldError({
      message: `Not Authorized to access ${info.fieldName} on type ${info.parentType.name}`,
      errorType: 'Unauthorized',
      data: null,
      errorInfo: null,
    });
  }
  if (info.parentType.name === 'Subscription') return context.event;
  const value = source !== null && typeof source === 'object' ? (source as Record<string, unknown>)[info.fieldName] : undefined;
  return value ?? null;
};

export interface DeliveryPayload {
  data: unknown;
  errors?: AppSyncError[];
}

/** Synchronous: no resolver runs (the values come from the event). */
export function deliveryPayload(ctx: DeliveryContext, target: DeliveryTarget, event: unknown): DeliveryPayload {
  const result = execute({
    schema: ctx.schema,
    document: target.document,
    operationName: target.operationName,
    variableValues: target.variables,
    contextValue: { principal: target.principal, event, rules: ctx.rules } satisfies ExecutionContext,
    fieldResolver: resolveField,
  });
  if (result instanceof Promise) throw new Error('subscription delivery must not be asynchronous');
  const errors = (result.errors ?? []).map((e) =>
    isNullViolation(e)
      ? fromEntry({ message: e.message, errorType: null, data: null, errorInfo: null }, e.path, e.locations)
      : formatExecutionError(e, ctx.log),
  );
  return errors.length > 0 ? { data: result.data ?? null, errors } : { data: result.data ?? null };
}

/** A field the mutation did not select, non-null in the subscriber's selection: a query error, not an internal one. */
function isNullViolation(error: GraphQLError): boolean {
  return (
    error.originalError !== undefined &&
    !(error.originalError instanceof GraphQLError) &&
    error.message.startsWith('Cannot return null for non-nullable field')
  );
}

/** Subscribers with the same document, variables and authorization get the same payload: computed once per event. */
export function deliveryKey(queryText: string, target: DeliveryTarget): string {
  const p = target.principal;
  return JSON.stringify([queryText, target.operationName ?? null, target.variables, p.mode, p.groups, [...p.deniedFields].sort()]);
}
