/**
 * GraphQL execution as AppSync does it: graphql-js parses, validates (with AppSync's scalars,
 * optional introspection ban) and executes; every field goes through one field resolver that
 * applies the query depth limit, the auth directives, the resolver count limit, then runs the
 * field's resolver bundle (or resolves from the parent, as AppSync does for fields without one).
 */
import {
  execute,
  getOperationAST,
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  parse,
  print,
  specifiedRules,
  validate,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { executeResolver, type ExecutableResolver } from '../runtime/executor.js';
import { isAllowed, type AuthRule } from './auth/directives.js';
import { MAX_NESTING, graphqlNesting } from './nesting-limit.js';
import { operationSizeRule } from './operation-size.js';
import type { Principal } from './auth/authenticate.js';
import { FieldError, formatExecutionError, fromEntry, requestError, type AppSyncError, type ErrorLogger } from './errors.js';

export interface Limits {
  /** 1–75 on AppSync; undefined = unlimited (AppSync's default). */
  readonly queryDepth?: number;
  /** 1–10000; AppSync's default is 10000. */
  readonly resolverCount: number;
  readonly introspection: boolean;
}

export interface GraphQLEngine {
  readonly schema: GraphQLSchema;
  readonly resolvers: ReadonlyMap<string, ExecutableResolver>;
  readonly rules: ReadonlyMap<string, AuthRule>;
  readonly env: Readonly<Record<string, string>>;
  readonly limits: Limits;
  readonly log: ErrorLogger;
  /** Receives resolver `console.log`/`console.error` lines (CloudWatch on AWS). */
  readonly resolverLog?: (field: string, line: string) => void;
  /** Called after a wired field resolved without error (e.g. to drop cached authorizations). */
  readonly onFieldResolved?: (field: string, value: unknown, principal: Principal) => void;
  /** Called after a mutation for each top-level field that completed without error (the real-time server publishes it). */
  readonly onMutationCompleted?: (completed: CompletedMutationField) => void;
}

/** A mutation field's result as the mutation selected it (field names, not aliases), as AppSync publishes it. */
export interface CompletedMutationField {
  readonly fieldName: string;
  readonly value: unknown;
  /** Its `extensions.invalidateSubscriptions` calls. */
  readonly invalidations: readonly { subscriptionField: string; payload: Record<string, unknown> }[];
}

export interface OperationRequest {
  readonly query: string;
  readonly variables: Record<string, unknown>;
  readonly operationName?: string;
}

export interface OperationResult {
  readonly status: number;
  readonly body: { data?: unknown; errors?: AppSyncError[] };
}

interface RequestContext {
  readonly principal: Principal;
  readonly headers: Record<string, unknown>;
  readonly extraErrors: AppSyncError[];
  resolverCount: number;
  readonly variables: Record<string, unknown>;
  /** `invalidateSubscriptions` calls of top-level mutation fields, by response key. */
  readonly invalidations?: Map<string, CompletedMutationField['invalidations']>;
}

/** Cached parse + validation per (query text): the same storefront query is parsed once. */
const MAX_CACHED_DOCUMENTS = 500;
/** Longer query texts are parsed every time: 500 of them at 1 MiB would hold half a gigabyte. */
const MAX_CACHED_QUERY_LENGTH = 16 * 1024;

export function createEngineRunner(engine: GraphQLEngine) {
  const base = [...specifiedRules, operationSizeRule()];
  const rules = engine.limits.introspection ? base : [...base, NoSchemaIntrospectionCustomRule];
  const documents = new Map<string, { document: DocumentNode } | { errors: AppSyncError[] }>();

  function prepare(query: string): { document: DocumentNode } | { errors: AppSyncError[] } {
    const cached = documents.get(query);
    if (cached) return cached;
    let prepared: { document: DocumentNode } | { errors: AppSyncError[] };
    try {
      // Before the (recursive) parser: too deep a document would overflow the stack, not fail cleanly.
      if (graphqlNesting(query) > MAX_NESTING) throw new GraphQLError(`Document nests more than ${MAX_NESTING} levels. Parsing aborted.`);
      const document = parse(query, { maxTokens: 10_000 });
      const errors = validate(engine.schema, document, rules, { maxErrors: 50 });
      prepared = errors.length > 0 ? { errors: errors.map((e) => requestError(e, 'ValidationError')) } : { document };
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      prepared = { errors: [requestError(error, 'InvalidSyntax')] };
    }
    if (query.length <= MAX_CACHED_QUERY_LENGTH) {
      if (documents.size >= MAX_CACHED_DOCUMENTS) documents.delete(documents.keys().next().value as string);
      documents.set(query, prepared);
    }
    return prepared;
  }

  const fieldResolver: GraphQLFieldResolver<unknown, RequestContext> = async (source, args, context, info) => {
    const field = `${info.parentType.name}.${info.fieldName}`;
    const path = pathOf(info.path);
    if (engine.limits.queryDepth !== undefined && path.filter((p) => typeof p === 'string').length > engine.limits.queryDepth) {
      throw new FieldError({
        message: `Query depth limit of ${engine.limits.queryDepth} reached.`,
        errorType: 'QueryDepthLimitReached',
        data: null,
        errorInfo: null,
      });
    }
    if (!isAllowed(engine.rules.get(field), context.principal, field)) {
      throw new FieldError({
        message: `Not Authorized to access ${info.fieldName} on type ${info.parentType.name}`,
        errorType: 'Unauthorized',
        data: null,
        errorInfo: null,
      });
    }
    const resolver = engine.resolvers.get(field);
    if (!resolver) {
      // AppSync resolves a field without a resolver from the parent's property of that name.
      const value = source !== null && typeof source === 'object' ? (source as Record<string, unknown>)[info.fieldName] : undefined;
      return value ?? null;
    }
    context.resolverCount += 1;
    if (context.resolverCount > engine.limits.resolverCount) {
      throw new FieldError({
        message: `Resolver execution limit of ${engine.limits.resolverCount} reached.`,
        errorType: 'ResolverExecutionLimitReached',
        data: null,
        errorInfo: null,
      });
    }
    const outcome = await executeResolver(resolver, {
      arguments: args as Record<string, unknown>,
      identity: context.principal.identity,
      source: source ?? null,
      request: { headers: context.headers, domainName: null },
      info: infoOf(info.fieldName, info.parentType.name, context.variables, info.fieldNodes, info.fragments),
      env: engine.env,
      authType: context.principal.authType,
    });
    // Resolver console.log lines go to the server log, as they go to CloudWatch on AWS.
    for (const line of outcome.frame.cloudWatchLogs) engine.resolverLog?.(field, line);
    const appended = outcome.frame.appendedErrors.length;
    for (const entry of outcome.errors.slice(0, appended))
      context.extraErrors.push(
        fromEntry(
          entry,
          path,
          info.fieldNodes.flatMap((n) => (n.loc ? [n.loc.startToken] : [])).map((t) => ({ line: t.line, column: t.column })),
        ),
      );
    const stop = outcome.errors[appended];
    if (stop) throw new FieldError(stop);
    engine.onFieldResolved?.(field, outcome.value, context.principal);
    if (info.parentType.name === 'Mutation' && outcome.frame.invalidations.length > 0)
      context.invalidations?.set(String(info.path.key), [...outcome.frame.invalidations]);
    return outcome.value;
  };

  return async function run(request: OperationRequest, principal: Principal, headers: Record<string, unknown>): Promise<OperationResult> {
    const prepared = prepare(request.query);
    if ('errors' in prepared) return { status: 400, body: { data: null, errors: prepared.errors } };
    const operation = getOperationAST(prepared.document, request.operationName);
    if (!operation) {
      const message = request.operationName
        ? `Unknown operation named "${request.operationName}".`
        : 'Must provide operation name if query contains multiple operations.';
      return { status: 400, body: { data: null, errors: [requestError(new GraphQLError(message), 'ValidationError')] } };
    }
    if (operation.operation === 'subscription') {
      return {
        status: 400,
        body: {
          data: null,
          errors: [
            requestError(
              new GraphQLError('Subscriptions are served by the real-time endpoint (/graphql/realtime), not over HTTP.'),
              'ValidationError',
            ),
          ],
        },
      };
    }
    const context: RequestContext = {
      principal,
      headers,
      extraErrors: [],
      resolverCount: 0,
      variables: request.variables,
      invalidations: new Map(),
    };
    const result = await execute({
      schema: engine.schema,
      document: prepared.document,
      variableValues: request.variables,
      operationName: request.operationName,
      contextValue: context,
      fieldResolver,
    });
    if (result.data === undefined) {
      // Variable coercion failed: nothing ran.
      return { status: 400, body: { data: null, errors: (result.errors ?? []).map((e) => requestError(e, 'ValidationError')) } };
    }
    const errors = [...context.extraErrors, ...(result.errors ?? []).map((e) => formatExecutionError(e, engine.log))];
    if (operation.operation === 'mutation' && engine.onMutationCompleted) {
      for (const completed of completedMutationFields(
        operation.selectionSet,
        prepared.document,
        result.data,
        errors,
        context.invalidations,
      ))
        engine.onMutationCompleted(completed);
    }
    return { status: 200, body: errors.length > 0 ? { data: result.data, errors } : { data: result.data } };
  };
}

function pathOf(path: { prev: unknown; key: string | number } | undefined): (string | number)[] {
  const out: (string | number)[] = [];
  for (let p = path; p; p = p.prev as typeof p) out.unshift(p.key);
  return out;
}

/** `ctx.info` (AWS AppSync Developer Guide, "AWS AppSync JavaScript resolver context object reference"): selectionSetList/selectionSetGraphQL are non-enumerable. */
export function infoOf(
  fieldName: string,
  parentTypeName: string,
  variables: Record<string, unknown>,
  nodes: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
): Record<string, unknown> {
  const info: Record<string, unknown> = { fieldName, parentTypeName, variables };
  let list: string[] | undefined;
  Object.defineProperty(info, 'selectionSetList', {
    enumerable: false,
    get: () => (list ??= nodes.flatMap((n) => selectionList(n.selectionSet, fragments, ''))),
  });
  Object.defineProperty(info, 'selectionSetGraphQL', {
    enumerable: false,
    get: () => nodes.map((n) => (n.selectionSet ? print(n.selectionSet) : '')).join('\n'),
  });
  return info;
}

function selectionList(
  set: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  prefix: string,
  seen = new Set<string>(),
): string[] {
  if (!set) return [];
  const out: string[] = [];
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const name = `${prefix}${sel.alias?.value ?? sel.name.value}`;
      out.push(name, ...selectionList(sel.selectionSet, fragments, `${name}/`, seen));
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      out.push(...selectionList(sel.selectionSet, fragments, prefix, seen));
    } else if (!seen.has(sel.name.value)) {
      const fragment = fragments[sel.name.value];
      if (fragment) out.push(...selectionList(fragment.selectionSet, fragments, prefix, new Set([...seen, sel.name.value])));
    }
  }
  return [...new Set(out)];
}

/** Top-level mutation fields that completed without an error at or under them, unaliased. */
function completedMutationFields(
  set: SelectionSetNode,
  document: DocumentNode,
  data: Record<string, unknown> | null,
  errors: readonly AppSyncError[],
  invalidations: ReadonlyMap<string, CompletedMutationField['invalidations']> | undefined,
): CompletedMutationField[] {
  if (!data) return [];
  const fragments = fragmentsOf(document);
  const failed = new Set(errors.map((e) => e.path?.[0]).filter((k) => k !== undefined));
  return fieldNodes(set, fragments).flatMap((node) => {
    const key = node.alias?.value ?? node.name.value;
    const value = data[key];
    if (failed.has(key) || value === null || value === undefined) return [];
    return [
      { fieldName: node.name.value, value: unaliased(value, node.selectionSet, fragments), invalidations: invalidations?.get(key) ?? [] },
    ];
  });
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const out: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) out[d.name.value] = d;
  return out;
}

/** The field nodes of a selection set, fragments spread in place. */
function fieldNodes(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, seen = new Set<string>()): FieldNode[] {
  return set.selections.flatMap((sel): FieldNode[] => {
    if (sel.kind === Kind.FIELD) return [sel];
    if (sel.kind === Kind.INLINE_FRAGMENT) return fieldNodes(sel.selectionSet, fragments, seen);
    const fragment = fragments[sel.name.value];
    return fragment && !seen.has(sel.name.value) ? fieldNodes(fragment.selectionSet, fragments, new Set([...seen, sel.name.value])) : [];
  });
}

/** A response value keyed by field name instead of alias (what subscribers' selections are matched on). */
function unaliased(value: unknown, set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>): unknown {
  if (!set || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => unaliased(v, set, fragments));
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const node of fieldNodes(set, fragments)) {
    const key = node.alias?.value ?? node.name.value;
    if (key in source && node.name.value !== '__typename') out[node.name.value] = unaliased(source[key], node.selectionSet, fragments);
  }
  return out;
}
