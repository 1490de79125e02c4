import type { LightMyRequestResponse } from 'fastify'
import type { PhotoStorage } from '../app'
import { noisyPng, png, photoFile } from './support/images'
import { DEMO, expectError, newKey, startWorld, type World } from './support/world'

/**
 * The per-person quotas (ADR 20) at the HTTP edge, on PGlite: one test per quota. The write after
 * the limit answers 429 rate_limited with the core's words (what the limit is, when it frees up),
 * retryAfterMs to the end of the Beijing hour, day or week and the same in Retry-After; counted
 * from the database rows, so they hold whatever the process. Rate limits are out of reach here
 * (their own test is rate-limits.test.ts); the clock stands still unless a test moves it.
 */

jest.setTimeout(120_000)

const API = '/api/v1'
const MB = 1024 * 1024
const HOUR = 3_600_000
const DAY = 24 * HOUR
/** The demo seed is written up to Monday 2026-11-30 09:00 in Beijing; the tests start on Tuesday 09:00. */
const SEEDED = Date.parse('2026-11-30T01:00:00.000Z')
const TUESDAY_9 = SEEDED + DAY
const GENEROUS = { max: 100_000, timeWindowMs: 60_000 }

let clock = SEEDED
/** Keeps no bytes: the quotas count the photos' rows. */
const nowhere: PhotoStorage = { put: async () => undefined, get: async () => null, url: (key) => `/files/photos/${key}`, delete: async () => undefined }

let world: World
beforeAll(async () => {
  world = await startWorld({
    now: () => new Date(clock),
    photoStorage: nowhere,
    rateLimits: { submit: GENEROUS, signIn: GENEROUS, redeem: GENEROUS, upload: GENEROUS, write: GENEROUS },
  })
})
afterAll(() => world?.close())
beforeEach(() => {
  clock = TUESDAY_9
})

const send = async (userId: string, method: 'POST' | 'PUT', url: string, payload: object, key?: string) =>
  world.inject({ method, url: `${API}${url}`, headers: { ...(await world.as(userId)), ...(key ? { 'idempotency-key': key } : {}) }, payload })

/** Answered `status` (fails with the body otherwise). */
function ok(response: LightMyRequestResponse, status = 201): Record<string, unknown> {
  if (response.statusCode !== status) throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body}`)
  return response.json()
}

/** The quota's refusal: 429, its words, and the wait until `freesAt` in the body and in Retry-After. */
function expectQuota(response: LightMyRequestResponse, message: string, freesAt: string): void {
  expectError(response, 429, 'rate_limited')
  const wait = Date.parse(freesAt) - clock
  expect(response.json().error).toEqual({ kind: 'rate_limited', message, retryAfterMs: wait })
  expect(response.headers['retry-after']).toBe(String(Math.ceil(wait / 1000)))
}

const TUESDAY_END = '2026-12-01T16:00:00.000Z'
const WEEK_END = '2026-12-06T16:00:00.000Z'

describe('photos', () => {
  const upload = async (userId: string, bytes: number) => {
    const file = photoFile(png(3, 2, bytes))
    return world.inject({ method: 'POST', url: `${API}/photos`, headers: { ...(await world.as(userId)), ...file.headers }, payload: file.payload })
  }

  it('a resident’s 101st photo of the day', async () => {
    for (let i = 0; i < 100; i++) ok(await upload(DEMO.chen, 2000))
    expectQuota(await upload(DEMO.chen, 2000), '今天上传的照片已达 100 张，请明天再试', TUESDAY_END)
    clock = Date.parse(TUESDAY_END)
    ok(await upload(DEMO.chen, 2000))
  })

  it('a resident’s 300 MB of the day, over three hours of 100 MB', async () => {
    // Counted in stored bytes: noise stays about 9.5 MB after the server re-encodes it (ADR 0019).
    const noisy = photoFile(await noisyPng(9.5 * MB))
    const big = async () => world.inject({ method: 'POST', url: `${API}/photos`, headers: { ...(await world.as(DEMO.zhao)), ...noisy.headers }, payload: noisy.payload })
    let today = 0
    for (let hour = 0; hour < 3; hour++) {
      clock = TUESDAY_9 + hour * HOUR
      for (let i = 0; i < 10; i++) today += ok(await big()).bytes as number
    }
    expect(today).toBeGreaterThan(270 * MB)
    clock = TUESDAY_9 + 3 * HOUR
    // Admitted while the day's bytes are under 300 MB, refused once they are not.
    let refused: LightMyRequestResponse | undefined
    for (let i = 0; i < 4 && !refused; i++) {
      const answer = await big()
      if (answer.statusCode === 201) {
        expect(today).toBeLessThan(300 * MB)
        today += answer.json().bytes
      } else refused = answer
    }
    expect(today).toBeGreaterThanOrEqual(300 * MB)
    expectQuota(refused!, '今天上传的照片已达 300 MB，请明天再试', TUESDAY_END)
  })
})

describe('messages', () => {
  const post = (userId: string, i: number) => send(userId, 'POST', '/threads/general/messages', { body: `第${i}条留言` })

  it('a resident’s 31st message of the hour, then the 201st of the day', async () => {
    for (let i = 1; i <= 30; i++) ok(await post(DEMO.neighbour, i))
    expectQuota(await post(DEMO.neighbour, 31), '本小时发送的留言已达 30 条，请 10:00 以后再试', '2026-12-01T02:00:00.000Z')
    for (let hour = 1; hour <= 6; hour++) {
      clock = TUESDAY_9 + hour * HOUR
      for (let i = 1; i <= (hour < 6 ? 30 : 20); i++) ok(await post(DEMO.neighbour, i))
    }
    expectQuota(await post(DEMO.neighbour, 201), '今天发送的留言已达 200 条，请明天再试', TUESDAY_END)
  })
})

describe('notices (a building leader)', () => {
  const publish = (over: { urgent?: boolean; pinned?: boolean; title?: string } = {}) =>
    send(DEMO.leader, 'POST', '/notices', { title: '楼栋通知', body: '本周六上午楼道大扫除，请把杂物收回家中。', scope: { kind: 'buildings', buildingIds: ['b-3'] }, urgent: false, pinned: false, ...over })

  it('the 4th urgent or pinned notice of a day, and the 6th of a week (the seed’s Monday one counts)', async () => {
    for (const over of [{ urgent: true }, { pinned: true }, { urgent: true, pinned: true }]) ok(await publish(over))
    expectQuota(await publish({ urgent: true }), '今天发布的紧急或置顶通知已达 3 条，请明天再试', TUESDAY_END)
    clock = TUESDAY_9 + DAY
    ok(await publish({ pinned: true }))
    // Monday's 3号楼电梯保养通知, Tuesday's three, Wednesday's one: five this week.
    expectQuota(await publish({ urgent: true }), '本周发布的紧急或置顶通知已达 5 条，请下周再试', WEEK_END)
    ok(await publish())
  })

  it('the 11th notice of a day', async () => {
    clock = TUESDAY_9 + 3 * DAY
    for (let i = 0; i < 10; i++) ok(await publish())
    expectQuota(await publish(), '今天发布的通知已达 10 条，请明天再试', '2026-12-04T16:00:00.000Z')
  })
})

describe('consultation', () => {
  it('a resident’s 6th proposal of a week', async () => {
    const propose = (i: number, key = newKey()) => send(DEMO.owner, 'POST', '/proposals', { title: `第${i}个议题：北门加装充电桩`, body: '北门附近没有电动车充电的地方，建议加装。', photoIds: [] }, key)
    const keys = [1, 2, 3, 4, 5].map(() => newKey())
    const ids: unknown[] = []
    for (let i = 0; i < 5; i++) ids.push(ok(await propose(i + 1, keys[i])).id)
    expectQuota(await propose(6), '本周提出的议题已达 5 个，请下周再试', WEEK_END)
    // A retry of the 5th under its key (the outbox's) answers the proposal it made, not the quota.
    expect(ok(await propose(5, keys[4])).id).toBe(ids[4])
  })

  it('a resident’s 31st contribution of an hour', async () => {
    const proposal = ok(await send(DEMO.chen, 'POST', '/proposals', { title: '小区南门增设减速带', body: '南门车速太快，建议增设减速带保障老人孩子安全。', photoIds: [] }, newKey()))
    const say = (i: number) => send(DEMO.zhao, 'POST', `/discussions?kind=proposal&id=${proposal.id}`, { body: `第${i}条意见：支持`, stance: 'for' }, newKey())
    for (let i = 1; i <= 30; i++) ok(await say(i))
    expectQuota(await say(31), '本小时发言已达 30 条，请 10:00 以后再试', '2026-12-01T02:00:00.000Z')
  })

  it('a resident’s 11th question of a day on disclosures', async () => {
    const disclosures = ok(await world.inject({ url: `${API}/disclosures`, headers: await world.as(DEMO.chen) }), 200) as { items: Array<{ id: string }> }
    const ask = (i: number) => send(DEMO.chen, 'POST', `/discussions?kind=disclosure&id=${disclosures.items[0].id}`, { body: `第${i}个问题：这笔钱花在哪里了？` }, newKey())
    clock = TUESDAY_9 + 2 * HOUR
    for (let i = 1; i <= 10; i++) ok(await ask(i))
    expectQuota(await ask(11), '今天对公开事项提出的问题已达 10 个，请明天再试', TUESDAY_END)
  })
})

describe('bookings', () => {
  it('a resident’s 21st booking of a day, cancelled ones included', async () => {
    const service = ok(
      await send(
        DEMO.staff,
        'POST',
        '/services',
        {
          name: '法律咨询',
          kind: 'legal',
          description: '社区律师为居民解答法律问题',
          location: { kind: 'address', address: '映月社区服务中心201室' },
          provider: '某律师事务所 张律师',
          durationMinutes: 30,
          bufferMinutes: 0,
          capacity: 2,
          eligibility: [],
          questions: [],
          requiresConfirmation: false,
          rules: { minNoticeMinutes: 120, maxDaysAhead: 14, changeCutoffMinutes: 60 },
          hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })),
          exceptions: [],
          status: 'published',
        },
        newKey(),
      ),
    )
    // Wednesday 2026-12-02 10:00 in Beijing.
    const book = () => send(DEMO.owner, 'POST', '/bookings', { serviceId: service.id, startsAt: '2026-12-02T02:00:00.000Z', answers: {} }, newKey())
    for (let i = 0; i < 20; i++) {
      const booked = ok(await book())
      ok(await send(DEMO.owner, 'POST', `/bookings/${booked.id}/cancel`, { reason: '临时有事' }), 200)
    }
    expectQuota(await book(), '今天提交的预约已达 20 次，请明天再试', TUESDAY_END)
  })
})
