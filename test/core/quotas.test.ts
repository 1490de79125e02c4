import { createCore } from '../../src/core/core'
import type { ApiError } from '../../src/core/errors'
import { plainLawyer } from './support/booking'
import { createWorld, DEMO, failure, type World } from './support/world'

/**
 * The per-person quotas (ADR 20, src/domain/quotas.ts) at service level over the memory store: the
 * write after the limit is refused with rate_limited, the limit and when it frees up in Chinese and
 * retryAfterMs until then; the next window is free again; staff in their role have more room; a
 * replay of an idempotent creation is never refused. The world's clock is moved to Monday
 * 2026-11-30 09:00 in Beijing, after everything the demo seed wrote.
 */

const MONDAY_9 = Date.parse('2026-11-30T01:00:00.000Z')
const HOUR = 3_600_000
const DAY = 24 * HOUR
const MB = 1024 * 1024

/** The refusal's observable parts. */
const limited = (error: ApiError) => ({ kind: error.kind, message: error.message, retryAfterMs: error.retryAfterMs })
/** Milliseconds from the clock's next reading to `iso` (the check reads the clock once, at the start of the call). */
const until = (world: World, iso: string) => Date.parse(iso) - world.clock.peek().getTime()

let world: World
beforeEach(async () => {
  world = await createWorld()
  world.clock.set(MONDAY_9)
})

describe('photos: an hour’s bytes, a day’s count and bytes', () => {
  const upload = async (who: string, bytes = 200_000) => {
    const caller = await world.caller(who)
    await world.core.photos.admit(caller)
    return world.core.photos.record(caller, { id: world.core.photos.newId(), contentType: 'image/jpeg', bytes })
  }

  it('refuses a resident’s 101st photo of the day until Beijing midnight, and takes photos again the next day', async () => {
    for (let i = 0; i < 100; i++) await upload(DEMO.wang)
    const wait = until(world, '2026-11-30T16:00:00.000Z')
    const error = await failure(upload(DEMO.wang))
    expect(limited(error)).toEqual({ kind: 'rate_limited', message: '今天上传的照片已达 100 张，请明天再试', retryAfterMs: wait })
    // Another resident is not held to 王秀兰's count.
    await upload(DEMO.li)
    world.clock.set(Date.parse('2026-11-30T16:00:00.000Z'))
    expect((await upload(DEMO.wang)).bytes).toBe(200_000)
  })

  it('stops a burst of big photos at 100 MB an hour (a resident), and the day at 300 MB, however few photos that was', async () => {
    for (let i = 0; i < 10; i++) await upload(DEMO.wang, 10 * MB)
    const wait = until(world, '2026-11-30T02:00:00.000Z')
    expect(limited(await failure(upload(DEMO.wang, 10 * MB)))).toEqual({ kind: 'rate_limited', message: '本小时上传的照片已达 100 MB，请 10:00 以后再试', retryAfterMs: wait })
    for (const hour of [1, 2]) {
      world.clock.set(MONDAY_9 + hour * HOUR)
      for (let i = 0; i < 10; i++) await upload(DEMO.wang, 10 * MB)
    }
    world.clock.set(MONDAY_9 + 3 * HOUR)
    expect(limited(await failure(upload(DEMO.wang)))).toMatchObject({ kind: 'rate_limited', message: '今天上传的照片已达 300 MB，请明天再试' })
  })

  it('gives anyone acting in a role (a grid worker documenting handling) 500 a day', async () => {
    for (let i = 0; i < 500; i++) await upload(DEMO.sun)
    expect(limited(await failure(upload(DEMO.sun)))).toMatchObject({ kind: 'rate_limited', message: '今天上传的照片已达 500 张，请明天再试' })
  })
})

describe('messages: an hour’s and a day’s', () => {
  const send = async (who: string, i: number) => world.core.messages.send(await world.caller(who), 'general', `第${i}条留言`)

  it('refuses a resident’s 31st message of the hour until the next full hour, then the 201st of the day until midnight', async () => {
    for (let i = 1; i <= 30; i++) await send(DEMO.wang, i)
    const wait = until(world, '2026-11-30T02:00:00.000Z')
    expect(limited(await failure(send(DEMO.wang, 31)))).toEqual({ kind: 'rate_limited', message: '本小时发送的留言已达 30 条，请 10:00 以后再试', retryAfterMs: wait })
    // Nothing was posted by the refused call.
    expect((await world.core.messages.listMessages(await world.caller(DEMO.wang), `general:${DEMO.wang}`, { limit: 50 })).items).toHaveLength(30)
    for (let hour = 1; hour <= 6; hour++) {
      world.clock.set(MONDAY_9 + hour * HOUR)
      for (let i = 1; i <= (hour < 6 ? 30 : 20); i++) await send(DEMO.wang, i)
    }
    expect(limited(await failure(send(DEMO.wang, 201)))).toMatchObject({ kind: 'rate_limited', message: '今天发送的留言已达 200 条，请明天再试' })
  })

  it('lets a handler answer 120 an hour', async () => {
    const zhang = await world.caller(DEMO.zhang)
    for (let i = 1; i <= 31; i++) await world.core.messages.send(zhang, { threadId: `general:${DEMO.wang}` }, `回复第${i}条`)
    world.clock.set(MONDAY_9 + 10 * 60_000)
    for (let i = 32; i <= 120; i++) await world.core.messages.send(zhang, { threadId: `general:${DEMO.wang}` }, `回复第${i}条`)
    expect(limited(await failure(world.core.messages.send(zhang, { threadId: `general:${DEMO.wang}` }, '第121条')))).toMatchObject({
      kind: 'rate_limited',
      message: '本小时发送的留言已达 120 条，请 10:00 以后再试',
    })
  })
})

describe('notices: a leader’s urgent and pinned ones, staff’s day', () => {
  const b3 = { kind: 'buildings' as const, buildingIds: ['b-3'] }
  const publish = async (who: string, over: { urgent?: boolean; pinned?: boolean; scope?: typeof b3 | { kind: 'community' } } = {}) =>
    world.core.notices.publish(await world.caller(who), { title: '楼栋通知', body: '本周六上午楼道大扫除，请把杂物收回家中。', scope: b3, urgent: false, pinned: false, ...over })

  it('lets a building leader push 3 urgent or pinned notices a day and 5 a week; plain ones still go', async () => {
    await publish(DEMO.zhou, { urgent: true })
    await publish(DEMO.zhou, { pinned: true })
    await publish(DEMO.zhou, { urgent: true, pinned: true })
    const wait = until(world, '2026-11-30T16:00:00.000Z')
    expect(limited(await failure(publish(DEMO.zhou, { urgent: true })))).toEqual({
      kind: 'rate_limited',
      message: '今天发布的紧急或置顶通知已达 3 条，请明天再试',
      retryAfterMs: wait,
    })
    expect((await publish(DEMO.zhou)).urgent).toBe(false)
    world.clock.set(MONDAY_9 + DAY)
    await publish(DEMO.zhou, { urgent: true })
    await publish(DEMO.zhou, { pinned: true })
    // Tuesday: two today, but five this week.
    const weekEnd = until(world, '2026-12-06T16:00:00.000Z')
    expect(limited(await failure(publish(DEMO.zhou, { urgent: true })))).toEqual({ kind: 'rate_limited', message: '本周发布的紧急或置顶通知已达 5 条，请下周再试', retryAfterMs: weekEnd })
    world.clock.set(Date.parse('2026-12-06T16:00:00.000Z'))
    expect((await publish(DEMO.zhou, { urgent: true })).urgent).toBe(true)
  })

  it('counts a leader’s 10 notices of a day and staff’s 50; staff push 10 urgent or pinned ones', async () => {
    for (let i = 0; i < 10; i++) await publish(DEMO.zhou)
    expect(limited(await failure(publish(DEMO.zhou)))).toMatchObject({ kind: 'rate_limited', message: '今天发布的通知已达 10 条，请明天再试' })
    for (let i = 0; i < 10; i++) await publish(DEMO.zhang, { urgent: true, scope: { kind: 'community' } })
    expect(limited(await failure(publish(DEMO.zhang, { pinned: true, scope: { kind: 'community' } })))).toMatchObject({ message: '今天发布的紧急或置顶通知已达 10 条，请明天再试' })
    for (let i = 10; i < 50; i++) await publish(DEMO.zhang, { scope: { kind: 'community' } })
    expect(limited(await failure(publish(DEMO.zhang, { scope: { kind: 'community' } })))).toMatchObject({ message: '今天发布的通知已达 50 条，请明天再试' })
  })
})

describe('proposals: a week’s', () => {
  const input = (i: number) => ({ title: `第${i}个议题：小区绿化改造`, body: '建议把北门的空地改成小花园，方便老人休息。', photoIds: [] })

  it('refuses a 6th proposal in a week until Monday, but answers a replay of the 5th as created', async () => {
    const wang = await world.caller(DEMO.wang)
    let lastKey = ''
    for (let i = 1; i <= 5; i++) {
      lastKey = world.key()
      await world.core.consultation.propose(wang, input(i), { idempotencyKey: lastKey })
    }
    const weekEnd = until(world, '2026-12-06T16:00:00.000Z')
    expect(limited(await failure(world.core.consultation.propose(wang, input(6), { idempotencyKey: world.key() })))).toEqual({
      kind: 'rate_limited',
      message: '本周提出的议题已达 5 个，请下周再试',
      retryAfterMs: weekEnd,
    })
    // The outbox's retry of the 5th is not a 6th.
    expect((await world.core.consultation.propose(wang, input(5), { idempotencyKey: lastKey })).title).toBe('第5个议题：小区绿化改造')
    world.clock.set(Date.parse('2026-12-06T16:00:00.000Z'))
    expect((await world.core.consultation.propose(wang, input(6), { idempotencyKey: world.key() })).title).toBe('第6个议题：小区绿化改造')
  })
})

describe('discussions: an hour’s contributions, a day’s questions on disclosures', () => {
  const say = async (who: string, subject: { kind: 'proposal' | 'disclosure'; id: string }, body: string, stance?: 'for') =>
    world.core.consultation.contribute(await world.caller(who), subject, { body, ...(stance ? { stance } : {}) }, { idempotencyKey: world.key() })

  it('refuses a resident’s 31st contribution of the hour until the next full hour', async () => {
    const proposal = await world.core.consultation.propose(await world.caller(DEMO.wang), { title: '北门加装充电桩', body: '北门附近没有电动车充电的地方，建议加装。', photoIds: [] }, { idempotencyKey: world.key() })
    const subject = { kind: 'proposal' as const, id: proposal.id }
    for (let i = 1; i <= 30; i++) await say(DEMO.li, subject, `第${i}条意见：支持加装`, 'for')
    const wait = until(world, '2026-11-30T02:00:00.000Z')
    expect(limited(await failure(say(DEMO.li, subject, '第31条意见', 'for')))).toEqual({ kind: 'rate_limited', message: '本小时发言已达 30 条，请 10:00 以后再试', retryAfterMs: wait })
    world.clock.set(MONDAY_9 + HOUR)
    expect((await say(DEMO.li, subject, '下一个小时的意见', 'for')).body).toBe('下一个小时的意见')
  })

  it('refuses a resident’s 11th question of the day on disclosures, while staff keep answering', async () => {
    const [disclosure] = (await world.core.consultation.listDisclosures(await world.caller(DEMO.wang))).items
    const subject = { kind: 'disclosure' as const, id: disclosure.id }
    for (let i = 1; i <= 10; i++) await say(DEMO.wang, subject, `第${i}个问题：这笔钱花在哪里了？`)
    expect(limited(await failure(say(DEMO.wang, subject, '第11个问题')))).toMatchObject({ kind: 'rate_limited', message: '今天对公开事项提出的问题已达 10 个，请明天再试' })
    for (let i = 1; i <= 11; i++) await say(DEMO.zhang, subject, `答复第${i}个问题：见附表。`)
  })
})

describe('bookings: a day’s, cancelled ones included', () => {
  // Thursday 2026-12-03 10:00 in Beijing: open to book from Monday 2026-11-30.
  const THU_10 = '2026-12-03T02:00:00.000Z'

  it('refuses a resident’s 21st booking of the day, however many were cancelled (book–cancel churn)', async () => {
    const bookings = world.core.bookings
    const service = await bookings.create(await world.caller(DEMO.zhang), plainLawyer(), { idempotencyKey: world.key() })
    const wang = await world.caller(DEMO.wang)
    for (let i = 0; i < 20; i++) {
      const booked = await bookings.book(wang, { serviceId: service.id, startsAt: THU_10, answers: {} }, { idempotencyKey: world.key() })
      await bookings.cancel(wang, booked.id, { reason: '临时有事' })
    }
    const wait = until(world, '2026-11-30T16:00:00.000Z')
    const error = await failure(bookings.book(wang, { serviceId: service.id, startsAt: THU_10, answers: {} }, { idempotencyKey: world.key() }))
    expect(limited(error)).toMatchObject({ kind: 'rate_limited', message: '今天提交的预约已达 20 次，请明天再试' })
    // Until midnight, from the instant of the check (the call reads the clock a few times before it).
    expect(error.retryAfterMs).toBeLessThanOrEqual(wait)
    expect(error.retryAfterMs).toBeGreaterThan(wait - 60_000)
    // 代约 by staff for 王秀兰 counts to staff (200 a day), not to her.
    const forWang = await bookings.book(await world.caller(DEMO.zhang), { serviceId: service.id, startsAt: THU_10, answers: {}, forUserId: DEMO.wang }, { idempotencyKey: world.key() })
    expect(forWang.status).toBe('confirmed')
  })
})

describe('quotas off (load tests only)', () => {
  it('counts nothing: a 31st message of the hour goes', async () => {
    const core = createCore(world.store, world.runtime, { quotas: false })
    const wang = await world.caller(DEMO.wang)
    for (let i = 1; i <= 31; i++) await core.messages.send(wang, 'general', `第${i}条`)
    // The same store with quotas on refuses the next one.
    expect((await failure(world.core.messages.send(wang, 'general', '第32条'))).kind).toBe('rate_limited')
  })
})
