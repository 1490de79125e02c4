/**
 * The request pipeline, in the spirit of openapi-fetch / Octokit middleware: every call is an
 * `HttpRequest` passed down a chain of small functions `(request, next) => Promise<HttpResponse>`,
 * the last of which is the transport. Each concern is one link: it may change the request on the
 * way down (a header, a query parameter), look at the answer on the way up, throw, or call `next`
 * again (retry). The adapter's chain, outermost first (./client.ts):
 *
 *   retry → offline → errors → auth (./auth.ts) → timeout → …options.middleware → transport
 *
 * A client's own links (e.g. an Open311 `api_key`) come last, next to the transport: they see the
 * request as it is sent and the answer as it came.
 */
import { ApiError, isApiError } from '../errors'
import type { Endpoint, Query } from './endpoint'
import { queryString } from './endpoint'
import { backoffDelay, errorFromResponse, isTransient, unexpectedBody, withTimeout, type BackoffOptions } from './policy'
import type { HttpMethod, Transport } from './transport'

export interface HttpRequest {
  /** The declaration this request is for (./endpoints): read-only facts about it. */
  readonly endpoint: Endpoint
  readonly method: HttpMethod
  /** Under the API root, parameters filled in and encoded: `/reports/r%201`. */
  readonly path: string
  readonly query: Query
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>
  /** Sent as JSON. */
  readonly body?: unknown
  /** An upload's file on the device (the endpoint names the multipart field). */
  readonly file?: string
  readonly timeoutMs: number
  /** Whether a try that failed transiently is repeated (the endpoint's rule, unless the call overrode it). */
  readonly repeatable: boolean
}

export interface HttpResponse {
  status: number
  /** Header names in lower case (none for an upload: wx.uploadFile does not give them). */
  headers: Record<string, string>
  /** The parsed JSON body; the raw text (or null) when the body is not JSON. */
  data: unknown
}

export type Next = (request: HttpRequest) => Promise<HttpResponse>
export type Middleware = (request: HttpRequest, next: Next) => Promise<HttpResponse>

/** One function that runs `request` through `chain` (first = outermost) and then `last`. */
export function compose(chain: readonly Middleware[], last: Next): Next {
  return chain.reduceRight<Next>((next, link) => (request) => link(request, next), last)
}

/** A copy of `request` with `headers` added (or replaced). */
export function withHeaders(request: HttpRequest, headers: Record<string, string>): HttpRequest {
  return { ...request, headers: { ...request.headers, ...headers } }
}

/** A copy of `request` with `query` parameters added (or replaced). */
export function withQuery(request: HttpRequest, query: Query): HttpRequest {
  return { ...request, query: { ...request.query, ...query } }
}

// ── the built-in links ───────────────────────────────────────────────────────────────────────────

export interface RetryOptions {
  /** How many times a repeatable request is tried again; 2 → 3 tries. */
  retries: number
  backoff: BackoffOptions
  sleep: (ms: number) => Promise<void>
  /** Stops retrying once the device is offline. */
  offline: () => boolean
}

/**
 * Tries a repeatable request again after a transient failure (network, server, rate_limited),
 * waiting with exponential backoff and jitter, never sooner than the server asks; a failure that
 * is not an ApiError counts as `server`.
 */
export function retry(options: RetryOptions): Middleware {
  return async (request, next) => {
    const tries = request.repeatable ? 1 + Math.max(0, options.retries) : 1
    for (let attempt = 1; ; attempt++) {
      try {
        return await next(request)
      } catch (thrown) {
        const error = isApiError(thrown) ? thrown : new ApiError('server')
        if (attempt >= tries || !isTransient(error) || options.offline()) throw error
        const delay = backoffDelay(attempt, error, options.backoff)
        if (delay === null) throw error
        await options.sleep(delay)
      }
    }
  }
}

/** Fails with `network` at once while the device is offline, without asking the transport. */
export function offline(isOffline: () => boolean): Middleware {
  return (request, next) => (isOffline() ? Promise.reject(new ApiError('network')) : next(request))
}

/** A non-2xx answer becomes the ApiError it stands for; a 2xx body the endpoint does not accept, `server`. */
export function errors(): Middleware {
  return async (request, next) => {
    const res = await next(request)
    if (res.status < 200 || res.status >= 300) throw errorFromResponse(res.status, res.data, res.headers)
    if (!request.endpoint.accepts(res.data)) throw unexpectedBody()
    return res
  }
}

/** `network` after the request's time limit, even when the platform's own timeout does not fire. */
export function timeout(): Middleware {
  return (request, next) => withTimeout(next(request), request.timeoutMs)
}

/**
 * The end of the chain: the request through the transport, at `root` (origin + `/api/v1`). Any
 * answer resolves, whatever its status; no answer at all is `network`.
 */
export function transportCall(transport: Transport, root: string): Next {
  return async (request) => {
    const url = root + request.path + queryString(request.query)
    try {
      if (request.file !== undefined) {
        const res = await transport.upload({
          url,
          filePath: request.file,
          name: request.endpoint.file ?? 'file',
          headers: { ...request.headers },
          timeoutMs: request.timeoutMs,
        })
        return { status: res.status, headers: {}, data: res.data }
      }
      if (request.endpoint.download) {
        if (!transport.download) throw new ApiError('not_supported')
        const res = await transport.download({ url, headers: { ...request.headers }, timeoutMs: request.timeoutMs })
        const data = res.bytes ? { fileName: fileNameOf(res.headers['content-disposition']), bytes: res.bytes } : res.data
        return { status: res.status, headers: res.headers, data }
      }
      return await transport.request({ method: request.method, url, headers: { ...request.headers }, data: request.body, timeoutMs: request.timeoutMs })
    } catch (error) {
      throw isApiError(error) ? error : new ApiError('network')
    }
  }
}

/**
 * The file name of a Content-Disposition: `filename*=UTF-8''…` (RFC 5987) first, then `filename="…"`;
 * '' when none (or the header is not readable, as cross-origin without exposure): the caller names it.
 */
export function fileNameOf(disposition: string | undefined): string {
  if (!disposition) return ''
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim())
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(disposition)
  return (plain?.[1] ?? plain?.[2] ?? '').trim()
}
