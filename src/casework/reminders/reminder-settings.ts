/** When the reminders, warnings and escalations of a legal limit fall (configuration, see the README). */
export interface ReminderSettings {
  /** Reminders to the handlers when this share of a limit has run (default 50 and 80). */
  pointsPercent: readonly number[];
  /** A last reminder this long before the limit. */
  soonMs: number;
  /** The reminder to ask for an extension, this long before the decide limit (not once extended). */
  extensionMs: number;
  /** The unit lead's warning, this long before the limit (for limits over twice as long; else at 80%). */
  warningMs: number;
  /** How far back the first round looks for points already passed. */
  firstLookbackMs: number;
}

export const defaultReminderSettings: ReminderSettings = {
  pointsPercent: [50, 80],
  soonMs: 4 * 3600_000,
  extensionMs: 5 * 86_400_000,
  warningMs: 3 * 86_400_000,
  firstLookbackMs: 7 * 86_400_000,
};
