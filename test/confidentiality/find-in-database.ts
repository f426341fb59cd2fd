import type { Database } from '../../src/platform/database/create-database-client.ts';

/**
 * Every `table.column` of the public schema holding `needle`: in text-like columns as text
 * (case-insensitive, JSON included), in bytea columns as its UTF-8 bytes, so plaintext stored as
 * bytes is found too while encrypted values are not.
 */
export async function findInDatabase(db: Database, needle: string): Promise<string[]> {
  const columns = await db.$queryRaw<
    {
      table_name: string;
      column_name: string;
      data_type: string;
      quoted_table: string;
      quoted_column: string;
    }[]
  >`
    SELECT c.table_name, c.column_name, c.data_type,
           quote_ident(c.table_name) AS quoted_table, quote_ident(c.column_name) AS quoted_column
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
      AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'bytea', 'ARRAY', 'USER-DEFINED')
    ORDER BY 1, 2`;
  const found: string[] = [];
  for (const {
    table_name: table,
    column_name: column,
    data_type: type,
    quoted_table,
    quoted_column,
  } of columns) {
    const condition =
      type === 'bytea'
        ? `position(convert_to($1, 'UTF8') IN ${quoted_column}) > 0`
        : `strpos(lower(${quoted_column}::text), lower($1)) > 0`;
    const rows = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${quoted_table} WHERE ${condition}`,
      needle,
    );
    if ((rows[0]?.n ?? 0) > 0) found.push(`${table}.${column}`);
  }
  return found;
}
