import { describe, expectTypeOf, it } from 'vitest';
import type { CaseColumns } from '../../../src/casework/status/case-plan.ts';
import type { ReportModel } from '../../../src/platform/database/generated/prisma/models.ts';

describe('CaseColumns', () => {
  it('names only columns of the Report model, with values they take (checked by tsc)', () => {
    expectTypeOf<keyof CaseColumns>().toExtend<keyof ReportModel>();
    expectTypeOf<CaseColumns>().toExtend<Partial<ReportModel>>();
  });
});
