import type { Report } from '../../../types/domain'
import { decideMove, validateMoveFields, type MoveInput, type MoveOutcome } from '../../../src/domain/report-moves'
import type { ReportMove } from '../../../src/domain/report-status'
import { CAST, GRID, makeReport, OTHER_GRID } from '../support/domain-fixtures'
import type { Actor } from '../../../src/domain/actor'

const NOW = new Date('2026-11-21T10:00:00.000Z')
const AT = NOW.toISOString()

function decided(actor: Actor, report: Report, move: ReportMove, input: MoveInput = {}, now = NOW) {
  const outcome = decideMove(actor, report, move, input, now)
  if (!outcome.ok) throw new Error(`expected ${move} to succeed, got ${outcome.violation.code}: ${outcome.violation.message}`)
  return outcome
}

function refused(outcome: MoveOutcome) {
  if (outcome.ok) throw new Error('expected the move to be refused')
  return outcome.violation
}

describe('decideMove: effects on the report', () => {
  it('accept moves to accepted, stamps acceptedAt and bumps the version', () => {
    const { report } = decided(CAST.staff_here, makeReport({ version: 3 }), 'accept')
    expect(report.status).toBe('accepted')
    expect(report.acceptedAt).toBe(AT)
    expect(report.updatedAt).toBe(AT)
    expect(report.version).toBe(4)
  })

  it('accept keeps the first acceptedAt when a reopened report is accepted again', () => {
    const first = '2026-11-20T09:00:00.000Z'
    const { report } = decided(CAST.staff_here, makeReport({ status: 'reopened', acceptedAt: first }), 'accept')
    expect(report.acceptedAt).toBe(first)
  })

  it('does not mutate the report it was given', () => {
    const before = makeReport()
    const copy = JSON.parse(JSON.stringify(before))
    decided(CAST.staff_here, before, 'accept')
    expect(before).toEqual(copy)
  })

  it('assign sets the assignee and moves to in_progress', () => {
    const assignee = { kind: 'user' as const, id: CAST.grid_worker_here.id, name: '孙丽' }
    const { report } = decided(CAST.staff_here, makeReport({ status: 'accepted', acceptedAt: AT }), 'assign', { assignee })
    expect(report.status).toBe('in_progress')
    expect(report.assignee).toEqual(assignee)
  })

  it('assign records to whom on its timeline step, beside the handler’s note', () => {
    const user = { kind: 'user' as const, id: CAST.grid_worker_here.id, name: '孙丽' }
    const { event } = decided(CAST.staff_here, makeReport({ status: 'accepted' }), 'assign', { assignee: user, note: '请今天上门' })
    expect(event).toMatchObject({ action: 'assign', assignee: user, note: '请今天上门' })
    const department = { kind: 'department' as const, id: 'd-property', name: '物业服务中心' }
    const toDepartment = decided(CAST.staff_here, makeReport({ status: 'reopened', reopenCount: 1 }), 'assign', { assignee: department })
    expect(toDepartment.event.assignee).toEqual(department)
    expect(toDepartment.event).not.toHaveProperty('note', expect.anything())
  })

  it('no other step names an assignee', () => {
    const out = decided(CAST.staff_here, makeReport({ status: 'in_progress', assignee: { kind: 'user', id: 'u-x', name: '某人' } }), 'progress', { note: '已联系物业' })
    expect(out.event).not.toHaveProperty('assignee')
  })

  it('assign without an assignee is a validation error on the assignee field', () => {
    const v = refused(decideMove(CAST.staff_here, makeReport({ status: 'accepted' }), 'assign', {}, NOW))
    expect(v).toEqual({ code: 'validation', message: '请选择处置人或部门', fields: { assignee: '请选择处置人或部门' } })
  })

  it('transfer to another grid changes the grid and drops the assignee', () => {
    const report = makeReport({ status: 'in_progress', assignee: { kind: 'user', id: 'u-x', name: '某人' } })
    const out = decided(CAST.staff_here, report, 'transfer', { target: { kind: 'grid', id: OTHER_GRID }, note: '属于第二网格' })
    expect(out.report.status).toBe('transferred')
    expect(out.report.gridId).toBe(OTHER_GRID)
    expect(out.report.assignee).toBeUndefined()
    expect(out.event.note).toBe('属于第二网格')
  })

  it('transfer to a department keeps the grid and assigns the department', () => {
    const out = decided(CAST.staff_here, makeReport(), 'transfer', {
      target: { kind: 'department', id: 'd-property', name: '物业服务中心' },
      note: '转物业处理',
    })
    expect(out.report.gridId).toBe(GRID)
    expect(out.report.assignee).toEqual({ kind: 'department', id: 'd-property', name: '物业服务中心' })
    // Its timeline step says which department it went to, beside the handler's note.
    expect(out.event).toMatchObject({ action: 'transfer', assignee: { kind: 'department', id: 'd-property', name: '物业服务中心' }, note: '转物业处理' })
  })

  it('a transfer to another grid names no department on its step', () => {
    const out = decided(CAST.staff_here, makeReport(), 'transfer', { target: { kind: 'grid', id: OTHER_GRID }, note: '属于第二网格' })
    expect(out.event).not.toHaveProperty('assignee')
  })

  it('transfer needs a target and a note', () => {
    expect(refused(decideMove(CAST.staff_here, makeReport(), 'transfer', { note: '转走' }, NOW))).toMatchObject({
      code: 'validation',
      fields: { target: '请选择转派给哪个网格或部门' },
    })
    expect(
      refused(decideMove(CAST.staff_here, makeReport(), 'transfer', { target: { kind: 'grid', id: OTHER_GRID } }, NOW)),
    ).toMatchObject({ code: 'validation', fields: { note: '请填写说明' } })
  })

  it('progress keeps the status and records the note', () => {
    const out = decided(CAST.grid_worker_here, makeReport({ status: 'in_progress' }), 'progress', { note: '已上门查看' })
    expect(out.report.status).toBe('in_progress')
    expect(out.event.fromStatus).toBe('in_progress')
    expect(out.event.toStatus).toBe('in_progress')
    expect(out.event.note).toBe('已上门查看')
  })

  it('progress and resolve need a note', () => {
    expect(refused(decideMove(CAST.grid_worker_here, makeReport({ status: 'in_progress' }), 'resolve', {}, NOW))).toMatchObject({
      code: 'validation',
      fields: { note: '请填写说明' },
    })
  })

  it('resolve stamps resolvedAt', () => {
    const { report } = decided(CAST.grid_worker_here, makeReport({ status: 'in_progress' }), 'resolve', { note: '已修好' })
    expect(report.status).toBe('resolved')
    expect(report.resolvedAt).toBe(AT)
  })

  it('rate satisfied closes the report and keeps the rating', () => {
    const report = makeReport({ status: 'resolved', resolvedAt: '2026-11-21T08:00:00.000Z' })
    const out = decided(CAST.reporter, report, 'rate', { rating: { level: 'satisfied', comment: '  修得很快  ' } })
    expect(out.report.status).toBe('closed')
    expect(out.report.rating).toEqual({ level: 'satisfied', comment: '修得很快', at: AT })
    expect(out.report.resolvedAt).toBe('2026-11-21T08:00:00.000Z')
    expect(out.report.reopenCount).toBe(0)
    expect(out.event.note).toBe('满意：修得很快')
    expect(out.event.actorRole).toBe('resident')
  })

  it('rate without a comment uses the level alone as the note', () => {
    const out = decided(CAST.reporter, makeReport({ status: 'resolved' }), 'rate', { rating: { level: 'basically_satisfied', comment: '' } })
    expect(out.event.note).toBe('基本满意')
  })

  it('rate unsatisfied reopens: reopenCount+1, resolvedAt cleared, a fresh deadline of the same span', () => {
    // Filed 2026-11-20 08:00 with a 48 h span.
    const report = makeReport({ status: 'resolved', resolvedAt: '2026-11-21T08:00:00.000Z', reopenCount: 0, version: 5 })
    const out = decided(CAST.reporter, report, 'rate', { rating: { level: 'unsatisfied', comment: '灯还是不亮' } })
    expect(out.report.status).toBe('reopened')
    expect(out.report.reopenCount).toBe(1)
    expect(out.report.resolvedAt).toBeUndefined()
    expect(out.report.deadlineAt).toBe('2026-11-23T10:00:00.000Z')
    expect(out.report.version).toBe(6)
    expect(out.event.toStatus).toBe('reopened')
    expect(out.event.note).toBe('不满意：灯还是不亮')
  })

  it('a second reopening gives the category’s span again, not the longer span of the first reopening', () => {
    // Filed 2026-11-20 08:00 in a 48 h category; reopened once at 11-21 10:00 (new deadline 11-23 10:00).
    const once = decided(CAST.reporter, makeReport({ status: 'resolved' }), 'rate', {
      rating: { level: 'unsatisfied', comment: '灯还是不亮' },
      deadlineHours: 48,
    }).report
    expect(once.deadlineAt).toBe('2026-11-23T10:00:00.000Z')
    const resolvedAgain = { ...once, status: 'resolved' as const }
    const later = new Date('2026-11-24T10:00:00.000Z')
    const twice = decided(CAST.reporter, resolvedAgain, 'rate', { rating: { level: 'unsatisfied', comment: '又坏了' }, deadlineHours: 48 }, later)
    expect(twice.report.reopenCount).toBe(2)
    expect(twice.report.deadlineAt).toBe('2026-11-26T10:00:00.000Z')
  })

  it('rate unsatisfied without a comment is refused on the comment field', () => {
    const v = refused(decideMove(CAST.reporter, makeReport({ status: 'resolved' }), 'rate', { rating: { level: 'unsatisfied', comment: '' } }, NOW))
    expect(v).toMatchObject({ code: 'validation', fields: { comment: '请告诉我们哪里不满意，以便重新办理' } })
  })

  it('rate without any rating is refused on the level field', () => {
    const v = refused(decideMove(CAST.reporter, makeReport({ status: 'resolved' }), 'rate', {}, NOW))
    expect(v).toMatchObject({ code: 'validation', fields: { level: '请选择满意程度' } })
  })

  it('escalate flags the report, keeps the status, and hides the memo from residents', () => {
    const out = decided(CAST.staff_here, makeReport({ status: 'accepted' }), 'escalate', { note: '超期未办，请主任督办' })
    expect(out.report.status).toBe('accepted')
    expect(out.report.escalated).toBe(true)
    expect(out.event.public).toBe(false)
  })

  it('every move other than escalate is public on the timeline', () => {
    expect(decided(CAST.staff_here, makeReport(), 'accept').event.public).toBe(true)
    expect(decided(CAST.staff_here, makeReport(), 'reject', { reason: '不属本社区' }).event.public).toBe(true)
  })

  it('reject records the reason as the note, cleaned', () => {
    const out = decided(CAST.staff_here, makeReport(), 'reject', { reason: '  不属于本社区管辖  ' })
    expect(out.report.status).toBe('rejected')
    expect(out.event.note).toBe('不属于本社区管辖')
  })

  it('reject without a reason is a validation error on reason', () => {
    expect(refused(decideMove(CAST.staff_here, makeReport(), 'reject', {}, NOW))).toMatchObject({
      code: 'validation',
      fields: { reason: '请填写不予受理的理由，居民会看到它' },
    })
  })

  it('merge records where it went, and refuses merging into itself', () => {
    const out = decided(CAST.staff_here, makeReport(), 'merge', { intoReportId: 'r-2' })
    expect(out.report.status).toBe('merged')
    expect(out.report.mergedIntoId).toBe('r-2')
    expect(refused(decideMove(CAST.staff_here, makeReport(), 'merge', { intoReportId: 'r-1' }, NOW))).toMatchObject({
      fields: { intoReportId: '不能合并到自身' },
    })
    expect(refused(decideMove(CAST.staff_here, makeReport(), 'merge', {}, NOW))).toMatchObject({
      fields: { intoReportId: '请选择要合并到的诉求' },
    })
  })

  it('close moves a resolved report to closed', () => {
    expect(decided(CAST.staff_here, makeReport({ status: 'resolved' }), 'close').report.status).toBe('closed')
  })
})

describe('decideMove: the timeline event', () => {
  it('records who, when, from and to', () => {
    const photo = { id: 'p-1', url: 'https://x/p-1.jpg' }
    const out = decided(CAST.grid_worker_here, makeReport({ id: 'r-9', status: 'in_progress' }), 'resolve', {
      note: '  已更换灯泡  ',
      photos: [photo],
    })
    expect(out.event).toEqual({
      reportId: 'r-9',
      action: 'resolve',
      fromStatus: 'in_progress',
      toStatus: 'resolved',
      actorId: CAST.grid_worker_here.id,
      actorName: CAST.grid_worker_here.name,
      actorRole: 'grid_worker',
      at: AT,
      note: '已更换灯泡',
      photos: [photo],
      public: true,
    })
  })

  it('leaves the note out when none was given, and photos empty', () => {
    const out = decided(CAST.staff_here, makeReport(), 'accept')
    expect(out.event.note).toBeUndefined()
    expect(out.event.photos).toEqual([])
    expect(out.event.actorRole).toBe('staff')
  })
})

describe('decideMove: refusals', () => {
  it('refuses a move by someone out of scope before looking at the input', () => {
    expect(refused(decideMove(CAST.resident, makeReport(), 'reject', {}, NOW))).toMatchObject({ code: 'forbidden' })
    expect(refused(decideMove(CAST.grid_worker_elsewhere, makeReport(), 'accept', {}, NOW))).toMatchObject({ code: 'forbidden' })
  })

  it('refuses a move the status does not allow as invalid_transition', () => {
    expect(refused(decideMove(CAST.staff_here, makeReport({ status: 'closed' }), 'accept', {}, NOW))).toMatchObject({
      code: 'invalid_transition',
      message: '当前状态下不能进行此操作',
    })
  })

  it('refuses a too-short note even when the note is optional', () => {
    expect(refused(decideMove(CAST.staff_here, makeReport(), 'accept', { note: '好' }, NOW))).toMatchObject({
      code: 'validation',
      fields: { note: '说明至少2个字' },
    })
  })
})

describe('validateMoveFields: the rules a handler’s device checks before sending a step', () => {
  it.each<[ReportMove, Parameters<typeof validateMoveFields>[1], Record<string, string>]>([
    ['reject', { reason: ' ' }, { reason: '请填写不予受理的理由，居民会看到它' }],
    ['assign', { note: '请尽快处理' }, { assignee: '请选择处置人或部门' }],
    ['transfer', { note: '转给物业' }, { target: '请选择转派给哪个网格或部门' }],
    ['progress', { note: '' }, { note: '请填写说明' }],
    ['resolve', {}, { note: '请填写说明' }],
    ['merge', {}, { intoReportId: '请选择要合并到的诉求' }],
  ])('%s with %j is refused: %j', (move, input, errors) => {
    expect(validateMoveFields(move, input)).toEqual(errors)
  })

  it('passes a step that carries what it needs; a choice is checked for being there, not resolved', () => {
    expect(validateMoveFields('accept', {})).toEqual({})
    expect(validateMoveFields('assign', { assignee: { kind: 'user', id: 'u-sun' } })).toEqual({})
    expect(validateMoveFields('transfer', { target: { kind: 'grid', id: 'g-2' }, note: '属于第二网格' })).toEqual({})
    expect(validateMoveFields('merge', { intoReportId: 'r-2' }, 'r-1')).toEqual({})
  })

  it('refuses merging a report into itself only when it knows which report it is', () => {
    expect(validateMoveFields('merge', { intoReportId: 'r-1' }, 'r-1')).toEqual({ intoReportId: '不能合并到自身' })
    expect(validateMoveFields('merge', { intoReportId: 'r-1' })).toEqual({})
  })

  it('is the rule decideMove applies', () => {
    const report = makeReport({ status: 'accepted' })
    const outcome = decideMove(CAST.staff_here, report, 'transfer', { note: '转给物业' }, NOW)
    expect(refused(outcome)).toMatchObject({ code: 'validation', fields: validateMoveFields('transfer', { note: '转给物业' }) })
  })
})
