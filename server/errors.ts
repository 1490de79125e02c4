import type { Static } from 'typebox'
import type { ErrorBodySchema, ErrorKindSchema } from '../types/contract'
import type { FieldErrors } from '../src/domain/validation'

export type ErrorKind = Static<typeof ErrorKindSchema>
export type ErrorBody = Static<typeof ErrorBodySchema>

/** The HTTP status of each kind; validation is 400 for a malformed request, 422 for a broken rule. */
const STATUS: Record<ErrorKind, number> = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  validation: 422,
  conflict: 409,
  rate_limited: 429,
  not_supported: 501,
  server: 500,
}

export const DEFAULT_MESSAGE: Record<ErrorKind, string> = {
  unauthorized: '登录已过期，请重新登录',
  forbidden: '您没有权限进行此操作',
  not_found: '内容不存在或已被删除',
  validation: '填写的内容有误，请按提示修改',
  conflict: '内容已被他人更新，请刷新后重试',
  rate_limited: '操作太频繁，请稍后再试',
  not_supported: '当前版本暂不支持此功能',
  server: '服务暂时不可用',
}

/** Every failure a handler reports: a kind from the contract, a Chinese message, an HTTP status. */
export class HttpError extends Error {
  readonly statusCode: number
  constructor(
    readonly kind: ErrorKind,
    message: string = DEFAULT_MESSAGE[kind],
    readonly options: { status?: number; fields?: FieldErrors; retryAfterMs?: number } = {},
  ) {
    super(message)
    this.name = 'HttpError'
    this.statusCode = options.status ?? STATUS[kind]
  }

  toBody(): ErrorBody {
    const error: ErrorBody['error'] = { kind: this.kind, message: this.message }
    if (this.options.fields && Object.keys(this.options.fields).length > 0) error.fields = this.options.fields
    if (this.options.retryAfterMs !== undefined) error.retryAfterMs = this.options.retryAfterMs
    return { error }
  }
}

/** A broken domain rule (422), with the domain's per-field messages. */
export function ruleViolation(fields: FieldErrors, message?: string): HttpError {
  return new HttpError('validation', message ?? Object.values(fields)[0], { fields })
}

/** A malformed request (400): wrong shape, bad cursor, bad header. */
export function badRequest(fields: FieldErrors, message?: string): HttpError {
  return new HttpError('validation', message ?? Object.values(fields)[0] ?? '请求格式不正确', { status: 400, fields })
}

export const notFound = (message = '内容不存在或已被删除') => new HttpError('not_found', message)
export const forbidden = (message?: string) => new HttpError('forbidden', message)
export const conflict = (message?: string) => new HttpError('conflict', message)
