import { createSqlStore } from '../repositories'
import { DEMO, newKey, startWorld, type Headers, type World } from './support/world'
import { expectSpecError, get, keyFor, postForm, YINGYUE } from './support/open311'

/**
 * What the server's `/open311/v2/` does (issue 14, point 3; ADR 27): a partner's POST enters the
 * community's normal inbox, filed by the partner; staff move it and GET follows with the extended
 * statuses and the handlers' notes; nothing personal leaves (names, phones, rooms, user ids;
 * anonymous reports stay so); the filters, the 90-day window and the cap; a retried POST with its
 * Idempotency-Key files once.
 */

const DAY = 86_400_000
let clock = new Date()
let world: World
let key: string
let staff: Headers

beforeAll(async () => {
  world = await startWorld({ now: () => clock })
  key = await keyFor(world.db, YINGYUE, '锡山区城市服务平台', () => clock)
  staff = await world.as(DEMO.staff)
})
afterAll(() => world.close())

/** A POST a second after the one before (the clock only moves when a test moves it). */
const file = (fields: Record<string, string>, headers: Record<string, string> = {}) => {
  clock = new Date(clock.getTime() + 1000)
  return postForm(world, 'requests.json', { api_key: key, service_code: 'cat-road', address_string: '映月社区南门外人行道', description: '南门外人行道塌了一块，很危险', ...fields }, headers)
}

async function one(id: string, extensions = false): Promise<Record<string, unknown>> {
  const response = await get(world, `requests/${id}.json`, { api_key: key, ...(extensions ? { extensions: 'true' } : {}) })
  expect(response.statusCode).toBe(200)
  return response.json()[0]
}

async function inboxItem(number: string): Promise<{ id: string; reporterName: string; status: string; number: string; gridId: string }> {
  const response = await world.inject({ url: '/api/v1/inbox?limit=50', headers: staff })
  expect(response.statusCode).toBe(200)
  const item = response.json().items.find((i: { number: string }) => i.number === number)
  if (!item) throw new Error(`${number} is not in the inbox`)
  return item
}

const move = (id: string, name: string, payload: object = {}) => world.inject({ method: 'POST', url: `/api/v1/reports/${id}/actions/${name}`, headers: staff, payload })

describe('a partner files a request', () => {
  it('enters the normal inbox, filed by the partner, open; staff move it and GET follows with statuses and notes', async () => {
    const posted = await file({ description: '东门外的消防通道被车堵住了', address_string: '映月社区东门消防通道' })
    expect(posted.statusCode).toBe(201)
    const number = posted.json()[0].service_request_id as string
    expect(number).toMatch(/^YY-\d{8}-\d{4}$/)

    const item = await inboxItem(number)
    expect(item).toMatchObject({ status: 'submitted', reporterName: '锡山区城市服务平台', gridId: 'g-1' })
    expect(await one(number)).toMatchObject({ status: 'open', status_notes: null, agency_responsible: '映月社区 第一网格', address: '映月社区东门消防通道' })
    expect(await one(number, true)).toMatchObject({ status: 'open' })

    expect((await move(item.id, 'accept', { note: '已联系物业，马上处理' })).statusCode).toBe(200)
    expect(await one(number, true)).toMatchObject({ status: 'investigating', status_notes: '已联系物业，马上处理' })
    expect(await one(number)).toMatchObject({ status: 'open' })

    expect((await move(item.id, 'assign', { assignee: { kind: 'department', id: 'd-property' }, note: '派物业服务中心清理，联系电话13912345678' })).statusCode).toBe(200)
    expect(await one(number, true)).toMatchObject({ status: 'in_progress', agency_responsible: '物业服务中心', status_notes: '派物业服务中心清理，联系电话139****5678' })

    expect((await move(item.id, 'resolve', { note: '车辆已挪走，通道畅通' })).statusCode).toBe(200)
    const resolved = await one(number, true)
    expect(resolved).toMatchObject({ status: 'fixed', status_notes: '车辆已挪走，通道畅通', expected_datetime: null })
    expect(await one(number)).toMatchObject({ status: 'closed' })

    expect((await move(item.id, 'close', { note: '合作平台来件，社区办结' })).statusCode).toBe(200)
    expect(await one(number, true)).toMatchObject({ status: 'closed', status_notes: '合作平台来件，社区办结' })
    expect(Date.parse((await one(number)).updated_datetime as string)).toBeGreaterThanOrEqual(Date.parse(resolved.requested_datetime as string))
  })

  it('files a retried POST with the same Idempotency-Key once; the same key with another body is refused', async () => {
    const idempotency = { 'idempotency-key': newKey() }
    const first = await file({ description: '2号楼旁边的井盖不见了' }, idempotency)
    expect(first.statusCode).toBe(201)
    const again = await file({ description: '2号楼旁边的井盖不见了' }, idempotency)
    expect(again.statusCode).toBe(200)
    expect(again.json()[0].service_request_id).toBe(first.json()[0].service_request_id)
    const [{ count }] = await world.db.query<{ count: number }>("SELECT count(*)::int AS count FROM reports WHERE description = '2号楼旁边的井盖不见了'")
    expect(count).toBe(1)
    expect(expectSpecError(await file({ description: '2号楼旁边的井盖又不见了' }, idempotency), 400)[0]).toMatch(/^Idempotency-Key：/)
  })

  it('keeps no contact details, device id or media URL it was sent', async () => {
    const posted = await file({ description: '小区北门的垃圾桶满了没人清', email: 'zhang@example.com', first_name: '三', last_name: '张', phone: '13700009999', device_id: 'dev-42', media_url: 'https://example.com/p.jpg', account_id: 'acc-9' })
    expect(posted.statusCode).toBe(201)
    expect(posted.json()[0].account_id).toBe('acc-9')
    const number = posted.json()[0].service_request_id
    const [row] = await world.db.query<Record<string, unknown>>('SELECT * FROM reports WHERE number = $1', [number])
    const events = await world.db.query<Record<string, unknown>>('SELECT * FROM report_events WHERE report_id = $1', [row.id])
    const stored = JSON.stringify([row, events])
    for (const secret of ['zhang@example.com', '13700009999', '张', 'dev-42', 'example.com', 'acc-9']) expect(stored).not.toContain(secret)
    expect((await one(number)).media_url).toBeNull()
  })
})

describe('no personal data leaves', () => {
  it('shows neither name, phone, room nor user id of a resident, anonymous or not, or of a 代报 household', async () => {
    const owner = await world.as(DEMO.owner)
    const named = await world.file(owner, { description: '楼下的路面塌陷了，有事打我电话13800000001', anonymous: false })
    const anonymous = await world.file(owner, { description: '单元门口的台阶坏了，可以打13800000001找我', anonymous: true })
    const onBehalf = await world.inject({
      method: 'POST',
      url: '/api/v1/reports/on-behalf',
      headers: { ...staff, 'idempotency-key': newKey() },
      payload: { categoryId: 'cat-road', description: '老人家门口的地砖碎了，行动不便', photoIds: [], location: { kind: 'text', address: '3号楼单元门口' }, anonymous: false, onBehalfOf: { buildingId: 'b-3', room: '402', name: '赵桂芳', phone: '13900001111' } },
    })
    expect(onBehalf.statusCode).toBe(201)
    const store = createSqlStore(world.db)
    const numbers = await Promise.all([named, anonymous, onBehalf.json().id].map(async (id) => (await store.reports.find(id))!.number))
    // A handler's public note naming the reporter's number is masked too.
    expect((await move(named, 'accept', { note: '已致电13800000001核实' })).statusCode).toBe(200)

    for (const query of [{ service_request_id: numbers.join(',') }, {}] as Array<Record<string, string>>) {
      for (const format of ['json', 'xml']) {
        const response = await get(world, `requests.${format}`, { api_key: key, extensions: 'true', ...query })
        expect(response.statusCode).toBe(200)
        for (const personal of ['王秀兰', '王*', '13800000001', 'u-wang', '3号楼201', '201室', '赵桂芳', '赵*', '13900001111', '402', '代3号楼']) expect(response.body).not.toContain(personal)
        expect(response.body).toContain('138****0001')
      }
    }
    const listed = (await get(world, 'requests.json', { api_key: key, service_request_id: numbers.join(',') })).json() as Array<Record<string, unknown>>
    expect(listed.map((r) => r.service_request_id).sort()).toEqual([...numbers].sort())
    expect(listed.find((r) => r.service_request_id === numbers[0])).toMatchObject({ description: '楼下的路面塌陷了，有事打我电话138****0001', status_notes: '已致电138****0001核实' })
    for (const r of listed) expect(r.media_url).toBeNull()
  })

  it('never names the person a report is assigned to', async () => {
    const posted = await file({ description: '西门岗亭旁的路灯杆歪了' })
    const number = posted.json()[0].service_request_id
    const item = await inboxItem(number)
    expect((await move(item.id, 'accept')).statusCode).toBe(200)
    expect((await move(item.id, 'assign', { assignee: { kind: 'user', id: DEMO.gridWorker1 } })).statusCode).toBe(200)
    const [{ name }] = await world.db.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [DEMO.gridWorker1])
    const answer = await get(world, `requests/${number}.json`, { api_key: key })
    expect(answer.body).not.toContain(name)
    expect(answer.json()[0].agency_responsible).toBe('映月社区 第一网格')
  })

  it('hides the text of a report the content check holds', async () => {
    const id = await world.file(await world.as(DEMO.neighbour), { description: '楼道里堆满了杂物，影响通行' })
    await world.db.query("UPDATE reports SET moderation_status = 'held' WHERE id = $1", [id])
    const number = (await createSqlStore(world.db).reports.find(id))!.number
    expect(await one(number)).toMatchObject({ description: null, service_code: 'cat-road' })
  })
})

describe('the filters of GET requests', () => {
  it('filters by service_code and status, and a service_request_id list overrides both', async () => {
    const light = (await file({ service_code: 'cat-light', description: '8号楼后面的路灯一直闪' })).json()[0].service_request_id
    const codes = (await get(world, 'requests.json', { api_key: key, service_code: 'cat-light' })).json() as Array<{ service_code: string; service_request_id: string }>
    expect(codes.length).toBeGreaterThanOrEqual(1)
    expect(new Set(codes.map((r) => r.service_code))).toEqual(new Set(['cat-light']))
    expect(codes.map((r) => r.service_request_id)).toContain(light)
    const closed = (await get(world, 'requests.json', { api_key: key, status: 'closed' })).json() as Array<{ status: string; service_request_id: string }>
    expect(closed.length).toBeGreaterThanOrEqual(1)
    expect(new Set(closed.map((r) => r.status))).toEqual(new Set(['closed']))
    expect(closed.map((r) => r.service_request_id)).not.toContain(light)
    const open = (await get(world, 'requests.json', { api_key: key, status: 'open' })).json() as Array<{ status: string }>
    expect(new Set(open.map((r) => r.status))).toEqual(new Set(['open']))
    // The list overrides the other filters (the spec).
    const byId = (await get(world, 'requests.json', { api_key: key, service_request_id: light, service_code: 'cat-road', status: 'closed' })).json()
    expect(byId.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([light])
    // Extended names filter too, when the extension is on.
    const investigating = (await get(world, 'requests.json', { api_key: key, extensions: 'true', status: 'fixed,closed' })).json() as Array<{ status: string }>
    expect(investigating.length).toBeGreaterThanOrEqual(1)
    for (const r of investigating) expect(['fixed', 'closed', 'not_councils_responsibility', 'duplicate']).toContain(r.status)
  })

  it('answers newest first, within the last 90 days unless start_date says otherwise', async () => {
    const now = clock
    clock = new Date(now.getTime() - 100 * DAY)
    const old = (await file({ description: '一百天前报过的人行道破损' })).json()[0].service_request_id
    clock = now
    const fresh = (await file({ description: '今天刚发现的人行道破损' })).json()[0].service_request_id
    const window = (await get(world, 'requests.json', { api_key: key })).json() as Array<{ service_request_id: string; requested_datetime: string }>
    expect(window[0].service_request_id).toBe(fresh)
    expect(window.map((r) => r.service_request_id)).not.toContain(old)
    const times = window.map((r) => Date.parse(r.requested_datetime))
    expect([...times].sort((a, b) => b - a)).toEqual(times)
    for (const t of times) expect(t).toBeGreaterThanOrEqual(now.getTime() - 90 * DAY - 1000)
    const since = (await get(world, 'requests.json', { api_key: key, start_date: new Date(now.getTime() - 120 * DAY).toISOString() })).json() as Array<{ service_request_id: string }>
    expect(since.map((r) => r.service_request_id)).toEqual(expect.arrayContaining([old, fresh]))
    const until = (await get(world, 'requests.json', { api_key: key, start_date: '2000-01-01T00:00:00+08:00', end_date: new Date(now.getTime() - 99 * DAY).toISOString() })).json() as Array<{ service_request_id: string }>
    expect(until.map((r) => r.service_request_id)).toEqual([old])
  })

  it('refuses a date that is none, an end before its start and a status nobody knows', async () => {
    expect(expectSpecError(await get(world, 'requests.json', { api_key: key, start_date: '昨天' }), 400)[0]).toContain('start_date')
    expect(expectSpecError(await get(world, 'requests.xml', { api_key: key, end_date: '2026-13-45' }), 400, 'xml')[0]).toContain('end_date')
    expectSpecError(await get(world, 'requests.json', { api_key: key, start_date: '2026-11-02T00:00:00Z', end_date: '2026-11-01T00:00:00Z' }), 400)
    expect(expectSpecError(await get(world, 'requests.json', { api_key: key, status: 'pending' }), 400)[0]).toContain('status')
    // An extended status without the extension is unknown.
    expectSpecError(await get(world, 'requests.json', { api_key: key, status: 'fixed' }), 400)
  })
})

describe('the cap of one answer', () => {
  let small: World
  let smallKey: string
  beforeAll(async () => {
    // A clock a second on at every reading: each report its own instant, so "newest" has one answer.
    let at = Date.now()
    small = await startWorld({ open311: { maxRequests: 3 }, now: () => new Date((at += 1000)) })
    smallKey = await keyFor(small.db, YINGYUE)
  })
  afterAll(() => small.close())

  it('answers at most the cap (1,000 by default), the newest', async () => {
    const posted: string[] = []
    for (let i = 0; i < 5; i++) {
      const response = await postForm(small, 'requests.json', { api_key: smallKey, service_code: 'cat-road', address_string: '映月社区南门外', description: `南门外第${i + 1}块地砖松动` })
      posted.push(response.json()[0].service_request_id)
    }
    const listed = (await get(small, 'requests.json', { api_key: smallKey })).json() as Array<{ service_request_id: string }>
    expect(listed.map((r) => r.service_request_id)).toEqual(posted.slice(-3).reverse())
  })
})
