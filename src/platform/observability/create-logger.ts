import { type Logger, pino } from 'pino';

/**
 * Field paths that may carry personal data or tip content. pino removes them from every log line,
 * so a careless `log.info({ update })` cannot leak a chat id, a phone or what a citizen wrote.
 */
export const redactedPaths = [
  'chatId',
  '*.chatId',
  'chat_id',
  '*.chat_id',
  'phone',
  '*.phone',
  'phone_number',
  '*.phone_number',
  'text',
  '*.text',
  'caption',
  '*.caption',
  'payload',
  '*.payload',
  'update',
  '*.update',
  'from',
  '*.from',
  'chat',
  '*.chat',
  'contact',
  '*.contact',
  'description',
  '*.description',
  'req.headers.authorization',
  'req.headers["x-telegram-bot-api-secret-token"]',
  'req.headers["x-zevent-signature"]',
  'req.headers["x-bot-api-secret-token"]',
  'req.body',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    { level, redact: { paths: redactedPaths, censor: '[redacted]' }, base: { service: 'tin-bao' } },
    destination as pino.DestinationStream | undefined,
  );
}
