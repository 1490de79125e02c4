/**
 * What counts as an instant or a date the API takes: an ISO 8601 instant with its offset
 * (`2026-11-21T08:30:00.000Z`, `2026-11-21T16:30+08:00`) or a date (`2026-11-21`), a real calendar
 * day, inside years 2000–2100. `Date.parse` alone is not the rule: it reads `"0"` as 2000, `"2030"`
 * as a year, texts like "Tue Dec 01 2026", and years past 9999 that PostgreSQL cannot store. The
 * same on every adapter: the server's schemas (format `date-time` / `date`, a 400) and the domain's
 * validators (the memory backend) both ask this module.
 */

export type InstantProblem = 'format' | 'range'

/** The first and last year an instant or date may fall in (UTC for an instant). */
export const INSTANT_YEARS = { first: 2000, last: 2100 } as const

export const INSTANT_MESSAGES: Record<InstantProblem, string> = { format: '时间格式不正确', range: '时间超出范围' }
export const DATE_MESSAGES: Record<InstantProblem, string> = { format: '日期格式应为 YYYY-MM-DD', range: '日期超出范围' }

const FIRST_MS = Date.UTC(INSTANT_YEARS.first, 0, 1)
const END_MS = Date.UTC(INSTANT_YEARS.last + 1, 0, 1)

// A year of four digits, or the expanded six of ISO 8601 (`+010000`): well-formed, out of range.
const YEAR = '(\\d{4}|[+-]\\d{6})'
const INSTANT = new RegExp(`^${YEAR}-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?(?:(Z)|([+-])(\\d{2}):(\\d{2}))$`)
const DATE = new RegExp(`^${YEAR}-(\\d{2})-(\\d{2})$`)

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

const isDay = (year: number, month: number, day: number) => month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month)
const inYears = (year: number) => year >= INSTANT_YEARS.first && year <= INSTANT_YEARS.last

/** Null for a well-formed instant inside the window; else what is wrong with it. */
export function instantProblem(value: unknown): InstantProblem | null {
  const m = typeof value === 'string' ? INSTANT.exec(value) : null
  if (!m) return 'format'
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number)
  if (!isDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return 'format'
  const offsetHours = m[9] === undefined ? 0 : Number(m[10])
  const offsetMinutes = m[9] === undefined ? 0 : Number(m[11])
  if (offsetHours > 23 || offsetMinutes > 59) return 'format'
  // Far outside the window: no arithmetic needed (Date.UTC reads years 0–99 as 1900–1999).
  if (year < INSTANT_YEARS.first - 1 || year > INSTANT_YEARS.last + 1) return 'range'
  const offset = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3))) - offset
  return ms >= FIRST_MS && ms < END_MS ? null : 'range'
}

/** Null for a real calendar date `YYYY-MM-DD` inside the window; else what is wrong with it. */
export function dateProblem(value: unknown): InstantProblem | null {
  const m = typeof value === 'string' ? DATE.exec(value) : null
  if (!m) return 'format'
  const [year, month, day] = [m[1], m[2], m[3]].map(Number)
  if (!isDay(year, month, day)) return 'format'
  return inYears(year) ? null : 'range'
}
