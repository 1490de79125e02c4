import type { Report } from '../../types/domain'
import { hasRole, type Actor } from './actor'
import { canReadReport } from './permissions'
import { cleanText, textLength } from './text'
import type { FieldErrors } from './validation'

/**
 * Messages (留言/回复): a thread on each report between the resident and its handlers, and one
 * general "ask the community" thread per resident, answered by the community's staff.
 */

export const MESSAGE_LIMITS = { bodyMax: 500 } as const

export function validateMessage(body: string | undefined): FieldErrors {
  const length = textLength(cleanText(body ?? ''))
  if (length === 0) return { body: '请输入留言内容' }
  if (length > MESSAGE_LIMITS.bodyMax) return { body: `留言不能超过${MESSAGE_LIMITS.bodyMax}个字` }
  return {}
}

export function reportThreadId(reportId: string): string {
  return `report:${reportId}`
}

export function generalThreadId(userId: string): string {
  return `general:${userId}`
}

export type ThreadRef = { kind: 'report'; reportId: string } | { kind: 'general'; ownerId: string }

export function parseThreadId(id: string): ThreadRef | null {
  if (typeof id !== 'string') return null
  const colon = id.indexOf(':')
  // Without a colon there is no kind (`reportx` is not a thread of report `reportx`).
  if (colon < 0) return null
  const [kind, rest] = [id.slice(0, colon), id.slice(colon + 1)]
  if (!rest) return null
  if (kind === 'report') return { kind: 'report', reportId: rest }
  if (kind === 'general') return { kind: 'general', ownerId: rest }
  return null
}

/** The people on a report's thread: its reporter (or the household it was filed for), its filer, its handlers. */
export function canUseReportThread(actor: Actor, report: Parameters<typeof canReadReport>[1]): boolean {
  return canReadReport(actor, report)
}

/** A resident's general thread: the resident and the staff of their community (none before they join one). */
export function canUseGeneralThread(actor: Actor, owner: { id: string; communityId: string | null }): boolean {
  if (owner.communityId === null) return false
  return actor.id === owner.id || (hasRole(actor, 'staff') && actor.communityId === owner.communityId)
}

/** The title of a report's thread as people know it. */
export function reportThreadTitle(report: Pick<Report, 'categoryName' | 'number'>): string {
  return `${report.categoryName} · ${report.number}`
}
