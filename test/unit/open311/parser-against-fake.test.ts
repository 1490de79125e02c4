import { parseServiceDefinition, validateAnswers } from '../../../src/domain/open311/definition'
import { noAnswerFailure, readAnswer, type Open311Failure } from '../../../src/domain/open311/errors'
import { hasNextPage, open311Url, pageQuery, parseRequests, requestById, type Open311Request } from '../../../src/domain/open311/requests'
import { parseServiceList } from '../../../src/domain/open311/services'
import { nextTimeline } from '../../../src/domain/open311/statuses'
import { parseSubmitAnswer, reportBody, type ReportSubmission } from '../../../src/domain/open311/submit'
import { startOpen311Fake, type Open311Fake, type Open311Switches } from '../../support/open311-fake'

/**
 * The mapping rules of src/domain/open311 reading the fake's real answers, with each deviation
 * switched on in turn: what the adapter will do, in a few lines of test code. Every deviation must
 * read the same as the spec.
 */

let fake: Open311Fake
const clock = new Date('2026-12-02T04:00:00.000Z')

beforeEach(async () => {
  fake = await startOpen311Fake({ now: () => clock })
})
afterEach(() => fake.close())

type Read = { ok: true; value: unknown; status: number } | { ok: false; failure: Open311Failure }

async function call(path: string, init?: RequestInit, query: Record<string, string> = {}): Promise<Read> {
  try {
    const res = await fetch(open311Url(fake.url, path, query), { ...init, signal: AbortSignal.timeout(500) })
    const read = readAnswer(res.status, await res.text())
    return read.ok ? { ...read, status: res.status } : res.status === 404 ? { ok: true, value: [], status: 404 } : read
  } catch {
    return { ok: false, failure: noAnswerFailure('timeout') }
  }
}

async function submit(submission: Partial<ReportSubmission> = {}): Promise<string> {
  const body = reportBody({
    serviceCode: 'pothole',
    location: { kind: 'point', latitude: 31.2304, longitude: 121.4737, name: '', address: '' },
    description: '门口路面有个大坑',
    questions: [],
    answers: {},
    apiKey: fake.apiKey,
    ...submission,
  })
  const read = await call('requests', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
  if (!read.ok) throw new Error(read.failure.message)
  let answer = parseSubmitAnswer(read.value)
  for (let polls = 0; answer.kind === 'token' && polls < 5; polls++) {
    const followed = await call(`tokens/${answer.token}`)
    if (followed.ok) answer = parseSubmitAnswer(followed.value)
  }
  if (answer.kind !== 'id') throw new Error('no id')
  return answer.id
}

async function detail(id: string): Promise<Open311Request | null> {
  const read = await call(`requests/${id}`)
  return read.ok ? requestById(id, read.status, read.value) : null
}

const DEVIATIONS: Array<[string, Partial<Open311Switches>]> = [
  ['ids as integers', { idsAsIntegers: true }],
  ['POST answered 200', { postStatus: 200 }],
  ['POST answered with the full request', { postAnswer: 'full' }],
  ['keys absent instead of null', { nulls: 'absent' }],
  ['"" instead of null', { nulls: 'empty' }],
  ['timestamps at +08:00 with microseconds', { offsetMinutes: 480, fractionDigits: 6 }],
  ['timestamps at -05:00 with milliseconds', { offsetMinutes: -300, fractionDigits: 3 }],
  ['a token answered first', { tokenFirst: { pendingPolls: 2 } }],
]

test('on the spec, a report goes in and reads back', async () => {
  const id = await submit()
  expect(await detail(id)).toMatchObject({ id, status: 'open', serviceCode: 'pothole', requestedAt: '2026-12-02T04:00:00.000Z', statusNotes: null })
})

test.each(DEVIATIONS)('%s: the report reads back as on the spec', async (_name, switches) => {
  const baseline = await detail(await submit())
  fake.set(switches)
  const id = await submit()
  expect(await detail(id)).toEqual({ ...baseline, id })
})

test.each([
  ['404', 404],
  ['200 []', 'empty'],
] as const)('an unknown id answered %s is not there', async (_name, unknownId) => {
  fake.set({ unknownId })
  expect(await detail('999')).toBeNull()
})

test.each([
  ['the spec array', 'spec', 'validation'],
  ['an object', 'object', 'validation'],
  ['an HTML page with a 500', 'html', 'server'],
] as const)('an error as %s is typed', async (_name, errors, kind) => {
  fake.set({ errors })
  const read = await call('requests', { method: 'POST', body: `api_key=${fake.apiKey}&service_code=`, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
  expect(read).toMatchObject({ ok: false, failure: { kind } })
})

test.each([400, 403] as const)('api_key refused with %s is a refused key', async (keyRefusal) => {
  fake.set({ keyRefusal })
  const read = await call('requests', { method: 'POST', body: 'api_key=stolen&service_code=pothole&address_string=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
  expect(read).toMatchObject({ ok: false, failure: { kind: 'forbidden', keyRefused: true } })
})

test('a server that never answers is a network failure with the timeout message', async () => {
  fake.set({ silent: true })
  expect(await call('services')).toEqual({ ok: false, failure: noAnswerFailure('timeout') })
})

test('services and a definition become categories and questions; the fake accepts what the validator accepts', async () => {
  const list = await call('services')
  const { categories, groups } = parseServiceList(list.ok ? list.value : null)
  expect(groups.map((g) => g.name)).toEqual(['道路', '照明', '市容'])
  const light = categories.find((c) => c.serviceCode === 'streetlight')
  expect(light?.hasQuestions).toBe(true)
  const definition = await call('services/streetlight')
  const questions = parseServiceDefinition(definition.ok ? definition.value : null)
  const answers = { pole: 'A-17', kind: 'flicker', hazards: ['wire', 'dark'], since: '2026-12-01T20:00:00+08:00' }
  expect(validateAnswers(questions, answers)).toEqual({})
  const id = await submit({ serviceCode: 'streetlight', questions, answers })
  expect(fake.requests().find((r) => String(r.id) === id)?.attributes).toEqual({ pole: 'A-17', kind: 'flicker', since: '2026-12-01T20:00:00+08:00', hazards: ['wire', 'dark'] })
})

test('a request followed to closed with its notes builds the timeline', async () => {
  fake.set({ extendedStatuses: true })
  const id = await submit()
  let timeline = nextTimeline('r1', [], (await detail(id)) as Open311Request, clock.toISOString())
  fake.move(id, 'in_progress', '已派人处理')
  timeline = nextTimeline('r1', timeline, (await detail(id)) as Open311Request, clock.toISOString())
  fake.move(id, 'fixed', '坑已填平')
  timeline = nextTimeline('r1', timeline, (await detail(id)) as Open311Request, clock.toISOString())
  expect(timeline.map((e) => [e.action, e.toStatus, e.note ?? null])).toEqual([
    ['submit', 'submitted', null],
    ['assign', 'in_progress', '已派人处理'],
    ['resolve', 'resolved', '坑已填平'],
  ])
})

test('paging where offered reads every request once', async () => {
  fake.set({ paging: { pageSize: 2, maxPageSize: 2 } })
  for (let i = 0; i < 5; i++) fake.seedRequest({ serviceCode: 'pothole', requestedAt: new Date(Date.UTC(2026, 10, 20 + i)) })
  const seen = new Map<string, Open311Request>()
  for (let page = 1; page < 10; page++) {
    const read = await call('requests', undefined, pageQuery(page, 2, true))
    const requests = parseRequests(read.ok ? read.value : [])
    const before = new Set(seen.keys())
    for (const r of requests) seen.set(r.id, r)
    if (!hasNextPage(requests, 2, true, before)) break
  }
  expect([...seen.keys()].sort()).toEqual(['1001', '1002', '1003', '1004', '1005'])
})
