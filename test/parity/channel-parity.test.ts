import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askOfficerQuestion } from './ask-officer-question.ts';
import type { ParityChannel } from './parity-channel.ts';
import { parityChannels } from './parity-channels.ts';
import {
  addInformation,
  addPhoto,
  cancelAndRestart,
  correctedTip,
  crimeTip,
  goBack,
  greetingFirst,
  guessCodes,
  menuCards,
  officerAsks,
  photographedTip,
  pinnedTip,
  ScriptRun,
  statusCheck,
  statusTypedFirst,
  tipDescription,
  traffickingInVietNam,
  traffickingWithDanger,
} from './parity-scripts.ts';
import { readChannelParts } from './read-channel-parts.ts';
import { countReports, readParityReport } from './read-parity-report.ts';

/**
 * One scripted set of conversations over every channel (parity-channels.ts): the same reports and
 * the same receipts must come out.
 */
const channels = parityChannels;

interface ChannelResult {
  reports: Record<string, Record<string, unknown> | null>;
  receipts: string[];
  statusAnswer: string[];
  greeting: string[];
  statusTypedFirst: string[];
  goBack: string[];
  menuCards: string[];
}
const results = new Map<string, ChannelResult>();

// The channels run at once (each on its own app, database and fake platform); the conversations
// of one channel run in order, since later ones use the first tip's receipt code.
describe.concurrent.each(channels)('the scripted conversations over $name', (entry) => {
  const { name } = entry;
  let channel: ParityChannel;
  const result: ChannelResult = {
    reports: {},
    receipts: [],
    statusAnswer: [],
    greeting: [],
    statusTypedFirst: [],
    goBack: [],
    menuCards: [],
  };
  let crimeTipCode = '';
  let crimeTipRegister = '';
  beforeAll(async () => {
    channel = await entry.start();
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
  const submitted = async (outcome: { registerNumbers: string[] }) => {
    expect(outcome.registerNumbers).toHaveLength(1);
    const register = outcome.registerNumbers[0] ?? '';
    return { register, report: await readParityReport(channel.databaseUrl, register) };
  };
  const partsOf = (register: string) => readChannelParts(channel.databaseUrl, channel.protection, register);

  it.sequential('takes a crime tip to a receipt, the phone kept encrypted and the chat id too', async () => {
    const outcome = await run(crimeTip);
    const { register, report } = await submitted(outcome);
    expect(outcome.receiptCodes).toHaveLength(1);
    crimeTipCode = outcome.receiptCodes[0] ?? '';
    crimeTipRegister = register;
    result.receipts.push(...receiptOf(outcome.transcript));
    result.reports.crimeTip = report;
    const parts = await partsOf(register);
    expect(parts).toMatchObject({ channel: name, phone: '+84912345678' });
    expect(parts.stored).not.toContain('912345678');
    expect(parts.chatId).not.toBe('');
    expect(parts.stored).not.toContain(parts.chatId);
  }, 120_000);

  it.sequential('takes a trafficking report with someone in danger, showing 113 and 111 at once', async () => {
    const outcome = await run(traffickingWithDanger);
    result.receipts.push(...receiptOf(outcome.transcript));
    result.reports.trafficking = (await submitted(outcome)).report;
  }, 120_000);

  it.sequential('takes a trafficking report in English about a victim in Viet Nam, phone typed', async () => {
    const { register, report } = await submitted(await run(traffickingInVietNam));
    result.reports.traffickingInVietNam = report;
    const parts = await partsOf(register);
    expect(parts.phone).toBe('+84987654321');
    expect(parts.stored).not.toContain('987654321');
  }, 120_000);

  it.sequential('refuses wrong answers with a clear message and the same question, and sends the tip as corrected', async () => {
    const { register, report } = await submitted(await run(correctedTip));
    result.reports.correctedTip = report;
    // Nothing of the wrong answers was kept: the tip is the full one, but for its two changes.
    expect(report).toEqual({
      ...result.reports.crimeTip,
      occurred_when: null,
      occurred_text: '21h tối 20/11',
      anonymity: 'anonymous',
      has_contact: false,
    });
    expect((await partsOf(register)).phone).toBeNull();
  }, 120_000);

  it.sequential('answers a status check by receipt code, with the deadline and the officer question', async () => {
    await askOfficerQuestion(channel.databaseUrl, crimeTipRegister, officerAsks);
    const outcome = await run((r) => statusCheck(r, crimeTipCode));
    expect(outcome.registerNumbers).toContain(crimeTipRegister);
    result.statusAnswer = outcome.transcript.filter((line) => line.includes('Tình trạng'));
  });

  it.sequential('greets the first message of a new chat with the language question alone', async () => {
    result.greeting = (await run(greetingFirst)).transcript;
  });

  it.sequential('answers "tra cuu CODE" as the first message of a new chat at once', async () => {
    const outcome = await run((r) => statusTypedFirst(r, crimeTipCode));
    expect(outcome.registerNumbers).toContain(crimeTipRegister);
    // What the citizen typed holds this channel's own code; the answers must match.
    result.statusTypedFirst = outcome.transcript.filter((line) => !line.startsWith('> '));
  });

  // Zalo OA and the web chat have no commands; their citizens type the text form above.
  if (entry.commands)
    it.sequential('uses the code given with /status at once', async () => {
      const outcome = await run(async (r) => {
        await r.start();
        await r.choose('Tiếng Việt');
        await r.say(`/status ${crimeTipCode}`);
      });
      expect(outcome.registerNumbers).toContain(crimeTipRegister);
      expect(outcome.transcript.join('\n')).toContain('Tình trạng:');
    });

  it.sequential('stops looking codes up after five wrong ones, even the right code', async () => {
    const outcome = await run((r) => guessCodes(r, crimeTipCode));
    expect(outcome.registerNumbers).not.toContain(crimeTipRegister);
  }, 120_000);

  it.sequential('adds information to a sent report, answering the officer question', async () => {
    const outcome = await run((r) => addInformation(r, crimeTipCode));
    expect(outcome.registerNumbers).toContain(crimeTipRegister);
    result.reports.crimeTipAfterFollowUp = await readParityReport(channel.databaseUrl, crimeTipRegister);
  });

  it.sequential('cancels by the typed word and by the option, starts again, and sends nothing', async () => {
    const before = await countReports(channel.databaseUrl);
    await run(cancelAndRestart);
    expect(await countReports(channel.databaseUrl)).toBe(before);
  }, 120_000);

  it.sequential('goes back one question by the option and by the typed word', async () => {
    result.goBack = (await run(goBack)).transcript;
  });

  it.sequential('shows the emergency and awareness cards and the help, and changes the language', async () => {
    result.menuCards = (await run(menuCards)).transcript;
  });

  if (entry.location)
    it.sequential('takes a location pin as the place', async () => {
      const { report } = await submitted(await run(pinnedTip));
      expect(report).toEqual({
        ...result.reports.crimeTip,
        province_code: null,
        ward_code: null,
        latitude: 21.0333,
        longitude: 105.85,
      });
    }, 120_000);

  if (entry.photos) {
    it.sequential('takes a photo as evidence, its caption kept with the report', async () => {
      const { register, report } = await submitted(await run(photographedTip));
      expect(report).toMatchObject({ attachments: ['photo'], amendments: ['ảnh chụp quán'] });
      expect((await partsOf(register)).attachmentChannels).toEqual([name]);
    }, 120_000);

    it.sequential('adds a photo to a sent report, its caption as the added text', async () => {
      await run((r) => addPhoto(r, crimeTipCode));
      const report = await readParityReport(channel.databaseUrl, crimeTipRegister);
      expect(report?.attachments).toEqual(['photo (follow-up)']);
      expect(report?.follow_ups.at(-1)).toBe('from_reporter: ảnh chụp màn hình chuyển khoản');
    });
  }
});

describe('every channel', () => {
  it('stored the same reports and sent the same receipts and answers as Telegram', () => {
    const reference = results.get('telegram');
    expect(reference?.reports.crimeTip).toMatchObject({
      kind: 'crime_tip',
      category: 'drugs',
      description: tipDescription,
      amendments: [],
      occurred_when: 'today',
      occurred_text: null,
      province_code: '01',
      ward_code: '00004',
      latitude: null,
      people_text: 'Một thanh niên đi xe máy biển 29A1-12345',
      anonymity: 'confidential',
      has_contact: true,
      language: 'vi',
      status: 'submitted',
      attachments: null,
      events: ['submitted'],
      outbox: ['report.submitted'],
      receipts: 1,
    });
    expect(reference?.reports.trafficking).toMatchObject({
      kind: 'trafficking',
      danger_now: true,
      ongoing: true,
      affected: 'family',
      child_involved: 'unknown',
      situation: 'scam_compound',
      country: 'cambodia',
      last_contact_text: '#this_week',
      help_needed: ['rescue', 'return'],
      anonymity: 'anonymous',
      has_contact: false,
      receipts: 1,
    });
    expect(reference?.reports.traffickingInVietNam).toMatchObject({
      kind: 'trafficking',
      danger_now: false,
      affected: 'self',
      child_involved: 'no',
      situation: 'forced_labour',
      country: 'vietnam',
      province_code: '40',
      ward_code: '16702',
      last_contact_text: 'yesterday, one short call',
      help_needed: ['medical'],
      anonymity: 'confidential',
      has_contact: true,
      language: 'en',
    });
    expect(reference?.reports.crimeTipAfterFollowUp?.follow_ups).toEqual([
      `to_reporter (answered): ${officerAsks.question}`,
      'from_reporter: Người bán thường đến lúc 21 giờ, đi xe máy màu đỏ.',
    ]);
    expect(reference?.receipts.length).toBeGreaterThanOrEqual(2);
    for (const [name, result] of results) {
      expect({ channel: name, ...result }).toEqual({ channel: name, ...reference });
    }
    expect([...results.keys()].sort()).toEqual(channels.map(({ name }) => name).sort());
  });
});
