/**
 * Beijing time (Asia/Shanghai): UTC+8 all year (China has had no daylight saving since 1991), so
 * wall-clock times are computed by a fixed offset, whatever the device's or the server's time zone.
 * Dates are `YYYY-MM-DD`, times of day `HH:mm`, instants ISO strings in UTC.
 */

const OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/

/** The Beijing date of an instant. */
export function beijingDate(instant: Date | string): string {
  const ms = (typeof instant === 'string' ? Date.parse(instant) : instant.getTime()) + OFFSET_MS
  return new Date(ms).toISOString().slice(0, 10)
}

/** `HH:mm` of an instant in Beijing. */
export function beijingClock(instant: Date | string): string {
  const ms = (typeof instant === 'string' ? Date.parse(instant) : instant.getTime()) + OFFSET_MS
  return new Date(ms).toISOString().slice(11, 16)
}

/** Whether `date` is a real calendar date written `YYYY-MM-DD`. */
export function isDate(date: unknown): date is string {
  if (typeof date !== 'string') return false
  const m = DATE.exec(date)
  if (!m) return false
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))
  return d.toISOString().slice(0, 10) === date
}

/** Whether `time` is a time of day written `HH:mm` (00:00 to 23:59). */
export function isClock(time: unknown): time is string {
  return typeof time === 'string' && TIME.test(time)
}

/** Minutes since midnight of `HH:mm`; 24:00 is not a time of day here. */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
}

/** The UTC instant (ISO) of a Beijing date at a number of minutes after its midnight. */
export function beijingInstant(date: string, minutes: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - OFFSET_MS + minutes * 60_000).toISOString()
}

/** The Beijing midnight starting `date`, as an instant. */
export function startOfBeijingDay(date: string): string {
  return beijingInstant(date, 0)
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** Whole days from `from` to `to` (both dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY_MS)
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  const day = new Date(`${date}T00:00:00.000Z`).getUTCDay()
  return (day === 0 ? 7 : day) as 1 | 2 | 3 | 4 | 5 | 6 | 7
}

/** The Beijing calendar day, week (Monday to Sunday) or month holding `date`, as dates [first, last]. */
export function periodOf(date: string, period: 'day' | 'week' | 'month'): { first: string; last: string } {
  if (period === 'day') return { first: date, last: date }
  if (period === 'week') {
    const first = addDays(date, 1 - weekdayOf(date))
    return { first, last: addDays(first, 6) }
  }
  const first = `${date.slice(0, 7)}-01`
  const next = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 1)).toISOString().slice(0, 10)
  return { first, last: addDays(next, -1) }
}

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日']

/** 周四 for a date. */
export function weekdayName(date: string): string {
  return `周${WEEKDAYS[weekdayOf(date) - 1]}`
}

/** `11月30日 20:15` in Beijing time, for messages. */
export function chinaTime(iso: string): string {
  const d = new Date(Date.parse(iso) + OFFSET_MS)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
}
