import type { RatingLevel, Report, ReportStatus, TimelineEvent } from '../../../types/domain'
import { chinaDay, computeDashboard, median, validateRange } from '../../../src/domain/dashboard'
import { COMMUNITY, makeReport, OTHER_COMMUNITY } from '../support/domain-fixtures'

const HOUR = 3_600_000
const plus = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * HOUR).toISOString()

describe('chinaDay', () => {
  it('starts the day at 00:00 China time (16:00 UTC the day before)', () => {
    expect(chinaDay('2026-11-18T15:30:00.000Z')).toBe('2026-11-18') // 23:30 China time
    expect(chinaDay('2026-11-18T15:59:59.999Z')).toBe('2026-11-18')
    expect(chinaDay('2026-11-18T16:00:00.000Z')).toBe('2026-11-19') // 00:00 China time
    expect(chinaDay('2026-11-18T16:30:00.000Z')).toBe('2026-11-19') // 00:30 China time, still the 18th in UTC
    expect(chinaDay(Date.parse('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01')
  })
})

describe('median', () => {
  it('is null for nothing, the middle of an odd count, the mean of the two middles of an even count', () => {
    expect(median([])).toBeNull()
    expect(median([7])).toBe(7)
    expect(median([30, 10, 20])).toBe(20)
    expect(median([8, 1, 6, 2, 4, 3])).toBe(3.5)
    expect(median([1, 2])).toBe(1.5)
  })

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2]
    median(values)
    expect(values).toEqual([3, 1, 2])
  })
})

/**
 * A small community history. Times are UTC; "China" is UTC+8. The range is China's 1–20 November:
 * from = 2026-11-01 00:00 China = 2026-10-31T16:00Z, to = 2026-11-21 00:00 China = 2026-11-20T16:00Z,
 * and "now" is `to`.
 */
const FROM = '2026-10-31T16:00:00.000Z'
const TO = '2026-11-20T16:00:00.000Z'
const NOW = new Date(TO)

interface Spec {
  id: string
  createdAt: string
  status: ReportStatus
  /** Hours after filing. */
  accepted?: number
  resolved?: number
  deadline?: number
  rating?: RatingLevel
  escalated?: boolean
  communityId?: string
}

function report(spec: Spec): Report {
  return makeReport({
    id: spec.id,
    communityId: spec.communityId ?? COMMUNITY,
    createdAt: spec.createdAt,
    updatedAt: spec.createdAt,
    status: spec.status,
    acceptedAt: spec.accepted === undefined ? undefined : plus(spec.createdAt, spec.accepted),
    resolvedAt: spec.resolved === undefined ? undefined : plus(spec.createdAt, spec.resolved),
    deadlineAt: plus(spec.createdAt, spec.deadline ?? 48),
    rating: spec.rating ? { level: spec.rating, comment: '', at: plus(spec.createdAt, 100) } : undefined,
    escalated: spec.escalated ?? false,
  })
}

/*
 *  id   filed (UTC)            China day  status       accept  resolve  rating               notes
 *  R1   11-02 02:00            11-02      closed       2 h     10 h     satisfied
 *  R2   11-05 01:00            11-05      resolved     4 h     20 h     –                    resolved 11-05 21:00Z = China 11-06
 *  R3   11-10 03:00            11-10      in_progress  1 h     –        –                    deadline 11-12 → overdue; escalated
 *  R4   11-18 15:30            11-18      submitted    –       –        –                    23:30 China time; deadline 72 h → 11-21 15:30Z, not overdue
 *  R5   11-18 16:30            11-19      rejected     –       –        –                    00:30 China time (UTC says the 18th)
 *  R6   11-12 02:00            11-12      merged       6 h     –        –
 *  R7   11-08 00:00            11-08      reopened     3 h     –        unsatisfied          resolved once (event 11-08 20:00Z = China 11-09), reopened: resolvedAt cleared; deadline 17 d; escalated
 *  R8   11-15 04:00            11-15      closed       8 h     30 h     basically_satisfied  resolved 11-16 10:00Z = China 11-16
 *  R13  10-31 16:00 (= from)   11-01      submitted    –       –        –                    deadline 12 h → overdue
 *  not received in the range:
 *  R9   10-25 02:00            10-25      resolved     1 h     (event)  –                    before `from`; resolve event 11-03 02:00Z; escalated
 *  R12  10-31 15:59:59.999     10-31      submitted    –       –        –                    1 ms before `from`
 *  R10  11-20 16:00 (= to)     11-21      submitted    –       –        –                    `to` is exclusive
 *  X1   11-03 00:00            11-03      closed       1 h     2 h      satisfied            another community (resolve event 11-04)
 */
const REPORTS: Report[] = [
  report({ id: 'R1', createdAt: '2026-11-02T02:00:00.000Z', status: 'closed', accepted: 2, resolved: 10, rating: 'satisfied' }),
  report({ id: 'R2', createdAt: '2026-11-05T01:00:00.000Z', status: 'resolved', accepted: 4, resolved: 20 }),
  report({ id: 'R3', createdAt: '2026-11-10T03:00:00.000Z', status: 'in_progress', accepted: 1, escalated: true }),
  report({ id: 'R4', createdAt: '2026-11-18T15:30:00.000Z', status: 'submitted', deadline: 72 }),
  report({ id: 'R5', createdAt: '2026-11-18T16:30:00.000Z', status: 'rejected' }),
  report({ id: 'R6', createdAt: '2026-11-12T02:00:00.000Z', status: 'merged', accepted: 6 }),
  report({ id: 'R7', createdAt: '2026-11-08T00:00:00.000Z', status: 'reopened', accepted: 3, rating: 'unsatisfied', deadline: 17 * 24, escalated: true }),
  report({ id: 'R8', createdAt: '2026-11-15T04:00:00.000Z', status: 'closed', accepted: 8, resolved: 30, rating: 'basically_satisfied' }),
  report({ id: 'R13', createdAt: FROM, status: 'submitted', deadline: 12 }),
  report({ id: 'R9', createdAt: '2026-10-25T02:00:00.000Z', status: 'resolved', accepted: 1, resolved: 9 * 24, escalated: true }),
  report({ id: 'R12', createdAt: '2026-10-31T15:59:59.999Z', status: 'submitted' }),
  report({ id: 'R10', createdAt: TO, status: 'submitted' }),
  report({ id: 'X1', createdAt: '2026-11-03T00:00:00.000Z', status: 'closed', accepted: 1, resolved: 2, rating: 'satisfied', communityId: OTHER_COMMUNITY }),
]

function event(reportId: string, action: TimelineEvent['action'], at: string): TimelineEvent {
  return { id: `${reportId}-${action}-${at}`, reportId, action, fromStatus: null, toStatus: 'resolved', actorId: 'u-staff', actorName: '张敏', actorRole: 'staff', at, photos: [], public: true }
}

const EVENTS: TimelineEvent[] = [
  event('R1', 'accept', '2026-11-02T04:00:00.000Z'),
  event('R1', 'resolve', '2026-11-02T12:00:00.000Z'), // China 11-02 20:00
  event('R2', 'resolve', '2026-11-05T21:00:00.000Z'), // China 11-06 05:00
  event('R7', 'resolve', '2026-11-08T20:00:00.000Z'), // China 11-09 04:00 (later reopened: still a resolution that day)
  event('R8', 'resolve', '2026-11-16T10:00:00.000Z'), // China 11-16 18:00
  event('R9', 'resolve', '2026-11-03T02:00:00.000Z'), // China 11-03 10:00
  event('X1', 'resolve', '2026-11-04T02:00:00.000Z'), // another community
  event('R10', 'resolve', '2026-11-20T17:00:00.000Z'), // after `to`
]

describe('computeDashboard on a hand-checked data set', () => {
  const stats = computeDashboard({ communityId: COMMUNITY, reports: REPORTS, events: EVENTS, from: FROM, to: TO, now: NOW })

  it('echoes the community and range', () => {
    expect(stats).toMatchObject({ communityId: COMMUNITY, from: FROM, to: TO })
  })

  it('counts the reports filed in [from, to) of this community: R1–R8 and R13 = 9', () => {
    expect(stats.received).toBe(9)
  })

  it('counts them by status', () => {
    // closed R1 R8 · resolved R2 · in_progress R3 · submitted R4 R13 · rejected R5 · merged R6 · reopened R7
    expect(stats.byStatus).toEqual({
      submitted: 2,
      accepted: 0,
      in_progress: 1,
      resolved: 1,
      closed: 2,
      rejected: 1,
      transferred: 0,
      reopened: 1,
      merged: 1,
    })
  })

  it('gives 办结率 = (resolved + closed) / (received − 不予受理 − merged) = 3 / 7, and says over what', () => {
    // R5 (rejected) and R6 (merged) are never to be fixed: they are not in the base.
    expect(stats.completionBase).toBe(7)
    expect(stats.completionRate).toBeCloseTo(3 / 7, 12)
  })

  it('gives 满意率 over the rated ones: R1 satisfied, R8 basically satisfied, R7 unsatisfied → 2 / 3', () => {
    expect(stats.rated).toBe(3)
    expect(stats.ratedUnsatisfied).toBe(1)
    expect(stats.satisfactionRate).toBeCloseTo(2 / 3, 12)
  })

  it('accounts for every rating: the satisfied ones are closed, the unsatisfied one was reopened', () => {
    // 3 rated = 2 closed (R1, R8) + 1 reopened (R7): the figures agree with 按状态.
    expect(stats.rated - stats.ratedUnsatisfied).toBe(stats.byStatus.closed)
    expect(stats.ratedUnsatisfied).toBe(stats.byStatus.reopened)
  })

  it('takes the median hours to accept over an even count: 1 2 3 4 6 8 → 3.5', () => {
    // R3 1 h, R1 2 h, R7 3 h, R2 4 h, R6 6 h, R8 8 h (R9 was filed before the range).
    expect(stats.medianHoursToAccept).toBe(3.5)
  })

  it('takes the median hours to resolve over an odd count: 10 20 30 → 20', () => {
    // R1 10 h, R2 20 h, R8 30 h; R7 was reopened, so it has no resolution now.
    expect(stats.medianHoursToResolve).toBe(20)
  })

  it('counts overdue at `now`: R3 (deadline 11-12) and R13 (deadline 11-01 04:00Z) = 2', () => {
    // Not R4 (deadline 11-21 15:30Z is after now), not R7 (deadline 11-25), not the finished or resolved ones.
    expect(stats.overdue).toBe(2)
  })

  it('counts escalated reports of the range: R3 and R7 (not R9, filed before) = 2', () => {
    expect(stats.escalated).toBe(2)
  })

  it('charts the 30 China-time days ending with the day of `to` − 1 ms: 10-22 … 11-20', () => {
    expect(stats.daily).toHaveLength(30)
    expect(stats.daily[0].day).toBe('2026-10-22')
    expect(stats.daily[29].day).toBe('2026-11-20')
    for (let i = 1; i < 30; i++) {
      expect(Date.parse(stats.daily[i].day) - Date.parse(stats.daily[i - 1].day)).toBe(24 * HOUR)
    }
  })

  it('buckets filings and resolutions by China-time day', () => {
    const nonZero = Object.fromEntries(stats.daily.filter((d) => d.received || d.resolved).map((d) => [d.day, [d.received, d.resolved]]))
    // received: the chart is not cut at `from` (R9 10-25, R12 10-31); R4 at 23:30 China lands on
    // the 18th and R5 at 00:30 China on the 19th; R10 (at `to`) and X1 (elsewhere) are not counted.
    // resolved: resolve events by day, R2's 21:00Z one on China's 6th, R7's on the 9th.
    expect(nonZero).toEqual({
      '2026-10-25': [1, 0], // R9
      '2026-10-31': [1, 0], // R12
      '2026-11-01': [1, 0], // R13
      '2026-11-02': [1, 1], // R1 filed and resolved
      '2026-11-03': [0, 1], // R9 resolved
      '2026-11-05': [1, 0], // R2
      '2026-11-06': [0, 1], // R2 resolved
      '2026-11-08': [1, 0], // R7
      '2026-11-09': [0, 1], // R7 resolved
      '2026-11-10': [1, 0], // R3
      '2026-11-12': [1, 0], // R6
      '2026-11-15': [1, 0], // R8
      '2026-11-16': [0, 1], // R8 resolved
      '2026-11-18': [1, 0], // R4, 23:30 China time
      '2026-11-19': [1, 0], // R5, 00:30 China time
    })
    expect(stats.daily.reduce((n, d) => n + d.received, 0)).toBe(11)
    expect(stats.daily.reduce((n, d) => n + d.resolved, 0)).toBe(5)
  })

  it('gives the other community only its own figures', () => {
    const other = computeDashboard({ communityId: OTHER_COMMUNITY, reports: REPORTS, events: EVENTS, from: FROM, to: TO, now: NOW })
    expect(other).toMatchObject({
      received: 1,
      completionRate: 1,
      completionBase: 1,
      rated: 1,
      ratedUnsatisfied: 0,
      satisfactionRate: 1,
      medianHoursToAccept: 1,
      medianHoursToResolve: 2,
      overdue: 0,
    })
    expect(other.daily.find((d) => d.day === '2026-11-03')).toEqual({ day: '2026-11-03', received: 1, resolved: 0 })
    expect(other.daily.find((d) => d.day === '2026-11-04')).toEqual({ day: '2026-11-04', received: 0, resolved: 1 })
  })
})

describe('computeDashboard at the edges', () => {
  it('gives zeros, not NaN, and null medians for a range with nothing in it', () => {
    const stats = computeDashboard({ communityId: COMMUNITY, reports: REPORTS, events: EVENTS, from: '2000-01-01T00:00:00.000Z', to: '2000-02-01T00:00:00.000Z', now: NOW })
    expect(stats).toMatchObject({
      received: 0,
      completionRate: 0,
      completionBase: 0,
      rated: 0,
      ratedUnsatisfied: 0,
      satisfactionRate: 0,
      medianHoursToAccept: null,
      medianHoursToResolve: null,
      overdue: 0,
      escalated: 0,
    })
    expect(Object.values(stats.byStatus).every((n) => n === 0)).toBe(true)
    // 2000-02-01T00:00Z is 08:00 China time on 1 February: the last day is 1 February.
    expect(stats.daily.map((d) => d.day)[29]).toBe('2000-02-01')
    expect(stats.daily[0].day).toBe('2000-01-03')
    expect(stats.daily.every((d) => d.received === 0 && d.resolved === 0)).toBe(true)
  })

  it('gives a 办结率 of 0 when every report of the range was merged or not accepted', () => {
    const stopped = [
      report({ id: 'M', createdAt: '2026-11-02T00:00:00.000Z', status: 'merged' }),
      report({ id: 'J', createdAt: '2026-11-03T00:00:00.000Z', status: 'rejected' }),
    ]
    const stats = computeDashboard({ communityId: COMMUNITY, reports: stopped, events: [], from: FROM, to: TO, now: NOW })
    expect(stats).toMatchObject({ received: 2, completionBase: 0, completionRate: 0 })
  })

  it('ends the chart at `to`, even in the middle of a China-time day', () => {
    // to = 2026-11-20T04:00Z = 12:00 China time on the 20th: a report at 09:00 China counts, one at 15:00 does not.
    const to = '2026-11-20T04:00:00.000Z'
    const reports = [
      report({ id: 'morning', createdAt: '2026-11-20T01:00:00.000Z', status: 'resolved', resolved: 2 }),
      report({ id: 'afternoon', createdAt: '2026-11-20T07:00:00.000Z', status: 'submitted' }),
    ]
    const events = [event('morning', 'resolve', '2026-11-20T03:00:00.000Z'), event('morning', 'resolve', '2026-11-20T05:00:00.000Z')]
    const stats = computeDashboard({ communityId: COMMUNITY, reports, events, from: FROM, to, now: new Date('2026-11-20T08:00:00.000Z') })
    expect(stats.received).toBe(1)
    expect(stats.daily[29]).toEqual({ day: '2026-11-20', received: 1, resolved: 1 })
  })
})

describe('validateRange', () => {
  it('accepts two instants in order, up to 366 days apart', () => {
    expect(validateRange({ from: FROM, to: TO })).toEqual({})
    expect(validateRange({ from: '2024-01-01T00:00:00.000Z', to: '2025-01-01T00:00:00.000Z' })).toEqual({})
    expect(validateRange({ from: '2026-11-01T00:00:00+08:00', to: '2026-11-01T00:00:00.001+08:00' })).toEqual({})
  })

  it.each([
    ['nothing', undefined, { from: '开始时间格式不正确', to: '结束时间格式不正确' }],
    ['an unreadable start', { from: 'yesterday', to: TO }, { from: '开始时间格式不正确' }],
    ['a number for the end', { from: FROM, to: 1_700_000_000_000 }, { to: '结束时间格式不正确' }],
    ['an empty range', { from: TO, to: TO }, { to: '结束时间必须晚于开始时间' }],
    ['a backwards range', { from: TO, to: FROM }, { to: '结束时间必须晚于开始时间' }],
    ['367 days', { from: '2025-01-01T00:00:00.000Z', to: '2026-01-03T00:00:00.000Z' }, { to: '时间范围不能超过366天' }],
    ['366 days and 1 ms', { from: '2025-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.001Z' }, { to: '时间范围不能超过366天' }],
  ] as const)('refuses %s on its field', (_name, range, expected) => {
    expect(validateRange(range as never)).toEqual(expected)
  })
})
