/**
 * Errors the consistency function throws for its AppSync callers. `name` is the product's error
 * type (docs/api.md, Errors), so Lambda reports it as `errorType` and the resolver can pass it on.
 */
export type FunctionErrorType = 'ValidationError' | 'NotFound' | 'Conflict';

export class FunctionError extends Error {
  constructor(
    readonly errorType: FunctionErrorType,
    message: string,
  ) {
    super(message);
    this.name = errorType;
  }
}
