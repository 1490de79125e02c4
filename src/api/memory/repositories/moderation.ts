import type { Id, ModerationMark } from '../../../../types/domain'
import type { AuditRecord, AuditRepository, AuditRow, HeldTextKind, ModerationRecord, ModerationRepository, ModerationRow, Settlement } from '../../../core/ports'
import { copy, defined, instant, newestFirst, normalizeKeyset, oldestFirst, optionalInstant } from '../rows'
import { mustExist, type Run, type Tables } from '../tables'

/**
 * The memory store's ModerationRepository (the queue of held texts, and what a decision does to
 * them) and AuditRepository (the audit log: inserts and reads, nothing else), issue 13.
 */

const MESSAGE_SEQ = 'messageSeq'

const itemRow = (m: ModerationRecord): ModerationRecord =>
  defined({
    id: m.id,
    communityId: m.communityId,
    kind: m.kind,
    subjectId: m.subjectId,
    context: m.context,
    authorId: m.authorId,
    text: m.text,
    checkerReason: m.checkerReason,
    status: m.status,
    createdAt: instant(m.createdAt),
    decidedAt: optionalInstant(m.decidedAt),
    decidedById: m.decidedById,
    reason: m.reason,
  })

export function moderationRepository(t: Tables, run: Run): ModerationRepository {
  const named = (m: ModerationRecord): ModerationRow => {
    const decidedByName = m.decidedById ? t.users.get(m.decidedById)?.name : undefined
    return { ...copy(m), authorName: t.users.get(m.authorId)?.name ?? '', ...(decidedByName !== undefined ? { decidedByName } : {}) }
  }
  const find = (id: Id) => {
    const m = t.moderation.get(id)
    return m ? named(m) : null
  }
  return {
    insert: (item) =>
      run(() => {
        mustExist(t.communities, item.communityId)
        mustExist(t.users, item.authorId)
        mustExist(t.users, item.decidedById)
        t.moderation.insert(itemRow(item))
      }),
    find: (id) => run(() => find(id)),
    // The mutex serialises every unit of work: holding the item is holding the store.
    findForUpdate: (id) => run(() => find(id)),
    findHeld: (kind, subjectId) =>
      run(() => {
        const held = t.moderation.rows().find((m) => m.kind === kind && m.subjectId === subjectId && m.status === 'held')
        return held ? named(held) : null
      }),
    listHeld: (communityId, cursor, limit) =>
      run(() => {
        const after = normalizeKeyset(cursor)
        return t.moderation
          .rows()
          .filter((m) => m.communityId === communityId && m.status === 'held' && (!after || oldestFirst(after, m) < 0))
          .slice()
          .sort(oldestFirst)
          .slice(0, Math.max(0, limit))
          .map(named)
      }),
    decide: (id, decision) =>
      run(() => {
        const m = t.moderation.get(id)
        if (!m || m.status !== 'held') return false
        mustExist(t.users, decision.byId)
        t.moderation.replace(itemRow({ ...m, status: decision.status, decidedAt: decision.at, decidedById: decision.byId, reason: decision.reason }))
        return true
      }),
    settle: (kind, subjectId, outcome) => run(() => settle(t, kind, subjectId, outcome)),
  }
}

/** What a decision does to the held text (see `ModerationRepository.settle`). */
function settle(t: Tables, kind: HeldTextKind, subjectId: Id, outcome: Settlement): void {
  const at = instant(outcome.at)
  const mark: ModerationMark | undefined = outcome.published ? undefined : { status: 'rejected', reason: outcome.reason }
  const marked = <R extends { moderation?: ModerationMark }>(row: R): R => {
    const next = { ...row }
    if (mark) next.moderation = mark
    else delete next.moderation
    return next
  }
  switch (kind) {
    case 'report': {
      const r = t.reports.get(subjectId)
      if (r) t.reports.replace(marked(r))
      return
    }
    case 'message': {
      const m = t.messages.get(subjectId)
      if (!m) return
      if (!outcome.published) return t.messages.replace(marked(m))
      const seq = (t.counters.get(MESSAGE_SEQ)?.value ?? 0) + 1
      t.counters.upsert({ name: MESSAGE_SEQ, value: seq })
      t.messages.replace({ ...marked(m), seq, at })
      return
    }
    case 'notice': {
      const n = t.notices.get(subjectId)
      if (n) t.notices.replace(outcome.published ? { ...marked(n), publishedAt: at } : marked(n))
      return
    }
    case 'proposal': {
      const p = t.proposals.get(subjectId)
      if (!p) return
      const held = Math.max(0, Date.parse(at) - Date.parse(p.createdAt))
      t.proposals.replace(outcome.published ? { ...marked(p), deadline: new Date(Date.parse(p.deadline) + held).toISOString() } : marked(p))
      return
    }
    case 'contribution':
    case 'question': {
      const c = t.contributions.get(subjectId)
      if (c) t.contributions.replace(marked(c))
      return
    }
  }
}

const auditRow = (e: AuditRecord): AuditRecord =>
  defined({
    id: e.id,
    communityId: e.communityId,
    at: instant(e.at),
    actorId: e.actorId,
    actorRole: e.actorRole,
    action: e.action,
    subjectKind: e.subjectKind,
    subjectId: e.subjectId,
    concernsId: e.concernsId,
    note: e.note,
    details: copy(e.details),
  })

export function auditRepository(t: Tables, run: Run): AuditRepository {
  const named = (e: AuditRecord): AuditRow => {
    const concernsName = e.concernsId ? t.users.get(e.concernsId)?.name : undefined
    return { ...copy(e), actorName: t.users.get(e.actorId)?.name ?? '', ...(concernsName !== undefined ? { concernsName } : {}) }
  }
  return {
    insert: (event) =>
      run(() => {
        mustExist(t.communities, event.communityId)
        mustExist(t.users, event.actorId)
        mustExist(t.users, event.concernsId)
        t.audit.insert(auditRow(event))
      }),
    list: (filter, cursor, limit) =>
      run(() => {
        const after = normalizeKeyset(cursor)
        const keyed = (e: AuditRecord) => ({ createdAt: e.at, id: e.id })
        return t.audit
          .rows()
          .filter(
            (e) =>
              e.communityId === filter.communityId &&
              (filter.action === undefined || e.action === filter.action) &&
              (filter.subjectKind === undefined || e.subjectKind === filter.subjectKind) &&
              (filter.subjectId === undefined || e.subjectId === filter.subjectId) &&
              (!after || newestFirst(after, keyed(e)) < 0),
          )
          .slice()
          .sort((a, b) => newestFirst(keyed(a), keyed(b)))
          .slice(0, Math.max(0, limit))
          .map(named)
      }),
  }
}
