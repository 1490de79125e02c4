import type { AuditQuery } from '../../../types/api'
import type { AuditAction, AuditEvent, AuditSubjectKind, Id, Page } from '../../../types/domain'
import { displayRole, hasRole, type Actor } from '../../domain/actor'
import { isAuditAction, isAuditSubjectKind } from '../../domain/moderation/audit'
import type { Caller, Runtime } from '../context'
import { forbidden, malformed, notFound, validationError } from '../errors'
import { pageLimit, parseKeyset } from '../paging'
import type { AuditDetails, AuditRow, Repositories, Store } from '../ports'

/**
 * The audit log (issue 13): staff actions that matter to residents, recorded in the transaction
 * of the action itself (so an action and its record commit together, or neither), and read by the
 * community's staff and admins and by the officers of its street. Nothing changes or removes an
 * event.
 */

export interface AuditEntry {
  action: AuditAction
  subject: { kind: AuditSubjectKind; id: Id }
  /** The person it concerns, if they have an account (an id like `home:…` of a 代报 household has none: left out). */
  concerns?: Id | null
  note?: string
  details?: AuditDetails
  /** When it happened (default: now). */
  at?: string
}

/** Record what `actor` did in `communityId`, inside the action's transaction. */
export async function recordAudit(tx: Repositories, rt: Runtime, actor: Actor, communityId: Id, entry: AuditEntry): Promise<void> {
  const concerns = entry.concerns && !entry.concerns.startsWith('home:') ? entry.concerns : undefined
  const note = entry.note?.trim()
  await tx.audit.insert({
    id: rt.newId('au'),
    communityId,
    at: entry.at ?? rt.now().toISOString(),
    actorId: actor.id,
    actorRole: displayRole(actor),
    action: entry.action,
    subjectKind: entry.subject.kind,
    subjectId: entry.subject.id,
    ...(concerns ? { concernsId: concerns } : {}),
    ...(note ? { note } : {}),
    details: entry.details ?? {},
  })
}

export const AUDIT_READERS_ONLY = '只有社区工作者、管理员和街道工作人员可以查看操作记录'

export class AuditService {
  constructor(private readonly store: Store) {}

  /** The log of a community, newest first, filtered by action and by subject. */
  async list(caller: Caller, query: AuditQuery = {}): Promise<Page<AuditEvent>> {
    const q: Partial<AuditQuery> = query && typeof query === 'object' ? query : {}
    const communityId = await this.communityFor(caller.actor, q.communityId)
    const limit = pageLimit(q)
    if (q.action !== undefined && !isAuditAction(q.action)) throw malformed({ action: '操作类型无效' })
    if (q.subjectKind !== undefined && !isAuditSubjectKind(q.subjectKind)) throw malformed({ subjectKind: '对象类型无效' })
    if (q.subjectId !== undefined && (typeof q.subjectId !== 'string' || q.subjectId.length === 0 || q.subjectId.length > 64)) throw malformed({ subjectId: '对象编号无效' })
    const rows = await this.store.audit.list(
      {
        communityId,
        ...(q.action !== undefined ? { action: q.action } : {}),
        ...(q.subjectKind !== undefined ? { subjectKind: q.subjectKind } : {}),
        ...(q.subjectId !== undefined ? { subjectId: q.subjectId } : {}),
      },
      parseKeyset(q.cursor),
      limit + 1,
    )
    const items = rows.slice(0, limit)
    const last = items[items.length - 1]
    return { items: items.map(eventView), ...(rows.length > limit ? { nextCursor: `${last.at}|${last.id}` } : {}) }
  }

  /**
   * Whose log: staff and admins read their own community's (naming another is not found); a street
   * officer names one of their street's communities (another street's is not found), as the
   * dashboard does.
   */
  private async communityFor(actor: Actor, communityId: unknown): Promise<Id> {
    if ((hasRole(actor, 'staff') || hasRole(actor, 'admin')) && actor.communityId !== null) {
      if (communityId !== undefined && communityId !== actor.communityId) throw notFound('社区不存在')
      return actor.communityId
    }
    if (hasRole(actor, 'street_staff') && actor.streetId) {
      if (communityId === undefined || communityId === '') throw validationError({ communityId: '请选择要查看的社区' })
      const community = typeof communityId === 'string' && communityId.length <= 64 ? await this.store.directory.findCommunity(communityId) : null
      if (!community || community.streetId !== actor.streetId) throw notFound('社区不存在')
      return community.id
    }
    throw forbidden(AUDIT_READERS_ONLY)
  }
}

function eventView(r: AuditRow): AuditEvent {
  return {
    id: r.id,
    communityId: r.communityId,
    at: r.at,
    actor: { id: r.actorId, name: r.actorName, role: r.actorRole },
    action: r.action,
    subject: { kind: r.subjectKind, id: r.subjectId },
    ...(r.concernsId ? { concerns: { id: r.concernsId, name: r.concernsName ?? '' } } : {}),
    ...(r.note !== undefined ? { note: r.note } : {}),
    details: { ...r.details },
  }
}
