/**
 * Every root field of the schema as a fuzzable operation, read from the schema itself (graphql-js
 * type introspection, no hand list): its variable definitions and a selection set of the output
 * type. Values go either as variables or inlined as literals (the parser's and the literal
 * coercion's paths).
 */
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import type { Value } from './values.js';

export type OperationKind = 'query' | 'mutation' | 'subscription';

export interface RootField {
  readonly kind: OperationKind;
  readonly field: GraphQLField<unknown, unknown>;
  readonly selection: string;
}

/** Scalars and enums of the output type, and its object fields down to `depth` levels. */
export function selectionOf(type: GraphQLOutputType, depth = 3): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return '';
  const parts: string[] = [];
  for (const f of Object.values((named as GraphQLObjectType).getFields())) {
    const inner = getNamedType(f.type);
    if (isObjectType(inner)) {
      if (depth > 1) parts.push(`${f.name} ${selectionOf(f.type, depth - 1)}`);
    } else parts.push(f.name);
  }
  return parts.length > 0 ? `{ ${parts.join(' ')} }` : '{ __typename }';
}

export function rootFields(schema: GraphQLSchema): RootField[] {
  const roots: [OperationKind, GraphQLObjectType | null | undefined][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ];
  return roots.flatMap(([kind, type]) =>
    type ? Object.values(type.getFields()).map((field) => ({ kind, field, selection: selectionOf(field.type) })) : [],
  );
}

/** A GraphQL literal of `value`, printed as the type at that position expects (enums bare). */
export function literalOf(value: Value, type: GraphQLInputType | undefined): string {
  const inner = type && isNonNullType(type) ? type.ofType : type;
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => literalOf(v, inner && isListType(inner) ? inner.ofType : undefined)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = inner && isInputObjectType(inner) ? inner.getFields() : {};
    return `{${Object.entries(value)
      .filter(([k]) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(k))
      .map(([k, v]) => `${k}: ${literalOf(v, fields[k]?.type)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'string')
    return inner && isEnumType(inner) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  return String(value);
}

export interface BuiltOperation {
  readonly query: string;
  readonly variables: Record<string, Value>;
}

/** The document for one call of `root` with `args` (absent keys are omitted arguments). */
export function buildOperation(root: RootField, args: Record<string, Value>, inline: boolean): BuiltOperation {
  const present = root.field.args.filter((a) => a.name in args);
  const name = root.field.name;
  if (inline) {
    const list = present.map((a) => `${a.name}: ${literalOf(args[a.name]!, a.type)}`).join(', ');
    return { query: `${root.kind} Fuzz { ${name}${list ? `(${list})` : ''} ${root.selection} }`, variables: {} };
  }
  const defs = present.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const list = present.map((a) => `${a.name}: $${a.name}`).join(', ');
  const variables: Record<string, Value> = {};
  for (const a of present) variables[a.name] = args[a.name]!;
  return { query: `${root.kind} Fuzz${defs ? `(${defs})` : ''} { ${name}${list ? `(${list})` : ''} ${root.selection} }`, variables };
}
