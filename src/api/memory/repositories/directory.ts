import type { Category, Community, CommunitySummary, Id, Street } from '../../../../types/domain'
import type { CommunityRecord, CommunitySetup, DirectoryRepository } from '../../../core/ports'
import { compareCodePoints as compareText } from '../../../domain/inbox'
import { roomKey, type StructurePlan, type StructureUsage } from '../../../domain/structure'
import { copy, defined, instant, type CommunityRow, type UserRow } from '../rows'
import { mustExist, type Run, type Tables } from '../tables'

/**
 * The memory store's DirectoryRepository: streets and their communities as set up, with their
 * grids, buildings, departments, categories and reply templates (each in its place: the SQL's
 * `position`), and the people set up with them.
 */

/** The structure's tables, as saveStructure writes them. */
type Plan = Pick<StructurePlan, 'target' | 'removed'>

/** In the community's order: position, then id (as the SQL's ORDER BY position, id). */
const byPosition = (a: { position: number; id: string }, b: { position: number; id: string }) => a.position - b.position || compareText(a.id, b.id)

/** By name, then id, in code-point order. */
const byName = (a: { name: string; id: string }, b: { name: string; id: string }) => compareText(a.name, b.name) || compareText(a.id, b.id)

export function directoryRepository(t: Tables, run: Run): DirectoryRepository {
  const inCommunity = <Row extends { communityId: Id; position: number; id: string }>(rows: readonly Row[], communityId: Id) =>
    rows.filter((r) => r.communityId === communityId).sort(byPosition)
  const streetName = (c: CommunityRow) => t.streets.get(c.streetId)?.name ?? ''
  const community = (c: CommunityRow): Community => ({ id: c.id, name: c.name, kind: c.kind, district: c.district, streetId: c.streetId, streetName: streetName(c) })
  const record = (c: CommunityRow): CommunityRecord => ({ ...community(c), reportPrefix: c.reportPrefix, joinCode: c.joinCode })
  const summary = (c: CommunityRow): CommunitySummary => ({ id: c.id, name: c.name, kind: c.kind, district: c.district, streetName: streetName(c) })

  /** Insert or update a street by id; (district, name) is unique, as the SQL's index. */
  function saveStreet(street: Street, at: string): void {
    const clash = t.streets.rows().find((s) => s.id !== street.id && s.district === street.district && s.name === street.name)
    if (clash) throw new Error(`memory store: duplicate key streets(district, name) ${street.district} ${street.name}`)
    const existing = t.streets.get(street.id)
    t.streets.upsert({ id: street.id, name: street.name, district: street.district, createdAt: existing?.createdAt ?? instant(at) })
  }

  /** The unique indexes of communities: upper(join_code), report_prefix, (street_id, name). */
  function checkCommunity(row: CommunityRow): void {
    for (const other of t.communities.rows()) {
      if (other.id === row.id) continue
      if (other.joinCode.toUpperCase() === row.joinCode.toUpperCase()) throw new Error(`memory store: duplicate key communities(join_code) ${row.joinCode}`)
      if (other.reportPrefix === row.reportPrefix) throw new Error(`memory store: duplicate key communities(report_prefix) ${row.reportPrefix}`)
      if (other.streetId === row.streetId && other.name === row.name) throw new Error(`memory store: duplicate key communities(street_id, name) ${row.name}`)
    }
  }

  /** Names are unique within a community (grids, buildings, departments, categories), as the SQL's indexes. */
  function checkNames(communityId: Id): void {
    for (const rows of [t.grids.rows(), t.buildings.rows(), t.departments.rows(), t.categories.rows()] as ReadonlyArray<ReadonlyArray<{ communityId: Id; name: string }>>) {
      const seen = new Set<string>()
      for (const r of rows) {
        if (r.communityId !== communityId) continue
        if (seen.has(r.name)) throw new Error(`memory store: duplicate name ${r.name} in community ${communityId}`)
        seen.add(r.name)
      }
    }
  }

  /** Write the structure's rows (each by id, in the target's order), then delete the removed ones. */
  function writeStructure(communityId: Id, plan: Plan): void {
    const { target, removed } = plan
    /** Insert or update by id; a row of another community with that id stays as it is (the SQL's ON CONFLICT … WHERE). */
    const put = <Row extends { id: string; communityId: Id }>(rows: { get(id: string): Row | undefined; upsert(row: Row): void }, row: Row) => {
      const existing = rows.get(row.id)
      if (!existing || existing.communityId === communityId) rows.upsert(row)
    }
    target.grids.forEach((g, position) => put(t.grids, { id: g.id, communityId, name: g.name, position }))
    target.buildings.forEach((b, position) => {
      mustExist(t.grids, b.gridId)
      put(t.buildings, { id: b.id, communityId, gridId: b.gridId, name: b.name, rooms: [...b.rooms], position })
    })
    target.departments.forEach((d, position) => put(t.departments, { id: d.id, communityId, name: d.name, position }))
    target.categories.forEach((c, position) => {
      const deadlineHours = Number(c.deadlineHours)
      if (!(deadlineHours > 0)) throw new Error(`memory store: a category's deadline must be positive (${c.id})`)
      put(
        t.categories,
        defined({
          id: c.id,
          communityId,
          name: c.name,
          guidance: c.guidance ?? '',
          deadlineHours,
          emergency: c.emergency?.phone ? { phone: c.emergency.phone, message: c.emergency.message ?? '' } : undefined,
          position,
        }),
      )
    })
    target.replyTemplates.forEach((r, position) => put(t.replyTemplates, { id: r.id, communityId, title: r.title, text: r.text, position }))

    // Deletes, refused (as the SQL's foreign keys refuse them) while a row still points at the row.
    const refuse = (table: string, id: Id, by: string) => {
      throw new Error(`memory store: ${table} row ${id} is still referenced by ${by}`)
    }
    const mine = <Row extends { id: string; communityId: Id }>(rows: { get(id: string): Row | undefined }, id: Id) => rows.get(id)?.communityId === communityId
    for (const id of removed.replyTemplateIds) if (mine(t.replyTemplates, id)) t.replyTemplates.remove(id)
    for (const id of removed.categoryIds) {
      if (!mine(t.categories, id)) continue
      if (t.reports.rows().some((r) => r.categoryId === id)) refuse('categories', id, 'reports')
      t.categories.remove(id)
    }
    for (const id of removed.departmentIds) if (mine(t.departments, id)) t.departments.remove(id)
    for (const id of removed.buildingIds) {
      if (!mine(t.buildings, id)) continue
      if (t.reports.rows().some((r) => r.buildingId === id || r.beneficiary?.buildingId === id)) refuse('buildings', id, 'reports')
      if (t.users.rows().some((u) => u.home?.buildingId === id)) refuse('buildings', id, 'users')
      if (t.claims.rows().some((c) => c.buildingId === id)) refuse('buildings', id, 'household_claims')
      t.buildings.remove(id)
    }
    for (const id of removed.gridIds) {
      if (!mine(t.grids, id)) continue
      if (t.buildings.rows().some((b) => b.gridId === id)) refuse('grids', id, 'buildings')
      if (t.reports.rows().some((r) => r.gridId === id)) refuse('grids', id, 'reports')
      t.grids.remove(id)
    }
    checkNames(communityId)
  }

  return {
    createCommunity: (setup: CommunitySetup, at: string) =>
      run(() => {
        const c = setup.community
        if (t.communities.has(c.id)) return false
        const createdAt = instant(at)
        // The street may exist already (another of its communities): kept as it is.
        if (!t.streets.has(setup.street.id)) saveStreet(setup.street, createdAt)
        const row: CommunityRow = {
          id: c.id,
          name: c.name,
          kind: c.kind,
          district: c.district,
          streetId: setup.street.id,
          joinCode: setup.joinCode,
          reportPrefix: setup.reportPrefix,
          reportSeq: 0,
          createdAt,
        }
        checkCommunity(row)
        t.communities.insert(row)
        setup.grids.forEach((g, position) => t.grids.insert({ id: g.id, communityId: c.id, name: g.name, position }))
        setup.buildings.forEach((b, position) => {
          mustExist(t.grids, b.gridId)
          t.buildings.insert({ id: b.id, communityId: c.id, gridId: b.gridId, name: b.name, rooms: [...b.rooms], position })
        })
        setup.departments.forEach((d, position) => t.departments.insert({ id: d.id, communityId: c.id, name: d.name, position }))
        setup.categories.forEach((k, position) => {
          if (!(Number(k.deadlineHours) > 0)) throw new Error(`memory store: a category's deadline must be positive (${k.id})`)
          t.categories.insert(
            defined({
              id: k.id,
              communityId: c.id,
              name: k.name,
              guidance: k.guidance ?? '',
              deadlineHours: Number(k.deadlineHours),
              emergency: k.emergency?.phone ? { phone: k.emergency.phone, message: k.emergency.message ?? '' } : undefined,
              position,
            }),
          )
        })
        setup.replyTemplates.forEach((r, position) => t.replyTemplates.insert({ id: r.id, communityId: c.id, title: r.title, text: r.text, position }))
        checkNames(c.id)
        // The first person set up in a household is its representative (户代表).
        const households = new Set<string>()
        setup.people.forEach((p, i) => {
          mustExist(t.buildings, p.home ? p.home.buildingId : undefined)
          mustExist(t.streets, p.streetId)
          // The order they were set up in: one second apart (as the SQL store records them).
          const since = new Date(Date.parse(createdAt) + i * 1000).toISOString()
          const outside = p.outside === true
          const household = p.home && !outside ? roomKey(p.home.buildingId, p.home.room) : null
          const representative = household !== null && !households.has(household)
          if (household) households.add(household)
          const row: UserRow = {
            ...defined({
              id: p.id,
              streetId: p.streetId,
              name: p.name,
              phone: p.phone ?? '',
              roles: [...p.roles],
              home: p.home ? { buildingId: p.home.buildingId, room: p.home.room } : undefined,
              homeSince: p.home ? since : undefined,
              representative,
              gridIds: [...p.gridIds],
              leadsBuildingIds: [...p.leadsBuildingIds],
              description: p.description ?? '',
              demo: p.description !== undefined,
              createdAt: since,
            }),
            communityId: outside ? null : c.id,
          }
          t.users.insert(row)
        })
        return true
      }),
    findCommunity: (id) =>
      run(() => {
        const c = t.communities.get(id)
        return c ? community(c) : null
      }),
    findCommunityRecord: (id) =>
      run(() => {
        const c = t.communities.get(id)
        return c ? record(c) : null
      }),
    findCommunityByName: (district, name, communityName) =>
      run(() => {
        const street = t.streets.rows().find((s) => s.district === district && s.name === name)
        const c = street ? t.communities.rows().find((x) => x.streetId === street.id && x.name === communityName) : undefined
        return c ? record(c) : null
      }),
    findCommunityByCode: (code) =>
      run(() => {
        const wanted = String(code).toUpperCase()
        const c = t.communities.rows().find((x) => x.joinCode.toUpperCase() === wanted)
        return c ? summary(c) : null
      }),
    findCommunityByPrefix: (prefix) => run(() => t.communities.rows().find((c) => c.reportPrefix === prefix)?.id ?? null),
    searchCommunities: (terms, limit) =>
      run(() => {
        if (terms.length === 0) return []
        const wanted = terms.map((term) => term.toLowerCase())
        return t.communities
          .rows()
          .filter((c) => {
            const name = c.name.toLowerCase()
            const street = streetName(c).toLowerCase()
            return wanted.every((term) => name.includes(term) || street.includes(term))
          })
          .sort(byName)
          .slice(0, Math.max(0, limit))
          .map(summary)
      }),
    findStreet: (id) =>
      run(() => {
        const s = t.streets.get(id)
        return s ? { id: s.id, name: s.name, district: s.district } : null
      }),
    findStreetByName: (district, name) =>
      run(() => {
        const s = t.streets.rows().find((x) => x.district === district && x.name === name)
        return s ? { id: s.id, name: s.name, district: s.district } : null
      }),
    listStreetCommunities: (streetId) =>
      run(() =>
        t.communities
          .rows()
          .filter((c) => c.streetId === streetId)
          .sort(byName)
          .map(community),
      ),
    saveCommunity: (r, street, at) =>
      run(() => {
        const when = instant(at)
        saveStreet(street, when)
        const existing = t.communities.get(r.id)
        const row: CommunityRow = existing
          ? { ...existing, name: r.name, kind: r.kind, district: r.district, streetId: street.id, reportPrefix: r.reportPrefix, joinCode: r.joinCode }
          : { id: r.id, name: r.name, kind: r.kind, district: r.district, streetId: street.id, joinCode: r.joinCode, reportPrefix: r.reportPrefix, reportSeq: 0, createdAt: when }
        checkCommunity(row)
        t.communities.upsert(row)
      }),
    structureUsage: (communityId) =>
      run((): StructureUsage => {
        const usage: StructureUsage = { gridIds: new Set(), buildingIds: new Set(), rooms: new Set(), categoryIds: new Map(), departmentIds: new Set() }
        for (const r of t.reports.rows()) {
          if (r.communityId !== communityId) continue
          usage.gridIds.add(r.gridId)
          if (r.buildingId) usage.buildingIds.add(r.buildingId)
          if (r.beneficiary) {
            usage.buildingIds.add(r.beneficiary.buildingId)
            usage.rooms.add(roomKey(r.beneficiary.buildingId, r.beneficiary.room))
          }
          usage.categoryIds.set(r.categoryId, (usage.categoryIds.get(r.categoryId) ?? 0) + 1)
          if (r.assignee?.kind === 'department') usage.departmentIds.add(r.assignee.id)
        }
        for (const u of t.users.rows()) {
          if (u.communityId !== communityId) continue
          for (const id of u.gridIds) usage.gridIds.add(id)
          for (const id of u.leadsBuildingIds) usage.buildingIds.add(id)
          if (u.home) {
            usage.buildingIds.add(u.home.buildingId)
            usage.rooms.add(roomKey(u.home.buildingId, u.home.room))
          }
        }
        // A claim of any status keeps its building (its foreign key holds it); only a pending or
        // approved one keeps its room (the others are history).
        for (const c of t.claims.rows()) {
          if (c.communityId !== communityId) continue
          usage.buildingIds.add(c.buildingId)
          if (c.status === 'pending' || c.status === 'approved') usage.rooms.add(roomKey(c.buildingId, c.room))
        }
        // A booking keeps the household it was made for (its building's foreign key holds it).
        for (const b of t.bookings.rows()) {
          if (b.communityId !== communityId) continue
          usage.buildingIds.add(b.buildingId)
          usage.rooms.add(roomKey(b.buildingId, b.room))
        }
        return usage
      }),
    saveStructure: (communityId, plan) =>
      run(() => {
        mustExist(t.communities, communityId)
        writeStructure(communityId, plan)
      }),
    listGrids: (communityId) => run(() => inCommunity(t.grids.rows(), communityId).map((g) => ({ id: g.id, communityId: g.communityId, name: g.name }))),
    listBuildings: (communityId) =>
      run(() => inCommunity(t.buildings.rows(), communityId).map((b) => ({ id: b.id, communityId: b.communityId, gridId: b.gridId, name: b.name, rooms: [...b.rooms] }))),
    findBuilding: (id) =>
      run(() => {
        const b = t.buildings.get(id)
        return b ? { id: b.id, communityId: b.communityId, gridId: b.gridId, name: b.name, rooms: [...b.rooms] } : null
      }),
    listDepartments: (communityId) => run(() => inCommunity(t.departments.rows(), communityId).map((d) => ({ id: d.id, communityId: d.communityId, name: d.name }))),
    listCategories: (communityId) =>
      run(() => inCommunity(t.categories.rows(), communityId).map(({ communityId: _, position: __, ...category }) => copy(category as Category))),
    listReplyTemplates: (communityId) =>
      run(() => inCommunity(t.replyTemplates.rows(), communityId).map((r) => ({ id: r.id, title: r.title, text: r.text }))),
  }
}
