import { failureOf, noAnswerFailure, readAnswer } from '../../../../src/domain/open311/errors'
import { hasNextPage, open311Url, pageQuery, parseRequest, requestById, type Open311Request } from '../../../../src/domain/open311/requests'
import { parseSubmitAnswer } from '../../../../src/domain/open311/submit'

/**
 * Issue 14, point 2: each way real GeoReport v2 servers deviate from the spec, read by the parser
 * the same as the spec's own answer.
 */

const SPEC = {
  service_request_id: '1001',
  status: 'open',
  status_notes: null,
  service_name: '路灯故障',
  service_code: 'light',
  description: '路灯不亮',
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
}
const expected = parseRequest([SPEC]) as Open311Request
const NULLABLE = ['status_notes', 'agency_responsible', 'service_notice', 'expected_datetime', 'address', 'address_id', 'zipcode', 'media_url'] as const

test('the spec answer is read (the baseline)', () => {
  expect(expected).toMatchObject({ id: '1001', status: 'open', statusNotes: null, requestedAt: '2026-12-02T04:00:00.000Z' })
})

test('ids as integers read as the same id', () => {
  expect(parseRequest([{ ...SPEC, service_request_id: 1001 }])).toEqual(expected)
  expect(parseSubmitAnswer([{ service_request_id: 1001 }])).toMatchObject({ kind: 'id', id: '1001' })
})

test('POST answered 200 or 201 reads the same', () => {
  const body = JSON.stringify([{ service_request_id: '1001', service_notice: null, account_id: null }])
  const answers = [200, 201].map((status) => {
    const read = readAnswer(status, body)
    return read.ok ? parseSubmitAnswer(read.value) : read
  })
  expect(answers).toEqual([
    { kind: 'id', id: '1001', notice: null },
    { kind: 'id', id: '1001', notice: null },
  ])
})

test("POST answered with the full request instead of the spec's short object gives the same id", () => {
  expect(parseSubmitAnswer([SPEC])).toEqual(parseSubmitAnswer([{ service_request_id: '1001', service_notice: null, account_id: null }]))
})

test('keys absent instead of null read the same', () => {
  const absent: Record<string, unknown> = { ...SPEC }
  for (const key of NULLABLE) delete absent[key]
  expect(parseRequest([absent])).toEqual(expected)
})

test('"" instead of null reads the same', () => {
  const empty: Record<string, unknown> = { ...SPEC }
  for (const key of NULLABLE) empty[key] = ''
  expect(parseRequest([empty])).toEqual(expected)
})

test('an unknown id answered 404 or 200 [] is "not there" both ways', () => {
  expect(requestById('999', 404, [{ code: 404, description: 'not found' }])).toBeNull()
  expect(requestById('999', 200, [])).toBeNull()
})

test("errors as the spec's [{code, description}], as an object, or as an HTML 500 are all typed", () => {
  expect(failureOf(400, JSON.stringify([{ code: 400, description: 'lat is required' }]))).toMatchObject({ kind: 'validation', details: [{ description: 'lat is required' }] })
  expect(failureOf(400, JSON.stringify({ error: { code: 400, description: 'lat is required' } }))).toMatchObject({ kind: 'validation', details: [{ description: 'lat is required' }] })
  expect(failureOf(500, '<!DOCTYPE html><html><body>Internal Server Error</body></html>')).toMatchObject({ kind: 'server', message: '城市服务平台暂时不可用，请稍后重试' })
})

test('api_key refused with 400 or 403 is the same refused key', () => {
  const as400 = failureOf(400, JSON.stringify([{ code: 400, description: 'api_key is invalid' }]))
  const as403 = failureOf(403, JSON.stringify([{ code: 403, description: 'api_key is invalid' }]))
  expect([as400.kind, as400.keyRefused, as400.message]).toEqual([as403.kind, as403.keyRefused, as403.message])
  expect(as403).toMatchObject({ kind: 'forbidden', keyRefused: true })
})

test('timestamps in any offset, with or without fractions, are the same instant', () => {
  const forms = ['2026-12-02T04:00:00Z', '2026-12-02T12:00:00+08:00', '2026-12-01T23:00:00-05:00', '2026-12-02T05:00:00.000456+01:00', '2026-12-02T12:00:00.000+0800']
  const read = forms.map((form) => parseRequest([{ ...SPEC, requested_datetime: form, updated_datetime: form }]))
  for (const request of read) expect(request).toEqual(expected)
})

test('a server that never answers gets the .json suffix and a clear timeout message', () => {
  expect(open311Url('https://city.example/georeport/v2', 'services')).toBe('https://city.example/georeport/v2/services.json')
  expect(noAnswerFailure('timeout')).toMatchObject({ kind: 'network', message: '城市服务平台没有响应，请稍后重试' })
})

test('paging by page/page_size where offered: a full page of new requests asks for the next', () => {
  const page = [parseRequest([{ ...SPEC, service_request_id: '1' }]), parseRequest([{ ...SPEC, service_request_id: '2' }])] as Open311Request[]
  expect(pageQuery(2, 2, true)).toEqual({ page: '2', page_size: '2' })
  expect(hasNextPage(page, 2, true, new Set())).toBe(true)
  expect(hasNextPage(page.slice(0, 1), 2, true, new Set())).toBe(false)
})

test('paging where offered but ignored: a page repeating what was seen stops', () => {
  const page = [parseRequest([{ ...SPEC, service_request_id: '1' }]), parseRequest([{ ...SPEC, service_request_id: '2' }])] as Open311Request[]
  expect(hasNextPage(page, 2, true, new Set(['1', '2']))).toBe(false)
})

test('no paging where not offered: no page parameters, one answer', () => {
  const page = [parseRequest([SPEC])] as Open311Request[]
  expect(pageQuery(1, 1, false)).toEqual({})
  expect(hasNextPage(page, 1, false, new Set())).toBe(false)
})

test('a token answered first is followed: pending while tokens/{token} has no id, then the id', () => {
  expect(parseSubmitAnswer([{ token: 'tok-1', service_notice: null, account_id: null }])).toEqual({ kind: 'token', token: 'tok-1', notice: null })
  expect(parseSubmitAnswer([{ token: 'tok-1' }])).toMatchObject({ kind: 'token' })
  expect(parseSubmitAnswer([{ service_request_id: 1001, token: 'tok-1' }])).toMatchObject({ kind: 'id', id: '1001' })
})
