import { idOrNull, itemsOf, recordOrNull, textOrNull } from './values'

/**
 * A city system's failure as a typed kind with a Chinese message (ADR 26). The kinds are names of
 * Linli's `ApiErrorKind` (src/core/errors.ts), so the adapter throws `new ApiError(kind, message)`.
 * Servers answer errors as the spec's `[{code, description}]`, as an object, as an HTML page with a
 * 500, or not at all; a refused `api_key` comes as a 400 or a 403.
 */

export type Open311ErrorKind = 'network' | 'forbidden' | 'not_found' | 'validation' | 'rate_limited' | 'server'

export interface Open311ErrorDetail {
  code: string | null
  description: string
}

export interface Open311Failure {
  kind: Open311ErrorKind
  message: string
  /** The HTTP status, null when nothing came back. */
  httpStatus: number | null
  /** The server's own words (often English), for the log and for mapping fields; never shown as is. */
  details: Open311ErrorDetail[]
  /** The city system refused Linli's `api_key`: the community's configuration, not the resident, is at fault. */
  keyRefused: boolean
}

export const OPEN311_MESSAGES = {
  keyRefused: '城市服务平台拒绝了本社区的接入密钥，请联系社区管理员',
  notFound: '城市服务平台上找不到这条诉求',
  validation: '城市服务平台未接受这条诉求，请检查填写的内容后重试',
  rateLimited: '城市服务平台繁忙，请稍后再试',
  server: '城市服务平台暂时不可用，请稍后重试',
  timeout: '城市服务平台没有响应，请稍后重试',
  offline: '网络不可用，请检查网络后重试',
} as const

function detailOf(value: unknown): Open311ErrorDetail | null {
  const text = textOrNull(value)
  if (text !== null) return { code: null, description: text }
  const item = recordOrNull(value)
  if (!item) return null
  const description = textOrNull(item.description) ?? textOrNull(item.message) ?? textOrNull(item.error) ?? textOrNull(item.detail)
  if (description === null) return null
  return { code: idOrNull(item.code), description }
}

/**
 * The details of an error body, whatever its shape: the spec's array, `{errors: [...]}`,
 * `{error: {...}}` or `{error: "..."}`, `{code, description}` or `{message}`. None for anything else.
 */
export function errorDetails(raw: unknown): Open311ErrorDetail[] {
  const record = recordOrNull(raw)
  const list = Array.isArray(raw) ? raw : record && Array.isArray(record.errors) ? record.errors : record && recordOrNull(record.error) ? [record.error] : record ? [record] : []
  return list.map(detailOf).filter((detail): detail is Open311ErrorDetail => detail !== null)
}

/** A body parsed as JSON, or undefined when it is not JSON (an HTML page, a truncated answer). */
export function jsonOrUndefined(body: string): unknown {
  try {
    return JSON.parse(body)
  } catch {
    return undefined
  }
}

const KEY_WORDS = /api[\s_-]?key|apikey|\bkey\b/i

function failure(kind: Open311ErrorKind, message: string, httpStatus: number | null, details: Open311ErrorDetail[] = [], keyRefused = false): Open311Failure {
  return { kind, message, httpStatus, details, keyRefused }
}

/** A request that got no answer: the timeout ran out (a server that never answers) or the phone is offline. */
export function noAnswerFailure(reason: 'timeout' | 'offline'): Open311Failure {
  return failure('network', reason === 'timeout' ? OPEN311_MESSAGES.timeout : OPEN311_MESSAGES.offline, null)
}

/** The failure of an answer with a status of 400 or above (or an error body under a 200: see `readAnswer`). */
export function failureOf(httpStatus: number, body: string): Open311Failure {
  const details = errorDetails(jsonOrUndefined(body))
  const mentionsKey = details.some((d) => KEY_WORDS.test(d.description))
  if (httpStatus === 401 || httpStatus === 403 || (httpStatus === 400 && mentionsKey)) {
    return failure('forbidden', OPEN311_MESSAGES.keyRefused, httpStatus, details, true)
  }
  if (httpStatus === 404) return failure('not_found', OPEN311_MESSAGES.notFound, httpStatus, details)
  if (httpStatus === 429) return failure('rate_limited', OPEN311_MESSAGES.rateLimited, httpStatus, details)
  if (httpStatus >= 400 && httpStatus < 500) return failure('validation', OPEN311_MESSAGES.validation, httpStatus, details)
  return failure('server', OPEN311_MESSAGES.server, httpStatus, details)
}

/** An array of `{code, description}` only, with nothing a request, service or token has. */
function isErrorList(raw: unknown): boolean {
  const items = itemsOf(raw)
  if (!Array.isArray(raw) || items.length === 0 || items.length !== raw.length) return false
  return items.every((item) => 'description' in item && 'code' in item && !('service_request_id' in item) && !('service_code' in item) && !('token' in item))
}

export type ReadAnswer = { ok: true; value: unknown } | { ok: false; failure: Open311Failure }

/**
 * One answer of a city system read once for every endpoint: a 2xx with JSON is the value; a 2xx
 * with something else (an HTML page from a proxy) is a server failure; a 2xx carrying the spec's
 * error list is read as a 400 (some servers do); any other status is `failureOf`.
 */
export function readAnswer(httpStatus: number, body: string): ReadAnswer {
  if (httpStatus >= 200 && httpStatus < 300) {
    const value = jsonOrUndefined(body)
    if (value === undefined) return { ok: false, failure: failure('server', OPEN311_MESSAGES.server, httpStatus) }
    if (isErrorList(value)) {
      const code = Number(errorDetails(value)[0]?.code)
      return { ok: false, failure: failureOf(code >= 400 && code < 600 ? code : 400, body) }
    }
    return { ok: true, value }
  }
  return { ok: false, failure: failureOf(httpStatus, body) }
}
