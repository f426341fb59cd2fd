/** Codes that mean nothing answers at that address: the server is down or the address is wrong. */
const unreachableCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH']);

/**
 * The failure's code and message, looking inside the AggregateError node gives for several addresses,
 * for the sentence of an AppError `demo_setup`. `code` is the error code node or the driver gave
 * (ECONNREFUSED, 28P01…), when there was one.
 */
export function failureOf(error: unknown): {
  code: string | undefined;
  message: string;
  unreachable: boolean;
} {
  const first = error instanceof AggregateError && error.errors[0] !== undefined ? error.errors[0] : error;
  const raw = typeof first === 'object' && first !== null && 'code' in first ? first.code : undefined;
  const code = typeof raw === 'string' ? raw : undefined;
  const message = first instanceof Error ? first.message : String(first);
  return { code, message, unreachable: code !== undefined && unreachableCodes.has(code) };
}

/** `host:port` of a URL, without its user or password, for messages. */
export function serverOf(url: URL, defaultPort: number): string {
  return `${url.hostname}:${url.port || defaultPort}`;
}
