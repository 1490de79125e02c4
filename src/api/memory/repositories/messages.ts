import type { Id, Report } from '../../../../types/domain'
import type { MessageRepository, ThreadRow, ThreadSubject, ThreadViewer } from '../../../core/ports'
import { compareCodePoints as compareText } from '../../../domain/inbox'
import { canSeeModerated } from '../../../domain/moderation/rules'
import { copy, defined, forHousehold, instant, moderationRow, newestFirst, pair, reporterColumn, toMessage, type MessageRow } from '../rows'
import { mustExist, type Run, type Tables } from '../tables'

/**
 * The memory store's MessageRepository: messages in threads (a report's, or an owner's general
 * one), numbered by one sequence, and who read each thread how far.
 */

const MESSAGE_SEQ = 'messageSeq'

function reportSubject(r: Report): ThreadSubject {
  return {
    kind: 'report',
    report: copy({
      id: r.id,
      communityId: r.communityId,
      gridId: r.gridId,
      reporterId: r.reporterId,
      status: r.status,
      ...(r.filedBy ? { filedBy: r.filedBy } : {}),
      // The household only (what the thread's rule needs), as the SQL store answers.
      ...(r.beneficiary ? { beneficiary: { buildingId: r.beneficiary.buildingId, room: r.beneficiary.room } } : {}),
      number: r.number,
      categoryName: r.categoryName,
      createdAt: r.createdAt,
    }),
  }
}

export function messageRepository(t: Tables, run: Run): MessageRepository {
  const thread = (threadId: Id) => t.messages.rows().filter((m) => m.threadId === threadId)
  return {
    insert: (m) =>
      run(() => {
        if ((m.reportId == null) === (m.ownerId == null)) throw new Error('memory store: a message belongs to a report or an owner (exactly one)')
        mustExist(t.communities, m.communityId)
        mustExist(t.reports, m.reportId)
        mustExist(t.users, m.ownerId)
        mustExist(t.users, m.authorId)
        const seq = (t.counters.get(MESSAGE_SEQ)?.value ?? 0) + 1
        t.counters.upsert({ name: MESSAGE_SEQ, value: seq })
        t.messages.insert(
          defined({
            id: m.id,
            threadId: m.threadId,
            communityId: m.communityId,
            reportId: m.reportId,
            ownerId: m.ownerId,
            authorId: m.authorId,
            authorName: m.authorName,
            authorRole: m.authorRole,
            body: m.body,
            at: instant(m.at),
            seq,
            moderation: m.moderation ? moderationRow(m.moderation) : undefined,
          }),
        )
        return seq
      }),
    listBefore: (threadId, beforeSeq, limit, viewer) =>
      run(() =>
        thread(threadId)
          .filter((m) => (beforeSeq === null || m.seq < beforeSeq) && (viewer ? canSeeModerated(viewer, m) : !m.moderation))
          .sort((a, b) => b.seq - a.seq)
          .slice(0, Math.max(0, limit))
          .map((m) => ({ message: toMessage(m), seq: m.seq })),
      ),
    markRead: (userId, threadId, at, upToSeq) =>
      run(() => {
        mustExist(t.users, userId)
        const upTo = upToSeq ?? thread(threadId).reduce((max, m) => Math.max(max, m.seq), 0)
        const earlier = t.threadReads.get(pair(userId, threadId))
        t.threadReads.upsert({ userId, threadId, lastSeq: Math.max(earlier?.lastSeq ?? upTo, upTo), readAt: instant(at) })
      }),
    listThreads: (viewer: ThreadViewer) =>
      run(() => {
        const mine = (r: Report) => reporterColumn(r) === viewer.id || r.filedBy?.id === viewer.id || forHousehold(r, viewer.home)
        const inScope = (m: MessageRow): boolean => {
          if (viewer.staff) return true
          if (m.ownerId === viewer.id) return true
          const r = m.reportId === undefined ? undefined : t.reports.get(m.reportId)
          return Boolean(r && r.communityId === viewer.communityId && (mine(r) || viewer.gridIds.includes(r.gridId)))
        }
        const threads = new Map<Id, MessageRow[]>()
        for (const m of t.messages.rows()) {
          // A held or refused message announces nothing, except to its author.
          if (m.communityId !== viewer.communityId || !inScope(m) || (m.moderation && m.authorId !== viewer.id)) continue
          const list = threads.get(m.threadId) ?? []
          list.push(m)
          threads.set(m.threadId, list)
        }
        const active: Array<ThreadRow & { lastSeq: number }> = []
        for (const [threadId, messages] of threads) {
          const last = messages.reduce((a, b) => (b.seq > a.seq ? b : a))
          const first = messages[0]
          const subject = subjectOf(t, first)
          if (!subject) continue
          const read = t.threadReads.get(pair(viewer.id, threadId))?.lastSeq ?? 0
          active.push({
            threadId,
            subject,
            lastMessageAt: last.at,
            lastMessageBody: last.body,
            unread: messages.filter((m) => m.authorId !== viewer.id && m.seq > read).length,
            lastSeq: last.seq,
          })
        }
        active.sort((a, b) => compareText(b.lastMessageAt, a.lastMessageAt) || b.lastSeq - a.lastSeq)
        const quiet = t.reports
          .rows()
          .filter((r) => r.communityId === viewer.communityId && mine(r) && !threads.has(`report:${r.id}`))
          .sort(newestFirst)
          .map((r): ThreadRow => ({ threadId: `report:${r.id}`, subject: reportSubject(r), lastMessageAt: r.createdAt, lastMessageBody: '', unread: 0 }))
        return [...active.map(({ lastSeq: _, ...row }) => row), ...quiet]
      }),
  }
}

/** What a thread is about, from one of its messages (every message of a thread names the same subject). */
function subjectOf(t: Tables, m: MessageRow): ThreadSubject | null {
  if (m.reportId !== undefined) {
    const r = t.reports.get(m.reportId)
    return r ? reportSubject(r) : null
  }
  const owner = m.ownerId === undefined ? undefined : t.users.get(m.ownerId)
  // A thread whose owner is in no community (a deleted account) has no subject (as the SQL leaves it out).
  if (!owner || owner.communityId === null || owner.communityId === undefined) return null
  const building = owner.home ? t.buildings.get(owner.home.buildingId) : undefined
  return {
    kind: 'general',
    owner: {
      id: owner.id,
      name: owner.name,
      communityId: owner.communityId,
      ...(owner.home ? { home: { buildingId: owner.home.buildingId, room: owner.home.room } } : {}),
      ...(building ? { buildingName: building.name } : {}),
    },
  }
}
