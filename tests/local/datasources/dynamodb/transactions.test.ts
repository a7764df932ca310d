import { describe, expect, it } from 'vitest';
import { Failure } from '../../../../local/datasources/dynamodb/errors.js';
import { transactItemsOf, transactWriteItem } from '../../../../local/datasources/dynamodb/transactions.js';

const condition = { expression: 'attribute_not_exists(pk)' };

describe('transactWriteItem: one AppSync transact item as the SDK item', () => {
  it.each([
    [
      'PutItem (the key wins over attribute values)',
      { table: 't', operation: 'PutItem', key: { pk: { S: 'a' } }, attributeValues: { pk: { S: 'other' }, n: { N: '1' } }, condition },
      {
        Put: {
          TableName: 't',
          Item: { pk: { S: 'a' }, n: { N: '1' } },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    ],
    [
      'UpdateItem',
      {
        table: 't',
        operation: 'UpdateItem',
        key: { pk: { S: 'a' } },
        update: { expression: 'SET n = :n', expressionValues: { ':n': { N: '2' } } },
      },
      {
        Update: {
          TableName: 't',
          Key: { pk: { S: 'a' } },
          UpdateExpression: 'SET n = :n',
          ExpressionAttributeValues: { ':n': { N: '2' } },
        },
      },
    ],
    [
      'DeleteItem without the item on failure',
      {
        table: 't',
        operation: 'DeleteItem',
        key: { pk: { S: 'a' } },
        condition: { ...condition, returnValuesOnConditionCheckFailure: false },
      },
      { Delete: { TableName: 't', Key: { pk: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ],
    [
      'ConditionCheck',
      { table: 't', operation: 'ConditionCheck', key: { pk: { S: 'a' } }, condition },
      {
        ConditionCheck: {
          TableName: 't',
          Key: { pk: { S: 'a' } },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    ],
  ])('%s', (_name, item, expected) => {
    expect(transactWriteItem(item, 0)).toEqual(expected);
  });

  it.each([
    [{ table: 't', operation: 'ConditionCheck', key: { pk: { S: 'a' } } }, 'transactItems[0].condition is required for ConditionCheck'],
    [{ table: 't', operation: 'UpdateItem', key: { pk: { S: 'a' } } }, 'transactItems[0].update is required'],
    [
      { table: 't', operation: 'Scan', key: { pk: { S: 'a' } } },
      'transactItems[0].operation must be PutItem, UpdateItem, DeleteItem or ConditionCheck',
    ],
  ])('refuses %j', (item, message) => {
    expect(() => transactWriteItem(item, 0)).toThrow(Failure);
    try {
      transactWriteItem(item, 0);
    } catch (error) {
      expect((error as Failure).error).toEqual({ type: 'MappingTemplate', message });
    }
  });
});

describe('transactItemsOf', () => {
  it.each([
    [{}, 'MappingTemplate', 'transactItems must be a non-empty list'],
    [{ transactItems: [1] }, 'MappingTemplate', 'transactItems[0] must be an object'],
    [{ transactItems: [{}] }, 'MappingTemplate', 'transactItems[0].table is required'],
    [
      { transactItems: Array.from({ length: 101 }, () => ({ table: 't' })) },
      'DynamoDB:ValidationException',
      'Too many items requested for the TransactWriteItems call: 101 (the limit is 100)',
    ],
  ])('refuses %#: %s', (req, type, message) => {
    try {
      transactItemsOf(req, 'TransactWriteItems');
      expect.unreachable();
    } catch (error) {
      expect((error as Failure).error.type).toBe(type);
      expect((error as Failure).error.message).toContain(message);
    }
  });
});
