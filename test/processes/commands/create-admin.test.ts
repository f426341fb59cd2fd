import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAccountsContext } from '../../../src/casework/accounts/accounts-context.ts';
import { tokenHash } from '../../../src/casework/accounts/random-token.ts';
import { readInvitation } from '../../../src/casework/accounts/read-invitation.ts';
import { createFieldCipher } from '../../../src/platform/identity/field-cipher.ts';
import { type CommandRun, runCommand } from '../../support/run-command.ts';
import { testEnvironment } from '../../support/test-config.ts';
import { usePrivateDatabase } from '../../support/use-private-database.ts';

const database = usePrivateDatabase({ pool: 1 });

/** Runs the command as `npm run admin:create` does, with exactly the test environment. */
function createAdmin(args: string[], env: Record<string, string> = {}): Promise<CommandRun> {
  return runCommand('create-admin.ts', args, testEnvironment({ DATABASE_URL: database.url, ...env }));
}

async function officer(username: string) {
  const { rows } = await database.pool.query(
    'SELECT id, role, unit_id, display_name, password_hash, enrol_token_hash FROM officer WHERE username = $1',
    [username],
  );
  return rows;
}

// Each run starts a Node process with tsx: seconds each, more on a busy machine.
describe('npm run admin:create', { timeout: 120_000 }, () => {
  it('invites an admin and prints a working enrolment link under PUBLIC_URL', async () => {
    const run = await createAdmin(['--username', 'Quan.Tri', '--name', 'Quản trị hệ thống'], {
      PUBLIC_URL: 'https://tinbao.example.gov.vn',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const link = run.stdout.match(
      /^https:\/\/tinbao\.example\.gov\.vn\/console\/enrol\/([A-Za-z0-9_-]{43})$/m,
    );
    expect(link).not.toBeNull();
    const token = link?.[1] ?? '';
    expect(run.stdout).toContain('Admin account "quan.tri" invited');
    const rows = await officer('quan.tri');
    expect(rows).toEqual([
      {
        id: expect.any(String),
        role: 'admin',
        unit_id: null,
        display_name: 'Quản trị hệ thống',
        password_hash: null,
        enrol_token_hash: tokenHash(token),
      },
    ]);
    const accounts = createAccountsContext({
      pool: database.pool,
      cipher: createFieldCipher(randomBytes(32)),
    });
    expect(await readInvitation(accounts, token)).toMatchObject({
      ok: { username: 'quan.tri', role: 'admin' },
    });
  });

  it('refuses a login name that exists, and changes nothing', async () => {
    const run = await createAdmin(['--username', 'quan.tri', '--name', 'Someone else']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('admin not created: an account with this login name exists already');
    expect(await officer('quan.tri')).toMatchObject([{ display_name: 'Quản trị hệ thống' }]);
  });

  it('links to the listening address without PUBLIC_URL', async () => {
    const run = await createAdmin(['--username', 'admin.two', '--name', 'Admin Two'], { PORT: '3456' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^http:\/\/localhost:3456\/console\/enrol\/[A-Za-z0-9_-]{43}$/m);
  });

  it('exits 1 with the usage on missing or unknown arguments, and on a malformed name', async () => {
    const missing = await createAdmin(['--username', 'admin.three']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      'usage: npm run admin:create -- --username <name> --name "<display name>"',
    );
    const unknown = await createAdmin(['--user', 'x', '--name', 'X']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown argument --user');
    const malformed = await createAdmin(['--username', 'quản trị', '--name', 'X']);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('the login name must be');
    expect(await officer('admin.three')).toEqual([]);
  });

  it('exits 1 naming a wrong variable, and when the database cannot be reached', async () => {
    const config = await createAdmin(['--username', 'admin.four', '--name', 'X'], {
      DATABASE_URL: 'mysql://x',
    });
    expect(config.code).toBe(1);
    expect(config.stderr).toContain('DATABASE_URL must be a postgresql:// URL');
    const down = await createAdmin(['--username', 'admin.four', '--name', 'X'], {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
    });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('admin not created:');
  });
});
