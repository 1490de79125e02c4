import type { ReportStatus } from '../../../types/domain'
import { statusesNamed, type SpecError } from './serve'
import { flag, instantOrNull, listOf } from './values'

/**
 * The arguments of `GET requests.{format}` as the server's `/open311/v2/` reads them (ADR 27): a
 * `service_request_id` list overrides every other argument (the spec); otherwise `service_code` and
 * `status` (comma lists) within `start_date`..`end_date`, 90 days up to now by default; newest
 * first, at most `MAX_REQUESTS`. A date that is not one, an end before its start or a status
 * nobody knows is a 400 with a Chinese description. mySociety's extended statuses only when asked
 * (`extensions=true`).
 */

export const DEFAULT_WINDOW_DAYS = 90
export const MAX_REQUESTS = 1000
const DAY_MS = 86_400_000

export interface RequestQuery {
  /** Report numbers; when given, the other filters do not apply. */
  numbers: string[] | null
  categoryIds: string[]
  statuses: ReportStatus[] | null
  from: string
  to: string
  extensions: boolean
}

type Query = Record<string, unknown>

const text = (value: unknown): string | null => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : null)

/** Whether the client asked for mySociety's extended statuses. */
export function wantsExtensions(query: Query): boolean {
  return flag(text(query.extensions))
}

function dateOf(query: Query, name: 'start_date' | 'end_date', errors: SpecError[]): string | null {
  const given = text(query[name])
  if (given === null || given.trim() === '') return null
  const instant = instantOrNull(given)
  if (!instant) errors.push({ code: 400, description: `${name} 不是有效的时间，请用 ISO 8601 格式（如 2026-11-21T08:00:00+08:00）` })
  return instant
}

export function readRequestQuery(query: Query, now: Date): { query: RequestQuery } | { errors: SpecError[] } {
  const errors: SpecError[] = []
  const extensions = wantsExtensions(query)
  const numbers = listOf(text(query.service_request_id) ?? '')
  const start = dateOf(query, 'start_date', errors)
  const end = dateOf(query, 'end_date', errors)
  const statusNames = listOf(text(query.status) ?? '')
  const statuses: ReportStatus[] = []
  for (const name of statusNames) {
    const named = statusesNamed(name, extensions)
    if (named) statuses.push(...named.filter((s) => !statuses.includes(s)))
    else errors.push({ code: 400, description: `status 只能是 open 或 closed${extensions ? '，或扩展状态' : ''}（收到 ${name.slice(0, 40)}）` })
  }
  const to = end ?? now.toISOString()
  const from = start ?? new Date(new Date(to).getTime() - DEFAULT_WINDOW_DAYS * DAY_MS).toISOString()
  if (start && end && start > end) errors.push({ code: 400, description: 'start_date 不能晚于 end_date' })
  if (numbers.length > MAX_REQUESTS) errors.push({ code: 400, description: `service_request_id 一次最多 ${MAX_REQUESTS} 个` })
  if (errors.length) return { errors }
  return {
    query: {
      numbers: numbers.length ? numbers : null,
      categoryIds: listOf(text(query.service_code) ?? ''),
      statuses: statusNames.length ? statuses : null,
      from,
      to,
      extensions,
    },
  }
}
