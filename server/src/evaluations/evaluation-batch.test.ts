import { describe, expect, it } from '@jest/globals';
import { EvaluationBatchError, readEvaluationBatch } from './evaluation-batch.js';

describe('evaluation batch', () => {
  it('reads reports, storing an absent or null variant as the empty string', () => {
    const batch = readEvaluationBatch({
      evaluations: [
        { flag: 'checkout', variant: 'on', count: 120 },
        { flag: 'checkout', count: 1 },
        { flag: 'checkout', variant: null, count: 2, reason: 'ignored: a newer SDK’s field' },
      ],
      from: '2026-11-28T10:00:00Z',
      to: '2026-11-28T10:01:00+00:00',
    });
    expect(batch.reports).toEqual([
      { flag: 'checkout', variant: 'on', count: 120 },
      { flag: 'checkout', variant: '', count: 1 },
      { flag: 'checkout', variant: '', count: 2 },
    ]);
    expect(batch.from?.toISOString()).toBe('2026-11-28T10:00:00.000Z');
    expect(batch.to?.toISOString()).toBe('2026-11-28T10:01:00.000Z');
  });

  it('names the JSON Pointer of the first bad field', () => {
    const pathOf = (body: unknown) => {
      try {
        readEvaluationBatch(body);
        return undefined;
      } catch (error) {
        if (!(error instanceof EvaluationBatchError)) throw error;
        return error.path;
      }
    };
    const line = { flag: 'f', count: 1 };
    expect(pathOf({ evaluations: [line, line, { ...line, variant: 'x\uD800' }] })).toBe(
      '/evaluations/2/variant',
    );
    expect(pathOf({ evaluations: [{ ...line, count: Number.MAX_SAFE_INTEGER + 2 }] })).toBe(
      '/evaluations/0/count',
    );
    expect(pathOf({ evaluations: [{ ...line, count: Number.NaN }] })).toBe('/evaluations/0/count');
    expect(pathOf({ evaluations: Array.from({ length: 1000 }, () => line) })).toBeUndefined();
    expect(pathOf(null)).toBe('');
  });
});
