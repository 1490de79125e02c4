import type { ReportStatus } from '../../../types/domain'
import {
  canMoveFrom,
  isTerminal,
  nextStatus,
  REPORT_MOVES,
  REPORT_STATUSES,
  rolesAllowedTo,
  TERMINAL_STATUSES,
  type ReportMove,
} from '../../../src/domain/report-status'

/*
 * The expected graph, written out by hand from the rules (not derived from MOVES):
 *   accept   submitted/transferred/reopened → accepted
 *   reject   submitted/transferred → rejected
 *   assign   accepted/reopened → in_progress
 *   transfer submitted/accepted/in_progress/reopened → transferred
 *   progress accepted/in_progress → (same)
 *   resolve  in_progress → resolved
 *   rate     resolved → closed (reopened when unsatisfied)
 *   close    resolved → closed
 *   merge    submitted/accepted/transferred → merged
 *   escalate submitted/accepted/in_progress/transferred/reopened → (same)
 * `rate` in this table is made with a 'satisfied' rating.
 */
const _ = null
const EXPECTED: Record<ReportStatus, Record<ReportMove, ReportStatus | null>> = {
  submitted: {
    accept: 'accepted', reject: 'rejected', assign: _, transfer: 'transferred', progress: _,
    resolve: _, rate: _, close: _, merge: 'merged', escalate: 'submitted',
  },
  accepted: {
    accept: _, reject: _, assign: 'in_progress', transfer: 'transferred', progress: 'accepted',
    resolve: _, rate: _, close: _, merge: 'merged', escalate: 'accepted',
  },
  in_progress: {
    accept: _, reject: _, assign: _, transfer: 'transferred', progress: 'in_progress',
    resolve: 'resolved', rate: _, close: _, merge: _, escalate: 'in_progress',
  },
  resolved: {
    accept: _, reject: _, assign: _, transfer: _, progress: _,
    resolve: _, rate: 'closed', close: 'closed', merge: _, escalate: _,
  },
  closed: {
    accept: _, reject: _, assign: _, transfer: _, progress: _,
    resolve: _, rate: _, close: _, merge: _, escalate: _,
  },
  rejected: {
    accept: _, reject: _, assign: _, transfer: _, progress: _,
    resolve: _, rate: _, close: _, merge: _, escalate: _,
  },
  transferred: {
    accept: 'accepted', reject: 'rejected', assign: _, transfer: _, progress: _,
    resolve: _, rate: _, close: _, merge: 'merged', escalate: 'transferred',
  },
  reopened: {
    accept: 'accepted', reject: _, assign: 'in_progress', transfer: 'transferred', progress: _,
    resolve: _, rate: _, close: _, merge: _, escalate: 'reopened',
  },
  merged: {
    accept: _, reject: _, assign: _, transfer: _, progress: _,
    resolve: _, rate: _, close: _, merge: _, escalate: _,
  },
}

const ALL_STATUSES: ReportStatus[] = [
  'submitted', 'accepted', 'in_progress', 'resolved', 'closed', 'rejected', 'transferred', 'reopened', 'merged',
]
const ALL_MOVES: ReportMove[] = ['accept', 'reject', 'assign', 'transfer', 'progress', 'resolve', 'rate', 'close', 'merge', 'escalate']

describe('report status machine', () => {
  it('knows exactly the nine statuses and ten moves of the handling loop', () => {
    expect([...REPORT_STATUSES].sort()).toEqual([...ALL_STATUSES].sort())
    expect([...REPORT_MOVES].sort()).toEqual([...ALL_MOVES].sort())
  })

  const cases = ALL_STATUSES.flatMap((status) => ALL_MOVES.map((move) => [status, move, EXPECTED[status][move]] as const))

  it.each(cases)('from %s, %s leads to %s', (status, move, expected) => {
    expect(nextStatus(status, move, 'satisfied')).toBe(expected)
    // canMoveFrom agrees with the graph: a move may start exactly where it leads somewhere.
    expect(canMoveFrom(status, move)).toBe(expected !== null)
  })

  it('covers every status × move pair (90 cases)', () => {
    expect(cases).toHaveLength(90)
  })

  describe('rate', () => {
    it('closes a resolved report when the resident is satisfied or basically satisfied', () => {
      expect(nextStatus('resolved', 'rate', 'satisfied')).toBe('closed')
      expect(nextStatus('resolved', 'rate', 'basically_satisfied')).toBe('closed')
    })

    it('reopens a resolved report when the resident is unsatisfied', () => {
      expect(nextStatus('resolved', 'rate', 'unsatisfied')).toBe('reopened')
    })

    it('leads nowhere without a rating', () => {
      expect(nextStatus('resolved', 'rate')).toBeNull()
    })

    it.each(ALL_STATUSES.filter((s) => s !== 'resolved'))('cannot rate a %s report even when unsatisfied', (status) => {
      expect(nextStatus(status, 'rate', 'unsatisfied')).toBeNull()
    })
  })

  it('ignores a rating on moves other than rate', () => {
    expect(nextStatus('submitted', 'accept', 'unsatisfied')).toBe('accepted')
    expect(nextStatus('submitted', 'accept')).toBe('accepted')
    expect(nextStatus('resolved', 'close')).toBe('closed')
  })

  describe('terminal statuses', () => {
    it('are closed, rejected and merged', () => {
      expect([...TERMINAL_STATUSES].sort()).toEqual(['closed', 'merged', 'rejected'])
      for (const status of ALL_STATUSES) {
        expect(isTerminal(status)).toBe(['closed', 'rejected', 'merged'].includes(status))
      }
    })

    it.each(['closed', 'rejected', 'merged'] as ReportStatus[])('allow no move at all from %s', (status) => {
      for (const move of ALL_MOVES) {
        for (const rating of [undefined, 'satisfied', 'basically_satisfied', 'unsatisfied'] as const) {
          expect(nextStatus(status, move, rating)).toBeNull()
        }
        expect(canMoveFrom(status, move)).toBe(false)
      }
    })
  })

  describe('roles', () => {
    it('lets only staff reject, close, merge and escalate', () => {
      for (const move of ['reject', 'close', 'merge', 'escalate'] as ReportMove[]) {
        expect([...rolesAllowedTo(move)]).toEqual(['staff'])
      }
    })

    it('lets staff and grid workers accept, assign, transfer, progress and resolve', () => {
      for (const move of ['accept', 'assign', 'transfer', 'progress', 'resolve'] as ReportMove[]) {
        expect([...rolesAllowedTo(move)].sort()).toEqual(['grid_worker', 'staff'])
      }
    })
  })
})
