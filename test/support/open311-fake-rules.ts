import type { FakeRequest, FakeService, Open311Switches } from './open311-fake-types'

/**
 * The GeoReport v2 fake's rules as pure functions (open311-fake.ts serves them): what a POST must
 * hold, and which requests a GET answers.
 */

const DAY_MS = 24 * 60 * 60 * 1000

export interface SpecError {
  code: number
  description: string
}

/** A refusal with its HTTP status and the spec's error list; the server writes it in the switched shape. */
export class Refusal {
  constructor(
    readonly status: number,
    readonly errors: SpecError[],
  ) {}
}

export function refuse(status: number, description: string): Refusal {
  return new Refusal(status, [{ code: status, description }])
}

export function dateParam(query: URLSearchParams, name: string): Date | null {
  const text = query.get(name)
  if (text === null || text === '') return null
  const ms = Date.parse(text)
  if (Number.isNaN(ms)) throw refuse(400, `${name} is not a valid date`)
  return new Date(ms)
}

const listParam = (query: URLSearchParams, name: string) =>
  (query.get(name) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)

/**
 * The requests a GET requests.json answers: a `service_request_id` list overrides every other
 * argument (the spec); otherwise `service_code` and `status` (comma lists; a status matches as
 * written or as stored) within `start_date`..`end_date`, 90 days up to now by default, newest
 * first; a page of them when paging is on, else at most 1,000.
 */
export function selectRequests(stored: readonly FakeRequest[], query: URLSearchParams, now: Date, paging: Open311Switches['paging'], statusOut: (status: string) => string): FakeRequest[] {
  const ids = listParam(query, 'service_request_id')
  if (ids.length > 0) return stored.filter((r) => ids.includes(String(r.id)))
  const codes = listParam(query, 'service_code')
  const statuses = listParam(query, 'status').map((s) => s.toLowerCase())
  const start = dateParam(query, 'start_date')
  const end = dateParam(query, 'end_date') ?? now
  const from = start ?? new Date(end.getTime() - 90 * DAY_MS)
  let list = stored.filter((r) => r.requestedAt >= from && r.requestedAt <= end)
  if (codes.length) list = list.filter((r) => codes.includes(r.serviceCode))
  if (statuses.length) list = list.filter((r) => statuses.includes(statusOut(r.status)) || statuses.includes(r.status))
  list = [...list].sort((a, b) => b.requestedAt.getTime() - a.requestedAt.getTime() || b.id - a.id)
  if (!paging) return list.slice(0, 1000)
  const page = Math.max(1, Number(query.get('page')) || 1)
  const size = Math.min(paging.maxPageSize, Math.max(1, Number(query.get('page_size')) || paging.pageSize))
  return list.slice((page - 1) * size, page * size)
}

/** `attribute[code]` and `attribute[code][]` fields as answers (the latter as a list). */
export function answersOf(fields: URLSearchParams): Record<string, string | string[]> {
  const answers: Record<string, string | string[]> = {}
  for (const [key, value] of fields) {
    const multi = /^attribute\[([^\]]+)\]\[\]$/.exec(key)
    const single = /^attribute\[([^\]]+)\]$/.exec(key)
    if (multi) answers[multi[1]] = [...((answers[multi[1]] as string[] | undefined) ?? []), value]
    else if (single) answers[single[1]] = value
  }
  return answers
}

/** What is wrong with the answers to a service's attributes: required ones, datatypes, list keys. */
export function attributeProblems(service: FakeService, answers: Record<string, string | string[]>): SpecError[] {
  const problems: SpecError[] = []
  for (const attribute of service.attributes ?? []) {
    if (attribute.variable === false) continue
    const answer = answers[attribute.code]
    const keys = (attribute.values ?? []).map((v) => v.key)
    const given = answer === undefined ? [] : Array.isArray(answer) ? answer : [answer]
    if (given.length === 0 || given.every((v) => v.trim() === '')) {
      if (attribute.required) problems.push({ code: 400, description: `attribute[${attribute.code}] is required` })
      continue
    }
    const bad =
      (attribute.datatype === 'number' && given.some((v) => Number.isNaN(Number(v)))) ||
      (attribute.datatype === 'datetime' && given.some((v) => Number.isNaN(Date.parse(v)))) ||
      (attribute.datatype === 'singlevaluelist' && (given.length !== 1 || !keys.includes(given[0]))) ||
      (attribute.datatype === 'multivaluelist' && given.some((v) => !keys.includes(v)))
    if (bad) problems.push({ code: 400, description: `attribute[${attribute.code}] is invalid` })
  }
  return problems
}

export interface ReportFields {
  service: FakeService
  lat: number | null
  long: number | null
  address: string | null
  description: string | null
  answers: Record<string, string | string[]>
}

/**
 * A POST's fields checked as the spec asks (the key is checked before, by the server): a known
 * `service_code`; a location (`lat` & `long`, `address_string` or `address_id`); a description of
 * at most 4,000 characters; then the attributes. Every broken rule is in one refusal.
 */
export function checkReport(fields: URLSearchParams, services: readonly FakeService[]): ReportFields {
  const problems: SpecError[] = []
  const code = fields.get('service_code') ?? ''
  const service = services.find((s) => s.service_code === code)
  if (!code) problems.push({ code: 400, description: 'service_code is required' })
  else if (!service) problems.push({ code: 400, description: `service_code ${code} is invalid` })
  const lat = fields.get('lat')
  const long = fields.get('long')
  const address = fields.get('address_string')
  const hasPoint = lat !== null && lat !== '' && long !== null && long !== ''
  if (hasPoint && (Number.isNaN(Number(lat)) || Number.isNaN(Number(long)) || Math.abs(Number(lat)) > 90 || Math.abs(Number(long)) > 180)) {
    problems.push({ code: 400, description: 'lat/long is invalid' })
  }
  if (!hasPoint && !address && !fields.get('address_id')) problems.push({ code: 400, description: 'a location (lat & long, address_string or address_id) is required' })
  const description = fields.get('description')
  if (description && Array.from(description).length > 4000) problems.push({ code: 400, description: 'description is longer than 4000 characters' })
  if (problems.length || !service) throw new Refusal(400, problems)
  const answers = answersOf(fields)
  const attributeErrors = attributeProblems(service, answers)
  if (attributeErrors.length) throw new Refusal(400, attributeErrors)
  return { service, lat: hasPoint ? Number(lat) : null, long: hasPoint ? Number(long) : null, address: address || null, description: description || null, answers }
}
