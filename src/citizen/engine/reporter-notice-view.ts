/** The notices the law owes a reporter: the written receipt notice and one per decision. */
export type ReporterNoticeKind =
  | 'receipt'
  | 'prosecute'
  | 'no_prosecute'
  | 'administrative'
  | 'suspend'
  | 'resume'
  | 'transfer';

/**
 * What a notice to the reporter says, as it was written: the register number, the unit's name and
 * the date, with the reasons of a decision and the body a transfer went to. Never an officer's
 * name, never the reporter's identity, never the tip.
 */
export interface ReporterNoticeView {
  kind: ReporterNoticeKind;
  registerNumber: string;
  unitName: string;
  at: Date;
  reasons?: string | null | undefined;
  receivingBody?: string | null | undefined;
}
