import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';

describe('/metrics', () => {
  let api: AdminApi;
  let serverKey: string;
  const scrape = async () => {
    const res = await fetch(`${api.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return res.text();
  };
  const value = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  beforeAll(async () => {
    api = await startAdminApi();
    serverKey = (await api.sdkKey('SERVER', 'production')).secret;
  });
  afterAll(() => api?.close());

  it('counts requests by route pattern, method and status class', async () => {
    await fetch(`${api.url}/healthz`);
    const text = await scrape();
    expect(
      value(
        text,
        'flagstaff_http_request_duration_seconds_count{method="GET",route="/healthz",status="2xx"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(text).toContain('flagstaff_process_resident_memory_bytes');
  });

  it('counts snapshot builds and cache hits, and the streams open', async () => {
    const get = () =>
      fetch(`${api.url}/sdk/v1/snapshot`, { headers: { authorization: `Bearer ${serverKey}` } });
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(200);
    const stream = await fetch(`${api.url}/sdk/v1/stream`, {
      headers: { authorization: `Bearer ${serverKey}` },
    });
    const reader = stream.body!.getReader();
    await reader.read();
    const text = await scrape();
    expect(value(text, 'flagstaff_snapshot_builds_total')).toBe(1);
    expect(value(text, 'flagstaff_snapshot_memory_hits_total')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'flagstaff_streams_open')).toBe(1);
    await reader.cancel();
  });

  it('measures how long a change took to reach this instance', async () => {
    const res = await api.gql(
      'mutation { createFlag(project: "default", input: { key: "m", name: "M", kind: BOOLEAN }) { key } }',
    );
    expect(res.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(value(await scrape(), 'flagstaff_propagation_delay_seconds_count')).toBeGreaterThanOrEqual(1);
  });
});
