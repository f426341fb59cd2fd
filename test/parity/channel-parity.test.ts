import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParityChannel, ParityChannelFactory } from './parity-channel.ts';
import {
  addInformation,
  cancelAndRestart,
  crimeTip,
  greetingFirst,
  ScriptRun,
  statusCheck,
  statusTypedFirst,
  traffickingWithDanger,
  wrongInputs,
} from './parity-scripts.ts';
import { countReports, readParityReport } from './read-parity-report.ts';
import { startTelegramParityChannel } from './telegram-parity-channel.ts';
import { startWebChatParityChannel } from './web-chat-parity-channel.ts';
import { startZaloBotParityChannel } from './zalo-bot-parity-channel.ts';
import { startZaloOaParityChannel } from './zalo-oa-parity-channel.ts';

/**
 * One scripted set of conversations over every channel, through HTTP against each platform's
 * fake server: the same reports and the same receipts must come out. A new channel adds its
 * driver to this list.
 */
const channels: [string, ParityChannelFactory][] = [
  ['telegram', startTelegramParityChannel],
  ['zalo_oa', startZaloOaParityChannel],
  ['zalo_bot', startZaloBotParityChannel],
  ['web', startWebChatParityChannel],
];

interface ChannelResult {
  reports: Record<string, unknown>;
  receipts: string[];
  statusAnswer: string[];
  greeting: string[];
  statusTypedFirst: string[];
}
const results = new Map<string, ChannelResult>();

describe.each(channels)('the scripted conversations over %s', (name, startChannel) => {
  let channel: ParityChannel;
  const result: ChannelResult = {
    reports: {},
    receipts: [],
    statusAnswer: [],
    greeting: [],
    statusTypedFirst: [],
  };
  let crimeTipCode = '';
  let crimeTipRegister = '';
  beforeAll(async () => {
    channel = await startChannel();
    results.set(name, result);
  }, 60_000);
  afterAll(async () => {
    await channel?.stop();
  });

  const run = async (script: (run: ScriptRun) => Promise<void>) => {
    const scriptRun = new ScriptRun(await channel.newChat());
    try {
      await script(scriptRun);
    } catch (error) {
      throw new Error(
        `${(error as Error).message}\n--- transcript ---\n${scriptRun.outcome.transcript.join('\n')}`,
      );
    }
    return scriptRun.outcome;
  };
  const receiptOf = (transcript: string[]) => transcript.filter((line) => line.includes('<code>'));

  it('takes a crime tip to a receipt', async () => {
    const outcome = await run(crimeTip);
    expect(outcome.registerNumbers).toHaveLength(1);
    crimeTipCode = outcome.receiptCodes[0] ?? '';
    crimeTipRegister = outcome.registerNumbers[0] ?? '';
    result.receipts.push(...receiptOf(outcome.transcript));
    result.reports.crimeTip = await readParityReport(channel.databaseUrl, crimeTipRegister);
  });

  it('takes a trafficking report with someone in danger, showing 113 and 111 at once', async () => {
    const outcome = await run(traffickingWithDanger);
    expect(outcome.registerNumbers).toHaveLength(1);
    result.receipts.push(...receiptOf(outcome.transcript));
    result.reports.trafficking = await readParityReport(
      channel.databaseUrl,
      outcome.registerNumbers[0] ?? '',
    );
  });

  it('answers a status check by receipt code', async () => {
    const outcome = await run((r) => statusCheck(r, crimeTipCode));
    expect(outcome.registerNumbers).toContain(crimeTipRegister);
    result.statusAnswer = outcome.transcript.filter((line) => line.includes('Tình trạng'));
  });

  it('greets the first message of a new chat with the language question alone', async () => {
    result.greeting = (await run(greetingFirst)).transcript;
  });

  it('answers "tra cuu CODE" as the first message of a new chat at once', async () => {
    const outcome = await run((r) => statusTypedFirst(r, crimeTipCode));
    expect(outcome.registerNumbers).toContain(crimeTipRegister);
    // What the citizen typed holds this channel's own code; the answers must match.
    result.statusTypedFirst = outcome.transcript.filter((line) => !line.startsWith('> '));
  });

  // Zalo OA and the web chat have no commands; their citizens type the text form above.
  if (name === 'telegram' || name === 'zalo_bot')
    it('uses the code given with /status at once', async () => {
      const outcome = await run(async (r) => {
        await r.start();
        await r.choose('Tiếng Việt');
        await r.say(`/status ${crimeTipCode}`);
      });
      expect(outcome.registerNumbers).toContain(crimeTipRegister);
      expect(outcome.transcript.join('\n')).toContain('Tình trạng:');
    });

  it('adds information to a sent report', async () => {
    await run((r) => addInformation(r, crimeTipCode));
    result.reports.crimeTipAfterFollowUp = await readParityReport(channel.databaseUrl, crimeTipRegister);
  });

  it('cancels and restarts, and wrong inputs change nothing', async () => {
    const before = await countReports(channel.databaseUrl);
    await run(cancelAndRestart);
    await run(wrongInputs);
    expect(await countReports(channel.databaseUrl)).toBe(before);
  });
});

describe('every channel', () => {
  it('stored the same reports and sent the same receipts as Telegram', () => {
    const reference = results.get('telegram');
    expect(reference?.reports.crimeTip).toBeTruthy();
    expect(reference?.reports.trafficking).toBeTruthy();
    expect(reference?.receipts.length).toBeGreaterThanOrEqual(2);
    for (const [name, result] of results) {
      expect({ channel: name, ...result }).toEqual({ channel: name, ...reference });
    }
    expect([...results.keys()]).toEqual(channels.map(([name]) => name));
  });
});
