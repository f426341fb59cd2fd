/**
 * True when a failure says the database could not be used right now (connection refused or lost,
 * pool timeout, shutdown, serialization conflict), as opposed to a bug in handling the data. Work
 * that failed transiently is retried later; anything else is quarantined so it cannot block a chat.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause && depth < 5; depth++) {
    if (typeof cause !== 'object') break;
    const record = cause as { code?: unknown; message?: unknown; cause?: unknown; name?: unknown };
    const code = typeof record.code === 'string' ? record.code : '';
    // Prisma: P1001 unreachable, P1002 timeout, P1008 operation timeout, P1017 connection closed,
    // P2024 pool timeout, P2034 write conflict / deadlock. PostgreSQL: class 08 connection,
    // 57P admin shutdown, 40 transaction rollback, 53 insufficient resources. Node socket errors.
    if (/^P(1001|1002|1008|1017|2024|2034)$/.test(code)) return true;
    // 57014: a statement or idle-transaction timeout (a stuck connection, not bad data).
    if (/^(08|57P|57014|40|53)/.test(code)) return true;
    if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)$/.test(code)) return true;
    const message = typeof record.message === 'string' ? record.message : '';
    if (
      /connect(ion)? (refused|terminated|timeout|closed)|Connection terminated|timeout exceeded when trying to connect|DatabaseNotReachable|Can't reach database|not queryable|Client was closed/i.test(
        message,
      )
    ) {
      return true;
    }
    cause = record.cause;
  }
  return false;
}
