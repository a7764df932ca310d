import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Checkpoints } from '../../../../local/services/stream-poller/checkpoints.js';

const dir = mkdtempSync(join(tmpdir(), 'stockroom-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Checkpoints', () => {
  it('saves each position and a new instance resumes from the file', () => {
    const file = join(dir, 'nested', 'ckpt.json');
    const a = new Checkpoints(file);
    a.set('fn|arn|shard-1', '100');
    a.set('fn|arn|shard-1', '200');
    expect(new Checkpoints(file).get('fn|arn|shard-1')).toBe('200');
  });

  it.each([
    ['not JSON', 'nope', undefined],
    ['a non-numeric position', '{"k":"abc"}', undefined],
    ['a number, not a string', '{"k":100}', undefined],
    ['a valid position', '{"k":"123"}', '123'],
  ])('reads %s as %j', (_name, text, expected) => {
    const file = join(dir, `${_name.replace(/\W/g, '')}.json`);
    writeFileSync(file, text);
    expect(new Checkpoints(file).get('k')).toBe(expected);
  });

  it('keeps nothing without a file (in-memory runs)', () => {
    const c = new Checkpoints(undefined);
    c.set('k', '1');
    expect(c.get('k')).toBeUndefined();
    expect(() => readFileSync(join(dir, 'undefined'))).toThrow();
  });
});
