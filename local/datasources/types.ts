/**
 * The contract between the APPSYNC_JS executor and a data source: the resolver's request object
 * goes in; `ctx.result` and `ctx.error` come out, shaped as AppSync shapes them
 * (AWS AppSync Developer Guide, "AWS AppSync JavaScript resolver function reference for DynamoDB" and "... for Lambda"). A data source never throws for a service error: it reports `error`.
 */
export interface DataSourceError {
  message: string;
  /** AppSync's type string, e.g. `DynamoDB:ConditionalCheckFailedException`, `Lambda:Unhandled`. */
  type: string;
}

export interface DataSourceOutcome {
  result: unknown;
  error?: DataSourceError;
}

/** What a data source may know of the call (for Lambda events, nextToken binding, logging). */
export interface InvocationMeta {
  /** `Type.field` or `Type.field/NN.step`: binds pagination tokens to one resolver, as AppSync does. */
  readonly resolverId: string;
  readonly fieldName: string;
  readonly parentTypeName: string;
  readonly arguments: unknown;
  readonly identity: unknown;
  readonly source: unknown;
  readonly request: { headers: Record<string, unknown>; domainName: string | null };
  readonly stash: Record<string, unknown>;
  readonly prev: unknown;
  readonly info?: unknown;
}

export interface DataSource {
  readonly kind: 'AMAZON_DYNAMODB' | 'AWS_LAMBDA' | 'NONE';
  invoke(request: unknown, meta: InvocationMeta): Promise<DataSourceOutcome>;
}
