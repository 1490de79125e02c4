import { DEMO, expectError, startWorld, type Headers, type World } from './support/world'

/**
 * Messages (留言/回复): report threads between the people on a report, general threads between a
 * resident and staff, unread counts, paging, and who may not see what (404).
 */

let world: World
let wang: Headers
let li: Headers
let sun: Headers
let liu: Headers
let zhang: Headers
let zhou: Headers
beforeAll(async () => {
  world = await startWorld({ rateLimits: { submit: { max: 10_000, timeWindowMs: 60_000 } } })
  ;[wang, li, sun, liu, zhang, zhou] = await Promise.all([DEMO.owner, DEMO.neighbour, DEMO.gridWorker2, DEMO.gridWorker1, DEMO.staff, DEMO.leader].map((u) => world.as(u)))
})
afterAll(() => world.close())

const api = '/api/v1'
const enc = encodeURIComponent
const threads = async (h: Headers) => {
  const r = await world.inject({ url: `${api}/threads`, headers: h })
  expect(r.statusCode).toBe(200)
  return r.json() as Array<{ id: string; kind: string; reportId?: string; title: string; lastMessageAt: string; lastMessagePreview: string; unread: number }>
}
const unread = async (h: Headers) => (await world.inject({ url: `${api}/messages/unread-count`, headers: h })).json().count as number
const post = (h: Headers, url: string, body: unknown) => world.inject({ method: 'POST', url, headers: h, payload: body as object })
const page = (h: Headers, threadId: string, query = '') => world.inject({ url: `${api}/threads/${enc(threadId)}/messages${query}`, headers: h })

describe('the seeded conversation', () => {
  it('shows 王秀兰 the grid worker’s message on her water report, unread', async () => {
    const list = await threads(wang)
    const water = list.find((t) => t.lastMessagePreview.startsWith('王阿姨您好'))
    expect(water).toMatchObject({ kind: 'report', unread: 1, title: expect.stringMatching(/^漏水\/管道 · YY-\d{8}-\d{4}$/) })
    expect(water!.id).toBe(`report:${water!.reportId}`)
    expect(await unread(wang)).toBe(1)
    // Her other reports have quiet threads (no messages yet), after the active one.
    const quiet = list.filter((t) => t.lastMessagePreview === '')
    expect(quiet.length).toBeGreaterThan(0)
    expect(quiet.every((t) => t.unread === 0 && t.kind === 'report')).toBe(true)
  })
})

describe('a report’s thread', () => {
  it('carries a question and an answer, with unread counts on both sides and the colon encoded or not', async () => {
    const reportId = await world.file(wang)
    const threadId = `report:${reportId}`
    const sunBefore = await unread(sun)

    const asked = await post(wang, `${api}/reports/${reportId}/messages`, { body: '  请问什么时候来修？ ' })
    expect(asked.statusCode).toBe(201)
    expect(asked.json()).toMatchObject({ threadId, authorId: 'u-wang', authorName: '王秀兰', authorRole: 'resident', body: '请问什么时候来修？' })

    expect((await threads(sun)).find((t) => t.id === threadId)).toMatchObject({ unread: 1, reportId, lastMessagePreview: '请问什么时候来修？' })
    expect(await unread(sun)).toBe(sunBefore + 1)
    expect((await threads(wang)).find((t) => t.id === threadId)?.unread).toBe(0)

    // The colon encoded (as the app sends it) and raw both reach the thread.
    const answered = await post(sun, `${api}/threads/${enc(threadId)}/messages`, { body: '明天上午上门' })
    expect(answered.statusCode).toBe(201)
    expect(answered.json()).toMatchObject({ authorRole: 'grid_worker', threadId })
    expect((await post(zhang, `${api}/threads/${threadId}/messages`, { body: '已督促网格员' })).statusCode).toBe(201)
    // Answering read 王秀兰's question; only the staff member's later message is unread for 孙丽.
    expect(await unread(sun)).toBe(sunBefore + 1)
    expect((await threads(sun)).find((t) => t.id === threadId)?.unread).toBe(1)

    expect((await threads(wang)).find((t) => t.id === threadId)?.unread).toBe(2)
    const read = await world.inject({ method: 'POST', url: `${api}/threads/${enc(threadId)}/read`, headers: wang })
    expect(read.statusCode).toBe(204)
    expect(read.body).toBe('')
    expect((await threads(wang)).find((t) => t.id === threadId)?.unread).toBe(0)

    const messages = (await page(wang, threadId)).json()
    expect(messages.items.map((m: { authorId: string }) => m.authorId)).toEqual(['u-wang', 'u-sun', 'u-zhang'])
    expect(messages.nextCursor).toBeUndefined()
  })

  it('pages newest-last: the first page holds the newest, the cursor leads to older ones', async () => {
    const reportId = await world.file(li)
    const threadId = `report:${reportId}`
    for (let i = 1; i <= 5; i++) expect((await post(li, `${api}/reports/${reportId}/messages`, { body: `第${i}条` })).statusCode).toBe(201)
    const first = (await page(li, threadId, '?limit=2')).json()
    expect(first.items.map((m: { body: string }) => m.body)).toEqual(['第4条', '第5条'])
    const second = (await page(li, threadId, `?limit=2&cursor=${first.nextCursor}`)).json()
    expect(second.items.map((m: { body: string }) => m.body)).toEqual(['第2条', '第3条'])
    const third = (await page(li, threadId, `?limit=2&cursor=${second.nextCursor}`)).json()
    expect(third.items.map((m: { body: string }) => m.body)).toEqual(['第1条'])
    expect(third.nextCursor).toBeUndefined()
    expectError(await page(li, threadId, '?cursor=abc'), 400, 'validation', ['cursor'])
    expectError(await page(li, threadId, '?limit=51'), 400, 'validation', ['limit'])
  })

  it('is for the report’s people only: another resident, a leader and another grid’s worker get 404', async () => {
    const reportId = await world.file(wang)
    const threadId = `report:${reportId}`
    await post(wang, `${api}/reports/${reportId}/messages`, { body: '有人吗' })
    for (const h of [li, zhou, liu]) {
      expectError(await page(h, threadId), 404, 'not_found')
      expectError(await post(h, `${api}/threads/${enc(threadId)}/messages`, { body: '我来看看' }), 404, 'not_found')
      expectError(await post(h, `${api}/reports/${reportId}/messages`, { body: '我来看看' }), 404, 'not_found')
      expectError(await world.inject({ method: 'POST', url: `${api}/threads/${enc(threadId)}/read`, headers: h }), 404, 'not_found')
      expect((await threads(h)).map((t) => t.id)).not.toContain(threadId)
    }
    // Nothing was written by them.
    expect((await page(wang, threadId)).json().items).toHaveLength(1)
  })

  it('answers 404 for threads that do not exist or cannot exist', async () => {
    for (const id of ['report:r_nope', 'general:u-nobody', 'nonsense', 'booking:1', 'report:']) {
      expectError(await page(wang, id), 404, 'not_found')
      expectError(await post(wang, `${api}/threads/${enc(id)}/messages`, { body: '有人吗' }), 404, 'not_found')
    }
    expectError(await post(wang, `${api}/reports/r_nope/messages`, { body: '有人吗' }), 404, 'not_found')
  })

  it('refuses an empty or too long message (422) after deciding who may post (404 first)', async () => {
    const reportId = await world.file(wang)
    for (const body of ['', ' \n ', '字'.repeat(501)]) {
      expectError(await post(wang, `${api}/reports/${reportId}/messages`, { body }), 422, 'validation', ['body'])
    }
    expectError(await post(li, `${api}/reports/${reportId}/messages`, { body: '' }), 404, 'not_found')
    expect((await post(wang, `${api}/reports/${reportId}/messages`, { body: '字'.repeat(500) })).statusCode).toBe(201)
  })

  it('lists a handler only the threads of reports they handle, once someone wrote', async () => {
    const reportId = await world.file(wang)
    expect((await threads(sun)).map((t) => t.id)).not.toContain(`report:${reportId}`)
    expect((await threads(wang)).map((t) => t.id)).toContain(`report:${reportId}`)
    await post(wang, `${api}/reports/${reportId}/messages`, { body: '请尽快处理' })
    expect((await threads(sun)).map((t) => t.id)).toContain(`report:${reportId}`)
    expect((await threads(liu)).map((t) => t.id)).not.toContain(`report:${reportId}`)
  })
})

describe('the general thread (问社区)', () => {
  it('lets a resident ask and staff answer; grid workers, leaders and neighbours get 404', async () => {
    const asked = await post(li, `${api}/threads/general/messages`, { body: '停车位怎么申请？' })
    expect(asked.statusCode).toBe(201)
    expect(asked.json()).toMatchObject({ threadId: 'general:u-li', authorId: 'u-li' })

    const forStaff = (await threads(zhang)).find((t) => t.id === 'general:u-li')
    expect(forStaff).toMatchObject({ kind: 'general', title: '问社区 · 李明（3号楼302）', unread: 1 })
    expect(forStaff?.reportId).toBeUndefined()
    expect((await post(zhang, `${api}/threads/${enc('general:u-li')}/messages`, { body: '带上行驶证到居委会登记' })).json()).toMatchObject({
      authorRole: 'staff',
    })
    expect((await threads(li)).find((t) => t.id === 'general:u-li')).toMatchObject({ title: '问社区', unread: 1 })

    for (const h of [wang, sun, zhou]) {
      expectError(await page(h, 'general:u-li'), 404, 'not_found')
      expectError(await post(h, `${api}/threads/${enc('general:u-li')}/messages`, { body: '我替他回答' }), 404, 'not_found')
    }
  })
})

describe('a 代报 report’s thread', () => {
  it('is shared by the filer, the household it was filed for and the handlers', async () => {
    const filed = await world.inject({
      method: 'POST',
      url: `${api}/reports/on-behalf`,
      headers: { ...zhou, 'idempotency-key': `thread-on-behalf-${Date.now()}` },
      payload: {
        categoryId: 'cat-light',
        description: '3号楼302门口的路灯不亮了',
        photoIds: [],
        location: { kind: 'text', address: '3号楼302门口' },
        anonymous: false,
        onBehalfOf: { buildingId: 'b-3', room: '302' },
      },
    })
    expect(filed.statusCode).toBe(201)
    const reportId = filed.json().id
    const note = await post(zhou, `${api}/reports/${reportId}/messages`, { body: '李明，我帮你报了路灯' })
    expect(note.statusCode).toBe(201)
    expect(note.json().authorRole).toBe('building_leader')
    expect((await threads(li)).find((t) => t.id === `report:${reportId}`)?.unread).toBe(1)
    expect((await post(sun, `${api}/reports/${reportId}/messages`, { body: '收到' })).statusCode).toBe(201)
    expectError(await page(wang, `report:${reportId}`), 404, 'not_found')
  })
})
