/** Conversions between what the drivers return and the domain's JSON shapes. */

/** The domain's Instant as `Date.prototype.toISOString` writes it. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** A timestamptz as the domain's Instant (ISO-8601 UTC); the drivers already hand over instants (db/instants.ts). */
export function iso(value: unknown): string {
  if (typeof value === 'string' && INSTANT.test(value)) return value
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

/** A text's moderation mark from its two columns (issue 13); undefined when published. */
export function moderationOf(status: unknown, reason: unknown): { status: 'held' } | { status: 'rejected'; reason: string } | undefined {
  if (status === 'held') return { status: 'held' }
  if (status === 'rejected') return { status: 'rejected', reason: typeof reason === 'string' ? reason : '' }
  return undefined
}

/** The two columns of a moderation mark, as inserted. */
export function moderationColumns(mark: { status: 'held' } | { status: 'rejected'; reason: string } | undefined): [string | null, string | null] {
  if (!mark) return [null, null]
  return mark.status === 'rejected' ? ['rejected', mark.reason] : ['held', null]
}
