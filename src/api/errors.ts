import type { FieldErrors } from '../domain/validation'

/** Every failure an adapter reports is one of these kinds; screens switch on `kind`, never on text. */
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

const DEFAULT_MESSAGE: Record<ApiErrorKind, string> = {
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

export class ApiError extends Error {
  readonly kind: ApiErrorKind
  /** Per-field messages in Chinese (validation). */
  readonly fields: FieldErrors
  /** When the caller may try again (rate_limited). */
  readonly retryAfterMs?: number

  constructor(kind: ApiErrorKind, message?: string, options: { fields?: FieldErrors; retryAfterMs?: number } = {}) {
    super(message ?? DEFAULT_MESSAGE[kind])
    this.name = 'ApiError'
    this.kind = kind
    this.fields = options.fields ?? {}
    this.retryAfterMs = options.retryAfterMs
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

export function validationError(fields: FieldErrors, message?: string): ApiError {
  return new ApiError('validation', message ?? Object.values(fields)[0], { fields })
}
