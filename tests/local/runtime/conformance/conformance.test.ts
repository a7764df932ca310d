/** Table-driven conformance of the runtime library, run through the local EvaluateCode. */
import { describe, expect, it } from 'vitest';
import { evaluateCode } from '../../../../local/runtime/evaluate-code.js';
import { rows } from './rows.js';

describe('APPSYNC_JS runtime conformance', () => {
  it('has at least 90 rows, each citing a source', () => {
    expect(rows.length).toBeGreaterThanOrEqual(90);
    for (const row of rows) expect(row.source, row.name).toMatch(/^(AWS-REC|DOC|TYPES|COMMUNITY|JAVA|INFERRED)/);
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
  });

  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const result = evaluateCode({ code: row.code, context: row.context ?? {}, fn: row.fn ?? 'request' });
    if (row.expectedError !== undefined) {
      expect(result.error?.message).toBe(row.expectedError);
      expect(result.evaluationResult).toBeNull();
    } else {
      expect(result.error).toBeNull();
      if (row.expectMatch) {
        expect(result.evaluationResult).toMatch(row.expectMatch);
      } else {
        const value: unknown = result.evaluationResult === null ? null : JSON.parse(result.evaluationResult);
        expect(value).toEqual(row.expected);
      }
    }
    expect(JSON.parse(result.outErrors)).toEqual(row.expectedOutErrors ?? []);
  });
});
