// Building a formatter costs far more than using one: it is made once.
const vietnamYear = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' });

/** The calendar year in Viet Nam (Asia/Ho_Chi_Minh): registers are numbered per local year. */
export function registerYear(at: Date): number {
  return Number(vietnamYear.format(at));
}
