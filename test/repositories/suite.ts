/**
 * The repository contract: what every Store of src/core/ports.ts answers — order, filters,
 * visibility, atomicity under concurrency, rollback — checked the same way on the memory store
 * (memory.test.ts) and the SQL store on PGlite and PostgreSQL (sql-pglite.test.ts, sql-postgres.test.ts). Fixtures are built
 * through the ports only (fixture.ts), so one fixture runs everywhere.
 *
 * Orders are stated as literal ids where a person can check them by eye, and as the domain's
 * comparator (compareInbox) over the fixture where the rule is the point.
 */
import type { Report, ReportStatus } from '../../types/domain'
import type {
  ClaimRecord,
  CommunityRecord,
  CommunitySetup,
  InboxFilter,
  InviteRecord,
  Keyset,
  NoticeKeyset,
  NoticeViewer,
  ReportOwner,
  Store,
  StoredNotice,
  ThreadRow,
  ThreadViewer,
} from '../../src/core/ports'
import { roomKey, type StructurePlan } from '../../src/domain/structure'
import { compareInbox, inboxPosition, type InboxPosition } from '../../src/domain/inbox'
import { dashboardFacts, type DashboardSpan } from '../../src/domain/dashboard'
import { computeReceipts } from '../../src/domain/notices'
import { isOverdue } from '../../src/domain/deadline'
import {
  at,
  buildReadFixture,
  communityFour,
  communityThree,
  EAST,
  FOUR,
  setUpAt,
  THREE,
  WEST,
  draftReport,
  finalReports,
  NOW,
  ONE,
  PEOPLE,
  setupOne,
  setupTwo,
  submitEvent,
  TWO,
} from './fixture'

export interface StoreUnderTest {
  store: Store
  teardown(): Promise<void>
}

const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id)
const byThread = (rows: ThreadRow[]) => [...rows].sort((a, b) => (a.threadId < b.threadId ? -1 : a.threadId > b.threadId ? 1 : 0))
const codePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const sorted = (values: Iterable<string>) => [...values].sort(codePoint)

/** A structure plan's target: a set-up's structure as it stands. */
const targetOf = (s: CommunitySetup): StructurePlan['target'] => ({
  grids: s.grids,
  buildings: s.buildings,
  departments: s.departments,
  categories: s.categories,
  replyTemplates: s.replyTemplates,
})
const NOTHING_REMOVED: StructurePlan['removed'] = { gridIds: [], buildingIds: [], departmentIds: [], categoryIds: [], replyTemplateIds: [] }

/** A claim as the household service stores it (u-grid1 for 1号楼 202, pending). */
const claim = (over: Partial<Omit<ClaimRecord, 'buildingName'>> & { id: string }): Omit<ClaimRecord, 'buildingName'> => ({
  communityId: ONE,
  userId: 'u-grid1',
  buildingId: 'b-1',
  room: '202',
  name: '孙丽',
  phone: '13800000002',
  status: 'pending',
  createdAt: at(1),
  ...over,
})

/** An invite as the invite service stores it (a grid worker's, by staff). */
const invite = (over: Partial<InviteRecord> & { id: string; code: string }): InviteRecord => ({
  communityId: ONE,
  role: 'grid_worker',
  gridIds: ['g-2', 'g-1'],
  buildingIds: [],
  note: '孙丽 · 第二网格',
  createdById: 'u-staff',
  createdByName: '张敏',
  createdAt: at(1),
  expiresAt: at(73),
  ...over,
})

export function defineRepositorySuite(name: string, setup: () => Promise<StoreUnderTest>): void {
  describe(`the repository contract: ${name}`, () => {
    // ── reads over one shared fixture ──────────────────────────────────────────────────────────

    describe('reads', () => {
      let sut: StoreUnderTest
      let store: Store
      let seqs: Map<string, number>
      const numbers = new Map<string, string>()

      beforeAll(async () => {
        sut = await setup()
        store = sut.store
        ;({ seqs } = await buildReadFixture(store))
        for (const r of finalReports()) numbers.set(r.id, (await store.reports.find(r.id))!.number)
        // Reads of notices and threads, and a few more timeline steps.
        await store.notices.markRead('n_pin', PEOPLE.res1.id, at(60))
        await store.notices.markRead('n_b1', PEOPLE.res1.id, at(61))
        await store.notices.markRead('n_b1', PEOPLE.res1.id, at(62))
        await store.notices.markRead('n_pinurg', PEOPLE.staff.id, at(60))
        await store.notices.markRead('n_b1', PEOPLE.leader.id, at(40))
        await store.messages.markRead(PEOPLE.res1.id, 'report:r_m1', at(30), seqs.get('m_02'))
        // Never backwards.
        await store.messages.markRead(PEOPLE.res1.id, 'report:r_m1', at(31), seqs.get('m_01'))
        await store.messages.markRead(PEOPLE.staff.id, 'general:u-res2', at(32))
        const step = (id: string, reportId: string, action: 'progress' | 'resolve', when: string) =>
          store.reports.addEvent({
            id,
            reportId,
            action,
            fromStatus: 'in_progress',
            toStatus: action === 'resolve' ? 'resolved' : 'in_progress',
            actorId: PEOPLE.grid1.id,
            actorName: PEOPLE.grid1.name,
            actorRole: 'grid_worker',
            at: when,
            photos: [],
            public: true,
          })
        await step('e_z', 'r_m1', 'progress', at(30))
        await step('e_a', 'r_m1', 'progress', at(30))
        await step('e_early', 'r_m1', 'progress', at(2))
        await step('e_res_f2', 'r_f2', 'resolve', at(50))
        await step('e_res_o3', 'r_o3', 'resolve', at(60))
        await step('e_res_x1', 'r_x1', 'resolve', at(60))
      }, 60_000)

      afterAll(async () => {
        await sut?.teardown()
      })

      describe('directory', () => {
        it('finds communities with their street', async () => {
          expect(await store.directory.findCommunity(ONE)).toEqual(setupOne().community)
          expect(await store.directory.findCommunity(THREE)).toEqual(communityThree())
          expect(await store.directory.findCommunity('c-none')).toBeNull()
        })

        it('finds a community’s record (code and report prefix) by id and by district, street and name (exactly)', async () => {
          const one = { ...setupOne().community, reportPrefix: 'ON', joinCode: 'QX7K2M' }
          expect(await store.directory.findCommunityRecord(ONE)).toEqual(one)
          expect(await store.directory.findCommunityRecord(FOUR)).toEqual({ ...communityFour(), reportPrefix: 'FR', joinCode: 'FOUR42' })
          expect(await store.directory.findCommunityRecord('c-none')).toBeNull()
          expect(await store.directory.findCommunityByName('无锡市锡山区', '东亭街道', '一号社区')).toEqual(one)
          expect(await store.directory.findCommunityByName('无锡市惠山区', '洛社镇', 'Sunny社区')).toEqual({ ...communityFour(), reportPrefix: 'FR', joinCode: 'FOUR42' })
          expect(await store.directory.findCommunityByName('无锡市锡山区', '东亭街道', 'Sunny社区')).toEqual({ ...communityThree(), reportPrefix: 'SN', joinCode: 'SUNNY7' })
          expect(await store.directory.findCommunityByName('无锡市惠山区', '东亭街道', '一号社区')).toBeNull()
          expect(await store.directory.findCommunityByName('无锡市锡山区', '洛社镇', '一号社区')).toBeNull()
          expect(await store.directory.findCommunityByName('无锡市锡山区', '东亭街道', 'sunny社区')).toBeNull()
          expect(await store.directory.findCommunityByName('无锡市锡山区', '东亭街道', '一号')).toBeNull()
        })

        it('finds a community by its code, whatever the case; by its report prefix, exactly', async () => {
          const summary = { id: ONE, name: '一号社区', kind: 'community', district: '无锡市锡山区东亭街道', streetName: '东亭街道' }
          expect(await store.directory.findCommunityByCode('QX7K2M')).toEqual(summary)
          expect(await store.directory.findCommunityByCode('qx7k2m')).toEqual(summary)
          expect(await store.directory.findCommunityByCode('Qx7k2M')).toEqual(summary)
          expect(await store.directory.findCommunityByCode('QX7K2')).toBeNull()
          expect(await store.directory.findCommunityByCode('QX7K2MM')).toBeNull()
          expect(await store.directory.findCommunityByCode('')).toBeNull()
          expect(await store.directory.findCommunityByPrefix('ON')).toBe(ONE)
          expect(await store.directory.findCommunityByPrefix('FR')).toBe(FOUR)
          expect(await store.directory.findCommunityByPrefix('on')).toBeNull()
          expect(await store.directory.findCommunityByPrefix('XX')).toBeNull()
        })

        it('searches communities: every term in the name or the street’s name, any case, by name then id (code points)', async () => {
          const search = async (terms: string[], limit = 20) => ids(await store.directory.searchCommunities(terms, limit))
          // 'Sunny社区' < '一号社区' < '二号村' in code points; two 'Sunny社区' tie: 'c-Four' < 'c-three'.
          expect(await search(['社区'])).toEqual([FOUR, THREE, ONE])
          expect(await search(['sunny'])).toEqual([FOUR, THREE])
          expect(await search(['SUNNY'])).toEqual([FOUR, THREE])
          expect(await search(['东亭'])).toEqual([THREE, ONE])
          expect(await search(['洛社'])).toEqual([FOUR, TWO])
          expect(await search(['sunny', '东亭'])).toEqual([THREE])
          expect(await search(['东亭', 'sunny'])).toEqual([THREE])
          expect(await search(['一号', '东亭街道'])).toEqual([ONE])
          expect(await search(['一号', '洛社'])).toEqual([])
          expect(await search(['村'])).toEqual([TWO])
          expect(await search(['社区'], 2)).toEqual([FOUR, THREE])
          // The street's name, not its district; and the terms are text, not patterns.
          expect(await search(['锡山'])).toEqual([])
          expect(await search(['%'])).toEqual([])
          expect(await search(['_'])).toEqual([])
          expect(await search(['社_'])).toEqual([])
          expect(await search(['%社区'])).toEqual([])
          expect(await search(['\\'])).toEqual([])
          expect(await store.directory.searchCommunities(['东亭'], 20)).toEqual([
            { id: THREE, name: 'Sunny社区', kind: 'community', district: '无锡市锡山区东亭街道', streetName: '东亭街道' },
            { id: ONE, name: '一号社区', kind: 'community', district: '无锡市锡山区东亭街道', streetName: '东亭街道' },
          ])
        })

        it('finds streets by id and by district and name; lists a street’s communities by name then id', async () => {
          expect(await store.directory.findStreet(EAST.id)).toEqual(EAST)
          expect(await store.directory.findStreet('s-none')).toBeNull()
          expect(await store.directory.findStreetByName('无锡市惠山区', '洛社镇')).toEqual(WEST)
          expect(await store.directory.findStreetByName('无锡市锡山区', '洛社镇')).toBeNull()
          expect(await store.directory.listStreetCommunities(EAST.id)).toEqual([communityThree(), setupOne().community])
          expect(await store.directory.listStreetCommunities(WEST.id)).toEqual([communityFour(), setupTwo().community])
          expect(await store.directory.listStreetCommunities('s-none')).toEqual([])
        })

        it('tells what a community’s records name: reports, homes, grid workers and leaders (structureUsage)', async () => {
          const usage = await store.directory.structureUsage(ONE)
          expect(sorted(usage.gridIds)).toEqual(['g-1', 'g-2'])
          expect(sorted(usage.buildingIds)).toEqual(['b-1', 'b-2'])
          // Homes (b-1/101, b-2/201, b-2/202) and the households reports were filed for (b-1/101, b-1/102, b-2/201).
          expect(sorted(usage.rooms)).toEqual(sorted([roomKey('b-1', '101'), roomKey('b-1', '102'), roomKey('b-2', '201'), roomKey('b-2', '202')]))
          const perCategory = new Map<string, number>()
          for (const r of finalReports().filter((x) => x.communityId === ONE)) perCategory.set(r.categoryId, (perCategory.get(r.categoryId) ?? 0) + 1)
          expect(new Map([...usage.categoryIds].sort(([a], [b]) => codePoint(a, b)))).toEqual(new Map([...perCategory].sort(([a], [b]) => codePoint(a, b))))
          expect(usage.categoryIds.get('cat-light')).toBe(15)
          expect(sorted(usage.departmentIds)).toEqual([])
          const two = await store.directory.structureUsage(TWO)
          expect([sorted(two.gridIds), sorted(two.buildingIds), sorted(two.rooms), [...two.categoryIds]]).toEqual([['g-x'], ['b-x'], [roomKey('b-x', '101')], [['cat-x', 1]]])
          const three = await store.directory.structureUsage(THREE)
          expect([three.gridIds.size, three.buildingIds.size, three.rooms.size, three.categoryIds.size, three.departmentIds.size]).toEqual([0, 0, 0, 0, 0])
        })

        it('lists a community’s structure in the order it was set up', async () => {
          expect(await store.directory.listGrids(ONE)).toEqual(setupOne().grids)
          expect(await store.directory.listBuildings(ONE)).toEqual(setupOne().buildings)
          expect(await store.directory.listBuildings(TWO)).toEqual(setupTwo().buildings)
          expect(await store.directory.findBuilding('b-1')).toEqual(setupOne().buildings[1])
          expect(await store.directory.findBuilding('b-none')).toBeNull()
          expect(await store.directory.listDepartments(ONE)).toEqual(setupOne().departments)
          expect(await store.directory.listDepartments(TWO)).toEqual([])
          expect(await store.directory.listReplyTemplates(ONE)).toEqual(setupOne().replyTemplates)
        })

        it('lists categories as set up (guidance, emergencies)', async () => {
          expect(await store.directory.listCategories(ONE)).toEqual(setupOne().categories)
          expect(await store.directory.listCategories(TWO)).toEqual(setupTwo().categories)
        })
      })

      describe('users', () => {
        it('finds a user with a masked phone', async () => {
          expect(await store.users.find(PEOPLE.res1.id)).toEqual({
            id: 'u-res1',
            name: '王秀兰',
            phoneMasked: '138****0004',
            roles: ['resident'],
            communityId: ONE,
            home: { buildingId: 'b-1', room: '101' },
            gridIds: [],
            leadsBuildingIds: [],
          })
          expect(await store.users.find(PEOPLE.grid1.id)).toEqual({
            id: 'u-grid1',
            name: '孙丽',
            phoneMasked: '138****0002',
            roles: ['grid_worker'],
            communityId: ONE,
            gridIds: ['g-1'],
            leadsBuildingIds: [],
          })
          expect((await store.users.find(PEOPLE.res1b.id))?.phoneMasked).toBe('***')
          expect(await store.users.find('u-none')).toBeNull()
        })

        it('tells demo accounts (people with a description) in the order they were set up', async () => {
          expect(await store.users.findDemo(PEOPLE.leader.id)).toEqual(await store.users.find(PEOPLE.leader.id))
          expect(await store.users.findDemo(PEOPLE.res2.id)).toBeNull()
          expect(await store.users.listDemoAccounts()).toEqual([
            { userId: 'u-staff', name: '张敏', roles: ['staff'], description: '社区工作者' },
            { userId: 'u-grid1', name: '孙丽', roles: ['grid_worker'], description: '第一网格网格员' },
            { userId: 'u-res1', name: '王秀兰', roles: ['resident'], description: '1号楼居民' },
            { userId: 'u-leader', name: '周桂芳', roles: ['resident', 'building_leader'], description: '1号楼楼栋长' },
          ])
        })

        it('sets up people from outside a community with none (a newcomer), or with their street (an officer)', async () => {
          expect(await store.users.find('u-new')).toEqual({ id: 'u-new', name: '新来的', phoneMasked: '137****0001', roles: ['resident'], communityId: null, gridIds: [], leadsBuildingIds: [] })
          expect(await store.users.find('u-street')).toEqual({
            id: 'u-street',
            name: '街道干部',
            phoneMasked: '137****0002',
            roles: ['street_staff'],
            communityId: null,
            streetId: EAST.id,
            gridIds: [],
            leadsBuildingIds: [],
          })
          expect(await store.users.listMembers(THREE)).toEqual([])
          expect(await store.users.listResidents(THREE)).toEqual([])
          expect(await store.users.listHandlers(THREE)).toEqual([])
        })

        it('finds a person’s full phone number: empty when none, null for nobody', async () => {
          expect(await store.users.findPhone(PEOPLE.res1.id)).toBe('13800000004')
          expect(await store.users.findPhone(PEOPLE.res1b.id)).toBe('')
          expect(await store.users.findPhone('u-none')).toBeNull()
        })

        it('lists a household’s members in the order they joined, the first set up its representative', async () => {
          expect(await store.users.listHousehold(ONE, { buildingId: 'b-1', room: '101' })).toEqual([
            { userId: 'u-res1', name: '王秀兰', phoneMasked: '138****0004', representative: true, since: setUpAt(ONE, 3) },
            { userId: 'u-Res1b', name: '王小明', phoneMasked: '***', representative: false, since: setUpAt(ONE, 6) },
          ])
          expect(await store.users.listHousehold(ONE, { buildingId: 'b-2', room: '202' })).toEqual([
            { userId: 'u-leader', name: '周桂芳', phoneMasked: '138****0005', representative: true, since: setUpAt(ONE, 4) },
          ])
          expect(await store.users.listHousehold(TWO, { buildingId: 'b-x', room: '101' })).toEqual([
            { userId: 'u-other', name: '钱多多', phoneMasked: '139****0009', representative: true, since: setUpAt(TWO, 0) },
          ])
          expect(await store.users.listHousehold(ONE, { buildingId: 'b-1', room: '102' })).toEqual([])
          expect(await store.users.listHousehold(TWO, { buildingId: 'b-1', room: '101' })).toEqual([])
        })

        it('lists the people with a role beyond resident (staff, grid workers, leaders, admins) in set-up order', async () => {
          expect(await store.users.listMembers(ONE)).toEqual([
            { id: 'u-staff', name: '张敏', phoneMasked: '138****0001', roles: ['staff'], gridIds: [], leadsBuildingIds: [] },
            { id: 'u-grid1', name: '孙丽', phoneMasked: '138****0002', roles: ['grid_worker'], gridIds: ['g-1'], leadsBuildingIds: [] },
            { id: 'u-grid2', name: '赵强', phoneMasked: '138****0003', roles: ['grid_worker'], gridIds: ['g-2'], leadsBuildingIds: [] },
            {
              id: 'u-leader',
              name: '周桂芳',
              phoneMasked: '138****0005',
              roles: ['resident', 'building_leader'],
              gridIds: [],
              leadsBuildingIds: ['b-1'],
              home: { buildingId: 'b-2', room: '202' },
            },
          ])
          expect(ids(await store.users.listMembers(TWO))).toEqual(['u-other'])
        })

        it('finds the first resident of a household, in its own community only', async () => {
          expect((await store.users.findResidentAt(ONE, { buildingId: 'b-1', room: '101' }))?.id).toBe('u-res1')
          expect(await store.users.findResidentAt(ONE, { buildingId: 'b-1', room: '102' })).toBeNull()
          expect(await store.users.findResidentAt(TWO, { buildingId: 'b-1', room: '101' })).toBeNull()
        })

        it('lists residents with a home by id (code points) and handlers in set-up order', async () => {
          expect(await store.users.listResidents(ONE)).toEqual([
            { id: 'u-Res1b', home: { buildingId: 'b-1', room: '101' } },
            { id: 'u-leader', home: { buildingId: 'b-2', room: '202' } },
            { id: 'u-res1', home: { buildingId: 'b-1', room: '101' } },
            { id: 'u-res2', home: { buildingId: 'b-2', room: '201' } },
          ])
          expect(ids(await store.users.listHandlers(ONE))).toEqual(['u-staff', 'u-grid1', 'u-grid2'])
          expect(ids(await store.users.listHandlers(TWO))).toEqual(['u-other'])
        })

        it('finds who follows a report: reporter, filer and household, in set-up order', async () => {
          const f1 = (await store.reports.find('r_f1'))!
          expect(await store.users.findFollowers(f1)).toEqual([{ id: 'u-res1' }, { id: 'u-leader' }, { id: 'u-Res1b' }])
          const h1 = (await store.reports.find('r_h1'))!
          expect(await store.users.findFollowers(h1)).toEqual([{ id: 'u-staff' }])
          const m1 = (await store.reports.find('r_m1'))!
          expect(await store.users.findFollowers(m1)).toEqual([{ id: 'u-res1' }])
        })

        it('finds whom to call about a report, with the full number: reporter, else household, else filer', async () => {
          const res1 = { id: 'u-res1', name: '王秀兰', phone: '13800000004' }
          // The reporter, also when a household and a filer are there (r_f1: 代报 by the leader for res1's home).
          expect(await store.users.findContact((await store.reports.find('r_m1'))!)).toEqual({ ...res1, relation: 'reporter' })
          expect(await store.users.findContact((await store.reports.find('r_f1'))!)).toEqual({ ...res1, relation: 'reporter' })
          // Nobody registered in the household (r_h1): its filer.
          expect(await store.users.findContact((await store.reports.find('r_h1'))!)).toEqual({ id: 'u-staff', name: '张敏', phone: '13800000001', relation: 'filer' })
          // A reporter with no number (u-Res1b): the household's first resident with one, before the filer.
          const household = { buildingId: 'b-1', room: '101' }
          expect(await store.users.findContact({ communityId: ONE, reporterId: 'u-Res1b', beneficiary: household, filedBy: { id: 'u-leader', name: '周桂芳' } })).toEqual({
            ...res1,
            relation: 'household',
          })
          // Nobody with a number: null. A household is looked for in the report's community only.
          expect(await store.users.findContact({ communityId: ONE, reporterId: 'u-Res1b' })).toBeNull()
          expect(await store.users.findContact({ communityId: ONE, reporterId: 'home:b-1:102', beneficiary: { buildingId: 'b-1', room: '102' } })).toBeNull()
          expect(await store.users.findContact({ communityId: TWO, reporterId: 'home:b-1:101', beneficiary: household })).toBeNull()
          expect(await store.users.findContact({ communityId: TWO, reporterId: 'home:b-1:101', beneficiary: household, filedBy: { id: 'u-other', name: '钱多多' } })).toEqual({
            id: 'u-other',
            name: '钱多多',
            phone: '13900000009',
            relation: 'filer',
          })
        })
      })

      describe('reports: one report', () => {
        it('answers a report as stored: photos by id, optional fields absent', async () => {
          const [f2] = finalReports().filter((r) => r.id === 'r_f2')
          expect(await store.reports.find('r_f2')).toEqual({ ...f2, number: numbers.get('r_f2'), updatedAt: at(99) })
          const m2 = (await store.reports.find('r_m2'))!
          expect(m2.photos).toEqual([
            { id: 'p_one', url: '' },
            { id: 'p_two', url: '' },
          ])
          expect(Object.keys(m2).sort()).toEqual(
            Object.keys(draftReport({ id: 'x' }))
              .filter((k) => k !== 'filedBy' && k !== 'beneficiary')
              .sort(),
          )
          expect(await store.reports.find('r_none')).toBeNull()
          expect(await store.reports.findForUpdate('r_f2')).toEqual(await store.reports.find('r_f2'))
        })

        it('keeps a household’s own report as the household’s', async () => {
          const h1 = (await store.reports.find('r_h1'))!
          expect(h1.reporterId).toBe('home:b-1:102')
          expect(h1.beneficiary).toEqual({ buildingId: 'b-1', room: '102', name: '陈' })
          expect(h1.filedBy).toEqual({ id: 'u-staff', name: '张敏' })
        })

        it('numbers reports per community: <prefix>-<day filed>-<counter>', async () => {
          const one = finalReports().filter((r) => r.communityId === ONE)
          expect(one.map((r) => numbers.get(r.id))).toEqual(one.map((r, i) => `ON-${r.createdAt.slice(0, 10).replace(/-/g, '')}-${String(i + 1).padStart(4, '0')}`))
          expect(numbers.get('r_x1')).toBe('TW-20261120-0001')
        })

        it('lists a timeline in the order it happened, ties in the order recorded', async () => {
          expect(ids(await store.reports.listEvents('r_m1'))).toEqual(['e-r_m1-0', 'e_early', 'e_z', 'e_a'])
          const [first] = await store.reports.listEvents('r_m1')
          expect(first).toEqual(submitEvent(finalReports()[0]))
          expect(await store.reports.listEvents('r_none')).toEqual([])
        })
      })

      describe('reports: my reports', () => {
        const owner = (userId: string, communityId = ONE, home?: { buildingId: string; room: string }): ReportOwner => ({ userId, communityId, home })
        const res1 = owner('u-res1', ONE, { buildingId: 'b-1', room: '101' })

        it('are newest first across the three ways of owning a report, ties by id in code points', async () => {
          expect(ids(await store.reports.listMine(res1, null, 50))).toEqual(['r_f1', 'r_f2', 'r_ma', 'r_mB', 'r_m2', 'r_m1'])
        })

        it('are what I reported, filed, or what was filed for my household', async () => {
          const mine = async (o: ReportOwner) => ids(await store.reports.listMine(o, null, 50))
          expect(await mine(owner('u-Res1b', ONE, { buildingId: 'b-1', room: '101' }))).toEqual(['r_f1'])
          expect(await mine(owner('u-leader', ONE, { buildingId: 'b-2', room: '202' }))).toEqual(['r_o4', 'r_o3', 'r_ia', 'r_iA', 'r_f1'])
          expect(await mine(owner('u-staff'))).toEqual(['r_h1'])
          expect(await mine(owner('u-res2', ONE, { buildingId: 'b-2', room: '201' }))).toEqual(['r_o9', 'r_o8', 'r_o7', 'r_o6', 'r_o5', 'r_o2', 'r_o1', 'r_f2'])
          // Someone who moved into the household the report was filed for.
          expect(await mine(owner('u-newcomer', ONE, { buildingId: 'b-1', room: '102' }))).toEqual(['r_h1'])
          // A household is one of the report's community.
          expect(await mine(owner('u-newcomer', TWO, { buildingId: 'b-1', room: '102' }))).toEqual([])
          expect(await mine(owner('u-other', TWO, { buildingId: 'b-x', room: '101' }))).toEqual(['r_x1'])
          expect(await mine(owner('home:b-1:102'))).toEqual([])
        })

        it('page by keyset, also inside a tie', async () => {
          const first = await store.reports.listMine(res1, null, 3)
          expect(ids(first)).toEqual(['r_f1', 'r_f2', 'r_ma'])
          const last = first[first.length - 1]
          expect(ids(await store.reports.listMine(res1, { createdAt: last.createdAt, id: last.id }, 3))).toEqual(['r_mB', 'r_m2', 'r_m1'])
          expect(ids(await store.reports.listMine(res1, { createdAt: at(3), id: 'r_mB' }, 10))).toEqual(['r_m2', 'r_m1'])
          expect(await store.reports.listMine(res1, { createdAt: at(1), id: 'r_m1' }, 10)).toEqual([])
        })

        it('are summary rows: the list’s fields, the photo count and the first photo’s id', async () => {
          const rows = await store.reports.listMine(res1, null, 50)
          const m2 = rows.find((r) => r.id === 'r_m2')!
          const stored = (await store.reports.find('r_m2'))!
          expect(m2).toEqual({
            id: 'r_m2',
            number: stored.number,
            categoryId: 'cat-light',
            categoryName: '路灯故障',
            description: '诉求 r_m2',
            status: 'submitted',
            createdAt: at(2),
            updatedAt: at(2),
            deadlineAt: at(150),
            escalated: false,
            gridId: 'g-1',
            anonymous: false,
            reporterName: '王秀兰',
            meTooCount: 0,
            reopenCount: 0,
            photoCount: 2,
            firstPhotoId: 'p_one',
          })
          expect(rows.find((r) => r.id === 'r_m1')).not.toHaveProperty('firstPhotoId')
          expect(rows.find((r) => r.id === 'r_m1')?.photoCount).toBe(0)
        })
      })

      describe('reports: open reports', () => {
        const open = (categoryId?: string) =>
          finalReports()
            .filter((r) => r.communityId === ONE && !['closed', 'rejected', 'merged'].includes(r.status) && (!categoryId || r.categoryId === categoryId))
            .sort((a, b) => codePoint(b.createdAt, a.createdAt) || codePoint(b.id, a.id))
            .map((r) => r.id)

        it('are a community’s unfinished reports, newest first', async () => {
          const rows = await store.reports.listOpen({ communityId: ONE }, null, 50)
          expect(ids(rows)).toEqual(open())
          expect(ids(rows)).not.toContain('r_o4')
          expect(ids(rows)).toContain('r_o3')
          expect(ids(await store.reports.listOpen({ communityId: ONE, categoryId: 'cat-elevator' }, null, 50))).toEqual(['r_o3'])
          expect(ids(await store.reports.listOpen({ communityId: TWO }, null, 50))).toEqual(['r_x1'])
          expect((await store.reports.listOpen({ communityId: ONE }, null, 50)).find((r) => r.id === 'r_f2')).toEqual(await store.reports.find('r_f2'))
        })

        it('page by keyset', async () => {
          const seen: string[] = []
          let cursor: { createdAt: string; id: string } | null = null
          for (;;) {
            const page: Report[] = await store.reports.listOpen({ communityId: ONE }, cursor, 4)
            seen.push(...ids(page))
            if (page.length < 4) break
            cursor = { createdAt: page[3].createdAt, id: page[3].id }
          }
          expect(seen).toEqual(open())
        })
      })

      describe('reports: the inbox', () => {
        const expected = (f: InboxFilter, now = NOW) => {
          const when = new Date(now)
          return finalReports()
            .filter(
              (r) =>
                r.communityId === f.communityId &&
                (f.gridIds === 'all' || f.gridIds.includes(r.gridId)) &&
                (!f.statuses?.length || f.statuses.includes(r.status)) &&
                (!f.categoryId || r.categoryId === f.categoryId) &&
                (!f.gridId || r.gridId === f.gridId) &&
                (!f.overdueOnly || isOverdue(r, when)) &&
                (!f.escalatedOnly || r.escalated),
            )
            .sort(compareInbox(when))
            .map((r) => r.id)
        }
        const inbox = async (f: InboxFilter, now = NOW, after: InboxPosition | null = null, limit = 50) => ids(await store.reports.listInbox(f, now, after, limit))
        const positionOf = async (id: string, now = NOW) => inboxPosition((await store.reports.find(id))!, new Date(now))

        it('is overdue or redone, open, resolved, finished; then by deadline, filing and id', async () => {
          const all: InboxFilter = { communityId: ONE, gridIds: 'all' }
          expect(await inbox(all)).toEqual([
            'r_o1',
            'r_h1',
            'r_iA',
            'r_ia',
            'r_m1',
            'r_mB',
            'r_ma',
            'r_f1',
            'r_o7',
            // 居民不满意: accepted again, and reopened, their deadlines not passed.
            'r_o9',
            'r_o2',
            // A deadline at exactly now is not past.
            'r_o8',
            'r_m2',
            'r_o3',
            'r_f2',
            'r_o4',
            'r_o5',
            'r_o6',
          ])
          expect(await inbox(all)).toEqual(expected(all))
        })

        it('follows the clock', async () => {
          const all: InboxFilter = { communityId: ONE, gridIds: 'all' }
          for (const now of [at(10), at(45), at(99.99), at(100.5), at(1000)]) expect(await inbox(all, now)).toEqual(expected(all, now))
        })

        it.each<[string, Partial<InboxFilter>]>([
          ['a grid worker’s grids', { gridIds: ['g-1'] }],
          ['no grids', { gridIds: [] }],
          ['statuses', { statuses: ['submitted', 'resolved'] as ReportStatus[] }],
          ['no statuses (all)', { statuses: [] }],
          ['a category', { categoryId: 'cat-elevator' }],
          ['a grid', { gridId: 'g-2' }],
          ['a grid outside the worker’s grids', { gridIds: ['g-1'], gridId: 'g-2' }],
          ['overdue only', { overdueOnly: true }],
          ['escalated only', { escalatedOnly: true }],
          ['overdue in one grid', { gridIds: ['g-2'], overdueOnly: true }],
          ['escalated and open in a status', { escalatedOnly: true, statuses: ['reopened', 'accepted'] as ReportStatus[] }],
        ])('filters by %s', async (_, filter) => {
          const f: InboxFilter = { communityId: ONE, gridIds: 'all', ...filter }
          expect(await inbox(f)).toEqual(expected(f))
        })

        it('stays in its community', async () => {
          expect(await inbox({ communityId: TWO, gridIds: 'all' })).toEqual(['r_x1'])
          expect(await inbox({ communityId: TWO, gridIds: ['g-1'] })).toEqual([])
        })

        it('pages by keyset: after any row, the rest of the order, at any clock', async () => {
          const all: InboxFilter = { communityId: ONE, gridIds: 'all' }
          for (const now of [NOW, at(45), at(1000)]) {
            const whole = expected(all, now)
            for (const [i, id] of whole.entries()) expect(await inbox(all, now, await positionOf(id, now), 4)).toEqual(whole.slice(i + 1, i + 5))
          }
          // A grid worker's grids, a status, overdue only: each continues in its own order.
          for (const filter of [{ gridIds: ['g-1', 'g-2'] }, { statuses: ['reopened', 'accepted', 'resolved'] as ReportStatus[] }, { overdueOnly: true }]) {
            const f: InboxFilter = { ...all, ...filter }
            const whole = expected(f)
            for (const [i, id] of whole.entries()) expect(await inbox(f, NOW, await positionOf(id), 3)).toEqual(whole.slice(i + 1, i + 4))
          }
        })

        it('walks every page to the end, each row once', async () => {
          const all: InboxFilter = { communityId: ONE, gridIds: 'all' }
          const seen: string[] = []
          let after: InboxPosition | null = null
          for (let page = 0; page < 20; page++) {
            const rows = await store.reports.listInbox(all, NOW, after, 3)
            if (rows.length === 0) break
            seen.push(...ids(rows))
            after = inboxPosition(rows[rows.length - 1], new Date(NOW))
          }
          expect(seen).toEqual(expected(all))
        })

        it('answers whole reports', async () => {
          const [first] = await store.reports.listInbox({ communityId: ONE, gridIds: 'all', escalatedOnly: true }, NOW, null, 1)
          expect(first).toEqual(await store.reports.find(first.id))
        })
      })

      describe('reports: the dashboard', () => {
        /** The domain's facts over every report and step the store holds: what the store must aggregate to. */
        const oracle = async (communityId: string, span: DashboardSpan) => {
          const reports = await Promise.all(finalReports().map(async (r) => (await store.reports.find(r.id))!))
          const events = (await Promise.all(reports.map((r) => store.reports.listEvents(r.id)))).flat()
          return dashboardFacts({ communityId, reports, events, span })
        }
        const span = (from: number, to: number, chartFrom: number, now = NOW): DashboardSpan => ({ from: at(from), to: at(to), chartFrom: at(chartFrom), now })

        it('aggregates the reports filed in the range, and the days of filings and resolve steps', async () => {
          const facts = await store.reports.dashboardFacts(ONE, span(10, 15, -720))
          // Filed in [at(10), at(15)): r_iA, r_ia, r_o1 … r_o4.
          expect(Object.values(facts.byStatus).reduce((a, b) => a + (b ?? 0), 0)).toBe(6)
          expect(facts).toEqual(await oracle(ONE, span(10, 15, -720)))
          const wide = await store.reports.dashboardFacts(ONE, span(0, 100, 0))
          expect(Object.values(wide.resolvedByDay).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2)
        })

        it.each<[string, DashboardSpan]>([
          ['a wide range', span(-1000, 1000, -1000)],
          ['the last hours', span(50, 100, 0)],
          ['a chart that starts inside the range', span(0, 200, 60)],
          ['a clock before the deadlines', span(0, 200, 0, at(20))],
          ['nothing in it', span(1000, 1001, 1000)],
        ])('answers what the domain computes from the rows: %s', async (_, s) => {
          for (const communityId of [ONE, TWO]) expect(await store.reports.dashboardFacts(communityId, s)).toEqual(await oracle(communityId, s))
        })
      })

      describe('notices', () => {
        const viewer = (id: string, buildingIds: string[], staff = false, communityId = ONE): NoticeViewer => ({ id, communityId, staff, buildingIds })
        const staff = viewer('u-staff', [], true)
        const leader = viewer('u-leader', ['b-2', 'b-1'])
        const res1 = viewer('u-res1', ['b-1'])
        const res2 = viewer('u-res2', ['b-2'])
        const nobody = viewer('u-grid1', [])
        const list = async (v: NoticeViewer, now = NOW, cursor: NoticeKeyset | null = null, limit = 50) => ids(await store.notices.list(v, now, cursor, limit))

        it('are pinned, urgent, newest, then id (code points); staff see every one of the community', async () => {
          expect(await list(staff)).toEqual(['n_pinurg', 'n_pin', 'n_b12', 'n_urg', 'n_atnow', 'n_gone', 'n_b2', 'n_b1gone', 'n_b1', 'n_live', 'n_3a', 'n_3A'])
        })

        it('reach a resident’s or a leader’s buildings; an author sees their own, expired too', async () => {
          expect(await list(leader)).toEqual(['n_pinurg', 'n_pin', 'n_b12', 'n_urg', 'n_b2', 'n_b1gone', 'n_b1', 'n_live', 'n_3a', 'n_3A'])
          expect(await list(res1)).toEqual(['n_pinurg', 'n_pin', 'n_b12', 'n_urg', 'n_b1', 'n_live', 'n_3a', 'n_3A'])
          expect(await list(res2)).toEqual(['n_pinurg', 'n_pin', 'n_b12', 'n_urg', 'n_b2', 'n_live', 'n_3a', 'n_3A'])
          expect(await list(nobody)).toEqual(['n_pinurg', 'n_pin', 'n_urg', 'n_live', 'n_3a', 'n_3A'])
          expect(await list(viewer('u-other', ['b-x'], true, TWO))).toEqual(['n_two'])
          expect(await list(viewer('u-res1', ['b-1'], false, TWO))).toEqual(['n_two'])
        })

        it('expire at their instant: live while expiresAt is after now', async () => {
          expect(await list(nobody, at(58))).toEqual(['n_pinurg', 'n_pin', 'n_urg', 'n_atnow', 'n_gone', 'n_live', 'n_3a', 'n_3A'])
          expect(await list(nobody, at(60))).toEqual(['n_pinurg', 'n_pin', 'n_urg', 'n_atnow', 'n_live', 'n_3a', 'n_3A'])
          expect(await list(nobody, at(200))).toEqual(['n_pinurg', 'n_pin', 'n_urg', 'n_3a', 'n_3A'])
        })

        it('page by keyset (pinned, urgent, published, id)', async () => {
          const whole = await store.notices.list(staff, NOW, null, 50)
          const seen: string[] = []
          let cursor: NoticeKeyset | null = null
          for (;;) {
            const page = await store.notices.list(staff, NOW, cursor, 5)
            seen.push(...ids(page))
            if (page.length < 5) break
            const last = page[4]
            cursor = { pinned: last.pinned, urgent: last.urgent, publishedAt: last.publishedAt, id: last.id }
          }
          expect(seen).toEqual(ids(whole))
          expect(await list(staff, NOW, { pinned: false, urgent: false, publishedAt: at(30), id: 'n_3a' })).toEqual(['n_3A'])
          expect(await list(res1, NOW, { pinned: true, urgent: false, publishedAt: at(10), id: 'n_pin' })).toEqual(['n_b12', 'n_urg', 'n_b1', 'n_live', 'n_3a', 'n_3A'])
        })

        it('carry the viewer’s read mark', async () => {
          const rows = await store.notices.list(res1, NOW, null, 50)
          expect(rows.filter((n) => n.read).map((n) => n.id)).toEqual(['n_pin', 'n_b1'])
          expect(await store.notices.find('n_b1', 'u-res1')).toEqual({
            id: 'n_b1',
            communityId: ONE,
            scope: { kind: 'buildings', buildingIds: ['b-1'] },
            title: '通知 n_b1',
            body: '内容',
            urgent: false,
            pinned: false,
            publishedAt: at(40),
            authorId: 'u-leader',
            authorName: '周桂芳',
            read: true,
          })
          expect((await store.notices.find('n_b1', 'u-res2'))?.read).toBe(false)
          expect((await store.notices.find('n_live', 'u-res2'))?.expiresAt).toBe(at(110))
          expect(await store.notices.find('n_none', 'u-res1')).toBeNull()
        })

        it('count what is live, visible and unread', async () => {
          expect(await store.notices.countUnread(res1, NOW)).toBe(6)
          expect(await store.notices.countUnread(nobody, NOW)).toBe(6)
          // Staff: every live notice of the community (9), one read.
          expect(await store.notices.countUnread(staff, NOW)).toBe(8)
          // The leader's expired own notice does not count; their own read one neither.
          expect(await store.notices.countUnread(leader, NOW)).toBe(8)
          expect(await store.notices.countUnread(nobody, at(58))).toBe(8)
        })

        it('list who read them, once each', async () => {
          expect([...(await store.notices.listReaders('n_b1'))].sort()).toEqual(['u-leader', 'u-res1'])
          expect((await store.notices.listReaders('n_3A')).size).toBe(0)
        })

        describe('sent by their author (我发的通知)', () => {
          const sent = async (authorId: string, communityId = ONE, cursor: Keyset | null = null, limit = 50) =>
            (await store.notices.listSent(authorId, communityId, cursor, limit)).map((n) => [n.id, n.readHouseholds, n.households])

          it('are newest first, expired too, each with its read count by household', async () => {
            // ONE's households: b-1/101 (res1, res1b), b-2/201 (res2), b-2/202 (the leader).
            expect(await sent('u-leader')).toEqual([
              ['n_b1gone', 0, 1],
              ['n_b1', 1, 1],
            ])
            expect(await sent('u-staff')).toEqual([
              ['n_atnow', 0, 3],
              ['n_gone', 0, 3],
              ['n_b12', 0, 3],
              ['n_b2', 0, 2],
              ['n_live', 0, 3],
              ['n_3a', 0, 3],
              ['n_3A', 0, 3],
              ['n_urg', 0, 3],
              // Read by res1: one household; staff have no home, so their own read counts for none.
              ['n_pin', 1, 3],
              ['n_pinurg', 0, 3],
            ])
            expect(await sent('u-other', TWO)).toEqual([['n_two', 0, 1]])
            expect(await sent('u-staff', TWO)).toEqual([])
            expect(await sent('u-res1')).toEqual([])
          })

          it('count households as the receipts do (computeReceipts)', async () => {
            const [buildings, residents] = await Promise.all([store.directory.listBuildings(ONE), store.users.listResidents(ONE)])
            for (const row of await store.notices.listSent('u-staff', ONE, null, 50)) {
              const receipts = computeReceipts(row, buildings, residents, await store.notices.listReaders(row.id))
              expect([row.id, row.households, row.readHouseholds]).toEqual([row.id, receipts.households, receipts.read])
            }
          })

          it('are whole notices, with the author’s read mark', async () => {
            const [gone, b1] = await store.notices.listSent('u-leader', ONE, null, 50)
            expect(b1).toEqual({ ...(await store.notices.find('n_b1', 'u-leader')), households: 1, readHouseholds: 1 })
            expect([gone.read, b1.read]).toEqual([false, true])
          })

          it('page by keyset (published, id)', async () => {
            const whole = (await sent('u-staff')).map(([id]) => id)
            const seen: unknown[] = []
            let cursor: Keyset | null = null
            for (;;) {
              const page = await store.notices.listSent('u-staff', ONE, cursor, 4)
              seen.push(...ids(page))
              if (page.length < 4) break
              cursor = { createdAt: page[3].publishedAt, id: page[3].id }
            }
            expect(seen).toEqual(whole)
            expect((await sent('u-staff', ONE, { createdAt: at(30), id: 'n_3a' })).map(([id]) => id)).toEqual(['n_3A', 'n_urg', 'n_pin', 'n_pinurg'])
          })
        })
      })

      describe('messages', () => {
        it('number messages in the order they are posted', async () => {
          const order = [...seqs.values()]
          expect(order.every((seq, i) => i === 0 || seq > order[i - 1])).toBe(true)
        })

        it('page a thread newest first, before a place', async () => {
          const page = await store.messages.listBefore('report:r_m1', null, 2)
          expect(page.map((r) => r.message.id)).toEqual(['m_09', 'm_05'])
          expect(page[0]).toEqual({
            seq: seqs.get('m_09'),
            message: { id: 'm_09', threadId: 'report:r_m1', authorId: 'u-res1', authorName: '王秀兰', authorRole: 'resident', body: '谢谢', at: at(28) },
          })
          const older = await store.messages.listBefore('report:r_m1', page[1].seq, 2)
          expect(older.map((r) => r.message.id)).toEqual(['m_02', 'm_01'])
          expect(await store.messages.listBefore('report:r_m1', older[1].seq, 2)).toEqual([])
          expect((await store.messages.listBefore('report:r_m1', null, 50)).map((r) => r.message.id)).toEqual(['m_09', 'm_05', 'm_02', 'm_01'])
          expect(await store.messages.listBefore('report:r_none', null, 5)).toEqual([])
        })

        const threadViewer = (id: string, over: Partial<ThreadViewer> = {}): ThreadViewer => ({ id, communityId: ONE, staff: false, gridIds: [], ...over })
        const summary = (rows: ThreadRow[]) => byThread(rows).map((r) => [r.threadId, r.unread, r.lastMessageBody])

        it('list every thread of the community for staff, with unread counts', async () => {
          const rows = await store.messages.listThreads(threadViewer('u-staff', { staff: true }))
          expect(summary(rows)).toEqual([
            ['general:u-res1', 1, '你好'],
            ['general:u-res2', 0, '早上七点'],
            ['report:r_f1', 2, '收到'],
            ['report:r_f2', 1, '已联系物业'],
            ['report:r_h1', 0, '已上门'],
            ['report:r_m1', 3, '谢谢'],
            ['report:r_o1', 1, '处理中'],
          ])
        })

        it('list a grid worker’s grids’ threads', async () => {
          const rows = await store.messages.listThreads(threadViewer('u-grid1', { gridIds: ['g-1'] }))
          expect(summary(rows)).toEqual([
            ['report:r_f1', 1, '收到'],
            ['report:r_h1', 1, '已上门'],
            ['report:r_m1', 3, '谢谢'],
          ])
        })

        it('list a resident’s threads: general, reported, filed, household; quiet ones of their own reports', async () => {
          const rows = await store.messages.listThreads(threadViewer('u-res1', { home: { buildingId: 'b-1', room: '101' } }))
          expect(summary(rows)).toEqual([
            ['general:u-res1', 0, '你好'],
            ['report:r_f1', 2, '收到'],
            ['report:r_f2', 1, '已联系物业'],
            ['report:r_m1', 1, '谢谢'],
            ['report:r_m2', 0, ''],
            ['report:r_mB', 0, ''],
            ['report:r_ma', 0, ''],
          ])
          const quiet = rows.find((r) => r.threadId === 'report:r_m2')!
          expect(quiet.lastMessageAt).toBe(at(2))
          expect(rows.find((r) => r.threadId === 'report:r_f1')!.lastMessageAt).toBe(at(31))
        })

        it('list a household’s threads, and other people’s', async () => {
          const household = await store.messages.listThreads(threadViewer('u-Res1b', { home: { buildingId: 'b-1', room: '101' } }))
          expect(summary(household)).toEqual([['report:r_f1', 2, '收到']])
          const res2 = await store.messages.listThreads(threadViewer('u-res2', { home: { buildingId: 'b-2', room: '201' } }))
          expect(summary(res2)).toEqual([
            ['general:u-res2', 1, '早上七点'],
            ['report:r_f2', 1, '已联系物业'],
            ['report:r_o1', 1, '处理中'],
            ['report:r_o2', 0, ''],
            ['report:r_o5', 0, ''],
            ['report:r_o6', 0, ''],
            ['report:r_o7', 0, ''],
            ['report:r_o8', 0, ''],
            ['report:r_o9', 0, ''],
          ])
          const leader = await store.messages.listThreads(threadViewer('u-leader', { home: { buildingId: 'b-2', room: '202' } }))
          expect(summary(leader)).toEqual([
            ['report:r_f1', 1, '收到'],
            ['report:r_iA', 0, ''],
            ['report:r_ia', 0, ''],
            ['report:r_o3', 0, ''],
            ['report:r_o4', 0, ''],
          ])
          const other = await store.messages.listThreads({ id: 'u-other', communityId: TWO, staff: true, gridIds: [] })
          expect(summary(other)).toEqual([
            ['general:u-other', 0, '村里的问题'],
            ['report:r_x1', 0, ''],
          ])
          expect(await store.messages.listThreads(threadViewer('u-newcomer'))).toEqual([])
        })

        it('name each thread’s subject', async () => {
          const rows = byThread(await store.messages.listThreads(threadViewer('u-staff', { staff: true })))
          const f2 = rows.find((r) => r.threadId === 'report:r_f2')!
          expect(f2.subject).toEqual({
            kind: 'report',
            report: {
              id: 'r_f2',
              communityId: ONE,
              gridId: 'g-2',
              reporterId: 'u-res2',
              status: 'resolved',
              filedBy: { id: 'u-res1', name: '王秀兰' },
              beneficiary: { buildingId: 'b-2', room: '201' },
              number: numbers.get('r_f2'),
              categoryName: '路灯故障',
              createdAt: at(4),
            },
          })
          expect(rows.find((r) => r.threadId === 'report:r_h1')!.subject).toMatchObject({ kind: 'report', report: { reporterId: 'home:b-1:102' } })
          expect(rows.find((r) => r.threadId === 'report:r_m1')!.subject).toEqual({
            kind: 'report',
            report: { id: 'r_m1', communityId: ONE, gridId: 'g-1', reporterId: 'u-res1', status: 'submitted', number: numbers.get('r_m1'), categoryName: '路灯故障', createdAt: at(1) },
          })
          expect(rows.find((r) => r.threadId === 'general:u-res2')!.subject).toEqual({
            kind: 'general',
            owner: { id: 'u-res2', name: '李明', communityId: ONE, home: { buildingId: 'b-2', room: '201' }, buildingName: '2号楼' },
          })
          const own = await store.messages.listThreads(threadViewer('u-res1', { home: { buildingId: 'b-1', room: '101' } }))
          expect(own.find((r) => r.threadId === 'report:r_ma')!.subject).toMatchObject({ kind: 'report', report: { id: 'r_ma', status: 'in_progress' } })
        })
      })

      describe('copies', () => {
        it('hand out copies: changing an answer changes nothing stored', async () => {
          const report = (await store.reports.find('r_m2'))!
          report.photos.push({ id: 'p_evil', url: '' })
          report.status = 'closed'
          ;(report.location as { address: string }).address = 'changed'
          expect(await store.reports.find('r_m2')).toMatchObject({ status: 'submitted', location: { address: '1号楼东侧' } })
          expect((await store.reports.find('r_m2'))!.photos).toHaveLength(2)
          const user = (await store.users.find('u-leader'))!
          user.roles.push('staff')
          expect((await store.users.find('u-leader'))!.roles).toEqual(['resident', 'building_leader'])
          const buildings = await store.directory.listBuildings(ONE)
          buildings[0].rooms.push('999')
          expect((await store.directory.listBuildings(ONE))[0].rooms).toEqual(['101', '102', '201', '202'])
          const [notice] = await store.notices.list(staff(), NOW, null, 1)
          notice.title = 'changed'
          expect((await store.notices.list(staff(), NOW, null, 1))[0].title).not.toBe('changed')
        })
        const staff = (): NoticeViewer => ({ id: 'u-staff', communityId: ONE, staff: true, buildingIds: [] })
      })
    })

    // ── writes, each on a store of its own ─────────────────────────────────────────────────────

    describe('writes', () => {
      let sut: StoreUnderTest | undefined
      let store: Store

      async function fresh(): Promise<Store> {
        sut = await setup()
        store = sut.store
        await store.directory.createCommunity(setupTwo(), '2026-01-01T00:00:00.000Z')
        await store.directory.createCommunity(setupOne(), '2026-02-01T00:00:00.000Z')
        return store
      }

      afterEach(async () => {
        await sut?.teardown()
        sut = undefined
      })

      it('keeps a category’s fractional deadline hours (the column is double precision)', async () => {
        sut = await setup()
        store = sut.store
        const setup3 = { ...setupTwo(), community: { ...setupTwo().community, id: 'c-three' }, categories: [{ id: 'cat-half', name: '半天', guidance: '', deadlineHours: 12.5 }], people: [] }
        setup3.grids = [{ id: 'g-3', communityId: 'c-three', name: '网格' }]
        setup3.buildings = []
        expect(await store.directory.createCommunity(setup3, at(0))).toBe(true)
        expect(await store.directory.listCategories('c-three')).toEqual([{ id: 'cat-half', name: '半天', guidance: '', deadlineHours: 12.5 }])
      })

      it('create numbers reports per community and answers the report numbered', async () => {
        await fresh()
        const a = draftReport({ id: 'r_a', createdAt: '2026-11-20T23:59:59.999Z' })
        const created = await store.reports.create(a, submitEvent(a))
        expect(created).toEqual({ ...a, number: 'ON-20261120-0001' })
        const b = draftReport({ id: 'r_b', createdAt: '2026-11-21T00:00:00.000Z' })
        expect((await store.reports.create(b, submitEvent(b))).number).toBe('ON-20261121-0002')
        const x = draftReport({ id: 'r_x', communityId: TWO, gridId: 'g-x', buildingId: 'b-x', categoryId: 'cat-x', reporterId: 'u-other' })
        expect((await store.reports.create(x, submitEvent(x))).number).toBe('TW-20261120-0001')
        expect(await store.reports.find('r_a')).toEqual({ ...a, number: 'ON-20261120-0001' })
        expect(await store.reports.listEvents('r_a')).toEqual([submitEvent(a)])
      })

      it('keeps to whom a 派单 step assigned the report, and no assignee on other steps', async () => {
        await fresh()
        const draft = draftReport({ id: 'r_as' })
        await store.reports.create(draft, submitEvent(draft))
        const step = { ...submitEvent(draft, 'e_as'), action: 'assign' as const, fromStatus: 'accepted' as const, toStatus: 'in_progress' as const, at: at(2) }
        await store.reports.addEvent({ ...step, note: '请今天上门', assignee: { kind: 'user', id: 'u-grid1', name: '孙丽' } })
        await store.reports.addEvent({ ...step, id: 'e_as_d', at: at(3), assignee: { kind: 'department', id: 'd-1', name: '物业服务中心' } })
        const [submitted, toUser, toDepartment] = await store.reports.listEvents('r_as')
        expect(submitted).not.toHaveProperty('assignee')
        expect(toUser).toEqual({ ...step, note: '请今天上门', assignee: { kind: 'user', id: 'u-grid1', name: '孙丽' } })
        expect(toDepartment).toEqual({ ...step, id: 'e_as_d', at: at(3), assignee: { kind: 'department', id: 'd-1', name: '物业服务中心' } })
      })

      it('answers instants as toISOString writes them, whatever form they were written in', async () => {
        await fresh()
        const draft = draftReport({ id: 'r_iso', createdAt: '2026-11-20T08:00:00Z', updatedAt: '2026-11-20T16:00:00+08:00', deadlineAt: '2026-11-22T08:00:00.5Z' })
        await store.reports.create(draft, { ...submitEvent(draft), at: '2026-11-20T08:00:00Z' })
        expect(await store.reports.find('r_iso')).toMatchObject({ createdAt: '2026-11-20T08:00:00.000Z', updatedAt: '2026-11-20T08:00:00.000Z', deadlineAt: '2026-11-22T08:00:00.500Z' })
        expect((await store.reports.listEvents('r_iso'))[0].at).toBe('2026-11-20T08:00:00.000Z')
        const [row] = await store.reports.listMine({ userId: 'u-res1', communityId: ONE }, { createdAt: '2026-11-20T17:00:00+08:00', id: 'r_z' }, 5)
        expect(row).toMatchObject({ id: 'r_iso', createdAt: '2026-11-20T08:00:00.000Z' })
      })

      it('update writes a move only at the expected version, and only the fields a move changes', async () => {
        await fresh()
        const draft = draftReport({ id: 'r_u' })
        const created = await store.reports.create(draft, submitEvent(draft))
        expect(await store.reports.addMeToo('r_u', 'u-res2', at(2))).toBe(1)
        const moved: Report = {
          ...created,
          status: 'in_progress',
          assignee: { kind: 'user', id: 'u-grid1', name: '孙丽' },
          acceptedAt: at(3),
          updatedAt: at(3),
          gridId: 'g-2',
          deadlineAt: at(90),
          escalated: true,
          version: 2,
          // Not a move's to change: kept as stored.
          description: 'changed',
          meTooCount: 0,
        }
        expect(await store.reports.update(moved, 2)).toBe(false)
        expect(await store.reports.update(moved, 1)).toBe(true)
        expect(await store.reports.update(moved, 1)).toBe(false)
        expect(await store.reports.find('r_u')).toEqual({
          ...created,
          status: 'in_progress',
          assignee: { kind: 'user', id: 'u-grid1', name: '孙丽' },
          acceptedAt: at(3),
          updatedAt: at(3),
          gridId: 'g-2',
          deadlineAt: at(90),
          escalated: true,
          version: 2,
          meTooCount: 1,
        })
        // A move can clear what an earlier one set.
        const { assignee: _, acceptedAt: __, ...cleared } = moved
        expect(await store.reports.update({ ...cleared, status: 'transferred', version: 3, rating: { level: 'satisfied', comment: '好', at: at(4) } }, 2)).toBe(true)
        const after = (await store.reports.find('r_u'))!
        expect(after).not.toHaveProperty('assignee')
        expect(after).not.toHaveProperty('acceptedAt')
        expect(after.rating).toEqual({ level: 'satisfied', comment: '好', at: at(4) })
        expect(await store.reports.update({ ...after, id: 'r_none' }, 3)).toBe(false)
      })

      it('findForUpdate serialises moves: 4 concurrent read-then-write transactions all land, one per version', async () => {
        await fresh()
        const draft = draftReport({ id: 'r_c' })
        await store.reports.create(draft, submitEvent(draft))
        const outcomes = await Promise.all(
          [0, 1, 2, 3].map((i) =>
            store.transaction(async (tx) => {
              const r = (await tx.reports.findForUpdate('r_c'))!
              await new Promise((resolve) => setTimeout(resolve, 5))
              const ok = await tx.reports.update({ ...r, version: r.version + 1, reopenCount: r.reopenCount + 1, updatedAt: at(10 + i) }, r.version)
              return { read: r.version, ok }
            }),
          ),
        )
        expect(outcomes.every((o) => o.ok)).toBe(true)
        expect(outcomes.map((o) => o.read).sort()).toEqual([1, 2, 3, 4])
        expect(await store.reports.find('r_c')).toMatchObject({ version: 5, reopenCount: 4 })
      })

      it('update is a compare-and-set: of 4 concurrent writes from one version, exactly one lands', async () => {
        await fresh()
        const draft = draftReport({ id: 'r_s' })
        const created = await store.reports.create(draft, submitEvent(draft))
        const statuses: ReportStatus[] = ['accepted', 'rejected', 'transferred', 'merged']
        const outcomes = await Promise.all(
          statuses.map((status) => store.transaction((tx) => tx.reports.update({ ...created, status, version: 2 }, 1))),
        )
        expect(outcomes.filter(Boolean)).toHaveLength(1)
        const winner = statuses[outcomes.indexOf(true)]
        expect(await store.reports.find('r_s')).toMatchObject({ version: 2, status: winner })
      })

      it('claims an idempotency key once: of 20 concurrent claims exactly one wins', async () => {
        await fresh()
        const claims = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.transaction((tx) => tx.reports.claimIdempotencyKey({ userId: 'u-res1', key: 'k-1', fingerprint: `f${i}`, reportId: `r_${i}`, at: at(1) })),
          ),
        )
        expect(claims.filter(Boolean)).toHaveLength(1)
        const winner = claims.indexOf(true)
        expect(await store.reports.findIdempotencyKey('u-res1', 'k-1')).toEqual({ fingerprint: `f${winner}`, reportId: `r_${winner}` })
        expect(await store.reports.findIdempotencyKey('u-res2', 'k-1')).toBeNull()
        expect(await store.reports.claimIdempotencyKey({ userId: 'u-res2', key: 'k-1', fingerprint: 'g', reportId: 'r_g', at: at(1) })).toBe(true)
        expect(await store.reports.claimIdempotencyKey({ userId: 'u-res2', key: 'k-1', fingerprint: 'g', reportId: 'r_g', at: at(1) })).toBe(false)
      })

      it('counts a voice once per person', async () => {
        await fresh()
        const draft = draftReport({ id: 'r_v' })
        await store.reports.create(draft, submitEvent(draft))
        expect(await store.reports.addMeToo('r_v', 'u-res2', at(2))).toBe(1)
        expect(await store.reports.addMeToo('r_v', 'u-res2', at(3))).toBe(1)
        expect(await store.reports.addMeToo('r_v', 'u-leader', at(3))).toBe(2)
        expect((await store.reports.find('r_v'))!.meTooCount).toBe(2)
        expect((await store.reports.find('r_v'))!.version).toBe(1)
      })

      it('counts concurrent voices (each transaction holding the report, as the service does)', async () => {
        await fresh()
        const draft = draftReport({ id: 'r_w' })
        await store.reports.create(draft, submitEvent(draft))
        const voters = ['u-res2', 'u-leader', 'u-grid1', 'u-grid2', 'u-res2', 'u-Res1b', 'u-staff', 'u-leader']
        const counts = await Promise.all(
          voters.map((userId) =>
            store.transaction(async (tx) => {
              await tx.reports.findForUpdate('r_w')
              return tx.reports.addMeToo('r_w', userId, at(2))
            }),
          ),
        )
        expect(Math.max(...counts)).toBe(6)
        expect((await store.reports.find('r_w'))!.meTooCount).toBe(6)
      })

      it('counts concurrent voices without holding the report', async () => {
        await fresh()
        const draft = draftReport({ id: 'r_w2' })
        await store.reports.create(draft, submitEvent(draft))
        const voters = ['u-res2', 'u-leader', 'u-grid1', 'u-grid2', 'u-Res1b', 'u-staff']
        await Promise.all(voters.map((userId) => store.transaction((tx) => tx.reports.addMeToo('r_w2', userId, at(2)))))
        expect((await store.reports.find('r_w2'))!.meTooCount).toBe(6)
      })

      it('creates a community once: of concurrent creators exactly one answers true', async () => {
        sut = await setup()
        store = sut.store
        const created = await Promise.all([0, 1, 2].map(() => store.directory.createCommunity(setupOne(), '2026-02-01T00:00:00.000Z')))
        expect(created.filter(Boolean)).toHaveLength(1)
        const inTransactions = await Promise.all([0, 1, 2].map(() => store.transaction((tx) => tx.directory.createCommunity(setupTwo(), '2026-01-01T00:00:00.000Z'))))
        expect(inTransactions.filter(Boolean)).toHaveLength(1)
        expect(await store.directory.createCommunity(setupOne(), '2026-03-01T00:00:00.000Z')).toBe(false)
        expect(await store.directory.listGrids(ONE)).toEqual(setupOne().grids)
        expect(ids(await store.users.listHandlers(ONE))).toEqual(['u-staff', 'u-grid1', 'u-grid2'])
        expect(await store.directory.findCommunityRecord(TWO)).toEqual({ ...setupTwo().community, reportPrefix: 'TW', joinCode: 'TW9P3R' })
      })

      it('a transaction that throws leaves nothing behind', async () => {
        await fresh()
        const base = draftReport({ id: 'r_base' })
        await store.reports.create(base, submitEvent(base))
        const boom = new Error('boom')
        const draft = draftReport({ id: 'r_gone', createdAt: at(5) })
        const failed = store.transaction(async (tx) => {
          await tx.reports.create(draft, submitEvent(draft))
          await tx.reports.update({ ...(await tx.reports.find('r_base'))!, status: 'accepted', version: 2 }, 1)
          await tx.reports.addEvent({ ...submitEvent(base, 'e_gone'), action: 'accept', toStatus: 'accepted' })
          await tx.reports.claimIdempotencyKey({ userId: 'u-res1', key: 'k-gone', fingerprint: 'f', reportId: 'r_gone', at: at(5) })
          await tx.reports.addMeToo('r_base', 'u-res2', at(5))
          await tx.messages.insert({
            id: 'm_gone',
            threadId: 'report:r_base',
            reportId: 'r_base',
            communityId: ONE,
            authorId: 'u-res1',
            authorName: '王秀兰',
            authorRole: 'resident',
            body: 'x',
            at: at(5),
          })
          await tx.messages.markRead('u-res1', 'report:r_base', at(5))
          await tx.notices.insert({
            id: 'n_gone',
            communityId: ONE,
            scope: { kind: 'community' },
            title: 't',
            body: 'b',
            urgent: false,
            pinned: false,
            publishedAt: at(5),
            authorId: 'u-staff',
            authorName: '张敏',
          })
          await tx.notices.markRead('n_gone', 'u-res1', at(5))
          await tx.photos.insert({ id: 'p_gone', ownerId: 'u-res1', contentType: 'image/png', bytes: 3, createdAt: at(5) })
          await tx.sessions.insert({ tokenHash: 'h_gone', userId: 'u-res1', createdAt: at(5), expiresAt: at(50) })
          await tx.users.upsertWeChatUser({ id: 'u-wx', openid: 'o-gone', name: '微信用户', at: at(5) })
          await tx.users.setHome('u-res2', { buildingId: 'b-1', room: '102' }, at(5), { name: '改名', phone: '13000000000' })
          await tx.users.grantRole('u-res1', { role: 'staff', communityId: ONE, gridIds: [], buildingIds: [] })
          await tx.users.setRepresentative(ONE, { buildingId: 'b-1', room: '101' }, 'u-Res1b')
          await tx.claims.insert(claim({ id: 'hc_gone' }))
          await tx.invites.insert(invite({ id: 'inv_gone', code: 'GONE2345' }))
          await tx.privacy.erase('u-leader', '已注销用户', at(5))
          await tx.directory.createCommunity(
            { ...setupTwo(), community: { ...setupTwo().community, id: 'c-gone', name: '消失村' }, joinCode: 'GONE99', reportPrefix: 'GN', grids: [], buildings: [], categories: [], people: [] },
            at(5),
          )
          throw boom
        })
        await expect(failed).rejects.toBe(boom)
        expect(await store.reports.find('r_gone')).toBeNull()
        expect(await store.reports.find('r_base')).toMatchObject({ status: 'submitted', version: 1, meTooCount: 0 })
        expect(ids(await store.reports.listEvents('r_base'))).toEqual(['e-r_base-0'])
        expect(await store.reports.findIdempotencyKey('u-res1', 'k-gone')).toBeNull()
        expect(await store.messages.listBefore('report:r_base', null, 10)).toEqual([])
        expect(await store.notices.find('n_gone', 'u-res1')).toBeNull()
        expect((await store.photos.findMany(['p_gone'])).size).toBe(0)
        expect(await store.sessions.find('h_gone', at(6))).toBeNull()
        expect(await store.users.find('u-wx')).toBeNull()
        expect(await store.users.find('u-res2')).toMatchObject({ name: '李明', home: { buildingId: 'b-2', room: '201' } })
        expect((await store.users.find('u-res1'))!.roles).toEqual(['resident'])
        expect((await store.users.listHousehold(ONE, { buildingId: 'b-1', room: '101' })).map((m) => m.representative)).toEqual([true, false])
        expect(await store.claims.find('hc_gone')).toBeNull()
        expect(await store.invites.find('inv_gone')).toBeNull()
        expect(await store.users.find('u-leader')).toMatchObject({ name: '周桂芳', roles: ['resident', 'building_leader'] })
        expect(await store.directory.findCommunity('c-gone')).toBeNull()
        expect(await store.messages.listThreads({ id: 'u-res1', communityId: ONE, staff: false, gridIds: [] })).toEqual([
          expect.objectContaining({ threadId: 'report:r_base', unread: 0, lastMessageBody: '' }),
        ])
        // The community's counter was not used up.
        const next = draftReport({ id: 'r_next', createdAt: at(6) })
        expect((await store.reports.create(next, submitEvent(next))).number).toBe('ON-20261120-0002')
        // And the store works on: a transaction after the failed one commits.
        await store.transaction((tx) => tx.reports.claimIdempotencyKey({ userId: 'u-res1', key: 'k-gone', fingerprint: 'f', reportId: 'r_next', at: at(6) }))
        expect(await store.reports.findIdempotencyKey('u-res1', 'k-gone')).toEqual({ fingerprint: 'f', reportId: 'r_next' })
      })

      it('a failed statement inside a transaction fails the transaction', async () => {
        await fresh()
        const draft = draftReport({ id: 'r_dup' })
        await store.reports.create(draft, submitEvent(draft))
        const again = draftReport({ id: 'r_dup2' })
        await expect(
          store.transaction(async (tx) => {
            await tx.reports.create(again, submitEvent(again))
            // The same id again: a primary key.
            await tx.reports.create(draft, submitEvent(draft, 'e-other'))
          }),
        ).rejects.toThrow()
        expect(await store.reports.find('r_dup2')).toBeNull()
      })

      it('refuses rows that point nowhere (the SQL store’s foreign keys), and keeps working after', async () => {
        await fresh()
        const draft = draftReport({ id: 'r_fk' })
        await store.reports.create(draft, submitEvent(draft))
        const message = { id: 'm_fk', threadId: 'report:r_fk', reportId: 'r_fk', communityId: ONE, authorId: 'u-res1', authorName: '王秀兰', authorRole: 'resident' as const, body: 'x', at: at(2) }
        const refused: Array<[string, () => Promise<unknown>]> = [
          ['a report in no grid', () => store.reports.create(draftReport({ id: 'r_1', gridId: 'g-none' }), submitEvent(draftReport({ id: 'r_1' })))],
          ['a report of nobody', () => store.reports.create(draftReport({ id: 'r_2', reporterId: 'u-none' }), submitEvent(draftReport({ id: 'r_2' })))],
          ['a report of no category', () => store.reports.create(draftReport({ id: 'r_3', categoryId: 'cat-none' }), submitEvent(draftReport({ id: 'r_3' })))],
          ['a report in no community', () => store.reports.create(draftReport({ id: 'r_4', communityId: 'c-none' }), submitEvent(draftReport({ id: 'r_4' })))],
          ['a step of no report', () => store.reports.addEvent(submitEvent(draftReport({ id: 'r_none' })))],
          ['a voice on no report', () => store.reports.addMeToo('r_none', 'u-res2', at(2))],
          ['a voice of nobody', () => store.reports.addMeToo('r_fk', 'u-none', at(2))],
          ['a message on no report', () => store.messages.insert({ ...message, threadId: 'report:r_none', reportId: 'r_none' })],
          ['a message by nobody', () => store.messages.insert({ ...message, authorId: 'u-none' })],
          ['a message on no thread subject', () => store.messages.insert({ ...message, reportId: undefined })],
          ['a read of no notice', () => store.notices.markRead('n_none', 'u-res1', at(2))],
          ['a photo of nobody', () => store.photos.insert({ id: 'p_fk', ownerId: 'u-none', contentType: 'image/png', bytes: 1, createdAt: at(1) })],
          ['a session of nobody', () => store.sessions.insert({ tokenHash: 'h_fk', userId: 'u-none', createdAt: at(1), expiresAt: at(2) })],
        ]
        for (const [what, call] of refused) await expect(call().then(() => what)).rejects.toBeDefined()
        expect(await store.reports.find('r_1')).toBeNull()
        expect(await store.messages.listBefore('report:r_fk', null, 5)).toEqual([])
        await store.messages.insert(message)
        expect(await store.reports.create(draftReport({ id: 'r_ok' }), submitEvent(draftReport({ id: 'r_ok' })))).toMatchObject({ id: 'r_ok' })
      })

      it('an outer call is one unit: a create that fails leaves no report and uses no number', async () => {
        await fresh()
        const first = draftReport({ id: 'r_one' })
        await store.reports.create(first, submitEvent(first))
        // Its first step has an id already taken: the last of the call's writes fails.
        const failing = draftReport({ id: 'r_half' })
        await expect(store.reports.create(failing, submitEvent(first))).rejects.toBeDefined()
        expect(await store.reports.find('r_half')).toBeNull()
        const next = draftReport({ id: 'r_two' })
        expect((await store.reports.create(next, submitEvent(next))).number).toBe('ON-20261120-0002')
      })

      it('keeps a thread’s read mark, never backwards', async () => {
        await fresh()
        const draft = draftReport({ id: 'r_t' })
        await store.reports.create(draft, submitEvent(draft))
        const post = (id: string, by: 'u-res1' | 'u-staff') =>
          store.messages.insert({ id, threadId: 'report:r_t', reportId: 'r_t', communityId: ONE, authorId: by, authorName: by, authorRole: 'resident', body: id, at: at(3) })
        const s1 = await post('m_1', 'u-staff')
        const s2 = await post('m_2', 'u-staff')
        const viewer: ThreadViewer = { id: 'u-res1', communityId: ONE, staff: false, gridIds: [] }
        const unread = async () => (await store.messages.listThreads(viewer)).find((r) => r.threadId === 'report:r_t')!.unread
        expect(s2).toBeGreaterThan(s1)
        expect(await unread()).toBe(2)
        await store.messages.markRead('u-res1', 'report:r_t', at(4), s1)
        expect(await unread()).toBe(1)
        await store.messages.markRead('u-res1', 'report:r_t', at(4))
        expect(await unread()).toBe(0)
        await store.messages.markRead('u-res1', 'report:r_t', at(5), s1)
        expect(await unread()).toBe(0)
        await post('m_3', 'u-staff')
        await post('m_4', 'u-res1')
        expect(await unread()).toBe(1)
        // Reading a thread with no message at all.
        await store.messages.markRead('u-res1', 'general:u-res1', at(5))
        expect((await store.messages.listThreads(viewer)).map((r) => r.threadId)).toEqual(['report:r_t'])
      })

      it('signs WeChat users up once per openid, in no community', async () => {
        await fresh()
        const user = await store.users.upsertWeChatUser({ id: 'u-wx', openid: 'o-1', name: '微信用户', at: at(1) })
        expect(user).toEqual({ id: 'u-wx', name: '微信用户', phoneMasked: '***', roles: ['resident'], communityId: null, gridIds: [], leadsBuildingIds: [] })
        expect(await store.users.upsertWeChatUser({ id: 'u-wx2', openid: 'o-1', name: '别人', at: at(2) })).toEqual(user)
        await store.users.setCommunity('u-wx', ONE)
        expect(await store.users.find('u-wx2')).toBeNull()
        expect(await store.users.findDemo('u-wx')).toBeNull()
        const draft = draftReport({ id: 'r_wx', reporterId: 'u-wx', filedBy: { id: 'u-leader', name: '周桂芳' } })
        await store.reports.create(draft, submitEvent(draft))
        expect(await store.users.findFollowers(draft)).toEqual([{ id: 'u-leader' }, { id: 'u-wx', openid: 'o-1' }])
      })

      it('keeps sessions until they expire', async () => {
        await fresh()
        await store.sessions.insert({ tokenHash: 'h1', userId: 'u-res1', createdAt: at(0), expiresAt: at(10) })
        await store.sessions.insert({ tokenHash: 'h2', userId: 'u-staff', createdAt: at(0), expiresAt: at(20) })
        expect(await store.sessions.find('h1', at(5))).toEqual({ user: await store.users.find('u-res1'), expiresAt: at(10) })
        expect(await store.sessions.find('h1', at(10))).toBeNull()
        expect(await store.sessions.find('h_none', at(5))).toBeNull()
        await store.sessions.deleteExpired(at(10))
        expect(await store.sessions.find('h1', at(5))).toBeNull()
        expect(await store.sessions.find('h2', at(5))).not.toBeNull()
        await store.sessions.delete('h2')
        expect(await store.sessions.find('h2', at(5))).toBeNull()
        await store.sessions.delete('h2')
      })

      it('keeps photo records and finds many at once', async () => {
        await fresh()
        await store.photos.insert({ id: 'p_1', ownerId: 'u-res1', contentType: 'image/png', bytes: 10, width: 3, height: 4, createdAt: at(1) })
        await store.photos.insert({ id: 'p_2', ownerId: 'u-res2', contentType: 'image/jpeg', bytes: 20, createdAt: at(1) })
        const found = await store.photos.findMany(['p_2', 'p_none', 'p_1', 'p_2'])
        expect(found.size).toBe(2)
        expect(found.get('p_1')).toEqual({ id: 'p_1', ownerId: 'u-res1', contentType: 'image/png', bytes: 10, width: 3, height: 4, check: 'pass' })
        expect(found.get('p_2')).toEqual({ id: 'p_2', ownerId: 'u-res2', contentType: 'image/jpeg', bytes: 20, check: 'pass' })
        expect((await store.photos.findMany([])).size).toBe(0)
      })

      it('keeps a photo’s check: pending with a trace id, decided once unless a person decides again (issue 13)', async () => {
        await fresh()
        await store.photos.insert({ id: 'p_c1', ownerId: 'u-res1', contentType: 'image/png', bytes: 10, createdAt: at(1), check: 'pending' })
        await store.photos.insert({ id: 'p_c2', ownerId: 'u-res2', contentType: 'image/png', bytes: 20, createdAt: at(1), check: 'pending' })
        expect((await store.photos.findMany(['p_c1'])).get('p_c1')).toMatchObject({ check: 'pending' })
        expect(await store.photos.findByTrace('t-1')).toBeNull()

        expect(await store.photos.setCheck('p_c1', { state: 'pending', traceId: 't-1', at: at(2) }, { ifPending: true })).toBe(true)
        expect(await store.photos.findByTrace('t-1')).toEqual({ id: 'p_c1', ownerId: 'u-res1', contentType: 'image/png', bytes: 10, check: 'pending' })
        // The trace id is one photo's.
        await expect(store.photos.setCheck('p_c2', { state: 'pending', traceId: 't-1', at: at(2) }, { ifPending: true })).rejects.toThrow()
        expect(await store.photos.findByTrace('t-1')).toMatchObject({ id: 'p_c1' })

        // A verdict decides a pending photo once; the trace id stays with it.
        expect(await store.photos.setCheck('p_c1', { state: 'reject', reason: '20002', at: at(3) }, { ifPending: true })).toBe(true)
        expect(await store.photos.setCheck('p_c1', { state: 'pass', at: at(4) }, { ifPending: true })).toBe(false)
        expect(await store.photos.findByTrace('t-1')).toMatchObject({ id: 'p_c1', check: 'reject' })
        // A person decides whatever the state; `traceId: null` forgets the trace id.
        expect(await store.photos.setCheck('p_c1', { state: 'pass', traceId: null, at: at(5) }, { ifPending: false })).toBe(true)
        expect((await store.photos.findMany(['p_c1', 'p_c2'])).get('p_c1')).toMatchObject({ check: 'pass' })
        expect(await store.photos.findByTrace('t-1')).toBeNull()
        expect((await store.photos.findMany(['p_c2'])).get('p_c2')).toMatchObject({ check: 'pending' })
        expect(await store.photos.setCheck('p_none', { state: 'pass', at: at(5) }, { ifPending: false })).toBe(false)
      })

      it('serialises a transaction with the calls around it (no call sees half of it)', async () => {
        await fresh()
        const draft = draftReport({ id: 'r_half' })
        let inside!: () => void
        const entered = new Promise<void>((resolve) => (inside = resolve))
        const tx = store.transaction(async (t) => {
          await t.reports.create(draft, submitEvent(draft))
          inside()
          await new Promise((resolve) => setTimeout(resolve, 30))
          await t.reports.addMeToo('r_half', 'u-res2', at(2))
        })
        await entered
        const seen = await store.reports.find('r_half')
        await tx
        // Either before the transaction (PostgreSQL: another connection) or after it (one connection): never half.
        expect(seen === null || seen.meTooCount === 1).toBe(true)
      })

      // ── issue 10: communities, households, invitations, personal data ─────────────────────────

      describe('directory: a community’s record and structure', () => {
        it('saves a community’s record and its street by id, keeping its report counter', async () => {
          await fresh()
          const first = draftReport({ id: 'r_1' })
          await store.reports.create(first, submitEvent(first))
          const street = { id: 's-new', name: '新街道', district: '无锡市新吴区' }
          const renamed: CommunityRecord = {
            id: ONE,
            name: '一号新社区',
            kind: 'village',
            district: '无锡市新吴区新街道',
            streetId: 's-new',
            streetName: '新街道',
            reportPrefix: 'ONX',
            joinCode: 'QX7K2M',
          }
          await store.directory.saveCommunity(renamed, street, at(2))
          expect(await store.directory.findCommunityRecord(ONE)).toEqual(renamed)
          expect(await store.directory.findStreet('s-new')).toEqual(street)
          expect(await store.directory.findCommunityByPrefix('ON')).toBeNull()
          expect(await store.directory.findCommunityByPrefix('ONX')).toBe(ONE)
          expect(await store.directory.listStreetCommunities(EAST.id)).toEqual([])
          expect(await store.directory.listStreetCommunities('s-new')).toEqual([
            { id: ONE, name: '一号新社区', kind: 'village', district: '无锡市新吴区新街道', streetId: 's-new', streetName: '新街道' },
          ])
          // The counter goes on; the structure is untouched.
          const second = draftReport({ id: 'r_2', createdAt: at(3) })
          expect((await store.reports.create(second, submitEvent(second))).number).toBe('ONX-20261120-0002')
          expect(await store.directory.listGrids(ONE)).toEqual(setupOne().grids)
          // A new community, with its code; renaming a street (by id) renames it for every community in it.
          const five: CommunityRecord = {
            id: 'c-five',
            name: '五号社区',
            kind: 'community',
            district: '无锡市惠山区洛社镇',
            streetId: WEST.id,
            streetName: '洛社新镇',
            reportPrefix: 'FV',
            joinCode: 'FIVE55',
          }
          await store.directory.saveCommunity(five, { ...WEST, name: '洛社新镇' }, at(4))
          expect(await store.directory.findCommunityRecord('c-five')).toEqual(five)
          expect(await store.directory.findCommunityByCode('five55')).toEqual({ id: 'c-five', name: '五号社区', kind: 'community', district: '无锡市惠山区洛社镇', streetName: '洛社新镇' })
          expect(await store.directory.findCommunity(TWO)).toEqual({ ...setupTwo().community, streetName: '洛社新镇' })
          expect(await store.directory.findStreetByName(WEST.district, '洛社新镇')).toEqual({ ...WEST, name: '洛社新镇' })
          expect(await store.directory.findStreetByName(WEST.district, '洛社镇')).toBeNull()
          // '二号村' < '五号社区' (U+4E8C < U+4E94).
          expect(ids(await store.directory.listStreetCommunities(WEST.id))).toEqual([TWO, 'c-five'])
          expect(await store.directory.listGrids('c-five')).toEqual([])
        })

        it('tells what records name: reports (grid, building, household, category, department), homes, grid workers, leaders, claims', async () => {
          await fresh()
          const base = targetOf(setupOne())
          const b3 = { id: 'b-3', communityId: ONE, gridId: 'g-1', name: '3号楼', rooms: ['101', '102'] }
          const b4 = { id: 'b-4', communityId: ONE, gridId: 'g-1', name: '4号楼', rooms: ['101'] }
          await store.directory.saveStructure(ONE, {
            target: { ...base, grids: [...base.grids, { id: 'g-3', communityId: ONE, name: '第三网格' }], buildings: [...base.buildings, b3, b4] },
            removed: NOTHING_REMOVED,
          })
          const r1 = draftReport({ id: 'r_1' })
          const r2 = draftReport({ id: 'r_2', gridId: 'g-2', buildingId: 'b-2' })
          const r3 = draftReport({
            id: 'r_3',
            gridId: 'g-2',
            buildingId: undefined,
            categoryId: 'cat-garbage',
            categoryName: '垃圾堆放',
            reporterId: 'home:b-1:102',
            reporterName: '住户',
            filedBy: { id: 'u-staff', name: '张敏' },
            beneficiary: { buildingId: 'b-1', room: '102' },
          })
          for (const r of [r1, r2, r3]) await store.reports.create(r, submitEvent(r))
          const two = (await store.reports.find('r_2'))!
          await store.reports.update({ ...two, status: 'in_progress', assignee: { kind: 'department', id: 'd-urban', name: '城管中队' }, version: 2 }, 1)
          const one = (await store.reports.find('r_1'))!
          await store.reports.update({ ...one, status: 'in_progress', assignee: { kind: 'user', id: 'u-grid1', name: '孙丽' }, version: 2 }, 1)
          // A grid only a grid worker serves; a building only a leader leads; a building only a finished claim names.
          await store.users.grantRole('u-Res1b', { role: 'grid_worker', communityId: ONE, gridIds: ['g-3'], buildingIds: [] })
          await store.users.grantRole('u-res2', { role: 'building_leader', communityId: ONE, gridIds: [], buildingIds: ['b-4'] })
          await store.claims.insert(claim({ id: 'hc_p', userId: 'u-grid1', buildingId: 'b-1', room: '202' }))
          await store.claims.insert(claim({ id: 'hc_r', userId: 'u-grid2', buildingId: 'b-3', room: '101', status: 'rejected', reason: '查无此人', decidedAt: at(2) }))
          await store.claims.insert(claim({ id: 'hc_o', communityId: TWO, userId: 'u-other', buildingId: 'b-x', room: '101' }))
          const usage = await store.directory.structureUsage(ONE)
          expect(sorted(usage.gridIds)).toEqual(['g-1', 'g-2', 'g-3'])
          // Claims of any status name their building (they are where people lived) …
          expect(sorted(usage.buildingIds)).toEqual(['b-1', 'b-2', 'b-3', 'b-4'])
          // … but only a pending or approved claim names its room; so do homes and the households reports were filed for.
          expect(sorted(usage.rooms)).toEqual(
            sorted([roomKey('b-1', '101'), roomKey('b-1', '102'), roomKey('b-1', '202'), roomKey('b-2', '201'), roomKey('b-2', '202')]),
          )
          expect([...usage.categoryIds].sort(([a], [b]) => codePoint(a, b))).toEqual([
            ['cat-garbage', 1],
            ['cat-light', 2],
          ])
          // A report assigned to a department names it; one assigned to a person does not.
          expect(sorted(usage.departmentIds)).toEqual(['d-urban'])
        })

        it('writes a structure as planned: rows updated in place by id, in the target’s order; removed ones deleted, in its community only', async () => {
          await fresh()
          const draft = draftReport({ id: 'r_s' })
          await store.reports.create(draft, submitEvent(draft))
          const base = targetOf(setupOne())
          const added = {
            grids: [...base.grids, { id: 'g-3', communityId: ONE, name: '第三网格' }],
            buildings: [...base.buildings, { id: 'b-3', communityId: ONE, gridId: 'g-3', name: '3号楼', rooms: ['101'] }],
            departments: [...base.departments, { id: 'd-new', communityId: ONE, name: '新部门' }],
            categories: [...base.categories, { id: 'cat-new', name: '新类型', guidance: '', deadlineHours: 6 }],
            replyTemplates: [...base.replyTemplates, { id: 'tpl-3', title: '新模板', text: '内容' }],
          }
          await store.directory.saveStructure(ONE, { target: added, removed: NOTHING_REMOVED })
          expect(await store.directory.listGrids(ONE)).toEqual(added.grids)
          expect(await store.directory.listBuildings(ONE)).toEqual(added.buildings)
          expect(await store.directory.listDepartments(ONE)).toEqual(added.departments)
          expect(await store.directory.listCategories(ONE)).toEqual(added.categories)
          expect(await store.directory.listReplyTemplates(ONE)).toEqual(added.replyTemplates)
          // Names swapped between rows, order changed, rooms and categories edited, the added rows removed.
          const target = {
            grids: [
              { id: 'g-1', communityId: ONE, name: '第二网格' },
              { id: 'g-2', communityId: ONE, name: '第一网格' },
            ],
            buildings: [
              { id: 'b-1', communityId: ONE, gridId: 'g-2', name: '2号楼', rooms: ['101', '102', '301'] },
              { id: 'b-2', communityId: ONE, gridId: 'g-1', name: '1号楼', rooms: ['201', '202'] },
            ],
            departments: [
              { id: 'd-property', communityId: ONE, name: '物业' },
              { id: 'd-urban', communityId: ONE, name: '城管中队' },
            ],
            categories: [
              { id: 'cat-elevator', name: '电梯故障', guidance: '先确认有无人员被困', deadlineHours: 12.5 },
              { id: 'cat-light', name: '路灯故障', guidance: '请写明路灯位置', deadlineHours: 48, emergency: { phone: '110', message: '有危险请报警' } },
              { id: 'cat-garbage', name: '垃圾', guidance: '拍下位置', deadlineHours: 24 },
            ],
            replyTemplates: [
              { id: 'tpl-1', title: '已受理', text: '已受理，请耐心等待' },
              { id: 'tpl-4', title: '新的', text: '新的模板' },
            ],
          }
          await store.directory.saveStructure(ONE, {
            target,
            // Ids of another community are not this one's to delete.
            removed: { gridIds: ['g-3', 'g-x'], buildingIds: ['b-3', 'b-x'], departmentIds: ['d-new'], categoryIds: ['cat-new', 'cat-x'], replyTemplateIds: ['tpl-2', 'tpl-3'] },
          })
          expect(await store.directory.listGrids(ONE)).toEqual(target.grids)
          expect(await store.directory.listBuildings(ONE)).toEqual(target.buildings)
          expect(await store.directory.listDepartments(ONE)).toEqual(target.departments)
          expect(await store.directory.listCategories(ONE)).toEqual(target.categories)
          expect(await store.directory.listReplyTemplates(ONE)).toEqual(target.replyTemplates)
          expect(await store.directory.findBuilding('b-1')).toEqual(target.buildings[0])
          expect(await store.directory.findBuilding('b-3')).toBeNull()
          expect(await store.directory.listGrids(TWO)).toEqual(setupTwo().grids)
          expect(await store.directory.listBuildings(TWO)).toEqual(setupTwo().buildings)
          expect(await store.directory.listCategories(TWO)).toEqual(setupTwo().categories)
          // What names the rows still finds them.
          expect(await store.reports.find('r_s')).toMatchObject({ gridId: 'g-1', buildingId: 'b-1', categoryId: 'cat-light' })
          expect(await store.users.find('u-res1')).toMatchObject({ home: { buildingId: 'b-1', room: '101' } })
          // Saving the same plan again changes nothing.
          await store.directory.saveStructure(ONE, { target, removed: NOTHING_REMOVED })
          expect(await store.directory.listBuildings(ONE)).toEqual(target.buildings)
        })
      })

      describe('users: communities, roles, households', () => {
        const household = { buildingId: 'b-1', room: '101' }
        const members = async (home = household, communityId = ONE) =>
          (await store.users.listHousehold(communityId, home)).map((m) => [m.userId, m.representative])

        it('puts a person into a community and takes them out of it', async () => {
          await fresh()
          await store.users.upsertWeChatUser({ id: 'u-wx', openid: 'o-1', name: '微信用户', at: at(1) })
          await store.users.setCommunity('u-wx', TWO)
          expect(await store.users.find('u-wx')).toMatchObject({ communityId: TWO, roles: ['resident'] })
          await store.users.setCommunity('u-wx', null)
          expect((await store.users.find('u-wx'))!.communityId).toBeNull()
        })

        it('grants a role once, adding its grids or buildings (and the community when there is none); revokes it with its scope', async () => {
          await fresh()
          await store.users.upsertWeChatUser({ id: 'u-wx', openid: 'o-1', name: '微信用户', at: at(1) })
          await store.users.grantRole('u-wx', { role: 'grid_worker', communityId: ONE, gridIds: ['g-2', 'g-1'], buildingIds: [] })
          expect(await store.users.find('u-wx')).toEqual({
            id: 'u-wx',
            name: '微信用户',
            phoneMasked: '***',
            roles: ['resident', 'grid_worker'],
            communityId: ONE,
            gridIds: ['g-2', 'g-1'],
            leadsBuildingIds: [],
          })
          // Again, with another community: the role once, the new grid added after the others, the community kept.
          await store.users.grantRole('u-wx', { role: 'grid_worker', communityId: TWO, gridIds: ['g-1', 'g-3'], buildingIds: [] })
          expect(await store.users.find('u-wx')).toMatchObject({ roles: ['resident', 'grid_worker'], communityId: ONE, gridIds: ['g-2', 'g-1', 'g-3'], leadsBuildingIds: [] })
          await store.users.grantRole('u-wx', { role: 'building_leader', communityId: ONE, gridIds: [], buildingIds: ['b-2'] })
          await store.users.grantRole('u-wx', { role: 'staff', communityId: ONE, gridIds: [], buildingIds: [] })
          expect(await store.users.find('u-wx')).toMatchObject({ roles: ['resident', 'grid_worker', 'building_leader', 'staff'], gridIds: ['g-2', 'g-1', 'g-3'], leadsBuildingIds: ['b-2'] })
          expect(ids(await store.users.listHandlers(ONE))).toEqual(['u-staff', 'u-grid1', 'u-grid2', 'u-wx'])
          expect(ids(await store.users.listMembers(ONE))).toEqual(['u-staff', 'u-grid1', 'u-grid2', 'u-leader', 'u-wx'])
          await store.users.revokeRole('u-wx', 'grid_worker')
          expect(await store.users.find('u-wx')).toMatchObject({ roles: ['resident', 'building_leader', 'staff'], gridIds: [], leadsBuildingIds: ['b-2'] })
          await store.users.revokeRole('u-wx', 'admin')
          expect(await store.users.find('u-wx')).toMatchObject({ roles: ['resident', 'building_leader', 'staff'], gridIds: [], leadsBuildingIds: ['b-2'] })
          await store.users.revokeRole('u-wx', 'building_leader')
          expect(await store.users.find('u-wx')).toMatchObject({ roles: ['resident', 'staff'], leadsBuildingIds: [] })
          await store.users.revokeRole('u-wx', 'staff')
          // Revoking keeps the community: they stay one of its residents.
          expect(await store.users.find('u-wx')).toMatchObject({ roles: ['resident'], communityId: ONE, gridIds: [], leadsBuildingIds: [] })
          expect(ids(await store.users.listMembers(ONE))).toEqual(['u-staff', 'u-grid1', 'u-grid2', 'u-leader'])
          await store.users.revokeRole('u-leader', 'building_leader')
          expect(await store.users.find('u-leader')).toMatchObject({ roles: ['resident'], leadsBuildingIds: [], home: { buildingId: 'b-2', room: '202' } })
        })

        it('makes a street officer (the role once, the street set, no community) and takes it away with the street', async () => {
          await fresh()
          const street = (await store.directory.findCommunity(ONE))!.streetId
          await store.users.upsertWeChatUser({ id: 'u-wx', openid: 'o-1', name: '微信用户', at: at(1) })
          await store.users.grantStreet('u-wx', street)
          await store.users.grantStreet('u-wx', street)
          expect(await store.users.find('u-wx')).toEqual({
            id: 'u-wx',
            name: '微信用户',
            phoneMasked: '***',
            roles: ['resident', 'street_staff'],
            communityId: null,
            streetId: street,
            gridIds: [],
            leadsBuildingIds: [],
          })
          expect(ids(await store.users.listMembers(ONE))).not.toContain('u-wx')
          await store.users.revokeRole('u-wx', 'street_staff')
          expect(await store.users.find('u-wx')).toEqual({ id: 'u-wx', name: '微信用户', phoneMasked: '***', roles: ['resident'], communityId: null, gridIds: [], leadsBuildingIds: [] })
        })

        it('makes a person a verified member of a household (as they claimed it) and takes them out', async () => {
          await fresh()
          await store.users.upsertWeChatUser({ id: 'u-wx', openid: 'o-1', name: '微信用户', at: at(1) })
          await store.users.upsertWeChatUser({ id: 'u-Wy', openid: 'o-2', name: '微信用户', at: at(1) })
          await store.users.setCommunity('u-wx', ONE)
          await store.users.setCommunity('u-Wy', ONE)
          await store.users.setHome('u-wx', household, at(5), { name: '王小红', phone: '13700000007' })
          expect(await store.users.find('u-wx')).toEqual({
            id: 'u-wx',
            name: '王小红',
            phoneMasked: '137****0007',
            roles: ['resident'],
            communityId: ONE,
            home: household,
            gridIds: [],
            leadsBuildingIds: [],
          })
          expect(await store.users.findPhone('u-wx')).toBe('13700000007')
          // Without a contact: name and phone as they were. Joined at the same instant: by id ('u-Wy' < 'u-wx').
          await store.users.setHome('u-Wy', household, at(5))
          expect(await store.users.listHousehold(ONE, household)).toEqual([
            { userId: 'u-res1', name: '王秀兰', phoneMasked: '138****0004', representative: true, since: setUpAt(ONE, 3) },
            { userId: 'u-Res1b', name: '王小明', phoneMasked: '***', representative: false, since: setUpAt(ONE, 6) },
            { userId: 'u-Wy', name: '微信用户', phoneMasked: '***', representative: false, since: at(5) },
            { userId: 'u-wx', name: '王小红', phoneMasked: '137****0007', representative: false, since: at(5) },
          ])
          expect(ids((await store.users.listResidents(ONE)).map((r) => ({ id: r.id })))).toEqual(['u-Res1b', 'u-Wy', 'u-leader', 'u-res1', 'u-res2', 'u-wx'])
          // Out: no home, no longer the representative (the store names no successor), name and phone kept.
          await store.users.setHome('u-res1', null, at(6))
          const res1 = (await store.users.find('u-res1'))!
          expect(res1).not.toHaveProperty('home')
          expect(res1).toMatchObject({ name: '王秀兰', phoneMasked: '138****0004', communityId: ONE })
          expect(await members()).toEqual([
            ['u-Res1b', false],
            ['u-Wy', false],
            ['u-wx', false],
          ])
          // Back again: a member since then.
          await store.users.setHome('u-res1', household, at(7))
          expect((await store.users.listHousehold(ONE, household)).map((m) => [m.userId, m.representative, m.since])).toEqual([
            ['u-Res1b', false, setUpAt(ONE, 6)],
            ['u-Wy', false, at(5)],
            ['u-wx', false, at(5)],
            ['u-res1', false, at(7)],
          ])
        })

        it('has one representative per household: the one chosen, or none', async () => {
          await fresh()
          await store.users.setRepresentative(ONE, household, 'u-Res1b')
          expect(await members()).toEqual([
            ['u-res1', false],
            ['u-Res1b', true],
          ])
          await store.users.setRepresentative(ONE, household, null)
          expect(await members()).toEqual([
            ['u-res1', false],
            ['u-Res1b', false],
          ])
          await store.users.setRepresentative(ONE, household, 'u-res1')
          // Someone of another household is not made this one's (and keeps their own place); another community's household is another.
          await store.users.setRepresentative(ONE, household, 'u-res2')
          expect(await members()).toEqual([
            ['u-res1', false],
            ['u-Res1b', false],
          ])
          expect(await members({ buildingId: 'b-2', room: '201' })).toEqual([['u-res2', true]])
          await store.users.setRepresentative(ONE, household, 'u-res1')
          await store.users.setRepresentative(TWO, household, null)
          expect(await members()).toEqual([
            ['u-res1', true],
            ['u-Res1b', false],
          ])
        })

        it('has one representative per household under concurrent choices', async () => {
          await fresh()
          const choices = ['u-Res1b', 'u-res1', 'u-Res1b', 'u-res1', 'u-Res1b', 'u-res1']
          await Promise.all(choices.map((id) => store.transaction((tx) => tx.users.setRepresentative(ONE, household, id))))
          expect((await store.users.listHousehold(ONE, household)).filter((m) => m.representative)).toHaveLength(1)
        })

        it('serialises two first members of an empty household: the second sees the first as its representative', async () => {
          await fresh()
          const empty = { buildingId: 'b-1', room: '202' }
          const join = (userId: string) =>
            store.transaction(async (tx) => {
              await tx.users.lockHousehold(ONE, empty)
              await tx.users.setHome(userId, empty, at(60))
              const members = await tx.users.listHousehold(ONE, empty)
              if (!members.some((m) => m.representative)) await tx.users.setRepresentative(ONE, empty, userId)
            })
          await store.users.setHome('u-res1', null, at(59))
          await store.users.setHome('u-res2', null, at(59))
          await Promise.all([join('u-res1'), join('u-res2')])
          const members = await store.users.listHousehold(ONE, empty)
          expect(members.map((m) => m.userId).sort()).toEqual(['u-res1', 'u-res2'])
          expect(members.filter((m) => m.representative)).toHaveLength(1)
        })

        it('changes the name and the phone a person goes by, each on its own', async () => {
          await fresh()
          await store.users.updateContact('u-res1', { name: '王秀英' })
          expect(await store.users.find('u-res1')).toMatchObject({ name: '王秀英', phoneMasked: '138****0004' })
          await store.users.updateContact('u-res1', { phone: '13912345678' })
          expect(await store.users.find('u-res1')).toMatchObject({ name: '王秀英', phoneMasked: '139****5678' })
          expect(await store.users.findPhone('u-res1')).toBe('13912345678')
          await store.users.updateContact('u-res1', {})
          expect(await store.users.find('u-res1')).toMatchObject({ name: '王秀英', phoneMasked: '139****5678' })
          expect(await store.users.find('u-res2')).toMatchObject({ name: '李明', phoneMasked: '138****0006' })
        })

        it('ends every session of a person, and only theirs', async () => {
          await fresh()
          await store.sessions.insert({ tokenHash: 'h1', userId: 'u-res1', createdAt: at(0), expiresAt: at(10) })
          await store.sessions.insert({ tokenHash: 'h2', userId: 'u-res1', createdAt: at(1), expiresAt: at(10) })
          await store.sessions.insert({ tokenHash: 'h3', userId: 'u-staff', createdAt: at(0), expiresAt: at(10) })
          await store.sessions.deleteForUser('u-res1')
          expect(await store.sessions.find('h1', at(2))).toBeNull()
          expect(await store.sessions.find('h2', at(2))).toBeNull()
          expect(await store.sessions.find('h3', at(2))).not.toBeNull()
          await store.sessions.deleteForUser('u-none')
        })
      })

      describe('household claims', () => {
        it('keeps one pending claim per person: another answers false and writes nothing', async () => {
          await fresh()
          expect(await store.claims.insert(claim({ id: 'hc_1' }))).toBe(true)
          expect(await store.claims.insert(claim({ id: 'hc_2', room: '201', createdAt: at(2) }))).toBe(false)
          expect(await store.claims.find('hc_2')).toBeNull()
          // Other people's, and the person's finished ones, are not in the way.
          expect(await store.claims.insert(claim({ id: 'hc_3', userId: 'u-grid2', name: '赵强', phone: '13800000003' }))).toBe(true)
          const decided = claim({ id: 'hc_4', status: 'rejected', reason: '房号不对', createdAt: at(0), decidedAt: at(0.5), decidedById: 'u-staff', decidedByName: '张敏' })
          expect(await store.claims.insert(decided)).toBe(true)
          expect(await store.claims.find('hc_1')).toEqual({
            id: 'hc_1',
            communityId: ONE,
            userId: 'u-grid1',
            buildingId: 'b-1',
            buildingName: '1号楼',
            room: '202',
            name: '孙丽',
            phone: '13800000002',
            status: 'pending',
            createdAt: at(1),
          })
          expect(await store.claims.find('hc_4')).toEqual({ ...decided, buildingName: '1号楼' })
          expect(await store.claims.findForUpdate('hc_1')).toEqual(await store.claims.find('hc_1'))
          expect(await store.claims.find('hc_none')).toBeNull()
          expect(await store.claims.findForUpdate('hc_none')).toBeNull()
          // Once it is decided, the person may claim again.
          await store.claims.decide('hc_1', { status: 'withdrawn', at: at(3) })
          expect(await store.claims.insert(claim({ id: 'hc_5', createdAt: at(4) }))).toBe(true)
        })

        it('of concurrent claims by one person exactly one is stored', async () => {
          await fresh()
          const outcomes = await Promise.all(
            [0, 1, 2, 3, 4].map((i) => store.transaction((tx) => tx.claims.insert(claim({ id: `hc_${i}`, room: ['101', '102', '201', '202', '101'][i] })))),
          )
          expect(outcomes.filter(Boolean)).toHaveLength(1)
          expect((await store.claims.listForUser('u-grid1')).map((c) => c.id)).toEqual([`hc_${outcomes.indexOf(true)}`])
        })

        it('lists a person’s claims newest first, ties by id (code points, descending)', async () => {
          await fresh()
          await store.claims.insert(claim({ id: 'hc_a', createdAt: at(1), status: 'rejected', reason: '不对', decidedAt: at(1.5) }))
          await store.claims.insert(claim({ id: 'hc_B', createdAt: at(2), status: 'withdrawn', decidedAt: at(2.5) }))
          await store.claims.insert(claim({ id: 'hc_b', createdAt: at(2), status: 'left', decidedAt: at(2.5) }))
          await store.claims.insert(claim({ id: 'hc_c', createdAt: at(3) }))
          await store.claims.insert(claim({ id: 'hc_z', userId: 'u-grid2', createdAt: at(4) }))
          expect(ids(await store.claims.listForUser('u-grid1'))).toEqual(['hc_c', 'hc_b', 'hc_B', 'hc_a'])
          expect(ids(await store.claims.listForUser('u-none'))).toEqual([])
        })

        it('lists claims to review oldest first (ties by id), by community, status and buildings, after a keyset', async () => {
          await fresh()
          await store.claims.insert(claim({ id: 'hc_p1', userId: 'u-grid1', buildingId: 'b-1', room: '202', createdAt: at(1) }))
          await store.claims.insert(claim({ id: 'hc_pb', userId: 'u-grid2', buildingId: 'b-2', room: '102', createdAt: at(2) }))
          await store.claims.insert(claim({ id: 'hc_pB', userId: 'u-staff', buildingId: 'b-1', room: '102', createdAt: at(2) }))
          await store.claims.insert(claim({ id: 'hc_p4', userId: 'u-res2', buildingId: 'b-2', room: '101', createdAt: at(4) }))
          await store.claims.insert(claim({ id: 'hc_ok', userId: 'u-res1', buildingId: 'b-1', room: '101', createdAt: at(0), status: 'approved', decidedAt: at(0.5) }))
          await store.claims.insert(claim({ id: 'hc_x', communityId: TWO, userId: 'u-other', buildingId: 'b-x', room: '101', createdAt: at(0) }))
          const review = async (buildingIds: readonly string[] | 'all', status: ClaimRecord['status'] = 'pending', cursor: Keyset | null = null, limit = 10, communityId = ONE) =>
            ids(await store.claims.listForReview({ communityId, buildingIds, status }, cursor, limit))
          expect(await review('all')).toEqual(['hc_p1', 'hc_pB', 'hc_pb', 'hc_p4'])
          expect(await review(['b-1'])).toEqual(['hc_p1', 'hc_pB'])
          expect(await review(['b-2', 'b-x'])).toEqual(['hc_pb', 'hc_p4'])
          expect(await review([])).toEqual([])
          expect(await review('all', 'approved')).toEqual(['hc_ok'])
          expect(await review(['b-2'], 'approved')).toEqual([])
          expect(await review('all', 'rejected')).toEqual([])
          expect(await review('all', 'pending', null, 10, TWO)).toEqual(['hc_x'])
          expect(await review('all', 'pending', null, 2)).toEqual(['hc_p1', 'hc_pB'])
          expect(await review('all', 'pending', { createdAt: at(2), id: 'hc_pB' }, 10)).toEqual(['hc_pb', 'hc_p4'])
          expect(await review('all', 'pending', { createdAt: at(2), id: 'hc_pb' }, 10)).toEqual(['hc_p4'])
          expect(await review(['b-1'], 'pending', { createdAt: at(1), id: 'hc_p1' }, 10)).toEqual(['hc_pB'])
          expect(await review('all', 'pending', { createdAt: at(4), id: 'hc_p4' }, 10)).toEqual([])
          const [first] = await store.claims.listForReview({ communityId: ONE, buildingIds: 'all', status: 'pending' }, null, 1)
          expect(first).toEqual(await store.claims.find('hc_p1'))
        })

        it('records what became of a claim, replacing reason and decider (absent: cleared)', async () => {
          await fresh()
          await store.claims.insert(claim({ id: 'hc_1' }))
          const stored = (await store.claims.find('hc_1'))!
          await store.claims.decide('hc_1', { status: 'rejected', reason: '房号不对', at: at(2), byId: 'u-staff', byName: '张敏' })
          expect(await store.claims.find('hc_1')).toEqual({ ...stored, status: 'rejected', reason: '房号不对', decidedAt: at(2), decidedById: 'u-staff', decidedByName: '张敏' })
          await store.claims.decide('hc_1', { status: 'withdrawn', at: at(3) })
          expect(await store.claims.find('hc_1')).toEqual({ ...stored, status: 'withdrawn', decidedAt: at(3) })
          await store.claims.decide('hc_1', { status: 'removed', reason: '已搬走', at: at(4), byId: 'u-leader', byName: '周桂芳' })
          expect(await store.claims.find('hc_1')).toEqual({ ...stored, status: 'removed', reason: '已搬走', decidedAt: at(4), decidedById: 'u-leader', decidedByName: '周桂芳' })
        })

        it('findForUpdate serialises two reviewers of one claim: exactly one sees it pending', async () => {
          await fresh()
          await store.claims.insert(claim({ id: 'hc_1' }))
          const reviewers = [
            { id: 'u-staff', name: '张敏', status: 'approved' as const },
            { id: 'u-leader', name: '周桂芳', status: 'rejected' as const },
          ]
          const outcomes = await Promise.all(
            reviewers.map((by) =>
              store.transaction(async (tx) => {
                const c = (await tx.claims.findForUpdate('hc_1'))!
                await new Promise((resolve) => setTimeout(resolve, 10))
                if (c.status !== 'pending') return false
                await tx.claims.decide(c.id, { status: by.status, at: at(2), byId: by.id, byName: by.name })
                return true
              }),
            ),
          )
          expect(outcomes.filter(Boolean)).toHaveLength(1)
          const winner = reviewers[outcomes.indexOf(true)]
          expect(await store.claims.find('hc_1')).toMatchObject({ status: winner.status, decidedById: winner.id })
        })
      })

      describe('invitations', () => {
        it('stores an invite unless its code is taken (nothing written)', async () => {
          await fresh()
          expect(await store.invites.insert(invite({ id: 'inv_1', code: 'ABCD2345' }))).toBe(true)
          expect(await store.invites.insert(invite({ id: 'inv_2', code: 'ABCD2345', communityId: TWO }))).toBe(false)
          expect(await store.invites.find('inv_2')).toBeNull()
          const system = invite({ id: 'inv_3', code: 'EFGH6789', role: 'admin', gridIds: [], buildingIds: [], note: '', createdById: null, createdByName: '系统' })
          expect(await store.invites.insert(system)).toBe(true)
          expect(await store.invites.find('inv_1')).toEqual(invite({ id: 'inv_1', code: 'ABCD2345' }))
          expect(await store.invites.find('inv_3')).toEqual(system)
          expect(await store.invites.find('inv_none')).toBeNull()
        })

        it('finds an invite by its exact code; lists a community’s newest first (ties by id), at most `limit`', async () => {
          await fresh()
          await store.invites.insert(invite({ id: 'inv_a', code: 'AAAA2222', createdAt: at(1) }))
          await store.invites.insert(invite({ id: 'inv_B', code: 'BBBB2222', createdAt: at(2) }))
          await store.invites.insert(invite({ id: 'inv_b', code: 'CCCC2222', createdAt: at(2) }))
          await store.invites.insert(invite({ id: 'inv_c', code: 'DDDD2222', createdAt: at(3) }))
          await store.invites.insert(invite({ id: 'inv_x', code: 'EEEE2222', createdAt: at(4), communityId: TWO }))
          expect(await store.invites.findByCodeForUpdate('BBBB2222')).toEqual(invite({ id: 'inv_B', code: 'BBBB2222', createdAt: at(2) }))
          expect(await store.invites.findByCodeForUpdate('bbbb2222')).toBeNull()
          expect(await store.invites.findByCodeForUpdate('BBBB222')).toBeNull()
          expect(ids(await store.invites.list(ONE, 10))).toEqual(['inv_c', 'inv_b', 'inv_B', 'inv_a'])
          expect(ids(await store.invites.list(ONE, 2))).toEqual(['inv_c', 'inv_b'])
          expect(ids(await store.invites.list(TWO, 10))).toEqual(['inv_x'])
          expect(ids(await store.invites.list('c-none', 10))).toEqual([])
        })

        it('marks an invite used, or cancelled', async () => {
          await fresh()
          await store.invites.insert(invite({ id: 'inv_1', code: 'ABCD2345' }))
          await store.invites.insert(invite({ id: 'inv_2', code: 'EFGH6789' }))
          await store.invites.markUsed('inv_1', { id: 'u-res2', name: '李明' }, at(5))
          await store.invites.cancel('inv_2', at(6))
          expect(await store.invites.find('inv_1')).toEqual({ ...invite({ id: 'inv_1', code: 'ABCD2345' }), usedById: 'u-res2', usedByName: '李明', usedAt: at(5) })
          expect(await store.invites.find('inv_2')).toEqual({ ...invite({ id: 'inv_2', code: 'EFGH6789' }), cancelledAt: at(6) })
        })

        it('one code, one use: of concurrent redeemers exactly one sees it unused', async () => {
          await fresh()
          await store.invites.insert(invite({ id: 'inv_1', code: 'ABCD2345' }))
          const redeemers = [
            { id: 'u-res1', name: '王秀兰' },
            { id: 'u-res2', name: '李明' },
            { id: 'u-Res1b', name: '王小明' },
          ]
          const outcomes = await Promise.all(
            redeemers.map((by) =>
              store.transaction(async (tx) => {
                const found = (await tx.invites.findByCodeForUpdate('ABCD2345'))!
                await new Promise((resolve) => setTimeout(resolve, 10))
                if (found.usedAt) return false
                await tx.invites.markUsed(found.id, by, at(5))
                await tx.users.grantRole(by.id, { role: found.role, communityId: found.communityId, gridIds: found.gridIds, buildingIds: found.buildingIds })
                return true
              }),
            ),
          )
          expect(outcomes.filter(Boolean)).toHaveLength(1)
          const winner = redeemers[outcomes.indexOf(true)]
          expect(await store.invites.find('inv_1')).toMatchObject({ usedById: winner.id, usedByName: winner.name })
          expect(ids(await store.users.listHandlers(ONE))).toEqual(['u-staff', 'u-grid1', 'u-grid2', winner.id])
        })
      })

      describe('personal data', () => {
        const ERASED = '已注销用户'
        const home = { buildingId: 'b-1', room: '101' }

        /** Something of every kind about u-res1, and a little about others. */
        async function personalFixture(): Promise<void> {
          await fresh()
          const reports = [
            draftReport({ id: 'r_a', createdAt: at(1) }),
            draftReport({
              id: 'r_b',
              createdAt: at(2),
              gridId: 'g-2',
              buildingId: 'b-2',
              reporterId: 'u-res2',
              reporterName: '李明',
              filedBy: { id: 'u-res1', name: '王秀兰' },
              beneficiary: { buildingId: 'b-2', room: '201', name: '李明', phoneMasked: '138****0006' },
            }),
            draftReport({
              id: 'r_c',
              createdAt: at(3),
              filedBy: { id: 'u-leader', name: '周桂芳' },
              beneficiary: { ...home, name: '王秀兰', phoneMasked: '138****0004' },
            }),
            draftReport({ id: 'r_e', createdAt: at(4), reporterId: 'home:b-1:101', reporterName: '住户', filedBy: { id: 'u-staff', name: '张敏' }, beneficiary: home }),
            draftReport({ id: 'r_d', createdAt: at(5), gridId: 'g-2', buildingId: 'b-2', reporterId: 'u-res2', reporterName: '李明' }),
          ]
          for (const r of reports) await store.reports.create(r, submitEvent(r))
          const step = (id: string, reportId: string, actorId: string, actorName: string, when: string) =>
            store.reports.addEvent({ id, reportId, action: 'progress', fromStatus: 'submitted', toStatus: 'submitted', actorId, actorName, actorRole: 'resident', at: when, note: '补充', photos: [], public: true })
          await step('e_res1', 'r_a', 'u-res1', '王秀兰', at(6))
          await step('e_staff', 'r_d', 'u-staff', '张敏', at(6))
          await store.reports.addMeToo('r_d', 'u-res1', at(7))
          await store.reports.addMeToo('r_a', 'u-res2', at(7))
          const post = (id: string, threadId: string, by: { id: string; name: string }, when: string, subject: { reportId: string } | { ownerId: string }) =>
            store.messages.insert({ id, threadId, communityId: ONE, authorId: by.id, authorName: by.name, authorRole: 'resident', body: id, at: when, ...subject })
          await post('m_1', 'report:r_a', { id: 'u-res1', name: '王秀兰' }, at(8), { reportId: 'r_a' })
          await post('m_2', 'general:u-res1', { id: 'u-staff', name: '张敏' }, at(9), { ownerId: 'u-res1' })
          await post('m_3', 'general:u-res1', { id: 'u-res1', name: '王秀兰' }, at(10), { ownerId: 'u-res1' })
          await post('m_4', 'report:r_a', { id: 'u-staff', name: '张敏' }, at(10.5), { reportId: 'r_a' })
          await store.messages.markRead('u-res1', 'general:u-res1', at(11))
          await store.messages.markRead('u-res1', 'report:r_a', at(11))
          const notice = (id: string, authorId: string, authorName: string, publishedAt: string): StoredNotice => ({
            id,
            communityId: ONE,
            scope: { kind: 'community' },
            title: id,
            body: '内容',
            urgent: false,
            pinned: false,
            publishedAt,
            authorId,
            authorName,
          })
          await store.notices.insert(notice('n_s', 'u-staff', '张敏', at(12)))
          await store.notices.insert(notice('n_r', 'u-res1', '王秀兰', at(13)))
          await store.notices.markRead('n_s', 'u-res1', at(14))
          await store.notices.markRead('n_s', 'u-res2', at(14))
          await store.photos.insert({ id: 'p_1', ownerId: 'u-res1', contentType: 'image/png', bytes: 10, width: 3, height: 4, createdAt: at(15) })
          await store.photos.insert({ id: 'p_2', ownerId: 'u-res2', contentType: 'image/jpeg', bytes: 20, createdAt: at(15) })
          await store.sessions.insert({ tokenHash: 'h_2', userId: 'u-res1', createdAt: at(17), expiresAt: at(41) })
          await store.sessions.insert({ tokenHash: 'h_1', userId: 'u-res1', createdAt: at(16), expiresAt: at(40) })
          await store.sessions.insert({ tokenHash: 'h_3', userId: 'u-staff', createdAt: at(16), expiresAt: at(40) })
          await store.reports.claimIdempotencyKey({ userId: 'u-res1', key: 'k-1', fingerprint: 'f', reportId: 'r_a', at: at(1) })
          await store.reports.claimIdempotencyKey({ userId: 'u-res2', key: 'k-1', fingerprint: 'f', reportId: 'r_d', at: at(5) })
          await store.invites.insert(invite({ id: 'inv_used', code: 'USED2345', role: 'building_leader', gridIds: [], buildingIds: ['b-1'], createdAt: at(17) }))
          await store.invites.markUsed('inv_used', { id: 'u-res1', name: '王秀兰' }, at(18))
          await store.invites.insert(invite({ id: 'inv_by', code: 'MADE2345', createdById: 'u-res1', createdByName: '王秀兰', createdAt: at(19) }))
          await store.claims.insert(claim({ id: 'hc_old', userId: 'u-res1', buildingId: 'b-2', room: '201', name: '王秀兰', phone: '13800000004', status: 'rejected', reason: '不对', createdAt: at(-2), decidedAt: at(-1.5), decidedById: 'u-staff', decidedByName: '张敏' }))
          await store.claims.insert(claim({ id: 'hc_mine', userId: 'u-res1', buildingId: 'b-1', room: '101', name: '王秀兰', phone: '13800000004', status: 'approved', createdAt: at(-1), decidedAt: at(-0.5), decidedById: 'u-staff', decidedByName: '张敏' }))
          await store.claims.insert(claim({ id: 'hc_by', userId: 'u-grid2', buildingId: 'b-1', room: '202', name: '赵强', phone: '13800000003', status: 'rejected', reason: '查无此人', createdAt: at(19), decidedAt: at(20), decidedById: 'u-res1', decidedByName: '王秀兰' }))
        }

        it('collects every record about a person', async () => {
          await personalFixture()
          const records = (await store.privacy.collect('u-res1'))!
          expect(records.person).toEqual({
            id: 'u-res1',
            name: '王秀兰',
            phone: '13800000004',
            roles: ['resident'],
            communityId: ONE,
            home,
            createdAt: setUpAt(ONE, 3),
            demo: true,
          })
          // Newest first, as the profile lists them.
          expect(records.claims).toEqual([await store.claims.find('hc_mine'), await store.claims.find('hc_old')])
          // Reported, filed, or filed for their household (as "my reports"), newest first; whole reports.
          expect(ids(records.reports)).toEqual(['r_e', 'r_c', 'r_b', 'r_a'])
          expect(records.reports[2]).toEqual(await store.reports.find('r_b'))
          // The rest in the order it happened.
          expect(ids(records.reportSteps)).toEqual(['e-r_a-0', 'e-r_b-0', 'e_res1'])
          expect(records.reportSteps[2]).toEqual((await store.reports.listEvents('r_a'))[1])
          expect(records.meToo).toEqual([{ reportId: 'r_d', at: at(7) }])
          expect(records.messages).toEqual([
            { id: 'm_1', threadId: 'report:r_a', authorId: 'u-res1', authorName: '王秀兰', authorRole: 'resident', body: 'm_1', at: at(8) },
            { id: 'm_3', threadId: 'general:u-res1', authorId: 'u-res1', authorName: '王秀兰', authorRole: 'resident', body: 'm_3', at: at(10) },
          ])
          expect(records.noticesRead).toEqual([{ noticeId: 'n_s', at: at(14) }])
          const { read: _read, ...published } = (await store.notices.find('n_r', 'u-res1'))!
          expect(records.noticesPublished).toEqual([published])
          expect(records.photos).toEqual([{ id: 'p_1', ownerId: 'u-res1', contentType: 'image/png', bytes: 10, width: 3, height: 4, createdAt: at(15) }])
          expect(records.sessions).toEqual([
            { createdAt: at(16), expiresAt: at(40) },
            { createdAt: at(17), expiresAt: at(41) },
          ])
          expect(records.invitesUsed).toEqual([{ role: 'building_leader', communityId: ONE, usedAt: at(18) }])
          expect(await store.privacy.collect('u-none')).toBeNull()
          // A WeChat user: their openid, no community yet, nothing else.
          await store.users.upsertWeChatUser({ id: 'u-wx', openid: 'o-1', name: '微信用户', at: at(30) })
          expect(await store.privacy.collect('u-wx')).toEqual({
            person: { id: 'u-wx', name: '微信用户', phone: '', roles: ['resident'], communityId: null, createdAt: at(30), openid: 'o-1', demo: false },
            claims: [],
            reports: [],
            reportSteps: [],
            meToo: [],
            messages: [],
            noticesRead: [],
            noticesPublished: [],
            photos: [],
            sessions: [],
            invitesUsed: [],
            consultation: { proposals: [], contributions: [], cosigns: [], acknowledgements: [], ballots: [], ratings: [] },
            bookings: [],
          })
        })

        it('erases a person: their name replaced wherever written, personal rows gone, the user row anonymised, reports kept', async () => {
          await personalFixture()
          const unreadOnReportA = async () =>
            (await store.messages.listThreads({ id: 'u-res1', communityId: ONE, staff: false, gridIds: [] })).find((t) => t.threadId === 'report:r_a')!.unread
          expect(await unreadOnReportA()).toBe(0)
          const before = new Map<string, Report>()
          for (const id of ['r_a', 'r_b', 'r_c', 'r_d', 'r_e']) before.set(id, (await store.reports.find(id))!)
          await store.privacy.erase('u-res1', ERASED, at(50))
          expect(await store.users.find('u-res1')).toEqual({ id: 'u-res1', name: ERASED, phoneMasked: '***', roles: [], communityId: null, gridIds: [], leadsBuildingIds: [] })
          expect(await store.users.findPhone('u-res1')).toBe('')
          // Reports stay, with the name gone (the reporter's name, the filer's, the household's name they gave).
          expect(await store.reports.find('r_a')).toEqual({ ...before.get('r_a'), reporterName: ERASED })
          expect(await store.reports.find('r_b')).toEqual({ ...before.get('r_b'), filedBy: { id: 'u-res1', name: ERASED } })
          expect(await store.reports.find('r_c')).toEqual({ ...before.get('r_c'), reporterName: ERASED, beneficiary: { ...home, name: ERASED } })
          expect(await store.reports.find('r_d')).toEqual(before.get('r_d'))
          expect(await store.reports.find('r_e')).toEqual(before.get('r_e'))
          expect((await store.reports.listEvents('r_a')).map((e) => e.actorName)).toEqual([ERASED, ERASED])
          expect((await store.reports.listEvents('r_b')).map((e) => e.actorName)).toEqual([ERASED])
          expect((await store.reports.listEvents('r_c')).map((e) => e.actorName)).toEqual(['周桂芳'])
          expect((await store.reports.listEvents('r_d')).map((e) => e.actorName)).toEqual(['李明', '张敏'])
          expect((await store.messages.listBefore('general:u-res1', null, 10)).map(({ message: m }) => [m.id, m.authorName])).toEqual([
            ['m_3', ERASED],
            ['m_2', '张敏'],
          ])
          expect((await store.messages.listBefore('report:r_a', null, 10)).map(({ message: m }) => m.authorName)).toEqual(['张敏', ERASED])
          expect((await store.notices.find('n_r', 'u-staff'))!.authorName).toBe(ERASED)
          expect((await store.notices.find('n_s', 'u-staff'))!.authorName).toBe('张敏')
          expect(await store.invites.find('inv_used')).toMatchObject({ usedById: 'u-res1', usedByName: ERASED, createdByName: '张敏' })
          expect(await store.invites.find('inv_by')).toMatchObject({ createdByName: ERASED })
          expect(await store.claims.find('hc_by')).toMatchObject({ decidedById: 'u-res1', decidedByName: ERASED, name: '赵强' })
          // Their claims, sessions, read marks and idempotency keys are gone; others' stay.
          expect(await store.claims.listForUser('u-res1')).toEqual([])
          expect(await store.claims.find('hc_mine')).toBeNull()
          expect(await store.sessions.find('h_1', at(20))).toBeNull()
          expect(await store.sessions.find('h_2', at(20))).toBeNull()
          expect(await store.sessions.find('h_3', at(20))).not.toBeNull()
          expect([...(await store.notices.listReaders('n_s'))]).toEqual(['u-res2'])
          expect(await store.reports.findIdempotencyKey('u-res1', 'k-1')).toBeNull()
          expect(await store.reports.findIdempotencyKey('u-res2', 'k-1')).toEqual({ fingerprint: 'f', reportId: 'r_d' })
          // Their read marks are gone: the staff's reply on a report of theirs counts as unread again.
          expect(await unreadOnReportA()).toBe(1)
          // Voices and photos stay with the reports.
          expect((await store.reports.find('r_d'))!.meTooCount).toBe(1)
          expect((await store.photos.findMany(['p_1'])).size).toBe(1)
          // A deleted person is nobody's follower, resident or demo account.
          expect(await store.users.findFollowers(before.get('r_c')!)).toEqual([{ id: 'u-leader' }, { id: 'u-Res1b' }])
          expect(await store.users.findFollowers(before.get('r_a')!)).toEqual([])
          expect((await store.users.findResidentAt(ONE, home))?.id).toBe('u-Res1b')
          expect(await store.users.findContact(before.get('r_a')!)).toBeNull()
          expect((await store.users.listDemoAccounts()).map((a) => a.userId)).toEqual(['u-staff', 'u-grid1', 'u-leader'])
          expect(await store.users.listHousehold(ONE, home)).toEqual([expect.objectContaining({ userId: 'u-Res1b' })])
          const after = (await store.privacy.collect('u-res1'))!
          expect(after.person).toEqual({ id: 'u-res1', name: ERASED, phone: '', roles: [], communityId: null, createdAt: setUpAt(ONE, 3), demo: false })
          expect([after.claims, after.sessions, after.noticesRead]).toEqual([[], [], []])
          expect(ids(after.reports)).toEqual(['r_c', 'r_b', 'r_a'])
        })

        it('erases the name of a person a report was assigned to (派单), on the report and on its step', async () => {
          await fresh()
          const r = draftReport({ id: 'r_assigned', createdAt: at(1), status: 'in_progress', assignee: { kind: 'user', id: 'u-grid1', name: '刘伟' } })
          await store.reports.create(r, submitEvent(r))
          await store.reports.addEvent({
            id: 'e_assign',
            reportId: 'r_assigned',
            action: 'assign',
            fromStatus: 'accepted',
            toStatus: 'in_progress',
            actorId: 'u-staff',
            actorName: '张敏',
            actorRole: 'staff',
            at: at(2),
            assignee: { kind: 'user', id: 'u-grid1', name: '刘伟' },
            photos: [],
            public: true,
          })
          await store.privacy.erase('u-grid1', ERASED, at(3))
          expect((await store.reports.find('r_assigned'))!.assignee).toEqual({ kind: 'user', id: 'u-grid1', name: ERASED })
          const steps = await store.reports.listEvents('r_assigned')
          expect(steps.find((e) => e.id === 'e_assign')).toMatchObject({ actorName: '张敏', assignee: { kind: 'user', id: 'u-grid1', name: ERASED } })
        })

        it('erases in one unit: in a transaction that throws, nothing is erased', async () => {
          await personalFixture()
          const boom = new Error('boom')
          await expect(
            store.transaction(async (tx) => {
              await tx.privacy.erase('u-res1', ERASED, at(50))
              throw boom
            }),
          ).rejects.toBe(boom)
          expect(await store.users.find('u-res1')).toMatchObject({ name: '王秀兰', communityId: ONE, home })
          expect((await store.reports.find('r_a'))!.reporterName).toBe('王秀兰')
          expect(await store.claims.listForUser('u-res1')).toHaveLength(2)
          expect(await store.sessions.find('h_1', at(20))).not.toBeNull()
        })

        it('frees a deleted account’s openid: signing in again starts afresh', async () => {
          await fresh()
          await store.users.upsertWeChatUser({ id: 'u-wx', openid: 'o-1', name: '微信用户', at: at(1) })
          await store.privacy.erase('u-wx', ERASED, at(2))
          const again = await store.users.upsertWeChatUser({ id: 'u-wx2', openid: 'o-1', name: '微信用户', at: at(3) })
          expect(again).toMatchObject({ id: 'u-wx2', communityId: null, roles: ['resident'] })
          expect(await store.users.find('u-wx')).toMatchObject({ name: ERASED, roles: [] })
        })
      })
    })
  })
}
