import { z } from 'zod';

/** What happened, in the citizen's words: long enough to act on, short enough for one message. */
export const descriptionSchema = z.string().trim().min(10, 'errors.too_short').max(4000, 'errors.too_long');

/** Optional free-text details (people, vehicles, last contact). */
export const optionalDetailsSchema = z
  .string()
  .trim()
  .min(2, 'errors.too_short')
  .max(2000, 'errors.too_long');

export const whenChoices = ['now', 'today', 'yesterday', 'this_week', 'earlier', 'unknown'] as const;
