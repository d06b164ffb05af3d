import { describe, expect, it } from '@jest/globals';
import { MemoryBus } from './memory-bus.js';
import { parseReleaseEvent, type ReleaseEvent } from './release-event.js';

const deployment: ReleaseEvent = {
  kind: 'deployment',
  projectId: 'p',
  applicationId: 'a',
  environmentId: 'e',
  deploymentId: 'd',
  version: '2.3.0',
  status: 'rolled_back',
  committedAt: 1_800_000_000_000,
};
const health: ReleaseEvent = {
  kind: 'health',
  projectId: 'p',
  applicationId: 'a',
  environmentId: 'e',
  signalId: 's',
  status: 'breach',
  committedAt: 1_800_000_000_000,
};
const delivery = () => new Promise((resolve) => setImmediate(resolve));

describe('release events on the MemoryBus', () => {
  it('reach release subscribers only, never the listeners of environment changes', async () => {
    const bus = new MemoryBus(() => {});
    const changes: unknown[] = [];
    const releases: ReleaseEvent[] = [];
    bus.subscribe((e) => changes.push(e));
    const unsubscribe = bus.subscribeReleases((e) => releases.push(e));
    await bus.publishRelease(deployment);
    await delivery();
    unsubscribe();
    await bus.publishRelease(health);
    await delivery();
    expect(releases).toEqual([deployment]);
    expect(changes).toEqual([]);
  });
});

describe('parseReleaseEvent', () => {
  it('reads both kinds of well-formed message', () => {
    expect(parseReleaseEvent(JSON.stringify(deployment))).toEqual(deployment);
    expect(parseReleaseEvent(JSON.stringify({ ...health, extra: 1 }))).toEqual(health);
  });

  it.each([
    'not json',
    'null',
    JSON.stringify({ ...deployment, kind: 'flag' }),
    JSON.stringify({ ...deployment, status: 'breach' }),
    JSON.stringify({ ...health, status: 'succeeded' }),
    JSON.stringify({ ...deployment, committedAt: 'soon' }),
    JSON.stringify({ ...deployment, deploymentId: 7 }),
    JSON.stringify({ ...health, environmentId: undefined }),
  ])('refuses the malformed message %s', (raw) => {
    expect(parseReleaseEvent(raw)).toBeUndefined();
  });
});
