// sdk-core's shared spec vectors through sdk-node's public API: a client bootstrapped with each
// case's snapshot, evaluated with the variation/detail methods, must give exactly what sdk-core gives
// (and what the vector expects).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from '@jest/globals';
import {
  loadSpecCases,
  sdkCoreTarget,
  SPEC_FILES,
  type EvaluationDetail,
  type FlagValue,
  type JsonValue,
  type Snapshot,
  type SpecTarget,
} from '@flagstaff/sdk-core';
import { createClient, type FlagstaffClient } from './index.js';

const require = createRequire(import.meta.url);
const read = (file: string): unknown =>
  JSON.parse(readFileSync(require.resolve(`@flagstaff/sdk-core/spec/${file}`), 'utf8'));

const clients = new WeakMap<Snapshot, FlagstaffClient>();
function clientFor(snapshot: Snapshot): FlagstaffClient {
  let client = clients.get(snapshot);
  if (!client) clients.set(snapshot, (client = createClient({ bootstrap: snapshot, logger: {} })));
  return client;
}

const sdkNodeTarget: SpecTarget = {
  evaluate(snapshot, flagKey, type, defaultValue, context) {
    const client = clientFor(snapshot);
    let detail: EvaluationDetail<FlagValue | null>;
    switch (type) {
      case 'boolean':
        detail = client.booleanVariationDetail(flagKey, defaultValue as boolean, context);
        // The value-only path must agree with the detail.
        expect(client.booleanVariation(flagKey, defaultValue as boolean, context)).toBe(detail.value);
        break;
      case 'string':
        detail = client.stringVariationDetail(flagKey, defaultValue as string, context);
        expect(client.stringVariation(flagKey, defaultValue as string, context)).toBe(detail.value);
        break;
      case 'number':
        detail = client.numberVariationDetail(flagKey, defaultValue as number, context);
        expect(client.numberVariation(flagKey, defaultValue as number, context)).toBe(detail.value);
        break;
      case 'object':
        detail = client.jsonVariationDetail(flagKey, defaultValue as JsonValue, context);
        expect(client.jsonVariation(flagKey, defaultValue as JsonValue, context)).toEqual(detail.value);
        break;
      case 'any':
        detail = client.variationDetail(flagKey, context);
        break;
    }
    // Bit for bit with sdk-core: same keys in the same order, same values, same message.
    const core = sdkCoreTarget.evaluate(
      snapshot,
      flagKey,
      type,
      defaultValue,
      context,
    ) as EvaluationDetail<FlagValue | null>;
    expect(Object.keys(detail)).toEqual(Object.keys(core));
    expect(detail).toStrictEqual(core);
    return detail;
  },
};

// hash, bucket and validation vectors test sdk-core primitives the client does not expose; the
// loader skips them (null) for a target without those capabilities.
const EVALUATION_FILES = new Set(['clauses.json', 'flags.json']);

describe.each(SPEC_FILES)('spec vectors in %s through the sdk-node client', (file) => {
  const cases = loadSpecCases(file, read(file));

  if (!EVALUATION_FILES.has(file)) {
    it('are sdk-core primitives, skipped for a client', async () => {
      for (const c of cases) expect(await c.run(sdkNodeTarget)).toBeNull();
    });
    return;
  }

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    expect(await c.run(sdkNodeTarget)).toEqual([]);
  });
});
