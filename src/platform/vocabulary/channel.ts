/** The chat platforms a citizen can report through. Stored as the `Channel` enum in PostgreSQL. */
export type Channel = 'telegram' | 'zalo_oa' | 'zalo_bot' | 'web';
