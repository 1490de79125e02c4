import { createOpen311Client, type Open311ClientOptions } from '../../../src/api/open311/client'
import { fetchTextTransport } from '../../../src/api/open311/transport'
import type { ApiClient } from '../../../src/api/client'
import { ApiError } from '../../../src/api/errors'
import { OPEN311_MESSAGES } from '../../../src/domain/open311/errors'
import { PENDING_NUMBER } from '../../../src/domain/open311/report'
import { fakeNetwork } from '../../../src/platform/network'
import { memoryStorage } from '../../../src/platform/storage'
import type { NewReportInput } from '../../../types/api'
import { DEMO_SERVICES, startOpen311Fake, type Open311Fake, type Open311Switches } from '../../support/open311-fake'

/**
 * The Open311 adapter's own behaviour against the GeoReport v2 fake, over real sockets: what it
 * sends, how it reads every shape of failure, the offline cache, polite polling, tokens and
 * mySociety's updates. (What every backend must answer alike is test/contract/report-suite.ts.)
 */

let clock = new Date('2026-12-02T04:00:00.000Z')
let fake: Open311Fake

async function start(switches: Partial<Open311Switches> = {}) {
  fake = await startOpen311Fake({ switches, jurisdictionId: 'city.example', now: () => clock })
}

afterEach(async () => {
  await fake?.close()
})

beforeEach(() => {
  clock = new Date('2026-12-02T04:00:00.000Z')
})

function client(over: Partial<Open311ClientOptions> = {}): ApiClient {
  return createOpen311Client({
    baseUrl: fake.url,
    apiKey: fake.apiKey,
    jurisdictionId: 'city.example',
    storage: memoryStorage(),
    transport: fetchTextTransport(),
    timeoutMs: 2_000,
    now: () => clock,
    tokenWaitMs: 1,
    ...over,
  })
}

let seq = 0
function report(over: Partial<NewReportInput> = {}): NewReportInput {
  seq += 1
  return {
    categoryId: 'open311:pothole',
    description: `门口路面有个大坑，第${seq}处，骑车容易摔`,
    photoIds: [],
    location: { kind: 'point', latitude: 31.5912, longitude: 120.3011, name: '人民路口', address: '人民路与解放路交叉口' },
    anonymous: false,
    ...over,
  }
}
const key = () => `unit-open311-${++seq}-${Math.random().toString(36).slice(2, 10)}`

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  throw new Error('expected an ApiError')
}

const posts = () => fake.received.filter((call) => call.method === 'POST')
const calls = (path: string) => fake.received.filter((call) => call.path.endsWith(path)).length

describe('what the adapter sends', () => {
  it('posts the report form-encoded: key, jurisdiction, service, point and address, plain description, answers, device', async () => {
    await start()
    const api = client()
    await api.reports.submit(
      report({
        categoryId: 'open311:streetlight',
        description: '路灯<b>不亮</b>了，已经三天',
        answers: { pole: 'A-17', kind: 'off', hazards: ['wire', 'dark'] },
      }),
      { idempotencyKey: key() },
    )
    const body = new URLSearchParams(posts()[0].body)
    expect(body.get('api_key')).toBe(fake.apiKey)
    expect(body.get('jurisdiction_id')).toBe('city.example')
    expect(body.get('service_code')).toBe('streetlight')
    expect([body.get('lat'), body.get('long')]).toEqual(['31.5912', '120.3011'])
    expect(body.get('address_string')).toBe('人民路口 人民路与解放路交叉口')
    expect(body.get('description')).toBe('路灯 不亮 了，已经三天')
    expect(body.get('attribute[pole]')).toBe('A-17')
    expect(body.getAll('attribute[hazards][]')).toEqual(['wire', 'dark'])
    expect(body.get('device_id')).toMatch(/^dev_/)
    expect(body.has('account_id')).toBe(false)
    expect(fake.received.every((call) => /\.json$/.test(call.path))).toBe(true)
  })

  it('sends nothing that ties an anonymous report to the phone', async () => {
    await start()
    await client().reports.submit(report({ anonymous: true }), { idempotencyKey: key() })
    const body = new URLSearchParams(posts()[0].body)
    expect(body.has('device_id')).toBe(false)
    expect(body.has('account_id')).toBe(false)
  })

  it('sends a typed address as address_string alone', async () => {
    await start()
    await client().reports.submit(report({ location: { kind: 'text', address: '解放路88号门口' } }), { idempotencyKey: key() })
    const body = new URLSearchParams(posts()[0].body)
    expect([body.has('lat'), body.get('address_string')]).toEqual([false, '解放路88号门口'])
  })

  it('maps services to categories with their group and keywords, and says where reports go', async () => {
    await start()
    const dir = await client({ name: '锡山区城市服务平台' }).directory.getCommunity()
    expect(dir.community.name).toBe('锡山区城市服务平台')
    expect(dir.categories.map((c) => c.id)).toEqual(DEMO_SERVICES.map((s) => `open311:${s.service_code}`))
    expect(dir.categories[1]).toMatchObject({ name: '路灯故障', group: '照明', keywords: ['路灯', '灯'], hasQuestions: true })
  })
})

describe('a city that refuses', () => {
  it.each([
    ['the spec’s error list', 'spec'],
    ['an error object', 'object'],
  ] as const)('reads a refusal given as %s as a validation error in Chinese, on the field it names, and keeps nothing', async (_name, errors) => {
    await start({ errors })
    const api = client()
    await api.directory.getCommunity() // the service list is kept on the phone …
    fake.seedServices(DEMO_SERVICES.filter((s) => s.service_code !== 'pothole')) // … and the city drops a service
    const error = await failure(api.reports.submit(report(), { idempotencyKey: key() }))
    expect(error.kind).toBe('validation')
    expect(error.message).toBe(OPEN311_MESSAGES.validation)
    expect(error.fields.categoryId).toBe(OPEN311_MESSAGES.validation)
    expect((await api.reports.listMine()).items).toEqual([])
  })

  it('reads an HTML page with a 500 as the city being unavailable, and a retry first looks for the report', async () => {
    await start({ errors: 'html' })
    const api = client()
    await api.directory.getCommunity()
    fake.seedServices(DEMO_SERVICES.filter((s) => s.service_code !== 'pothole'))
    const k = key()
    const input = report()
    const error = await failure(api.reports.submit(input, { idempotencyKey: k }))
    expect([error.kind, error.message, error.retryable]).toEqual(['server', OPEN311_MESSAGES.server, true])
    fake.seedServices(DEMO_SERVICES)
    const sent = await api.reports.submit(input, { idempotencyKey: k })
    expect(sent.number).toMatch(/^\d+$/)
    expect(posts()).toHaveLength(2)
  })

  it.each([400, 403] as const)('reads a refused api_key answered %i as forbidden, telling the resident to ask the admin', async (keyRefusal) => {
    await start({ keyRefusal })
    const error = await failure(client({ apiKey: 'wrong-key' }).reports.submit(report(), { idempotencyKey: key() }))
    expect([error.kind, error.message]).toEqual(['forbidden', OPEN311_MESSAGES.keyRefused])
  })

  it('answers a server that never answers with a clear message after the time limit', async () => {
    await start({ silent: true })
    const began = Date.now()
    const error = await failure(client({ timeoutMs: 300 }).directory.getCommunity())
    expect([error.kind, error.message]).toEqual(['network', OPEN311_MESSAGES.timeout])
    expect(Date.now() - began).toBeLessThan(2_000)
  })

  it('says the phone is offline without asking the city', async () => {
    await start()
    const network = fakeNetwork(false)
    const error = await failure(client({ network }).reports.submit(report(), { idempotencyKey: key() }))
    expect([error.kind, error.message]).toEqual(['network', OPEN311_MESSAGES.offline])
    expect(fake.received).toHaveLength(0)
  })
})

describe('reading offline and polling politely', () => {
  it('reads my reports and their last status from the phone when the city cannot be reached', async () => {
    await start()
    const network = fakeNetwork(true)
    const storage = memoryStorage()
    const api = client({ network, storage, pollIntervalMs: 0 })
    const filed = await api.reports.submit(report(), { idempotencyKey: key() })
    fake.move(filed.number, 'closed', '坑已填平')
    expect((await api.reports.get(filed.id)).report.status).toBe('resolved')
    network.set(false)
    // Another launch of the app, offline: the same storage.
    const later = client({ network, storage, pollIntervalMs: 0 })
    expect((await later.directory.getCommunity()).categories.length).toBe(DEMO_SERVICES.length)
    const mine = await later.reports.listMine()
    expect(mine.items.map((r) => [r.id, r.status])).toEqual([[filed.id, 'resolved']])
    const detail = await later.reports.get(filed.id)
    expect(detail.timeline.map((e) => e.note)).toContain('坑已填平')
  })

  it('asks about a request at most once per polling interval', async () => {
    await start()
    const api = client({ pollIntervalMs: 60_000 })
    const filed = await api.reports.submit(report(), { idempotencyKey: key() })
    await api.reports.get(filed.id)
    await api.reports.get(filed.id)
    await api.reports.listMine()
    expect(calls(`/requests/${filed.number}.json`)).toBe(1)
    clock = new Date(clock.getTime() + 61_000)
    await api.reports.get(filed.id)
    expect(calls(`/requests/${filed.number}.json`)).toBe(2)
  })

  it('asks about a page of reports in one call', async () => {
    await start()
    const api = client({ pollIntervalMs: 0 })
    for (let i = 0; i < 3; i++) await api.reports.submit(report(), { idempotencyKey: key() })
    const before = fake.received.length
    await api.reports.listMine()
    // One call for the page (and, the first time, one asking whether the city offers updates).
    const asked = fake.received.slice(before).filter((call) => !call.path.endsWith('/servicerequestupdates.json'))
    expect(asked.map((call) => call.path)).toEqual([expect.stringMatching(/\/requests\.json$/)])
    expect(asked[0].query.get('service_request_id')?.split(',')).toHaveLength(3)
  })

  it('takes the deadline from the city’s expected_datetime, in any offset', async () => {
    await start({ offsetMinutes: 480, fractionDigits: 6 })
    const api = client({ pollIntervalMs: 0 })
    const filed = await api.reports.submit(report(), { idempotencyKey: key() })
    expect(Date.parse(filed.deadlineAt) - Date.parse(filed.createdAt)).toBe(168 * 3_600_000)
    fake.move(filed.number, 'open', null, new Date('2026-12-05T10:00:00.000Z'))
    expect((await api.reports.get(filed.id)).report.deadlineAt).toBe('2026-12-05T10:00:00.000Z')
  })
})

describe('tokens and updates', () => {
  it('follows a token to its id, and shows the report without a number until the city gives one', async () => {
    await start({ tokenFirst: { pendingPolls: 3 } })
    const api = client({ tokenPolls: 1, pollIntervalMs: 0 })
    const filed = await api.reports.submit(report(), { idempotencyKey: key() })
    expect(filed.number).toBe(PENDING_NUMBER)
    await api.reports.listMine() // second poll
    const later = await api.reports.get(filed.id) // third poll: still pending …
    expect(later.report.number).toBe(PENDING_NUMBER)
    const found = await api.reports.get(filed.id) // … the fourth answers the id
    expect(found.report.number).toBe(String(fake.requests()[0].id))
    expect(found.report.id).toBe(filed.id)
  })

  it('builds the timeline from mySociety’s updates, seeing every step between two polls', async () => {
    await start({ updates: true, extendedStatuses: true })
    const api = client({ pollIntervalMs: 0 })
    const filed = await api.reports.submit(report(), { idempotencyKey: key() })
    clock = new Date(clock.getTime() + 60_000)
    fake.move(filed.number, 'investigating', '已派人查看')
    clock = new Date(clock.getTime() + 60_000)
    fake.move(filed.number, 'action_scheduled', '明天上午施工')
    clock = new Date(clock.getTime() + 60_000)
    fake.move(filed.number, 'fixed', '已修复')
    const detail = await api.reports.get(filed.id)
    expect(detail.timeline.map((e) => [e.toStatus, e.note ?? null])).toEqual([
      ['submitted', null],
      ['accepted', '已派人查看'],
      ['in_progress', '明天上午施工'],
      ['resolved', '已修复'],
    ])
    expect(detail.report.status).toBe('resolved')
  })

  it('without the updates extension, sees what changed between polls', async () => {
    await start()
    const api = client({ pollIntervalMs: 0 })
    const filed = await api.reports.submit(report(), { idempotencyKey: key() })
    fake.move(filed.number, 'open', '已派人查看')
    fake.move(filed.number, 'open', '明天上午施工')
    fake.move(filed.number, 'closed', '已修复')
    const detail = await api.reports.get(filed.id)
    expect(detail.timeline.map((e) => [e.toStatus, e.note ?? null])).toEqual([
      ['submitted', null],
      ['resolved', '已修复'],
    ])
    expect(calls('/servicerequestupdates.json')).toBe(1)
    await api.reports.get(filed.id)
    expect(calls('/servicerequestupdates.json')).toBe(1) // not asked again for a day
  })
})

describe('real servers’ ways with ids and pages', () => {
  it.each([
    ['a 404', 404],
    ['200 []', 'empty'],
  ] as const)('keeps showing a report the city answers as unknown with %s, as it last was', async (_name, unknownId) => {
    await start({ unknownId })
    const api = client({ pollIntervalMs: 0 })
    const filed = await api.reports.submit(report(), { idempotencyKey: key() })
    fake.forget(filed.number) // a purge, a restore from an older backup
    const detail = await api.reports.get(filed.id)
    expect([detail.report.id, detail.report.number, detail.report.status]).toEqual([filed.id, filed.number, 'submitted'])
    expect(calls(`/requests/${filed.number}.json`)).toBe(1)
    expect((await api.reports.listMine()).items.map((r) => r.id)).toEqual([filed.id])
  })

  it.each([
    ['pages of two', { pageSize: 2, maxPageSize: 2 }],
    ['no paging at all', null],
  ] as const)('finds the request of a lost answer among many newer ones, with %s', async (_name, paging) => {
    await start({ paging })
    const input = report()
    const k = key()
    // The answer is lost on the way back: the city filed it, the phone never heard.
    const real = fetchTextTransport()
    let lose = true
    const api = client({
      transport: {
        request: async (options) => {
          const res = await real.request(options)
          if (lose && options.method === 'POST') {
            lose = false
            throw new Error('connection reset')
          }
          return res
        },
      },
    })
    expect((await failure(api.reports.submit(input, { idempotencyKey: k }))).kind).toBe('network')
    expect(fake.requests()).toHaveLength(1)
    // Neighbours file five more of the same service after it.
    for (let i = 0; i < 5; i++) {
      clock = new Date(clock.getTime() + 1_000)
      fake.seedRequest({ serviceCode: 'pothole', description: `别处的坑${i}`, requestedAt: clock })
    }
    const sent = await api.reports.submit(input, { idempotencyKey: k })
    expect(sent.number).toBe(String(fake.requests()[0].id))
    expect(posts()).toHaveLength(1)
    const searched = fake.received.filter((call) => call.method === 'GET' && call.path.endsWith('/requests.json'))
    expect(searched.length).toBe(paging ? 3 : 1)
  })
})

describe('what an Open311 backend does not have', () => {
  it('declares the report part only, and asks for no sign-in', async () => {
    await start()
    const api = client()
    expect(Object.entries(api.capabilities).filter(([, on]) => on).map(([name]) => name)).toEqual(['reports'])
    const session = await api.session.current()
    expect(session?.user).toMatchObject({ roles: ['resident'], communityId: 'open311' })
    expect((await failure(api.reports.rate('x', { level: 'satisfied', comment: '' }))).kind).toBe('not_supported')
  })
})
