import { startOpen311Fake, SPEC_SWITCHES, type Open311Fake } from '../../support/open311-fake'

/**
 * The GeoReport v2 fake (test/support/open311-fake.ts) over real sockets with plain fetch: every
 * endpoint as the spec has it, then every deviation switch (issue 14, point 2) one at a time.
 */

let clock = new Date('2026-12-02T04:00:00.000Z')
let fake: Open311Fake

beforeEach(async () => {
  clock = new Date('2026-12-02T04:00:00.000Z')
  fake = await startOpen311Fake({ now: () => clock, jurisdictionId: 'city.example' })
})

afterEach(() => fake.close())

async function get(path: string): Promise<{ status: number; type: string; text: string; json: () => any }> {
  const res = await fetch(`${fake.url}/${path}`)
  const text = await res.text()
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json: () => JSON.parse(text) }
}

async function post(path: string, fields: Record<string, string | string[]>): Promise<{ status: number; type: string; text: string; json: () => any }> {
  const body = new URLSearchParams()
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(key, v)
  const res = await fetch(`${fake.url}/${path}`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
  const text = await res.text()
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json: () => JSON.parse(text) }
}

const STREETLIGHT = { 'attribute[pole]': 'A-17', 'attribute[kind]': 'off' }

function report(extra: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return { api_key: fake.apiKey, service_code: 'pothole', lat: '31.2304', long: '121.4737', description: '门口路面有个大坑', ...extra }
}

async function postOne(extra: Record<string, string | string[]> = {}): Promise<string> {
  const answer = await post('requests.json', report(extra))
  expect(answer.status).toBe(201)
  return String(answer.json()[0].service_request_id)
}

describe('the spec', () => {
  test('discovery.json names the GeoReport v2 specification, this endpoint and both formats', async () => {
    const answer = await get('discovery.json')
    expect(answer.status).toBe(200)
    expect(answer.type).toMatch(/^application\/json; charset=utf-8/)
    const endpoint = answer.json().endpoints[0]
    expect(endpoint).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', url: fake.url, formats: ['application/json', 'text/xml'] })
  })

  test('discovery.xml is the same document in XML, with the UTF-8 declaration', async () => {
    const answer = await get('discovery.xml')
    expect(answer.type).toMatch(/^text\/xml/)
    expect(answer.text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><discovery>/)
    expect(answer.text).toContain('<formats><format>application/json</format><format>text/xml</format></formats>')
  })

  test('services.json lists every service with metadata, type, keywords and group', async () => {
    const services = (await get('services.json')).json()
    expect(services.map((s: any) => s.service_code)).toEqual(['pothole', 'streetlight', 'graffiti'])
    expect(services[0]).toEqual({ service_code: 'pothole', service_name: '道路坑洼', description: '路面破损、坑洼', metadata: false, type: 'realtime', keywords: '路面,坑,洞', group: '道路' })
    expect(services[1].metadata).toBe(true)
    expect(services[2].type).toBe('batch')
  })

  test('services.xml writes each service as a <service> element', async () => {
    const answer = await get('services.xml')
    expect(answer.text).toContain('<services><service><service_code>pothole</service_code><service_name>道路坑洼</service_name>')
    expect(answer.text.match(/<service>/g)).toHaveLength(3)
  })

  test('services/{code}.json gives the definition: every datatype, required, order, values, variable', async () => {
    const definition = (await get('services/streetlight.json')).json()
    expect(definition.service_code).toBe('streetlight')
    expect(definition.attributes.map((a: any) => a.datatype)).toEqual(['string', 'singlevaluelist', 'number', 'datetime', 'text', 'multivaluelist', 'string'])
    expect(definition.attributes[1]).toEqual({
      variable: true,
      code: 'kind',
      datatype: 'singlevaluelist',
      required: true,
      datatype_description: null,
      order: 2,
      description: '故障情况',
      values: [
        { key: 'off', name: '不亮' },
        { key: 'on', name: '白天常亮' },
        { key: 'flicker', name: '闪烁' },
      ],
    })
    expect(definition.attributes[6]).toMatchObject({ code: 'note', variable: false })
  })

  test('services/{code}.xml nests the values as <values><value><key/><name/></value></values>', async () => {
    const answer = await get('services/streetlight.xml')
    expect(answer.text).toContain('<service_definition><service_code>streetlight</service_code><attributes><attribute>')
    expect(answer.text).toContain('<values><value><key>off</key><name>不亮</name></value>')
  })

  test('a service without a definition, or an unknown code, is a 404 with the spec error array', async () => {
    for (const path of ['services/pothole.json', 'services/nope.json']) {
      const answer = await get(path)
      expect(answer.status).toBe(404)
      expect(answer.json()).toEqual([{ code: 404, description: expect.stringContaining('not found') }])
    }
  })

  test('a path without the format suffix is a 404', async () => {
    expect((await get('services')).status).toBe(404)
  })

  test('POST requests.json answers 201 with the short object: the id as a string, service_notice, account_id', async () => {
    const answer = await post('requests.json', report({ account_id: 'acct-1' }))
    expect(answer.status).toBe(201)
    expect(answer.json()).toEqual([{ service_request_id: '1001', service_notice: null, account_id: 'acct-1' }])
  })

  test('a posted request is stored with its location, description, media, device and attributes', async () => {
    const id = await postOne({ service_code: 'streetlight', ...STREETLIGHT, 'attribute[hazards][]': ['wire', 'dark'], media_url: 'https://img.example/1.jpg', device_id: 'dev-9' })
    const request = fake.requests().find((r) => String(r.id) === id)
    expect(request).toMatchObject({ lat: 31.2304, long: 121.4737, description: '门口路面有个大坑', mediaUrl: 'https://img.example/1.jpg', deviceId: 'dev-9' })
    expect(request?.attributes).toEqual({ pole: 'A-17', kind: 'off', hazards: ['wire', 'dark'] })
    expect(fake.received.at(-1)?.body).toContain('attribute%5Bhazards%5D%5B%5D=wire')
  })

  test('an address_string alone is a location', async () => {
    const answer = await post('requests.json', { api_key: fake.apiKey, service_code: 'pothole', address_string: '幸福路 12 号门口' })
    expect(answer.status).toBe(201)
  })

  test('requests/{id}.json gives the full request, status open, timestamps in UTC', async () => {
    const id = await postOne()
    const [request] = (await get(`requests/${id}.json`)).json()
    expect(request).toEqual({
      service_request_id: id,
      status: 'open',
      status_notes: null,
      service_name: '道路坑洼',
      service_code: 'pothole',
      description: '门口路面有个大坑',
      agency_responsible: null,
      service_notice: null,
      requested_datetime: '2026-12-02T04:00:00Z',
      updated_datetime: '2026-12-02T04:00:00Z',
      expected_datetime: null,
      address: null,
      address_id: null,
      zipcode: null,
      lat: 31.2304,
      long: 121.4737,
      media_url: null,
    })
  })

  test('POST and GET requests.xml speak XML: <service_requests><request>', async () => {
    const created = await post('requests.xml', report())
    expect(created.status).toBe(201)
    expect(created.text).toContain('<service_requests><request><service_request_id>1001</service_request_id>')
    const listed = await get('requests.xml')
    expect(listed.text).toContain('<status>open</status>')
    expect(listed.text).toContain('<status_notes></status_notes>')
  })

  test.each([
    ['no service_code', { service_code: '' }, 'service_code is required'],
    ['an unknown service_code', { service_code: 'nope' }, 'service_code nope is invalid'],
    ['no location', { lat: '', long: '' }, 'a location (lat & long, address_string or address_id) is required'],
    ['a latitude out of range', { lat: '91' }, 'lat/long is invalid'],
    ['a description over 4,000 characters', { description: '坑'.repeat(4001) }, 'description is longer than 4000 characters'],
  ])('POST with %s is a 400 with the spec error array', async (_name, change, description) => {
    const answer = await post('requests.json', report(change))
    expect(answer.status).toBe(400)
    expect(answer.json()).toEqual([{ code: 400, description }])
  })

  test('every broken rule of a POST is listed in one answer', async () => {
    const answer = await post('requests.json', { api_key: fake.apiKey, service_code: '' })
    expect(answer.json()).toHaveLength(2)
  })

  test.each([
    ['a required attribute missing', { 'attribute[kind]': 'off' }, 'attribute[pole] is required'],
    ['a value not in the list', { ...STREETLIGHT, 'attribute[kind]': 'broken' }, 'attribute[kind] is invalid'],
    ['a number that is not one', { ...STREETLIGHT, 'attribute[count]': 'three' }, 'attribute[count] is invalid'],
    ['a datetime that is not one', { ...STREETLIGHT, 'attribute[since]': 'yesterday' }, 'attribute[since] is invalid'],
    ['a multi value not in the list', { ...STREETLIGHT, 'attribute[hazards][]': ['wire', 'fire'] }, 'attribute[hazards] is invalid'],
  ])('POST with %s is a 400 naming the attribute', async (_name, attributes, description) => {
    const answer = await post('requests.json', report({ service_code: 'streetlight', ...attributes }))
    expect(answer.status).toBe(400)
    expect(answer.json()).toEqual([{ code: 400, description }])
  })

  test('a missing or wrong api_key is refused with 403', async () => {
    const missing = await post('requests.json', { ...report(), api_key: '' })
    const wrong = await post('requests.json', { ...report(), api_key: 'stolen' })
    expect([missing.status, wrong.status]).toEqual([403, 403])
    expect(wrong.json()).toEqual([{ code: 403, description: 'api_key is invalid' }])
    expect(fake.requests()).toHaveLength(0)
  })

  test('another jurisdiction_id is a 404; the right one or none is served', async () => {
    expect((await get('services.json?jurisdiction_id=elsewhere')).status).toBe(404)
    expect((await get('services.json?jurisdiction_id=city.example')).status).toBe(200)
    expect((await post('requests.json', report({ jurisdiction_id: 'elsewhere' }))).status).toBe(404)
  })

  test('GET requests.json with service_request_id takes a comma list and overrides every other filter', async () => {
    const a = await postOne()
    await postOne()
    const c = await postOne({ service_code: 'streetlight', ...STREETLIGHT })
    const list = (await get(`requests.json?service_request_id=${a},${c}&service_code=graffiti&status=closed`)).json()
    expect(list.map((r: any) => r.service_request_id).sort()).toEqual([a, c])
  })

  test('GET requests.json filters by service_code and status', async () => {
    const a = await postOne()
    const b = await postOne({ service_code: 'streetlight', ...STREETLIGHT })
    fake.move(a, 'closed', '已填平')
    expect((await get('requests.json?service_code=streetlight')).json().map((r: any) => r.service_request_id)).toEqual([b])
    expect((await get('requests.json?status=closed')).json().map((r: any) => r.service_request_id)).toEqual([a])
    expect((await get('requests.json?status=open,closed')).json()).toHaveLength(2)
  })

  test('GET requests.json covers the last 90 days by default; start_date and end_date move the window', async () => {
    const old = fake.seedRequest({ serviceCode: 'pothole', requestedAt: new Date('2026-08-01T00:00:00Z') })
    const recent = fake.seedRequest({ serviceCode: 'pothole', requestedAt: new Date('2026-11-30T00:00:00Z') })
    expect((await get('requests.json')).json().map((r: any) => r.service_request_id)).toEqual([recent])
    const window = (await get('requests.json?start_date=2026-07-01T00:00:00Z&end_date=2026-09-01T00:00:00%2B08:00')).json()
    expect(window.map((r: any) => r.service_request_id)).toEqual([old])
  })

  test('a start_date that is not a date is a 400', async () => {
    const answer = await get('requests.json?start_date=soon')
    expect(answer.status).toBe(400)
    expect(answer.json()).toEqual([{ code: 400, description: 'start_date is not a valid date' }])
  })

  test('an unknown id is a 404 with the spec error array', async () => {
    const answer = await get('requests/999.json')
    expect(answer.status).toBe(404)
    expect(answer.json()[0].code).toBe(404)
  })

  test('move closes a request with status_notes, a new updated_datetime and expected_datetime', async () => {
    const id = await postOne()
    clock = new Date('2026-12-03T09:30:00.000Z')
    fake.move(id, 'closed', '已修复路面', new Date('2026-12-04T00:00:00Z'))
    const [request] = (await get(`requests/${id}.json`)).json()
    expect(request).toMatchObject({ status: 'closed', status_notes: '已修复路面', updated_datetime: '2026-12-03T09:30:00Z', expected_datetime: '2026-12-04T00:00:00Z', requested_datetime: '2026-12-02T04:00:00Z' })
  })

  test('a batch service answers a token; tokens/{token}.json then gives the id', async () => {
    const answer = await post('requests.json', report({ service_code: 'graffiti' }))
    const [{ token, service_request_id }] = answer.json()
    expect(typeof token).toBe('string')
    expect(service_request_id).toBeUndefined()
    expect((await get(`tokens/${token}.json`)).json()).toEqual([{ service_request_id: '1001', token }])
    expect((await get(`tokens/${token}.xml`)).text).toContain(`<service_request_id>1001</service_request_id><token>${token}</token>`)
  })

  test('an unknown token is a 404', async () => {
    expect((await get('tokens/nope.json')).status).toBe(404)
  })

  test('an unknown route is a 404 in the spec shape', async () => {
    const answer = await get('reports.json')
    expect(answer.status).toBe(404)
    expect(answer.json()[0]).toMatchObject({ code: 404 })
  })

  test('errors of an .xml call are XML: <errors><error><code/><description/></error></errors>', async () => {
    const answer = await get('requests/999.xml')
    expect(answer.text).toContain('<errors><error><code>404</code><description>service_request_id 999 not found</description></error></errors>')
  })
})

describe('statuses', () => {
  test('mySociety extended statuses are folded into open/closed by default', async () => {
    const a = await postOne()
    const b = await postOne()
    fake.move(a, 'in_progress', '已派人')
    fake.move(b, 'fixed')
    const list = (await get(`requests.json?service_request_id=${a},${b}`)).json()
    expect(Object.fromEntries(list.map((r: any) => [r.service_request_id, r.status]))).toEqual({ [a]: 'open', [b]: 'closed' })
  })

  test('with extendedStatuses they are written as they are, and the status filter takes them', async () => {
    fake.set({ extendedStatuses: true })
    const a = await postOne()
    fake.move(a, 'action_scheduled', '明天上午施工')
    expect((await get(`requests/${a}.json`)).json()[0]).toMatchObject({ status: 'action_scheduled', status_notes: '明天上午施工' })
    expect((await get('requests.json?status=action_scheduled')).json()).toHaveLength(1)
  })
})

describe('the deviation switches', () => {
  test('the defaults are the spec', () => {
    expect(fake.switches).toEqual(SPEC_SWITCHES)
  })

  test('idsAsIntegers: service_request_id is a JSON number in POST, GET and tokens', async () => {
    fake.set({ idsAsIntegers: true })
    const [created] = (await post('requests.json', report())).json()
    expect(created.service_request_id).toBe(1001)
    expect((await get('requests/1001.json')).json()[0].service_request_id).toBe(1001)
    expect((await get('requests.json')).json()[0].service_request_id).toBe(1001)
  })

  test('postStatus 200: a created request is answered 200', async () => {
    fake.set({ postStatus: 200 })
    expect((await post('requests.json', report())).status).toBe(200)
  })

  test("postAnswer full: POST answers the whole request, not the spec's short object", async () => {
    fake.set({ postAnswer: 'full' })
    const [created] = (await post('requests.json', report())).json()
    expect(created).toMatchObject({ service_request_id: '1001', status: 'open', service_code: 'pothole', requested_datetime: '2026-12-02T04:00:00Z' })
  })

  test('nulls absent: empty optional keys are left out', async () => {
    fake.set({ nulls: 'absent' })
    const id = await postOne()
    const [request] = (await get(`requests/${id}.json`)).json()
    expect(request).not.toHaveProperty('status_notes')
    expect(request).not.toHaveProperty('expected_datetime')
    expect(request).toHaveProperty('service_request_id', id)
    expect((await get('services.json')).json()[2]).not.toHaveProperty('description')
  })

  test('nulls empty: empty optional keys are ""', async () => {
    fake.set({ nulls: 'empty' })
    const id = await postOne()
    const [request] = (await get(`requests/${id}.json`)).json()
    expect(request).toMatchObject({ status_notes: '', expected_datetime: '', media_url: '' })
  })

  test('unknownId empty: an unknown id is a 200 with []', async () => {
    fake.set({ unknownId: 'empty' })
    const answer = await get('requests/999.json')
    expect(answer.status).toBe(200)
    expect(answer.json()).toEqual([])
  })

  test('errors object: an error is {error: {code, description}} with its status', async () => {
    fake.set({ errors: 'object' })
    const answer = await get('requests/999.json')
    expect(answer.status).toBe(404)
    expect(answer.json()).toEqual({ error: { code: 404, description: 'service_request_id 999 not found' } })
  })

  test('errors html: every error is an HTML page with a 500', async () => {
    fake.set({ errors: 'html' })
    const answer = await post('requests.json', report({ service_code: '' }))
    expect(answer.status).toBe(500)
    expect(answer.type).toMatch(/^text\/html/)
    expect(answer.text).toContain('<h1>Internal Server Error</h1>')
  })

  test('keyRefusal 400: a wrong api_key is refused with 400', async () => {
    fake.set({ keyRefusal: 400 })
    const answer = await post('requests.json', { ...report(), api_key: 'stolen' })
    expect(answer.status).toBe(400)
    expect(answer.json()).toEqual([{ code: 400, description: 'api_key is invalid' }])
  })

  test('offsetMinutes: every timestamp is written in that offset, the same instant', async () => {
    fake.set({ offsetMinutes: 480 })
    const id = await postOne()
    expect((await get(`requests/${id}.json`)).json()[0].requested_datetime).toBe('2026-12-02T12:00:00+08:00')
    fake.set({ offsetMinutes: -300 })
    expect((await get(`requests/${id}.json`)).json()[0].updated_datetime).toBe('2026-12-01T23:00:00-05:00')
  })

  test('fractionDigits: timestamps carry milliseconds or microseconds', async () => {
    clock = new Date('2026-12-02T04:00:00.123Z')
    const id = await postOne()
    fake.set({ fractionDigits: 3 })
    expect((await get(`requests/${id}.json`)).json()[0].requested_datetime).toBe('2026-12-02T04:00:00.123Z')
    fake.set({ fractionDigits: 6, offsetMinutes: 60 })
    expect((await get(`requests/${id}.json`)).json()[0].requested_datetime).toBe('2026-12-02T05:00:00.123456+01:00')
  })

  test('silent: the server reads the call and never answers; a client only gets its own timeout', async () => {
    fake.set({ silent: true })
    await expect(fetch(`${fake.url}/services.json`, { signal: AbortSignal.timeout(300) })).rejects.toThrow()
    expect(fake.received.at(-1)?.path).toBe('/georeport/v2/services.json')
  })

  test('paging: page and page_size are honoured, newest first, page_size capped', async () => {
    fake.set({ paging: { pageSize: 2, maxPageSize: 3 } })
    for (let i = 0; i < 5; i++) {
      fake.seedRequest({ serviceCode: 'pothole', requestedAt: new Date(Date.UTC(2026, 10, 20 + i)) })
    }
    const ids = async (query: string) => (await get(`requests.json${query}`)).json().map((r: any) => r.service_request_id)
    expect(await ids('')).toEqual(['1005', '1004'])
    expect(await ids('?page=2')).toEqual(['1003', '1002'])
    expect(await ids('?page=3')).toEqual(['1001'])
    expect(await ids('?page=1&page_size=10')).toEqual(['1005', '1004', '1003'])
  })

  test('no paging: page and page_size are ignored and everything comes at once', async () => {
    for (let i = 0; i < 5; i++) fake.seedRequest({ serviceCode: 'pothole', requestedAt: new Date(Date.UTC(2026, 10, 20 + i)) })
    expect((await get('requests.json?page=2&page_size=2')).json()).toHaveLength(5)
  })

  test('tokenFirst: a realtime service answers a token, pending for N polls, then the id', async () => {
    fake.set({ tokenFirst: { pendingPolls: 2 } })
    const [{ token }] = (await post('requests.json', report())).json()
    expect((await get(`tokens/${token}.json`)).json()).toEqual([{ token }])
    expect((await get(`tokens/${token}.json`)).json()).toEqual([{ token }])
    expect((await get(`tokens/${token}.json`)).json()).toEqual([{ service_request_id: '1001', token }])
  })
})
