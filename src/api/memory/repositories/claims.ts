import type { Id } from '../../../../types/domain'
import type { ClaimRecord, ClaimRepository, ClaimReviewFilter } from '../../../core/ports'
import { defined, instant, newestFirst, normalizeKeyset, oldestFirst, optionalInstant, type ClaimRow } from '../rows'
import { mustExist, type Run, type Tables } from '../tables'

/** The memory store's ClaimRepository: household claims (住户认证), one pending per person. */

/** A claim as answered: with its building's name (as the SQL joins it), optional fields absent. */
export const claimRecord = (t: Pick<Tables, 'buildings'>, c: ClaimRow): ClaimRecord =>
  defined({
    id: c.id,
    communityId: c.communityId,
    userId: c.userId,
    buildingId: c.buildingId,
    buildingName: t.buildings.get(c.buildingId)?.name ?? '',
    room: c.room,
    name: c.name,
    phone: c.phone,
    status: c.status,
    reason: c.reason,
    createdAt: c.createdAt,
    decidedAt: c.decidedAt,
    decidedById: c.decidedById,
    decidedByName: c.decidedByName,
  })

export function claimRepository(t: Tables, run: Run): ClaimRepository {
  const record = (c: ClaimRow) => claimRecord(t, c)
  const find = (id: Id) => {
    const c = t.claims.get(id)
    return c ? record(c) : null
  }
  return {
    insert: (claim) =>
      run(() => {
        // ON CONFLICT DO NOTHING: its id taken, or the person's one pending claim (the partial unique index).
        if (t.claims.has(claim.id)) return false
        if (claim.status === 'pending' && t.claims.rows().some((c) => c.userId === claim.userId && c.status === 'pending')) return false
        mustExist(t.communities, claim.communityId)
        mustExist(t.users, claim.userId)
        mustExist(t.buildings, claim.buildingId)
        mustExist(t.users, claim.decidedById)
        t.claims.insert(
          defined({
            id: claim.id,
            communityId: claim.communityId,
            userId: claim.userId,
            buildingId: claim.buildingId,
            room: claim.room,
            name: claim.name,
            phone: claim.phone,
            status: claim.status,
            reason: claim.reason,
            createdAt: instant(claim.createdAt),
            decidedAt: optionalInstant(claim.decidedAt),
            decidedById: claim.decidedById,
            decidedByName: claim.decidedByName,
          }),
        )
        return true
      }),
    find: (id) => run(() => find(id)),
    // The mutex serialises every unit of work: holding the claim is holding the store.
    findForUpdate: (id) => run(() => find(id)),
    listForUser: (userId) =>
      run(() =>
        t.claims
          .rows()
          .filter((c) => c.userId === userId)
          .sort(newestFirst)
          .map(record),
      ),
    listForReview: (filter: ClaimReviewFilter, cursor, limit) =>
      run(() => {
        const after = normalizeKeyset(cursor)
        return t.claims
          .rows()
          .filter(
            (c) =>
              c.communityId === filter.communityId &&
              c.status === filter.status &&
              (filter.buildingIds === 'all' || filter.buildingIds.includes(c.buildingId)) &&
              (!after || oldestFirst(after, c) < 0),
          )
          .sort(oldestFirst)
          .slice(0, Math.max(0, limit))
          .map(record)
      }),
    decide: (id, decision) =>
      run(() => {
        const c = t.claims.get(id)
        if (!c) return
        mustExist(t.users, decision.byId)
        const { reason: _r, decidedAt: _a, decidedById: _i, decidedByName: _n, ...rest } = c
        t.claims.replace(
          defined({
            ...rest,
            status: decision.status,
            reason: decision.reason,
            decidedAt: instant(decision.at),
            decidedById: decision.byId,
            decidedByName: decision.byName,
          }),
        )
      }),
  }
}
