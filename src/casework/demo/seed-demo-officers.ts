import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import type { FieldCipher } from '../../platform/identity/field-cipher.ts';
import { hashPassword } from '../accounts/password-hashing.ts';
import { demoOfficers, demoPassword, demoTotpSecret, demoUnitId } from './demo-officers.ts';

/**
 * Makes the demo accounts if they are missing (an account of that name is left as it is), already
 * enrolled with the demo password and TOTP secret. Only for DEMO_MODE. Returns how many it made.
 */
export async function seedDemoOfficers(pool: PgPool, cipher: FieldCipher): Promise<number> {
  const passwordHash = await hashPassword(demoPassword);
  let made = 0;
  for (const officer of demoOfficers) {
    const { rowCount } = await pool.query(
      `INSERT INTO officer (id, username, display_name, role, unit_id, password_hash, totp_secret_enc, enrolled_at)
       VALUES (gen_random_uuid(), $1, $2, $3::"OfficerRole", $4, $5, $6, now())
       ON CONFLICT (username) DO NOTHING`,
      [
        officer.username,
        officer.displayName,
        officer.role,
        officer.role === 'admin' ? null : demoUnitId,
        passwordHash,
        cipher.encrypt(demoTotpSecret),
      ],
    );
    made += rowCount ?? 0;
  }
  return made;
}
