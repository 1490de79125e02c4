import type { BookingPause } from '../../../types/domain'

/** Three no-shows within 60 days pause the household's booking for 30 days from the third. */
export const NO_SHOW_COUNT = 3
export const NO_SHOW_WINDOW_DAYS = 60
export const PAUSE_DAYS = 30

const DAY_MS = 86_400_000

/**
 * The household's pause, from its no-shows (the slots' starts, any order): walking them oldest
 * first, every third no-show within 60 days of the first of its three starts a 30-day pause, and
 * those three are spent — after a pause the count starts afresh. The pause answered is the latest
 * one still running at `now`; null when none is.
 */
export function pauseOf(noShows: readonly string[], now: Date): BookingPause | null {
  const times = [...noShows].sort((a, b) => Date.parse(a) - Date.parse(b))
  let run: string[] = []
  let latest: BookingPause | null = null
  for (const at of times) {
    run = run.filter((t) => Date.parse(at) - Date.parse(t) <= NO_SHOW_WINDOW_DAYS * DAY_MS)
    run.push(at)
    if (run.length >= NO_SHOW_COUNT) {
      latest = { until: new Date(Date.parse(at) + PAUSE_DAYS * DAY_MS).toISOString(), noShows: run.map((t) => new Date(Date.parse(t)).toISOString()) }
      run = []
    }
  }
  return latest && Date.parse(latest.until) > now.getTime() ? latest : null
}

/**
 * How far back a household's no-shows must be read to decide its pause at `now`: all of them. A
 * pause running now has its three within the last 90 days, but which no-shows an earlier pause spent
 * depends on the ones before them, so a cut at 90 days can find a pause the whole history does not
 * (test/unit/domain/booking-no-shows.test.ts). No-shows are few per household; read them all.
 */
export function noShowLookback(_now: Date): string {
  return new Date(0).toISOString()
}

