import { idOrNull, instantOrNull, itemsOf, numberOrNull, textOrNull } from './values'

/**
 * A service request as a city system answers it (`requests.json`, `requests/{id}.json`), read
 * tolerantly (ADR 26): the id as a number or a string, `""` and absent keys as null, timestamps in
 * any offset as ISO UTC, and a status Linli does not know kept as it came (see statuses.ts).
 */

export interface Open311Request {
  id: string
  /** Lower-cased: `open`, `closed`, a mySociety extended status, or whatever the server says. */
  status: string
  statusNotes: string | null
  serviceCode: string | null
  serviceName: string | null
  description: string | null
  agencyResponsible: string | null
  serviceNotice: string | null
  requestedAt: string | null
  updatedAt: string | null
  expectedAt: string | null
  address: string | null
  latitude: number | null
  longitude: number | null
  mediaUrl: string | null
}

/** A request, or null when it has no id (a server's placeholder row, or not a request at all). */
export function parseRequest(raw: unknown): Open311Request | null {
  const item = itemsOf(raw)[0]
  if (!item) return null
  const id = idOrNull(item.service_request_id)
  if (id === null) return null
  return {
    id,
    status: textOrNull(item.status)?.toLowerCase().replace(/[\s-]+/g, '_') ?? 'open',
    statusNotes: textOrNull(item.status_notes),
    serviceCode: textOrNull(item.service_code),
    serviceName: textOrNull(item.service_name),
    description: textOrNull(item.description),
    agencyResponsible: textOrNull(item.agency_responsible),
    serviceNotice: textOrNull(item.service_notice),
    requestedAt: instantOrNull(item.requested_datetime),
    updatedAt: instantOrNull(item.updated_datetime),
    expectedAt: instantOrNull(item.expected_datetime),
    address: textOrNull(item.address),
    latitude: numberOrNull(item.lat),
    longitude: numberOrNull(item.long),
    mediaUrl: textOrNull(item.media_url),
  }
}

/** Every request of a list answer that has an id; the rest are skipped, never fatal. */
export function parseRequests(raw: unknown): Open311Request[] {
  return itemsOf(raw)
    .map((item) => parseRequest(item))
    .filter((request): request is Open311Request => request !== null)
}

/**
 * `requests/{id}.json` read the same whatever the server does with an unknown id: a 404, a 200 with
 * `[]`, or a 200 with another request (a server ignoring the path) all mean "not there": null.
 */
export function requestById(id: string, httpStatus: number, raw: unknown): Open311Request | null {
  if (httpStatus === 404) return null
  return parseRequests(raw).find((request) => request.id === id) ?? null
}

/** The `service_request_id` filter: ids comma-separated, each id once. */
export function idFilter(ids: readonly string[]): string {
  return [...new Set(ids.map((id) => id.trim()).filter(Boolean))].join(',')
}

export interface PageQuery {
  page?: number
  pageSize?: number
}

/** Paging where the server offers it (`page`, `page_size`, from 1); nothing where it does not. */
export function pageQuery(page: number, pageSize: number, offered: boolean): Record<string, string> {
  return offered ? { page: String(page), page_size: String(pageSize) } : {}
}

/**
 * Whether to ask for the next page: only where paging is offered, and only when this page came back
 * full and held something not seen before (a server ignoring `page` repeats page 1: stop there).
 */
export function hasNextPage(received: readonly Open311Request[], pageSize: number, offered: boolean, seenIds: ReadonlySet<string>): boolean {
  if (!offered || received.length < pageSize) return false
  return received.some((request) => !seenIds.has(request.id))
}

/**
 * A GeoReport URL: always with the format suffix (`.json`; many servers answer nothing or HTML
 * without it), `jurisdiction_id` when configured, then the query. `base` may end with a slash.
 */
export function open311Url(base: string, path: string, query: Record<string, string | undefined> = {}, jurisdictionId?: string): string {
  const root = base.replace(/\/+$/, '')
  const resource = path.replace(/^\/+/, '').replace(/\.(json|xml)$/, '')
  const params = Object.entries({ jurisdiction_id: jurisdictionId, ...query })
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
  return `${root}/${resource}.json${params.length ? `?${params.join('&')}` : ''}`
}

