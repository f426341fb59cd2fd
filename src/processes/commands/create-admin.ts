/**
 * `npm run admin:create -- --username <name> --name "<display name>"`: creates an admin account
 * as an invitation and prints its enrolment link (under PUBLIC_URL, else the address the web
 * server listens on), where the admin sets a password and enrols TOTP within 72 hours. For the
 * first admin of a fresh install, or when no admin can log in any more. Exits 0 when the
 * invitation was made, 1 when it was refused (the name is taken or malformed) or could not run.
 */
import { createAccountsContext } from '../../casework/accounts/accounts-context.ts';
import { enrolmentUrl } from '../../casework/accounts/enrolment-url.ts';
import { inviteAdminFromCommandLine } from '../../casework/accounts/invite-officer.ts';
import type { Config } from '../../platform/config/load-config.ts';
import { createPgPool } from '../../platform/database/create-pg-pool.ts';
import { createIdentityProtection } from '../../platform/identity/identity-protection.ts';
import { loadCommandConfig } from './load-command-config.ts';

const usage = 'usage: npm run admin:create -- --username <name> --name "<display name>"';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function readArguments(args: string[]): { username: string; displayName: string } {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i] ?? '';
    const value = args[i + 1];
    if (!['--username', '--name'].includes(flag) || values.has(flag))
      fail(`unknown argument ${flag}\n${usage}`);
    if (value === undefined || value.startsWith('--')) fail(`${flag} needs a value\n${usage}`);
    values.set(flag, value);
  }
  const username = values.get('--username');
  const displayName = values.get('--name');
  if (username === undefined || displayName === undefined) fail(usage);
  return { username, displayName };
}

/** Where the console is reached: PUBLIC_URL, else the listening address (a wildcard or loopback as localhost). */
function publicBase(config: Config): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL;
  const local = ['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost'].includes(config.HOST);
  const host = local ? 'localhost' : config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  return `http://${host}:${config.PORT}`;
}

const refusals: Record<string, string> = {
  username_taken: 'an account with this login name exists already',
  invalid_username:
    'the login name must be 3–64 characters: lower-case letters, digits, . _ - (a letter or digit first)',
  invalid_display_name: 'the display name must be 1–120 characters without control characters',
};

const admin = readArguments(process.argv.slice(2));
const config = loadCommandConfig();

const pool = createPgPool(config.DATABASE_URL, 1);
try {
  const protection = createIdentityProtection({
    encryptionKey: config.IDENTITY_ENCRYPTION_KEY,
    hashKey: config.IDENTITY_HASH_KEY,
  });
  const accounts = createAccountsContext({ pool, cipher: protection.cipher });
  const result = await inviteAdminFromCommandLine(accounts, admin);
  if ('refused' in result) {
    process.stderr.write(`admin not created: ${refusals[result.refused] ?? result.refused}\n`);
    process.exitCode = 1;
  } else {
    const { username, enrolmentToken, expiresAt } = result.ok;
    process.stdout.write(
      `Admin account "${username}" invited. Open this link before ${expiresAt.toISOString()} to set a password and enrol TOTP:\n` +
        `${enrolmentUrl(publicBase(config), enrolmentToken)}\n` +
        'The link works once and is shown only now: pass it on only to that person.\n',
    );
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`admin not created: ${message.replace(/\s+/g, ' ').trim().slice(0, 500)}\n`);
  process.exitCode = 1;
} finally {
  await pool.end();
}
