import { describe, expectTypeOf, it } from 'vitest';
import type { CaseSnapshot } from '../../../src/casework/status/case-snapshot.ts';
import type { ReportModel } from '../../../src/platform/database/generated/prisma/models.ts';

describe('CaseSnapshot', () => {
  it('reads only columns of the Report model, as values they hold (checked by tsc)', () => {
    expectTypeOf<keyof CaseSnapshot>().toExtend<keyof ReportModel>();
    expectTypeOf<CaseSnapshot>().toExtend<Pick<ReportModel, keyof CaseSnapshot>>();
  });
});
