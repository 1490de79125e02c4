/**
 * The repository contract: what every Store of src/core/ports.ts answers — order, filters,
 * visibility, atomicity under concurrency, rollback — checked the same way on the memory store
 * (memory.test.ts) and the SQL store on PGlite and PostgreSQL (sql.test.ts). Fixtures are built
 * through the ports only (fixture.ts), so one fixture runs everywhere.
 *
 * Orders are stated as literal ids where a person can check them by eye, and as the domain's
 * comparator (compareInbox) over the fixture where the rule is the point.
 */
import type { Report, ReportStatus } from '../../types/domain'
import type { InboxFilter, Keyset, NoticeKeyset, NoticeViewer, ReportOwner, Store, ThreadRow, ThreadViewer } from '../../src/core/ports'
import { compareInbox } from '../../src/domain/inbox'
import { computeReceipts } from '../../src/domain/notices'
import { isOverdue } from '../../src/domain/deadline'
import {
  at,
  buildReadFixture,
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
        it('finds communities, and the oldest is the default', async () => {
          expect(await store.directory.findCommunity(ONE)).toEqual(setupOne().community)
          expect(await store.directory.findCommunity('c-none')).toBeNull()
          expect(await store.directory.defaultCommunityId()).toBe(TWO)
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
        const inbox = async (f: InboxFilter, now = NOW, offset = 0, limit = 50) => ids(await store.reports.listInbox(f, now, offset, limit))

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

        it('pages by offset', async () => {
          const all: InboxFilter = { communityId: ONE, gridIds: 'all' }
          const whole = expected(all)
          expect(await inbox(all, NOW, 0, 5)).toEqual(whole.slice(0, 5))
          expect(await inbox(all, NOW, 5, 4)).toEqual(whole.slice(5, 9))
          expect(await inbox(all, NOW, 16, 4)).toEqual(whole.slice(16))
          expect(await inbox(all, NOW, 40, 4)).toEqual([])
        })

        it('answers whole reports', async () => {
          const [first] = await store.reports.listInbox({ communityId: ONE, gridIds: 'all', escalatedOnly: true }, NOW, 0, 1)
          expect(first).toEqual(await store.reports.find(first.id))
        })
      })

      describe('reports: the dashboard', () => {
        it('reads reports filed in one span or resolved in another, with those resolve steps', async () => {
          const { reports, events } = await store.reports.listForDashboard(ONE, {
            createdFrom: at(10),
            createdTo: at(15),
            resolvedFrom: at(55),
            resolvedTo: at(65),
          })
          expect(ids(reports).sort(codePoint)).toEqual(['r_iA', 'r_ia', 'r_o1', 'r_o2', 'r_o3', 'r_o4'])
          expect(ids(events)).toEqual(['e_res_o3'])
          expect(reports.find((r) => r.id === 'r_o1')).toEqual(await store.reports.find('r_o1'))
          const wide = await store.reports.listForDashboard(ONE, { createdFrom: at(0), createdTo: at(1.5), resolvedFrom: at(0), resolvedTo: at(100) })
          expect(ids(wide.reports).sort(codePoint)).toEqual(['r_f2', 'r_m1', 'r_o3'])
          expect(ids(wide.events).sort(codePoint)).toEqual(['e_res_f2', 'e_res_o3'])
          const none = await store.reports.listForDashboard(ONE, { createdFrom: at(1000), createdTo: at(1001), resolvedFrom: at(1000), resolvedTo: at(1001) })
          expect(none).toEqual({ reports: [], events: [] })
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
        expect(await store.directory.defaultCommunityId()).toBe(TWO)
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
          await tx.users.upsertWeChatUser({ id: 'u-wx', openid: 'o-gone', communityId: ONE, name: '微信用户', at: at(5) })
          await tx.directory.createCommunity({ ...setupTwo(), community: { ...setupTwo().community, id: 'c-gone' }, grids: [], buildings: [], categories: [], people: [] }, at(5))
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

      it('signs WeChat users up once per openid', async () => {
        await fresh()
        const user = await store.users.upsertWeChatUser({ id: 'u-wx', openid: 'o-1', communityId: ONE, name: '微信用户', at: at(1) })
        expect(user).toEqual({ id: 'u-wx', name: '微信用户', phoneMasked: '***', roles: ['resident'], communityId: ONE, gridIds: [], leadsBuildingIds: [] })
        expect(await store.users.upsertWeChatUser({ id: 'u-wx2', openid: 'o-1', communityId: TWO, name: '别人', at: at(2) })).toEqual(user)
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
        expect(found.get('p_1')).toEqual({ id: 'p_1', ownerId: 'u-res1', contentType: 'image/png', bytes: 10, width: 3, height: 4 })
        expect(found.get('p_2')).toEqual({ id: 'p_2', ownerId: 'u-res2', contentType: 'image/jpeg', bytes: 20 })
        expect((await store.photos.findMany([])).size).toBe(0)
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
    })
  })
}
