import type { OpeningHours, ScheduleException } from '../../../types/domain'
import { MAX_QUERY_DAYS, slotAt, slotsOfDay, slotsOfDays, windowsOf, type Schedule } from '../../../src/domain/booking/slots'

/**
 * Slots from weekly hours, in Beijing wall-clock time. Expected instants are written by hand in UTC
 * (Beijing − 8 h): 09:00 Beijing is 01:00Z the same day, 00:30 Beijing is 16:30Z the day before.
 */

const schedule = (hours: OpeningHours[], exceptions: ScheduleException[] = [], durationMinutes = 30, bufferMinutes = 10): Schedule => ({
  hours,
  exceptions,
  durationMinutes,
  bufferMinutes,
})

const starts = (s: Schedule, date: string) => slotsOfDay(s, date).slots.map((x) => x.startsAt)

/** The lawyer: Thursday and Friday 09:00–11:30, 30-minute slots, 10 minutes between them. */
const LAWYER = schedule(
  [
    { weekday: 4, start: '09:00', end: '11:30' },
    { weekday: 5, start: '09:00', end: '11:30' },
  ],
  [{ date: '2026-10-01', kind: 'closed', note: '国庆节休息' }],
)

describe('slotsOfDay: duration and buffer', () => {
  it('places a slot every duration + buffer while the slot itself ends by the close (its buffer may run past it)', () => {
    // 09:00, 09:40, 10:20, 11:00 — 11:00 + 30 ends at 11:30 exactly, which fits; its buffer is after the close.
    expect(slotsOfDay(LAWYER, '2026-10-08')).toEqual({
      date: '2026-10-08',
      closed: false,
      slots: [
        { startsAt: '2026-10-08T01:00:00.000Z', endsAt: '2026-10-08T01:30:00.000Z' },
        { startsAt: '2026-10-08T01:40:00.000Z', endsAt: '2026-10-08T02:10:00.000Z' },
        { startsAt: '2026-10-08T02:20:00.000Z', endsAt: '2026-10-08T02:50:00.000Z' },
        { startsAt: '2026-10-08T03:00:00.000Z', endsAt: '2026-10-08T03:30:00.000Z' },
      ],
    })
  })

  it('leaves out a slot that would end after the close by a minute', () => {
    const s = schedule([{ weekday: 4, start: '09:00', end: '11:29' }])
    expect(starts(s, '2026-10-08')).toEqual(['2026-10-08T01:00:00.000Z', '2026-10-08T01:40:00.000Z', '2026-10-08T02:20:00.000Z'])
    const s2 = schedule([{ weekday: 4, start: '09:00', end: '11:20' }])
    expect(starts(s2, '2026-10-08')).toEqual(['2026-10-08T01:00:00.000Z', '2026-10-08T01:40:00.000Z', '2026-10-08T02:20:00.000Z'])
  })

  it.each([
    // [duration, buffer, window, Beijing starts]
    [30, 0, ['09:00', '11:00'], ['09:00', '09:30', '10:00', '10:30']],
    [60, 0, ['09:00', '11:00'], ['09:00', '10:00']],
    [60, 15, ['09:00', '11:00'], ['09:00']], // 10:15 + 60 = 11:15 > 11:00
    [60, 15, ['09:00', '11:15'], ['09:00', '10:15']],
    [45, 15, ['14:00', '17:00'], ['14:00', '15:00', '16:00']], // 16:00 + 45 = 16:45
    [120, 0, ['09:00', '10:00'], []], // a slot longer than the window
    [60, 0, ['09:00', '10:00'], ['09:00']], // exactly one
    [10, 5, ['23:30', '23:59'], ['23:30', '23:45']], // 23:45 + 10 = 23:55 ≤ 23:59
  ] as const)('%i-minute slots with a %i-minute buffer in %j start at %j', (duration, buffer, [start, end], expected) => {
    const s = schedule([{ weekday: 1, start, end }], [], duration, buffer)
    const got = slotsOfDay(s, '2026-11-30').slots.map((x) => x.startsAt)
    const want = expected.map((t) => {
      const [h, m] = t.split(':').map(Number)
      return new Date(Date.UTC(2026, 10, 30, h - 8, m)).toISOString()
    })
    expect(got).toEqual(want)
    for (const slot of slotsOfDay(s, '2026-11-30').slots) expect(Date.parse(slot.endsAt) - Date.parse(slot.startsAt)).toBe(duration * 60_000)
  })

  it('gives no slots when the duration is 0 (a service not set up), though the day has hours', () => {
    expect(slotsOfDay(schedule([{ weekday: 1, start: '09:00', end: '11:00' }], [], 0, 0), '2026-11-30')).toEqual({ date: '2026-11-30', slots: [], closed: false })
  })

  it('puts a slot before 08:00 Beijing on the previous UTC date', () => {
    const s = schedule([{ weekday: 2, start: '07:00', end: '08:30' }], [], 30, 0)
    expect(starts(s, '2026-12-01')).toEqual(['2026-11-30T23:00:00.000Z', '2026-11-30T23:30:00.000Z', '2026-12-01T00:00:00.000Z'])
  })

  it('starts a Monday 00:00 slot at 16:00Z on the Sunday', () => {
    const s = schedule([{ weekday: 1, start: '00:00', end: '00:30' }], [], 30, 0)
    expect(slotsOfDay(s, '2026-11-30').slots).toEqual([{ startsAt: '2026-11-29T16:00:00.000Z', endsAt: '2026-11-29T16:30:00.000Z' }])
  })
})

describe('slotsOfDay: weekdays, holidays and extra sessions', () => {
  it('a weekday without hours is closed with no slots', () => {
    expect(slotsOfDay(LAWYER, '2026-10-05')).toEqual({ date: '2026-10-05', slots: [], closed: true }) // Monday
    expect(slotsOfDay(LAWYER, '2026-10-04')).toEqual({ date: '2026-10-04', slots: [], closed: true }) // Sunday
  })

  it('a closed exception (国庆节, Thursday 1 October 2026) removes that day’s slots; the next day keeps its own', () => {
    expect(slotsOfDay(LAWYER, '2026-10-01')).toEqual({ date: '2026-10-01', slots: [], closed: true, note: '国庆节休息' })
    expect(starts(LAWYER, '2026-10-02')).toEqual(['2026-10-02T01:00:00.000Z', '2026-10-02T01:40:00.000Z', '2026-10-02T02:20:00.000Z', '2026-10-02T03:00:00.000Z'])
    expect(slotsOfDay(LAWYER, '2026-10-02').closed).toBe(false)
    // and the Thursday before and after are untouched
    expect(starts(LAWYER, '2026-09-24')).toHaveLength(4)
    expect(starts(LAWYER, '2026-10-08')).toHaveLength(4)
  })

  it('an extra session opens a weekday that has no hours, with its note', () => {
    const s = schedule(LAWYER.hours, [{ date: '2026-10-10', kind: 'extra', start: '14:00', end: '15:30', note: '国庆调休加开' }])
    expect(slotsOfDay(s, '2026-10-10')).toEqual({
      date: '2026-10-10', // a Saturday
      closed: false,
      note: '国庆调休加开',
      slots: [
        { startsAt: '2026-10-10T06:00:00.000Z', endsAt: '2026-10-10T06:30:00.000Z' },
        { startsAt: '2026-10-10T06:40:00.000Z', endsAt: '2026-10-10T07:10:00.000Z' },
      ],
    })
    // only that date
    expect(slotsOfDay(s, '2026-10-17').slots).toEqual([])
  })

  it('an extra session adds to the weekday’s own hours', () => {
    const s = schedule(LAWYER.hours, [{ date: '2026-10-08', kind: 'extra', start: '19:00', end: '20:00', note: '加开夜间场' }])
    expect(starts(s, '2026-10-08')).toEqual([
      '2026-10-08T01:00:00.000Z',
      '2026-10-08T01:40:00.000Z',
      '2026-10-08T02:20:00.000Z',
      '2026-10-08T03:00:00.000Z',
      '2026-10-08T11:00:00.000Z', // 19:00; 19:40 + 30 = 20:10 would end after 20:00
    ])
    expect(slotsOfDay(s, '2026-10-08').note).toBe('加开夜间场')
  })

  it('a closed day with an extra session keeps only the extra session, and is not shown as closed', () => {
    const s = schedule(LAWYER.hours, [
      { date: '2026-10-01', kind: 'closed', note: '国庆节休息' },
      { date: '2026-10-01', kind: 'extra', start: '19:00', end: '19:30', note: '加开夜间场' },
    ])
    expect(slotsOfDay(s, '2026-10-01')).toEqual({
      date: '2026-10-01',
      closed: false,
      note: '国庆节休息；加开夜间场',
      slots: [{ startsAt: '2026-10-01T11:00:00.000Z', endsAt: '2026-10-01T11:30:00.000Z' }],
    })
  })

  it('an exception with an empty note adds no note', () => {
    const s = schedule(LAWYER.hours, [{ date: '2026-10-08', kind: 'closed', note: '' }])
    expect(slotsOfDay(s, '2026-10-08')).toEqual({ date: '2026-10-08', slots: [], closed: true })
  })

  it('a leap day has its weekday’s hours (Tuesday 29 February 2028)', () => {
    const s = schedule([{ weekday: 2, start: '09:00', end: '10:00' }], [], 30, 0)
    expect(starts(s, '2028-02-29')).toEqual(['2028-02-29T01:00:00.000Z', '2028-02-29T01:30:00.000Z'])
    expect(starts(s, '2028-03-01')).toEqual([])
  })
})

describe('slotsOfDay: overlapping windows', () => {
  it('never gives overlapping slots, and keeps the buffer after the slot placed before', () => {
    // 09:00–10:30 gives 09:00, 09:40; 10:00–12:00 would give 10:00 (inside 09:40's buffer: left out), 10:40, 11:20.
    const s = schedule([
      { weekday: 1, start: '10:00', end: '12:00' },
      { weekday: 1, start: '09:00', end: '10:30' },
    ])
    expect(starts(s, '2026-11-30')).toEqual(['2026-11-30T01:00:00.000Z', '2026-11-30T01:40:00.000Z', '2026-11-30T02:40:00.000Z', '2026-11-30T03:20:00.000Z'])
  })

  it('keeps the buffer between touching windows (an extra session right after the hours)', () => {
    // 09:00–10:00 with 50 + 10: 09:00–09:50; the extra 09:50–11:50 may not start at 09:50 but at 10:50.
    const s = schedule([{ weekday: 1, start: '09:00', end: '10:00' }], [{ date: '2026-11-30', kind: 'extra', start: '09:50', end: '11:50', note: '' }], 50, 10)
    expect(starts(s, '2026-11-30')).toEqual(['2026-11-30T01:00:00.000Z', '2026-11-30T02:50:00.000Z'])
  })

  it('a window inside another adds nothing', () => {
    const s = schedule([
      { weekday: 1, start: '09:00', end: '12:00' },
      { weekday: 1, start: '09:30', end: '10:30' },
    ])
    expect(starts(s, '2026-11-30')).toEqual(starts(schedule([{ weekday: 1, start: '09:00', end: '12:00' }]), '2026-11-30'))
  })

  it('the same hours written twice give each slot once', () => {
    const once = schedule([{ weekday: 1, start: '09:00', end: '11:30' }])
    const twice = schedule([once.hours[0], once.hours[0]], [{ date: '2026-11-30', kind: 'extra', start: '09:00', end: '11:30', note: '' }])
    expect(slotsOfDay(twice, '2026-11-30').slots).toEqual(slotsOfDay(once, '2026-11-30').slots)
  })

  it('windows far apart keep their own grids', () => {
    const s = schedule([
      { weekday: 1, start: '14:00', end: '15:00' },
      { weekday: 1, start: '09:00', end: '10:00' },
    ])
    // 09:40 and 14:40 would end at 10:10 and 15:10, after their windows
    expect(starts(s, '2026-11-30')).toEqual(['2026-11-30T01:00:00.000Z', '2026-11-30T06:00:00.000Z'])
  })

  it.each([0, 5, 10, 25])('with any buffer (%i) no two slots of a day overlap and each is the duration long', (buffer) => {
    const s = schedule(
      [
        { weekday: 1, start: '08:15', end: '12:00' },
        { weekday: 1, start: '09:05', end: '13:10' },
        { weekday: 1, start: '11:55', end: '18:00' },
      ],
      [{ date: '2026-11-30', kind: 'extra', start: '10:10', end: '20:00', note: '' }],
      35,
      buffer,
    )
    const slots = slotsOfDay(s, '2026-11-30').slots
    expect(slots.length).toBeGreaterThan(10)
    for (let i = 1; i < slots.length; i++) expect(Date.parse(slots[i].startsAt)).toBeGreaterThanOrEqual(Date.parse(slots[i - 1].endsAt) + buffer * 60_000)
  })
})

describe('windowsOf', () => {
  it('answers the windows in order, the closing exception and the notes', () => {
    const s = {
      hours: [
        { weekday: 4, start: '14:00', end: '16:00' },
        { weekday: 4, start: '09:00', end: '11:30' },
      ] as OpeningHours[],
      exceptions: [{ date: '2026-10-08', kind: 'extra', start: '08:00', end: '08:30', note: '加开' }] as ScheduleException[],
    }
    expect(windowsOf(s, '2026-10-08')).toEqual({
      windows: [
        [480, 510],
        [540, 690],
        [840, 960],
      ],
      notes: ['加开'],
    })
    const closed: ScheduleException = { date: '2026-10-01', kind: 'closed', note: '国庆节休息' }
    expect(windowsOf({ ...s, exceptions: [closed] }, '2026-10-01')).toEqual({ windows: [], closedBy: closed, notes: ['国庆节休息'] })
  })
})

describe('slotsOfDays', () => {
  it('answers each date from the first to the last, across the holiday', () => {
    const days = slotsOfDays(LAWYER, '2026-09-30', '2026-10-02')
    expect(days.map((d) => [d.date, d.closed, d.slots.length, d.note])).toEqual([
      ['2026-09-30', true, 0, undefined],
      ['2026-10-01', true, 0, '国庆节休息'],
      ['2026-10-02', false, 4, undefined],
    ])
  })

  it('crosses a year’s end and a leap day', () => {
    expect(slotsOfDays(LAWYER, '2026-12-30', '2027-01-02').map((d) => [d.date, d.slots.length])).toEqual([
      ['2026-12-30', 0],
      ['2026-12-31', 4], // Thursday
      ['2027-01-01', 4], // Friday (no 元旦 exception written)
      ['2027-01-02', 0],
    ])
    expect(slotsOfDays(LAWYER, '2028-02-28', '2028-03-02').map((d) => d.date)).toEqual(['2028-02-28', '2028-02-29', '2028-03-01', '2028-03-02'])
  })

  it('one day when first and last are the same; none when the last is before the first', () => {
    expect(slotsOfDays(LAWYER, '2026-10-08', '2026-10-08').map((d) => d.date)).toEqual(['2026-10-08'])
    expect(slotsOfDays(LAWYER, '2026-10-08', '2026-10-07')).toEqual([])
  })

  it('a query spans at most 31 days', () => {
    expect(MAX_QUERY_DAYS).toBe(31)
  })
})

describe('slotAt', () => {
  it.each([
    '2026-10-08T09:40:00+08:00',
    '2026-10-08T09:40+08:00',
    '2026-10-08T01:40:00Z',
    '2026-10-08T01:40:00.000Z',
    '2026-10-08T01:40:00.000000Z',
    '2026-10-07T21:40:00-04:00',
  ])('finds the 09:40 slot of Thursday 8 October from %s', (at) => {
    expect(slotAt(LAWYER, at)).toEqual({ startsAt: '2026-10-08T01:40:00.000Z', endsAt: '2026-10-08T02:10:00.000Z' })
  })

  it.each([
    ['not a slot’s start (inside the slot)', '2026-10-08T09:50:00+08:00'],
    ['not a slot’s start (in the buffer)', '2026-10-08T10:15:00+08:00'],
    ['a second off', '2026-10-08T01:40:01.000Z'],
    ['a day without hours', '2026-10-05T09:00:00+08:00'],
    ['the holiday', '2026-10-01T09:00:00+08:00'],
    ['the close', '2026-10-08T11:30:00+08:00'],
    ['no offset (it would be read in the server’s time zone)', '2026-10-08T09:40:00'],
    ['no offset, UTC wall time', '2026-10-08T01:40:00.000'],
    ['a date only', '2026-10-08'],
    ['garbage', 'tomorrow 9:40'],
    ['empty', ''],
    ['an impossible date (Date.parse would read 31 April as Friday 1 May 09:00, a slot)', '2026-04-31T01:00:00Z'],
    ['an impossible hour', '2026-10-08T25:40:00+08:00'],
  ])('answers null for %s (%s)', (_, at) => {
    expect(slotAt(LAWYER, at)).toBeNull()
  })

  it('the 1 May slot itself is found when written as it is', () => {
    expect(slotAt(LAWYER, '2026-05-01T09:00:00+08:00')).toEqual({ startsAt: '2026-05-01T01:00:00.000Z', endsAt: '2026-05-01T01:30:00.000Z' })
  })

  it('finds a slot whose Beijing date is the next UTC date', () => {
    const s = schedule([{ weekday: 1, start: '00:30', end: '01:00' }], [], 30, 0)
    expect(slotAt(s, '2026-11-29T16:30:00Z')).toEqual({ startsAt: '2026-11-29T16:30:00.000Z', endsAt: '2026-11-29T17:00:00.000Z' })
    expect(slotAt(s, '2026-11-30T00:30:00+08:00')).toEqual({ startsAt: '2026-11-29T16:30:00.000Z', endsAt: '2026-11-29T17:00:00.000Z' })
  })
})
