import type { PageQuery } from '../../types/api'
import { instantProblem } from '../domain/instants'
import { decodeCursor } from '../domain/report-views'
import { malformed } from './errors'
import type { InboxPosition } from '../domain/inbox'
import type { Keyset, NoticeKeyset } from './ports'

/**
 * Page sizes and cursors, the same on every adapter. Cursors are the client's to keep, not to make:
 * anything but what a page hands out (its exact shape, an instant as stored, an id as made, a number
 * written as `String(n)` in range) is a malformed request.
 */

export const DEFAULT_PAGE = 20
export const MAX_PAGE = 50

const BAD_CURSOR = '分页参数无效，请刷新'

/** A page size of 1..50 (default 20), or a malformed request. */
export function pageLimit(query: PageQuery | undefined): number {
  const limit = query?.limit ?? DEFAULT_PAGE
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw malformed({ limit: `每页数量应为1到${MAX_PAGE}` })
  return limit
}

/** An instant as pages hand it out (`toISOString()`: `2026-11-21T08:30:00.000Z`), inside the API's years. */
export function issuedInstant(text: string): string | null {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text) && instantProblem(text) === null ? text : null
}

/** An id as the stores make them (`r_…` base64url, or a seeded `r-demo-1`). */
export function issuedId(text: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(text)
}

/** A positive whole number written as `String(n)` (no sign, no leading zero), at most `max`. */
function issuedNumber(cursor: unknown, max: number): number | null {
  if (typeof cursor !== 'string' || !/^[1-9]\d{0,15}$/.test(cursor)) return null
  const n = Number(cursor)
  return n <= max ? n : null
}

/** A newest-first keyset cursor (`<createdAt>|<id>`) or null when there is none. */
export function parseKeyset(cursor: string | undefined): Keyset | null {
  if (cursor === undefined) return null
  const decoded = typeof cursor === 'string' ? decodeCursor(cursor) : null
  const createdAt = decoded ? issuedInstant(decoded.createdAt) : null
  if (!decoded || !createdAt || !issuedId(decoded.id)) throw malformed({ cursor: BAD_CURSOR })
  return { createdAt, id: decoded.id }
}

/**
 * An inbox cursor: the clock of the first page (every next page ranks at the same instant, so a
 * report whose deadline passes meanwhile neither repeats nor goes missing) and the last row's place
 * in the order — `<asOf>|<rank>|<deadlineAt>|<createdAt>|<id>`.
 */
export interface InboxCursor {
  asOf: string
  after: InboxPosition
}

export function encodeInboxCursor(asOf: string, after: InboxPosition): string {
  return [asOf, after.rank, after.deadlineAt, after.createdAt, after.id].join('|')
}

/** An inbox cursor as pages hand it out, null when there is none, else a malformed request. */
export function parseInboxCursor(cursor: string | undefined): InboxCursor | null {
  if (cursor === undefined) return null
  const parts = typeof cursor === 'string' ? cursor.split('|') : []
  const [asOf, rank, deadlineAt, createdAt, id] = parts.length === 5 ? parts : []
  const instants = [asOf, deadlineAt, createdAt].map((text) => (text === undefined ? null : issuedInstant(text)))
  if (instants.some((text) => text === null) || !/^[0-3]$/.test(rank ?? '') || !issuedId(id ?? '')) throw malformed({ cursor: BAD_CURSOR })
  return { asOf: asOf!, after: { rank: Number(rank) as InboxPosition['rank'], deadlineAt: deadlineAt!, createdAt: createdAt!, id: id! } }
}

/** A message cursor: the place in the thread of the oldest message shown. */
export function parseSeq(cursor: string | undefined): number | null {
  if (cursor === undefined) return null
  // Messages are numbered from 1 (a bigint in SQL; ours stay far below 2^53).
  const seq = issuedNumber(cursor, Number.MAX_SAFE_INTEGER)
  if (seq === null) throw malformed({ cursor: BAD_CURSOR })
  return seq
}

/** Notices: `<pinned><urgent>|<publishedAt>|<id>`. */
export function encodeNoticeCursor(n: NoticeKeyset): string {
  return `${Number(n.pinned)}${Number(n.urgent)}|${n.publishedAt}|${n.id}`
}

export function parseNoticeCursor(cursor: string | undefined): NoticeKeyset | null {
  if (cursor === undefined) return null
  const match = typeof cursor === 'string' ? /^([01])([01])\|([^|]{1,40})\|([^|]{1,64})$/.exec(cursor) : null
  const publishedAt = match ? issuedInstant(match[3]) : null
  if (!match || !publishedAt || !issuedId(match[4])) throw malformed({ cursor: BAD_CURSOR })
  return { pinned: match[1] === '1', urgent: match[2] === '1', publishedAt, id: match[4] }
}
