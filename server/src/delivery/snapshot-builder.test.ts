import { describe, expect, it } from '@jest/globals';
import type { ConfigEntryEntity } from '../configuration/config-entry.entity.js';
import type { FlagConfigEntity } from '../flags/flag-config.entity.js';
import type { FlagEntity } from '../flags/flag.entity.js';
import type { SegmentEntity } from '../segments/segment.entity.js';
import { assembleSnapshot, type RevealSecret, type SnapshotRows } from './snapshot-builder.js';

function flag(key: string, fields: Partial<FlagEntity> = {}): FlagEntity {
  return {
    id: `id-${key}`,
    key,
    kind: 'boolean',
    name: key,
    description: '',
    variations: [
      { key: 'on', value: true },
      { key: 'off', value: false },
    ],
    metadata: {},
    clientSide: false,
    archivedAt: null,
    ...fields,
  } as FlagEntity;
}

function usingSegment(flagKey: string, segment: string): FlagConfigEntity {
  return {
    flagId: `id-${flagKey}`,
    enabled: true,
    offVariation: 'off',
    targets: [],
    rules: [
      {
        id: 'r',
        clauses: [{ attribute: '', op: 'segmentMatch', values: [segment] }],
        serve: { variation: 'on' },
      },
    ],
    fallthrough: { variation: 'off' },
    prerequisites: [],
    salt: null,
  } as unknown as FlagConfigEntity;
}

const segment = (key: string) =>
  ({ key, included: ['u1'], excluded: [], rules: [], salt: null }) as unknown as SegmentEntity;

const entry = (key: string, fields: Partial<ConfigEntryEntity>) =>
  ({ key, type: 'string', value: null, secret: false, clientSide: false, ...fields }) as ConfigEntryEntity;

const rows: SnapshotRows = {
  version: 9,
  flags: [
    flag('in-browser', { clientSide: true }),
    flag('server-only'),
    flag('never-edited', { clientSide: true }),
  ],
  flagConfigs: [usingSegment('in-browser', 'beta'), usingSegment('server-only', 'staff')],
  segments: [segment('beta'), segment('staff'), segment('unused')],
  configEntries: [
    entry('theme', { value: 'dark', clientSide: true }),
    entry('retries', { type: 'number', value: 3 }),
    entry('db.url', { secret: true }),
    entry('broken', { secret: true }),
  ],
};

const reveal: RevealSecret = (e) => (e.key === 'db.url' ? 'postgres://secret' : undefined);

describe('assembling a snapshot from rows', () => {
  it('gives a server key everything, secrets revealed, undecryptable ones left out', () => {
    const snapshot = assembleSnapshot(rows, 'server', reveal);
    expect(snapshot.version).toBe(9);
    expect(Object.keys(snapshot.flags)).toEqual(['in-browser', 'server-only', 'never-edited']);
    expect(Object.keys(snapshot.segments)).toEqual(['beta', 'staff', 'unused']);
    expect(snapshot.config).toEqual({
      theme: { type: 'string', value: 'dark' },
      retries: { type: 'number', value: 3 },
      'db.url': { type: 'string', value: 'postgres://secret', secret: true },
    });
  });

  it('gives a flag never edited in the environment its default configuration (off)', () => {
    const snapshot = assembleSnapshot(rows, 'server', reveal);
    expect(snapshot.flags['never-edited']).toMatchObject({ enabled: false, offVariation: 'off', rules: [] });
  });

  it('gives a client key client-side flags, the segments they use and client-side plain entries only', () => {
    const asked: string[] = [];
    const snapshot = assembleSnapshot(rows, 'client', (e) => {
      asked.push(e.key);
      return 'leaked';
    });
    expect(Object.keys(snapshot.flags)).toEqual(['in-browser', 'never-edited']);
    expect(Object.keys(snapshot.segments)).toEqual(['beta']);
    expect(snapshot.config).toEqual({ theme: { type: 'string', value: 'dark' } });
    expect(asked).toEqual([]);
  });

  it('leaves out archived flags', () => {
    const archived = { ...rows, flags: [flag('old', { archivedAt: new Date() })] };
    expect(assembleSnapshot(archived, 'server', reveal).flags).toEqual({});
  });
});
