import { z } from 'zod';
import { normalizeReceiptCode } from '../../platform/vocabulary/receipt-code.ts';

/** A typed receipt code, forgiving of case, spaces, dashes and O/0, I/1 confusions. */
export const receiptCodeSchema = z.string().transform((text, ctx) => {
  const canonical = normalizeReceiptCode(text);
  if (canonical === null) {
    ctx.addIssue({ code: 'custom', message: 'status.bad_format' });
    return z.NEVER;
  }
  return canonical;
});
