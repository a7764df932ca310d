/** DynamoDB's per-call item limits, checked before anything runs (`DynamoDB:ValidationException`). */
export const LIMITS = { batchGet: 100, batchWrite: 25, transact: 100 } as const;
