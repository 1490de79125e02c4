/**
 * The repository contract of conventions and consultation (issue 11; src/core/consultation-ports.ts):
 * what every Store answers for settings, write keys, conventions, proposals, contributions, votes
 * and disclosures — round trips, orders and cursors, filters, one-per-household inserts, counts,
 * atomicity under concurrency, rollback and the personal-data part — the same on the memory store
 * (memory.test.ts) and the SQL store (sql-pglite.test.ts, sql-postgres.test.ts). Fixtures go through the ports only.
 *
 * Ids mix upper and lower case on purpose: code-point order puts 'B' before 'a'.
 */
import type { Street } from '../../types/domain'
import type {
  AcknowledgementRecord,
  BallotReceipt,
  CommunitySetup,
  ContributionRecord,
  ConventionRecord,
  ConventionVersionRecord,
  DisclosureRecord,
  PersonRecord,
  ProposalRecord,
  RatingRecord,
  Store,
  VoteRecord,
} from '../../src/core/ports'
import type { HouseholdKey } from '../../src/domain/consultation/households'
import { at, ONE, PEOPLE, SET_UP, setupBare, setupOne, setupTwo, TWO } from './fixture'
import type { StoreUnderTest } from './suite'

const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id)
const home = (buildingId: string, room: string): HouseholdKey => ({ buildingId, room })
const ERASED = '已注销用户'

// ── records as the services store them ─────────────────────────────────────────────────────────

const convention = (over: Partial<ConventionRecord> & { id: string }): ConventionRecord => ({
  communityId: ONE,
  kind: 'community',
  title: `公约 ${over.id}`,
  buildingIds: [],
  createdAt: at(1),
  createdById: PEOPLE.staff.id,
  createdByName: PEOPLE.staff.name,
  ...over,
})

const articles = (tag: string) => [
  { id: `a-1`, number: 1, title: '总则', text: `爱护公共设施 ${tag}` },
  { id: `a-2`, number: 2, title: '环境', text: `垃圾分类投放 ${tag}` },
]

const version = (over: Partial<ConventionVersionRecord> & { conventionId: string; version: number }): ConventionVersionRecord => ({
  status: 'draft',
  articles: articles(`v${over.version}`),
  changeNote: `第${over.version}版`,
  createdAt: at(over.version),
  createdByName: PEOPLE.staff.name,
  ...over,
})

const acknowledgement = (over: Partial<AcknowledgementRecord> & { conventionId: string; version: number }): AcknowledgementRecord => ({
  buildingId: 'b-1',
  room: '101',
  userId: PEOPLE.res1.id,
  userName: PEOPLE.res1.name,
  at: at(10),
  ...over,
})

const proposal = (over: Partial<ProposalRecord> & { id: string }): ProposalRecord => ({
  communityId: ONE,
  authorId: PEOPLE.res1.id,
  authorName: PEOPLE.res1.name,
  authorHome: home('b-1', '101'),
  authorBuildingName: '1号楼',
  title: `提议 ${over.id}`,
  body: '小区东门的路灯坏了很久，建议更换为太阳能路灯。',
  photoIds: [],
  threshold: 3,
  deadline: at(720),
  status: 'collecting',
  createdAt: at(1),
  ...over,
})

const answered = (kind: 'agenda' | 'declined' | 'merged', hours: number): NonNullable<ProposalRecord['answer']> => ({
  kind,
  reason: kind === 'agenda' ? '列入下月议事会' : '已有同类提议',
  at: at(hours),
  byId: PEOPLE.staff.id,
  byName: PEOPLE.staff.name,
})

const contribution = (over: Partial<ContributionRecord> & { id: string; subjectKey: string }): ContributionRecord => ({
  communityId: ONE,
  authorId: PEOPLE.res2.id,
  authorName: PEOPLE.res2.name,
  official: false,
  body: `意见 ${over.id}`,
  createdAt: at(5),
  ...over,
})

const OPTIONS = [
  { id: 'yes', label: '同意' },
  { id: 'no', label: '不同意' },
  { id: 'abstain', label: '弃权' },
]

const vote = (over: Partial<VoteRecord> & { id: string }): VoteRecord => ({
  communityId: ONE,
  title: `表决 ${over.id}`,
  description: '是否同意更换路灯',
  kind: 'approval',
  options: OPTIONS,
  scope: { kind: 'community' },
  quorumPercent: 50,
  majority: 'simple',
  publicityDays: 7,
  opensAt: at(1),
  closesAt: at(200),
  createdAt: at(1),
  createdById: PEOPLE.staff.id,
  createdByName: PEOPLE.staff.name,
  ...over,
})

const phoneReceipt = (voteId: string, h: HouseholdKey, by: { id: string; name: string }, hours = 10): BallotReceipt => ({
  voteId,
  buildingId: h.buildingId,
  room: h.room,
  channel: 'phone',
  castById: by.id,
  castByName: by.name,
  at: at(hours),
})

const paperReceipt = (voteId: string, h: HouseholdKey, note: string, hours = 11): BallotReceipt => ({
  voteId,
  buildingId: h.buildingId,
  room: h.room,
  channel: 'paper',
  castByName: note,
  enteredById: PEOPLE.staff.id,
  enteredByName: PEOPLE.staff.name,
  at: at(hours),
})

const rating = (over: Partial<RatingRecord> & { proposalId: string }): RatingRecord => ({
  buildingId: 'b-1',
  room: '101',
  userId: PEOPLE.res1.id,
  userName: PEOPLE.res1.name,
  level: 'satisfied',
  comment: '',
  at: at(30),
  ...over,
})

const disclosure = (over: Partial<DisclosureRecord> & { id: string }): DisclosureRecord => ({
  communityId: ONE,
  category: 'affairs',
  period: { year: 2026, month: 11 },
  title: `公开 ${over.id}`,
  body: '本月居务公开事项',
  photoIds: [],
  publishedAt: at(10),
  authorId: PEOPLE.staff.id,
  authorName: PEOPLE.staff.name,
  ...over,
})

// ── a community of ten households of two members each (the concurrent ballots) ─────────────────

const VOTING = 'c-Voting'
const VOTING_STREET: Street = { id: 's-vote', name: '表决街道', district: '无锡市新吴区' }
const VOTING_ROOMS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10']
const votingMember = (room: string, n: 1 | 2) => `u-v${room}-${n}`

function setupVoting(): CommunitySetup {
  const people: PersonRecord[] = VOTING_ROOMS.flatMap((room) =>
    ([1, 2] as const).map((n) => ({
      id: votingMember(room, n),
      name: `住户${room}-${n}`,
      phone: '',
      roles: ['resident'],
      home: { buildingId: 'b-v', room },
      gridIds: [],
      leadsBuildingIds: [],
    })),
  )
  return {
    ...setupBare({ id: VOTING, name: '表决社区', kind: 'community', district: '无锡市新吴区表决街道', streetId: VOTING_STREET.id, streetName: VOTING_STREET.name }, VOTING_STREET, 'VOTE42', 'VT', [
      { id: 'u-vstaff', name: '表决社工', phone: '13600000001', roles: ['staff'], gridIds: [], leadsBuildingIds: [] },
      ...people,
    ]),
    grids: [{ id: 'g-v', communityId: VOTING, name: '表决网格' }],
    buildings: [{ id: 'b-v', communityId: VOTING, gridId: 'g-v', name: '表决楼', rooms: VOTING_ROOMS }],
  }
}

// ── the suite ──────────────────────────────────────────────────────────────────────────────────

export function defineConsultationSuite(name: string, setup: () => Promise<StoreUnderTest>): void {
  describe(`the consultation repository contract: ${name}`, () => {
    let sut: StoreUnderTest
    let store: Store

    beforeEach(async () => {
      sut = await setup()
      store = sut.store
      await store.directory.createCommunity(setupTwo(), SET_UP[TWO])
      await store.directory.createCommunity(setupOne(), SET_UP[ONE])
    })
    afterEach(async () => {
      await sut.teardown()
    })

    // ── settings and write keys ──────────────────────────────────────────────────────────────

    describe('settings', () => {
      it('are null until saved, then as last saved', async () => {
        expect(await store.settings.find(ONE)).toBeNull()
        await store.settings.save(ONE, { proposalThreshold: 5, proposalWindowDays: 14 }, at(1))
        expect(await store.settings.find(ONE)).toStrictEqual({ proposalThreshold: 5, proposalWindowDays: 14 })
        await store.settings.save(ONE, { proposalThreshold: 8, proposalWindowDays: 30 }, at(2))
        expect(await store.settings.find(ONE)).toStrictEqual({ proposalThreshold: 8, proposalWindowDays: 30 })
        expect(await store.settings.find(TWO)).toBeNull()
      })
    })

    describe('write keys', () => {
      it('are claimed once per person, kind and key; the first record stands', async () => {
        const first = { userId: PEOPLE.res1.id, key: 'k-1', kind: 'proposal', fingerprint: 'f-1', objectId: 'p_1', at: '2026-11-20T09:00:00+08:00' }
        expect(await store.writeKeys.find(first.userId, 'proposal', 'k-1')).toBeNull()
        expect(await store.writeKeys.claim(first)).toBe(true)
        expect(await store.writeKeys.claim({ ...first, fingerprint: 'f-2', objectId: 'p_2', at: at(2) })).toBe(false)
        expect(await store.writeKeys.find(first.userId, 'proposal', 'k-1')).toStrictEqual({ ...first, at: at(1) })
        // The same key of another kind, or of another person, is another key.
        expect(await store.writeKeys.claim({ ...first, kind: 'contribution', objectId: 'ct_1' })).toBe(true)
        expect(await store.writeKeys.claim({ ...first, userId: PEOPLE.res2.id, objectId: 'p_3' })).toBe(true)
        expect((await store.writeKeys.find(first.userId, 'contribution', 'k-1'))?.objectId).toBe('ct_1')
        expect((await store.writeKeys.find(PEOPLE.res2.id, 'proposal', 'k-1'))?.objectId).toBe('p_3')
      })

      it('races: of 6 concurrent claims of one key, exactly one wins', async () => {
        const results = await Promise.all(
          [0, 1, 2, 3, 4, 5].map((i) =>
            store.transaction((tx) => tx.writeKeys.claim({ userId: PEOPLE.res1.id, key: 'k-race', kind: 'vote', fingerprint: `f${i}`, objectId: `v_${i}`, at: at(1) })),
          ),
        )
        expect(results.filter(Boolean)).toHaveLength(1)
        const winner = results.indexOf(true)
        expect((await store.writeKeys.find(PEOPLE.res1.id, 'vote', 'k-race'))?.objectId).toBe(`v_${winner}`)
      })
    })

    // ── conventions ──────────────────────────────────────────────────────────────────────────

    describe('conventions', () => {
      it('round-trip a convention (instants normalised) and list a community’s oldest first, ties by id in code points', async () => {
        const micro = convention({ id: 'cv_m', kind: 'building', buildingIds: ['b-2', 'b-1'], title: '1、2号楼微公约', createdAt: '2026-11-20T11:00:00+08:00' })
        await store.conventions.insert(micro)
        await store.conventions.insert(convention({ id: 'cv_a', createdAt: at(1) }))
        await store.conventions.insert(convention({ id: 'cv_B', createdAt: at(1) }))
        await store.conventions.insert(convention({ id: 'cv_0', createdAt: at(2) }))
        await store.conventions.insert(convention({ id: 'cv_x', communityId: TWO, kind: 'village', createdById: PEOPLE.other.id, createdByName: PEOPLE.other.name }))
        expect(await store.conventions.find('cv_m')).toStrictEqual({ ...micro, createdAt: at(3) })
        expect(await store.conventions.find('cv_none')).toBeNull()
        expect(await store.transaction((tx) => tx.conventions.findForUpdate('cv_m'))).toStrictEqual({ ...micro, createdAt: at(3) })
        expect(ids(await store.conventions.list(ONE))).toEqual(['cv_B', 'cv_a', 'cv_0', 'cv_m'])
        expect(ids(await store.conventions.list(TWO))).toEqual(['cv_x'])
      })

      it('store a version once: the second insert of a number answers false and the first stands; optional fields absent', async () => {
        await store.conventions.insert(convention({ id: 'cv_1' }))
        const first = version({ conventionId: 'cv_1', version: 1 })
        expect(await store.conventions.insertVersion(first)).toBe(true)
        expect(await store.conventions.insertVersion({ ...first, articles: articles('again'), changeNote: '重复' })).toBe(false)
        expect(await store.conventions.listVersions(['cv_1'])).toStrictEqual([first])
      })

      it('replace a draft and change a version’s status, vote and effective date, absent fields staying', async () => {
        await store.conventions.insert(convention({ id: 'cv_1' }))
        await store.conventions.insertVersion(version({ conventionId: 'cv_1', version: 1, status: 'published', effectiveFrom: at(2) }))
        await store.conventions.insertVersion(version({ conventionId: 'cv_1', version: 2 }))
        const revised = [{ id: 'a-1', number: 1, title: '总则', text: '爱护公共设施，文明养犬' }, { id: 'a-3', number: 2, title: '停车', text: '车辆有序停放' }]
        await store.conventions.replaceDraft('cv_1', 2, { articles: revised, changeNote: '增加停车条款', createdAt: at(5), createdByName: PEOPLE.leader.name })
        await store.votes.insert(vote({ id: 'v_cv', convention: { id: 'cv_1', version: 2 } }), [home('b-1', '101')])
        await store.conventions.updateVersion('cv_1', 2, { voteId: 'v_cv' })
        const put = { conventionId: 'cv_1', version: 2, status: 'draft' as const, articles: revised, changeNote: '增加停车条款', voteId: 'v_cv', createdAt: at(5), createdByName: PEOPLE.leader.name }
        expect((await store.conventions.listVersions(['cv_1']))[1]).toStrictEqual(put)
        await store.conventions.updateVersion('cv_1', 2, { status: 'published', effectiveFrom: '2026-11-21T08:00:00+08:00' })
        const [v1, v2] = await store.conventions.listVersions(['cv_1'])
        expect(v2).toStrictEqual({ ...put, status: 'published', effectiveFrom: at(24) })
        // The other version is untouched.
        expect(v1).toStrictEqual(version({ conventionId: 'cv_1', version: 1, status: 'published', effectiveFrom: at(2) }))
        await store.conventions.updateVersion('cv_1', 1, { status: 'rejected' })
        expect((await store.conventions.listVersions(['cv_1']))[0]).toStrictEqual(version({ conventionId: 'cv_1', version: 1, status: 'rejected', effectiveFrom: at(2) }))
      })

      it('list the versions of several conventions by convention id (code points) then version number', async () => {
        for (const id of ['cv_a', 'cv_B', 'cv_c']) await store.conventions.insert(convention({ id }))
        for (const [id, n] of [['cv_a', 1], ['cv_B', 10], ['cv_B', 2], ['cv_c', 1], ['cv_B', 1]] as const) {
          await store.conventions.insertVersion(version({ conventionId: id, version: n }))
        }
        const listed = await store.conventions.listVersions(['cv_a', 'cv_B'])
        expect(listed.map((v) => `${v.conventionId}@${v.version}`)).toEqual(['cv_B@1', 'cv_B@2', 'cv_B@10', 'cv_a@1'])
        expect(listed[0].articles).toEqual(articles('v1'))
        expect(await store.conventions.listVersions([])).toEqual([])
      })

      it('take one acknowledgement per household and version (a second member’s answers false) and list them for several versions in the order made', async () => {
        await store.conventions.insert(convention({ id: 'cv_1' }))
        await store.conventions.insert(convention({ id: 'cv_2' }))
        for (const [id, n] of [['cv_1', 1], ['cv_1', 2], ['cv_2', 1]] as const) await store.conventions.insertVersion(version({ conventionId: id, version: n, status: 'published' }))
        const mine = acknowledgement({ conventionId: 'cv_1', version: 1, at: at(12) })
        expect(await store.conventions.acknowledge(mine)).toBe(true)
        expect(await store.conventions.acknowledge({ ...mine, userId: PEOPLE.res1b.id, userName: PEOPLE.res1b.name, at: at(13) })).toBe(false)
        expect(await store.conventions.acknowledge({ ...mine, at: at(14) })).toBe(false)
        // The same household acknowledges another version: another acknowledgement.
        expect(await store.conventions.acknowledge({ ...mine, version: 2, at: at(20) })).toBe(true)
        const leader = acknowledgement({ conventionId: 'cv_2', version: 1, buildingId: 'b-2', room: '202', userId: PEOPLE.leader.id, userName: PEOPLE.leader.name, at: at(11) })
        const res2 = acknowledgement({ conventionId: 'cv_1', version: 1, buildingId: 'b-2', room: '201', userId: PEOPLE.res2.id, userName: PEOPLE.res2.name, at: at(11) })
        const b1 = acknowledgement({ conventionId: 'cv_2', version: 1, buildingId: 'b-1', room: '102', userId: PEOPLE.grid1.id, userName: PEOPLE.grid1.name, at: at(11) })
        for (const a of [leader, res2, b1]) expect(await store.conventions.acknowledge(a)).toBe(true)
        const listed = await store.conventions.listAcknowledgements([
          { conventionId: 'cv_1', version: 1 },
          { conventionId: 'cv_2', version: 1 },
        ])
        // At 11: b-1/102, then b-2/201, then b-2/202; then res1's at 12. cv_1 v2 was not asked.
        expect(listed).toStrictEqual([b1, res2, leader, mine])
        expect(await store.conventions.listAcknowledgements([{ conventionId: 'cv_1', version: 2 }])).toStrictEqual([{ ...mine, version: 2, at: at(20) }])
        expect(await store.conventions.listAcknowledgements([])).toEqual([])
      })
    })

    // ── proposals ────────────────────────────────────────────────────────────────────────────

    describe('proposals', () => {
      /** Four proposals of ONE and one of TWO: newest first p_3, p_a, p_B, p_1 ('p_a' > 'p_B' in code points). */
      async function fourProposals(): Promise<void> {
        await store.proposals.insert(proposal({ id: 'p_1', createdAt: at(1) }))
        await store.proposals.insert(
          proposal({ id: 'p_B', createdAt: at(2), authorId: PEOPLE.leader.id, authorName: PEOPLE.leader.name, authorHome: home('b-2', '202'), authorBuildingName: '2号楼', status: 'agenda', answer: answered('agenda', 3) }),
        )
        await store.proposals.insert(proposal({ id: 'p_a', createdAt: at(2), authorId: PEOPLE.res2.id, authorName: PEOPLE.res2.name, authorHome: home('b-2', '201'), authorBuildingName: '2号楼' }))
        await store.proposals.insert(proposal({ id: 'p_3', createdAt: at(3), status: 'declined', answer: answered('declined', 4) }))
        await store.proposals.insert(
          proposal({ id: 'p_x', communityId: TWO, createdAt: at(5), authorId: PEOPLE.other.id, authorName: PEOPLE.other.name, authorHome: home('b-x', '101'), authorBuildingName: '村委楼' }),
        )
      }

      it('round-trip a proposal with its counts: optional fields absent, instants normalised', async () => {
        const plain = proposal({ id: 'p_1', createdAt: '2026-11-20T09:00:00+08:00', deadline: '2026-12-20T08:00:00+08:00' })
        await store.proposals.insert(plain)
        expect(await store.proposals.find('p_1')).toStrictEqual({
          ...plain,
          createdAt: at(1),
          deadline: '2026-12-20T00:00:00.000Z',
          cosigns: 0,
          contributions: 0,
          cosignedByViewer: false,
        })
        expect(await store.proposals.find('p_none')).toBeNull()
        expect(await store.transaction((tx) => tx.proposals.findForUpdate('p_1'))).toStrictEqual({ ...plain, createdAt: at(1), deadline: '2026-12-20T00:00:00.000Z' })
      })

      it('round-trip every optional field: the article, the answer with its merge, the vote, who carries it out', async () => {
        await store.conventions.insert(convention({ id: 'cv_1' }))
        await store.proposals.insert(proposal({ id: 'p_into' }))
        await store.votes.insert(vote({ id: 'v_1' }), [])
        await store.photos.insert({ id: 'ph_1', ownerId: PEOPLE.res1.id, contentType: 'image/jpeg', bytes: 1000, createdAt: at(0) })
        const full = proposal({
          id: 'p_full',
          photoIds: ['ph_1'],
          article: { conventionId: 'cv_1', articleId: 'a-2', proposedText: '垃圾定时定点投放' },
          status: 'merged',
          answer: { ...answered('merged', 6), mergedIntoId: 'p_into' },
          voteId: 'v_1',
          responsible: '物业服务中心',
        })
        await store.proposals.insert(full)
        const { cosigns, contributions, cosignedByViewer, ...record } = (await store.proposals.find('p_full'))!
        expect(record).toStrictEqual(full)
        expect({ cosigns, contributions, cosignedByViewer }).toEqual({ cosigns: 0, contributions: 0, cosignedByViewer: false })
      })

      it('list a community’s newest first, paging by keyset inside a tie', async () => {
        await fourProposals()
        const filter = { communityId: ONE }
        expect(ids(await store.proposals.list(filter, null, 10))).toEqual(['p_3', 'p_a', 'p_B', 'p_1'])
        const page1 = await store.proposals.list(filter, null, 2)
        expect(ids(page1)).toEqual(['p_3', 'p_a'])
        const last = page1[1]
        expect(ids(await store.proposals.list(filter, { createdAt: last.createdAt, id: last.id }, 2))).toEqual(['p_B', 'p_1'])
        expect(ids(await store.proposals.list(filter, { createdAt: at(2), id: 'p_B' }, 2))).toEqual(['p_1'])
        expect(ids(await store.proposals.list({ communityId: TWO }, null, 10))).toEqual(['p_x'])
      })

      it('filter by statuses, author and unanswered (no answer, whatever the status)', async () => {
        await fourProposals()
        expect(ids(await store.proposals.list({ communityId: ONE, statuses: ['collecting'] }, null, 10))).toEqual(['p_a', 'p_1'])
        expect(ids(await store.proposals.list({ communityId: ONE, statuses: ['agenda', 'declined'] }, null, 10))).toEqual(['p_3', 'p_B'])
        expect(ids(await store.proposals.list({ communityId: ONE, authorId: PEOPLE.res1.id }, null, 10))).toEqual(['p_3', 'p_1'])
        expect(ids(await store.proposals.list({ communityId: ONE, unanswered: true }, null, 10))).toEqual(['p_a', 'p_1'])
        expect(ids(await store.proposals.list({ communityId: ONE, statuses: ['agenda'], unanswered: true }, null, 10))).toEqual([])
        // Answered but voting: not unanswered.
        await store.proposals.update('p_B', { status: 'voting' })
        expect(ids(await store.proposals.list({ communityId: ONE, statuses: ['voting'], unanswered: true }, null, 10))).toEqual([])
        expect(ids(await store.proposals.list({ communityId: ONE, statuses: ['voting'] }, null, 10))).toEqual(['p_B'])
      })

      it('update only the fields of a patch', async () => {
        await store.proposals.insert(proposal({ id: 'p_1' }))
        await store.proposals.update('p_1', { status: 'agenda', answer: answered('agenda', 3) })
        await store.votes.insert(vote({ id: 'v_1', proposalId: 'p_1' }), [])
        await store.proposals.update('p_1', { voteId: 'v_1' })
        await store.proposals.update('p_1', { responsible: '物业服务中心' })
        await store.proposals.update('p_1', { status: 'adopted' })
        expect(await store.transaction((tx) => tx.proposals.findForUpdate('p_1'))).toStrictEqual({
          ...proposal({ id: 'p_1' }),
          status: 'adopted',
          answer: answered('agenda', 3),
          voteId: 'v_1',
          responsible: '物业服务中心',
        })
      })

      it('take one co-sign per household (a second member’s answers false) and count them; the viewer’s household is told', async () => {
        await fourProposals()
        const cosign = { proposalId: 'p_1', buildingId: 'b-2', room: '201', userId: PEOPLE.res2.id, at: at(4) }
        expect(await store.proposals.cosign(cosign)).toBe(true)
        expect(await store.proposals.cosign({ ...cosign, at: at(5) })).toBe(false)
        expect(await store.proposals.cosign({ proposalId: 'p_1', buildingId: 'b-1', room: '102', userId: PEOPLE.grid1.id, at: at(5) })).toBe(true)
        expect(await store.proposals.cosign({ proposalId: 'p_1', buildingId: 'b-1', room: '102', userId: PEOPLE.staff.id, at: at(6) })).toBe(false)
        expect(await store.proposals.cosign({ proposalId: 'p_a', buildingId: 'b-1', room: '102', userId: PEOPLE.grid1.id, at: at(6) })).toBe(true)
        expect(await store.proposals.countCosigns('p_1')).toBe(2)
        expect(await store.proposals.countCosigns('p_a')).toBe(1)
        expect(await store.proposals.countCosigns('p_B')).toBe(0)
        const seen = await store.proposals.find('p_1', home('b-2', '201'))
        expect([seen?.cosigns, seen?.cosignedByViewer]).toEqual([2, true])
        expect((await store.proposals.find('p_1', home('b-2', '202')))?.cosignedByViewer).toBe(false)
        expect((await store.proposals.find('p_1'))?.cosignedByViewer).toBe(false)
        const listed = await store.proposals.list({ communityId: ONE }, null, 10, home('b-1', '102'))
        expect(listed.map((p) => [p.id, p.cosigns, p.cosignedByViewer])).toEqual([
          ['p_3', 0, false],
          ['p_a', 1, true],
          ['p_B', 0, false],
          ['p_1', 2, true],
        ])
      })

      it('count the visible contributions of a proposal’s discussion, replies included, hidden ones not', async () => {
        await fourProposals()
        await store.contributions.insert(contribution({ id: 'ct_1', subjectKey: 'proposal:p_1', stance: 'for' }))
        await store.contributions.insert(contribution({ id: 'ct_2', subjectKey: 'proposal:p_1', parentId: 'ct_1' }))
        await store.contributions.insert(contribution({ id: 'ct_3', subjectKey: 'proposal:p_1', stance: 'against' }))
        await store.contributions.insert(contribution({ id: 'ct_4', subjectKey: 'proposal:p_a', stance: 'for' }))
        await store.contributions.hide('ct_3', { reason: '含有广告', byId: PEOPLE.staff.id, byName: PEOPLE.staff.name, at: at(6) })
        expect((await store.proposals.find('p_1'))?.contributions).toBe(2)
        const listed = await store.proposals.list({ communityId: ONE }, null, 10)
        expect(listed.map((p) => [p.id, p.contributions])).toEqual([
          ['p_3', 0],
          ['p_a', 1],
          ['p_B', 0],
          ['p_1', 2],
        ])
      })

      it('races: two members of one household co-signing at once leave one co-sign', async () => {
        await store.proposals.insert(proposal({ id: 'p_1', authorId: PEOPLE.res2.id, authorName: PEOPLE.res2.name, authorHome: home('b-2', '201') }))
        const results = await Promise.all(
          [PEOPLE.res1, PEOPLE.res1b].map((member, i) =>
            store.transaction(async (tx) => {
              await tx.proposals.findForUpdate('p_1')
              return tx.proposals.cosign({ proposalId: 'p_1', buildingId: 'b-1', room: '101', userId: member.id, at: at(2 + i) })
            }),
          ),
        )
        expect(results.filter(Boolean)).toHaveLength(1)
        expect(await store.proposals.countCosigns('p_1')).toBe(1)
      })

      it('keep minutes and progress oldest first (at, id), each proposal its own', async () => {
        await fourProposals()
        const by = { byId: PEOPLE.staff.id, byName: PEOPLE.staff.name }
        await store.proposals.addMinutes({ id: 'mi_b', proposalId: 'p_1', text: '议事会纪要二', photoIds: [], at: at(8), ...by })
        await store.proposals.addMinutes({ id: 'mi_A', proposalId: 'p_1', text: '议事会纪要一', photoIds: [], at: at(8), ...by })
        await store.proposals.addMinutes({ id: 'mi_0', proposalId: 'p_1', text: '议事会纪要零', photoIds: [], at: '2026-11-20T14:00:00+08:00', ...by })
        await store.proposals.addMinutes({ id: 'mi_x', proposalId: 'p_a', text: '另一个', photoIds: [], at: at(1), ...by })
        const minutes = await store.proposals.listMinutes('p_1')
        expect(ids(minutes)).toEqual(['mi_0', 'mi_A', 'mi_b'])
        expect(minutes[0]).toStrictEqual({ id: 'mi_0', proposalId: 'p_1', text: '议事会纪要零', photoIds: [], at: at(6), ...by })
        await store.proposals.addProgress({ id: 'pg_2', proposalId: 'p_1', percent: 100, text: '已完工', photoIds: [], at: at(20), ...by })
        await store.proposals.addProgress({ id: 'pg_1', proposalId: 'p_1', percent: 40, text: '已采购', photoIds: [], at: at(10), ...by })
        const progress = await store.proposals.listProgress('p_1')
        expect(progress).toStrictEqual([
          { id: 'pg_1', proposalId: 'p_1', percent: 40, text: '已采购', photoIds: [], at: at(10), ...by },
          { id: 'pg_2', proposalId: 'p_1', percent: 100, text: '已完工', photoIds: [], at: at(20), ...by },
        ])
        expect(await store.proposals.listProgress('p_a')).toEqual([])
      })

      it('take one rating per household (a second member’s answers false) and list them by (at, building, room)', async () => {
        await fourProposals()
        const mine = rating({ proposalId: 'p_1', at: at(31), comment: '路灯很亮' })
        expect(await store.proposals.rate(mine)).toBe(true)
        expect(await store.proposals.rate({ ...mine, userId: PEOPLE.res1b.id, userName: PEOPLE.res1b.name, level: 'unsatisfied' })).toBe(false)
        const b2 = rating({ proposalId: 'p_1', buildingId: 'b-2', room: '201', userId: PEOPLE.res2.id, userName: PEOPLE.res2.name, level: 'basically_satisfied', at: at(30) })
        const b1 = rating({ proposalId: 'p_1', buildingId: 'b-1', room: '102', userId: PEOPLE.grid1.id, userName: PEOPLE.grid1.name, level: 'unsatisfied', at: at(30) })
        expect(await store.proposals.rate(b2)).toBe(true)
        expect(await store.proposals.rate(b1)).toBe(true)
        expect(await store.proposals.listRatings('p_1')).toStrictEqual([b1, b2, mine])
        expect(await store.proposals.listRatings('p_a')).toEqual([])
      })
    })

    // ── deliberation ─────────────────────────────────────────────────────────────────────────

    describe('contributions', () => {
      const subject = 'article:cv_1:a-2'

      async function discussion(): Promise<void> {
        await store.contributions.insert(contribution({ id: 'ct_1', subjectKey: subject, stance: 'for', createdAt: at(1) }))
        await store.contributions.insert(contribution({ id: 'ct_b', subjectKey: subject, stance: 'against', createdAt: at(2), authorId: PEOPLE.res1.id, authorName: PEOPLE.res1.name }))
        await store.contributions.insert(contribution({ id: 'ct_A', subjectKey: subject, stance: 'for', createdAt: at(2) }))
        // A reply (with a stance it should not have: still not counted) and an official answer.
        await store.contributions.insert(contribution({ id: 'ct_r', subjectKey: subject, parentId: 'ct_1', stance: 'against', createdAt: at(3) }))
        await store.contributions.insert(contribution({ id: 'ct_o', subjectKey: subject, official: true, authorId: PEOPLE.staff.id, authorName: PEOPLE.staff.name, createdAt: at(4) }))
        await store.contributions.insert(contribution({ id: 'ct_n', subjectKey: subject, stance: 'neutral', createdAt: at(5) }))
        await store.contributions.insert(contribution({ id: 'ct_h', subjectKey: subject, stance: 'against', createdAt: at(6) }))
        await store.contributions.insert(contribution({ id: 'ct_p', subjectKey: 'proposal:p_9', stance: 'for', createdAt: at(1) }))
        await store.contributions.hide('ct_h', { reason: '人身攻击', byId: PEOPLE.staff.id, byName: PEOPLE.staff.name, at: '2026-11-20T15:00:00+08:00' })
      }

      it('round-trip a contribution, optional fields absent; hidden, with who hid it and why', async () => {
        const plain = contribution({ id: 'ct_1', subjectKey: subject, createdAt: '2026-11-20T09:00:00+08:00' })
        await store.contributions.insert(plain)
        expect(await store.contributions.find('ct_1')).toStrictEqual({ ...plain, createdAt: at(1) })
        expect(await store.contributions.find('ct_none')).toBeNull()
        await store.contributions.hide('ct_1', { reason: '含有广告', byId: PEOPLE.staff.id, byName: PEOPLE.staff.name, at: '2026-11-20T10:00:00+08:00' })
        expect(await store.contributions.find('ct_1')).toStrictEqual({
          ...plain,
          createdAt: at(1),
          hidden: { reason: '含有广告', byId: PEOPLE.staff.id, byName: PEOPLE.staff.name, at: at(2) },
        })
      })

      it('list a discussion oldest first (createdAt, id), hidden ones included, paging by keyset', async () => {
        await discussion()
        expect(ids(await store.contributions.list(subject, null, 20))).toEqual(['ct_1', 'ct_A', 'ct_b', 'ct_r', 'ct_o', 'ct_n', 'ct_h'])
        const page = await store.contributions.list(subject, null, 2)
        expect(ids(page)).toEqual(['ct_1', 'ct_A'])
        expect(ids(await store.contributions.list(subject, { createdAt: page[1].createdAt, id: page[1].id }, 3))).toEqual(['ct_b', 'ct_r', 'ct_o'])
        expect(ids(await store.contributions.list('proposal:p_9', null, 20))).toEqual(['ct_p'])
        expect(await store.contributions.list('disclosure:none', null, 20)).toEqual([])
      })

      it('count stances of visible top-level contributions, and visible contributions of several subjects', async () => {
        await discussion()
        expect(await store.contributions.countStances(subject)).toEqual({ for: 2, against: 1, neutral: 1 })
        expect(await store.contributions.countStances('proposal:none')).toEqual({ for: 0, against: 0, neutral: 0 })
        const counts = await store.contributions.countMany([subject, 'proposal:p_9', 'proposal:none'])
        expect(counts.get(subject)).toBe(6)
        expect(counts.get('proposal:p_9')).toBe(1)
        expect(counts.get('proposal:none') ?? 0).toBe(0)
        expect((await store.contributions.countMany([])).size).toBe(0)
      })
    })

    // ── votes ────────────────────────────────────────────────────────────────────────────────

    describe('votes', () => {
      const ROLL = [home('b-2', '201'), home('b-1', '102'), home('b-2', '202'), home('b-1', '101')]

      it('round-trip a vote with every optional field, and without', async () => {
        await store.conventions.insert(convention({ id: 'cv_1' }))
        await store.proposals.insert(proposal({ id: 'p_1' }))
        const full = vote({
          id: 'v_full',
          kind: 'choice',
          options: [
            { id: 'o-B', label: '方案乙' },
            { id: 'o-a', label: '方案甲' },
          ],
          scope: { kind: 'buildings', buildingIds: ['b-2', 'b-1'] },
          majority: 'two_thirds',
          proposalId: 'p_1',
          convention: { id: 'cv_1', version: 2 },
          opensAt: '2026-11-20T09:00:00+08:00',
          publishedAt: at(210),
          publicityEndsAt: at(378),
        })
        await store.votes.insert(full, ROLL)
        expect(await store.votes.find('v_full')).toStrictEqual({ ...full, opensAt: at(1) })
        const plain = vote({ id: 'v_plain' })
        await store.votes.insert(plain, [])
        expect(await store.votes.find('v_plain')).toStrictEqual(plain)
        expect(await store.transaction((tx) => tx.votes.findForUpdate('v_plain'))).toStrictEqual(plain)
        expect(await store.votes.find('v_none')).toBeNull()
      })

      it('list a community’s newest first with a keyset; open ones (closing after now, not published) oldest closing first', async () => {
        await store.votes.insert(vote({ id: 'v_1', createdAt: at(1), closesAt: at(150) }), [])
        await store.votes.insert(vote({ id: 'v_b', createdAt: at(2), closesAt: at(120) }), [])
        await store.votes.insert(vote({ id: 'v_A', createdAt: at(2), closesAt: at(120) }), [])
        await store.votes.insert(vote({ id: 'v_now', createdAt: at(3), closesAt: at(100) }), [])
        await store.votes.insert(vote({ id: 'v_pub', createdAt: at(4), closesAt: at(130), publishedAt: at(90), publicityEndsAt: at(258) }), [])
        await store.votes.insert(vote({ id: 'v_x', communityId: TWO, createdAt: at(5), createdById: PEOPLE.other.id, createdByName: PEOPLE.other.name }), [])
        expect(ids(await store.votes.list(ONE, null, 10))).toEqual(['v_pub', 'v_now', 'v_b', 'v_A', 'v_1'])
        const page = await store.votes.list(ONE, null, 3)
        expect(ids(page)).toEqual(['v_pub', 'v_now', 'v_b'])
        expect(ids(await store.votes.list(ONE, { createdAt: page[2].createdAt, id: page[2].id }, 3))).toEqual(['v_A', 'v_1'])
        // Closing exactly at now: closed.
        expect(ids(await store.votes.listOpen(ONE, at(100)))).toEqual(['v_A', 'v_b', 'v_1'])
        expect(ids(await store.votes.listOpen(ONE, '2026-11-24T11:00:00+08:00'))).toEqual(['v_now', 'v_A', 'v_b', 'v_1'])
        expect(ids(await store.votes.listOpen(ONE, at(120)))).toEqual(['v_1'])
        await store.votes.markPublished('v_1', at(101), at(269))
        expect(ids(await store.votes.listOpen(ONE, at(100)))).toEqual(['v_A', 'v_b'])
        expect(ids(await store.votes.listOpen(TWO, at(100)))).toEqual(['v_x'])
      })

      it('mark a result published with its publicity period, the rest unchanged', async () => {
        const v = vote({ id: 'v_1' })
        await store.votes.insert(v, ROLL)
        await store.votes.markPublished('v_1', '2026-11-28T16:00:00+08:00', at(368))
        expect(await store.votes.find('v_1')).toStrictEqual({ ...v, publishedAt: at(200), publicityEndsAt: at(368) })
      })

      it('keep the roll: on it or not, with each household’s receipt, by building then room in code points', async () => {
        await store.votes.insert(vote({ id: 'v_1' }), [...ROLL, home('b-1', '9'), home('b-1', '10')])
        expect(await store.votes.isOnRoll('v_1', home('b-1', '101'))).toBe(true)
        expect(await store.votes.isOnRoll('v_1', home('b-1', '201'))).toBe(false)
        expect(await store.votes.isOnRoll('v_2', home('b-1', '101'))).toBe(false)
        const phone = phoneReceipt('v_1', home('b-1', '101'), PEOPLE.res1b)
        const paper = paperReceipt('v_1', home('b-2', '201'), '李家（纸质）')
        expect(await store.votes.cast(phone, 'yes')).toBe(true)
        expect(await store.votes.cast(paper, 'no')).toBe(true)
        expect(await store.votes.listRoll('v_1')).toStrictEqual([
          { buildingId: 'b-1', room: '10' },
          { buildingId: 'b-1', room: '101', receipt: phone },
          { buildingId: 'b-1', room: '102' },
          { buildingId: 'b-1', room: '9' },
          { buildingId: 'b-2', room: '201', receipt: paper },
          { buildingId: 'b-2', room: '202' },
        ])
        expect(await store.votes.listRoll('v_none')).toEqual([])
      })

      it('cast one ballot per household: a second member’s (or a paper one) answers false and is not counted', async () => {
        await store.votes.insert(vote({ id: 'v_1' }), ROLL)
        const first = phoneReceipt('v_1', home('b-1', '101'), PEOPLE.res1, 10)
        expect(await store.votes.cast(first, 'yes')).toBe(true)
        expect(await store.votes.cast(phoneReceipt('v_1', home('b-1', '101'), PEOPLE.res1b, 11), 'no')).toBe(false)
        expect(await store.votes.cast(paperReceipt('v_1', home('b-1', '101'), '王家'), 'no')).toBe(false)
        expect(await store.votes.findReceipt('v_1', home('b-1', '101'))).toStrictEqual(first)
        expect(await store.votes.findReceipt('v_1', home('b-1', '102'))).toBeNull()
        const tally = await store.votes.tally('v_1')
        expect(tally.paper).toBe(0)
        expect(tally.counts.get('yes')).toBe(1)
        expect(tally.counts.get('no') ?? 0).toBe(0)
        expect((await store.votes.counts(['v_1'])).get('v_1')).toEqual({ eligible: 4, voted: 1 })
      })

      it('tally ballots by option with the paper count; count eligible and voted households of several votes', async () => {
        await store.votes.insert(vote({ id: 'v_1' }), ROLL)
        await store.votes.insert(vote({ id: 'v_2', createdAt: at(2) }), ROLL.slice(0, 2))
        await store.votes.cast(phoneReceipt('v_1', home('b-1', '101'), PEOPLE.res1), 'yes')
        await store.votes.cast(phoneReceipt('v_1', home('b-2', '202'), PEOPLE.leader), 'yes')
        await store.votes.cast(paperReceipt('v_1', home('b-1', '102'), '陈家'), 'no')
        await store.votes.cast(paperReceipt('v_1', home('b-2', '201'), '李家'), 'abstain')
        await store.votes.cast(phoneReceipt('v_2', home('b-2', '201'), PEOPLE.res2), 'no')
        const tally = await store.votes.tally('v_1')
        expect([tally.counts.get('yes'), tally.counts.get('no'), tally.counts.get('abstain'), tally.paper]).toEqual([2, 1, 1, 2])
        const second = await store.votes.tally('v_2')
        expect([second.counts.get('yes') ?? 0, second.counts.get('no'), second.paper]).toEqual([0, 1, 0])
        const counts = await store.votes.counts(['v_1', 'v_2'])
        expect(counts.get('v_1')).toEqual({ eligible: 4, voted: 4 })
        expect(counts.get('v_2')).toEqual({ eligible: 2, voted: 1 })
        expect((await store.votes.counts([])).size).toBe(0)
      })

      it('find a household’s receipts of several votes, by vote id', async () => {
        for (const id of ['v_1', 'v_2', 'v_3']) await store.votes.insert(vote({ id }), ROLL)
        const r1 = phoneReceipt('v_1', home('b-1', '101'), PEOPLE.res1)
        const r3 = paperReceipt('v_3', home('b-1', '101'), '王家')
        await store.votes.cast(r1, 'yes')
        await store.votes.cast(r3, 'no')
        await store.votes.cast(phoneReceipt('v_2', home('b-2', '201'), PEOPLE.res2), 'yes')
        const found = await store.votes.findReceipts(['v_1', 'v_2', 'v_3', 'v_none'], home('b-1', '101'))
        expect([...found.keys()].sort()).toEqual(['v_1', 'v_3'])
        expect(found.get('v_1')).toStrictEqual(r1)
        expect(found.get('v_3')).toStrictEqual(r3)
        expect((await store.votes.findReceipts([], home('b-1', '101'))).size).toBe(0)
      })

      it('tell in one read which of several votes have a household on their roll; unknown ids absent', async () => {
        await store.votes.insert(vote({ id: 'v_1' }), ROLL)
        await store.votes.insert(vote({ id: 'v_2', createdAt: at(2) }), [home('b-2', '201')])
        await store.votes.insert(vote({ id: 'v_B', createdAt: at(3) }), [home('b-1', '101'), home('b-1', '1010')])
        await store.votes.insert(vote({ id: 'v_empty', createdAt: at(4) }), [])
        const all = ['v_1', 'v_2', 'v_B', 'v_empty', 'v_none']
        expect([...(await store.votes.onRolls(all, home('b-1', '101')))].sort()).toEqual(['v_1', 'v_B'])
        expect([...(await store.votes.onRolls(all, home('b-2', '201')))].sort()).toEqual(['v_1', 'v_2'])
        // The same room in another building, and a room no roll holds: on none.
        expect((await store.votes.onRolls(all, home('b-2', '101'))).size).toBe(0)
        expect((await store.votes.onRolls(all, home('b-1', '10'))).size).toBe(0)
        // Repeated ids once; as isOnRoll, vote by vote.
        expect([...(await store.votes.onRolls(['v_B', 'v_B', 'v_2'], home('b-1', '1010')))]).toEqual(['v_B'])
        for (const id of all) expect((await store.votes.onRolls([id], home('b-1', '102'))).has(id)).toBe(await store.votes.isOnRoll(id, home('b-1', '102')))
        expect((await store.votes.onRolls([], home('b-1', '101'))).size).toBe(0)
      })

      it('tally several votes in one read: each as tally, votes without ballots present and empty, unknown ids absent', async () => {
        await store.votes.insert(vote({ id: 'v_1' }), ROLL)
        await store.votes.insert(vote({ id: 'v_2', createdAt: at(2) }), ROLL)
        await store.votes.insert(vote({ id: 'v_quiet', createdAt: at(3) }), ROLL)
        await store.votes.insert(
          vote({ id: 'v_C', kind: 'choice', options: [{ id: 'o-B', label: '方案乙' }, { id: 'o-a', label: '方案甲' }], createdAt: at(4) }),
          ROLL,
        )
        await store.votes.cast(phoneReceipt('v_1', home('b-1', '101'), PEOPLE.res1), 'yes')
        await store.votes.cast(phoneReceipt('v_1', home('b-2', '202'), PEOPLE.leader), 'yes')
        await store.votes.cast(paperReceipt('v_1', home('b-1', '102'), '陈家'), 'no')
        await store.votes.cast(paperReceipt('v_2', home('b-2', '201'), '李家'), 'abstain')
        await store.votes.cast(paperReceipt('v_2', home('b-1', '101'), '王家'), 'abstain')
        await store.votes.cast(phoneReceipt('v_C', home('b-1', '101'), PEOPLE.res1), 'o-a')
        const tallies = await store.votes.tallies(['v_1', 'v_2', 'v_quiet', 'v_C', 'v_none', 'v_1'])
        expect([...tallies.keys()].sort()).toEqual(['v_1', 'v_2', 'v_C', 'v_quiet'])
        const plain = (t: { counts: Map<string, number>; paper: number } | undefined) => t && { counts: Object.fromEntries([...t.counts].sort()), paper: t.paper }
        expect(plain(tallies.get('v_1'))).toEqual({ counts: { no: 1, yes: 2 }, paper: 1 })
        expect(plain(tallies.get('v_2'))).toEqual({ counts: { abstain: 2 }, paper: 2 })
        // Options nobody chose are absent, as in tally.
        expect(plain(tallies.get('v_quiet'))).toEqual({ counts: {}, paper: 0 })
        expect(plain(tallies.get('v_C'))).toEqual({ counts: { 'o-a': 1 }, paper: 0 })
        for (const id of ['v_1', 'v_2', 'v_quiet', 'v_C']) expect(plain(tallies.get(id))).toEqual(plain(await store.votes.tally(id)))
        expect((await store.votes.tallies([])).size).toBe(0)
        expect((await store.votes.tallies(['v_none'])).size).toBe(0)
      })

      it('read the titles of what several votes decide in one read: votes deciding nothing and unknown ids absent', async () => {
        await store.proposals.insert(proposal({ id: 'p_1', title: '更换东门路灯' }))
        await store.proposals.insert(proposal({ id: 'p_2', title: '增设休息座椅', createdAt: at(2) }))
        await store.conventions.insert(convention({ id: 'cv_1', title: '居民公约' }))
        await store.votes.insert(vote({ id: 'v_p1', proposalId: 'p_1' }), ROLL)
        await store.votes.insert(vote({ id: 'v_p2', proposalId: 'p_2', createdAt: at(2) }), ROLL)
        await store.votes.insert(vote({ id: 'v_cv', convention: { id: 'cv_1', version: 2 }, createdAt: at(3) }), ROLL)
        await store.votes.insert(vote({ id: 'v_both', proposalId: 'p_1', convention: { id: 'cv_1', version: 3 }, createdAt: at(4) }), ROLL)
        await store.votes.insert(vote({ id: 'v_plain', createdAt: at(5) }), ROLL)
        const subjects = await store.votes.subjects(['v_p1', 'v_p2', 'v_cv', 'v_both', 'v_plain', 'v_none'])
        expect([...subjects.keys()].sort()).toEqual(['v_both', 'v_cv', 'v_p1', 'v_p2'])
        expect(subjects.get('v_p1')).toStrictEqual({ proposalTitle: '更换东门路灯' })
        expect(subjects.get('v_p2')).toStrictEqual({ proposalTitle: '增设休息座椅' })
        expect(subjects.get('v_cv')).toStrictEqual({ conventionTitle: '居民公约' })
        expect(subjects.get('v_both')).toStrictEqual({ proposalTitle: '更换东门路灯', conventionTitle: '居民公约' })
        expect((await store.votes.subjects([])).size).toBe(0)
      })

      it('races: 20 members of 10 households casting at once leave exactly 10 ballots', async () => {
        await store.directory.createCommunity(setupVoting(), at(0))
        const roll = VOTING_ROOMS.map((room) => home('b-v', room))
        await store.votes.insert(vote({ id: 'v_race', communityId: VOTING, createdById: 'u-vstaff', createdByName: '表决社工' }), roll)
        const casts = VOTING_ROOMS.flatMap((room) =>
          ([1, 2] as const).map((n) =>
            store.transaction(async (tx) => {
              await tx.votes.findForUpdate('v_race')
              if (!(await tx.votes.isOnRoll('v_race', home('b-v', room)))) throw new Error('not on the roll')
              return tx.votes.cast(phoneReceipt('v_race', home('b-v', room), { id: votingMember(room, n), name: `住户${room}-${n}` }), n === 1 ? 'yes' : 'no')
            }),
          ),
        )
        const results = await Promise.all(casts)
        expect(results.filter(Boolean)).toHaveLength(10)
        // Exactly one per household.
        for (let i = 0; i < VOTING_ROOMS.length; i++) expect(results[2 * i] !== results[2 * i + 1]).toBe(true)
        const tally = await store.votes.tally('v_race')
        expect([...tally.counts.values()].reduce((a, b) => a + b, 0)).toBe(10)
        expect((await store.votes.counts(['v_race'])).get('v_race')).toEqual({ eligible: 10, voted: 10 })
        const rows = await store.votes.listRoll('v_race')
        expect(rows.every((r) => r.receipt !== undefined)).toBe(true)
      })

      it('a cast inside a transaction that throws leaves neither receipt nor ballot', async () => {
        await store.votes.insert(vote({ id: 'v_1' }), ROLL)
        const failed = store.transaction(async (tx) => {
          expect(await tx.votes.cast(phoneReceipt('v_1', home('b-1', '101'), PEOPLE.res1), 'yes')).toBe(true)
          throw new Error('after the ballot')
        })
        await expect(failed).rejects.toThrow('after the ballot')
        expect(await store.votes.findReceipt('v_1', home('b-1', '101'))).toBeNull()
        const tally = await store.votes.tally('v_1')
        expect([...tally.counts.values()].reduce((a, b) => a + b, 0)).toBe(0)
        expect((await store.votes.counts(['v_1'])).get('v_1')).toEqual({ eligible: 4, voted: 0 })
        // The household can still vote.
        expect(await store.votes.cast(phoneReceipt('v_1', home('b-1', '101'), PEOPLE.res1b), 'no')).toBe(true)
        expect((await store.votes.tally('v_1')).counts.get('no')).toBe(1)
      })
    })

    // ── disclosures ──────────────────────────────────────────────────────────────────────────

    describe('disclosures', () => {
      it('round-trip a disclosure (a quarter with its finance table; optional balances absent) with whether the viewer read it', async () => {
        const finance = disclosure({
          id: 'd_f',
          category: 'finance',
          period: { year: 2026, quarter: 3 },
          finance: {
            items: [
              { kind: 'income', name: '停车费', amountFen: 1_250_000 },
              { kind: 'expense', name: '路灯维修', amountFen: 380_050 },
            ],
            totalIncomeFen: 1_250_000,
            totalExpenseFen: 380_050,
          },
          publishedAt: '2026-11-20T18:00:00+08:00',
        })
        await store.disclosures.insert(finance)
        expect(await store.disclosures.find('d_f', PEOPLE.res1.id)).toStrictEqual({ ...finance, publishedAt: at(10), readByViewer: false })
        const balanced = disclosure({
          id: 'd_b',
          category: 'finance',
          finance: { items: [], totalIncomeFen: 0, totalExpenseFen: 0, openingBalanceFen: 100, closingBalanceFen: 100 },
          photoIds: [],
        })
        await store.disclosures.insert(balanced)
        expect(await store.disclosures.find('d_b', PEOPLE.res1.id)).toStrictEqual({ ...balanced, readByViewer: false })
        expect(await store.disclosures.find('d_none', PEOPLE.res1.id)).toBeNull()
      })

      it('mark reads (the first stands) and list the readers', async () => {
        await store.disclosures.insert(disclosure({ id: 'd_1' }))
        await store.disclosures.insert(disclosure({ id: 'd_2' }))
        await store.disclosures.markRead('d_1', PEOPLE.res1.id, at(11))
        await store.disclosures.markRead('d_1', PEOPLE.res1.id, at(12))
        await store.disclosures.markRead('d_1', PEOPLE.res2.id, at(12))
        expect((await store.disclosures.find('d_1', PEOPLE.res1.id))?.readByViewer).toBe(true)
        expect((await store.disclosures.find('d_1', PEOPLE.leader.id))?.readByViewer).toBe(false)
        expect((await store.disclosures.find('d_2', PEOPLE.res1.id))?.readByViewer).toBe(false)
        expect([...(await store.disclosures.listReaders('d_1'))].sort()).toEqual([PEOPLE.res1.id, PEOPLE.res2.id].sort())
        expect((await store.disclosures.listReaders('d_2')).size).toBe(0)
      })

      it('list newest first over (publishedAt, id), optionally of one category, paging by keyset', async () => {
        await store.disclosures.insert(disclosure({ id: 'd_1', publishedAt: at(1), category: 'party' }))
        await store.disclosures.insert(disclosure({ id: 'd_b', publishedAt: at(2) }))
        await store.disclosures.insert(disclosure({ id: 'd_A', publishedAt: at(2), category: 'finance', finance: { items: [], totalIncomeFen: 0, totalExpenseFen: 0 } }))
        await store.disclosures.insert(disclosure({ id: 'd_3', publishedAt: at(3) }))
        await store.disclosures.insert(disclosure({ id: 'd_x', communityId: TWO, publishedAt: at(4), authorId: PEOPLE.other.id, authorName: PEOPLE.other.name }))
        await store.disclosures.markRead('d_b', PEOPLE.res1.id, at(5))
        const all = await store.disclosures.list({ communityId: ONE }, null, 10, PEOPLE.res1.id)
        expect(all.map((d) => [d.id, d.readByViewer])).toEqual([
          ['d_3', false],
          ['d_b', true],
          ['d_A', false],
          ['d_1', false],
        ])
        const page = await store.disclosures.list({ communityId: ONE }, null, 2, PEOPLE.res1.id)
        expect(ids(page)).toEqual(['d_3', 'd_b'])
        expect(ids(await store.disclosures.list({ communityId: ONE }, { createdAt: page[1].publishedAt, id: page[1].id }, 2, PEOPLE.res1.id))).toEqual(['d_A', 'd_1'])
        expect(ids(await store.disclosures.list({ communityId: ONE, category: 'affairs' }, null, 10, PEOPLE.res1.id))).toEqual(['d_3', 'd_b'])
        expect(ids(await store.disclosures.list({ communityId: ONE, category: 'finance' }, null, 10, PEOPLE.res1.id))).toEqual(['d_A'])
        expect((await store.disclosures.list({ communityId: ONE, category: 'affairs' }, null, 10, PEOPLE.res2.id)).map((d) => d.readByViewer)).toEqual([false, false])
        expect(ids(await store.disclosures.list({ communityId: TWO }, null, 10, PEOPLE.other.id))).toEqual(['d_x'])
      })
    })

    // ── personal data ────────────────────────────────────────────────────────────────────────

    describe('personal data', () => {
      /** What res1 (b-1/101, with res1b) wrote and did, and what others did around it. */
      async function consultationOfRes1(): Promise<void> {
        const res1 = { id: PEOPLE.res1.id, name: PEOPLE.res1.name }
        await store.conventions.insert(convention({ id: 'cv_1', createdById: res1.id, createdByName: res1.name }))
        await store.conventions.insertVersion(version({ conventionId: 'cv_1', version: 1, status: 'published', createdByName: res1.name }))
        await store.conventions.acknowledge(acknowledgement({ conventionId: 'cv_1', version: 1, at: at(12) }))
        await store.conventions.acknowledge(acknowledgement({ conventionId: 'cv_1', version: 1, buildingId: 'b-2', room: '201', userId: PEOPLE.res2.id, userName: PEOPLE.res2.name }))
        await store.proposals.insert(proposal({ id: 'p_2', createdAt: at(2) }))
        await store.proposals.insert(proposal({ id: 'p_1', createdAt: at(1) }))
        await store.proposals.insert(proposal({ id: 'p_o', createdAt: at(1), authorId: PEOPLE.res2.id, authorName: PEOPLE.res2.name, authorHome: home('b-2', '201') }))
        // res1 answered res2's proposal (as if staff), hid a contribution, wrote minutes and progress.
        await store.proposals.update('p_o', { status: 'agenda', answer: { ...answered('agenda', 3), byId: res1.id, byName: res1.name } })
        await store.proposals.cosign({ proposalId: 'p_o', buildingId: 'b-1', room: '101', userId: res1.id, at: at(4) })
        await store.proposals.cosign({ proposalId: 'p_1', buildingId: 'b-2', room: '201', userId: PEOPLE.res2.id, at: at(4) })
        await store.proposals.addMinutes({ id: 'mi_1', proposalId: 'p_o', text: '纪要', photoIds: [], at: at(5), byId: res1.id, byName: res1.name })
        await store.proposals.addProgress({ id: 'pg_1', proposalId: 'p_o', percent: 50, text: '进展', photoIds: [], at: at(6), byId: res1.id, byName: res1.name })
        await store.proposals.rate(rating({ proposalId: 'p_o', at: at(30) }))
        await store.contributions.insert(contribution({ id: 'ct_m', subjectKey: 'proposal:p_o', authorId: res1.id, authorName: res1.name, stance: 'for', createdAt: at(7) }))
        await store.contributions.insert(contribution({ id: 'ct_o', subjectKey: 'proposal:p_o', createdAt: at(8) }))
        await store.contributions.hide('ct_o', { reason: '无关内容', byId: res1.id, byName: res1.name, at: at(9) })
        await store.votes.insert(vote({ id: 'v_1', createdById: res1.id, createdByName: res1.name }), [home('b-1', '101'), home('b-2', '201')])
        await store.votes.insert(vote({ id: 'v_2' }), [home('b-1', '101'), home('b-2', '201')])
        await store.votes.cast(phoneReceipt('v_1', home('b-1', '101'), res1, 10), 'yes')
        // A paper ballot res1 entered for another household (as if staff).
        await store.votes.cast({ ...paperReceipt('v_1', home('b-2', '201'), '李家'), enteredById: res1.id, enteredByName: res1.name }, 'no')
        // res1b cast for the household in v_2: not res1's ballot.
        await store.votes.cast(phoneReceipt('v_2', home('b-1', '101'), PEOPLE.res1b, 9), 'yes')
        await store.disclosures.insert(disclosure({ id: 'd_1', authorId: res1.id, authorName: res1.name }))
        await store.disclosures.markRead('d_1', res1.id, at(11))
        await store.writeKeys.claim({ userId: res1.id, key: 'k-1', kind: 'proposal', fingerprint: 'f', objectId: 'p_1', at: at(1) })
      }

      it('collects what a person wrote and did in consultation', async () => {
        await consultationOfRes1()
        const records = await store.privacy.collect(PEOPLE.res1.id)
        const c = records!.consultation
        expect(ids(c.proposals)).toEqual(['p_1', 'p_2'])
        expect(c.proposals[0]).toStrictEqual(proposal({ id: 'p_1', createdAt: at(1) }))
        expect(ids(c.contributions)).toEqual(['ct_m'])
        expect(c.cosigns).toStrictEqual([{ proposalId: 'p_o', buildingId: 'b-1', room: '101', userId: PEOPLE.res1.id, at: at(4) }])
        expect(c.acknowledgements).toStrictEqual([acknowledgement({ conventionId: 'cv_1', version: 1, at: at(12) })])
        expect(c.ballots).toStrictEqual([phoneReceipt('v_1', home('b-1', '101'), { id: PEOPLE.res1.id, name: PEOPLE.res1.name }, 10)])
        expect(c.ratings).toStrictEqual([rating({ proposalId: 'p_o', at: at(30) })])
        // Nothing of it is another person's.
        const other = (await store.privacy.collect(PEOPLE.res1b.id))!.consultation
        expect(other.proposals).toEqual([])
        expect(ids(other.ballots.map((b) => ({ id: b.voteId })))).toEqual(['v_2'])
        expect(other.cosigns).toEqual([])
      })

      it('erases a person’s name everywhere in consultation; the household’s co-signs, acknowledgements, receipts and ratings stay', async () => {
        await consultationOfRes1()
        await store.privacy.erase(PEOPLE.res1.id, ERASED, at(50))
        const proposals = await store.proposals.list({ communityId: ONE }, null, 10)
        expect(proposals.filter((p) => p.authorId === PEOPLE.res1.id).map((p) => p.authorName)).toEqual([ERASED, ERASED])
        const answeredOne = proposals.find((p) => p.id === 'p_o')!
        expect([answeredOne.authorName, answeredOne.answer?.byName, answeredOne.cosigns]).toEqual([PEOPLE.res2.name, ERASED, 1])
        expect((await store.proposals.find('p_o', home('b-1', '101')))?.cosignedByViewer).toBe(true)
        expect((await store.contributions.find('ct_m'))?.authorName).toBe(ERASED)
        const hidden = await store.contributions.find('ct_o')
        expect([hidden?.authorName, hidden?.hidden?.byName]).toEqual([PEOPLE.res2.name, ERASED])
        expect((await store.proposals.listMinutes('p_o')).map((m) => m.byName)).toEqual([ERASED])
        expect((await store.proposals.listProgress('p_o')).map((m) => m.byName)).toEqual([ERASED])
        expect((await store.proposals.listRatings('p_o')).map((r) => [r.userName, r.level])).toEqual([[ERASED, 'satisfied']])
        expect((await store.conventions.listAcknowledgements([{ conventionId: 'cv_1', version: 1 }])).map((a) => a.userName)).toEqual([PEOPLE.res2.name, ERASED])
        expect((await store.conventions.find('cv_1'))?.createdByName).toBe(ERASED)
        // A version stores no id of its writer: it keeps the name.
        expect((await store.conventions.listVersions(['cv_1']))[0].createdByName).toBe(PEOPLE.res1.name)
        expect((await store.votes.find('v_1'))?.createdByName).toBe(ERASED)
        expect((await store.votes.find('v_2'))?.createdByName).toBe(PEOPLE.staff.name)
        const roll = await store.votes.listRoll('v_1')
        expect(roll.map((r) => [r.receipt?.castByName, r.receipt?.enteredByName])).toEqual([
          [ERASED, undefined],
          ['李家', ERASED],
        ])
        expect((await store.votes.findReceipt('v_2', home('b-1', '101')))?.castByName).toBe(PEOPLE.res1b.name)
        const tally = await store.votes.tally('v_1')
        expect([tally.counts.get('yes'), tally.counts.get('no'), tally.paper]).toEqual([1, 1, 1])
        const d = await store.disclosures.find('d_1', PEOPLE.res1.id)
        expect([d?.authorName, d?.readByViewer]).toEqual([ERASED, false])
        expect((await store.disclosures.listReaders('d_1')).size).toBe(0)
        expect(await store.writeKeys.find(PEOPLE.res1.id, 'proposal', 'k-1')).toBeNull()
        expect(await store.proposals.countCosigns('p_o')).toBe(1)
      })
    })
  })
}
