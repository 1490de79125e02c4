import type { ReportStatus } from '../../../types/domain'
import { deadlineFor, hoursLeft, isOverdue } from '../../../src/domain/deadline'

const DEADLINE = '2026-11-21T08:00:00.000Z'
const BEFORE = new Date('2026-11-21T07:00:00.000Z')
const AFTER = new Date('2026-11-21T09:00:00.000Z')

describe('deadlineFor', () => {
  it('adds the category’s hours to the filing time', () => {
    expect(deadlineFor('2026-11-20T08:00:00.000Z', 24)).toBe('2026-11-21T08:00:00.000Z')
    expect(deadlineFor('2026-11-20T08:00:00.000Z', 1)).toBe('2026-11-20T09:00:00.000Z')
  })
})

describe('isOverdue', () => {
  it.each(['submitted', 'accepted', 'in_progress', 'transferred', 'reopened'] as ReportStatus[])(
    'a %s report is overdue only after its deadline',
    (status) => {
      expect(isOverdue({ status, deadlineAt: DEADLINE }, BEFORE)).toBe(false)
      expect(isOverdue({ status, deadlineAt: DEADLINE }, new Date(DEADLINE))).toBe(false)
      expect(isOverdue({ status, deadlineAt: DEADLINE }, AFTER)).toBe(true)
    },
  )

  it.each(['resolved', 'closed', 'rejected', 'merged'] as ReportStatus[])('a %s report is never overdue', (status) => {
    expect(isOverdue({ status, deadlineAt: DEADLINE }, AFTER)).toBe(false)
    expect(isOverdue({ status, deadlineAt: DEADLINE }, new Date('2030-01-01T00:00:00.000Z'))).toBe(false)
  })
})

describe('hoursLeft', () => {
  it('is positive before the deadline and negative after', () => {
    expect(hoursLeft(DEADLINE, BEFORE)).toBe(1)
    expect(hoursLeft(DEADLINE, AFTER)).toBe(-1)
  })
})
