/** Index pages for admin listings (inventoryItems, alerts): limits, key conditions and tokens. */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { raiseDataSourceError } from './errors';
import { requireInt } from './validate';

export const DEFAULT_BROWSE_PAGE = 20;
export const MAX_BROWSE_PAGE = 100;

export function browseLimit(value: number | null | undefined): number {
  return value === undefined || value === null ? DEFAULT_BROWSE_PAGE : requireInt('limit', value, 1, MAX_BROWSE_PAGE);
}

export interface IndexPage {
  readonly index: string;
  readonly partition: string;
  /** Sort-key prefix (begins_with), or null for the whole partition. */
  readonly prefix: string | null;
  /** Attribute equality filters applied after the key condition (pages may come back short). */
  readonly filters: Record<string, string>;
  readonly newestFirst: boolean;
}

export function indexQuery(page: IndexPage, limit: number, nextToken: string | null | undefined): DynamoDBQueryRequest {
  const names: Record<string, string> = { '#pk': `${page.index}pk` };
  const values: Record<string, string> = { ':pk': page.partition };
  let expression = '#pk = :pk';
  if (page.prefix !== null) {
    names['#sk'] = `${page.index}sk`;
    values[':prefix'] = page.prefix;
    expression = '#pk = :pk AND begins_with(#sk, :prefix)';
  }
  const request: DynamoDBQueryRequest = {
    operation: 'Query',
    index: page.index,
    query: { expression, expressionNames: names, expressionValues: util.dynamodb.toMapValues(values) },
    scanIndexForward: !page.newestFirst,
    limit,
  };
  const filterNames: Record<string, string> = {};
  const filterValues: Record<string, string> = {};
  const parts: string[] = [];
  Object.keys(page.filters).forEach((field, i) => {
    filterNames[`#f${i}`] = field;
    filterValues[`:f${i}`] = page.filters[field] as string;
    parts.push(`#f${i} = :f${i}`);
  });
  if (parts.length > 0)
    request.filter = {
      expression: parts.join(' AND '),
      expressionNames: filterNames,
      expressionValues: util.dynamodb.toMapValues(filterValues),
    };
  if (nextToken) request.nextToken = nextToken;
  return request;
}

/** The page's items and token; a token from another query is a ValidationError, never a leak. */
export function pageOf<T>(ctx: Context): { items: T[]; nextToken: string | null } {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ValidationException' || ctx.error.message.indexOf('token') >= 0)
      util.error('nextToken: is not valid for this query', 'ValidationError', null, { field: 'nextToken' });
    return raiseDataSourceError(ctx.error);
  }
  const result = ctx.result as { items: T[]; nextToken?: string | null };
  return { items: result.items, nextToken: result.nextToken ? result.nextToken : null };
}
