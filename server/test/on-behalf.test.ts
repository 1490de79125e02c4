import { DEMO, expectError, newKey, startWorld, validReport, type Headers, type World } from './support/world'

/**
 * 代报 (assisted reporting): a building leader files for a household of a building they lead,
 * staff for any household of the community; the report belongs to the household.
 */

let world: World
let zhou: Headers
let zhang: Headers
beforeAll(async () => {
  world = await startWorld({ rateLimits: { submit: { max: 10_000, timeWindowMs: 60_000 } } })
  zhou = await world.as(DEMO.leader)
  zhang = await world.as(DEMO.staff)
})
afterAll(() => world.close())

const onBehalf = (h: Headers, onBehalfOf: object, over: object = {}, key = newKey()) =>
  world.inject({ method: 'POST', url: '/api/v1/reports/on-behalf', headers: { ...h, 'idempotency-key': key }, payload: { ...validReport(), ...over, onBehalfOf } })

describe('filing for a household', () => {
  it('files for a registered household: it is the resident’s report, the phone kept masked only', async () => {
    const response = await onBehalf(zhou, { buildingId: 'b-3', room: '201', name: ' 王秀兰 ', phone: '13912345678' })
    expect(response.statusCode).toBe(201)
    const report = response.json()
    expect(report).toMatchObject({
      status: 'submitted',
      gridId: 'g-2',
      buildingId: 'b-3',
      reporterId: 'u-wang',
      reporterName: '王秀兰',
      filedBy: { id: 'u-zhou', name: '周桂芳' },
      beneficiary: { buildingId: 'b-3', room: '201', name: '王秀兰', phoneMasked: '139****5678' },
    })
    expect(response.body).not.toContain('13912345678')
    const [row] = await world.db.query<Record<string, unknown>>('SELECT * FROM reports WHERE id = $1', [report.id])
    expect(JSON.stringify(row)).not.toContain('13912345678')

    // The timeline says who filed it for whom.
    const wang = await world.as(DEMO.owner)
    const detail = (await world.inject({ url: `/api/v1/reports/${report.id}`, headers: wang })).json()
    expect(detail.timeline[0]).toMatchObject({ action: 'submit', actorId: 'u-zhou', actorRole: 'building_leader', note: '代3号楼201住户反映' })
    expect(detail.allowedActions).toEqual([])
    // Both the household and the filer have it among their reports.
    for (const h of [wang, zhou]) {
      const mine = (await world.inject({ url: '/api/v1/reports/mine?limit=50', headers: h })).json()
      expect(mine.items.map((i: { id: string }) => i.id)).toContain(report.id)
    }
    // A neighbour does not.
    expect((await world.inject({ url: `/api/v1/reports/${report.id}`, headers: await world.as(DEMO.neighbour) })).statusCode).toBe(404)
    // The household has it as its own: no 附议 on it.
    expectError(await world.inject({ method: 'POST', url: `/api/v1/reports/${report.id}/me-too`, headers: wang }), 409, 'conflict')
  })

  it('files for a home where nobody has signed up: the home is the reporter, and whoever moves in later sees it', async () => {
    const report = (await onBehalf(zhou, { buildingId: 'b-5', room: '402', name: '刘奶奶' })).json()
    expect(report).toMatchObject({ reporterId: 'home:b-5:402', reporterName: '刘奶奶', gridId: 'g-2', beneficiary: { buildingId: 'b-5', room: '402', name: '刘奶奶' } })
    expect(report.beneficiary.phoneMasked).toBeUndefined()
    const unnamed = (await onBehalf(zhang, { buildingId: 'b-8', room: '402' })).json()
    expect(unnamed).toMatchObject({ reporterId: 'home:b-8:402', reporterName: '住户', gridId: 'g-3', filedBy: { id: 'u-zhang' } })
    const [row] = await world.db.query<{ reporter_id: string | null }>('SELECT reporter_id FROM reports WHERE id = $1', [report.id])
    expect(row.reporter_id).toBeNull()

    // A resident registers at 5号楼402: the report is theirs to follow and rate.
    await world.db.exec(`INSERT INTO users (id, community_id, name, phone, roles, home_building_id, home_room, demo)
      VALUES ('u-liu-nainai', 'c-yingyue', '刘奶奶', '13900000402', '{resident}', 'b-5', '402', true)`)
    const nainai = await world.as('u-liu-nainai')
    expect((await world.inject({ url: `/api/v1/reports/${report.id}`, headers: nainai })).statusCode).toBe(200)
    const sun = await world.as(DEMO.gridWorker2)
    for (const [name, payload] of [
      ['accept', {}],
      ['assign', { assignee: { kind: 'user', id: 'u-sun' } }],
      ['resolve', { note: '已修好' }],
    ] as const) {
      expect((await world.inject({ method: 'POST', url: `/api/v1/reports/${report.id}/actions/${name}`, headers: sun, payload })).statusCode).toBe(200)
    }
    // The filer cannot rate for the household (403); the household can.
    expectError(await world.inject({ method: 'POST', url: `/api/v1/reports/${report.id}/rating`, headers: zhou, payload: { level: 'satisfied', comment: '' } }), 403, 'forbidden')
    const rated = await world.inject({ method: 'POST', url: `/api/v1/reports/${report.id}/rating`, headers: nainai, payload: { level: 'satisfied', comment: '谢谢' } })
    expect(rated.json().report.status).toBe('closed')
  })

  it('refuses a leader outside their buildings, and residents and grid workers at all (403), before the body is looked at', async () => {
    expectError(await onBehalf(zhou, { buildingId: 'b-1', room: '101' }), 403, 'forbidden')
    expectError(await onBehalf(zhou, { buildingId: 'b-8', room: '999' }), 403, 'forbidden')
    expectError(await onBehalf(zhou, { buildingId: 'b-1', room: '101' }, { description: '短' }), 403, 'forbidden')
    for (const who of [DEMO.owner, DEMO.gridWorker2, DEMO.admin]) {
      expectError(await onBehalf(await world.as(who), { buildingId: 'b-3', room: '201' }), 403, 'forbidden')
      expectError(await onBehalf(await world.as(who), { buildingId: 'b-nowhere', room: '1' }), 403, 'forbidden')
    }
    const [{ count }] = await world.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM reports WHERE building_id = 'b-1' AND filed_by_id IS NOT NULL`)
    expect(count).toBe(0)
  })

  it('refuses an unknown building or room, a bad phone, a long name and a bad report (422)', async () => {
    expectError(await onBehalf(zhang, { buildingId: 'b-nowhere', room: '101' }), 422, 'validation', ['buildingId'])
    expectError(await onBehalf(zhou, { buildingId: 'b-3', room: '999' }), 422, 'validation', ['room'])
    expectError(await onBehalf(zhou, { buildingId: 'b-3', room: '201', phone: '12345' }), 422, 'validation', ['phone'])
    expectError(await onBehalf(zhou, { buildingId: 'b-3', room: '201', name: '名'.repeat(21) }), 422, 'validation', ['name'])
    expectError(await onBehalf(zhou, { buildingId: 'b-3', room: '201' }, { description: '灯' }), 422, 'validation', ['description'])
    expectError(await onBehalf(zhou, { buildingId: 'b-3', room: '999' }, { categoryId: 'cat-gas' }), 422, 'validation', ['room', 'categoryId'])
  })

  it('makes one report of retries under one key; the same key with another body is refused (422)', async () => {
    const key = newKey()
    const body = { buildingId: 'b-3', room: '302' }
    const first = await onBehalf(zhou, body, {}, key)
    const again = await onBehalf(zhou, body, {}, key)
    expect([first.statusCode, again.statusCode]).toEqual([201, 200])
    expect(again.json().id).toBe(first.json().id)
    expectError(await onBehalf(zhou, { buildingId: 'b-3', room: '201' }, {}, key), 422, 'validation', ['idempotencyKey'])
    const concurrent = newKey()
    const all = await Promise.all(Array.from({ length: 8 }, () => onBehalf(zhou, body, { description: '3号楼302门口的下水道堵了' }, concurrent)))
    expect(new Set(all.map((r) => r.json().id)).size).toBe(1)
    expect(all.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201])
  })

  it('keeps POST /reports for one’s own reports: onBehalfOf there is refused by the rules (422, the message every backend gives)', async () => {
    const response = await world.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { ...zhou, 'idempotency-key': newKey() },
      payload: { ...validReport(), onBehalfOf: { buildingId: 'b-3', room: '201' } },
    })
    expect(expectError(response, 422, 'validation', ['onBehalfOf'])).toEqual({ onBehalfOf: '代报请使用“代邻居反映”' })
  })
})
