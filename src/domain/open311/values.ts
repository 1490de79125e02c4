/**
 * Tolerant readers of GeoReport v2 values (ADR 26). Real servers deviate from the spec: ids come as
 * integers or strings, optional keys are absent, `null` or `""`, booleans come as `"true"`, and
 * timestamps carry any offset, with or without fractions. Every reader here takes `unknown` and
 * answers the one form Linli uses, or null.
 */

/** A text value: trimmed; `""`, absent, `null` and non-text values are null (a number becomes its digits). */
export function textOrNull(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value !== 'string') return null
  const trimmed = value.trim()
  return trimmed === '' ? null : trimmed
}

/** An id: a string or an integer (`1234` and `"1234"` are the same id), as a string; null otherwise. */
export function idOrNull(value: unknown): string | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : null
  return textOrNull(value)
}

/** A boolean: `true`, `"true"`, `1`, `"1"` are true; everything else false. */
export function flag(value: unknown): boolean {
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value === 1
  if (typeof value === 'string') return ['true', '1', 'yes'].includes(value.trim().toLowerCase())
  return false
}

/** A number from a number or a numeric text; null otherwise. */
export function numberOrNull(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  const text = textOrNull(value)
  if (text === null || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null
  const parsed = Number(text)
  return Number.isFinite(parsed) ? parsed : null
}

// Date, `T` or a space, time with optional seconds and any fraction, then Z, ±HH:MM, ±HHMM, ±HH or nothing.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/

/**
 * A GeoReport timestamp as an ISO instant in UTC (`2026-11-21T08:30:00.000Z`), or null when it is
 * absent or not a timestamp. Any offset is accepted (`+08:00`, `-0500`, `+08`, `Z`), fractions of any
 * length are cut to milliseconds. The spec requires an offset; a server that sends none is read as
 * UTC (the spec's examples and most servers' storage), never as the phone's local time.
 */
export function instantOrNull(value: unknown): string | null {
  const text = textOrNull(value)
  if (text === null) return null
  const match = TIMESTAMP.exec(text)
  if (!match) return null
  const [, y, mo, d, h, mi, s, fraction, zone] = match
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h)
  const minute = Number(mi)
  const second = s === undefined ? 0 : Number(s)
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null
  const ms = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'))
  let offsetMinutes = 0
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    const oh = Number(digits.slice(0, 2))
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0
    if (oh > 14 || om > 59) return null
    offsetMinutes = sign * (oh * 60 + om)
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms) - offsetMinutes * 60_000
  const check = new Date(Date.UTC(year, month - 1, day))
  if (check.getUTCDate() !== day) return null // 2026-02-30
  return new Date(utc).toISOString()
}

/** A comma-separated list (or an array, as some servers send) of trimmed, non-empty texts. */
export function listOf(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : []
  return items.map(textOrNull).filter((item): item is string => item !== null)
}

/** A plain object (not an array, not null), or null. */
export function recordOrNull(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
}

/** The items of a GeoReport list answer: an array, one object standing for a list of one, or none. */
export function itemsOf(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.map(recordOrNull).filter((item): item is Record<string, unknown> => item !== null)
  const single = recordOrNull(value)
  return single ? [single] : []
}
