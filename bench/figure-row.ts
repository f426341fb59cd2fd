/** One line of the bench's table: a figure, its raw limit and ratio where it has one, its target. */
export interface FigureRow {
  figure: string;
  measured: string;
  rawLimit: string;
  ratio: string;
  target: string;
  /** Empty for figures given for reading, without a target. */
  verdict: 'pass' | 'FAIL' | '';
}

/** A figure given for reading, without a target. */
export function row(
  figure: string,
  measured: string,
  rawLimit: string,
  ratio: string,
  target: string,
): FigureRow {
  return { figure, measured, rawLimit, ratio, target, verdict: '' };
}

export function verdict(passed: boolean): 'pass' | 'FAIL' {
  return passed ? 'pass' : 'FAIL';
}

export function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
