import type { PageQuery } from '../../types/api'
import { decodeCursor } from '../domain/report-views'
import { malformed } from './errors'
import type { Keyset, NoticeKeyset } from './ports'

/**
 * Page sizes and cursors, the same on every adapter. Cursors are the client's to keep, not to make:
 * anything that does not decode is a malformed request.
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

function validInstant(text: string): string | null {
  const time = Date.parse(text)
  if (!Number.isFinite(time)) return null
  const year = new Date(time).getUTCFullYear()
  return year < 1970 || year > 9999 ? null : new Date(time).toISOString()
}

/** A newest-first keyset cursor (`<createdAt>|<id>`) or null when there is none. */
export function parseKeyset(cursor: string | undefined): Keyset | null {
  if (cursor === undefined) return null
  const decoded = typeof cursor === 'string' ? decodeCursor(cursor) : null
  const createdAt = decoded ? validInstant(decoded.createdAt) : null
  if (!decoded || !createdAt || decoded.id.length > 64) throw malformed({ cursor: BAD_CURSOR })
  return { createdAt, id: decoded.id }
}

/** An offset cursor (the inbox's), 0 when absent. */
export function parseOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0
  if (typeof cursor !== 'string' || !/^\d{1,9}$/.test(cursor)) throw malformed({ cursor: BAD_CURSOR })
  return Number(cursor)
}

/** A message cursor: the place in the thread of the oldest message shown. */
export function parseSeq(cursor: string | undefined): number | null {
  if (cursor === undefined) return null
  if (typeof cursor !== 'string' || !/^\d{1,15}$/.test(cursor)) throw malformed({ cursor: BAD_CURSOR })
  return Number(cursor)
}

/** Notices: `<pinned><urgent>|<publishedAt>|<id>`. */
export function encodeNoticeCursor(n: NoticeKeyset): string {
  return `${Number(n.pinned)}${Number(n.urgent)}|${n.publishedAt}|${n.id}`
}

export function parseNoticeCursor(cursor: string | undefined): NoticeKeyset | null {
  if (cursor === undefined) return null
  const match = typeof cursor === 'string' ? /^([01])([01])\|([^|]{1,40})\|([^|]{1,64})$/.exec(cursor) : null
  const publishedAt = match ? validInstant(match[3]) : null
  if (!match || !publishedAt) throw malformed({ cursor: BAD_CURSOR })
  return { pinned: match[1] === '1', urgent: match[2] === '1', publishedAt, id: match[4] }
}
