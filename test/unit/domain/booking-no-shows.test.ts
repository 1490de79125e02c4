import { NO_SHOW_COUNT, NO_SHOW_WINDOW_DAYS, noShowLookback, PAUSE_DAYS, pauseOf } from '../../../src/domain/booking/no-shows'

const DAY = 86_400_000
/** Tuesday 1 September 2026, 10:00 Beijing: the first no-show's slot. */
const T0 = Date.parse('2026-09-01T02:00:00.000Z')
const day = (n: number, extraMs = 0) => new Date(T0 + n * DAY + extraMs).toISOString()
const when = (n: number, extraMs = 0) => new Date(T0 + n * DAY + extraMs)

describe('the rule', () => {
  it('is three no-shows within 60 days, pausing 30 days', () => {
    expect([NO_SHOW_COUNT, NO_SHOW_WINDOW_DAYS, PAUSE_DAYS]).toEqual([3, 60, 30])
  })
})

describe('pauseOf', () => {
  it('no no-shows, one, or two: no pause', () => {
    expect(pauseOf([], when(0))).toBeNull()
    expect(pauseOf([day(0)], when(1))).toBeNull()
    expect(pauseOf([day(0), day(1)], when(2))).toBeNull()
  })

  it('three within 60 days pause the household for 30 days from the third', () => {
    expect(pauseOf([day(0), day(20), day(40)], when(41))).toEqual({ until: day(70), noShows: [day(0), day(20), day(40)] })
  })

  it('three exactly 60 days apart (first to third) still count; a millisecond more does not', () => {
    expect(pauseOf([day(0), day(30), day(60)], when(61))).toEqual({ until: day(90), noShows: [day(0), day(30), day(60)] })
    expect(pauseOf([day(0), day(30), day(60, 1)], when(61))).toBeNull()
  })

  it('three spanning 61 days: no pause', () => {
    expect(pauseOf([day(0), day(30), day(61)], when(62))).toBeNull()
  })

  it('the pause runs until its end, not at it', () => {
    const noShows = [day(0), day(1), day(2)]
    expect(pauseOf(noShows, when(2))?.until).toBe(day(32)) // at the third no-show itself
    expect(pauseOf(noShows, when(32, -1))?.until).toBe(day(32))
    expect(pauseOf(noShows, when(32))).toBeNull()
    expect(pauseOf(noShows, when(100))).toBeNull() // ended long before now
  })

  it('compares only the pause’s end with now (the no-shows given are the ones already marked)', () => {
    expect(pauseOf([day(0), day(1), day(2)], when(-5))).toEqual({ until: day(32), noShows: [day(0), day(1), day(2)] })
  })

  it('those three are spent: a fourth right after the pause ends does not pause again', () => {
    const noShows = [day(0), day(1), day(2), day(33)]
    expect(pauseOf(noShows, when(33))).toBeNull()
    expect(pauseOf([...noShows, day(34)], when(34))).toBeNull()
    // a fresh three does
    expect(pauseOf([...noShows, day(34), day(35)], when(35))).toEqual({ until: day(65), noShows: [day(33), day(34), day(35)] })
  })

  it('no-shows during a pause (of bookings made before it) start the next count', () => {
    const noShows = [day(0), day(1), day(2), day(3), day(4), day(5)]
    expect(pauseOf(noShows, when(6))).toEqual({ until: day(35), noShows: [day(3), day(4), day(5)] })
    expect(pauseOf(noShows.slice(0, 5), when(6))).toEqual({ until: day(32), noShows: [day(0), day(1), day(2)] })
  })

  it('the window slides: an old no-show drops out and later ones still make three', () => {
    const noShows = [day(0), day(50), day(70), day(100)]
    // at day 70: day 0 is 70 days old, so only [50, 70]; at 100: [50, 70, 100] — 50 days from 50 to 100
    expect(pauseOf(noShows, when(100))).toEqual({ until: day(130), noShows: [day(50), day(70), day(100)] })
    expect(pauseOf(noShows.slice(0, 3), when(70))).toBeNull()
  })

  it('reads the no-shows in any order, and answers them oldest first, normalised', () => {
    const sorted = pauseOf([day(0), day(20), day(40)], when(41))
    expect(pauseOf([day(40), day(0), day(20)], when(41))).toEqual(sorted)
    expect(pauseOf([day(20), day(40), day(0)], when(41))).toEqual(sorted)
    expect(pauseOf(['2026-10-11T10:00:00+08:00', '2026-09-01T10:00:00+08:00', '2026-09-21T10:00:00+08:00'], when(41))).toEqual(sorted)
  })

  it('two no-shows in one slot (two seats booked, nobody came) count twice', () => {
    expect(pauseOf([day(0), day(0), day(1)], when(1))).toEqual({ until: day(31), noShows: [day(0), day(0), day(1)] })
  })

  it('does not mutate its input', () => {
    const noShows = [day(40), day(0), day(20)]
    pauseOf(noShows, when(41))
    expect(noShows).toEqual([day(40), day(0), day(20)])
  })
})

describe('noShowLookback', () => {
  it('reads the whole history: a cut at 90 days (60 + 30) would find a pause the whole history does not', () => {
    const now = when(100)
    // Days 5, 15 and 60: three within 55 days → a pause, ended at day 90; two more since (95, 97): no pause now.
    const all = [day(5), day(15), day(60), day(95), day(97)]
    expect(pauseOf(all, now)).toBeNull()
    // Cut 90 days back, day 5 goes: 15, 60, 95 are not within 60 days, so 60, 95, 97 would look like a fresh three.
    const ninetyDaysBack = new Date(now.getTime() - 90 * DAY).toISOString()
    const recent = all.filter((t) => t >= ninetyDaysBack)
    expect(recent).toEqual([day(15), day(60), day(95), day(97)])
    expect(pauseOf(recent, now)).toEqual({ until: day(127), noShows: [day(60), day(95), day(97)] })
    // so the lookback keeps them all
    expect(noShowLookback(now)).toBe('1970-01-01T00:00:00.000Z')
    expect(pauseOf(all.filter((t) => t >= noShowLookback(now)), now)).toBeNull()
  })
})
