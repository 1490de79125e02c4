import type { LightMyRequestResponse } from 'fastify'
import { DEMO, startWorld, type World } from './support/world'
import { expectSpecError, get, keyFor, parseXml, postForm, V2, YINGYUE } from './support/open311'
import { failureOf } from '../../src/domain/open311/errors'
import { requestById } from '../../src/domain/open311/requests'
import { parseServiceList } from '../../src/domain/open311/services'
import { linliStatusOf } from '../../src/domain/open311/statuses'
import { parseSubmitAnswer, reportBody } from '../../src/domain/open311/submit'

/**
 * The server's `/open311/v2/` against the GeoReport v2 field tables (issue 14, ADR 27): every field
 * of the spec's tables present, of the right type, in JSON and in XML, for discovery, services, a
 * service definition, requests (the list and one), the POST answer and errors; a path without a
 * format is a 404 in the spec's shape; nothing answers a 500.
 */

type FieldType = 'string' | 'string?' | 'number?' | 'boolean' | 'datetime' | 'datetime?' | 'null' | readonly string[]

const SERVICE: Record<string, FieldType> = {
  service_code: 'string',
  service_name: 'string',
  description: 'string?',
  metadata: 'boolean',
  type: ['realtime', 'batch', 'blackbox'],
  keywords: 'string?',
  group: 'string?',
}

const REQUEST: Record<string, FieldType> = {
  service_request_id: 'string',
  status: ['open', 'closed'],
  status_notes: 'string?',
  service_name: 'string',
  service_code: 'string',
  description: 'string?',
  agency_responsible: 'string?',
  service_notice: 'string?',
  requested_datetime: 'datetime',
  updated_datetime: 'datetime?',
  expected_datetime: 'datetime?',
  address: 'string?',
  address_id: 'string?',
  zipcode: 'string?',
  lat: 'number?',
  long: 'number?',
  media_url: 'string?',
}

const POST_ANSWER: Record<string, FieldType> = { service_request_id: 'string', service_notice: 'string?', account_id: 'string?' }
const DISCOVERY: Record<string, FieldType> = { changeset: 'datetime', contact: 'string', key_service: 'string', endpoints: 'null' }
const ENDPOINT: Record<string, FieldType> = { specification: 'string', url: 'string', changeset: 'datetime', type: ['production', 'test'], formats: 'null' }

// ISO 8601 with an explicit offset (the spec: `2010-04-14T06:37:38-08:00`).
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

/** Whether `value` is of `type`; in XML every leaf is text (numbers and booleans as written), empty is null. */
function fits(value: unknown, type: FieldType, xml: boolean): boolean {
  if (Array.isArray(type)) return typeof value === 'string' && type.includes(value)
  const optional = typeof type === 'string' && type.endsWith('?')
  if (value === null) return optional || type === 'null'
  switch (type) {
    case 'null':
      return true // a nested structure, checked on its own
    case 'string':
    case 'string?':
      return typeof value === 'string' && (xml || value !== '')
    case 'number?':
      return xml ? typeof value === 'string' && Number.isFinite(Number(value)) : typeof value === 'number'
    case 'boolean':
      return xml ? value === 'true' || value === 'false' : typeof value === 'boolean'
    case 'datetime':
    case 'datetime?':
      return typeof value === 'string' && DATETIME.test(value)
  }
  return false
}

/** Every field of the table present with its type, and no other field. */
function expectTable(record: unknown, table: Record<string, FieldType>, xml = false): void {
  expect(record).toEqual(expect.any(Object))
  const object = record as Record<string, unknown>
  expect(Object.keys(object).sort()).toEqual(Object.keys(table).sort())
  const wrong = Object.entries(table).filter(([field, type]) => !fits(object[field], type, xml)).map(([field]) => `${field}: ${JSON.stringify(object[field])}`)
  expect(wrong).toEqual([])
}

function json(response: LightMyRequestResponse): unknown {
  expect(response.statusCode).toBe(200)
  expect(response.headers['content-type']).toMatch(/^application\/json; charset=utf-8/)
  return response.json()
}

function xml(response: LightMyRequestResponse, root: string): unknown {
  expect(response.statusCode).toBe(200)
  expect(response.headers['content-type']).toMatch(/^text\/xml; charset=utf-8/)
  const parsed = parseXml(response.body)
  expect(parsed.root).toBe(root)
  return parsed.value
}

let world: World
let key: string
let requestId: string

beforeAll(async () => {
  world = await startWorld()
  key = await keyFor(world.db, YINGYUE)
  // A resident's report, and one a partner filed at a point.
  await world.file(await world.as(DEMO.owner), { description: '3号楼北侧的路灯不亮，晚上很黑，请尽快修理' })
  const posted = await postForm(world, 'requests.json', { api_key: key, service_code: 'cat-light', lat: '31.5901', long: '120.3702', description: '东门外第二根路灯不亮已经三天' })
  expect(posted.statusCode).toBe(201)
  requestId = posted.json()[0].service_request_id
})
afterAll(() => world.close())

describe('discovery', () => {
  it('names one production GeoReport v2 endpoint with JSON and XML, without a key', async () => {
    const body = json(await get(world, 'discovery.json')) as Record<string, unknown>
    expectTable(body, DISCOVERY)
    const endpoints = body.endpoints as unknown[]
    expect(endpoints).toHaveLength(1)
    expectTable(endpoints[0], ENDPOINT)
    expect(endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production', formats: ['application/json', 'text/xml'] })
    expect((endpoints[0] as { url: string }).url).toMatch(/\/open311\/v2$/)
  })

  it('is the same document in XML', async () => {
    const body = xml(await get(world, 'discovery.xml'), 'discovery') as Record<string, unknown>
    expectTable(body, DISCOVERY, true)
    const endpoints = body.endpoints as unknown[]
    expectTable(endpoints[0], ENDPOINT, true)
    expect((endpoints[0] as { formats: string[] }).formats).toEqual(['application/json', 'text/xml'])
  })
})

describe('services and a service definition', () => {
  it('lists the community’s categories as realtime services without metadata, in JSON and XML', async () => {
    const list = json(await get(world, 'services.json', { api_key: key })) as unknown[]
    expect(list.length).toBeGreaterThanOrEqual(5)
    for (const service of list) expectTable(service, SERVICE)
    expect(list).toContainEqual(expect.objectContaining({ service_code: 'cat-road', service_name: '道路破损', description: '请拍下破损位置，注明靠近哪栋楼', metadata: false, type: 'realtime' }))
    const inXml = xml(await get(world, 'services.xml', { api_key: key }), 'services') as unknown[]
    expect(inXml).toHaveLength(list.length)
    for (const service of inXml) expectTable(service, SERVICE, true)
    expect(inXml).toContainEqual(expect.objectContaining({ service_code: 'cat-road', metadata: 'false', type: 'realtime' }))
  })

  it('leaves the emergency categories out: they cannot be filed (the resident is told to call)', async () => {
    const codes = (json(await get(world, 'services.json', { api_key: key })) as Array<{ service_code: string }>).map((s) => s.service_code)
    for (const emergency of ['cat-gas', 'cat-fire', 'cat-safety']) expect(codes).not.toContain(emergency)
    expectSpecError(await get(world, 'services/cat-gas.json', { api_key: key }), 404)
  })

  it('answers a definition with no attributes, in JSON and XML', async () => {
    expect(json(await get(world, 'services/cat-road.json', { api_key: key }))).toEqual({ service_code: 'cat-road', attributes: [] })
    const definition = await get(world, 'services/cat-road.xml', { api_key: key })
    expect(xml(definition, 'service_definition')).toEqual({ service_code: 'cat-road', attributes: [] })
    expect(definition.body).toContain('<attributes></attributes>')
    expectSpecError(await get(world, 'services/cat-nothing.xml', { api_key: key }), 404, 'xml')
  })
})

describe('requests', () => {
  it('writes every field of the table for each request of the list, in JSON and XML', async () => {
    const list = json(await get(world, 'requests.json', { api_key: key })) as Array<Record<string, unknown>>
    expect(list.length).toBeGreaterThanOrEqual(2)
    for (const request of list) expectTable(request, REQUEST)
    const inXml = xml(await get(world, 'requests.xml', { api_key: key }), 'service_requests') as unknown[]
    expect(inXml).toHaveLength(list.length)
    for (const request of inXml) expectTable(request, REQUEST, true)
  })

  it('answers one request as a list of one, with the point it was filed at', async () => {
    const [one, ...rest] = json(await get(world, `requests/${requestId}.json`, { api_key: key })) as Array<Record<string, unknown>>
    expect(rest).toEqual([])
    expectTable(one, REQUEST)
    expect(one).toMatchObject({ service_request_id: requestId, status: 'open', service_code: 'cat-light', service_name: '路灯故障', lat: 31.5901, long: 120.3702, description: '东门外第二根路灯不亮已经三天' })
    // Beijing time, with its offset; the deadline is 限时办结 (48 hours for 路灯故障).
    expect(one.requested_datetime).toMatch(/\+08:00$/)
    expect(Date.parse(one.expected_datetime as string) - Date.parse(one.requested_datetime as string)).toBe(48 * 3_600_000)
    const inXml = xml(await get(world, `requests/${requestId}.xml`, { api_key: key }), 'service_requests') as unknown[]
    expect(inXml).toHaveLength(1)
    expectTable(inXml[0], REQUEST, true)
    expect(inXml[0]).toMatchObject({ service_request_id: requestId, lat: '31.5901', long: '120.3702' })
  })

  it('answers a POST with the short answer of the table, in JSON and XML', async () => {
    const fields = { api_key: key, service_code: 'cat-road', address_string: '映月社区东门外人行道', description: '人行道的地砖翘起来了，容易绊倒', account_id: 'acct-77' }
    const posted = await postForm(world, 'requests.json', fields)
    expect(posted.statusCode).toBe(201)
    const answer = posted.json() as unknown[]
    expect(answer).toHaveLength(1)
    expectTable(answer[0], POST_ANSWER)
    expect(answer[0]).toMatchObject({ account_id: 'acct-77', service_notice: expect.stringContaining('映月社区') })
    const inXml = await postForm(world, 'requests.xml', { ...fields, description: '人行道的另一块地砖也翘起来了' })
    expect(inXml.statusCode).toBe(201)
    const parsed = parseXml(inXml.body)
    expect(parsed.root).toBe('service_requests')
    expectTable((parsed.value as unknown[])[0], POST_ANSWER, true)
  })

  it('takes the same fields as JSON', async () => {
    const posted = await world.inject({ method: 'POST', url: `${V2}/requests.json`, payload: { api_key: key, service_code: 'cat-road', address_string: '映月社区西门停车场', description: '停车场入口的减速带断了' } })
    expect(posted.statusCode).toBe(201)
    expectTable(posted.json()[0], POST_ANSWER)
  })
})

describe('errors, in the spec’s shape and in the format asked for', () => {
  it('refuses a POST with every problem at once, in Chinese', async () => {
    const refused = await postForm(world, 'requests.json', { api_key: key, 'attribute[pole]': 'A-12' })
    const descriptions = expectSpecError(refused, 400)
    expect(descriptions).toEqual([expect.stringContaining('service_code'), expect.stringContaining('位置'), expect.stringContaining('attribute')])
    expectSpecError(await postForm(world, 'requests.xml', { api_key: key }), 400, 'xml')
  })

  it('refuses what Linli’s rules refuse: a short description, an unknown or emergency service', async () => {
    const base = { api_key: key, address_string: '映月社区南门口' }
    expect(expectSpecError(await postForm(world, 'requests.json', { ...base, service_code: 'cat-road', description: '坏了' }), 400)[0]).toMatch(/^description：描述至少需要5个字/)
    expect(expectSpecError(await postForm(world, 'requests.json', { ...base, service_code: 'cat-none', description: '南门口有个大坑很危险' }), 400)[0]).toMatch(/^service_code：/)
    expect(expectSpecError(await postForm(world, 'requests.json', { ...base, service_code: 'cat-gas', description: '楼道里有很重的燃气味' }), 400)[0]).toContain('119')
  })

  it('answers a path without a format, an unknown path and an unknown method with a 404 in the spec’s shape', async () => {
    expect(expectSpecError(await get(world, 'requests', { api_key: key }), 404)[0]).toContain('.json')
    expectSpecError(await get(world, `requests/${requestId}`, { api_key: key }), 404)
    expectSpecError(await get(world, 'nothing.xml'), 404, 'xml')
    expectSpecError(await world.inject({ method: 'DELETE', url: `${V2}/requests.json?api_key=${key}` }), 404)
  })

  it('answers a token (none is ever issued: every service is realtime) with a 404', async () => {
    expectSpecError(await get(world, 'tokens/tok-1.json', { api_key: key }), 404)
    expectSpecError(await get(world, 'tokens/tok-1.xml', { api_key: key }), 404, 'xml')
  })

  it('answers bad input with a 4xx in the spec’s shape, never a 500', async () => {
    const bad: Array<[string, () => Promise<LightMyRequestResponse>, number]> = [
      ['JSON that does not parse', () => world.inject({ method: 'POST', url: `${V2}/requests.json`, headers: { 'content-type': 'application/json' }, payload: '{' }), 400],
      ['a content type GeoReport does not use', () => world.inject({ method: 'POST', url: `${V2}/requests.json`, headers: { 'content-type': 'text/csv' }, payload: 'a,b' }), 415],
      ['a NUL in a field', () => postForm(world, 'requests.json', { api_key: key, service_code: 'cat-road', address_string: '南门\u0000口', description: '南门口有个大坑很危险' }), 400],
      ['a body of the wrong shape', () => world.inject({ method: 'POST', url: `${V2}/requests.json`, payload: [1, 2] }), 403],
      ['a repeated api_key', () => world.inject({ method: 'GET', url: `${V2}/requests.json?api_key=${key}&api_key=${key}&status=open&status=closed` }), 200],
      ['a huge api_key', () => get(world, 'requests.json', { api_key: 'k'.repeat(5000) }), 403],
      ['a broken idempotency key', () => postForm(world, 'requests.json', { api_key: key, service_code: 'cat-road', address_string: '映月社区南门口', description: '南门口有个大坑很危险' }, { 'idempotency-key': '短' }), 400],
    ]
    for (const [name, send, status] of bad) {
      const response = await send()
      if (response.statusCode !== status) throw new Error(`${name}: ${response.statusCode} ${response.body}`)
      if (status >= 400) expectSpecError(response, status)
    }
  })

  it('keeps the server’s security headers on GeoReport answers', async () => {
    const response = await get(world, 'services.json', { api_key: key })
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['cache-control']).toBe('no-store')
    expect(response.headers['content-security-policy']).toContain("default-src 'none'")
  })
})

describe('rate limits', () => {
  let limited: World
  beforeAll(async () => {
    limited = await startWorld({ rateLimits: { write: { max: 2, timeWindowMs: 60_000 }, submit: { max: 2, timeWindowMs: 60_000 } } })
  })
  afterAll(() => limited.close())

  it('limits reads per key (another key has its own) and POSTs per address, with a 429 in the spec’s shape', async () => {
    const [one, two] = [await keyFor(limited.db, YINGYUE, '甲平台'), await keyFor(limited.db, YINGYUE, '乙平台')]
    for (let i = 0; i < 2; i++) expect((await get(limited, 'services.json', { api_key: one })).statusCode).toBe(200)
    const refused = await get(limited, 'services.json', { api_key: one })
    expectSpecError(refused, 429)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    expect((await get(limited, 'services.json', { api_key: two })).statusCode).toBe(200)
    const fields = { api_key: two, service_code: 'cat-road', address_string: '映月社区南门口', description: '南门口的路面有一个大坑' }
    for (let i = 0; i < 2; i++) expect((await postForm(limited, 'requests.json', fields)).statusCode).toBe(201)
    expectSpecError(await postForm(limited, 'requests.json', fields), 429)
  })
})

describe('our own client rules (ADR 26) read our answers', () => {
  it('files with the adapter’s body, finds the id, reads the request back and a refused key as such', async () => {
    const catalogue = parseServiceList(json(await get(world, 'services.json', { api_key: key })))
    expect(catalogue.categories.map((c) => c.id)).toContain('open311:cat-road')
    const body = reportBody({
      serviceCode: 'cat-road',
      location: { kind: 'point', latitude: 31.59, longitude: 120.37, name: '映月社区南门', address: '映月路1号' },
      description: '<p>南门口的路面塌了一块</p>',
      questions: [],
      answers: {},
      apiKey: key,
      jurisdictionId: YINGYUE,
    })
    const posted = await world.inject({ method: 'POST', url: `${V2}/requests.json`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body })
    expect(posted.statusCode).toBe(201)
    const answer = parseSubmitAnswer(posted.json())
    expect(answer.kind).toBe('id')
    const id = answer.kind === 'id' ? answer.id : ''
    const read = await get(world, `requests/${id}.json`, { api_key: key, extensions: 'true' })
    const request = requestById(id, read.statusCode, read.json())
    expect(request).toMatchObject({ id, description: '南门口的路面塌了一块', address: '映月社区南门 映月路1号', latitude: 31.59, longitude: 120.37 })
    expect(linliStatusOf(request!.status)).toBe('submitted')
    const refused = await get(world, 'services.json', { api_key: 'x'.repeat(43) })
    expect(failureOf(refused.statusCode, refused.body)).toMatchObject({ kind: 'forbidden', keyRefused: true })
  })
})
