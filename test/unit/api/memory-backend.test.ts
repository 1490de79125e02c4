import { unsupported } from '../../../src/api/capabilities'
import type { ServicesApi } from '../../../src/api/client'
import { ApiError } from '../../../src/api/errors'
import { MAX_PHOTO_BYTES, MemoryBackend } from '../../../src/api/memory/backend'
import { createMemoryClient } from '../../../src/api/memory/client'
import { CHUNHUI_USERS, DEMO_USERS } from '../../../src/domain/demo-community'
import { fakeNetwork } from '../../../src/platform/network'
import { memoryStorage } from '../../../src/platform/storage'
import {
  allMine,
  apiError,
  loseFirstResponse,
  memoryWorld,
  mineByCategory,
  newKey,
  tickingClock,
  validReport,
} from '../support/memory-world'

/** The app's own wiring: backend and client over one device storage. */
function appOver(storage = memoryStorage(), clock = tickingClock()) {
  const backend = new MemoryBackend({ storage, now: clock.now })
  const api = createMemoryClient({ backend, storage, network: fakeNetwork(true) })
  return { storage, backend, api }
}

describe('the seeded demo community', () => {
  it('offers every demo account on the sign-in screen', async () => {
    const { api } = appOver()
    const accounts = await api.session.listDemoAccounts()
    // Both demo communities' accounts, 映月社区's (set up first) before 春晖社区's, each in set-up order.
    expect(accounts.map((a) => a.userId)).toEqual([...DEMO_USERS, ...CHUNHUI_USERS].map((u) => u.id))
    expect(accounts.find((a) => a.userId === 'u-wang')).toEqual({
      userId: 'u-wang',
      name: '王秀兰',
      roles: ['resident'],
      description: '居民 · 3号楼201',
    })
    expect(accounts.find((a) => a.userId === 'u-zhang')?.roles).toEqual(['staff'])
  })

  it('gives 王秀兰 reports in several statuses, newest first', async () => {
    const { api } = appOver()
    await api.session.signInDemo('u-wang')
    const mine = await allMine(api)
    expect(mine.map((r) => [r.categoryId, r.status])).toEqual([
      ['cat-water', 'in_progress'],
      ['cat-light', 'submitted'],
      ['cat-garbage', 'resolved'],
      ['cat-facility', 'closed'],
    ])
  })

  it('replays the seed stories into real timelines', async () => {
    const { api } = appOver()
    await api.session.signInDemo('u-wang')
    const water = await mineByCategory(api, 'cat-water')
    const detail = await api.reports.get(water.id)
    expect(detail.timeline.map((e) => e.action)).toEqual(['submit', 'accept', 'assign', 'progress'])
    expect(detail.report.assignee).toMatchObject({ kind: 'user', id: 'u-sun', name: '孙丽' })
    const bench = await api.reports.get((await mineByCategory(api, 'cat-facility')).id)
    expect(bench.report.rating).toMatchObject({ level: 'satisfied', comment: '修得很快，谢谢！' })
  })

  it('seeds only once: a second backend over the same storage keeps the same reports', async () => {
    const first = appOver()
    await first.api.session.signInDemo('u-wang')
    const before = (await allMine(first.api)).map((r) => r.id)
    const second = appOver(first.storage)
    const after = (await allMine(second.api)).map((r) => r.id)
    expect(after).toEqual(before)
  })
})

describe('sessions', () => {
  it('signs in, with the phone masked', async () => {
    const { api } = appOver()
    const session = await api.session.signInDemo('u-wang')
    expect(session.user).toMatchObject({ id: 'u-wang', name: '王秀兰', roles: ['resident'], phoneMasked: '138****0001' })
    expect(JSON.stringify(session)).not.toContain('13800000001')
    expect((await api.session.current())?.user.id).toBe('u-wang')
  })

  it('survives a reload: a new backend and client over the same storage restore the session and data', async () => {
    const first = appOver()
    await first.api.session.signInDemo('u-wang')
    const report = await first.api.reports.submit(validReport(), { idempotencyKey: newKey() })

    const reloaded = appOver(first.storage)
    const session = await reloaded.api.session.current()
    expect(session?.user.id).toBe('u-wang')
    const again = await reloaded.api.reports.get(report.id)
    expect(again.report.description).toBe(report.description)
  })

  it('signs out: the session is gone now and after a reload', async () => {
    const first = appOver()
    await first.api.session.signInDemo('u-wang')
    await first.api.session.signOut()
    expect(await first.api.session.current()).toBeNull()
    expect(await appOver(first.storage).api.session.current()).toBeNull()
    expect((await apiError(first.api.reports.listMine())).kind).toBe('unauthorized')
  })

  it('refuses every request without a session as unauthorized', async () => {
    const { api } = appOver()
    expect(await api.session.current()).toBeNull()
    for (const call of [
      api.reports.listMine(),
      api.reports.submit(validReport(), { idempotencyKey: newKey() }),
      api.directory.getCommunity(),
      api.handling.listInbox(),
      api.media.uploadPhoto({ path: 'wxfile://tmp/a.jpg' }),
    ]) {
      expect((await apiError(call)).kind).toBe('unauthorized')
    }
  })

  it('does not know an unknown demo account', async () => {
    const { api } = appOver()
    expect((await apiError(api.session.signInDemo('u-nobody'))).kind).toBe('not_found')
  })

  it('refuses an expired session', async () => {
    const storage = memoryStorage()
    let now = Date.parse('2026-11-21T08:00:00.000Z')
    const backend = new MemoryBackend({ storage, now: () => new Date(now) })
    const api = createMemoryClient({ backend, storage })
    await api.session.signInDemo('u-wang')
    now += 31 * 86_400_000
    expect(await api.session.current()).toBeNull()
    expect((await apiError(api.reports.listMine())).kind).toBe('unauthorized')
  })
})

describe('directory', () => {
  it('lists handlers to handlers only', async () => {
    const world = memoryWorld()
    const resident = await world.signedIn('u-wang')
    const staff = await world.signedIn('u-zhang')
    const forResident = await resident.api.directory.getCommunity()
    expect(forResident.community.name).toBe('映月社区')
    expect(forResident.categories.some((c) => c.emergency)).toBe(true)
    expect(forResident.handlers).toEqual([])
    const forStaff = await staff.api.directory.getCommunity()
    expect(forStaff.handlers.map((h) => h.id).sort()).toEqual(['u-liu', 'u-sun', 'u-wu', 'u-zhang'])
  })
})

describe('submitting a report', () => {
  it('creates a submitted report routed to the grid of the reporter’s home', async () => {
    const world = memoryWorld()
    const { api } = await world.signedIn('u-wang')
    const report = await api.reports.submit(validReport({ description: '  2号楼北侧路灯不亮了  ' }), { idempotencyKey: newKey() })
    expect(report).toMatchObject({
      status: 'submitted',
      reporterId: 'u-wang',
      gridId: 'g-2',
      buildingId: 'b-3',
      categoryName: '路灯故障',
      description: '2号楼北侧路灯不亮了',
      version: 1,
      reopenCount: 0,
    })
    expect(Date.parse(report.deadlineAt) - Date.parse(report.createdAt)).toBe(48 * 3_600_000)
    expect(report.number).toMatch(/^YY-\d{8}-\d{4}$/)
  })

  it('refuses an invalid report with per-field Chinese messages', async () => {
    const world = memoryWorld()
    const { api } = await world.signedIn('u-wang')
    const error = await apiError(
      api.reports.submit(
        validReport({ categoryId: '', description: '灯坏', location: { kind: 'text', address: '3号' } }),
        { idempotencyKey: newKey() },
      ),
    )
    expect(error).toBeInstanceOf(ApiError)
    expect(error.kind).toBe('validation')
    expect(error.retryable).toBe(false)
    expect(error.fields).toEqual({
      categoryId: '请选择问题类型',
      description: '描述至少需要5个字，请说清楚在哪里、发生了什么',
      location: '请填写详细地址（至少4个字，如“3号楼2单元门口”）',
    })
    expect(error.message).toBe('请选择问题类型')
  })

  it('refuses an emergency category and tells the number to call', async () => {
    const world = memoryWorld()
    const { api } = await world.signedIn('u-wang')
    const error = await apiError(api.reports.submit(validReport({ categoryId: 'cat-gas' }), { idempotencyKey: newKey() }))
    expect(error.kind).toBe('validation')
    expect(error.fields.categoryId).toBe('燃气泄漏属于紧急情况，请立即拨打119')
  })

  it('refuses a missing anonymous choice and an invalid idempotency key', async () => {
    const world = memoryWorld()
    const { api } = await world.signedIn('u-wang')
    const noChoice = await apiError(api.reports.submit(validReport({ anonymous: undefined }), { idempotencyKey: newKey() }))
    expect(noChoice.fields).toEqual({ anonymous: '请选择是否匿名' })
    const badKey = await apiError(api.reports.submit(validReport(), { idempotencyKey: 'short' }))
    expect(badKey.fields).toEqual({ idempotencyKey: '提交编号无效，请重新提交' })
  })

  it('refuses a report on someone’s behalf through the plain submit (代报 has its own call)', async () => {
    const world = memoryWorld()
    const { api } = await world.signedIn('u-zhou')
    const error = await apiError(
      api.reports.submit(validReport({ onBehalfOf: { buildingId: 'b-3', room: '301' } }), { idempotencyKey: newKey() }),
    )
    expect(error.kind).toBe('validation')
    expect(Object.keys(error.fields)).toEqual(['onBehalfOf'])
  })
})

describe('idempotent submission', () => {
  it('answers the same key and body twice with the same report, made once', async () => {
    const world = memoryWorld()
    const { api } = await world.signedIn('u-wang')
    const before = (await allMine(api)).length
    const key = newKey()
    const first = await api.reports.submit(validReport(), { idempotencyKey: key })
    const second = await api.reports.submit(validReport(), { idempotencyKey: key })
    expect(second.id).toBe(first.id)
    const mine = await allMine(api)
    expect(mine).toHaveLength(before + 1)
    expect(mine.filter((r) => r.id === first.id)).toHaveLength(1)
  })

  it('treats the same body with keys in another order as the same body', async () => {
    const world = memoryWorld()
    const { api } = await world.signedIn('u-wang')
    const key = newKey()
    const body = validReport()
    const first = await api.reports.submit(body, { idempotencyKey: key })
    const reordered = { anonymous: body.anonymous, location: body.location, photoIds: body.photoIds, description: body.description, categoryId: body.categoryId }
    expect((await api.reports.submit(reordered, { idempotencyKey: key })).id).toBe(first.id)
  })

  it('refuses the same key with a different body', async () => {
    const world = memoryWorld()
    const { api } = await world.signedIn('u-wang')
    const key = newKey()
    await api.reports.submit(validReport(), { idempotencyKey: key })
    const before = (await allMine(api)).length
    const error = await apiError(api.reports.submit(validReport({ description: '另一件事：垃圾桶满了没人清' }), { idempotencyKey: key }))
    expect(error.kind).toBe('validation')
    expect(error.fields.idempotencyKey).toBe('同一提交编号对应了不同的内容，请重新提交')
    expect(await allMine(api)).toHaveLength(before)
  })

  it('makes exactly one report when the first answer is lost and the client retries with the same key', async () => {
    const world = memoryWorld()
    const device = await world.signedIn('u-wang')
    const before = (await allMine(device.api)).length
    const key = newKey()
    loseFirstResponse(device.faults, 'reports.submit')

    const lost = await apiError(device.api.reports.submit(validReport(), { idempotencyKey: key }))
    expect(lost.kind).toBe('network')
    expect(lost.retryable).toBe(true)
    // The backend committed before the answer was lost.
    expect(await allMine(device.api)).toHaveLength(before + 1)

    const retried = await device.api.reports.submit(validReport(), { idempotencyKey: key })
    const mine = await allMine(device.api)
    expect(mine).toHaveLength(before + 1)
    expect(mine[0].id).toBe(retried.id)
  })

  it('keeps keys apart per user: another resident’s same key makes their own report', async () => {
    const world = memoryWorld()
    const wang = await world.signedIn('u-wang')
    const li = await world.signedIn('u-li')
    const key = newKey()
    const a = await wang.api.reports.submit(validReport(), { idempotencyKey: key })
    const b = await li.api.reports.submit(validReport(), { idempotencyKey: key })
    expect(b.id).not.toBe(a.id)
    expect(b.reporterId).toBe('u-li')
  })
})

describe('listMine paging', () => {
  it('walks every page of two without duplicates, newest first', async () => {
    const world = memoryWorld()
    const { api } = await world.signedIn('u-wang')
    for (let i = 0; i < 3; i++) await api.reports.submit(validReport({ description: `第${i + 1}件事：楼道灯不亮` }), { idempotencyKey: newKey() })

    const pages: string[][] = []
    let cursor: string | undefined
    do {
      const page = await api.reports.listMine({ cursor, limit: 2 })
      pages.push(page.items.map((r) => r.id))
      expect(page.items.length).toBeLessThanOrEqual(2)
      cursor = page.nextCursor
      expect(pages.length).toBeLessThan(10)
    } while (cursor)

    const ids = pages.flat()
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 1])
    expect(new Set(ids).size).toBe(7)
    const all = await api.reports.listMine({ limit: 50 })
    expect(all.items.map((r) => r.id)).toEqual(ids)
    expect(all.nextCursor).toBeUndefined()
    const times = all.items.map((r) => r.createdAt)
    expect([...times].sort().reverse()).toEqual(times)
    expect(all.items[0].description).toBe('第3件事：楼道灯不亮')
  })

  it('stays stable when a report arrives between pages', async () => {
    const world = memoryWorld()
    const { api } = await world.signedIn('u-wang')
    const first = await api.reports.listMine({ limit: 2 })
    await api.reports.submit(validReport(), { idempotencyKey: newKey() })
    const second = await api.reports.listMine({ cursor: first.nextCursor, limit: 2 })
    const seeded = ['cat-water', 'cat-light', 'cat-garbage', 'cat-facility']
    expect([...first.items, ...second.items].map((r) => r.categoryId)).toEqual(seeded)
  })

  it('only lists the signed-in user’s own reports', async () => {
    const world = memoryWorld()
    const li = await world.signedIn('u-li')
    const mine = await allMine(li.api)
    expect(mine.map((r) => r.categoryId)).toEqual(['cat-parking'])
  })

  it.each([
    [{ cursor: 'not-a-cursor' }, 'cursor'],
    [{ limit: 0 }, 'limit'],
    [{ limit: 51 }, 'limit'],
    [{ limit: 1.5 }, 'limit'],
  ])('refuses %j as a validation error on %s', async (query, field) => {
    const world = memoryWorld()
    const { api } = await world.signedIn('u-wang')
    const error = await apiError(api.reports.listMine(query))
    expect(error.kind).toBe('validation')
    expect(Object.keys(error.fields)).toEqual([field])
  })
})

describe('reading reports', () => {
  it('hides another resident’s report as not_found', async () => {
    const world = memoryWorld()
    const wang = await world.signedIn('u-wang')
    const li = await world.signedIn('u-li')
    const light = await mineByCategory(wang.api, 'cat-light')
    expect((await apiError(li.api.reports.get(light.id))).kind).toBe('not_found')
    expect((await apiError(wang.api.reports.get('r_missing'))).kind).toBe('not_found')
  })

  it('shows the handlers of the grid the full report', async () => {
    const world = memoryWorld()
    const wang = await world.signedIn('u-wang')
    const sun = await world.signedIn('u-sun')
    const garbage = await mineByCategory(wang.api, 'cat-garbage')
    const seen = await sun.api.reports.get(garbage.id)
    // Anonymous to neighbours, but the handler sees who reported.
    expect(seen.report.anonymous).toBe(true)
    expect(seen.report.reporterName).toBe('王秀兰')
  })

  it('answers with copies: changing an answer does not change the backend', async () => {
    const world = memoryWorld()
    const { api } = await world.signedIn('u-wang')
    const light = await mineByCategory(api, 'cat-light')
    const detail = await api.reports.get(light.id)
    detail.report.status = 'closed'
    detail.timeline.length = 0
    const again = await api.reports.get(light.id)
    expect(again.report.status).toBe('submitted')
    expect(again.timeline).toHaveLength(1)
  })
})

describe('handling', () => {
  it('refuses a resident accepting their own report as forbidden', async () => {
    const world = memoryWorld()
    const { api } = await world.signedIn('u-wang')
    const light = await mineByCategory(api, 'cat-light')
    const error = await apiError(api.handling.accept(light.id))
    expect(error.kind).toBe('forbidden')
    expect((await api.reports.get(light.id)).report.status).toBe('submitted')
  })

  it('hides a report of another grid from a grid worker as not_found', async () => {
    const world = memoryWorld()
    const wang = await world.signedIn('u-wang')
    const liu = await world.signedIn('u-liu') // 第一网格; 王秀兰 lives in 第二网格
    const light = await mineByCategory(wang.api, 'cat-light')
    expect((await apiError(liu.api.handling.accept(light.id))).kind).toBe('not_found')
    expect((await apiError(liu.api.reports.get(light.id))).kind).toBe('not_found')
  })

  it('lets staff accept, assign and resolve, and the resident follows it on the timeline', async () => {
    const world = memoryWorld()
    const wang = await world.signedIn('u-wang')
    const staff = await world.signedIn('u-zhang')
    const report = await wang.api.reports.submit(validReport(), { idempotencyKey: newKey() })

    const accepted = await staff.api.handling.accept(report.id, { note: '已受理，马上安排' })
    expect(accepted.report.status).toBe('accepted')
    expect(accepted.report.acceptedAt).toBeDefined()
    const assigned = await staff.api.handling.assign(report.id, { assignee: { kind: 'user', id: 'u-sun' }, note: '请孙丽上门' })
    expect(assigned.report.assignee).toEqual({ kind: 'user', id: 'u-sun', name: '孙丽' })
    expect(assigned.report.status).toBe('in_progress')
    const resolved = await staff.api.handling.resolve(report.id, { note: '已更换灯泡' })
    expect(resolved.report.status).toBe('resolved')
    expect(resolved.report.version).toBe(4)

    const seen = await wang.api.reports.get(report.id)
    expect(seen.report.status).toBe('resolved')
    expect(seen.timeline.map((e) => [e.action, e.toStatus, e.actorName])).toEqual([
      ['submit', 'submitted', '王秀兰'],
      ['accept', 'accepted', '张敏'],
      ['assign', 'in_progress', '张敏'],
      ['resolve', 'resolved', '张敏'],
    ])
    expect(seen.timeline[3].note).toBe('已更换灯泡')
    expect(seen.allowedActions).toEqual(['rate'])
  })

  it('refuses to assign to a grid worker of another grid', async () => {
    const world = memoryWorld()
    const wang = await world.signedIn('u-wang')
    const staff = await world.signedIn('u-zhang')
    const light = await mineByCategory(wang.api, 'cat-light')
    await staff.api.handling.accept(light.id)
    const error = await apiError(staff.api.handling.assign(light.id, { assignee: { kind: 'user', id: 'u-liu' } }))
    expect(error.kind).toBe('validation')
    expect(error.fields).toEqual({ assignee: '只能派给本网格的网格员或社区工作者' })
  })

  it('lets a rating of 不满意 reopen the report, shown on the timeline', async () => {
    const world = memoryWorld()
    const wang = await world.signedIn('u-wang')
    const garbage = await mineByCategory(wang.api, 'cat-garbage')

    const missing = await apiError(wang.api.reports.rate(garbage.id, { level: 'unsatisfied', comment: '' }))
    expect(missing.kind).toBe('validation')
    expect(missing.fields.comment).toBe('请告诉我们哪里不满意，以便重新办理')

    const detail = await wang.api.reports.rate(garbage.id, { level: 'unsatisfied', comment: '垃圾又堆起来了' })
    expect(detail.report.status).toBe('reopened')
    expect(detail.report.reopenCount).toBe(1)
    expect(detail.report.resolvedAt).toBeUndefined()
    const last = detail.timeline[detail.timeline.length - 1]
    expect(last).toMatchObject({ action: 'rate', fromStatus: 'resolved', toStatus: 'reopened', note: '不满意：垃圾又堆起来了' })
    expect((await mineByCategory(wang.api, 'cat-garbage')).status).toBe('reopened')
  })

  it('gives a reopened report the category’s full span again, every time', async () => {
    const world = memoryWorld()
    const wang = await world.signedIn('u-wang')
    const sun = await world.signedIn('u-sun')
    const garbage = await mineByCategory(wang.api, 'cat-garbage') // 垃圾堆放: 24 h
    const spans: number[] = []
    for (let round = 0; round < 2; round++) {
      if (round > 0) {
        await sun.api.handling.accept(garbage.id)
        await sun.api.handling.assign(garbage.id, { assignee: { kind: 'user', id: 'u-sun' } })
        await sun.api.handling.resolve(garbage.id, { note: '又清理了一次' })
      }
      world.clock.advanceHours(30)
      const rated = await wang.api.reports.rate(garbage.id, { level: 'unsatisfied', comment: '还是有垃圾' })
      const ratedAt = Date.parse(rated.report.rating!.at)
      spans.push(Date.parse(rated.report.deadlineAt) - ratedAt)
    }
    expect(spans).toEqual([24 * 3_600_000, 24 * 3_600_000])
  })

  it('refuses a staff member rating a resident’s report', async () => {
    const world = memoryWorld()
    const wang = await world.signedIn('u-wang')
    const staff = await world.signedIn('u-zhang')
    const garbage = await mineByCategory(wang.api, 'cat-garbage')
    expect((await apiError(staff.api.reports.rate(garbage.id, { level: 'satisfied', comment: '' }))).kind).toBe('forbidden')
  })

  it('keeps an escalation memo from the resident but shows it to handlers', async () => {
    const world = memoryWorld()
    const wang = await world.signedIn('u-wang')
    const staff = await world.signedIn('u-zhang')
    const light = await mineByCategory(wang.api, 'cat-light')
    const escalated = await staff.api.handling.escalate(light.id, { note: '超过一天未受理，请主任督办' })
    expect(escalated.report.escalated).toBe(true)
    expect(escalated.timeline.map((e) => e.action)).toContain('escalate')
    const seen = await wang.api.reports.get(light.id)
    expect(seen.timeline.map((e) => e.action)).not.toContain('escalate')
    expect(seen.report.escalated).toBe(true)
  })

  it('answers the second of two conflicting moves with conflict', async () => {
    const world = memoryWorld()
    const wang = await world.signedIn('u-wang')
    const desk = await world.signedIn('u-zhang')
    // The same staff member on a second device, backed by a second backend over the same server storage.
    const phoneStorage = memoryStorage()
    const phone = createMemoryClient({ backend: new MemoryBackend({ storage: world.serverStorage, now: world.clock.now }), storage: phoneStorage })
    await phone.session.signInDemo('u-zhang')
    const light = await mineByCategory(wang.api, 'cat-light')

    // Both saw the report waiting to be accepted…
    expect((await desk.api.reports.get(light.id)).allowedActions).toContain('accept')
    expect((await phone.reports.get(light.id)).allowedActions).toContain('accept')
    // …the first accept wins, the second is told someone else moved it first.
    await desk.api.handling.accept(light.id)
    const error = await apiError(phone.handling.accept(light.id))
    expect(error.kind).toBe('conflict')
    const timeline = (await wang.api.reports.get(light.id)).timeline
    expect(timeline.filter((e) => e.action === 'accept')).toHaveLength(1)
  })

  it('transfers to another grid, which then owns the report', async () => {
    const world = memoryWorld()
    const wang = await world.signedIn('u-wang')
    const sun = await world.signedIn('u-sun')
    const wu = await world.signedIn('u-wu')
    const light = await mineByCategory(wang.api, 'cat-light')
    const moved = await sun.api.handling.transfer(light.id, { target: { kind: 'grid', id: 'g-3' }, note: '位置属于第三网格' })
    expect(moved.report).toMatchObject({ status: 'transferred', gridId: 'g-3' })
    expect((await wu.api.handling.accept(light.id)).report.status).toBe('accepted')
    expect((await apiError(sun.api.reports.get(light.id))).kind).toBe('not_found')
  })

  it('rejects with a reason the resident sees', async () => {
    const world = memoryWorld()
    const chen = await world.signedIn('u-chen')
    const staff = await world.signedIn('u-zhang')
    const road = await mineByCategory(chen.api, 'cat-road')
    expect((await apiError(staff.api.handling.reject(road.id, { reason: '' }))).fields).toEqual({
      reason: '请填写不予受理的理由，居民会看到它',
    })
    await staff.api.handling.reject(road.id, { reason: '属于市政道路，已转告市政部门' })
    const seen = await chen.api.reports.get(road.id)
    expect(seen.report.status).toBe('rejected')
    expect(seen.timeline[seen.timeline.length - 1].note).toBe('属于市政道路，已转告市政部门')
    expect(seen.allowedActions).toEqual([])
  })

  it('merges a duplicate into an open report, and refuses merging into a finished one', async () => {
    const world = memoryWorld()
    const wang = await world.signedIn('u-wang')
    const staff = await world.signedIn('u-zhang')
    const light = await mineByCategory(wang.api, 'cat-light')
    const duplicate = await wang.api.reports.submit(validReport(), { idempotencyKey: newKey() })
    const bench = await mineByCategory(wang.api, 'cat-facility')

    const refused = await apiError(staff.api.handling.merge(duplicate.id, { intoReportId: bench.id }))
    expect(refused.fields).toEqual({ intoReportId: '要合并到的诉求不存在或已结束' })

    const merged = await staff.api.handling.merge(duplicate.id, { intoReportId: light.id, note: '与已有诉求重复' })
    expect(merged.report).toMatchObject({ status: 'merged', mergedIntoId: light.id })
    expect(merged.allowedActions).toEqual([])
  })

  it('lets the grid worker post progress with photos the resident then sees', async () => {
    const world = memoryWorld()
    const wang = await world.signedIn('u-wang')
    const sun = await world.signedIn('u-sun')
    const water = await mineByCategory(wang.api, 'cat-water')
    const photo = await sun.api.media.uploadPhoto({ path: 'wxfile://tmp/pipe.jpg' })
    await sun.api.handling.progress(water.id, { note: '物业已更换水管接口', photoIds: [photo.id] })
    const seen = await wang.api.reports.get(water.id)
    const last = seen.timeline[seen.timeline.length - 1]
    expect(last).toMatchObject({ action: 'progress', actorName: '孙丽', actorRole: 'grid_worker', note: '物业已更换水管接口' })
    expect(last.photos.map((p) => p.url)).toEqual(['wxfile://tmp/pipe.jpg'])
    // A handler cannot attach someone else's photo.
    const hers = await wang.api.media.uploadPhoto({ path: 'wxfile://tmp/hers.jpg' })
    expect((await apiError(sun.api.handling.progress(water.id, { note: '再次上门', photoIds: [hers.id] }))).fields).toEqual({
      photoIds: '照片已失效，请重新选择',
    })
  })

  it('offers reply templates to handlers only', async () => {
    const world = memoryWorld()
    const wang = await world.signedIn('u-wang')
    const sun = await world.signedIn('u-sun')
    expect((await sun.api.handling.listReplyTemplates()).length).toBeGreaterThan(0)
    expect((await apiError(wang.api.handling.listReplyTemplates())).kind).toBe('forbidden')
  })
})

describe('the network', () => {
  it('fails every request with network while offline, and nothing reaches the backend', async () => {
    const world = memoryWorld()
    const device = await world.signedIn('u-wang', { online: false })
    const error = await apiError(device.api.reports.submit(validReport(), { idempotencyKey: newKey() }))
    expect(error.kind).toBe('network')
    expect(error.retryable).toBe(true)
    expect(error.message).toBe('网络不可用，请检查网络后重试')
    expect((await apiError(device.api.reports.listMine())).kind).toBe('network')
    expect(device.ops).not.toContain('reports.submit')

    device.network.set(true)
    expect((await allMine(device.api)).length).toBe(4)
  })

  it('restores the session on this device even while offline', async () => {
    const world = memoryWorld()
    const device = await world.signedIn('u-wang', { online: false })
    expect((await device.api.session.current())?.user.id).toBe('u-wang')
  })
})

describe('photos', () => {
  it('uploads a photo and attaches it to a report by id', async () => {
    const world = memoryWorld()
    const { api } = await world.signedIn('u-wang')
    const a = await api.media.uploadPhoto({ path: 'wxfile://tmp/a.jpg', width: 800, height: 600, bytes: 120_000 })
    const b = await api.media.uploadPhoto({ path: 'data:image/png;base64,AAAA' })
    expect(a).toMatchObject({ url: 'wxfile://tmp/a.jpg', width: 800, height: 600, bytes: 120_000 })
    const report = await api.reports.submit(validReport({ photoIds: [a.id, b.id] }), { idempotencyKey: newKey() })
    expect(report.photos.map((p) => [p.id, p.url])).toEqual([
      [a.id, 'wxfile://tmp/a.jpg'],
      [b.id, 'data:image/png;base64,AAAA'],
    ])
    const summary = (await allMine(api))[0]
    expect(summary.thumbnailUrl).toBe('wxfile://tmp/a.jpg')
    expect(summary.photoCount).toBe(2)
  })

  it('refuses a photo uploaded by someone else', async () => {
    const world = memoryWorld()
    const wang = await world.signedIn('u-wang')
    const li = await world.signedIn('u-li')
    const hers = await li.api.media.uploadPhoto({ path: 'wxfile://tmp/li.jpg' })
    const error = await apiError(wang.api.reports.submit(validReport({ photoIds: [hers.id] }), { idempotencyKey: newKey() }))
    expect(error.kind).toBe('validation')
    expect(error.fields).toEqual({ photos: '照片已失效，请重新选择' })
  })

  it('refuses an unknown photo id, more than 9 photos, a too-large photo and a non-image', async () => {
    const world = memoryWorld()
    const { api } = await world.signedIn('u-wang')
    expect((await apiError(api.reports.submit(validReport({ photoIds: ['p_nope'] }), { idempotencyKey: newKey() }))).fields).toEqual({
      photos: '照片已失效，请重新选择',
    })
    const ten = Array.from({ length: 10 }, (_, i) => `p_${i}`)
    expect((await apiError(api.reports.submit(validReport({ photoIds: ten }), { idempotencyKey: newKey() }))).fields).toEqual({
      photos: '最多上传9张照片',
    })
    expect((await apiError(api.media.uploadPhoto({ path: 'wxfile://big.jpg', bytes: MAX_PHOTO_BYTES + 1 }))).fields).toEqual({
      photo: '照片不能超过10MB',
    })
    expect((await apiError(api.media.uploadPhoto({ path: 'data:text/html;base64,PHNjcmlwdD4=' }))).fields).toEqual({
      photo: '只能上传图片（JPG/PNG/WebP）',
    })
    expect((await apiError(api.media.uploadPhoto({ path: '' }))).kind).toBe('validation')
  })
})

describe('the inbox', () => {
  it('is for handlers only', async () => {
    const world = memoryWorld()
    for (const userId of ['u-wang', 'u-zhou', 'u-he']) {
      const { api } = await world.signedIn(userId)
      expect((await apiError(api.handling.listInbox())).kind).toBe('forbidden')
    }
  })

  it('shows a grid worker only the reports of their grid', async () => {
    const world = memoryWorld()
    const liu = await world.signedIn('u-liu')
    const sun = await world.signedIn('u-sun')
    const liuInbox = await liu.api.handling.listInbox()
    expect(liuInbox.items.map((r) => r.categoryId)).toEqual(['cat-road'])
    const sunInbox = await sun.api.handling.listInbox()
    expect(sunInbox.items.every((r) => r.gridId === 'g-2')).toBe(true)
    expect(sunInbox.items.map((r) => r.categoryId).sort()).toEqual(['cat-facility', 'cat-garbage', 'cat-light', 'cat-parking', 'cat-water'])
  })

  it('shows staff the whole community, most urgent first, with filters', async () => {
    const world = memoryWorld()
    const staff = await world.signedIn('u-zhang')
    const inbox = await staff.api.handling.listInbox({ limit: 50 })
    expect(inbox.items).toHaveLength(7)
    // Finished reports come last.
    const finished = inbox.items.map((r) => ['closed', 'rejected', 'merged'].includes(r.status))
    expect(finished).toEqual([...finished].sort((a, b) => Number(a) - Number(b)))
    const submitted = await staff.api.handling.listInbox({ status: ['submitted'] })
    expect(submitted.items.map((r) => r.categoryId).sort()).toEqual(['cat-light', 'cat-road'])
    const g3 = await staff.api.handling.listInbox({ gridId: 'g-3' })
    expect(g3.items.map((r) => r.categoryId)).toEqual(['cat-noise'])
  })

  it('pages with its cursor', async () => {
    const world = memoryWorld()
    const staff = await world.signedIn('u-zhang')
    const first = await staff.api.handling.listInbox({ limit: 4 })
    const second = await staff.api.handling.listInbox({ limit: 4, cursor: first.nextCursor })
    expect(first.items).toHaveLength(4)
    expect(second.items).toHaveLength(3)
    expect(second.nextCursor).toBeUndefined()
    expect(new Set([...first.items, ...second.items].map((r) => r.id)).size).toBe(7)
    expect((await apiError(staff.api.handling.listInbox({ cursor: 'x' }))).kind).toBe('validation')
  })
})

describe('me too (附议)', () => {
  it('counts each neighbour once and refuses one’s own or a finished report', async () => {
    const world = memoryWorld()
    const wang = await world.signedIn('u-wang')
    const li = await world.signedIn('u-li')
    const zhao = await world.signedIn('u-zhao')
    const light = await mineByCategory(wang.api, 'cat-light')
    expect((await li.api.reports.meToo(light.id)).meTooCount).toBe(1)
    expect((await li.api.reports.meToo(light.id)).meTooCount).toBe(1)
    const after = await zhao.api.reports.meToo(light.id)
    expect(after.meTooCount).toBe(2)
    // What a neighbour sees of it is masked.
    expect(after.reporterName).toBe('王**')
    expect((await apiError(wang.api.reports.meToo(light.id))).kind).toBe('conflict')
    const bench = await mineByCategory(wang.api, 'cat-facility')
    expect((await apiError(li.api.reports.meToo(bench.id))).kind).toBe('conflict')
    expect((await apiError(li.api.reports.meToo('r_missing'))).kind).toBe('not_found')
  })

  it('lists open reports publicly, with reporters masked or anonymous', async () => {
    const world = memoryWorld()
    const li = await world.signedIn('u-li')
    const page = await li.api.reports.listPublic({ limit: 50 })
    const byCategory = Object.fromEntries(page.items.map((r) => [r.categoryId, r]))
    expect(Object.keys(byCategory).sort()).toEqual(['cat-garbage', 'cat-light', 'cat-parking', 'cat-road', 'cat-water'])
    expect(byCategory['cat-light'].reporterName).toBe('王**')
    expect(byCategory['cat-garbage'].reporterName).toBe('匿名居民')
    // Her own report keeps her name.
    expect(byCategory['cat-parking'].reporterName).toBe('李明')
    const lights = await li.api.reports.listPublic({ categoryId: 'cat-light' })
    expect(lights.items.map((r) => r.categoryId)).toEqual(['cat-light'])
  })
})

describe('capabilities', () => {
  it('says what the memory adapter does not offer, and those groups reject with not_supported', async () => {
    const world = memoryWorld()
    const { api } = await world.signedIn('u-wang')
    expect(api.mode).toBe('memory')
    expect(api.capabilities).toMatchObject({
      demoSignIn: true,
      wechatSignIn: false,
      reports: true,
      photoUpload: true,
      meToo: true,
      handling: true,
      messages: true,
      notices: true,
      conventions: true,
      services: true,
      dashboard: true,
    })
    expect((await apiError(api.session.signInWithWeChat('code'))).kind).toBe('not_supported')
    // A group an adapter lacks: every method rejects, in words that name it.
    const lacking = unsupported<ServicesApi>('服务预约')
    for (const call of [lacking.list(), lacking.mine()]) expect((await apiError(call)).kind).toBe('not_supported')
    expect((await apiError(lacking.list())).message).toBe('当前后端暂不支持服务预约')
  })

  it('does not make an unsupported group look like a promise', async () => {
    const lacking = unsupported<ServicesApi>('服务预约')
    expect((lacking as unknown as { then?: unknown }).then).toBeUndefined()
    await expect(Promise.resolve(lacking)).resolves.toBe(lacking)
  })
})
