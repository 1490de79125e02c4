import type { Id } from '../../../../types/domain'
import type { BallotReceipt, VoteRecord, VoteRepository } from '../../../core/ports'
import type { HouseholdKey } from '../../../domain/consultation/households'
import { compareCodePoints as compareText } from '../../../domain/inbox'
import { beforeKeyset, copy, defined, instant, newestFirst, normalizeKeyset, optionalInstant, tuple, type VoteRow } from '../rows'
import { mustExist, type Run, type Tables } from '../tables'

/**
 * The memory store's VoteRepository (民事民决): votes with their roll, the households' receipts
 * (that they voted, how) and, apart, the ballots (what was chosen), which name no household and
 * carry a random id, so nothing ties a choice to a household but the order rows were written in.
 */

export const voteRow = (v: VoteRecord): VoteRow =>
  defined({
    id: v.id,
    communityId: v.communityId,
    title: v.title,
    description: v.description,
    kind: v.kind,
    options: v.options.map((o) => ({ id: o.id, label: o.label })),
    scope: v.scope.kind === 'community' ? { kind: 'community' as const } : { kind: 'buildings' as const, buildingIds: [...v.scope.buildingIds] },
    quorumPercent: v.quorumPercent,
    majority: v.majority,
    publicityDays: v.publicityDays,
    proposalId: v.proposalId,
    convention: v.convention ? { id: v.convention.id, version: v.convention.version } : undefined,
    opensAt: instant(v.opensAt),
    closesAt: instant(v.closesAt),
    publishedAt: optionalInstant(v.publishedAt),
    publicityEndsAt: optionalInstant(v.publicityEndsAt),
    createdAt: instant(v.createdAt),
    createdById: v.createdById,
    createdByName: v.createdByName,
  })

export const receiptRow = (r: BallotReceipt): BallotReceipt =>
  defined({
    voteId: r.voteId,
    buildingId: r.buildingId,
    room: r.room,
    channel: r.channel,
    castById: r.castById,
    castByName: r.castByName,
    enteredById: r.enteredById,
    enteredByName: r.enteredByName,
    at: instant(r.at),
  })

const byHousehold = (a: HouseholdKey, b: HouseholdKey) => compareText(a.buildingId, b.buildingId) || compareText(a.room, b.room)

export function voteRepository(t: Tables, run: Run): VoteRepository {
  const find = (id: Id) => {
    const v = t.votes.get(id)
    return v ? copy(v) : null
  }
  const receiptOf = (voteId: Id, home: HouseholdKey) => t.receipts.get(tuple(voteId, home.buildingId, home.room))
  /** A ballot's id: random (never an order a receipt could be matched with), unused. */
  const ballotId = () => {
    for (;;) {
      const id = `bal_${Math.random().toString(36).slice(2, 12)}${Math.random().toString(36).slice(2, 8)}`
      if (!t.ballots.has(id)) return id
    }
  }
  return {
    insert: (vote, roll) =>
      run(() => {
        mustExist(t.communities, vote.communityId)
        mustExist(t.users, vote.createdById)
        mustExist(t.proposals, vote.proposalId)
        mustExist(t.conventions, vote.convention?.id)
        t.votes.insert(voteRow(vote))
        for (const h of roll) {
          mustExist(t.buildings, h.buildingId)
          // Each household once (ON CONFLICT DO NOTHING).
          const key = tuple(vote.id, h.buildingId, h.room)
          if (!t.voteRoll.has(key)) t.voteRoll.insert({ voteId: vote.id, buildingId: h.buildingId, room: h.room })
        }
      }),
    find: (id) => run(() => find(id)),
    // The mutex serialises every unit of work: holding the vote is holding the store.
    findForUpdate: (id) => run(() => find(id)),
    list: (communityId, cursor, limit) =>
      run(() => {
        const after = normalizeKeyset(cursor)
        return t.votes
          .rows()
          .filter((v) => v.communityId === communityId && beforeKeyset(v, after))
          .slice()
          .sort(newestFirst)
          .slice(0, Math.max(0, limit))
          .map(copy)
      }),
    listOpen: (communityId, now) =>
      run(() => {
        const at = instant(now)
        return t.votes
          .rows()
          .filter((v) => v.communityId === communityId && v.publishedAt === undefined && compareText(v.closesAt, at) > 0)
          .slice()
          .sort((a, b) => compareText(a.closesAt, b.closesAt) || compareText(a.id, b.id))
          .map(copy)
      }),
    counts: (voteIds) =>
      run(() => {
        const counts = new Map<Id, { eligible: number; voted: number }>()
        for (const id of new Set(voteIds)) if (t.votes.has(id)) counts.set(id, { eligible: 0, voted: 0 })
        for (const r of t.voteRoll.rows()) {
          const c = counts.get(r.voteId)
          if (c) c.eligible++
        }
        for (const r of t.receipts.rows()) {
          const c = counts.get(r.voteId)
          if (c) c.voted++
        }
        return counts
      }),
    isOnRoll: (voteId, home) => run(() => t.voteRoll.has(tuple(voteId, home.buildingId, home.room))),
    onRolls: (voteIds, home) =>
      run(() => new Set([...new Set(voteIds)].filter((id) => t.voteRoll.has(tuple(id, home.buildingId, home.room))))),
    listRoll: (voteId) =>
      run(() =>
        t.voteRoll
          .rows()
          .filter((r) => r.voteId === voteId)
          .slice()
          .sort(byHousehold)
          .map((r) => {
            const receipt = receiptOf(voteId, r)
            return { buildingId: r.buildingId, room: r.room, ...(receipt ? { receipt: copy(receipt) } : {}) }
          }),
      ),
    cast: (receipt, optionId) =>
      run(() => {
        // The household's primary key on receipts: the first ballot stands, and only it is counted.
        // The option is the service's to check (as the SQL store, which stores it unchecked).
        if (receiptOf(receipt.voteId, receipt)) return false
        mustExist(t.votes, receipt.voteId)
        mustExist(t.buildings, receipt.buildingId)
        mustExist(t.users, receipt.castById)
        mustExist(t.users, receipt.enteredById)
        t.receipts.insert(receiptRow(receipt))
        t.ballots.insert({ id: ballotId(), voteId: receipt.voteId, optionId })
        return true
      }),
    findReceipt: (voteId, home) =>
      run(() => {
        const r = receiptOf(voteId, home)
        return r ? copy(r) : null
      }),
    findReceipts: (voteIds, home) =>
      run(() => {
        const found = new Map<Id, BallotReceipt>()
        for (const id of new Set(voteIds)) {
          const r = receiptOf(id, home)
          if (r) found.set(id, copy(r))
        }
        return found
      }),
    tally: (voteId) =>
      run(() => {
        const counts = new Map<Id, number>()
        for (const b of t.ballots.rows()) if (b.voteId === voteId) counts.set(b.optionId, (counts.get(b.optionId) ?? 0) + 1)
        const paper = t.receipts.rows().filter((r) => r.voteId === voteId && r.channel === 'paper').length
        return { counts, paper }
      }),
    tallies: (voteIds) =>
      run(() => {
        const tallies = new Map<Id, { counts: Map<Id, number>; paper: number }>()
        for (const id of new Set(voteIds)) if (t.votes.has(id)) tallies.set(id, { counts: new Map(), paper: 0 })
        for (const b of t.ballots.rows()) {
          const tally = tallies.get(b.voteId)
          if (tally) tally.counts.set(b.optionId, (tally.counts.get(b.optionId) ?? 0) + 1)
        }
        for (const r of t.receipts.rows()) {
          const tally = tallies.get(r.voteId)
          if (tally && r.channel === 'paper') tally.paper++
        }
        return tallies
      }),
    subjects: (voteIds) =>
      run(() => {
        const subjects = new Map<Id, { proposalTitle?: string; conventionTitle?: string }>()
        for (const id of new Set(voteIds)) {
          const v = t.votes.get(id)
          if (!v || (v.proposalId === undefined && v.convention === undefined)) continue
          const proposal = v.proposalId !== undefined ? t.proposals.get(v.proposalId) : undefined
          const convention = v.convention ? t.conventions.get(v.convention.id) : undefined
          subjects.set(id, defined({ proposalTitle: proposal?.title, conventionTitle: convention?.title }))
        }
        return subjects
      }),
    markPublished: (id, at, publicityEndsAt) =>
      run(() => {
        const v = t.votes.get(id)
        if (v) t.votes.replace(voteRow({ ...v, publishedAt: at, publicityEndsAt }))
      }),
  }
}
