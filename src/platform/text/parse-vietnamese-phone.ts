import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';

// What people put between digits: "0912 345 678", "091.234.5678", "(+84) 91-234-5678".
const separators = /[\s.\-()]/g;
// The shapes accepted before libphonenumber decides whether the number range is a mobile one.
// "840912345678" (country code plus trunk 0) is refused: libphonenumber would accept it, but it is
// not a way a mobile number is written or sent by Telegram and Zalo.
const mobileShape = /^(?:0|\+?84)[35789]\d{8}$/;

/**
 * A Vietnamese mobile number in E.164 ("+84912345678"), or null when the text is not one. Accepts
 * "0912345678", "84912345678" and "+84912345678" (the forms chats and platform contacts use) with
 * spaces, dots, dashes or brackets between digits; refuses landlines, foreign numbers and
 * unallocated mobile ranges (libphonenumber's mobile metadata decides).
 */
export function parseVietnamesePhone(input: string): string | null {
  const compact = input.trim().replace(separators, '');
  if (!mobileShape.test(compact)) return null;
  const international = compact.startsWith('0') ? compact : `+${compact.replace(/^\+/, '')}`;
  const phone = parsePhoneNumberFromString(international, 'VN');
  if (phone === undefined || phone.country !== 'VN' || phone.getType() !== 'MOBILE') return null;
  return phone.number;
}
