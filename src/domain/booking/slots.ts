import type { OpeningHours, ScheduleException, Service } from '../../../types/domain'
import { addDays, beijingDate, beijingInstant, daysBetween, minutesOf, weekdayOf } from '../beijing-time'
import { instantProblem } from '../instants'

/** What slot generation reads of a service. */
export type Schedule = Pick<Service, 'hours' | 'exceptions' | 'durationMinutes' | 'bufferMinutes'>

export interface SlotTime {
  startsAt: string
  endsAt: string
}

export interface ScheduledDay {
  date: string
  slots: SlotTime[]
  /** The day has no opening at all: a closed exception (a holiday) without an extra session, or no hours. */
  closed: boolean
  /** The exception's note (国庆节休息, 加开夜间场), if any. */
  note?: string
}

/**
 * The opening windows of one Beijing date, in minutes after midnight: the weekday's hours, unless a
 * `closed` exception names the date, plus the date's `extra` sessions.
 */
export function windowsOf(schedule: Pick<Service, 'hours' | 'exceptions'>, date: string): { windows: Array<[number, number]>; closedBy?: ScheduleException; notes: string[] } {
  const exceptions = schedule.exceptions.filter((e) => e.date === date)
  const closedBy = exceptions.find((e) => e.kind === 'closed')
  const weekly: OpeningHours[] = closedBy ? [] : schedule.hours.filter((h) => h.weekday === weekdayOf(date))
  const windows: Array<[number, number]> = weekly.map((h) => [minutesOf(h.start), minutesOf(h.end)])
  for (const e of exceptions) if (e.kind === 'extra') windows.push([minutesOf(e.start), minutesOf(e.end)])
  windows.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  return { windows, ...(closedBy ? { closedBy } : {}), notes: exceptions.map((e) => e.note).filter((n) => n.length > 0) }
}

/**
 * The slots of one Beijing date: in each window, one every duration + buffer from its start while
 * the slot (not its buffer) ends by the window's end. A slot that would overlap one already placed,
 * or its buffer (overlapping or touching windows), is left out, so seats are never counted twice and
 * the provider keeps the buffer between any two slots.
 */
export function slotsOfDay(schedule: Schedule, date: string): ScheduledDay {
  const { windows, notes } = windowsOf(schedule, date)
  const step = schedule.durationMinutes + schedule.bufferMinutes
  const starts: number[] = []
  if (schedule.durationMinutes > 0) {
    for (const [open, close] of windows) {
      for (let t = open; t + schedule.durationMinutes <= close; t += step) {
        const last = starts[starts.length - 1]
        if (last !== undefined && t < last + step) continue
        starts.push(t)
      }
    }
  }
  starts.sort((a, b) => a - b)
  const slots = starts.map((t) => ({ startsAt: beijingInstant(date, t), endsAt: beijingInstant(date, t + schedule.durationMinutes) }))
  return { date, slots, closed: windows.length === 0, ...(notes.length ? { note: notes.join('；') } : {}) }
}

/** The days from `from` to `to` (inclusive). */
export function slotsOfDays(schedule: Schedule, from: string, to: string): ScheduledDay[] {
  const days: ScheduledDay[] = []
  const count = daysBetween(from, to)
  for (let i = 0; i <= count; i++) days.push(slotsOfDay(schedule, addDays(from, i)))
  return days
}

/** The slot starting at `startsAt` (an ISO instant with Z or an offset), if the schedule has one. */
export function slotAt(schedule: Schedule, startsAt: string): SlotTime | null {
  // An instant as the API takes it (domain/instants.ts): with its offset (without one, Date.parse
  // would read the server's local time), a real date (Date.parse reads 2026-04-31 as 1 May), years 2000–2100.
  if (instantProblem(startsAt) !== null) return null
  const ms = Date.parse(startsAt)
  if (Number.isNaN(ms)) return null
  const normal = new Date(ms).toISOString()
  return slotsOfDay(schedule, beijingDate(normal)).slots.find((s) => s.startsAt === normal) ?? null
}

/** The most days one slot query may span. */
export const MAX_QUERY_DAYS = 31
