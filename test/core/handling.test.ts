import type { RawMoveInput } from '../../src/core/services/handling'
import type { ReportMove } from '../../src/domain/report-status'
import { createWorld, DEMO, failure, OTHER, shapeOf, validReport, type BringTo, type World } from './support/world'

/**
 * The moves' rules at the service level: a move the status does not allow is a conflict, a move's
 * fields are checked with per-field messages, and nothing is written when a move is refused.
 */

let world: World
beforeAll(async () => {
  world = await createWorld()
})

/** A fresh report of 王秀兰 (grid g-2) at `status`. */
const reportAt = async (status: BringTo) => (await world.bring((await world.file(DEMO.wang)).id, status)).id

async function expectUnchanged(id: string, attempt: Promise<unknown>) {
  const before = await world.stored(id)
  const events = (await world.store.reports.listEvents(id)).length
  const error = await failure(attempt)
  expect(await world.stored(id)).toEqual(before)
  expect((await world.store.reports.listEvents(id)).length).toBe(events)
  return error
}

describe('the status machine: a move the status does not allow is a conflict', () => {
  const CASES: Array<[ReportMove, BringTo, string, RawMoveInput]> = [
    ['resolve', 'submitted', DEMO.zhang, { note: '已处理' }],
    ['progress', 'submitted', DEMO.sun, { note: '已上门' }],
    ['assign', 'submitted', DEMO.zhang, { assignee: { kind: 'user', id: DEMO.sun } }],
    ['accept', 'accepted', DEMO.sun, {}],
    ['reject', 'accepted', DEMO.zhang, { reason: '不属于本社区管辖' }],
    ['close', 'in_progress', DEMO.zhang, {}],
    ['merge', 'in_progress', DEMO.zhang, { intoReportId: 'r_any' }],
    ['accept', 'resolved', DEMO.zhang, {}],
    ['escalate', 'resolved', DEMO.zhang, {}],
    ['rate', 'in_progress', DEMO.wang, { rating: { level: 'satisfied', comment: '' } }],
  ]
  it.each(CASES)('%s on a %s report → conflict', async (move, status, by, input) => {
    const id = await reportAt(status)
    const error = await expectUnchanged(id, world.core.handling.move(await world.caller(by), id, move, input))
    expect(shapeOf(error)).toEqual({ kind: 'conflict', message: '当前状态下不能进行此操作', fields: {}, malformed: false })
  })

  it('refuses every move on a finished report', async () => {
    const id = await reportAt('submitted')
    await world.core.handling.move(await world.caller(DEMO.zhang), id, 'reject', { reason: '不属于本社区管辖' })
    for (const move of ['accept', 'reject', 'assign', 'transfer', 'progress', 'resolve', 'close', 'merge', 'escalate'] as const) {
      expect((await failure(world.core.handling.move(await world.caller(DEMO.zhang), id, move, {}))).kind).toBe('conflict')
    }
  })

  it('refuses an unknown move as malformed', async () => {
    const id = await reportAt('submitted')
    const error = await failure(world.core.handling.move(await world.caller(DEMO.zhang), id, 'fly' as ReportMove, {}))
    expect(shapeOf(error)).toEqual({ kind: 'validation', message: '不支持的操作', fields: { move: '不支持的操作' }, malformed: true })
  })
})

describe('a move’s fields', () => {
  const CASES: Array<[string, ReportMove, BringTo, RawMoveInput, Record<string, string>]> = [
    ['reject without a reason', 'reject', 'submitted', {}, { reason: '请填写不予受理的理由，居民会看到它' }],
    ['assign without an assignee', 'assign', 'accepted', {}, { assignee: '请选择处置人或部门' }],
    ['assign to an unknown department', 'assign', 'accepted', { assignee: { kind: 'department', id: 'd-nope' } }, { assignee: '部门不存在' }],
    ['assign to a grid worker of another grid', 'assign', 'accepted', { assignee: { kind: 'user', id: DEMO.liu } }, { assignee: '只能派给本网格的网格员或社区工作者' }],
    ['assign to a resident', 'assign', 'accepted', { assignee: { kind: 'user', id: DEMO.li } }, { assignee: '只能派给本网格的网格员或社区工作者' }],
    // Drift case (4): handlers of another community are nobody here.
    ['assign to a grid worker of another community', 'assign', 'accepted', { assignee: { kind: 'user', id: OTHER.gridWorker } }, { assignee: '只能派给本网格的网格员或社区工作者' }],
    ['assign to staff of another community', 'assign', 'accepted', { assignee: { kind: 'user', id: OTHER.staff } }, { assignee: '只能派给本网格的网格员或社区工作者' }],
    ['assign to a department of another community', 'assign', 'accepted', { assignee: { kind: 'department', id: OTHER.department } }, { assignee: '部门不存在' }],
    ['transfer without a target', 'transfer', 'submitted', { note: '转给第一网格' }, { target: '请选择转派给哪个网格或部门' }],
    ['transfer without a note', 'transfer', 'submitted', { target: { kind: 'grid', id: 'g-1' } }, { note: '请填写说明' }],
    ['transfer to a grid of another community', 'transfer', 'submitted', { target: { kind: 'grid', id: OTHER.grid }, note: '转走' }, { target: '网格不存在' }],
    ['transfer to an unknown department', 'transfer', 'submitted', { target: { kind: 'department', id: 'd-nope' }, note: '转走' }, { target: '部门不存在' }],
    ['progress without a note', 'progress', 'accepted', {}, { note: '请填写说明' }],
    ['progress with a one-character note', 'progress', 'accepted', { note: '好' }, { note: '说明至少2个字' }],
    ['resolve with a note too long', 'resolve', 'in_progress', { note: '长'.repeat(501) }, { note: '说明不能超过500个字' }],
    ['resolve with photos of somebody else', 'resolve', 'in_progress', { note: '已处理', photoIds: ['p_of_li'] }, { photoIds: '照片已失效，请重新选择' }],
    ['merge without a report', 'merge', 'submitted', {}, { intoReportId: '请选择要合并到的诉求' }],
    ['merge into an unknown report', 'merge', 'submitted', { intoReportId: 'r_nope' }, { intoReportId: '要合并到的诉求不存在或已结束' }],
    ['rate without a level', 'rate', 'resolved', { rating: { comment: '' } as never }, { level: '请选择满意程度' }],
    ['rate 不满意 without a comment', 'rate', 'resolved', { rating: { level: 'unsatisfied', comment: ' ' } }, { comment: '请告诉我们哪里不满意，以便重新办理' }],
  ]
  beforeAll(async () => {
    await world.core.photos.record(await world.caller(DEMO.li), { id: 'p_of_li', contentType: 'image/jpeg', bytes: 10 })
  })
  it.each(CASES)('%s → validation', async (_name, move, status, input, fields) => {
    const id = await reportAt(status)
    const by = move === 'rate' ? DEMO.wang : DEMO.zhang
    const error = await expectUnchanged(id, world.core.handling.move(await world.caller(by), id, move, input))
    expect(shapeOf(error)).toEqual({ kind: 'validation', message: Object.values(fields)[0], fields, malformed: false })
  })

  it('refuses merging into itself, into a finished report and into another community’s', async () => {
    const id = await reportAt('submitted')
    const staff = await world.caller(DEMO.zhang)
    expect((await failure(world.core.handling.move(staff, id, 'merge', { intoReportId: id }))).fields).toEqual({ intoReportId: '不能合并到自身' })
    const finished = await reportAt('submitted')
    await world.core.handling.move(staff, finished, 'reject', { reason: '重复反映' })
    const foreign = (await world.file(OTHER.resident)).id
    for (const into of [finished, foreign]) {
      expect((await failure(world.core.handling.move(staff, id, 'merge', { intoReportId: into }))).fields).toEqual({ intoReportId: '要合并到的诉求不存在或已结束' })
    }
    expect((await world.stored(id)).status).toBe('submitted')
  })

  it('refuses a resident before looking at what they sent (forbidden, not validation)', async () => {
    const id = await reportAt('submitted')
    for (const move of ['accept', 'reject', 'assign', 'escalate', 'close', 'merge'] as const) {
      const error = await expectUnchanged(id, world.core.handling.move(await world.caller(DEMO.wang), id, move, {}))
      expect(`${move} ${error.kind}`).toBe(`${move} forbidden`)
    }
  })
})

describe('what a move does', () => {
  it('assigns to a grid worker of the grid, to staff, or to a department', async () => {
    const staff = await world.caller(DEMO.zhang)
    for (const [assignee, name] of [
      [{ kind: 'user', id: DEMO.sun }, '孙丽'],
      [{ kind: 'user', id: DEMO.zhang }, '张敏'],
      [{ kind: 'department', id: 'd-property' }, '物业服务中心'],
    ] as const) {
      const id = await reportAt('accepted')
      const detail = await world.core.handling.move(staff, id, 'assign', { assignee })
      expect(detail.report).toMatchObject({ status: 'in_progress', assignee: { ...assignee, name } })
    }
  })

  it('transfers to another grid, whose worker then handles it and the first one no longer reads it', async () => {
    const id = await reportAt('submitted')
    await world.core.handling.move(await world.caller(DEMO.sun), id, 'transfer', { target: { kind: 'grid', id: 'g-1' }, note: '属于第一网格' })
    expect(await world.stored(id)).toMatchObject({ gridId: 'g-1', status: 'transferred' })
    expect((await failure(world.core.reports.get(await world.caller(DEMO.sun), id))).kind).toBe('not_found')
    expect((await world.core.handling.move(await world.caller(DEMO.liu), id, 'accept', {})).report.status).toBe('accepted')
  })

  it('reopens on 不满意 with the category’s full span again, every time', async () => {
    const id = await reportAt('resolved')
    const wang = await world.caller(DEMO.wang)
    for (let round = 1; round <= 2; round++) {
      world.clock.advanceHours(100)
      const at = world.clock.peek().getTime()
      const detail = await world.core.handling.move(wang, id, 'rate', { rating: { level: 'unsatisfied', comment: '还是有坑' } })
      expect(detail.report).toMatchObject({ status: 'reopened', reopenCount: round })
      expect(Date.parse(detail.report.deadlineAt)).toBe(at + 72 * 3_600_000)
      expect(detail.report.resolvedAt).toBeUndefined()
      expect(detail.timeline[detail.timeline.length - 1]).toMatchObject({ action: 'rate', note: '不满意：还是有坑', actorRole: 'resident' })
      await world.core.handling.move(await world.caller(DEMO.zhang), id, 'assign', { assignee: { kind: 'user', id: DEMO.sun } })
      await world.core.handling.move(await world.caller(DEMO.sun), id, 'resolve', { note: '重新修好了' })
    }
  })

  it('keeps an escalation memo from the resident and shows it to handlers', async () => {
    const id = await reportAt('accepted')
    const detail = await world.core.handling.move(await world.caller(DEMO.zhang), id, 'escalate', { note: '请加快处理' })
    expect(detail.report).toMatchObject({ status: 'accepted', escalated: true })
    const forResident = await world.core.reports.get(await world.caller(DEMO.wang), id)
    expect(forResident.timeline.map((e) => e.action)).toEqual(['submit', 'accept'])
    const forHandler = await world.core.reports.get(await world.caller(DEMO.sun), id)
    expect(forHandler.timeline.map((e) => e.action)).toEqual(['submit', 'accept', 'escalate'])
  })

  it('offers each viewer the moves they may make now', async () => {
    const id = await reportAt('submitted')
    expect((await world.core.reports.get(await world.caller(DEMO.wang), id)).allowedActions).toEqual([])
    expect((await world.core.reports.get(await world.caller(DEMO.sun), id)).allowedActions).toEqual(['accept', 'transfer'])
    expect((await world.core.reports.get(await world.caller(DEMO.zhang), id)).allowedActions).toEqual(['accept', 'reject', 'transfer', 'merge', 'escalate'])
  })

  it('answers the second of two racing moves with conflict', async () => {
    const id = await reportAt('submitted')
    const [first, second] = await Promise.allSettled([
      world.core.handling.move(await world.caller(DEMO.zhang), id, 'reject', { reason: '不属于本社区管辖' }),
      world.core.handling.move(await world.caller(DEMO.sun), id, 'accept', {}),
    ])
    expect(first.status).toBe('fulfilled')
    expect(second.status === 'rejected' && (second.reason as { kind: string }).kind).toBe('conflict')
    expect((await world.stored(id)).status).toBe('rejected')
  })
})

describe('whom a handler calls about a report', () => {
  it('is the household’s resident for 代报 when one is registered, else the filer; a resident never sees a number', async () => {
    const zhou = await world.caller(DEMO.zhou)
    const zhang = await world.caller(DEMO.zhang)
    // For 王秀兰's household (registered): her, as its reporter.
    const known = await world.core.reports.submitOnBehalf(zhou, validReport('cat-road', { onBehalfOf: { buildingId: 'b-3', room: '201' } }), world.key())
    expect(await world.core.handling.reporterPhone(zhang, known.report.id, { reason: 'follow_up' })).toEqual({ name: '王秀兰', phone: '13800000001', relation: 'reporter' })
    // For a household where nobody signed up (the number typed in was kept masked only): the leader who filed it.
    const unknown = await world.core.reports.submitOnBehalf(
      zhou,
      validReport('cat-road', { onBehalfOf: { buildingId: 'b-3', room: '402', name: '孙大爷', phone: '13912345678' } }),
      world.key(),
    )
    expect(await world.core.handling.reporterPhone(zhang, unknown.report.id, { reason: 'follow_up' })).toEqual({ name: '周桂芳', phone: '13800000005', relation: 'filer' })
    const seen = await world.core.reports.get(zhang, unknown.report.id)
    expect(seen.contact).toEqual({ name: '周桂芳', phoneMasked: '138****0005', relation: 'filer' })
    // The filer reads the report but does not handle it: no number, no contact.
    expect((await failure(world.core.handling.reporterPhone(zhou, unknown.report.id, { reason: 'follow_up' }))).kind).toBe('forbidden')
    expect(await world.core.reports.get(zhou, unknown.report.id)).not.toHaveProperty('contact')
    // Neither does the household's resident reading her own report.
    expect(await world.core.reports.get(await world.caller(DEMO.wang), known.report.id)).not.toHaveProperty('contact')
  })

  it('says so when nobody reachable has a number', async () => {
    // A WeChat user has no number until households are bound.
    await world.store.users.upsertWeChatUser({ id: 'u-wx-nophone', openid: 'o-nophone', name: '微信用户', at: new Date().toISOString() })
    await world.store.users.setCommunity('u-wx-nophone', DEMO.community)
    const report = await world.file('u-wx-nophone')
    const zhang = await world.caller(DEMO.zhang)
    const error = await failure(world.core.handling.reporterPhone(zhang, report.id, { reason: 'follow_up' }))
    expect({ kind: error.kind, message: error.message }).toEqual({ kind: 'not_found', message: '反映人没有登记电话号码' })
    expect(await world.core.reports.get(zhang, report.id)).not.toHaveProperty('contact')
  })
})
