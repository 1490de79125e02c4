import type { DemoAccount, HouseholdMember, Id, Member, Role } from '../../../../types/domain'
import type { ContactRecord, Home, UserRepository } from '../../../core/ports'
import { compareCodePoints as compareText } from '../../../domain/inbox'
import { dialablePhone, maskPhone } from '../../../domain/text'
import { instant, toUser, type UserRow } from '../rows'
import { mustExist, type Run, type Tables } from '../tables'

/**
 * The memory store's UserRepository: the people of each community (and those in none yet), demo
 * accounts and WeChat users among them, their households and roles.
 */

/** Users in the order they were set up (created_at, id). */
function bySetup(a: UserRow, b: UserRow): number {
  return compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id)
}

const livesAt = (u: UserRow, communityId: Id, household: Home | undefined) =>
  Boolean(household && u.communityId === communityId && u.home && u.home.buildingId === household.buildingId && u.home.room === household.room)

/** Not a deleted account (its row stays, anonymised, so reports keep a reporter); the lists leave those out. */
const live = (u: UserRow) => !u.deletedAt

/** A copy of the row with `change` applied, absent optional fields left out (as a row is kept). */
function changed(u: UserRow, change: Partial<UserRow>): UserRow {
  const next = { ...u, ...change } as Record<string, unknown>
  for (const key of Object.keys(next)) if (next[key] === undefined || (next[key] === null && key !== 'communityId')) delete next[key]
  return next as unknown as UserRow
}

/** The roles `listMembers` lists: staff, grid workers, building leaders, admins (not street officers: they serve a street). */
const MEMBER_ROLES: readonly Role[] = ['staff', 'grid_worker', 'building_leader', 'admin']
const serves = (u: UserRow) => u.roles.some((r) => MEMBER_ROLES.includes(r))

export function userRepository(t: Tables, run: Run): UserRepository {
  /**
   * Write a user row; an unknown id writes nothing (as an UPDATE of no row, whose foreign keys are
   * then not checked either: `change` checks them).
   */
  const update = (id: Id, change: (u: UserRow) => Partial<UserRow>) => {
    const u = t.users.get(id)
    if (u) t.users.replace(changed(u, change(u)))
  }
  return {
    find: (id) =>
      run(() => {
        const u = t.users.get(id)
        return u ? toUser(u) : null
      }),
    findDemo: (id) =>
      run(() => {
        const u = t.users.get(id)
        return u && u.demo ? toUser(u) : null
      }),
    listDemoAccounts: () =>
      run(() =>
        t.users
          .rows()
          .filter((u) => u.demo)
          .sort(bySetup)
          .map((u): DemoAccount => ({ userId: u.id, name: u.name, roles: [...u.roles], description: u.description })),
      ),
    upsertWeChatUser: (input) =>
      run(() => {
        const existing = t.users.rows().find((u) => u.openid === input.openid)
        if (existing) return toUser(existing)
        const row: UserRow = {
          id: input.id,
          communityId: null,
          name: input.name,
          phone: '',
          roles: ['resident'],
          representative: false,
          gridIds: [],
          leadsBuildingIds: [],
          description: '',
          demo: false,
          openid: input.openid,
          createdAt: instant(input.at),
        }
        t.users.insert(row)
        return toUser(row)
      }),
    setCommunity: (userId, communityId) =>
      run(() => {
        update(userId, () => {
          mustExist(t.communities, communityId)
          return { communityId }
        })
      }),
    grantRole: (userId, grant) =>
      run(() => {
        const add = (list: readonly Id[], more: readonly Id[]) => [...list, ...more.filter((id, i) => !list.includes(id) && more.indexOf(id) === i)]
        update(userId, (u) => {
          // The community is written (and checked) only for someone in none.
          if (u.communityId === null || u.communityId === undefined) mustExist(t.communities, grant.communityId)
          return {
            roles: u.roles.includes(grant.role) ? [...u.roles] : [...u.roles, grant.role],
            gridIds: add(u.gridIds, grant.gridIds),
            leadsBuildingIds: add(u.leadsBuildingIds, grant.buildingIds),
            communityId: u.communityId ?? grant.communityId,
          }
        })
      }),
    grantStreet: (userId, streetId) =>
      run(() => {
        mustExist(t.streets, streetId)
        update(userId, (u) => ({ roles: u.roles.includes('street_staff') ? [...u.roles] : [...u.roles, 'street_staff'], streetId }))
      }),
    revokeRole: (userId, role) =>
      run(() => {
        update(userId, (u) => ({
          roles: u.roles.filter((r) => r !== role),
          gridIds: role === 'grid_worker' ? [] : [...u.gridIds],
          leadsBuildingIds: role === 'building_leader' ? [] : [...u.leadsBuildingIds],
          ...(role === 'street_staff' ? { streetId: undefined } : {}),
        }))
      }),
    setHome: (userId, home, at, contact) =>
      run(() => {
        if (home) {
          update(userId, () => {
            mustExist(t.buildings, home.buildingId)
            return {
              home: { buildingId: home.buildingId, room: home.room },
              homeSince: instant(at),
              // Not the representative of the new household until chosen.
              representative: false,
              ...(contact ? { name: contact.name, phone: contact.phone } : {}),
            }
          })
        } else {
          update(userId, () => ({ home: undefined, homeSince: undefined, representative: false }))
        }
      }),
    updateContact: (userId, contact) =>
      run(() => {
        update(userId, () => ({
          ...(contact.name !== undefined ? { name: contact.name } : {}),
          ...(contact.phone !== undefined ? { phone: contact.phone } : {}),
        }))
      }),
    findPhone: (userId) => run(() => t.users.get(userId)?.phone ?? null),
    listHousehold: (communityId, home) =>
      run(() =>
        t.users
          .rows()
          .filter((u) => livesAt(u, communityId, home) && live(u))
          .sort((a, b) => compareText(a.homeSince ?? '', b.homeSince ?? '') || compareText(a.id, b.id))
          .map(
            (u): HouseholdMember => ({ userId: u.id, name: u.name, phoneMasked: maskPhone(u.phone), representative: u.representative === true, since: u.homeSince ?? u.createdAt }),
          ),
      ),
    // The store's one mutex already serialises every transaction.
    lockHousehold: () => run(() => undefined),
    setRepresentative: (communityId, home, userId) =>
      run(() => {
        for (const u of t.users.rows().filter((x) => livesAt(x, communityId, home))) {
          const representative = u.id === userId
          if (u.representative !== representative) t.users.replace({ ...u, representative })
        }
      }),
    listMembers: (communityId) =>
      run(() =>
        t.users
          .rows()
          .filter((u) => u.communityId === communityId && serves(u) && live(u))
          .sort(bySetup)
          .map(
            (u): Member => ({
              id: u.id,
              name: u.name,
              phoneMasked: maskPhone(u.phone),
              roles: [...u.roles],
              gridIds: [...u.gridIds],
              leadsBuildingIds: [...u.leadsBuildingIds],
              ...(u.home ? { home: { buildingId: u.home.buildingId, room: u.home.room } } : {}),
            }),
          ),
      ),
    findResidentAt: (communityId, household) =>
      run(() => {
        const first = t.users
          .rows()
          .filter((u) => livesAt(u, communityId, household) && live(u))
          .sort(bySetup)[0]
        return first ? toUser(first) : null
      }),
    listResidents: (communityId) =>
      run(() =>
        t.users
          .rows()
          .filter((u) => u.communityId === communityId && u.home && live(u))
          .sort((a, b) => compareText(a.id, b.id))
          .map((u) => ({ id: u.id, home: { buildingId: u.home!.buildingId, room: u.home!.room } })),
      ),
    listHandlers: (communityId) =>
      run(() =>
        t.users
          .rows()
          .filter((u) => u.communityId === communityId && (u.roles.includes('staff') || u.roles.includes('grid_worker')) && live(u))
          .sort(bySetup)
          .map(toUser),
      ),
    findFollowers: (report) =>
      run(() => {
        const ids = [report.reporterId, report.filedBy?.id].filter(Boolean)
        return t.users
          .rows()
          .filter((u) => (ids.includes(u.id) || livesAt(u, report.communityId, report.beneficiary)) && live(u))
          .sort(bySetup)
          .map((u) => ({ id: u.id, ...(u.openid ? { openid: u.openid } : {}) }))
      }),
    findRecipients: ({ userIds, communityId, homes = [] }) =>
      run(() =>
        t.users
          .rows()
          .filter((u) => (userIds.includes(u.id) || (communityId !== undefined && homes.some((h) => livesAt(u, communityId, h)))) && live(u))
          .sort(bySetup)
          .map((u) => ({ id: u.id, ...(u.openid ? { openid: u.openid } : {}) })),
      ),
    findContact: (report) =>
      run(() => {
        const relation = (u: UserRow): ContactRecord['relation'] | null =>
          u.id === report.reporterId ? 'reporter' : u.id === report.filedBy?.id ? 'filer' : livesAt(u, report.communityId, report.beneficiary) ? 'household' : null
        const rank: Record<ContactRecord['relation'], number> = { reporter: 0, household: 1, filer: 2 }
        const best = t.users
          .rows()
          .filter((u) => dialablePhone(u.phone) !== null && relation(u) !== null && live(u))
          .sort((a, b) => rank[relation(a)!] - rank[relation(b)!] || bySetup(a, b))[0]
        return best ? { id: best.id, name: best.name, phone: best.phone, relation: relation(best)! } : null
      }),
  }
}
