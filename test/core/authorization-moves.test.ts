import type { RawMoveInput } from '../../src/core/services/handling'
import type { ReportMove } from '../../src/domain/report-status'
import type { ReportStatus } from '../../types/domain'
import { all, cells, only, ROLE, type Expected, type Role } from './support/matrix'
import { createWorld, DEMO, failure, OTHER, outcomeOf, type BringTo, type World } from './support/world'

/**
 * Every move × every role × (their own report, a neighbour's report, a report of another
 * community), each on a report of its own brought to a status the move may start from — so the
 * only thing that decides is who asks. Not readable → not_found; readable without the right →
 * forbidden. An accepted move really moved the report; a refused one left it as it was.
 */

type ReportObject = 'own' | 'neighbour' | 'foreign'
type MoveClass = 'handler' | 'staffOnly' | 'rate'

const MOVES: Record<ReportMove, { from: BringTo; to: ReportStatus; kind: MoveClass }> = {
  accept: { from: 'submitted', to: 'accepted', kind: 'handler' },
  assign: { from: 'accepted', to: 'in_progress', kind: 'handler' },
  transfer: { from: 'submitted', to: 'transferred', kind: 'handler' },
  progress: { from: 'accepted', to: 'accepted', kind: 'handler' },
  resolve: { from: 'in_progress', to: 'resolved', kind: 'handler' },
  reject: { from: 'submitted', to: 'rejected', kind: 'staffOnly' },
  merge: { from: 'submitted', to: 'merged', kind: 'staffOnly' },
  escalate: { from: 'submitted', to: 'submitted', kind: 'staffOnly' },
  close: { from: 'resolved', to: 'closed', kind: 'staffOnly' },
  rate: { from: 'resolved', to: 'closed', kind: 'rate' },
}

// Handlers without a home file into their community's first grid: g-1 in the demo community (so
// 孙丽's own report is outside her grid g-2 and 刘伟's inside his), g-x1 in the other one.
const EXPECTED: Record<ReportObject, Record<MoveClass, Expected>> = {
  own: {
    handler: only({ gridOut: 'ok', staff: 'ok', otherStaff: 'ok', otherGrid: 'ok' }, 'forbidden'),
    staffOnly: only({ staff: 'ok', otherStaff: 'ok' }, 'forbidden'),
    rate: all('ok'),
  },
  neighbour: {
    handler: only({ gridIn: 'ok', staff: 'ok' }, 'not_found'),
    staffOnly: only({ gridIn: 'forbidden', staff: 'ok' }, 'not_found'),
    rate: only({ gridIn: 'forbidden', staff: 'forbidden' }, 'not_found'),
  },
  foreign: {
    handler: only({ otherStaff: 'ok', otherGrid: 'ok' }, 'not_found'),
    staffOnly: only({ otherStaff: 'ok', otherGrid: 'forbidden' }, 'not_found'),
    rate: only({ otherStaff: 'forbidden', otherGrid: 'forbidden' }, 'not_found'),
  },
}

const OBJECTS: ReportObject[] = ['own', 'neighbour', 'foreign']
const ROWS = (Object.keys(MOVES) as ReportMove[]).flatMap((move) =>
  OBJECTS.map((object) => ({ name: `${move} on ${object} report`, move, object, expected: EXPECTED[object][MOVES[move].kind] })),
)

let world: World
const fixture = new Map<string, string>()
const mergeInto: Record<string, string> = {}
const cellKey = (move: ReportMove, object: ReportObject, role: Role) => `${move}|${object}|${role}`

/** What each move carries, valid in the report's community. */
function payload(move: ReportMove, communityId: string | null): RawMoveInput {
  const other = communityId === OTHER.community
  switch (move) {
    case 'accept':
      return {}
    case 'assign':
      return { assignee: { kind: 'user', id: other ? OTHER.staff : DEMO.zhang }, note: '请尽快处理' }
    case 'transfer':
      return { target: { kind: 'department', id: other ? OTHER.department : 'd-property' }, note: '转交物业处理' }
    case 'progress':
      return { note: '已上门查看' }
    case 'resolve':
      return { note: '已处理完毕' }
    case 'reject':
      return { reason: '不属于本社区管辖' }
    case 'merge':
      return { intoReportId: mergeInto[communityId ?? DEMO.community] }
    case 'escalate':
      return { note: '请加快处理' }
    case 'close':
      return {}
    case 'rate':
      return { rating: { level: 'satisfied', comment: '很满意' } }
  }
}

beforeAll(async () => {
  world = await createWorld()
  mergeInto[DEMO.community] = (await world.file(DEMO.chen)).id
  mergeInto[OTHER.community] = (await world.file(OTHER.housemate)).id
  for (const row of ROWS) {
    for (const role of Object.keys(ROLE) as Role[]) {
      const by = row.object === 'own' ? ROLE[role] : row.object === 'neighbour' ? DEMO.li : OTHER.resident
      const report = await world.file(by)
      await world.bring(report.id, MOVES[row.move].from)
      fixture.set(cellKey(row.move, row.object, role), report.id)
    }
  }
})

describe('authorization matrix: every move × role × own / neighbour’s / other community’s report', () => {
  it.each(cells(ROWS))('%s as %s → %s', async (_name, role, expected, row) => {
    const id = fixture.get(cellKey(row.move, row.object, role))!
    const before = await world.stored(id)
    expect(before.status).toBe(MOVES[row.move].from)
    const eventsBefore = (await world.store.reports.listEvents(id)).length
    const caller = await world.caller(ROLE[role])
    const attempt = world.core.handling.move(caller, id, row.move, payload(row.move, before.communityId))

    if (expected === 'ok') {
      const detail = await attempt
      expect(detail.report.id).toBe(id)
      expect(detail.report.status).toBe(MOVES[row.move].to)
      expect(detail.timeline[detail.timeline.length - 1]).toMatchObject({ action: row.move, actorId: ROLE[role] })
      const after = await world.stored(id)
      expect(after).toMatchObject({ status: MOVES[row.move].to, version: before.version + 1 })
      expect((await world.store.reports.listEvents(id)).length).toBe(eventsBefore + 1)
      return
    }
    const error = await failure(attempt)
    expect(error.kind).toBe(expected)
    if (expected === 'not_found') expect(error.message).toBe('诉求不存在或您无权查看')
    if (expected === 'forbidden') expect(error.message).toBe(row.move === 'rate' ? '只有提交人可以评价' : '您没有权限进行此操作')
    expect(await world.stored(id)).toEqual(before)
    expect((await world.store.reports.listEvents(id)).length).toBe(eventsBefore)
  })
})

describe('a report that does not exist', () => {
  it.each(Object.keys(ROLE) as Role[])('answers not_found to every move and read, as %s', async (role) => {
    const caller = await world.caller(ROLE[role])
    for (const move of Object.keys(MOVES) as ReportMove[]) {
      expect(await outcomeOf(world.core.handling.move(caller, 'r_nope', move, payload(move, caller.user.communityId)))).toBe('not_found')
    }
    expect(await outcomeOf(world.core.reports.get(caller, 'r_nope'))).toBe('not_found')
    expect(await outcomeOf(world.core.reports.meToo(caller, 'r_nope'))).toBe('not_found')
  })
})
