import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { wiring } from '../../../build/wiring.js';
import { createLocalFunctions } from '../../../local/services/function-runner.js';

const functionsDir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const fixtureWiring = {
  ...wiring,
  functions: {
    logging: { folder: 'logging', trigger: { kind: 'schedule', rateMinutes: 1 }, timeoutSeconds: 5, memoryMb: 128, grants: [] },
  },
} as const;

describe('local/services/function-runner: logs', () => {
  it('prints readable (indented) log entries with the fields the functions log on AWS', async () => {
    const printed: { method: string; text: string }[] = [];
    const spies = (['info', 'warn'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((text: unknown) => void printed.push({ method, text: String(text) })),
    );
    try {
      const functions = createLocalFunctions({ stage: 'dev', dynamoEndpoint: 'http://127.0.0.1:1', wiring: fixtureWiring, functionsDir });
      expect(functions.environment('logging')).toMatchObject({
        POWERTOOLS_DEV: 'true',
        POWERTOOLS_LOGGER_LOG_EVENT: 'false',
        POWERTOOLS_SERVICE_NAME: 'stockroom',
      });
      await expect(functions.invoke('logging', { n: 7 })).resolves.toBe('ok');
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
    expect(printed.map((p) => p.method)).toEqual(['info', 'warn']);
    // One entry per call, spread over indented lines so a terminal reads it.
    for (const { text } of printed) expect(text).toMatch(/^\{\n {4}"level"/);
    expect(printed.map((p) => JSON.parse(p.text) as unknown)).toEqual([
      { level: 'INFO', message: 'handled', source: 'logging', timestamp: expect.any(String), n: 7 },
      {
        level: 'WARN',
        message: 'something odd',
        source: 'logging',
        timestamp: expect.any(String),
        error: { name: 'Error', message: 'odd' },
      },
    ]);
  });
});
