import type { ReportAction, ReportStatus, TimelineEvent } from '../../../types/domain'
import type { Open311Request } from './requests'

/**
 * A city system's status and `status_notes` as Linli's status and timeline (ADR 26). The spec
 * knows `open` and `closed`; mySociety's FixMyStreet extension adds finer ones, mapped here too.
 */

interface StatusRule {
  status: ReportStatus
  /** The timeline action a move into this status is shown as. */
  action: ReportAction
  /** What the resident reads, when the city system gives no notes. */
  label: string
}

export const STATUS_RULES: Readonly<Record<string, StatusRule>> = {
  open: { status: 'submitted', action: 'progress', label: '城市服务平台已收到' },
  // mySociety extended statuses (FixMyStreet's Open311 extension).
  investigating: { status: 'accepted', action: 'accept', label: '正在核实' },
  in_progress: { status: 'in_progress', action: 'assign', label: '正在处理' },
  action_scheduled: { status: 'in_progress', action: 'assign', label: '已安排处理' },
  internal_referral: { status: 'transferred', action: 'transfer', label: '已转交相关部门' },
  reopen: { status: 'reopened', action: 'progress', label: '已重新处理' },
  reopened: { status: 'reopened', action: 'progress', label: '已重新处理' },
  fixed: { status: 'resolved', action: 'resolve', label: '已修复' },
  closed: { status: 'resolved', action: 'resolve', label: '已办结' },
  no_further_action: { status: 'resolved', action: 'resolve', label: '已办结，无需进一步处理' },
  unable_to_fix: { status: 'resolved', action: 'resolve', label: '已办结，暂时无法修复' },
  duplicate: { status: 'merged', action: 'merge', label: '与其他诉求重复，已合并处理' },
  not_councils_responsibility: { status: 'rejected', action: 'reject', label: '不属于该部门职责' },
}

/**
 * A status nobody listed is an extension of a server Linli does not know: it is not `closed` (the
 * spec's only ending), so the report stays in handling rather than ending on a guess.
 */
export const UNKNOWN_STATUS: StatusRule = { status: 'in_progress', action: 'progress', label: '处理中' }

export function statusRuleOf(status: string): StatusRule {
  return STATUS_RULES[status.trim().toLowerCase().replace(/[\s-]+/g, '_')] ?? UNKNOWN_STATUS
}

export function linliStatusOf(status: string): ReportStatus {
  return statusRuleOf(status).status
}

/** What the resident reads for a city status when the city gave no notes. */
export function statusLabelOf(status: string): string {
  return statusRuleOf(status).label
}

/** Who the timeline shows acting: the agency responsible, or the city system. */
export const CITY_ACTOR = '城市服务平台'
/** The actor id of the city's steps: an organisation, not a person with a Linli role (the timeline shows its name alone). */
export const CITY_ACTOR_ID = 'open311'

function eventOf(reportId: string, index: number, fields: Pick<TimelineEvent, 'action' | 'fromStatus' | 'toStatus' | 'at' | 'actorName' | 'note'>): TimelineEvent {
  const event: TimelineEvent = { id: `open311:${reportId}:${index}`, reportId, actorId: CITY_ACTOR_ID, actorRole: 'staff', photos: [], public: true, ...fields }
  if (event.note === undefined) delete event.note
  return event
}

/**
 * The timeline after the city system answered `request` again. GeoReport gives only the current
 * state, so the timeline is what Linli saw change: the first answer adds the 提交 step (at
 * `requested_datetime`) and, when the request already moved, a step to where it is; later answers
 * add a step when the mapped status or the notes changed (at `updated_datetime`), nothing when only
 * the time did. `now` stands in for a time the server did not give.
 */
export function nextTimeline(reportId: string, timeline: readonly TimelineEvent[], request: Open311Request, now: string): TimelineEvent[] {
  const rule = statusRuleOf(request.status)
  const actorName = request.agencyResponsible ?? CITY_ACTOR
  const events = [...timeline]
  if (events.length === 0) {
    events.push(eventOf(reportId, 0, { action: 'submit', fromStatus: null, toStatus: 'submitted', at: request.requestedAt ?? now, actorName: '居民', note: undefined }))
  }
  const last = events[events.length - 1]
  const note = request.statusNotes ?? undefined
  const lastNote = last.action === 'submit' ? undefined : last.note
  if (last.toStatus === rule.status && lastNote === note) return events
  // The notes are the city's own words; without them the timeline shows the step's label (statusLabelOf).
  const sameStatus = last.toStatus === rule.status
  events.push(
    eventOf(reportId, events.length, {
      action: sameStatus ? 'progress' : rule.action,
      fromStatus: last.toStatus,
      toStatus: rule.status,
      at: request.updatedAt ?? now,
      actorName,
      note,
    }),
  )
  return events
}
