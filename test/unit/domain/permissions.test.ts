import type { ReportStatus } from '../../../types/domain'
import { allowedMoves, canHandleReport, canReadReport, refuseMove } from '../../../src/domain/permissions'
import type { ReportMove } from '../../../src/domain/report-status'
import { CAST, makeReport, type CastMember } from '../support/domain-fixtures'

type Code = null | 'forbidden' | 'invalid_transition'
const ok: Code = null
const F: Code = 'forbidden'

/** A status from which each move is structurally allowed, so only "who" decides. */
const ALLOWED_FROM: Record<ReportMove, ReportStatus> = {
  accept: 'submitted',
  reject: 'submitted',
  assign: 'accepted',
  transfer: 'submitted',
  progress: 'accepted',
  resolve: 'in_progress',
  rate: 'resolved',
  close: 'resolved',
  merge: 'submitted',
  escalate: 'submitted',
}

/*
 * Written by hand: handlers (staff of the community, grid worker of the report's grid) accept,
 * assign, transfer, progress and resolve; only staff of the community reject, close, merge and
 * escalate; only the reporter rates. Everyone out of scope — and every resident, building leader
 * and admin — is forbidden.
 */
const EXPECTED: Record<ReportMove, Record<CastMember, Code>> = {
  accept: { reporter: F, resident: F, building_leader: F, grid_worker_here: ok, grid_worker_elsewhere: F, staff_here: ok, staff_elsewhere: F, admin: F },
  reject: { reporter: F, resident: F, building_leader: F, grid_worker_here: F, grid_worker_elsewhere: F, staff_here: ok, staff_elsewhere: F, admin: F },
  assign: { reporter: F, resident: F, building_leader: F, grid_worker_here: ok, grid_worker_elsewhere: F, staff_here: ok, staff_elsewhere: F, admin: F },
  transfer: { reporter: F, resident: F, building_leader: F, grid_worker_here: ok, grid_worker_elsewhere: F, staff_here: ok, staff_elsewhere: F, admin: F },
  progress: { reporter: F, resident: F, building_leader: F, grid_worker_here: ok, grid_worker_elsewhere: F, staff_here: ok, staff_elsewhere: F, admin: F },
  resolve: { reporter: F, resident: F, building_leader: F, grid_worker_here: ok, grid_worker_elsewhere: F, staff_here: ok, staff_elsewhere: F, admin: F },
  rate: { reporter: ok, resident: F, building_leader: F, grid_worker_here: F, grid_worker_elsewhere: F, staff_here: F, staff_elsewhere: F, admin: F },
  close: { reporter: F, resident: F, building_leader: F, grid_worker_here: F, grid_worker_elsewhere: F, staff_here: ok, staff_elsewhere: F, admin: F },
  merge: { reporter: F, resident: F, building_leader: F, grid_worker_here: F, grid_worker_elsewhere: F, staff_here: ok, staff_elsewhere: F, admin: F },
  escalate: { reporter: F, resident: F, building_leader: F, grid_worker_here: F, grid_worker_elsewhere: F, staff_here: ok, staff_elsewhere: F, admin: F },
}

const codeOf = (who: CastMember, move: ReportMove, status: ReportStatus): Code =>
  refuseMove(CAST[who], makeReport({ status }), move)?.code ?? null

describe('refuseMove: who may make each move', () => {
  const cases = (Object.keys(EXPECTED) as ReportMove[]).flatMap((move) =>
    (Object.keys(EXPECTED[move]) as CastMember[]).map((who) => [move, who, EXPECTED[move][who]] as const),
  )

  it.each(cases)('%s by %s → %s', (move, who, expected) => {
    expect(codeOf(who, move, ALLOWED_FROM[move])).toBe(expected)
  })

  it('gives a Chinese message with every refusal', () => {
    const refusal = refuseMove(CAST.resident, makeReport(), 'accept')
    expect(refusal).toEqual({ code: 'forbidden', message: '您没有权限进行此操作' })
    expect(refuseMove(CAST.staff_here, makeReport({ status: 'resolved' }), 'rate')).toEqual({
      code: 'forbidden',
      message: '只有提交人可以评价',
    })
  })
})

describe('refuseMove: when the status does not allow the move', () => {
  it.each([
    ['staff_here', 'accept', 'closed'],
    ['staff_here', 'accept', 'in_progress'],
    ['staff_here', 'reject', 'accepted'],
    ['staff_here', 'close', 'in_progress'],
    ['staff_here', 'merge', 'in_progress'],
    ['staff_here', 'escalate', 'resolved'],
    ['grid_worker_here', 'resolve', 'accepted'],
    ['grid_worker_here', 'assign', 'submitted'],
    ['grid_worker_here', 'progress', 'submitted'],
    ['grid_worker_here', 'transfer', 'transferred'],
    ['reporter', 'rate', 'in_progress'],
    ['reporter', 'rate', 'closed'],
  ] as Array<[CastMember, ReportMove, ReportStatus]>)('%s making %s on a %s report → invalid_transition', (who, move, status) => {
    expect(codeOf(who, move, status)).toBe('invalid_transition')
  })

  it('reports forbidden before invalid_transition for someone who may never make the move', () => {
    expect(codeOf('resident', 'accept', 'closed')).toBe('forbidden')
    expect(codeOf('grid_worker_elsewhere', 'resolve', 'accepted')).toBe('forbidden')
    expect(codeOf('staff_here', 'rate', 'in_progress')).toBe('forbidden')
  })

  it('refuses every move on a terminal report, even to the community staff', () => {
    for (const status of ['closed', 'rejected', 'merged'] as ReportStatus[]) {
      expect(allowedMoves(CAST.staff_here, makeReport({ status }))).toEqual([])
      expect(allowedMoves(CAST.reporter, makeReport({ status }))).toEqual([])
    }
  })
})

describe('rating', () => {
  it('is for the reporter only, whatever roles they hold', () => {
    const staffReporter = { ...CAST.staff_here, id: CAST.reporter.id }
    expect(refuseMove(staffReporter, makeReport({ status: 'resolved' }), 'rate')).toBeNull()
    expect(refuseMove(CAST.staff_here, makeReport({ status: 'resolved' }), 'rate')?.code).toBe('forbidden')
    expect(refuseMove(CAST.admin, makeReport({ status: 'resolved' }), 'rate')?.code).toBe('forbidden')
  })

  it('is not open to the person who filed it on the reporter’s behalf', () => {
    const report = makeReport({ status: 'resolved', filedBy: { id: CAST.building_leader.id, name: '楼栋长' } })
    expect(refuseMove(CAST.building_leader, report, 'rate')?.code).toBe('forbidden')
  })
})

describe('canReadReport', () => {
  const report = makeReport()

  it.each([
    ['reporter', true],
    ['staff_here', true],
    ['grid_worker_here', true],
    ['resident', false],
    ['building_leader', false],
    ['grid_worker_elsewhere', false],
    ['staff_elsewhere', false],
    ['admin', false],
  ] as Array<[CastMember, boolean]>)('%s may read: %s', (who, expected) => {
    expect(canReadReport(CAST[who], report)).toBe(expected)
  })

  it('lets the person who filed a report on someone’s behalf read it', () => {
    const filed = makeReport({ filedBy: { id: CAST.building_leader.id, name: '楼栋长' } })
    expect(canReadReport(CAST.building_leader, filed)).toBe(true)
  })

  it('does not let a grid worker of the right grid id in another community read it', () => {
    const outsider = { ...CAST.grid_worker_here, communityId: 'c-elsewhere' }
    expect(canReadReport(outsider, report)).toBe(false)
  })
})

describe('canHandleReport', () => {
  it('is true only for staff of the community and the grid worker of the report’s grid', () => {
    const report = makeReport()
    const handlers = (Object.keys(CAST) as CastMember[]).filter((who) => canHandleReport(CAST[who], report))
    expect(handlers.sort()).toEqual(['grid_worker_here', 'staff_here'])
  })

  it('does not make the reporter a handler of their own report', () => {
    expect(canHandleReport(CAST.reporter, makeReport())).toBe(false)
  })
})

describe('allowedMoves', () => {
  it('offers the community staff everything open on a submitted report', () => {
    expect([...allowedMoves(CAST.staff_here, makeReport({ status: 'submitted' }))].sort()).toEqual(
      ['accept', 'escalate', 'merge', 'reject', 'transfer'].sort(),
    )
  })

  it('offers the grid worker only handling moves (no reject, merge or escalate)', () => {
    expect([...allowedMoves(CAST.grid_worker_here, makeReport({ status: 'submitted' }))].sort()).toEqual(['accept', 'transfer'])
    expect([...allowedMoves(CAST.grid_worker_here, makeReport({ status: 'in_progress' }))].sort()).toEqual([
      'progress',
      'resolve',
      'transfer',
    ])
  })

  it('offers the reporter rating on a resolved report and nothing before', () => {
    expect(allowedMoves(CAST.reporter, makeReport({ status: 'resolved' }))).toEqual(['rate'])
    expect(allowedMoves(CAST.reporter, makeReport({ status: 'in_progress' }))).toEqual([])
  })

  it('offers staff close but not rate on a resolved report', () => {
    expect(allowedMoves(CAST.staff_here, makeReport({ status: 'resolved' }))).toEqual(['close'])
  })

  it('offers nothing to people out of scope', () => {
    for (const who of ['resident', 'building_leader', 'grid_worker_elsewhere', 'staff_elsewhere', 'admin'] as CastMember[]) {
      expect(allowedMoves(CAST[who], makeReport({ status: 'accepted' }))).toEqual([])
    }
  })
})
