/**
 * A stable text for a JSON value (object keys sorted), so "same body" means the same thing on
 * every adapter when an idempotency key is reused.
 */
export function fingerprint(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value as Record<string, unknown>).sort()) {
      const v = (value as Record<string, unknown>)[key]
      if (v !== undefined) out[key] = sortKeys(v)
    }
    return out
  }
  return value
}

/** What every adapter says of a key that is not one, and of a key reused with another body. */
export const IDEMPOTENCY_MESSAGES = {
  bad: '提交编号无效，请重新提交',
  reused: '同一提交编号对应了不同的内容，请重新提交',
} as const

/** Idempotency keys: 8–100 characters of letters, digits, `-` and `_`. */
export function isValidIdempotencyKey(key: unknown): key is string {
  return typeof key === 'string' && /^[A-Za-z0-9_-]{8,100}$/.test(key)
}
