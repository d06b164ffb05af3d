import { describe, expect, it } from '@jest/globals';
import { parseChangeEvent, type ChangeEvent } from './change-bus.js';
import { MemoryBus } from './memory-bus.js';

const delivery = () => new Promise((resolve) => setImmediate(resolve));

const event: ChangeEvent = { projectId: 'p1', environmentId: 'e1', version: 7 };

describe('MemoryBus', () => {
  it('delivers a published change to every subscriber, after publish returns', async () => {
    const bus = new MemoryBus(() => {});
    const seen: ChangeEvent[][] = [[], []];
    bus.subscribe((e) => seen[0].push(e));
    bus.subscribe((e) => seen[1].push(e));
    await bus.publish(event);
    expect(seen).toEqual([[], []]);
    await delivery();
    expect(seen).toEqual([[event], [event]]);
  });

  it('stops delivering to a listener that unsubscribed', async () => {
    const bus = new MemoryBus(() => {});
    const seen: ChangeEvent[] = [];
    const unsubscribe = bus.subscribe((e) => seen.push(e));
    unsubscribe();
    await bus.publish(event);
    await delivery();
    expect(seen).toEqual([]);
  });

  it('keeps delivering to other listeners when one throws, and reports the error', async () => {
    const errors: unknown[] = [];
    const bus = new MemoryBus((error) => errors.push(error));
    const seen: ChangeEvent[] = [];
    bus.subscribe(() => {
      throw new Error('listener broke');
    });
    bus.subscribe((e) => seen.push(e));
    await bus.publish(event);
    await delivery();
    expect(seen).toEqual([event]);
    expect(errors).toHaveLength(1);
  });

  it('answers ping while open', async () => {
    await expect(new MemoryBus(() => {}).ping()).resolves.toBeUndefined();
  });
});

describe('parseChangeEvent', () => {
  it('reads a well-formed message', () => {
    expect(parseChangeEvent(JSON.stringify(event))).toEqual(event);
  });

  it('keeps the commit time when it is a number, and drops it otherwise', () => {
    expect(parseChangeEvent(JSON.stringify({ ...event, committedAt: 1700000000000 }))).toEqual({
      ...event,
      committedAt: 1700000000000,
    });
    expect(parseChangeEvent(JSON.stringify({ ...event, committedAt: 'soon' }))).toEqual(event);
  });

  it.each([
    'not json',
    'null',
    '[]',
    '{"projectId":"p","environmentId":"e","version":-1}',
    '{"projectId":1}',
  ])('refuses the malformed message %s', (raw) => {
    expect(parseChangeEvent(raw)).toBeUndefined();
  });
});
