import type { ReportStatus } from '../../../types/domain'
import { compareCodePoints, compareInbox, inboxRank, isRedo, type InboxRow } from '../../../src/domain/inbox'
import { REPORT_STATUSES } from '../../../src/domain/report-status'

const NOW = new Date('2026-11-21T08:00:00.000Z')
const PAST = '2026-11-21T07:00:00.000Z'
const FUTURE = '2026-11-21T09:00:00.000Z'

function row(id: string, status: ReportStatus, deadlineAt: string, createdAt = '2026-11-20T08:00:00.000Z', reopenCount = status === 'reopened' ? 1 : 0): InboxRow {
  return { id, status, deadlineAt, createdAt, reopenCount }
}

describe('inboxRank', () => {
  it.each(['submitted', 'accepted', 'in_progress', 'transferred'] as ReportStatus[])(
    'an open %s report is 0 past its deadline and 1 before it (and at it)',
    (status) => {
      expect(inboxRank({ status, deadlineAt: PAST, reopenCount: 0 }, NOW)).toBe(0)
      expect(inboxRank({ status, deadlineAt: FUTURE, reopenCount: 0 }, NOW)).toBe(1)
      expect(inboxRank({ status, deadlineAt: NOW.toISOString(), reopenCount: 0 }, NOW)).toBe(1)
    },
  )

  it('a reopened report (居民不满意) is with the urgent ones (0) though its deadline is fresh', () => {
    expect(inboxRank({ status: 'reopened', deadlineAt: FUTURE, reopenCount: 1 }, NOW)).toBe(0)
    expect(inboxRank({ status: 'reopened', deadlineAt: PAST, reopenCount: 2 }, NOW)).toBe(0)
    // Even a stored row whose count was never set.
    expect(inboxRank({ status: 'reopened', deadlineAt: FUTURE, reopenCount: 0 }, NOW)).toBe(0)
  })

  it.each(['accepted', 'in_progress', 'transferred'] as ReportStatus[])('a redone report stays urgent once %s again, until it is resolved', (status) => {
    expect(inboxRank({ status, deadlineAt: FUTURE, reopenCount: 1 }, NOW)).toBe(0)
    expect(inboxRank({ status: 'resolved', deadlineAt: FUTURE, reopenCount: 1 }, NOW)).toBe(2)
    expect(inboxRank({ status: 'closed', deadlineAt: FUTURE, reopenCount: 1 }, NOW)).toBe(3)
  })

  it('a resolved report waits on the resident (2), overdue or not', () => {
    expect(inboxRank({ status: 'resolved', deadlineAt: PAST, reopenCount: 0 }, NOW)).toBe(2)
    expect(inboxRank({ status: 'resolved', deadlineAt: FUTURE, reopenCount: 0 }, NOW)).toBe(2)
  })

  it.each(['closed', 'rejected', 'merged'] as ReportStatus[])('a %s report is finished (3)', (status) => {
    expect(inboxRank({ status, deadlineAt: PAST, reopenCount: 0 }, NOW)).toBe(3)
    expect(inboxRank({ status, deadlineAt: FUTURE, reopenCount: 0 }, NOW)).toBe(3)
  })

  it('ranks every status', () => {
    for (const status of REPORT_STATUSES) expect([0, 1, 2, 3]).toContain(inboxRank({ status, deadlineAt: PAST, reopenCount: 0 }, NOW))
  })
})

describe('isRedo (居民不满意)', () => {
  it('is a report the resident was not satisfied with, while it is being handled again', () => {
    expect(isRedo({ status: 'reopened', reopenCount: 1 })).toBe(true)
    expect(isRedo({ status: 'accepted', reopenCount: 1 })).toBe(true)
    expect(isRedo({ status: 'in_progress', reopenCount: 2 })).toBe(true)
    expect(isRedo({ status: 'resolved', reopenCount: 1 })).toBe(false)
    expect(isRedo({ status: 'closed', reopenCount: 1 })).toBe(false)
    expect(isRedo({ status: 'in_progress', reopenCount: 0 })).toBe(false)
  })
})

describe('compareInbox', () => {
  it('orders overdue, open, resolved, finished; then by deadline, filing and id', () => {
    const rows = [
      row('closed', 'closed', PAST),
      row('resolved', 'resolved', PAST),
      row('open-later', 'accepted', '2026-11-22T08:00:00.000Z'),
      row('open-sooner', 'submitted', FUTURE),
      row('overdue-newer', 'in_progress', PAST, '2026-11-20T09:00:00.000Z'),
      row('overdue-older', 'reopened', PAST, '2026-11-20T07:00:00.000Z'),
      row('overdue-earliest', 'transferred', '2026-11-21T06:00:00.000Z'),
      row('rejected', 'rejected', '2026-11-01T00:00:00.000Z'),
      row('redo-fresh', 'reopened', '2026-11-23T08:00:00.000Z'),
      row('redo-accepted', 'accepted', '2026-11-22T09:00:00.000Z', '2026-11-20T08:00:00.000Z', 1),
    ]
    expect([...rows].sort(compareInbox(NOW)).map((r) => r.id)).toEqual([
      'overdue-earliest',
      'overdue-older',
      'overdue-newer',
      'redo-accepted',
      'redo-fresh',
      'open-sooner',
      'open-later',
      'resolved',
      'rejected',
      'closed',
    ])
  })

  it('breaks full ties by id in code-point order, as the database does', () => {
    const rows = ['r_a', 'r_B', 'r_-', 'r_0', 'r__'].map((id) => row(id, 'submitted', FUTURE))
    expect([...rows].sort(compareInbox(NOW)).map((r) => r.id)).toEqual(['r_-', 'r_0', 'r_B', 'r__', 'r_a'])
  })

  it('moves a report from open to overdue as time passes', () => {
    const a = row('a', 'accepted', FUTURE)
    const b = row('b', 'accepted', '2026-11-23T00:00:00.000Z')
    const later = new Date('2026-11-22T00:00:00.000Z')
    expect(compareInbox(NOW)(a, b)).toBeLessThan(0)
    expect(inboxRank(a, later)).toBe(0)
    expect(compareInbox(later)(a, b)).toBeLessThan(0)
  })
})

describe('compareCodePoints', () => {
  it('is not the locale’s order', () => {
    expect(compareCodePoints('B', 'a')).toBe(-1)
    expect('B'.localeCompare('a')).toBe(1)
    expect(compareCodePoints('x', 'x')).toBe(0)
    expect(compareCodePoints('2026-11-21T08:00:00.000Z', '2026-11-21T09:00:00.000Z')).toBe(-1)
  })
})
