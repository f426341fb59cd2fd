import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDatabaseClient,
  type Database,
} from '../../../src/platform/database/create-database-client.ts';
import { seedPoliceUnits } from '../../../src/triage/units/seed-police-units.ts';
import { createPrivateDatabase, type PrivateDatabase } from '../../support/private-database.ts';

let database: PrivateDatabase;
let db: Database;
beforeAll(async () => {
  database = await createPrivateDatabase();
  db = createDatabaseClient(database.url, 2);
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe('seedPoliceUnits', () => {
  it('creates the 34 provincial and 3,321 commune units once, and keeps edits on a second run', async () => {
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
