import type { DemoAccount, Id } from '../../../../types/domain'
import type { ContactRecord, Home, UserRepository } from '../../../core/ports'
import { compareCodePoints as compareText } from '../../../domain/inbox'
import { dialablePhone } from '../../../domain/text'
import { instant, toUser, type UserRow } from '../rows'
import { mustExist, type Run, type Tables } from '../tables'

/**
 * The memory store's UserRepository: the people of each community, demo accounts and WeChat users
 * among them.
 */

/** Users in the order they were set up (created_at, id). */
function bySetup(a: UserRow, b: UserRow): number {
  return compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id)
}

const livesAt = (u: UserRow, communityId: Id, household: Home | undefined) =>
  Boolean(household && u.communityId === communityId && u.home && u.home.buildingId === household.buildingId && u.home.room === household.room)

export function userRepository(t: Tables, run: Run): UserRepository {
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
        mustExist(t.communities, input.communityId)
        const row: UserRow = {
          id: input.id,
          communityId: input.communityId,
          name: input.name,
          phone: '',
          roles: ['resident'],
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
    findResidentAt: (communityId, household) =>
      run(() => {
        const first = t.users
          .rows()
          .filter((u) => livesAt(u, communityId, household))
          .sort(bySetup)[0]
        return first ? toUser(first) : null
      }),
    listResidents: (communityId) =>
      run(() =>
        t.users
          .rows()
          .filter((u) => u.communityId === communityId && u.home)
          .sort((a, b) => compareText(a.id, b.id))
          .map((u) => ({ id: u.id, home: { buildingId: u.home!.buildingId, room: u.home!.room } })),
      ),
    listHandlers: (communityId) =>
      run(() =>
        t.users
          .rows()
          .filter((u) => u.communityId === communityId && (u.roles.includes('staff') || u.roles.includes('grid_worker')))
          .sort(bySetup)
          .map(toUser),
      ),
    findFollowers: (report) =>
      run(() => {
        const ids = [report.reporterId, report.filedBy?.id].filter(Boolean)
        return t.users
          .rows()
          .filter((u) => ids.includes(u.id) || livesAt(u, report.communityId, report.beneficiary))
          .sort(bySetup)
          .map((u) => ({ id: u.id, ...(u.openid ? { openid: u.openid } : {}) }))
      }),
    findContact: (report) =>
      run(() => {
        const relation = (u: UserRow): ContactRecord['relation'] | null =>
          u.id === report.reporterId ? 'reporter' : u.id === report.filedBy?.id ? 'filer' : livesAt(u, report.communityId, report.beneficiary) ? 'household' : null
        const rank: Record<ContactRecord['relation'], number> = { reporter: 0, household: 1, filer: 2 }
        const best = t.users
          .rows()
          .filter((u) => dialablePhone(u.phone) !== null && relation(u) !== null)
          .sort((a, b) => rank[relation(a)!] - rank[relation(b)!] || bySetup(a, b))[0]
        return best ? { id: best.id, name: best.name, phone: best.phone, relation: relation(best)! } : null
      }),
  }
}
