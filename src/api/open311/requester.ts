import { ApiError } from '../errors'
import { noAnswerFailure, readAnswer, type Open311Failure } from '../../domain/open311/errors'
import { open311Url } from '../../domain/open311/requests'
import { encodeForm } from '../../domain/open311/submit'
import type { TextTransport } from './transport'

/** A city system's failure as the app's error: its kind, the Chinese message, the server's words kept aside. */
export class Open311Error extends ApiError {
  constructor(readonly failure: Open311Failure, retryAfterMs?: number) {
    super(failure.kind, failure.message, { retryAfterMs, upstream: failure.kind === 'server' })
  }
}

export interface RequesterOptions {
  baseUrl: string
  apiKey: string
  jurisdictionId?: string
  transport: TextTransport
  timeoutMs: number
  isOffline: () => boolean
  now: () => Date
}

export interface Answer {
  status: number
  value: unknown
}

/**
 * One GeoReport call: the URL always with `.json` and the configured `jurisdiction_id`, a time
 * limit that holds even when the platform's own does not fire (a server that never answers), and
 * every failure read once by `readAnswer`. A 429 remembers the server's `Retry-After`: until then
 * nothing is asked (`coolingDown`), answers come from the phone's cache.
 */
export function requester(options: RequesterOptions) {
  let quietUntil = 0

  async function send(method: 'GET' | 'POST', path: string, query: Record<string, string>, fields?: Array<[string, string]>): Promise<Answer> {
    if (options.isOffline()) throw new Open311Error(noAnswerFailure('offline'))
    const url = open311Url(options.baseUrl, path, query, options.jurisdictionId)
    const headers: Record<string, string> = { accept: 'application/json' }
    if (fields) headers['content-type'] = 'application/x-www-form-urlencoded'
    let timer: ReturnType<typeof setTimeout> | undefined
    const limit = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Open311Error(noAnswerFailure('timeout'))), options.timeoutMs)
    })
    let res
    try {
      res = await Promise.race([options.transport.request({ method, url, headers, body: fields ? encodeForm(fields) : undefined, timeoutMs: options.timeoutMs }), limit])
    } catch (error) {
      if (error instanceof Open311Error) throw error
      throw new Open311Error(noAnswerFailure(options.isOffline() ? 'offline' : 'timeout'))
    } finally {
      clearTimeout(timer)
    }
    const read = readAnswer(res.status, res.text)
    if (read.ok) return { status: res.status, value: read.value }
    if (method === 'GET' && read.failure.kind === 'not_found') return { status: 404, value: [] }
    let retryAfterMs: number | undefined
    if (res.status === 429) {
      const seconds = Number(res.headers['retry-after'])
      retryAfterMs = Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 3600) * 1000 : 60_000
      quietUntil = options.now().getTime() + retryAfterMs
    }
    throw new Open311Error(read.failure, retryAfterMs)
  }

  return {
    /** A GET; a 404 answers `{status: 404, value: []}` (an unknown id is not an error here). */
    get: (path: string, query: Record<string, string> = {}) => send('GET', path, { api_key: options.apiKey, ...query }),
    /** A form-encoded POST (the fields carry `api_key`). */
    post: (path: string, fields: Array<[string, string]>) => send('POST', path, {}, fields),
    /** A 429 asked to wait, and the wait is not over. */
    coolingDown: () => options.now().getTime() < quietUntil,
  }
}

export type Requester = ReturnType<typeof requester>
