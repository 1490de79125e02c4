/**
 * timestamptz values straight from PostgreSQL's text form to the domain's Instant
 * (`2026-11-21T08:30:00.000Z`), without a Date in between: lists carry three per row, and the
 * round trip through Date was a measurable share of a list request (`npm run bench`).
 */

/** The type OID of timestamptz. */
export const TIMESTAMPTZ_OID = 1184

/** `2026-11-21 08:30:00.5+00` — DateStyle ISO in a UTC session; fractions have 0 to 6 digits. */
const UTC_TEXT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00$/

/** Milliseconds are truncated as `Date` does; any other shape (an offset, BC, infinity) goes through Date. */
export function instantFromPg(text: string): string {
  const match = UTC_TEXT.exec(text)
  if (!match) {
    const time = Date.parse(text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'))
    return Number.isNaN(time) ? text : new Date(time).toISOString()
  }
  const fraction = match[3] === undefined ? '000' : match[3].length >= 3 ? match[3].slice(0, 3) : match[3].padEnd(3, '0')
  return `${match[1]}T${match[2]}.${fraction}Z`
}

/** Session settings under which `instantFromPg` sees its fast shape. */
export const SESSION_TIME_ZONE = 'UTC'
