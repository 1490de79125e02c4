import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ApiError } from '../../src/core/errors'
import { isConnectionError } from '../db/driver'
import { bodyOf, databaseUnavailable, DEFAULT_MESSAGE, HttpError, statementTimedOut, STATEMENT_TIMEOUT_CODE, statusOf } from '../errors'
import { schemaError, type SchemaError } from '../validation-errors'

/** Fastify's and its plugins' own errors, as the contract's kinds. */
const KNOWN: Record<string, () => HttpError> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new HttpError('validation', '不支持的内容类型，请以 application/json 发送', { status: 415, fields: { 'content-type': '不支持的内容类型' } }),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => new HttpError('validation', '请求内容为空', { status: 400 }),
  FST_ERR_CTP_INVALID_JSON_BODY: () => new HttpError('validation', '请求内容不是有效的 JSON', { status: 400 }),
  FST_ERR_CTP_BODY_TOO_LARGE: () => new HttpError('validation', '请求内容太大', { status: 413 }),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => new HttpError('validation', '请求长度不正确', { status: 400 }),
  FST_REQ_FILE_TOO_LARGE: () => new HttpError('validation', '照片不能超过10MB', { status: 413, fields: { file: '照片不能超过10MB' } }),
  FST_FILES_LIMIT: () => new HttpError('validation', '一次只能上传一张照片', { status: 413, fields: { file: '一次只能上传一张照片' } }),
  FST_PARTS_LIMIT: () => new HttpError('validation', '上传内容太多', { status: 413 }),
  FST_FIELDS_LIMIT: () => new HttpError('validation', '上传内容太多', { status: 413 }),
  FST_PROTO_VIOLATION: () => new HttpError('validation', '请求格式不正确', { status: 400 }),
  FST_INVALID_MULTIPART_CONTENT_TYPE: () => new HttpError('validation', '请以 multipart/form-data 上传照片', { status: 415, fields: { file: '请选择照片' } }),
}

/** Any error thrown while answering, as the core's error; null for a genuine bug. The Open311 routes answer it in GeoReport's shape. */
export function toApiError(error: FastifyError & { validation?: SchemaError[]; validationContext?: string }): ApiError | null {
  if (error instanceof ApiError) return error
  if (isConnectionError(error)) return databaseUnavailable()
  if (error.code === STATEMENT_TIMEOUT_CODE) return statementTimedOut()
  if (error.validation) return schemaError(error.validation, error.validationContext)
  const known = error.code ? KNOWN[error.code] : undefined
  if (known) return known()
  // JSON.parse failures surface as a SyntaxError with status 400.
  const status = error.statusCode
  if (error instanceof SyntaxError && status === 400) return KNOWN.FST_ERR_CTP_INVALID_JSON_BODY()
  if (status && status >= 400 && status < 500) {
    if (status === 401) return new HttpError('unauthorized')
    if (status === 403) return new HttpError('forbidden')
    if (status === 404) return new HttpError('not_found')
    if (status === 429) return new HttpError('rate_limited')
    return new HttpError('validation', '请求格式不正确', { status })
  }
  return null
}

/**
 * One error handler for the whole API: every failure answers `{ error: { kind, message, fields? } }`.
 * Bad input is always a 4xx; a database out of reach is a 503 with Retry-After; only a genuine bug is
 * a 500, logged, with a message that reveals nothing.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = toApiError(error)
    if (known) {
      const status = statusOf(known)
      if ((status === 429 || status === 503) && known.retryAfterMs !== undefined) {
        reply.header('retry-after', Math.max(1, Math.ceil(known.retryAfterMs / 1000)))
      }
      // An outage is one cause of many failed requests: a warning each, not an error each.
      if (status === 503) request.log.warn({ err: error }, 'database unavailable or busy')
      else if (status >= 500) request.log.error({ err: error }, 'request failed')
      return reply.code(status).send(bodyOf(known))
    }
    request.log.error({ err: error }, 'unexpected error')
    return reply.code(500).send(bodyOf(new HttpError('server', DEFAULT_MESSAGE.server)))
  })

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(bodyOf(new HttpError('not_found', `接口不存在：${request.method} ${request.url.split('?')[0].slice(0, 100)}`)))
  })
}

/** The router's own refusals, answered before any hook or handler runs. */
const FRAMEWORK: Record<string, () => HttpError> = {
  // A path that is not valid percent-encoded UTF-8 (`%ED%A0%80`, a lone surrogate; `%zz`).
  FST_ERR_BAD_URL: () => new HttpError('validation', '请求地址包含无效字符', { status: 400, fields: { path: '包含无效字符' } }),
  FST_ERR_MAX_PARAM_LENGTH: () => new HttpError('validation', '请求地址太长', { status: 414, fields: { path: '请求地址太长' } }),
  FST_ERR_ASYNC_CONSTRAINT: () => new HttpError('validation', '请求格式不正确', { status: 400 }),
}

/**
 * Fastify's `frameworkErrors` (a server option, set by `buildApp`): the router's refusals in the
 * contract's error body instead of Fastify's own.
 */
export function frameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const known = (FRAMEWORK[error.code] ?? FRAMEWORK.FST_ERR_ASYNC_CONSTRAINT)()
  reply.code(statusOf(known)).send(bodyOf(known))
}

