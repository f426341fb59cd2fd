import { demoOfficers, demoPassword, demoTotpSecret } from '../../casework/demo/demo-officers.ts';

/** How to log in to the demo's officer console, for the demo's start-up message. */
export function demoConsoleLines(webChatUrl: string | null): string[] {
  const console = webChatUrl ? new URL('/console', webChatUrl).href : '/console on the web address';
  return [
    `Officer console: open ${console}`,
    `  accounts ${demoOfficers.map((o) => o.username).join(', ')}; password ${demoPassword}`,
    `  code: run \`npm run demo:code\` (or add the key ${demoTotpSecret} to an authenticator app)`,
    '  A tip sent in the web chat naming Hà Nội without a ward, or no place, reaches their unit.',
  ];
}
