import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../../bin/stockroom.mjs');

describe('stockroom start flags', () => {
  it.each([
    [['--query-depth', '0'], /--query-depth must be a whole number from 1 to 75/],
    [['--query-depth', '76'], /--query-depth must be a whole number from 1 to 75/],
    [['--resolver-count-limit', 'many'], /--resolver-count-limit must be a whole number from 1 to 10000/],
    [['--port', '70000'], /--port must be a number from 0 to 65535/],
    [['--bogus'], /unknown flag --bogus/],
    [['--faults', 'conflict=2'], /--faults: /],
    [['--faults', 'explode=0.5'], /--faults: Unknown STOCKROOM_FAULTS setting "explode"/],
  ])('refuses %j before starting anything', (args, message) => {
    const run = spawnSync(process.execPath, [BIN, 'start', ...args], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).not.toMatch(/ready/);
  });
});
