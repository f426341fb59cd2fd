/**
 * The fields of a report that triage reads. A Prisma `Report` row fits it; tests may leave out
 * what does not matter to them.
 */
export interface TriageReport {
  kind: 'crime_tip' | 'trafficking';
  category: string;
  description: string;
  /** Information added after submission; searched for keywords like the description. */
  amendments?: readonly string[] | undefined;
  peopleText?: string | null | undefined;
  dangerNow?: boolean | undefined;
  ongoing?: boolean | undefined;
  /** `yes`, `no` or `unknown` (trafficking flow). */
  childInvolved?: string | null | undefined;
  situation?: string | null | undefined;
  helpNeeded?: readonly string[] | undefined;
  provinceCode?: string | null | undefined;
  wardCode?: string | null | undefined;
  latitude?: number | null | undefined;
  longitude?: number | null | undefined;
  /** `vietnam`, a country id, `custom:<name>` or `unknown` (trafficking flow). */
  country?: string | null | undefined;
}
