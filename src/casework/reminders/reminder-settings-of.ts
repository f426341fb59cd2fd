import type { Config } from '../../platform/config/load-config.ts';
import { defaultReminderSettings, type ReminderSettings } from './reminder-settings.ts';

/** The reminder settings the configuration gives (REMINDER_*, ALERT_DEADLINE_LEAD_HOURS). */
export function reminderSettingsOf(config: Config): ReminderSettings {
  return {
    ...defaultReminderSettings,
    pointsPercent: config.REMINDER_POINTS_PERCENT.split(',').map(Number),
    soonMs: config.ALERT_DEADLINE_LEAD_HOURS * 3600_000,
    warningMs: config.REMINDER_WARNING_DAYS * 86_400_000,
    extensionMs: config.REMINDER_EXTENSION_DAYS * 86_400_000,
  };
}
