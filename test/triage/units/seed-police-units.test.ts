import { describe, expect, it } from 'vitest';
import { seedPoliceUnits } from '../../../src/triage/units/seed-police-units.ts';
import { usePrivateDatabase } from '../../support/use-private-database.ts';

const database = usePrivateDatabase({ db: 2 });

describe('seedPoliceUnits', () => {
  it('creates the 34 provincial and 3,321 commune units once, and keeps edits on a second run', async () => {
    const { db } = database;
    expect(await seedPoliceUnits(db)).toBe(3355);
    expect(await db.policeUnit.count({ where: { level: 'province' } })).toBe(34);
    expect(await db.policeUnit.findUnique({ where: { id: 'COMM-00004' } })).toMatchObject({
      level: 'commune',
      provinceCode: '01',
      parentId: 'PROV-01',
    });
    await db.policeUnit.update({
      where: { id: 'PROV-01' },
      data: { name: 'Công an thành phố Hà Nội (sửa)' },
    });
    await db.policeUnit.delete({ where: { id: 'COMM-00004' } });
    expect(await seedPoliceUnits(db)).toBe(1);
    expect((await db.policeUnit.findUniqueOrThrow({ where: { id: 'PROV-01' } })).name).toContain('(sửa)');
    expect(await seedPoliceUnits(db)).toBe(0);
  });
});
