import type { Category, Id } from '../../../../types/domain'
import type { CommunitySetup, DirectoryRepository } from '../../../core/ports'
import { compareCodePoints as compareText } from '../../../domain/inbox'
import { copy, defined, instant } from '../rows'
import { mustExist, type Run, type Tables } from '../tables'

/**
 * The memory store's DirectoryRepository: communities as set up, with their grids, buildings,
 * departments, categories and reply templates, and the people set up with them.
 */

export function directoryRepository(t: Tables, run: Run): DirectoryRepository {
  const inCommunity = <Row extends { communityId: Id }>(rows: readonly Row[], communityId: Id) => rows.filter((r) => r.communityId === communityId)
  return {
    createCommunity: (setup: CommunitySetup, at: string) =>
      run(() => {
        const { community } = setup
        if (t.communities.has(community.id)) return false
        const createdAt = instant(at)
        t.communities.insert({
          id: community.id,
          name: community.name,
          kind: community.kind,
          district: community.district,
          reportPrefix: setup.reportPrefix,
          reportSeq: 0,
          createdAt,
        })
        for (const g of setup.grids) t.grids.insert({ id: g.id, communityId: community.id, name: g.name })
        for (const b of setup.buildings) mustExist(t.grids, b.gridId)
        for (const b of setup.buildings) t.buildings.insert({ id: b.id, communityId: community.id, gridId: b.gridId, name: b.name, rooms: [...b.rooms] })
        for (const p of setup.people) mustExist(t.buildings, p.home ? p.home.buildingId : undefined)
        for (const d of setup.departments) t.departments.insert({ id: d.id, communityId: community.id, name: d.name })
        for (const c of setup.categories) {
          t.categories.insert(
            defined({
              id: c.id,
              communityId: community.id,
              name: c.name,
              guidance: c.guidance ?? '',
              deadlineHours: Number(c.deadlineHours),
              emergency: c.emergency?.phone ? { phone: c.emergency.phone, message: c.emergency.message ?? '' } : undefined,
            }),
          )
        }
        for (const r of setup.replyTemplates) t.replyTemplates.insert({ id: r.id, communityId: community.id, title: r.title, text: r.text })
        setup.people.forEach((p, i) => {
          t.users.insert(
            defined({
              id: p.id,
              communityId: community.id,
              name: p.name,
              phone: p.phone ?? '',
              roles: [...p.roles],
              home: p.home ? { buildingId: p.home.buildingId, room: p.home.room } : undefined,
              gridIds: [...p.gridIds],
              leadsBuildingIds: [...p.leadsBuildingIds],
              description: p.description ?? '',
              demo: p.description !== undefined,
              // The order they were set up in: one second apart (as the SQL store records them).
              createdAt: new Date(Date.parse(createdAt) + i * 1000).toISOString(),
            }),
          )
        })
        return true
      }),
    findCommunity: (id) =>
      run(() => {
        const c = t.communities.get(id)
        return c ? { id: c.id, name: c.name, kind: c.kind, district: c.district } : null
      }),
    defaultCommunityId: () =>
      run(() => {
        const oldest = [...t.communities.rows()].sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id))[0]
        return oldest?.id ?? null
      }),
    listGrids: (communityId) => run(() => copy(inCommunity(t.grids.rows(), communityId))),
    listBuildings: (communityId) => run(() => copy(inCommunity(t.buildings.rows(), communityId))),
    findBuilding: (id) => run(() => copy(t.buildings.get(id) ?? null)),
    listDepartments: (communityId) => run(() => copy(inCommunity(t.departments.rows(), communityId))),
    listCategories: (communityId) =>
      run(() => inCommunity(t.categories.rows(), communityId).map(({ communityId: _, ...category }) => copy(category as Category))),
    listReplyTemplates: (communityId) =>
      run(() => inCommunity(t.replyTemplates.rows(), communityId).map((r) => ({ id: r.id, title: r.title, text: r.text }))),
  }
}
