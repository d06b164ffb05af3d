// Runs every shared spec vector against sdk-core. Other SDKs run the same files through the same
// loader with their own SpecTarget.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { loadSpecCases, SPEC_FILES } from '../src/index.js';

const read = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8'));

describe.each(SPEC_FILES)('spec vectors in %s', (file) => {
  const cases = loadSpecCases(file, read(file));

  it('have unique names', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    expect(await c.run()).toEqual([]);
  });
});

describe('the spec vectors as a whole', () => {
  it('hold at least 200 named cases', () => {
    const total = SPEC_FILES.reduce((n, f) => n + loadSpecCases(f, read(f)).length, 0);
    expect(total).toBeGreaterThanOrEqual(200);
  });
});
