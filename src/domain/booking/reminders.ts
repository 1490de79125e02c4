import { addDays, beijingClock, beijingDate } from '../beijing-time'

/**
 * A booking's reminders: the day before and an hour before its start, each sent only while it is
 * still true. A reminder run late (the server down, WeChat retried) after its time has passed is
 * dropped: none once the slot started, and the day's one not within the last hour (the hour's
 * covers it).
 */

export type ReminderWhich = 'day' | 'hour'

const HOUR_MS = 3_600_000

/** How long before the start each reminder is due. */
export const REMINDER_LEAD_MS: Record<ReminderWhich, number> = { day: 24 * HOUR_MS, hour: HOUR_MS }

/** Whether the reminder may still be sent at `now`. */
export function reminderStillDue(which: ReminderWhich, startsAt: string, now: Date): boolean {
  const until = Date.parse(startsAt) - now.getTime()
  return which === 'day' ? until > REMINDER_LEAD_MS.hour : until > 0
}

/** The reminder's words: 明天10:00 (or 今天, when sent late past midnight) / 1小时后开始. */
export function reminderNote(which: ReminderWhich, startsAt: string, now: Date): string {
  if (which === 'hour') return '1小时后开始，请准时到场'
  const day = beijingDate(startsAt) === beijingDate(now) ? '今天' : beijingDate(startsAt) === addDays(beijingDate(now), 1) ? '明天' : ''
  return `${day}${beijingClock(startsAt)}请准时到场`
}
