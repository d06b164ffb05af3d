import { booleanFlag, type Segment, type Snapshot } from '@flagstaff/sdk-core';
import { describe, expect, it } from '@jest/globals';
import { snapshotPatch, type ChangedKeys } from './snapshot-patch.js';

const segment = (key: string): Segment => ({ key, included: [`${key}-user`], excluded: [], rules: [] });

function changed(flags: string[] = [], segments: string[] = [], config: string[] = []): ChangedKeys {
  return { flags: new Set(flags), segments: new Set(segments), config: new Set(config) };
}

const next: Snapshot = {
  version: 12,
  flags: { checkout: booleanFlag('checkout'), search: booleanFlag('search') },
  segments: { beta: segment('beta') },
  config: { retries: { type: 'number', value: 3 } },
};

describe('patches between snapshot versions', () => {
  it('picks the changed keys out of the newer snapshot, with from and version', () => {
    expect(snapshotPatch(10, next, changed(['checkout'], ['beta'], ['retries']))).toEqual({
      from: 10,
      version: 12,
      flags: { checkout: next.flags.checkout },
      segments: { beta: next.segments.beta },
      config: { retries: next.config.retries },
    });
  });

  it('removes with null what is no longer in the snapshot', () => {
    expect(snapshotPatch(10, next, changed(['gone'], ['old'], ['timeout']))).toEqual({
      from: 10,
      version: 12,
      flags: { gone: null },
      segments: { old: null },
      config: { timeout: null },
    });
  });

  it('keeps all three maps, empty when nothing of a kind changed', () => {
    expect(snapshotPatch(11, next, changed())).toEqual({
      from: 11,
      version: 12,
      flags: {},
      segments: {},
      config: {},
    });
  });

  describe('with the snapshot it follows (client keys)', () => {
    const previous: Snapshot = {
      version: 10,
      flags: { checkout: booleanFlag('checkout'), banner: booleanFlag('banner') },
      segments: { staff: segment('staff') },
      config: {},
    };

    it('leaves out keys visible in neither snapshot, so a client never learns they exist', () => {
      const patch = snapshotPatch(10, next, changed(['server-only'], ['internal'], ['db.url']), previous);
      expect(patch).toMatchObject({ flags: {}, config: {} });
      expect(patch.segments).not.toHaveProperty('internal');
    });

    it('removes a flag that stopped being visible', () => {
      expect(snapshotPatch(10, next, changed(['banner']), previous).flags).toEqual({ banner: null });
    });

    it('adds segments that became used and removes those no longer used, though they did not change', () => {
      expect(snapshotPatch(10, next, changed(['checkout']), previous).segments).toEqual({
        beta: next.segments.beta,
        staff: null,
      });
    });
  });
});
