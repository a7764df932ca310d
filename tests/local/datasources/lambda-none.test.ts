import { describe, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import { createLambdaDataSource } from '../../../local/datasources/lambda.js';
import { createNoneDataSource } from '../../../local/datasources/none.js';
import { meta } from './helpers.js';

describe('NONE data source', () => {
  it('returns the payload, and undefined without one', async () => {
    const ds = createNoneDataSource();
    expect(ds.kind).toBe('NONE');
    expect(await ds.invoke({ payload: { a: 1 } }, meta())).toEqual({ result: { a: 1 } });
    expect(await ds.invoke({ payload: null }, meta())).toEqual({ result: null });
    const absent = await ds.invoke({}, meta());
    expect(absent.result).toBeUndefined();
    expect(absent.error).toBeUndefined();
  });
});

describe('Lambda data source', () => {
  it('Invoke passes the payload as the event with an AWS-like context, and returns the handler result', async () => {
    let seen: { event: unknown; context: Context } | undefined;
    const ds = createLambdaDataSource({
      functionName: 'pricing',
      memoryMb: 256,
      handler: async (event, context) => {
        seen = { event, context };
        return { price: 3 };
      },
    });
    expect(await ds.invoke({ operation: 'Invoke', payload: { sku: 'X' } }, meta())).toEqual({ result: { price: 3 } });
    expect(seen?.event).toEqual({ sku: 'X' });
    expect(seen?.context.functionName).toBe('pricing');
    expect(seen?.context.memoryLimitInMB).toBe('256');
    expect(seen?.context.invokedFunctionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:pricing');
    expect(seen?.context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen?.context.getRemainingTimeInMillis()).toBeGreaterThan(25_000);
  });

  it('Invoke without payload sends null', async () => {
    const events: unknown[] = [];
    const ds = createLambdaDataSource({ handler: (e) => void events.push(e) });
    expect(await ds.invoke({ operation: 'Invoke' }, meta())).toEqual({ result: null });
    expect(events).toEqual([null]);
  });

  it('a thrown error becomes Lambda:Unhandled with the error message', async () => {
    const ds = createLambdaDataSource({
      handler: async () => {
        throw new Error('out of stock');
      },
    });
    expect(await ds.invoke({ operation: 'Invoke', payload: {} }, meta())).toEqual({
      result: null,
      error: { type: 'Lambda:Unhandled', message: 'out of stock' },
    });
  });

  it('BatchInvoke sends the payload array and returns an array of the same length; a wrong length is an error', async () => {
    const ds = createLambdaDataSource({ handler: async (e) => (e as number[]).map((n) => (n > 1 ? n * 10 : null)) });
    expect(await ds.invoke({ operation: 'BatchInvoke', payload: [1, 2, 3] }, meta())).toEqual({ result: [null, 20, 30] });
    const bad = createLambdaDataSource({ handler: async () => [1] });
    expect((await bad.invoke({ operation: 'BatchInvoke', payload: [1, 2] }, meta())).error?.type).toBe('Lambda:Unhandled');
  });

  it("invocationType 'Event' returns null at once and still runs the handler", async () => {
    let release!: () => void;
    const ran = new Promise<void>((r) => (release = r));
    const ds = createLambdaDataSource({
      handler: async () => {
        await new Promise((r) => setTimeout(r, 20));
        release();
        return 'ignored';
      },
    });
    expect(await ds.invoke({ operation: 'Invoke', invocationType: 'Event', payload: {} }, meta())).toEqual({ result: null });
    await ran;
  });

  it('a handler slower than its timeout fails like a Lambda timeout', async () => {
    const ds = createLambdaDataSource({ timeoutSeconds: 0.05, handler: () => new Promise((r) => setTimeout(r, 500)) });
    expect(await ds.invoke({ operation: 'Invoke', payload: {} }, meta())).toEqual({
      result: null,
      error: { type: 'Lambda:Unhandled', message: 'Task timed out after 0.05 seconds' },
    });
  });
});
