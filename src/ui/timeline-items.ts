import type { TimelineEvent } from '../../types/domain'
import type { TimelineItem } from '../components/timeline'
import { ACTION_LABEL, ROLE_LABEL, STATUS_LABEL, STATUS_TONE } from '../domain/labels'
import { CITY_ACTOR_ID } from '../domain/open311/statuses'
import { formatTime } from '../platform/time'

/** 派单 says to whom: "派给 孙丽", "派给 物业服务中心". */
export const assignedTo = (name: string) => `派给 ${name}`

/** 转派 to a department says which: "转派给 城管中队". */
export const transferredTo = (name: string) => `转派给 ${name}`

/** Timeline events (oldest first from the API) → items for the timeline, newest first. */
export function timelineItems(events: TimelineEvent[], now: Date = new Date()): TimelineItem[] {
  const items = events.map((e): TimelineItem => {
    const title =
      e.action === 'rate' && e.toStatus === 'reopened'
        ? '不满意，重新办理'
        : e.action === 'assign' && e.assignee
          ? assignedTo(e.assignee.name)
          : e.action === 'transfer' && e.assignee
          ? transferredTo(e.assignee.name)
          : e.action === 'progress' || e.action === 'escalate'
          ? ACTION_LABEL[e.action]
          : e.action === 'submit'
            ? '已提交'
            : STATUS_LABEL[e.toStatus]
    // A city system's step is an organisation's, and a phone's own resident has no name: the one word says who.
    const role = ROLE_LABEL[e.actorRole]
    return {
      id: e.id,
      title,
      time: formatTime(e.at, now),
      actor: e.actorId === CITY_ACTOR_ID || e.actorName === role ? e.actorName : `${role} ${e.actorName}`,
      note: e.note ?? '',
      tone: e.toStatus === 'reopened' ? 'reopened' : STATUS_TONE[e.toStatus],
      photos: e.photos.map((p) => p.url).filter(Boolean),
      current: false,
    }
  })
  items.reverse()
  if (items[0]) items[0].current = true
  return items
}
