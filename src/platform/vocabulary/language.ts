/** The languages the system speaks to citizens, Vietnamese first. */
export const languages = ['vi', 'en'] as const;
export type Language = (typeof languages)[number];
