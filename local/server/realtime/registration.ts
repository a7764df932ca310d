/**
 * A `start`: the operation is parsed and validated as over HTTP, must be a subscription, and its
 * field's resolver (when one is wired) runs once with the subscriber's identity and arguments.
 * What the resolver's response handler set with `extensions.setSubscriptionFilter` /
 * `setSubscriptionInvalidationFilter` is kept; without an enhanced filter the given arguments
 * filter events.
 */
import {
  execute,
  getOperationAST,
  GraphQLError,
  Kind,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { executeResolver, type ExecutableResolver } from '../../runtime/executor.js';
import type { SubscriptionFilter } from '../../runtime/frame.js';
import type { Principal } from '../auth/authenticate.js';
import { isAllowed, type AuthRule } from '../auth/directives.js';
import { FieldError, formatExecutionError, requestError, type AppSyncError, type ErrorLogger } from '../errors.js';
import { infoOf } from '../graphql.js';
import { operationSizeRule } from '../operation-size.js';
import type { DeliveryTarget } from './delivery.js';
import { filterProblem } from './filters.js';
import type { ProtocolError } from './protocol.js';

export interface RegistrationContext {
  readonly schema: GraphQLSchema;
  readonly rules: ReadonlyMap<string, AuthRule>;
  readonly resolvers: ReadonlyMap<string, ExecutableResolver>;
  readonly env: Readonly<Record<string, string>>;
  readonly log: ErrorLogger;
  readonly resolverLog?: (field: string, line: string) => void;
}

export interface Registration {
  /** The subscription field, e.g. `onStockChanged`. */
  readonly field: string;
  /** Mutations whose results it receives (`@aws_subscribe(mutations: [...])`). */
  readonly mutations: ReadonlySet<string>;
  /** The arguments the client gave (omitted ones absent, explicit nulls kept). */
  readonly args: Record<string, unknown>;
  readonly filter?: SubscriptionFilter;
  readonly invalidationFilter?: SubscriptionFilter;
  readonly target: DeliveryTarget;
  readonly queryText: string;
}

export type RegistrationOutcome = { ok: true; registration: Registration } | { ok: false; errors: ProtocolError[] };

interface StartContext {
  readonly principal: Principal;
  readonly headers: Record<string, unknown>;
  captured?: { field: string; args: Record<string, unknown>; filter?: SubscriptionFilter; invalidationFilter?: SubscriptionFilter };
}

/** `@aws_subscribe(mutations: [...])` of every subscription field. */
export function subscribedMutations(schema: GraphQLSchema): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
    const directive = field.astNode?.directives?.find((d) => d.name.value === 'aws_subscribe');
    const arg = directive?.arguments?.find((a) => a.name.value === 'mutations');
    const names = arg?.value.kind === Kind.LIST ? arg.value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : [];
    out.set(field.name, new Set(names));
  }
  return out;
}

const MAX_CACHED_DOCUMENTS = 200;

function toProtocol(errors: readonly AppSyncError[]): ProtocolError[] {
  return errors.map((e) => ({ ...e }));
}

export function createRegistrar(ctx: RegistrationContext) {
  const rules = [...specifiedRules, operationSizeRule()];
  const documents = new Map<string, DocumentNode | AppSyncError[]>();
  const mutationsOf = subscribedMutations(ctx.schema);

  function prepare(query: string): DocumentNode | AppSyncError[] {
    const cached = documents.get(query);
    if (cached) return cached;
    let prepared: DocumentNode | AppSyncError[];
    try {
      const document = parse(query, { maxTokens: 10_000 });
      const errors = validate(ctx.schema, document, rules, { maxErrors: 50 });
      prepared = errors.length > 0 ? errors.map((e) => requestError(e, 'ValidationError')) : document;
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      prepared = [requestError(error, 'InvalidSyntax')];
    }
    if (documents.size >= MAX_CACHED_DOCUMENTS) documents.delete(documents.keys().next().value as string);
    documents.set(query, prepared);
    return prepared;
  }

  const startResolver: GraphQLFieldResolver<unknown, StartContext> = async (_source, args: Record<string, unknown>, context, info) => {
    const key = `Subscription.${info.fieldName}`;
    if (!isAllowed(ctx.rules.get(key), context.principal, key)) {
      throw new FieldError({
        message: `Not Authorized to access ${info.fieldName} on type Subscription`,
        errorType: 'Unauthorized',
        data: null,
        errorInfo: null,
      });
    }
    const captured: NonNullable<StartContext['captured']> = { field: info.fieldName, args: { ...args } };
    const resolver = ctx.resolvers.get(key);
    if (resolver) {
      const outcome = await executeResolver(resolver, {
        arguments: args,
        identity: context.principal.identity,
        source: null,
        request: { headers: context.headers, domainName: null },
        info: infoOf(info.fieldName, 'Subscription', info.variableValues, info.fieldNodes, info.fragments),
        env: ctx.env,
        authType: context.principal.authType,
      });
      for (const line of outcome.frame.cloudWatchLogs) ctx.resolverLog?.(key, line);
      const stop = outcome.errors[0];
      if (stop) throw new FieldError(stop);
      captured.filter = outcome.frame.subscriptionFilter;
      captured.invalidationFilter = outcome.frame.subscriptionInvalidationFilter;
    }
    context.captured = captured;
    return null;
  };

  return async function register(
    operation: { query: string; variables: Record<string, unknown>; operationName?: string },
    principal: Principal,
    headers: Record<string, unknown>,
  ): Promise<RegistrationOutcome> {
    const prepared = prepare(operation.query);
    if (Array.isArray(prepared)) return { ok: false, errors: toProtocol(prepared) };
    const op = getOperationAST(prepared, operation.operationName);
    if (!op)
      return {
        ok: false,
        errors: [{ errorType: 'ValidationError', message: 'Must provide operation name if query contains multiple operations.' }],
      };
    if (op.operation !== 'subscription') {
      return {
        ok: false,
        errors: [
          {
            errorType: 'UnsupportedOperation',
            message: `${op.operation === 'query' ? 'Query' : 'Mutation'} operations are not supported through the real-time channel; send them to /graphql.`,
          },
        ],
      };
    }
    const context: StartContext = { principal, headers };
    const result = await execute({
      schema: ctx.schema,
      document: prepared,
      operationName: operation.operationName,
      variableValues: operation.variables,
      contextValue: context,
      fieldResolver: startResolver,
    });
    if (result.errors && result.errors.length > 0) {
      const type = result.data === undefined ? 'ValidationError' : undefined;
      return { ok: false, errors: toProtocol(result.errors.map((e) => (type ? requestError(e, type) : formatExecutionError(e, ctx.log)))) };
    }
    const captured = context.captured;
    if (!captured) return { ok: false, errors: [{ errorType: 'ValidationError', message: 'The subscription selects no field.' }] };
    for (const filter of [captured.filter, captured.invalidationFilter]) {
      const problem = filter ? filterProblem(filter) : undefined;
      if (problem) return { ok: false, errors: [{ errorType: 'ValidationError', message: problem }] };
    }
    return {
      ok: true,
      registration: {
        field: captured.field,
        mutations: mutationsOf.get(captured.field) ?? new Set(),
        args: captured.args,
        filter: captured.filter,
        invalidationFilter: captured.invalidationFilter,
        target: { document: prepared, operationName: operation.operationName, variables: operation.variables, principal },
        queryText: operation.query,
      },
    };
  };
}

export type Register = ReturnType<typeof createRegistrar>;
