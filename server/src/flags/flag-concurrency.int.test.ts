import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';

const EDITS = 50;

describe('concurrent edits of one flag', () => {
  let api: AdminApi;
  beforeAll(async () => {
    api = await startAdminApi();
  });
  afterAll(() => api?.close());

  const developmentVersion = async () => {
    const res = await api.gql<{ project: { environments: { key: string; version: number }[] } }>(
      '{ project(key: "default") { environments { key version } } }',
    );
    return res.data!.project.environments.find((e) => e.key === 'development')!.version;
  };

  const revisionCount = async () => {
    const res = await api.gql<{ revisions: { nodes: unknown[] } }>(
      '{ revisions(project: "default", entityType: "flag", entityKey: "ramp", first: 100) { nodes { id } } }',
    );
    return res.data!.revisions.nodes.length;
  };

  it(`lets exactly one of ${EDITS} edits from the same version win; the others get CONFLICT`, async () => {
    const created = await api.gql(
      'mutation { createFlag(project: "default", input: { key: "ramp", name: "Ramp", kind: BOOLEAN }) { version } }',
    );
    expect(created.errors).toBeUndefined();
    const versionBefore = await developmentVersion();
    const revisionsBefore = await revisionCount();

    // Each edit ramps to its own share, so every one of them would change something.
    const results = await Promise.all(
      Array.from({ length: EDITS }, (_, i) =>
        api.gql(
          `mutation($input: FlagConfigInput!) {
            updateFlagConfig(project: "default", environment: "development", flag: "ramp", input: $input, expectedVersion: 1) { version }
          }`,
          {
            input: {
              enabled: true,
              offVariation: 'off',
              fallthrough: {
                rollout: {
                  weights: [
                    { variation: 'on', weight: (i + 1) * 1000 },
                    { variation: 'off', weight: 100_000 - (i + 1) * 1000 },
                  ],
                },
              },
            },
          },
        ),
      ),
    );

    const won = results.filter((r) => !r.errors);
    const lost = results.filter((r) => r.errors);
    expect(won).toHaveLength(1);
    expect(won[0]!.data).toEqual({ updateFlagConfig: { version: 2 } });
    expect(lost).toHaveLength(EDITS - 1);
    for (const r of lost) {
      expect(r.errors![0]!.extensions).toMatchObject({
        code: 'CONFLICT',
        expectedVersion: 1,
        currentVersion: 2,
      });
    }
    expect(await developmentVersion()).toBe(versionBefore + 1);
    expect(await revisionCount()).toBe(revisionsBefore + 1);
  });
});
