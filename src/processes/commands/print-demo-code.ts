/**
 * `npm run demo:code`: the current TOTP code of the demo accounts (DEMO_MODE), so the console can be
 * tried without an authenticator app. Each code works once: run it again after 30 s for the next login.
 */
import { Secret, TOTP } from 'otpauth';
import { totpParameters } from '../../casework/accounts/totp-secret.ts';
import { demoTotpSecret } from '../../casework/demo/demo-officers.ts';

const now = Date.now();
const code = new TOTP({ ...totpParameters, secret: Secret.fromBase32(demoTotpSecret) }).generate({
  timestamp: now,
});
const secondsLeft = 30 - (Math.floor(now / 1000) % 30);
process.stdout.write(
  `${code}  (the demo accounts' code for the next ${secondsLeft} s; each code logs in once)\n`,
);
