/** The crime categories a tip is filed under (their labels: `category.<id>` in the locales). */
export const crimeCategories = [
  'drugs',
  'theft',
  'fraud',
  'loan_shark',
  'gambling',
  'violence',
  'sexual_abuse',
  'corruption',
  'other',
] as const;

/** What a trafficking report says happened (`tr.situation.<id>`). */
export const traffickingSituations = [
  'fake_job',
  'scam_compound',
  'forced_labour',
  'sexual_exploitation',
  'forced_marriage',
  'organ_trade',
  'other',
] as const;

/** The help a trafficking report asks for (`tr.help.<id>`). */
export const helpKinds = ['rescue', 'return', 'medical', 'legal', 'protection'] as const;
