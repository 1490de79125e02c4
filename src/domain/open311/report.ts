import type { Report, ReportAnswers, ReportLocation, TimelineEvent } from '../../../types/domain'
import type { FieldErrors } from '../validation'
import type { Open311ErrorDetail } from './errors'
import type { Open311Request } from './requests'
import { CITY_ACTOR, CITY_ACTOR_ID, linliStatusOf, nextTimeline, statusRuleOf } from './statuses'
import { plainDescription } from './submit'
import { idOrNull, instantOrNull, itemsOf, textOrNull } from './values'

/**
 * What a resident filed with a city system, as the app keeps it on the phone (ADR 28): GeoReport has
 * no "my reports", so the phone remembers its own requests and asks the city about each of them.
 * The report's id in the app is the submission's idempotency key, so a report has its id from the
 * moment it is filed, before the city has given it a number (a token, a `blackbox` service).
 */
export interface FiledRequest {
  /** The idempotency key: the report's id in the app. */
  key: string
  /** Of the submission's fields: the same key with another body is refused. */
  fingerprint: string
  /** The city's `service_request_id`, once known. */
  requestId: string | null
  /** A token to follow until the city gives an id. */
  token: string | null
  /** `sending` until an answer came back: a retry first looks for the request the lost answer was about. */
  state: 'sending' | 'sent'
  serviceCode: string
  categoryId: string
  categoryName: string
  description: string
  location: ReportLocation
  anonymous: boolean
  answers?: ReportAnswers
  /** When the phone first sent it. */
  submittedAt: string
  /** `service_notice` of the answer: what the city says about the new request. */
  notice: string | null
}

/** The last answer of the city about a request, and the timeline built from what changed. */
export interface RequestSnapshot {
  request: Open311Request
  timeline: TimelineEvent[]
  /** When the phone last asked: requests are not asked again sooner than the polling interval. */
  fetchedAt: string
}

export interface Viewer {
  id: string
  name: string
}

/** The number shown while the city has not given one yet. */
export const PENDING_NUMBER = '待城市平台编号'

/** The first step of every report's timeline: what the phone sent, when. */
export function submittedTimeline(filed: FiledRequest, viewer: Viewer): TimelineEvent[] {
  return [
    {
      id: `open311:${filed.key}:0`,
      reportId: filed.key,
      action: 'submit',
      fromStatus: null,
      toStatus: 'submitted',
      actorId: viewer.id,
      actorName: viewer.name,
      actorRole: 'resident',
      at: filed.submittedAt,
      photos: [],
      public: true,
      ...(filed.notice ? { note: filed.notice } : {}),
    },
  ]
}

/**
 * The timeline after the city answered again: `nextTimeline`'s step for a change, on top of the
 * submitted step (the city's `requested_datetime` replaces the phone's clock there).
 */
export function timelineAfter(filed: FiledRequest, viewer: Viewer, previous: readonly TimelineEvent[] | undefined, request: Open311Request, now: string): TimelineEvent[] {
  const base = previous && previous.length > 0 ? [...previous] : submittedTimeline(filed, viewer)
  const events = nextTimeline(filed.key, base, request, now)
  return events.map((event) => (event.action === 'submit' ? { ...event, actorId: viewer.id, actorName: viewer.name, actorRole: 'resident' } : event))
}

/** mySociety's `servicerequestupdates`: one update of one request. */
export interface RequestUpdate {
  updateId: string
  requestId: string
  status: string
  description: string | null
  at: string
  mediaUrl: string | null
}

/** The updates of a `servicerequestupdates` answer that have an id, a request and a time; in time order. */
export function parseUpdates(raw: unknown): RequestUpdate[] {
  const root = itemsOf(raw)
  const list = root.length === 1 && Array.isArray(root[0].service_request_updates) ? itemsOf(root[0].service_request_updates) : root
  const updates: RequestUpdate[] = []
  for (const item of list) {
    const updateId = idOrNull(item.update_id)
    const requestId = idOrNull(item.service_request_id)
    const at = instantOrNull(item.updated_datetime)
    if (updateId === null || requestId === null || at === null) continue
    updates.push({ updateId, requestId, status: textOrNull(item.status) ?? 'open', description: textOrNull(item.description), at, mediaUrl: textOrNull(item.media_url) })
  }
  return updates.sort((a, b) => a.at.localeCompare(b.at) || a.updateId.localeCompare(b.updateId))
}

/**
 * The timeline from the city's own updates, where it offers them: the submitted step, then one step
 * per update, with its words and its time (richer than comparing answers, which sees only changes
 * between two polls).
 */
export function timelineFromUpdates(filed: FiledRequest, viewer: Viewer, updates: readonly RequestUpdate[], agency: string | null): TimelineEvent[] {
  const events = submittedTimeline(filed, viewer)
  for (const update of updates) {
    const rule = statusRuleOf(update.status)
    const last = events[events.length - 1]
    events.push({
      id: `open311:${filed.key}:u:${update.updateId}`,
      reportId: filed.key,
      action: last.toStatus === rule.status ? 'progress' : rule.action,
      fromStatus: last.toStatus,
      toStatus: rule.status,
      actorId: CITY_ACTOR_ID,
      actorName: agency ?? CITY_ACTOR,
      actorRole: 'staff',
      at: update.at,
      photos: update.mediaUrl ? [{ id: `open311:${update.updateId}:media`, url: update.mediaUrl }] : [],
      public: true,
      ...(update.description ? { note: update.description } : {}),
    })
  }
  return events
}

const HOUR = 3_600_000

/** The app's report for a filed request and what the city last said about it (nothing yet: `submitted`). */
export function reportOf(filed: FiledRequest, snapshot: RequestSnapshot | undefined, viewer: Viewer, options: { deadlineHours: number; communityId: string }): Report {
  const request = snapshot?.request
  const timeline = snapshot?.timeline ?? []
  // The phone's own time of sending: the list is ordered by it, whatever the city's clock says.
  const createdAt = filed.submittedAt
  const status = request ? linliStatusOf(request.status) : 'submitted'
  const deadlineAt = request?.expectedAt ?? new Date(Date.parse(createdAt) + options.deadlineHours * HOUR).toISOString()
  const accepted = timeline.find((event) => event.action !== 'submit')
  const report: Report = {
    id: filed.key,
    number: filed.requestId ?? PENDING_NUMBER,
    communityId: options.communityId,
    gridId: '',
    categoryId: filed.categoryId,
    categoryName: filed.categoryName,
    description: filed.description,
    photos: request?.mediaUrl ? [{ id: `open311:${filed.key}:media`, url: request.mediaUrl }] : [],
    location: filed.location,
    anonymous: filed.anonymous,
    reporterId: viewer.id,
    reporterName: viewer.name,
    status,
    createdAt,
    updatedAt: request?.updatedAt ?? timeline[timeline.length - 1]?.at ?? createdAt,
    deadlineAt,
    escalated: false,
    reopenCount: timeline.filter((event) => event.toStatus === 'reopened' && event.fromStatus !== 'reopened').length,
    meTooCount: 0,
    version: Math.max(1, timeline.length),
  }
  if (accepted) report.acceptedAt = accepted.at
  if (status === 'resolved') report.resolvedAt = timeline.filter((event) => event.toStatus === 'resolved')[0]?.at ?? report.updatedAt
  return report
}

/**
 * Whether a request the city lists is the one a lost answer was about: same service, the same
 * plain description, asked for no earlier than a few minutes before the phone sent it.
 */
export function isSameSubmission(filed: FiledRequest, request: Open311Request): boolean {
  if (request.serviceCode !== null && request.serviceCode !== filed.serviceCode) return false
  const fold = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim()
  if (fold(request.description) !== fold(plainDescription(filed.description))) return false
  if (request.requestedAt === null) return true
  return Date.parse(request.requestedAt) >= Date.parse(filed.submittedAt) - 10 * 60_000
}

const FIELD_WORDS: Array<[RegExp, string]> = [
  [/service_code|service code/i, 'categoryId'],
  [/description/i, 'description'],
  [/\blat\b|\blong\b|latitude|longitude|address/i, 'location'],
  [/media/i, 'photos'],
]

/**
 * The form's fields a city's refusal is about, so the message shows where the resident can fix
 * it: `attribute[code]` names a question, the spec's fields name the form's. The city's own words
 * (often English) are never shown: each field gets the Chinese message.
 */
export function fieldsOfDetails(details: readonly Open311ErrorDetail[], message: string): FieldErrors {
  const fields: FieldErrors = {}
  for (const detail of details) {
    const attribute = /attribute\[([^\]]+)\]/.exec(detail.description)
    if (attribute) {
      fields[`attribute.${attribute[1]}`] = message
      continue
    }
    const field = FIELD_WORDS.find(([pattern]) => pattern.test(detail.description))?.[1]
    if (field && !(field in fields)) fields[field] = message
  }
  return fields
}
