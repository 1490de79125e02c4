import type { ApiErrorKind } from '../../../../src/core/errors'
import { errorDetails, failureOf, noAnswerFailure, OPEN311_MESSAGES, readAnswer, type Open311ErrorKind } from '../../../../src/domain/open311/errors'

const HTML = '<!DOCTYPE html><html><body><h1>Internal Server Error</h1></body></html>'

test('every kind is one of the app’s error kinds', () => {
  const kinds: Open311ErrorKind[] = ['network', 'forbidden', 'not_found', 'validation', 'rate_limited', 'server']
  const asApp: ApiErrorKind[] = kinds // fails to compile when a kind is not an ApiErrorKind
  expect(asApp).toHaveLength(6)
})

describe('errorDetails', () => {
  test("reads the spec's array", () => expect(errorDetails([{ code: 400, description: 'service_code is required' }])).toEqual([{ code: '400', description: 'service_code is required' }]))
  test('reads {errors: [...]}', () => expect(errorDetails({ errors: [{ code: 'E1', description: 'x' }] })).toEqual([{ code: 'E1', description: 'x' }]))
  test('reads {error: {code, description}}', () => expect(errorDetails({ error: { code: 404, description: 'not found' } })).toEqual([{ code: '404', description: 'not found' }]))
  test('reads {error: "..."}', () => expect(errorDetails({ error: 'boom' })).toEqual([{ code: null, description: 'boom' }]))
  test('reads {message}', () => expect(errorDetails({ message: 'bad' })).toEqual([{ code: null, description: 'bad' }]))
  test('reads nothing from a page', () => expect(errorDetails(undefined)).toEqual([]))
})

describe('failureOf', () => {
  test('a 400 is a validation failure with the server’s words kept', () => {
    expect(failureOf(400, JSON.stringify([{ code: 400, description: 'attribute[pole] is required' }]))).toEqual({
      kind: 'validation',
      message: OPEN311_MESSAGES.validation,
      httpStatus: 400,
      details: [{ code: '400', description: 'attribute[pole] is required' }],
      keyRefused: false,
    })
  })
  test('a 403 is a refused key', () => expect(failureOf(403, '[]')).toMatchObject({ kind: 'forbidden', keyRefused: true, message: OPEN311_MESSAGES.keyRefused }))
  test('a 401 is a refused key', () => expect(failureOf(401, '')).toMatchObject({ kind: 'forbidden', keyRefused: true }))
  test('a 400 about the api_key is a refused key', () => expect(failureOf(400, JSON.stringify([{ code: 400, description: 'Invalid api_key' }]))).toMatchObject({ kind: 'forbidden', keyRefused: true }))
  test('a 404 is not found', () => expect(failureOf(404, '[]')).toMatchObject({ kind: 'not_found', message: OPEN311_MESSAGES.notFound }))
  test('a 429 is rate limited', () => expect(failureOf(429, '')).toMatchObject({ kind: 'rate_limited' }))
  test('an HTML page with a 500 is a server failure', () => expect(failureOf(500, HTML)).toMatchObject({ kind: 'server', message: OPEN311_MESSAGES.server, details: [] }))
  test('a 502 from a proxy is a server failure', () => expect(failureOf(502, 'Bad Gateway')).toMatchObject({ kind: 'server' }))
  test('every message is Chinese', () => {
    for (const status of [400, 403, 404, 429, 500]) expect(failureOf(status, '').message).toMatch(/[\u4e00-\u9fff]/)
  })
})

describe('noAnswerFailure', () => {
  test('a timeout is a network failure saying the city system did not answer', () => {
    expect(noAnswerFailure('timeout')).toEqual({ kind: 'network', message: OPEN311_MESSAGES.timeout, httpStatus: null, details: [], keyRefused: false })
  })
  test('offline is a network failure saying the network is down', () => expect(noAnswerFailure('offline').message).toBe(OPEN311_MESSAGES.offline))
})

describe('readAnswer', () => {
  test('a 200 with JSON is the value', () => expect(readAnswer(200, '[{"service_code":"a"}]')).toEqual({ ok: true, value: [{ service_code: 'a' }] }))
  test('a 201 with JSON is the value', () => expect(readAnswer(201, '[]')).toEqual({ ok: true, value: [] }))
  test('a 200 with an HTML page is a server failure', () => expect(readAnswer(200, HTML)).toMatchObject({ ok: false, failure: { kind: 'server' } }))
  test('a 200 carrying the spec’s error list is read as that error', () => {
    expect(readAnswer(200, JSON.stringify([{ code: 403, description: 'api_key invalid' }]))).toMatchObject({ ok: false, failure: { kind: 'forbidden', keyRefused: true } })
  })
  test('a 200 with an error list without an HTTP code is a 400', () => {
    expect(readAnswer(200, JSON.stringify([{ code: 'E12', description: 'lat is required' }]))).toMatchObject({ ok: false, failure: { kind: 'validation', httpStatus: 400 } })
  })
  test('a request list is never mistaken for an error list', () => expect(readAnswer(200, JSON.stringify([{ service_request_id: '1', code: 1, description: 'x' }])).ok).toBe(true))
  test('a 4xx is its failure', () => expect(readAnswer(404, '[]')).toMatchObject({ ok: false, failure: { kind: 'not_found' } }))
})
