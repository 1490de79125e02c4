import type { Id } from '../../../../types/domain'
import type { InviteRecord, InviteRepository } from '../../../core/ports'
import { defined, instant, newestFirst, optionalInstant, type InviteRow } from '../rows'
import { mustExist, type Run, type Tables } from '../tables'

/** The memory store's InviteRepository: one-time invitations to a role, one per code. */

/** An invite as answered: optional fields absent, `createdById` null when its author is gone. */
function record(r: InviteRow): InviteRecord {
  return {
    ...defined({
      id: r.id,
      communityId: r.communityId,
      code: r.code,
      role: r.role,
      gridIds: [...r.gridIds],
      buildingIds: [...r.buildingIds],
      note: r.note,
      createdByName: r.createdByName,
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      usedById: r.usedById,
      usedByName: r.usedByName,
      usedAt: r.usedAt,
      cancelledAt: r.cancelledAt,
    }),
    createdById: r.createdById ?? null,
  }
}

export function inviteRepository(t: Tables, run: Run): InviteRepository {
  const find = (id: Id) => {
    const r = t.invites.get(id)
    return r ? record(r) : null
  }
  const update = (id: Id, change: Partial<InviteRow>) => {
    const r = t.invites.get(id)
    if (r) t.invites.replace({ ...r, ...change })
  }
  return {
    insert: (invite) =>
      run(() => {
        // ON CONFLICT DO NOTHING: its code (or id) taken.
        if (t.invites.has(invite.id) || t.invites.rows().some((r) => r.code === invite.code)) return false
        mustExist(t.communities, invite.communityId)
        mustExist(t.users, invite.createdById)
        mustExist(t.users, invite.usedById)
        t.invites.insert({
          ...defined({
            id: invite.id,
            communityId: invite.communityId,
            code: invite.code,
            role: invite.role,
            gridIds: [...invite.gridIds],
            buildingIds: [...invite.buildingIds],
            note: invite.note ?? '',
            createdByName: invite.createdByName,
            createdAt: instant(invite.createdAt),
            expiresAt: instant(invite.expiresAt),
            usedById: invite.usedById,
            usedByName: invite.usedByName,
            usedAt: optionalInstant(invite.usedAt),
            cancelledAt: optionalInstant(invite.cancelledAt),
          }),
          createdById: invite.createdById ?? null,
        })
        return true
      }),
    find: (id) => run(() => find(id)),
    // The mutex serialises every unit of work: holding the invite is holding the store.
    findByCodeForUpdate: (code) =>
      run(() => {
        const r = t.invites.rows().find((x) => x.code === code)
        return r ? record(r) : null
      }),
    list: (communityId, limit) =>
      run(() =>
        t.invites
          .rows()
          .filter((r) => r.communityId === communityId)
          .sort(newestFirst)
          .slice(0, Math.max(0, limit))
          .map(record),
      ),
    markUsed: (id, by, at) =>
      run(() => {
        if (t.invites.has(id)) mustExist(t.users, by.id)
        update(id, { usedById: by.id, usedByName: by.name, usedAt: instant(at) })
      }),
    cancel: (id, at) =>
      run(() => {
        update(id, { cancelledAt: instant(at) })
      }),
  }
}
