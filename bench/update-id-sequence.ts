/**
 * Distinct Telegram `update_id`s for one bench run, starting from a random base so two runs (or a
 * rerun against the same database) never collide with the dedupe key.
 */
export class UpdateIdSequence {
  private next = 1_000_000_000 + Math.floor(Math.random() * 1_000_000_000);

  take(): number {
    return this.next++;
  }
}

/** Distinct private chat (user) ids for one bench run, above 2^32 as real user ids now are. */
export class ChatIdSequence {
  private next = 5_000_000_000 + Math.floor(Math.random() * 1_000_000) * 1000;

  take(): number {
    return this.next++;
  }
}
