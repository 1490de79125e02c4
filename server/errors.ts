import type { Static } from 'typebox'
import type { ErrorBodySchema, ErrorKindSchema } from '../types/contract'
import type { FieldErrors } from '../src/domain/validation'
import { ApiError, DEFAULT_MESSAGE as CORE_MESSAGE, type ApiErrorKind } from '../src/core/errors'

export type ErrorKind = Static<typeof ErrorKindSchema>
export type ErrorBody = Static<typeof ErrorBodySchema>

/** The HTTP status of each kind; validation is 400 for a malformed request, 422 for a broken rule. */
const STATUS: Record<ApiErrorKind, number> = {
  network: 503,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  validation: 422,
  conflict: 409,
  rate_limited: 429,
  not_supported: 501,
  server: 500,
}

export const DEFAULT_MESSAGE: Record<ErrorKind, string> = { ...CORE_MESSAGE, server: '服务暂时不可用' }

/**
 * An error only the HTTP edge knows (415 for a wrong content type, 413 for a body too large, 503
 * for a database that is down): the core's error with the status to answer.
 */
export class HttpError extends ApiError {
  constructor(
    kind: ErrorKind,
    message: string = DEFAULT_MESSAGE[kind],
    readonly options: { status?: number; fields?: FieldErrors; retryAfterMs?: number } = {},
  ) {
    super(kind, message, { fields: options.fields, retryAfterMs: options.retryAfterMs, malformed: options.status === 400 })
    this.name = 'HttpError'
  }
}

/** The status an error of the core (or of the edge) answers with. */
export function statusOf(error: ApiError): number {
  if (error instanceof HttpError && error.options.status) return error.options.status
  if (error.kind === 'validation' && error.malformed) return 400
  if (error.kind === 'server' && error.upstream) return 502
  return STATUS[error.kind]
}

/** The contract's error body. A kind the contract does not name (network) goes out as server. */
export function bodyOf(error: ApiError): ErrorBody {
  const kind = (error.kind === 'network' ? 'server' : error.kind) as ErrorKind
  const body: ErrorBody['error'] = { kind, message: error.message }
  if (Object.keys(error.fields).length > 0) body.fields = error.fields
  if (error.retryAfterMs !== undefined) body.retryAfterMs = error.retryAfterMs
  return { error: body }
}

/** A malformed request (400): wrong shape, bad cursor, bad header. */
export function badRequest(fields: FieldErrors, message?: string): HttpError {
  return new HttpError('validation', message ?? Object.values(fields)[0] ?? '请求格式不正确', { status: 400, fields })
}

export const notFound = (message = '内容不存在或已被删除') => new HttpError('not_found', message)

/** How long a client should wait before trying again while the database is out of reach (a restart takes seconds). */
export const DATABASE_RETRY_AFTER_MS = 5_000

/** The database is down or restarting (503, with Retry-After): the same request may succeed soon. */
export const databaseUnavailable = (message = '服务暂时不可用，请稍后再试') =>
  new HttpError('server', message, { status: 503, retryAfterMs: DATABASE_RETRY_AFTER_MS })

/** PostgreSQL's `query_canceled`: a statement ran past its `statement_timeout` guard. */
export const STATEMENT_TIMEOUT_CODE = '57014'

/** A statement that ran past its guard (503, with Retry-After): the server is too busy for it now. */
export const statementTimedOut = () => new HttpError('server', '服务繁忙，请稍后再试', { status: 503, retryAfterMs: DATABASE_RETRY_AFTER_MS })
