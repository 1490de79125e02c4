import type { Id } from '../../../../types/domain'
import type { CosignRecord, MinutesRecord, ProgressRecord, ProposalRecord, ProposalRepository, ProposalRow, RatingRecord } from '../../../core/ports'
import { subjectKey } from '../../../domain/consultation/deliberation'
import { canSeeModerated } from '../../../domain/moderation/rules'
import type { HouseholdKey } from '../../../domain/consultation/households'
import { compareCodePoints as compareText } from '../../../domain/inbox'
import { beforeKeyset, copy, defined, instant, moderationRow, newestFirst, normalizeKeyset, tuple, type ProposalTableRow } from '../rows'
import { mustExist, type Run, type Tables } from '../tables'

/** The memory store's ProposalRepository (民事民提): proposals, households' co-signs, minutes, progress and ratings. */

type Answer = NonNullable<ProposalRecord['answer']>

const answerRow = (a: Answer): Answer =>
  defined({ kind: a.kind, reason: a.reason, mergedIntoId: a.mergedIntoId, at: instant(a.at), byId: a.byId, byName: a.byName })

export const proposalRow = (p: ProposalRecord): ProposalTableRow =>
  defined({
    id: p.id,
    communityId: p.communityId,
    authorId: p.authorId,
    authorName: p.authorName,
    authorHome: { buildingId: p.authorHome.buildingId, room: p.authorHome.room },
    authorBuildingName: p.authorBuildingName,
    title: p.title,
    body: p.body,
    photoIds: [...p.photoIds],
    article: p.article ? { conventionId: p.article.conventionId, articleId: p.article.articleId, proposedText: p.article.proposedText } : undefined,
    threshold: p.threshold,
    deadline: instant(p.deadline),
    status: p.status,
    answer: p.answer ? answerRow(p.answer) : undefined,
    voteId: p.voteId,
    responsible: p.responsible,
    createdAt: instant(p.createdAt),
    moderation: p.moderation ? moderationRow(p.moderation) : undefined,
  })

export const cosignRow = (c: CosignRecord): CosignRecord => ({ proposalId: c.proposalId, buildingId: c.buildingId, room: c.room, userId: c.userId, at: instant(c.at) })

export const ratingRow = (r: RatingRecord): RatingRecord => ({
  proposalId: r.proposalId,
  buildingId: r.buildingId,
  room: r.room,
  userId: r.userId,
  userName: r.userName,
  level: r.level,
  comment: r.comment,
  at: instant(r.at),
})

const minutesRow = (m: MinutesRecord): MinutesRecord => ({ id: m.id, proposalId: m.proposalId, text: m.text, photoIds: [...m.photoIds], at: instant(m.at), byId: m.byId, byName: m.byName })

/** Oldest first over (at, id). */
const byAt = (a: { at: string; id: Id }, b: { at: string; id: Id }) => compareText(a.at, b.at) || compareText(a.id, b.id)

export function proposalRepository(t: Tables, run: Run): ProposalRepository {
  const cosigns = (proposalId: Id) => t.cosigns.rows().filter((c) => c.proposalId === proposalId).length
  const withCounts = (p: ProposalTableRow, viewerHome?: HouseholdKey): ProposalRow => {
    const key = subjectKey({ kind: 'proposal', id: p.id })
    return {
      ...copy(p),
      cosigns: cosigns(p.id),
      contributions: t.contributions.rows().filter((c) => c.subjectKey === key && !c.hidden && !c.moderation).length,
      cosignedByViewer: viewerHome ? t.cosigns.has(tuple(p.id, viewerHome.buildingId, viewerHome.room)) : false,
    }
  }
  return {
    insert: (proposal) =>
      run(() => {
        mustExist(t.communities, proposal.communityId)
        mustExist(t.users, proposal.authorId)
        mustExist(t.buildings, proposal.authorHome.buildingId)
        mustExist(t.votes, proposal.voteId)
        mustExist(t.users, proposal.answer?.byId)
        t.proposals.insert(proposalRow(proposal))
      }),
    find: (id, viewerHome) =>
      run(() => {
        const p = t.proposals.get(id)
        return p ? withCounts(p, viewerHome) : null
      }),
    // The mutex serialises every unit of work: holding the proposal is holding the store.
    findForUpdate: (id) =>
      run(() => {
        const p = t.proposals.get(id)
        return p ? copy(p) : null
      }),
    list: (filter, cursor, limit, viewerHome) =>
      run(() => {
        const after = normalizeKeyset(cursor)
        return t.proposals
          .rows()
          .filter(
            (p) =>
              p.communityId === filter.communityId &&
              (!filter.statuses?.length || filter.statuses.includes(p.status)) &&
              (filter.authorId === undefined || p.authorId === filter.authorId) &&
              (!filter.unanswered || !p.answer) &&
              (filter.visibleTo ? canSeeModerated(filter.visibleTo, p) : !p.moderation) &&
              beforeKeyset(p, after),
          )
          .slice()
          .sort(newestFirst)
          .slice(0, Math.max(0, limit))
          .map((p) => withCounts(p, viewerHome))
      }),
    update: (id, patch) =>
      run(() => {
        const p = t.proposals.get(id)
        if (!p) return
        mustExist(t.votes, patch.voteId)
        mustExist(t.users, patch.answer?.byId)
        const next: ProposalRecord = { ...p }
        if (patch.status !== undefined) next.status = patch.status
        if (patch.answer !== undefined) next.answer = patch.answer
        if (patch.voteId !== undefined) next.voteId = patch.voteId
        if (patch.responsible !== undefined) next.responsible = patch.responsible
        t.proposals.replace(proposalRow(next))
      }),
    cosign: (record) =>
      run(() => {
        // The household's primary key: the first co-sign stands.
        if (t.cosigns.has(tuple(record.proposalId, record.buildingId, record.room))) return false
        mustExist(t.proposals, record.proposalId)
        mustExist(t.users, record.userId)
        mustExist(t.buildings, record.buildingId)
        t.cosigns.insert(cosignRow(record))
        return true
      }),
    countCosigns: (proposalId) => run(() => cosigns(proposalId)),
    addMinutes: (minutes) =>
      run(() => {
        mustExist(t.proposals, minutes.proposalId)
        mustExist(t.users, minutes.byId)
        t.minutes.insert(minutesRow(minutes))
      }),
    listMinutes: (proposalId) =>
      run(() =>
        t.minutes
          .rows()
          .filter((m) => m.proposalId === proposalId)
          .slice()
          .sort(byAt)
          .map(copy),
      ),
    addProgress: (progress: ProgressRecord) =>
      run(() => {
        mustExist(t.proposals, progress.proposalId)
        mustExist(t.users, progress.byId)
        t.progress.insert({ ...minutesRow(progress), percent: progress.percent })
      }),
    listProgress: (proposalId) =>
      run(() =>
        t.progress
          .rows()
          .filter((m) => m.proposalId === proposalId)
          .slice()
          .sort(byAt)
          .map(copy),
      ),
    rate: (record) =>
      run(() => {
        if (t.ratings.has(tuple(record.proposalId, record.buildingId, record.room))) return false
        mustExist(t.proposals, record.proposalId)
        mustExist(t.users, record.userId)
        mustExist(t.buildings, record.buildingId)
        t.ratings.insert(ratingRow(record))
        return true
      }),
    listRatings: (proposalId) =>
      run(() =>
        t.ratings
          .rows()
          .filter((r) => r.proposalId === proposalId)
          .slice()
          .sort((a, b) => compareText(a.at, b.at) || compareText(a.buildingId, b.buildingId) || compareText(a.room, b.room))
          .map(copy),
      ),
  }
}
