import type { OfficerRole } from '../access/console-user.ts';
import type { AccountsContext } from './accounts-context.ts';
import { tokenHash } from './random-token.ts';
import { generateTotpSecret, totpQrSvg, totpUri } from './totp-secret.ts';

export interface InvitationView {
  officerId: string;
  username: string;
  displayName: string;
  role: OfficerRole;
  unitId: string | null;
  expiresAt: Date;
  /** The TOTP secret in base32, shown as text beside the QR code for apps that cannot scan. */
  totpSecret: string;
  totpUri: string;
  /** The QR code of `totpUri`, an SVG document to inline in the page. */
  totpQrSvg: string;
}

export type InvitationLookup = { ok: InvitationView } | { refused: 'unknown' | 'expired' };

export interface InvitationRow {
  id: string;
  username: string;
  displayName: string;
  role: OfficerRole;
  unitId: string | null;
  enrolExpiresAt: Date;
  totpSecretEnc: Buffer | null;
}

/**
 * What the enrolment page shows for an invitation's token. The TOTP secret is made the first
 * time the invitation is opened and stored encrypted; opening it again shows the same secret, so
 * a reload does not invalidate what the officer's phone already scanned (two opens at once agree
 * too: the first secret stored wins).
 */
export async function readInvitation(ctx: AccountsContext, token: string): Promise<InvitationLookup> {
  const found = await findInvitation(ctx, token);
  if (!('ok' in found)) return found;
  const row = found.ok;
  let secretEnc = row.totpSecretEnc;
  if (secretEnc === null) {
    const { rows } = await ctx.pool.query<{ secret: Buffer }>({
      name: 'accounts-invitation-secret',
      text: `UPDATE officer SET totp_secret_enc = COALESCE(totp_secret_enc, $2)
              WHERE id = $1 RETURNING totp_secret_enc AS secret`,
      values: [row.id, ctx.cipher.encrypt(generateTotpSecret())],
    });
    secretEnc = rows[0]?.secret ?? null;
    if (secretEnc === null) return { refused: 'unknown' };
  }
  const totpSecret = ctx.cipher.decrypt(secretEnc);
  const uri = totpUri(totpSecret, row.username);
  const { id, username, displayName, role, unitId, enrolExpiresAt } = row;
  return {
    ok: {
      officerId: id,
      username,
      displayName,
      role,
      unitId,
      expiresAt: enrolExpiresAt,
      totpSecret,
      totpUri: uri,
      totpQrSvg: await totpQrSvg(uri),
    },
  };
}

/** The open invitation of a token: unknown when used, never issued or its account deactivated. */
export async function findInvitation(
  ctx: AccountsContext,
  token: string,
): Promise<{ ok: InvitationRow } | { refused: 'unknown' | 'expired' }> {
  const { rows } = await ctx.pool.query<InvitationRow>({
    name: 'accounts-find-invitation',
    text: `SELECT id, username, display_name AS "displayName", role, unit_id AS "unitId",
                  enrol_expires_at AS "enrolExpiresAt", totp_secret_enc AS "totpSecretEnc"
             FROM officer
            WHERE enrol_token_hash = $1 AND active AND enrolled_at IS NULL AND enrol_expires_at IS NOT NULL`,
    values: [tokenHash(token)],
  });
  const row = rows[0];
  if (!row) return { refused: 'unknown' };
  if (ctx.clock() >= row.enrolExpiresAt) return { refused: 'expired' };
  return { ok: row };
}
