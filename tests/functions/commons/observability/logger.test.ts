import { afterEach, describe, expect, it, vi } from 'vitest';
import { functionLogger } from '../../../../functions/commons/observability/logger.js';

/** Captures what the logger writes to stdout and stderr (Powertools writes through its own Console). */
function capture(): { out: string[]; err: string[]; restore: () => void } {
  const out: string[] = [];
  const err: string[] = [];
  const grab =
    (into: string[]) =>
    (chunk: string | Uint8Array): boolean => {
      into.push(String(chunk));
      return true;
    };
  const o = vi.spyOn(process.stdout, 'write').mockImplementation(grab(out));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(grab(err));
  // POWERTOOLS_DEV (the local runner's) routes Powertools through the global console.
  const c = (['log', 'info', 'debug', 'warn', 'error'] as const).map((m) =>
    vi.spyOn(console, m).mockImplementation((line: unknown) => void (m === 'warn' || m === 'error' ? err : out).push(`${String(line)}\n`)),
  );
  return { out, err, restore: () => [o, e, ...c].forEach((s) => s.mockRestore()) };
}

const lines = (chunks: string[]): Record<string, unknown>[] =>
  chunks
    .join('')
    .trim()
    .split(/\n(?=\{)/)
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

afterEach(() => vi.unstubAllEnvs());

describe('functions/commons/observability/logger', () => {
  it.each([
    ['info', 'out', 'INFO'],
    ['warn', 'err', 'WARN'],
    ['error', 'err', 'ERROR'],
  ] as const)(
    '%s writes one JSON line with the same fields as before: level, message, source, timestamp, then the fields',
    (method, stream, level) => {
      const cap = capture();
      try {
        functionLogger('reservation-sweeper')[method]('sweep finished', { due: 2, expired: 1 });
      } finally {
        cap.restore();
      }
      const [line, ...rest] = lines(cap[stream]);
      expect(rest).toEqual([]);
      expect(Object.keys(line ?? {})).toEqual(['level', 'message', 'source', 'timestamp', 'due', 'expired']);
      expect(line).toEqual({
        level,
        message: 'sweep finished',
        source: 'reservation-sweeper',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        due: 2,
        expired: 1,
      });
    },
  );

  it('writes an Error among the fields as {name, message}, never its stack', () => {
    const cap = capture();
    const error = new Error('table is gone');
    error.name = 'ResourceNotFoundException';
    try {
      functionLogger('stream-processor').error('stream record failed', { sequenceNumber: '101', error });
    } finally {
      cap.restore();
    }
    expect(lines(cap.err)).toEqual([
      {
        level: 'ERROR',
        message: 'stream record failed',
        source: 'stream-processor',
        timestamp: expect.any(String),
        sequenceNumber: '101',
        error: { name: 'ResourceNotFoundException', message: 'table is gone' },
      },
    ]);
    expect(cap.err.join('')).not.toContain('at ');
  });

  it('keeps the source of each function apart on one shared logger, and logs no Powertools extras', () => {
    const cap = capture();
    try {
      functionLogger('authorizer').info('partner key created', { keyId: 'k1' });
      functionLogger('inventory-consistency').info('stock item repaired');
    } finally {
      cap.restore();
    }
    const got = lines(cap.out);
    expect(got.map((l) => l['source'])).toEqual(['authorizer', 'inventory-consistency']);
    for (const l of got)
      for (const extra of ['service', 'sampling_rate', 'xray_trace_id', 'function_name', 'cold_start']) expect(l).not.toHaveProperty(extra);
  });
});
