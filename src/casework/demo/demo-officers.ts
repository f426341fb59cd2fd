import type { OfficerRole } from '../access/console-user.ts';

/**
 * The accounts DEMO_MODE makes, all of the Hà Nội city police (`PROV-01`), where a web chat tip
 * goes when it names Hà Nội without a ward, or no place at all. Their password and TOTP secret
 * are public, like the demo's identity keys: a demo is never for real reports.
 */
export const demoOfficers: readonly { username: string; displayName: string; role: OfficerRole }[] = [
  { username: 'demo.officer', displayName: 'Nguyễn Văn An (demo)', role: 'officer' },
  { username: 'demo.lead', displayName: 'Trần Thị Bình (demo)', role: 'unit_lead' },
  { username: 'demo.supervisor', displayName: 'Lê Văn Cường (demo)', role: 'supervisor' },
  { username: 'demo.admin', displayName: 'Phạm Thị Dung (demo)', role: 'admin' },
];

export const demoUnitId = 'PROV-01';
export const demoPassword = 'tinbao-demo-2026';
/** Base32 of "tinbao-demo-totp-2026": type it into an authenticator app, or run `npm run demo:code`. */
export const demoTotpSecret = 'ORUW4YTBN4WWIZLNN4WXI33UOAWTEMBSGY';
