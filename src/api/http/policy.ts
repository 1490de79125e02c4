/**
 * The HTTP adapter's policies, as plain functions the pipeline's links (./middleware.ts) apply:
 * error mapping, which failures are worth another try and how long to wait, timeouts.
 */
import type { FieldErrors } from '../../domain/validation'
import { ApiError } from '../errors'
import type { ErrorBody, ErrorKindBody } from './contract-types'

// ── errors ──────────────────────────────────────────────────────────────────────────────────────

const KINDS: readonly ErrorKindBody[] = ['unauthorized', 'forbidden', 'not_found', 'validation', 'conflict', 'rate_limited', 'not_supported', 'server']

function isErrorBody(data: unknown): data is ErrorBody {
  const error = (data as ErrorBody | null)?.error
  return (
    typeof error === 'object' &&
    error !== null &&
    KINDS.includes(error.kind) &&
    typeof error.message === 'string' &&
    (error.fields === undefined || (typeof error.fields === 'object' && error.fields !== null))
  )
}

function retryAfterHeader(headers: Record<string, string>): number | undefined {
  const value = headers['retry-after']
  if (!value) return undefined
  const seconds = Number(value)
  return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : undefined
}

/**
 * The ApiError for a non-2xx answer. The contract's error body (`{ error: { kind, message, fields?,
 * retryAfterMs? } }`) is trusted as it is. Without it (a proxy, a gateway, a crashed server) only
 * statuses that mean one thing whoever sends them are read; anything else is `server`, which keeps
 * an outbox item waiting rather than sending the resident back to a form they cannot fix.
 */
export function errorFromResponse(status: number, data: unknown, headers: Record<string, string> = {}): ApiError {
  if (isErrorBody(data)) {
    const { kind, message, fields, retryAfterMs } = data.error
    return new ApiError(kind, message || undefined, {
      fields: fields as FieldErrors | undefined,
      retryAfterMs: retryAfterMs ?? retryAfterHeader(headers),
    })
  }
  switch (status) {
    case 401:
      return new ApiError('unauthorized')
    case 413:
      // nginx and friends refuse a large photo before the server sees it ("file": the upload's field, as the server names it).
      return new ApiError('validation', '照片太大，请换一张或重新拍摄', { fields: { file: '照片太大，请换一张或重新拍摄' } })
    case 429:
      return new ApiError('rate_limited', undefined, { retryAfterMs: retryAfterHeader(headers) })
    default:
      return new ApiError('server')
  }
}

/** A 2xx answer whose body is not what the contract promises. */
export function unexpectedBody(): ApiError {
  return new ApiError('server', '服务器返回了无法识别的内容，请稍后重试')
}

// ── retries (which requests may be repeated at all: `repeatable` in ./endpoint.ts) ───────────────

/** Failures a later try may cure. */
export function isTransient(error: ApiError): boolean {
  return error.kind === 'network' || error.kind === 'server' || error.kind === 'rate_limited'
}

export interface BackoffOptions {
  /** The first wait; each later one doubles. */
  baseMs: number
  /** A server asking for a longer wait than this is not retried in-line: the caller gets rate_limited. */
  maxWaitMs: number
  /** 0 ≤ r < 1; spreads retries of many clients apart. */
  random: () => number
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 300, maxWaitMs: 10_000, random: Math.random }

/**
 * How long to wait before try `attempt + 1` (`attempt` ≥ 1 tries have failed), or null to stop:
 * exponential with jitter, never sooner than the server's `retryAfterMs`.
 */
export function backoffDelay(attempt: number, error: ApiError, options: BackoffOptions = DEFAULT_BACKOFF): number | null {
  const exponential = options.baseMs * 2 ** (attempt - 1)
  const jittered = Math.round(exponential * (0.5 + options.random()))
  const wait = Math.max(jittered, error.retryAfterMs ?? 0)
  return (error.retryAfterMs ?? 0) > options.maxWaitMs ? null : wait
}

// ── timeouts ────────────────────────────────────────────────────────────────────────────────────

/**
 * `promise`, or ApiError('network') after `ms`. The transport has its own timeout too; this one
 * holds even when a platform's does not fire (and the late answer, if any, is dropped).
 */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ApiError('network', '网络请求超时，请检查网络后重试')), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
