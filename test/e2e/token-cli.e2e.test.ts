import { afterAll, describe, expect, it } from '@jest/globals';
import { freshDataDir, removeDataDirs } from '../support/data-dir.js';
import { ServerProcess } from '../support/server-process.js';
import { gqlAs as gql, tokenCli } from '../support/token-cli.js';

afterAll(removeDataDirs);

describe('npm run token:create', () => {
  it('mints a new owner token when the first one is lost, but not while the server runs on the folder', async () => {
    const dir = await freshDataDir();
    const first = await ServerProcess.start({ FLAGSTAFF_DATA_DIR: dir });
    let lost: string | undefined;
    try {
      lost = /Owner token: {2}(fsa_[A-Za-z0-9_-]+)/.exec(first.stdout)?.[1];
      const refused = await tokenCli(['create', '--name', 'too early'], { FLAGSTAFF_DATA_DIR: dir });
      expect(refused).toEqual({
        code: 1,
        stdout: '',
        stderr:
          `flagstaff: cannot create a token now: ${dir} is in use by another Flagstaff process (pid ${first.pid}).\n` +
          'Stop the server, run this again, then start the server: the embedded database serves one process at a time.\n',
      });
      expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    } finally {
      expect((await first.stop()).code).toBe(0);
    }

    const owner = await tokenCli(['create', '--name', 'recovered owner'], { FLAGSTAFF_DATA_DIR: dir });
    expect(owner.code).toBe(0);
    expect(owner.stdout).toMatch(/^fsa_[A-Za-z0-9_-]{43}\n$/);
    const ownerToken = owner.stdout.trim();
    expect(ownerToken).not.toBe(lost);
    expect(owner.stderr).toBe(
      `Created an owner token "recovered owner" for every project (${ownerToken.slice(0, 12)}).\n` +
        'It is shown once, here: only its hash is stored.\n',
    );

    const viewer = await tokenCli(
      ['create', '--name', 'ci reader', '--project', 'default', '--role', 'viewer'],
      {
        FLAGSTAFF_DATA_DIR: dir,
      },
    );
    expect(viewer.code).toBe(0);
    const viewerToken = viewer.stdout.trim();
    expect(viewer.stderr).toContain('Created a viewer token "ci reader" for project default');

    const unknown = await tokenCli(['create', '--name', 'x', '--project', 'nope'], {
      FLAGSTAFF_DATA_DIR: dir,
    });
    expect(unknown).toEqual({
      code: 1,
      stdout: '',
      stderr: 'flagstaff: there is no project nope (projects: default)\n',
    });

    const second = await ServerProcess.start({ FLAGSTAFF_DATA_DIR: dir });
    try {
      expect(second.stdout).not.toContain('first sign-in');
      const created = await gql(
        second.url,
        ownerToken,
        'mutation { createProject(input: { key: "shop", name: "Shop" }) { key } }',
      );
      expect(created).toEqual({ data: { createProject: { key: 'shop' } } });

      const listed = await gql(
        second.url,
        viewerToken,
        '{ tokens(project: "default") { name role createdBy } }',
      );
      expect(listed.errors).toBeUndefined();
      expect(listed.data?.tokens).toEqual([
        { name: 'ci reader', role: 'VIEWER', createdBy: expect.stringMatching(/^token-cli \(.+\)$/) },
      ]);
      const change = await gql(
        second.url,
        viewerToken,
        'mutation { updateEnvironment(project: "default", environment: "development", input: { name: "Dev" }) { name } }',
      );
      expect(change.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      const elsewhere = await gql(second.url, viewerToken, '{ project(key: "shop") { key } }');
      expect(elsewhere.errors?.[0]?.extensions.code).toBe('NOT_FOUND');

      const audit = await gql(
        second.url,
        ownerToken,
        '{ revisions(project: "default", entityType: "token") { nodes { action actor after } } }',
      );
      expect(audit.data?.revisions).toEqual({
        nodes: [
          {
            action: 'create',
            actor: expect.stringMatching(/^token-cli \(/),
            after: {
              kind: 'admin',
              name: 'ci reader',
              prefix: viewerToken.slice(0, 12),
              role: 'viewer',
              environment: null,
              revoked: false,
            },
          },
        ],
      });
    } finally {
      expect((await second.stop()).code).toBe(0);
    }
  });

  it('refuses on a database that was never started: the first start prints the token', async () => {
    const run = await tokenCli(['create', '--name', 'x'], { FLAGSTAFF_DATA_DIR: await freshDataDir() });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^flagstaff: this database is new: start the server \(npm start\)/);
  });

  it.each([
    ['no --name', ['create'], '--name is required'],
    ['an empty name', ['create', '--name', ''], '--name: a name is 1 to 200 characters'],
    [
      'a name of 201 characters',
      ['create', '--name', 'x'.repeat(201)],
      '--name: a name is 1 to 200 characters',
    ],
    [
      'an unknown role',
      ['create', '--name', 'x', '--role', 'admin'],
      '--role is one of viewer, editor, owner',
    ],
    [
      'an instance-wide viewer',
      ['create', '--name', 'x', '--role', 'viewer'],
      'a token for every project is always an owner',
    ],
    ['an unknown option', ['create', '--name', 'x', '--colour', 'red'], "Unknown option '--colour'"],
    ['an unknown command', ['revoke'], 'unknown command revoke'],
  ])(
    'answers %s with the usage and exit code 2, before opening any database',
    async (_what, args, problem) => {
      const run = await tokenCli(args, { FLAGSTAFF_DATA_DIR: '/nonexistent/never-opened' });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(problem);
      expect(run.stderr).toContain('usage: npm run token:create -- --name NAME');
    },
  );
});
