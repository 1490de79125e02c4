import { png as pngImage } from './support/images'
import { DEMO, expectError, startWorld, type World } from './support/world'

let world: World
beforeAll(async () => {
  world = await startWorld()
})
afterAll(() => world.close())

const act = (headers: Record<string, string>, id: string, move: string, payload?: object) =>
  world.inject({ method: 'POST', url: `/api/v1/reports/${id}/actions/${move}`, headers, ...(payload ? { payload } : {}) })

describe('concurrent moves', () => {
  it('lets exactly one of 4 concurrent accepts win; the others get 409 conflict', async () => {
    const id = await world.file(await world.as(DEMO.owner))
    const staff = await world.as(DEMO.staff)
    const worker = await world.as(DEMO.gridWorker2)
    const responses = await Promise.all([act(staff, id, 'accept'), act(worker, id, 'accept'), act(staff, id, 'accept'), act(worker, id, 'accept')])
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409])
    for (const r of responses.filter((x) => x.statusCode === 409)) expectError(r, 409, 'conflict')
    const detail = (await world.inject({ url: `/api/v1/reports/${id}`, headers: staff })).json()
    expect(detail.report).toMatchObject({ status: 'accepted', version: 2 })
    expect(detail.timeline.filter((e: { action: string }) => e.action === 'accept')).toHaveLength(1)
  })

  it('serialises different conflicting moves too: accept against reject', async () => {
    const id = await world.file(await world.as(DEMO.owner))
    const staff = await world.as(DEMO.staff)
    const worker = await world.as(DEMO.gridWorker2)
    const reason = { reason: '不属于本社区管辖范围' }
    const responses = await Promise.all([act(staff, id, 'reject', reason), act(worker, id, 'accept'), act(staff, id, 'reject', reason), act(staff, id, 'accept')])
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409])
    const [{ count }] = await world.db.query<{ count: number }>("SELECT count(*)::int AS count FROM report_events WHERE report_id = $1 AND action <> 'submit'", [id])
    expect(count).toBe(1)
  })
})

describe('the handling loop', () => {
  it('goes accept → assign → progress (with a photo) → resolve, each step on the timeline', async () => {
    const owner = await world.as(DEMO.owner)
    const id = await world.file(owner)
    const staff = await world.as(DEMO.staff)
    const worker = await world.as(DEMO.gridWorker2)
    expect((await act(staff, id, 'accept', { note: '已受理' })).json().report.acceptedAt).toBeDefined()
    const assigned = await act(staff, id, 'assign', { assignee: { kind: 'user', id: 'u-sun' }, note: '请今天上门' })
    expect(assigned.json().report).toMatchObject({ status: 'in_progress', assignee: { kind: 'user', id: 'u-sun', name: '孙丽' } })
    const png = pngImage(1, 1)
    const boundary = 'b0undary'
    const upload = await world.inject({
      method: 'POST',
      url: '/api/v1/photos',
      headers: { ...worker, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
        png,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    })
    expect(upload.statusCode).toBe(201)
    const photoId = upload.json().id
    const progressed = await act(worker, id, 'progress', { note: '已到现场查看', photoIds: [photoId] })
    expect(progressed.statusCode).toBe(200)
    const step = progressed.json().timeline.at(-1)
    expect(step).toMatchObject({ action: 'progress', fromStatus: 'in_progress', toStatus: 'in_progress', actorRole: 'grid_worker', note: '已到现场查看' })
    expect(step.photos).toEqual([expect.objectContaining({ id: photoId, width: 1, height: 1 })])
    expect(step.photos[0].url).toMatch(new RegExp(`^http://[^/]+/files/photos/${photoId}\\?exp=\\d+&sig=[A-Za-z0-9_-]+$`))
    // Another handler cannot attach the worker's photo.
    expectError(await act(staff, id, 'progress', { note: '补充一张照片', photoIds: [photoId] }), 422, 'validation', ['photoIds'])
    const resolved = await act(worker, id, 'resolve', { note: '已修复完毕' })
    expect(resolved.json().report.status).toBe('resolved')
    expect(resolved.json().report.resolvedAt).toBeDefined()
    const mine = (await world.inject({ url: `/api/v1/reports/${id}`, headers: owner })).json()
    expect(mine.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept', 'assign', 'progress', 'resolve'])
    expect(mine.allowedActions).toEqual(['rate'])
  })

  it('takes a move with no body, or an empty one under Content-Type: application/json (as wx.request sends it)', async () => {
    const staff = await world.as(DEMO.staff)
    const bare = await world.file(await world.as(DEMO.owner))
    expect((await world.inject({ method: 'POST', url: `/api/v1/reports/${bare}/actions/accept`, headers: staff })).statusCode).toBe(200)
    const typed = await world.file(await world.as(DEMO.owner))
    const response = await world.inject({
      method: 'POST',
      url: `/api/v1/reports/${typed}/actions/accept`,
      headers: { ...staff, 'content-type': 'application/json' },
      payload: '',
    })
    expect(response.statusCode).toBe(200)
    const meToo = await world.inject({
      method: 'POST',
      url: `/api/v1/reports/${typed}/me-too`,
      headers: { ...(await world.as(DEMO.neighbour)), 'content-type': 'application/json' },
      payload: '',
    })
    expect(meToo.statusCode).toBe(200)
  })

  it('validates what a move carries with the domain’s messages (422), after checking who may make it', async () => {
    const id = await world.file(await world.as(DEMO.owner))
    const staff = await world.as(DEMO.staff)
    expectError(await act(staff, id, 'reject', {}), 422, 'validation', ['reason'])
    expectError(await act(staff, id, 'reject', { reason: '' }), 422, 'validation', ['reason'])
    expectError(await act(staff, id, 'transfer', { target: { kind: 'grid', id: 'g-9' }, note: '转到其他网格' }), 422, 'validation', ['target'])
    expectError(await act(staff, id, 'transfer', { target: { kind: 'grid', id: 'g-1' } }), 422, 'validation', ['note'])
    expectError(await act(staff, id, 'merge', { intoReportId: id }), 422, 'validation', ['intoReportId'])
    expectError(await act(staff, id, 'merge', { intoReportId: 'r_nothing' }), 422, 'validation', ['intoReportId'])
    await act(staff, id, 'accept')
    expectError(await act(staff, id, 'assign', { assignee: { kind: 'user', id: 'u-liu' } }), 422, 'validation', ['assignee'])
    expectError(await act(staff, id, 'assign', { assignee: { kind: 'department', id: 'd-none' } }), 422, 'validation', ['assignee'])
    expectError(await act(staff, id, 'assign', {}), 422, 'validation', ['assignee'])
    // A resident is refused before the body is looked at: 403, not 422.
    expectError(await act(await world.as(DEMO.owner), id, 'reject', {}), 403, 'forbidden')
  })

  it('transfers to another grid: the old grid worker loses it, the new one sees it', async () => {
    const id = await world.file(await world.as(DEMO.owner))
    const staff = await world.as(DEMO.staff)
    const moved = await act(staff, id, 'transfer', { target: { kind: 'grid', id: 'g-3' }, note: '属于第三网格' })
    expect(moved.json().report).toMatchObject({ status: 'transferred', gridId: 'g-3' })
    expectError(await world.inject({ url: `/api/v1/reports/${id}`, headers: await world.as(DEMO.gridWorker2) }), 404, 'not_found')
    expect((await act(await world.as(DEMO.gridWorker3), id, 'accept')).statusCode).toBe(200)
  })

  it('keeps 督办 (escalate) internal: handlers see it, the resident does not', async () => {
    const owner = await world.as(DEMO.owner)
    const id = await world.file(owner)
    const staff = await world.as(DEMO.staff)
    expect((await act(staff, id, 'escalate', { note: '请尽快处理' })).json().report.escalated).toBe(true)
    const forStaff = (await world.inject({ url: `/api/v1/reports/${id}`, headers: staff })).json()
    expect(forStaff.timeline.map((e: { action: string }) => e.action)).toContain('escalate')
    const forOwner = (await world.inject({ url: `/api/v1/reports/${id}`, headers: owner })).json()
    expect(forOwner.timeline.map((e: { action: string }) => e.action)).not.toContain('escalate')
    expect(forOwner.report.escalated).toBe(true)
  })

  it('merges a duplicate into an open report', async () => {
    const owner = await world.as(DEMO.owner)
    const keep = await world.file(owner)
    const dup = await world.file(owner)
    const merged = await act(await world.as(DEMO.staff), dup, 'merge', { intoReportId: keep, note: '与另一条重复' })
    expect(merged.json().report).toMatchObject({ status: 'merged', mergedIntoId: keep })
  })
})

describe('the inbox', () => {
  const inbox = async (userId: string, query = '') => {
    const response = await world.inject({ url: `/api/v1/inbox?limit=50${query}`, headers: await world.as(userId) })
    expect(response.statusCode).toBe(200)
    return response.json().items as Array<{ id: string; gridId: string; status: string; categoryId: string; escalated: boolean; deadlineAt: string }>
  }

  it('shows staff the whole community and a grid worker only their grid', async () => {
    const all = await inbox(DEMO.staff)
    expect(new Set(all.map((i) => i.gridId))).toEqual(new Set(['g-1', 'g-2', 'g-3']))
    const g2 = await inbox(DEMO.gridWorker2)
    expect(g2.length).toBeGreaterThan(0)
    expect(g2.every((i) => i.gridId === 'g-2')).toBe(true)
    expect((await inbox(DEMO.gridWorker1)).every((i) => i.gridId === 'g-1')).toBe(true)
  })

  it('filters by status list, category, grid, overdue and escalated', async () => {
    expect((await inbox(DEMO.staff, '&status=submitted,accepted')).every((i) => ['submitted', 'accepted'].includes(i.status))).toBe(true)
    expect((await inbox(DEMO.staff, '&categoryId=cat-water')).every((i) => i.categoryId === 'cat-water')).toBe(true)
    expect((await inbox(DEMO.staff, '&gridId=g-3')).every((i) => i.gridId === 'g-3')).toBe(true)
    const overdue = await inbox(DEMO.staff, '&overdueOnly=true')
    expect(overdue.length).toBeGreaterThan(0)
    expect(overdue.every((i) => Date.parse(i.deadlineAt) < Date.now() && !['resolved', 'closed', 'rejected', 'merged'].includes(i.status))).toBe(true)
    expect((await inbox(DEMO.staff, '&escalatedOnly=true')).every((i) => i.escalated)).toBe(true)
    expectError(await world.inject({ url: '/api/v1/inbox?status=submitted,flying', headers: await world.as(DEMO.staff) }), 400, 'validation', ['status'])
    expectError(await world.inject({ url: '/api/v1/inbox?overdueOnly=yes', headers: await world.as(DEMO.staff) }), 400, 'validation', ['overdueOnly'])
  })

  it('puts overdue first, finished last', async () => {
    const items = await inbox(DEMO.staff)
    const rank = (i: { status: string; deadlineAt: string }) =>
      ['closed', 'rejected', 'merged'].includes(i.status) ? 3 : i.status === 'resolved' ? 2 : Date.parse(i.deadlineAt) < Date.now() ? 0 : 1
    expect(items.map(rank)).toEqual([...items.map(rank)].sort())
    expect(rank(items[0])).toBe(0)
  })

  it('gives handlers the reply templates, and the directory their colleagues', async () => {
    const templates = await world.inject({ url: '/api/v1/reply-templates', headers: await world.as(DEMO.gridWorker1) })
    expect(templates.json().map((t: { id: string }) => t.id)).toEqual(['tpl-accept', 'tpl-visit', 'tpl-done'])
    const forStaff = (await world.inject({ url: '/api/v1/community', headers: await world.as(DEMO.staff) })).json()
    expect(forStaff.handlers.map((h: { id: string }) => h.id)).toEqual(['u-liu', 'u-sun', 'u-wu', 'u-zhang'])
    expect(forStaff.categories[0]).toEqual({ id: 'cat-road', name: '道路破损', guidance: '请拍下破损位置，注明靠近哪栋楼', deadlineHours: 72 })
    expect(forStaff.categories.find((c: { id: string }) => c.id === 'cat-gas').emergency.phone).toBe('119')
    const forResident = (await world.inject({ url: '/api/v1/community', headers: await world.as(DEMO.owner) })).json()
    expect(forResident.handlers).toEqual([])
    expect(forResident.community).toEqual({ id: 'c-yingyue', name: '映月社区', kind: 'community', district: '无锡市锡山区东亭街道', streetId: 's-dongting', streetName: '东亭街道' })
    expect(forResident.buildings.map((b: { id: string }) => b.id)).toEqual(['b-1', 'b-2', 'b-3', 'b-5', 'b-8'])
  })
})

describe('the reporter’s number (POST /reports/:id/reporter-phone with a reason)', () => {
  it('answers the report’s handler in full, never cached, and records the reveal; typed 4xx to everyone else', async () => {
    const owner = await world.as(DEMO.owner)
    const id = await world.file(owner)
    const url = `/api/v1/reports/${id}/reporter-phone`
    const staff = await world.as(DEMO.staff)
    const answer = await world.inject({ method: 'POST', url, headers: staff, payload: { reason: 'follow_up', note: '核实办理结果' } })
    expect(answer.statusCode).toBe(200)
    expect(answer.headers['cache-control']).toBe('no-store')
    expect(answer.json()).toEqual({ name: '王秀兰', phone: '13800000001', relation: 'reporter' })
    const log = await world.inject({ url: `/api/v1/audit?action=phone.reveal&subjectKind=report&subjectId=${id}`, headers: staff })
    expect(log.json().items).toMatchObject([{ action: 'phone.reveal', actor: { id: DEMO.staff }, concerns: { id: DEMO.owner }, note: '回访核实：核实办理结果', details: { reason: 'follow_up' } }])
    // A read is no longer the way to it.
    expect((await world.inject({ url, headers: staff })).statusCode).toBe(404)
    expectError(await world.inject({ method: 'POST', url, headers: owner, payload: { reason: 'follow_up' } }), 403, 'forbidden')
    expectError(await world.inject({ method: 'POST', url, payload: { reason: 'follow_up' } }), 401, 'unauthorized')
    expectError(await world.inject({ method: 'POST', url: '/api/v1/reports/r_nothing_here/reporter-phone', headers: staff, payload: { reason: 'follow_up' } }), 404, 'not_found')
  })

  it('is a 422 with a Chinese message without a reason of the list, a 400 for a body of the wrong form, and records nothing', async () => {
    const id = await world.file(await world.as(DEMO.owner))
    const url = `/api/v1/reports/${id}/reporter-phone`
    const staff = await world.as(DEMO.staff)
    for (const payload of [undefined, {}, { reason: '' }, { reason: 'curious' }]) {
      const answer = await world.inject({ method: 'POST', url, headers: staff, ...(payload ? { payload } : {}) })
      expect(expectError(answer, 422, 'validation', ['reason']).reason).toMatch(/^(请选择查看完整电话的原因|查看电话的原因无效，请从列表中选择)$/)
    }
    expectError(await world.inject({ method: 'POST', url, headers: staff, payload: { reason: 'follow_up', extra: 1 } }), 400, 'validation')
    expectError(await world.inject({ method: 'POST', url, headers: staff, payload: { reason: 7 } }), 400, 'validation')
    const log = await world.inject({ url: `/api/v1/audit?action=phone.reveal&subjectKind=report&subjectId=${id}`, headers: staff })
    expect(log.json().items).toEqual([])
  })
})
