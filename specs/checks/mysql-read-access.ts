// Whether the connected MySQL/MariaDB user may read the configured database. A user can connect
// to a database it holds any privilege on (INSERT alone will do) and see its tables listed, yet
// not read a row; a source needs SELECT.
import type mysql from "mysql2/promise";

export interface ReadAccess {
  /** Tables (and views) of the database the user can see. */
  tables: number;
  readable: boolean;
}

// The account the server matched, as information_schema writes grantees: 'user'@'host' (the table
// reader of specs/execute filters its entities by it too).
export const GRANTEE = `CONCAT("'", LEFT(CURRENT_USER(), CHAR_LENGTH(CURRENT_USER()) - CHAR_LENGTH(SUBSTRING_INDEX(CURRENT_USER(), '@', -1)) - 1), "'@'", SUBSTRING_INDEX(CURRENT_USER(), '@', -1), "'")`;

// SELECT granted globally, on the database (a grant may name it by a LIKE pattern such as
// `app\_%`), or on any of its tables or columns.
const PRIVILEGES = `
  SELECT
    (SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?) AS tables,
    (SELECT COUNT(*) FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = ${GRANTEE} AND PRIVILEGE_TYPE = 'SELECT')
    + (SELECT COUNT(*) FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE = ${GRANTEE} AND PRIVILEGE_TYPE = 'SELECT' AND ? LIKE TABLE_SCHEMA)
    + (SELECT COUNT(*) FROM information_schema.TABLE_PRIVILEGES WHERE GRANTEE = ${GRANTEE} AND PRIVILEGE_TYPE = 'SELECT' AND TABLE_SCHEMA = ?)
    + (SELECT COUNT(*) FROM information_schema.COLUMN_PRIVILEGES WHERE GRANTEE = ${GRANTEE} AND PRIVILEGE_TYPE = 'SELECT' AND TABLE_SCHEMA = ?)
    AS grants`;

const DENIED = new Set(["ER_TABLEACCESS_DENIED_ERROR", "ER_COLUMNACCESS_DENIED_ERROR", "ER_DBACCESS_DENIED_ERROR"]);

export async function readAccess(connection: mysql.Connection, database: string, timeoutMs: number): Promise<ReadAccess> {
  const [rows] = await connection.query({ sql: PRIVILEGES, values: [database, database, database, database], timeout: timeoutMs });
  const { tables, grants } = (rows as Array<{ tables: number | string; grants: number | string }>)[0];
  const visible = Number(tables);
  if (Number(grants) > 0) return { tables: visible, readable: true };
  // Privileges held through a role are not listed under the user's own name; reading one
  // visible table settles it. With no table to try, no SELECT grant means no read access.
  if (visible === 0) return { tables: 0, readable: false };
  const [first] = await connection.query({
    sql: "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_TYPE = 'BASE TABLE' DESC, TABLE_NAME LIMIT 1",
    values: [database],
    timeout: timeoutMs,
  });
  const table = (first as Array<{ name: string }>)[0]?.name;
  try {
    await connection.query({ sql: "SELECT 1 FROM ??.?? LIMIT 0", values: [database, table], timeout: timeoutMs });
    return { tables: visible, readable: true };
  } catch (error: any) {
    if (DENIED.has(error?.code)) return { tables: visible, readable: false };
    throw error;
  }
}
