/** Conversions between what the drivers return and the domain's JSON shapes. */

/** A timestamptz as the domain's Instant (ISO-8601 UTC). */
export function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString()
  return new Date(String(value)).toISOString()
}

export function isoOrUndefined(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : iso(value)
}

/** jsonb comes back parsed from both drivers; be lenient with a driver that returns text. */
export function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T
}

export function orUndefined<T>(value: T | null | undefined): T | undefined {
  return value === null ? undefined : value
}
