import type { FieldErrors } from '../domain/validation'

/**
 * The one error type of Linli: what a core service throws, what the server answers as
 * `{ error: { kind, message, fields? } }`, and what every ApiClient adapter rejects with. Screens
 * switch on `kind`, never on text; the message is Chinese and fit to show.
 */
export type ApiErrorKind =
  | 'network'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'validation'
  | 'conflict'
  | 'rate_limited'
  | 'not_supported'
  | 'server'

export const DEFAULT_MESSAGE: Record<ApiErrorKind, string> = {
  network: '网络不可用，请检查网络后重试',
  unauthorized: '登录已过期，请重新登录',
  forbidden: '您没有权限进行此操作',
  not_found: '内容不存在或已被删除',
  validation: '填写的内容有误，请按提示修改',
  conflict: '内容已被他人更新，请刷新后重试',
  rate_limited: '操作太频繁，请稍后再试',
  not_supported: '当前版本暂不支持此功能',
  server: '服务暂时不可用，请稍后重试',
}

export interface ApiErrorOptions {
  /** Per-field messages in Chinese (validation). */
  fields?: FieldErrors
  /** When the caller may try again (rate_limited). */
  retryAfterMs?: number
  /**
   * A validation error about the request's form (a bad cursor or key), not about a rule of the
   * content: the server answers 400 instead of 422. Same kind and message on every adapter.
   */
  malformed?: boolean
  /** A server error caused by a service Linli depends on (WeChat): the server answers 502. */
  upstream?: boolean
}

export class ApiError extends Error {
  readonly kind: ApiErrorKind
  readonly fields: FieldErrors
  readonly retryAfterMs?: number
  readonly malformed: boolean
  readonly upstream: boolean

  constructor(kind: ApiErrorKind, message?: string, options: ApiErrorOptions = {}) {
    super(message ?? DEFAULT_MESSAGE[kind])
    this.name = 'ApiError'
    this.kind = kind
    this.fields = options.fields ?? {}
    this.retryAfterMs = options.retryAfterMs
    this.malformed = options.malformed ?? false
    this.upstream = options.upstream ?? false
  }

  /** Transient failures: the same request may succeed later. */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'rate_limited' || this.kind === 'server'
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError
}

/** A message fit for a toast, whatever was thrown. */
export function messageOf(error: unknown): string {
  if (isApiError(error)) return error.message
  return DEFAULT_MESSAGE.server
}

/** A broken rule of the content, with the domain's per-field messages. */
export function validationError(fields: FieldErrors, message?: string): ApiError {
  return new ApiError('validation', message ?? Object.values(fields)[0], { fields })
}

/** A request of the wrong form (bad cursor, bad key, bad page size). */
export function malformed(fields: FieldErrors, message?: string): ApiError {
  return new ApiError('validation', message ?? Object.values(fields)[0] ?? '请求格式不正确', { fields, malformed: true })
}

export const notFound = (message?: string) => new ApiError('not_found', message)
export const forbidden = (message?: string) => new ApiError('forbidden', message)
export const conflict = (message?: string) => new ApiError('conflict', message)

/** The caller's community; a person who has not picked theirs yet is refused (they see the picker). */
export function requireCommunity(actor: { communityId: string | null }): string {
  if (actor.communityId === null) throw new ApiError('forbidden', '请先选择您所在的社区')
  return actor.communityId
}

/** A refusal of the membership rules (src/domain/membership.ts) as the error to throw: forbidden, or a field's validation. */
export function thrown(refusal: { code: 'forbidden' | 'validation'; message: string; field?: string }): ApiError {
  if (refusal.code === 'forbidden') return forbidden(refusal.message)
  return validationError(refusal.field ? { [refusal.field]: refusal.message } : { form: refusal.message }, refusal.message)
}
