/**
 * Every code of the application's own errors, with the data its errors carry for the callers
 * that read it (`undefined`: the message says all there is). Platform refusals and network
 * failures are not here: the dispatcher treats them differently (`PlatformRejectedError`,
 * `NetworkError`), and so is a failed transaction of turns (`TurnBatchError`, which names its
 * chats and events).
 */
export interface AppErrorDetails {
  /** The environment does not validate; one line per wrong variable. */
  config: { problems: string[] };
  /** `npm run demo` cannot start; the message is one sentence naming the fix. */
  demo_setup: undefined;
  /** A stored confidential field cannot be decrypted; the message never contains field data. */
  field_decrypt: { failure: 'truncated' | 'unknown-key' | 'tampered' };
  /** A date's year is not in the public holiday list, so whether it is a working day is unknown. */
  holidays_not_covered: { date: string; coveredYears: readonly number[] };
  /** A platform payload that cannot be read at all: quarantined, never retried. */
  malformed_payload: undefined;
  /** Redis may evict keys, so queued jobs could vanish. */
  redis_eviction_policy: { policy: string };
  /** A triage rules file does not validate; the message names the file and each bad rule. */
  triage_rules: undefined;
  /** A reply a channel cannot show (a choice too long for button data, a missing label): a flow's bug. */
  unrenderable_reply: undefined;
  /** The Zalo OA has no usable refresh token until an administrator consents again. */
  zalo_reconsent_required: undefined;
}

export type AppErrorCode = keyof AppErrorDetails;

type AppErrorOptions<C extends AppErrorCode> = AppErrorDetails[C] extends undefined
  ? [options?: { cause?: unknown }]
  : [options: { details: AppErrorDetails[C]; cause?: unknown }];

/**
 * The application's own error: what went wrong is its `code`, the rest is its message (never
 * personal data: logs record it). Its `name` carries the code, so logs and quarantine reasons,
 * which record only the name, still say which failure it was.
 * @example throw new AppError('redis_eviction_policy', 'Redis may evict keys', { details: { policy } })
 */
export class AppError<C extends AppErrorCode = AppErrorCode> extends Error {
  readonly details: AppErrorDetails[C];

  constructor(
    readonly code: C,
    message: string,
    ...[options]: AppErrorOptions<C>
  ) {
    const { details, cause } = (options ?? {}) as { details?: AppErrorDetails[C]; cause?: unknown };
    super(message, cause === undefined ? undefined : { cause });
    this.name = `AppError[${code}]`;
    this.details = details as AppErrorDetails[C];
  }
}

/**
 * Whether `error` is an AppError, of `code` when given.
 * @example if (isAppError(error, 'config')) print(error.details.problems)
 */
export function isAppError<C extends AppErrorCode>(error: unknown, code?: C): error is AppError<C> {
  return error instanceof AppError && (code === undefined || error.code === code);
}
