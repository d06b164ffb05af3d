// sdk-core's spec vectors inside Chromium, through sdk-web's public API as shipped (the minified
// bundle): every evaluation must equal sdk-core's in Node bit for bit (same keys in the same order,
// same values) and what the vector expects. The regex engine arrives as its own chunk, loaded only
// when a snapshot with a `matches` clause does; so does the validator, loaded only when a snapshot
// is not marked validated (the vectors' snapshots are not), never for one the server validated.
// The evaluator in the page records no explanations: only the server explains (tracing.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  booleanFlag,
  loadSpecCases,
  sdkCoreTarget,
  snapshotOf,
  type EvaluationContext,
  type EvaluationDetail,
  type FlagValue,
  type JsonValue,
  type Snapshot,
  type SpecCase,
  type SpecTarget,
  type SpecValueType,
} from '@flagstaff/sdk-core';
import { SdkWebPage } from './sdk-web-page.js';

const require = createRequire(import.meta.url);
const read = (file: string): unknown =>
  JSON.parse(readFileSync(require.resolve(`@flagstaff/sdk-core/spec/${file}`), 'utf8'));

interface Request {
  snapshot: number;
  flagKey: string;
  type: SpecValueType;
  defaultValue: JsonValue;
  context: EvaluationContext;
}

interface BrowserResult {
  detail: EvaluationDetail<FlagValue | null>;
  /** What the value-only method returned (booleanVariation…), undefined for type `any`. */
  value: unknown;
}

/** One client per snapshot, bootstrapped; identify() switches to each case's context. */
const PAGE = `<!doctype html>
<script type="module">
  import { createClient } from '/sdk/index.js';
  globalThis.evaluateAll = async ({ snapshots, requests }) => {
    const clients = snapshots.map((bootstrap) => createClient({ bootstrap, logger: {} }));
    for (const client of clients) if (!(await client.waitForReady())) throw new Error('not ready');
    return requests.map(({ snapshot, flagKey, type, defaultValue, context }) => {
      const client = clients[snapshot];
      client.identify(context);
      switch (type) {
        case 'boolean':
          return { detail: client.booleanVariationDetail(flagKey, defaultValue), value: client.booleanVariation(flagKey, defaultValue) };
        case 'string':
          return { detail: client.stringVariationDetail(flagKey, defaultValue), value: client.stringVariation(flagKey, defaultValue) };
        case 'number':
          return { detail: client.numberVariationDetail(flagKey, defaultValue), value: client.numberVariation(flagKey, defaultValue) };
        case 'object':
          return { detail: client.jsonVariationDetail(flagKey, defaultValue), value: client.jsonVariation(flagKey, defaultValue) };
        default:
          return { detail: client.variationDetail(flagKey) };
      }
    });
  };
  /** The value of \`flagKey\` in a client bootstrapped with \`snapshot\`. */
  globalThis.serve = async ({ snapshot, flagKey }) => {
    const client = createClient({ bootstrap: snapshot, logger: {} });
    if (!(await client.waitForReady())) throw new Error('not ready');
    return client.booleanVariationDetail(flagKey, false);
  };
  globalThis.pageReady = true;
</script>`;

const FILES = ['clauses.json', 'flags.json'] as const;

describe('sdk-core spec vectors in Chromium through sdk-web', () => {
  let web: SdkWebPage;
  const cases: SpecCase[] = [];
  const requests: Request[] = [];
  const expected: EvaluationDetail<FlagValue | null>[] = [];
  const results: BrowserResult[] = [];
  let regexChunksBefore: string[] = [];
  /** The scripts the page loaded before any on-demand chunk. */
  let pageScripts: string[] = [];
  let validatorChunksBefore: string[] = [];
  let validatedDetail: EvaluationDetail<boolean> | undefined;
  const validatorChunksLoaded = () => web.site.requested.filter((p) => p.includes('validator'));

  beforeAll(async () => {
    web = await SdkWebPage.open({ '/': PAGE });
    const { page } = web;
    await page.goto(`${web.site.url}/`);
    await page.waitForFunction(() => (globalThis as { pageReady?: boolean }).pageReady === true);
    regexChunksBefore = web.regexChunksLoaded();
    pageScripts = web.site.requested.filter((p) => p.endsWith('.js'));

    // A snapshot the server validated (and that passes validation: the browser trusts the mark).
    const validated = { ...snapshotOf(booleanFlag('banner')), validated: true };
    const serve = (arg: unknown) =>
      (globalThis as unknown as { serve(a: unknown): Promise<EvaluationDetail<boolean>> }).serve(arg);
    validatedDetail = await page.evaluate(serve, { snapshot: validated, flagKey: 'banner' } as unknown);
    validatorChunksBefore = validatorChunksLoaded();

    // Every evaluation the vectors ask for, with sdk-core's own answer in Node.
    const snapshots = new Map<Snapshot, number>();
    const recorder: SpecTarget = {
      evaluate(snapshot, flagKey, type, defaultValue, context) {
        if (!snapshots.has(snapshot)) snapshots.set(snapshot, snapshots.size);
        requests.push({ snapshot: snapshots.get(snapshot)!, flagKey, type, defaultValue, context });
        const detail = sdkCoreTarget.evaluate(snapshot, flagKey, type, defaultValue, context);
        expected.push(detail as EvaluationDetail<FlagValue | null>);
        return detail;
      },
    };
    for (const file of FILES) cases.push(...loadSpecCases(file, read(file)));
    for (const c of cases) await c.run(recorder);

    // The argument is typed unknown: Playwright's serialisable-type check does not end on Snapshot.
    const evaluateAll = (arg: unknown) =>
      (globalThis as unknown as { evaluateAll(a: unknown): Promise<BrowserResult[]> }).evaluateAll(arg);
    const payload: unknown = { snapshots: [...snapshots.keys()], requests };
    results.push(...((await page.evaluate(evaluateAll, payload)) as BrowserResult[]));
  });

  afterAll(async () => {
    await web?.close();
  });

  it('evaluates every vector in the browser', () => {
    expect(requests.length).toBeGreaterThan(200);
    expect(results).toHaveLength(requests.length);
  });

  it('agrees with sdk-core in Node bit for bit: the same keys in the same order and the same values', () => {
    for (let i = 0; i < requests.length; i++) {
      const where = `${requests[i]!.flagKey} (${requests[i]!.type}) in snapshot ${requests[i]!.snapshot}`;
      const { detail, value } = results[i]!;
      expect({ where, keys: Object.keys(detail) }).toEqual({ where, keys: Object.keys(expected[i]!) });
      expect({ where, detail }).toStrictEqual({ where, detail: expected[i] });
      if (requests[i]!.type !== 'any') expect({ where, value }).toStrictEqual({ where, value: detail.value });
    }
  });

  it('gives what every vector expects', async () => {
    let next = 0;
    const replay: SpecTarget = { evaluate: () => results[next++]!.detail };
    for (const c of cases)
      expect({ name: c.name, problems: await c.run(replay) }).toEqual({ name: c.name, problems: [] });
    expect(next).toBe(results.length);
  });

  it('loads the regex engine only for snapshots with patterns, as a chunk of its own, once', () => {
    expect(regexChunksBefore).toEqual([]);
    expect(web.regexChunksLoaded()).toHaveLength(1);
  });

  it('serves a snapshot the server validated without loading the validator, and loads it once for the vectors', () => {
    expect(validatedDetail).toMatchObject({ value: true, reason: 'STATIC' });
    expect(validatorChunksBefore).toEqual([]);
    expect(validatorChunksLoaded()).toHaveLength(1);
  });

  it('ships the evaluator without the steps that record explanations', async () => {
    const code = await Promise.all(pageScripts.map(async (p) => (await fetch(`${web.site.url}${p}`)).text()));
    const page = code.join('\n');
    expect(page).toContain('booleanValue');
    expect(page).not.toMatch(/\.(target|failedPrerequisite|matchedRule|bucketed|couldNotBucket)\(/);
  });
});
