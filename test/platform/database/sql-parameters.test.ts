import { describe, expect, it } from 'vitest';
import { sqlParameters } from '../../../src/platform/database/sql-parameters.ts';
import { unnestColumns } from '../../../src/platform/database/unnest-columns.ts';

describe('sqlParameters', () => {
  it('numbers placeholders in the order bound, with their types, and keeps the values in that order', () => {
    const p = sqlParameters();
    const ids = p.bind(['a', 'b'], 'uuid[]');
    const now = p.bind(new Date(0), 'timestamptz');
    expect([ids, now]).toEqual(['$1::uuid[]', '$2::timestamptz']);
    expect(p.values).toEqual([['a', 'b'], new Date(0)]);
  });
});

describe('unnestColumns', () => {
  it('writes the names, the selects and the parameters of an unnest insert from one list', () => {
    const p = sqlParameters();
    p.bind(1, 'int');
    const columns = unnestColumns(p, [
      { name: 'id', type: 'uuid[]', values: ['x'] },
      { name: 'kind', type: 'text[]', values: ['tip'], select: 'kind::"ReportKind"' },
    ]);
    expect(columns).toEqual({
      names: 'id, kind',
      selects: 'id, kind::"ReportKind"',
      parameters: '$2::uuid[], $3::text[]',
    });
    expect(p.values).toEqual([1, ['x'], ['tip']]);
  });
});
