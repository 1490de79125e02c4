import { DEMO, expectError, newKey, startWorld, validReport, type World } from './support/world'

let world: World
beforeAll(async () => {
  world = await startWorld()
})
afterAll(() => world.close())

const submit = (headers: Record<string, string>, key: string, body: object = validReport()) =>
  world.inject({ method: 'POST', url: '/api/v1/reports', headers: { ...headers, 'idempotency-key': key }, payload: body })

describe('submitting a report', () => {
  it('creates it (201), routed to the grid of the reporter’s home, numbered, with the deadline of its category', async () => {
    const owner = await world.as(DEMO.owner)
    const response = await submit(owner, newKey(), validReport({ categoryId: 'cat-light', description: '  路灯不亮了，晚上很黑  ' }))
    expect(response.statusCode).toBe(201)
    const report = response.json()
    expect(report).toMatchObject({
      communityId: 'c-yingyue',
      gridId: 'g-2',
      buildingId: 'b-3',
      categoryId: 'cat-light',
      categoryName: '路灯故障',
      description: '路灯不亮了，晚上很黑',
      status: 'submitted',
      reporterId: 'u-wang',
      reporterName: '王秀兰',
      escalated: false,
      reopenCount: 0,
      meTooCount: 0,
      version: 1,
      photos: [],
    })
    expect(report.number).toMatch(/^YY-\d{8}-\d{4}$/)
    expect(Date.parse(report.deadlineAt) - Date.parse(report.createdAt)).toBe(48 * 3_600_000)
    const detail = (await world.inject({ url: `/api/v1/reports/${report.id}`, headers: owner })).json()
    expect(detail.timeline).toHaveLength(1)
    expect(detail.timeline[0]).toMatchObject({ action: 'submit', fromStatus: null, toStatus: 'submitted', actorId: 'u-wang', public: true })
  })

  it('numbers reports one after another in the community', async () => {
    const owner = await world.as(DEMO.owner)
    const a = (await submit(owner, newKey())).json().number
    const b = (await submit(owner, newKey())).json().number
    expect(Number(b.slice(-4))).toBe(Number(a.slice(-4)) + 1)
  })

  it('answers a retry with the same key and body with the original report (200), and makes no second one', async () => {
    const owner = await world.as(DEMO.owner)
    const key = newKey()
    const first = await submit(owner, key)
    const again = await submit(owner, key)
    expect(first.statusCode).toBe(201)
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual(first.json())
    const [{ count }] = await world.db.query<{ count: number }>('SELECT count(*)::int AS count FROM idempotency_keys WHERE key = $1', [key])
    expect(count).toBe(1)
  })

  it('treats the same body with keys in another order as the same body', async () => {
    const owner = await world.as(DEMO.owner)
    const key = newKey()
    const body = validReport()
    const reordered = { anonymous: body.anonymous, location: body.location, photoIds: body.photoIds, description: body.description, categoryId: body.categoryId }
    const first = await submit(owner, key, body)
    const again = await submit(owner, key, reordered)
    expect(again.statusCode).toBe(200)
    expect(again.json().id).toBe(first.json().id)
  })

  it('refuses the same key with another body (422 on idempotencyKey)', async () => {
    const owner = await world.as(DEMO.owner)
    const key = newKey()
    await submit(owner, key)
    const other = await submit(owner, key, validReport({ description: '这是另外一件事情，完全不同' }))
    expectError(other, 422, 'validation', ['idempotencyKey'])
  })

  it('keeps keys per user: another user may use the same key', async () => {
    const key = newKey()
    const a = await submit(await world.as(DEMO.owner), key)
    const b = await submit(await world.as(DEMO.neighbour), key)
    expect(a.statusCode).toBe(201)
    expect(b.statusCode).toBe(201)
    expect(b.json().id).not.toBe(a.json().id)
  })

  it('makes exactly one report of 20 concurrent retries with one key', async () => {
    const owner = await world.as(DEMO.neighbour)
    const key = newKey()
    const body = validReport({ description: '二十次同时重试的同一条诉求' })
    const responses = await Promise.all(Array.from({ length: 20 }, () => submit(owner, key, body)))
    const statuses = responses.map((r) => r.statusCode).sort()
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 200)).toHaveLength(19)
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1)
    const [{ count }] = await world.db.query<{ count: number }>("SELECT count(*)::int AS count FROM reports WHERE description = '二十次同时重试的同一条诉求'")
    expect(count).toBe(1)
  })

  it('does not use a key up when the report is refused: the fixed body may reuse it', async () => {
    const owner = await world.as(DEMO.owner)
    const key = newKey()
    expectError(await submit(owner, key, validReport({ description: '短' })), 422, 'validation', ['description'])
    expect((await submit(owner, key)).statusCode).toBe(201)
  })

  it('applies the domain’s rules with its Chinese messages (422)', async () => {
    const owner = await world.as(DEMO.owner)
    const fields = expectError(
      await submit(owner, newKey(), validReport({ categoryId: 'cat-gas', description: '短', location: { kind: 'text', address: '门口' } })),
      422,
      'validation',
      ['categoryId', 'description', 'location'],
    )
    expect(fields.categoryId).toBe('燃气泄漏属于紧急情况，请立即拨打119')
    expect(fields.description).toContain('至少需要5个字')
    expectError(await submit(owner, newKey(), validReport({ categoryId: 'cat-nope' })), 422, 'validation', ['categoryId'])
    expectError(
      await submit(owner, newKey(), validReport({ location: { kind: 'point', latitude: 31.5, longitude: 120.3, name: '', address: '' } })),
      422,
      'validation',
      ['location'],
    )
    const many = Array.from({ length: 10 }, (_, i) => `p_${'x'.repeat(20)}${i}`)
    expectError(await submit(owner, newKey(), validReport({ photoIds: many })), 422, 'validation', ['photos'])
  })

  it('needs an Idempotency-Key of 8–100 letters, digits, - or _ (400)', async () => {
    const owner = await world.as(DEMO.owner)
    const noKey = await world.inject({ method: 'POST', url: '/api/v1/reports', headers: owner, payload: validReport() })
    expectError(noKey, 400, 'validation', ['idempotencyKey'])
    for (const bad of ['short', 'x'.repeat(101), 'has space in it', '中文中文中文中文']) {
      expectError(await submit(owner, bad), 400, 'validation', ['idempotencyKey'])
    }
  })
})

describe('reading reports', () => {
  it('lists my reports newest first, with summaries only', async () => {
    const owner = await world.as(DEMO.zhao)
    const first = await world.file(owner, { description: '第一条：八号楼门口有垃圾' })
    const second = await world.file(owner, { description: '第二条：八号楼楼道灯不亮' })
    const page = (await world.inject({ url: '/api/v1/reports/mine', headers: owner })).json()
    const ids = page.items.map((i: { id: string }) => i.id)
    expect(ids.indexOf(second)).toBeLessThan(ids.indexOf(first))
    expect(page.items[0]).not.toHaveProperty('location')
    expect(page.items.every((i: { reporterName: string }) => i.reporterName === '赵小燕')).toBe(true)
  })

  it('shows other residents the community’s open reports without who filed them', async () => {
    const owner = await world.as(DEMO.owner)
    const anonymousId = await world.file(owner, { anonymous: true, description: '匿名反映：楼下有人乱扔垃圾' })
    const namedId = await world.file(owner, { description: '实名反映：单元门禁坏了很久' })
    const neighbour = await world.as(DEMO.neighbour)
    const items = []
    let cursor: string | undefined
    do {
      const page = (await world.inject({ url: `/api/v1/reports/public?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, headers: neighbour })).json()
      items.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    expect(items.find((i) => i.id === anonymousId).reporterName).toBe('匿名居民')
    expect(items.find((i) => i.id === namedId).reporterName).toBe('王**')
    expect(items.every((i) => !['closed', 'rejected', 'merged'].includes(i.status))).toBe(true)
    const road = (await world.inject({ url: '/api/v1/reports/public?categoryId=cat-water', headers: neighbour })).json()
    expect(road.items.every((i: { categoryId: string }) => i.categoryId === 'cat-water')).toBe(true)
  })
})

describe('附议 (me too)', () => {
  it('counts each neighbour once, refuses the reporter and finished reports', async () => {
    const owner = await world.as(DEMO.owner)
    const id = await world.file(owner, { description: '三号楼电梯经常停在二楼不动' })
    const once = await world.inject({ method: 'POST', url: `/api/v1/reports/${id}/me-too`, headers: await world.as(DEMO.neighbour) })
    expect(once.statusCode).toBe(200)
    expect(once.json().meTooCount).toBe(1)
    expect(once.json().reporterName).toBe('王**')
    const twice = await world.inject({ method: 'POST', url: `/api/v1/reports/${id}/me-too`, headers: await world.as(DEMO.neighbour) })
    expect(twice.json().meTooCount).toBe(1)
    const another = await world.inject({ method: 'POST', url: `/api/v1/reports/${id}/me-too`, headers: await world.as(DEMO.zhao) })
    expect(another.json().meTooCount).toBe(2)
    expectError(await world.inject({ method: 'POST', url: `/api/v1/reports/${id}/me-too`, headers: owner }), 409, 'conflict')
    const staff = await world.as(DEMO.staff)
    await world.inject({ method: 'POST', url: `/api/v1/reports/${id}/actions/reject`, headers: staff, payload: { reason: '不属于本社区管辖范围' } })
    expectError(await world.inject({ method: 'POST', url: `/api/v1/reports/${id}/me-too`, headers: await world.as(DEMO.leader) }), 409, 'conflict')
  })
})

describe('rating', () => {
  it('closes a resolved report when satisfied, and reopens it with a fresh deadline when not', async () => {
    const owner = await world.as(DEMO.owner)
    const staff = await world.as(DEMO.staff)
    const worker = await world.as(DEMO.gridWorker2)
    const act = (headers: Record<string, string>, id: string, move: string, payload: object = {}) =>
      world.inject({ method: 'POST', url: `/api/v1/reports/${id}/actions/${move}`, headers, payload })
    const resolveIt = async (id: string) => {
      expect((await act(staff, id, 'accept')).statusCode).toBe(200)
      expect((await act(staff, id, 'assign', { assignee: { kind: 'user', id: 'u-sun' } })).statusCode).toBe(200)
      expect((await act(worker, id, 'resolve', { note: '已经修好了' })).statusCode).toBe(200)
    }
    const happy = await world.file(owner)
    await resolveIt(happy)
    const rated = await world.inject({ method: 'POST', url: `/api/v1/reports/${happy}/rating`, headers: owner, payload: { level: 'satisfied', comment: '谢谢' } })
    expect(rated.statusCode).toBe(200)
    expect(rated.json().report).toMatchObject({ status: 'closed', rating: { level: 'satisfied', comment: '谢谢' } })
    expect(rated.json().timeline.at(-1)).toMatchObject({ action: 'rate', toStatus: 'closed', note: '满意：谢谢', actorRole: 'resident' })

    const unhappy = await world.file(owner)
    await resolveIt(unhappy)
    expectError(
      await world.inject({ method: 'POST', url: `/api/v1/reports/${unhappy}/rating`, headers: owner, payload: { level: 'unsatisfied', comment: '' } }),
      422,
      'validation',
      ['comment'],
    )
    const reopened = await world.inject({
      method: 'POST',
      url: `/api/v1/reports/${unhappy}/rating`,
      headers: owner,
      payload: { level: 'unsatisfied', comment: '坑还在，没有修好' },
    })
    expect(reopened.statusCode).toBe(200)
    const report = reopened.json().report
    expect(report).toMatchObject({ status: 'reopened', reopenCount: 1 })
    expect(report.resolvedAt).toBeUndefined()
    expect(Date.parse(report.deadlineAt)).toBeGreaterThan(Date.now() + 71 * 3_600_000)
    expectError(
      await world.inject({ method: 'POST', url: `/api/v1/reports/${happy}/rating`, headers: owner, payload: { level: 'satisfied', comment: '' } }),
      409,
      'conflict',
    )
  })
})

describe('submission rate limit', () => {
  let limited: World
  beforeAll(async () => {
    limited = await startWorld({ rateLimits: { submit: { max: 2, timeWindowMs: 60_000 } } })
  })
  afterAll(() => limited.close())

  it('limits each user, not everyone: 429 rate_limited with retryAfterMs', async () => {
    const owner = await limited.as(DEMO.owner)
    const post = (headers: Record<string, string>) =>
      limited.inject({ method: 'POST', url: '/api/v1/reports', headers: { ...headers, 'idempotency-key': newKey() }, payload: validReport() })
    expect((await post(owner)).statusCode).toBe(201)
    expect((await post(owner)).statusCode).toBe(201)
    const third = await post(owner)
    expectError(third, 429, 'rate_limited')
    expect(third.json().error.retryAfterMs).toBeGreaterThan(0)
    expect((await post(await limited.as(DEMO.neighbour))).statusCode).toBe(201)
  })
})
