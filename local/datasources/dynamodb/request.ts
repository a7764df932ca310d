/**
 * Reading the request objects of APPSYNC_JS resolvers: expressions with their names and values
 * (collected across one call), keys, conditions, projections and typed scalars. Pure: a bad field
 * throws a `MappingTemplate` failure naming where it is.
 */
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { toAttributeMap, unmarshallItem } from '../dynamodb-values.js';
import { shapeError } from './errors.js';

export type Json = Record<string, unknown>;
export type AttrMap = Record<string, AttributeValue>;

/** What every operation needs: the client and the configured table. */
export interface TableContext {
  readonly client: DynamoDBClient;
  readonly tableName: string;
}

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface ExpressionInput {
  expression?: unknown;
  expressionNames?: unknown;
  expressionValues?: unknown;
}

/** Collects ExpressionAttributeNames/Values across the expressions of one call. */
export class ExpressionParams {
  readonly names: Record<string, string> = {};
  readonly values: AttrMap = {};

  add(input: ExpressionInput | undefined, where: string): string | undefined {
    if (input === undefined || input === null) return undefined;
    if (!isObject(input)) throw shapeError(`${where} must be an object`);
    if (typeof input.expression !== 'string' || input.expression.trim() === '') throw shapeError(`${where}.expression is required`);
    if (input.expressionNames !== undefined && input.expressionNames !== null) {
      if (!isObject(input.expressionNames)) throw shapeError(`${where}.expressionNames must be an object`);
      for (const [k, v] of Object.entries(input.expressionNames)) {
        if (typeof v !== 'string') throw shapeError(`${where}.expressionNames.${k} must be a string`);
        if (this.names[k] !== undefined && this.names[k] !== v)
          throw shapeError(`Expression name ${k} is defined twice with different values`);
        this.names[k] = v;
      }
    }
    if (input.expressionValues !== undefined && input.expressionValues !== null) {
      const values = toAttributeMap(input.expressionValues, `${where}.expressionValues`);
      for (const [k, v] of Object.entries(values)) {
        if (this.values[k] !== undefined && JSON.stringify(this.values[k]) !== JSON.stringify(v)) {
          throw shapeError(`Expression value ${k} is defined twice with different values`);
        }
        this.values[k] = v;
      }
    }
    return input.expression;
  }

  /** DynamoDB rejects empty maps: leave them out. */
  get sdk(): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: AttrMap } {
    return {
      ...(Object.keys(this.names).length ? { ExpressionAttributeNames: this.names } : {}),
      ...(Object.keys(this.values).length ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}

export interface Condition extends ExpressionInput {
  equalsIgnore?: unknown;
  consistentRead?: unknown;
  returnValuesOnConditionCheckFailure?: unknown;
  conditionalCheckFailedHandler?: unknown;
}

/** Object, or the JSON text of one (lenient: `toDynamoDBConditionExpression` output unparsed). */
export function readCondition(raw: unknown, where: string): Condition | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string') {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (isObject(parsed)) return parsed;
    } catch {
      // fall through
    }
    throw shapeError(`${where} must be an object (or the JSON text of one)`);
  }
  if (!isObject(raw)) throw shapeError(`${where} must be an object`);
  return raw;
}

export function projectionOf(raw: unknown, params: ExpressionParams, where: string): { ProjectionExpression?: string } {
  if (raw === undefined || raw === null) return {};
  const expression = params.add(raw, where);
  return expression ? { ProjectionExpression: expression } : {};
}

export function keyOf(raw: unknown, where: string): AttrMap {
  if (!isObject(raw) || Object.keys(raw).length === 0) throw shapeError(`${where} is required`);
  return toAttributeMap(raw, where);
}

export function bool(raw: unknown, fallback: boolean | undefined, where: string): boolean | undefined {
  if (raw === undefined || raw === null) return fallback;
  if (typeof raw !== 'boolean') throw shapeError(`${where} must be a boolean`);
  return raw;
}

export function int(raw: unknown, where: string): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'number' || !Number.isInteger(raw)) throw shapeError(`${where} must be an integer`);
  return raw;
}

export const unmarshallOrNull = (item: AttrMap | undefined): Json | null => (item ? unmarshallItem(item) : null);
