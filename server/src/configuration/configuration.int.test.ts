import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';
import { ConfigSecrets } from './config-secrets.js';
import { SecretBox } from './secret-box.js';
import { SecretKeyMismatchError } from './secret-key-mismatch-error.js';

// startAdminApi sets FLAGSTAFF_SECRET_KEY to 32 bytes of 7.
const SERVER_KEY = Buffer.alloc(32, 7);
const PLAINTEXT = 'postgres://app:hunter2-Zq8@db.internal/app';

interface Entry {
  key: string;
  type: string;
  value: unknown;
  secret: boolean;
  maskedValue: string | null;
  description: string;
  clientSide: boolean;
  version: number;
}

const FIELDS = 'key type value secret maskedValue description clientSide version';
const SET = `mutation($env: String!, $input: ConfigEntryInput!, $v: Int, $reason: String) {
  setConfigEntry(project: "default", environment: $env, input: $input, expectedVersion: $v, reason: $reason) { ${FIELDS} } }`;
const SET_SECRET = `mutation($env: String!, $input: SecretInput!, $v: Int, $reason: String) {
  setSecret(project: "default", environment: $env, input: $input, expectedVersion: $v, reason: $reason) { ${FIELDS} } }`;
const DELETE = `mutation($env: String!, $key: String!, $v: Int!) {
  deleteConfigEntry(project: "default", environment: $env, key: $key, expectedVersion: $v) }`;
const LIST = `query($env: String!) { configEntries(project: "default", environment: $env) { ${FIELDS} } }`;

describe('configuration over GraphQL', () => {
  let api: AdminApi;
  let editor: string;

  beforeAll(async () => {
    api = await startAdminApi();
    editor = await api.adminToken('editor', 'default');
  });
  afterAll(() => api?.close());

  const db = () => api.server.storage.dataSource;

  async function set(input: Record<string, unknown>, v?: number, env = 'development'): Promise<Entry> {
    const res = await api.gql<{ setConfigEntry: Entry }>(SET, { env, input, v }, editor);
    expect(res.errors).toBeUndefined();
    return res.data!.setConfigEntry;
  }

  async function writes() {
    const [row]: { revisions: number; version: number; entries: number }[] = await db().query(
      `SELECT (SELECT count(*)::int FROM revisions) AS revisions,
              (SELECT version::int FROM environments WHERE key = 'development') AS version,
              (SELECT count(*)::int FROM config_entries) AS entries`,
    );
    return row;
  }

  describe('typed entries', () => {
    it.each([
      ['STRING', 'api.url', 'https://api.example.com'],
      ['STRING', 'empty', ''],
      ['NUMBER', 'retries', 3],
      ['NUMBER', 'ratio', -0.25],
      ['BOOLEAN', 'maintenance', false],
      ['JSON', 'limits', { perMinute: 60, tiers: ['free', 'pro'], nested: { ok: true, none: null } }],
      ['JSON', 'nothing', null],
      ['JSON', 'plain-string', 'just text'],
    ])('stores a %s entry (%s) and returns its value', async (type, key, value) => {
      const entry = await set({
        key,
        type,
        value,
        description: `the ${key}`,
        clientSide: type === 'BOOLEAN',
      });
      expect(entry).toEqual({
        key,
        type,
        value,
        secret: false,
        maskedValue: null,
        description: `the ${key}`,
        clientSide: type === 'BOOLEAN',
        version: 1,
      });
    });

    it('lists the entries of an environment by key and no other environment', async () => {
      await set({ key: 'only-in-staging', type: 'STRING', value: 's' }, undefined, 'staging');
      const res = await api.gql<{ configEntries: Entry[] }>(LIST, { env: 'development' }, editor);
      expect(res.data?.configEntries.map((e) => e.key)).toEqual([
        'api.url',
        'empty',
        'limits',
        'maintenance',
        'nothing',
        'plain-string',
        'ratio',
        'retries',
      ]);
    });

    it.each([
      ['5', 'NUMBER'],
      [true, 'NUMBER'],
      ['true', 'BOOLEAN'],
      [5, 'STRING'],
      [null, 'STRING'],
      [{ on: true }, 'BOOLEAN'],
    ])('refuses %p as a %s value, with the path of the value, writing nothing', async (value, type) => {
      const before = await writes();
      const res = await api.gql(SET, { env: 'development', input: { key: 'mismatch', type, value } }, editor);
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [{ path: '/value', code: 'TYPE_MISMATCH' }],
      });
      expect(await writes()).toEqual(before);
    });

    it('refuses a missing value, a value over 64 KiB and text Postgres cannot store', async () => {
      const missing = await api.gql(SET, { env: 'development', input: { key: 'm', type: 'STRING' } }, editor);
      expect(missing.errors?.[0]?.extensions).toMatchObject({
        problems: [{ path: '/value', code: 'REQUIRED' }],
      });
      const big = await api.gql(
        SET,
        { env: 'development', input: { key: 'big', type: 'STRING', value: 'x'.repeat(64 * 1024) } },
        editor,
      );
      expect(big.errors?.[0]?.extensions).toMatchObject({
        problems: [{ path: '/value', code: 'TOO_LARGE' }],
      });
      const nul = await api.gql(
        SET,
        { env: 'development', input: { key: 'nul', type: 'JSON', value: { list: ['ok', 'a\u0000b'] } } },
        editor,
      );
      expect(nul.errors?.[0]?.extensions).toMatchObject({
        problems: [{ path: '/input/value/list/1', code: 'INVALID_TEXT' }],
      });
    });

    it('refuses to create an entry that exists, as a CONFLICT', async () => {
      const res = await api.gql(
        SET,
        { env: 'development', input: { key: 'retries', type: 'NUMBER', value: 4 } },
        editor,
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    });

    it('updates an entry at the expected version, type included', async () => {
      const entry = await set({ key: 'retries', type: 'STRING', value: 'three' }, 1);
      expect(entry).toMatchObject({ type: 'STRING', value: 'three', version: 2, description: 'the retries' });
    });

    it('answers a stale expectedVersion with CONFLICT and the current version, writing nothing', async () => {
      const before = await writes();
      const res = await api.gql(
        SET,
        { env: 'development', input: { key: 'retries', type: 'NUMBER', value: 9 }, v: 1 },
        editor,
      );
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'CONFLICT',
        expectedVersion: 1,
        currentVersion: 2,
      });
      expect(await writes()).toEqual(before);
    });

    it('answers an update of an entry that does not exist with NOT_FOUND', async () => {
      const res = await api.gql(
        SET,
        { env: 'development', input: { key: 'ghost', type: 'NUMBER', value: 1 }, v: 1 },
        editor,
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it('bumps the environment version and records the entry as before and after', async () => {
      const before = await writes();
      await set({ key: 'ratio', type: 'NUMBER', value: 0.5 }, 1);
      const after = await writes();
      expect(after).toEqual({ ...before, revisions: before!.revisions + 1, version: before!.version + 1 });
      const [revision]: { before: unknown; after: unknown; environment_id: string | null }[] =
        await db().query(
          "SELECT before, after, environment_id FROM revisions WHERE entity_type = 'config' AND entity_key = 'ratio' ORDER BY id DESC LIMIT 1",
        );
      expect(revision).toMatchObject({
        before: { key: 'ratio', type: 'number', value: -0.25, secret: false },
        after: { key: 'ratio', type: 'number', value: 0.5, secret: false },
        environment_id: expect.any(String),
      });
    });

    it('deletes an entry at the expected version', async () => {
      const stale = await api.gql(DELETE, { env: 'development', key: 'empty', v: 2 }, editor);
      expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
      const res = await api.gql(DELETE, { env: 'development', key: 'empty', v: 1 }, editor);
      expect(res.data).toEqual({ deleteConfigEntry: true });
      const again = await api.gql(DELETE, { env: 'development', key: 'empty', v: 1 }, editor);
      expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('secrets', () => {
    let secret: Entry;

    beforeAll(async () => {
      const res = await api.gql<{ setSecret: Entry }>(
        SET_SECRET,
        { env: 'development', input: { key: 'db.url', value: PLAINTEXT, description: 'main database' } },
        editor,
      );
      expect(res.errors).toBeUndefined();
      secret = res.data!.setSecret;
    });

    async function stored(key = 'db.url') {
      const [row]: {
        value: unknown;
        ciphertext: Buffer;
        key_id: string;
        secret: boolean;
        client_side: boolean;
      }[] = await db().query(
        `SELECT c.value, c.ciphertext, c.key_id, c.secret, c.client_side FROM config_entries c
             JOIN environments e ON e.id = c.environment_id WHERE e.key = 'development' AND c.key = $1`,
        [key],
      );
      return { ...row!, ciphertext: Buffer.from(row!.ciphertext) };
    }

    it('returns a secret masked: no value, a fixed mask, a string that is never client-side', () => {
      expect(secret).toEqual({
        key: 'db.url',
        type: 'STRING',
        value: null,
        secret: true,
        maskedValue: '••••••••',
        description: 'main database',
        clientSide: false,
        version: 1,
      });
    });

    it('stores only ciphertext, sealed under the server key', async () => {
      const row = await stored();
      expect(row.value).toBeNull();
      expect(row.secret).toBe(true);
      expect(row.client_side).toBe(false);
      expect(row.key_id).toBe(new SecretBox(SERVER_KEY).keyId);
      expect(row.ciphertext.length).toBeGreaterThan(Buffer.byteLength(PLAINTEXT));
      expect(row.ciphertext.includes(PLAINTEXT)).toBe(false);
      expect(row.ciphertext.includes('hunter2')).toBe(false);
    });

    it('is decrypted by ConfigSecrets.reveal and by a SecretBox with the same key', async () => {
      const row = await stored();
      const entry = { key: 'db.url', secret: true, ciphertext: row.ciphertext, keyId: row.key_id };
      expect(api.server.app.get(ConfigSecrets).reveal(entry)).toBe(PLAINTEXT);
      expect(new SecretBox(SERVER_KEY).open(row.ciphertext, row.key_id)).toBe(PLAINTEXT);
    });

    it('fails clearly with another key, naming both key ids and nothing secret', async () => {
      const row = await stored();
      const wrong = new SecretBox(Buffer.alloc(32, 8));
      let error: unknown;
      try {
        wrong.open(row.ciphertext, row.key_id);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(SecretKeyMismatchError);
      const message = (error as Error).message;
      expect(message).toContain('different FLAGSTAFF_SECRET_KEY');
      expect(message).toContain(row.key_id);
      expect(message).toContain(wrong.keyId);
      expect(message).not.toContain('hunter2');
    });

    it('shows viewers the mask too', async () => {
      const viewer = await api.adminToken('viewer', 'default');
      const res = await api.gql<{ configEntries: Entry[] }>(LIST, { env: 'development' }, viewer);
      expect(res.data?.configEntries.find((e) => e.key === 'db.url')).toMatchObject({
        value: null,
        maskedValue: '••••••••',
      });
    });

    it('replaces the value at the expected version with a fresh ciphertext', async () => {
      const before = await stored();
      const res = await api.gql<{ setSecret: Entry }>(
        SET_SECRET,
        { env: 'development', input: { key: 'db.url', value: `${PLAINTEXT}-rotated` }, v: 1 },
        editor,
      );
      expect(res.data?.setSecret).toMatchObject({ version: 2, description: 'main database', value: null });
      const after = await stored();
      expect(after.ciphertext.equals(before.ciphertext)).toBe(false);
      expect(new SecretBox(SERVER_KEY).open(after.ciphertext)).toBe(`${PLAINTEXT}-rotated`);
      const stale = await api.gql(
        SET_SECRET,
        { env: 'development', input: { key: 'db.url', value: 'x' }, v: 1 },
        editor,
      );
      expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    });

    it('records a secret in revisions by its key id and a valueChanged marker only', async () => {
      const revisions: { action: string; before: unknown; after: unknown }[] = await db().query(
        "SELECT action, before, after FROM revisions WHERE entity_type = 'config' AND entity_key = 'db.url' ORDER BY id",
      );
      const keyId = new SecretBox(SERVER_KEY).keyId;
      expect(revisions).toEqual([
        {
          action: 'create',
          before: null,
          after: { key: 'db.url', type: 'string', secret: true, description: 'main database', keyId },
        },
        {
          action: 'update',
          before: { key: 'db.url', type: 'string', secret: true, description: 'main database', keyId },
          after: {
            key: 'db.url',
            type: 'string',
            secret: true,
            description: 'main database',
            keyId,
            valueChanged: true,
          },
        },
      ]);
    });

    it('turns a plain entry into a secret, but not a secret into a plain entry', async () => {
      await set({ key: 'token', type: 'STRING', value: 'was-public' });
      const res = await api.gql<{ setSecret: Entry }>(
        SET_SECRET,
        { env: 'development', input: { key: 'token', value: 'now-secret' }, v: 1 },
        editor,
      );
      expect(res.data?.setSecret).toMatchObject({ secret: true, version: 2, value: null, type: 'STRING' });
      const back = await api.gql(
        SET,
        { env: 'development', input: { key: 'token', type: 'STRING', value: 'public-again' }, v: 2 },
        editor,
      );
      expect(back.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [{ path: '/key', code: 'SECRET_ENTRY' }],
      });
    });

    it('needs the owner role and a reason in a protected environment', async () => {
      const input = { key: 'stripe.key', value: 'sk_live_abc' };
      const byEditor = await api.gql(SET_SECRET, { env: 'production', input, reason: 'launch' }, editor);
      expect(byEditor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const noReason = await api.gql(SET_SECRET, { env: 'production', input });
      expect(noReason.errors?.[0]?.extensions).toMatchObject({
        problems: [{ path: '/reason', code: 'REQUIRED' }],
      });
      const done = await api.gql<{ setSecret: Entry }>(SET_SECRET, {
        env: 'production',
        input,
        reason: 'launch',
      });
      expect(done.data?.setSecret).toMatchObject({ key: 'stripe.key', secret: true });
    });

    it('refuses writes by a viewer and hides the project from other projects', async () => {
      const viewer = await api.adminToken('viewer', 'default');
      const input = { key: 'v', value: 'x' };
      const res = await api.gql(SET_SECRET, { env: 'development', input }, viewer);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      await api.gql('mutation { createProject(input: { key: "elsewhere", name: "Elsewhere" }) { key } }');
      const outsider = await api.adminToken('owner', 'elsewhere');
      const hidden = await api.gql(LIST, { env: 'development' }, outsider);
      expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it('never writes the plaintext or the ciphertext of any secret into a revision', async () => {
      const plaintexts = [PLAINTEXT, 'hunter2', 'now-secret', 'sk_live_abc'];
      const sealed: { ciphertext: Buffer }[] = await db().query(
        'SELECT ciphertext FROM config_entries WHERE secret',
      );
      const ciphertexts = sealed.flatMap(({ ciphertext }) => [
        Buffer.from(ciphertext).toString('hex'),
        Buffer.from(ciphertext).toString('base64'),
      ]);
      expect(ciphertexts.length).toBeGreaterThanOrEqual(6);
      const revisions: { text: string }[] = await db().query(
        "SELECT coalesce(before::text, '') || ' ' || coalesce(after::text, '') AS text FROM revisions",
      );
      expect(revisions.length).toBeGreaterThan(10);
      for (const { text } of revisions) {
        for (const needle of [...plaintexts, ...ciphertexts]) expect(text).not.toContain(needle);
      }
    });
  });
});
