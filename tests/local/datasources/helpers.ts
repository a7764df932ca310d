import type { InvocationMeta } from '../../../local/datasources/types.js';

/** Invocation metadata as the executor passes it; only `resolverId` matters to DynamoDB. */
export function meta(resolverId = 'Query.test'): InvocationMeta {
  return {
    resolverId,
    fieldName: resolverId.split('.')[1] ?? 'test',
    parentTypeName: resolverId.split('.')[0] ?? 'Query',
    arguments: {},
    identity: null,
    source: null,
    request: { headers: {}, domainName: null },
    stash: {},
    prev: null,
  };
}

export const CONDITIONAL_FAILED =
  /^The conditional request failed \(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: [0-9a-f-]{36}\)$/;
