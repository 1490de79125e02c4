/**
 * The repository contract of content security (issue 13; src/core/moderation-ports.ts and the
 * moderation marks of the content ports): what every Store answers for held and refused texts —
 * who a list shows them to (`canSeeModerated`), what a count leaves out, what a decision does to
 * each kind (`settle`) — the queue (order, cursor, one decision) and the audit log (filters, order,
 * names as they are now, append-only). The same on the memory store (memory.test.ts) and the SQL
 * store on PGlite and PostgreSQL (sql-pglite.test.ts, sql-postgres.test.ts), whose table also refuses UPDATE and DELETE.
 */
import type { ModerationMark } from '../../types/domain'
import type { AuditRecord, ContributionRecord, ModerationRecord, NewMessage, ProposalRecord, Store, StoredNotice } from '../../src/core/ports'
import { at, draftReport, ONE, PEOPLE, SET_UP, setupOne, setupTwo, submitEvent, TWO } from './fixture'
import type { StoreUnderTest } from './suite'

/** A store under test; an SQL one also runs raw statements (for what the code never does). */
export type ModerationStoreUnderTest = StoreUnderTest & { sql?: (text: string, params?: unknown[]) => Promise<unknown> }

const HELD: ModerationMark = { status: 'held' }
const REFUSED: ModerationMark = { status: 'rejected', reason: '含有广告' }
const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id)
const author = PEOPLE.res1
const reader = { id: PEOPLE.res2.id, moderator: false }
const moderator = { id: PEOPLE.staff.id, moderator: true }

const message = (id: string, over: Partial<NewMessage> = {}): NewMessage => ({
  id,
  threadId: `general:${author.id}`,
  ownerId: author.id,
  communityId: ONE,
  authorId: author.id,
  authorName: author.name,
  authorRole: 'resident',
  body: `留言 ${id}`,
  at: at(1),
  ...over,
})

const notice = (id: string, over: Partial<StoredNotice> = {}): StoredNotice => ({
  id,
  communityId: ONE,
  scope: { kind: 'community' },
  title: `通知 ${id}`,
  body: '本周六停水',
  urgent: false,
  pinned: false,
  publishedAt: at(1),
  authorId: PEOPLE.leader.id,
  authorName: PEOPLE.leader.name,
  ...over,
})

const proposal = (id: string, over: Partial<ProposalRecord> = {}): ProposalRecord => ({
  id,
  communityId: ONE,
  authorId: author.id,
  authorName: author.name,
  authorHome: { buildingId: 'b-1', room: '101' },
  authorBuildingName: '1号楼',
  title: `提议 ${id}`,
  body: '建议在东门增设快递柜，方便老人取件。',
  photoIds: [],
  threshold: 3,
  deadline: at(720),
  status: 'collecting',
  createdAt: at(1),
  ...over,
})

const contribution = (id: string, over: Partial<ContributionRecord> = {}): ContributionRecord => ({
  id,
  communityId: ONE,
  subjectKey: 'proposal:pp_open',
  authorId: author.id,
  authorName: author.name,
  official: false,
  stance: 'for',
  body: `发言 ${id}`,
  createdAt: at(1),
  ...over,
})

const item = (id: string, over: Partial<ModerationRecord> = {}): ModerationRecord => ({
  id,
  communityId: ONE,
  kind: 'message',
  subjectId: `m_${id}`,
  context: `general:${author.id}`,
  authorId: author.id,
  text: `留言 ${id}【审核】`,
  checkerReason: 'keyword:review',
  status: 'held',
  createdAt: at(1),
  ...over,
})

const event = (id: string, over: Partial<AuditRecord> = {}): AuditRecord => ({
  id,
  communityId: ONE,
  at: at(1),
  actorId: PEOPLE.staff.id,
  actorRole: 'staff',
  action: 'report.accept',
  subjectKind: 'report',
  subjectId: 'r_1',
  details: {},
  ...over,
})

export function defineModerationSuite(name: string, setup: () => Promise<ModerationStoreUnderTest>, options: { sql?: boolean } = {}): void {
  describe(`the content security repository contract: ${name}`, () => {
    let sut: ModerationStoreUnderTest
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

    // ── the marks on each kind of text ────────────────────────────────────────────────────────

    describe('a report', () => {
      it('keeps its mark, leaves the public list while marked, and keeps it through a move', async () => {
        await store.reports.create(draftReport({ id: 'r_pub', createdAt: at(1) }), submitEvent(draftReport({ id: 'r_pub' })))
        const held = await store.reports.create(draftReport({ id: 'r_held', createdAt: at(2), moderation: HELD }), submitEvent(draftReport({ id: 'r_held', createdAt: at(2) })))
        expect(held.moderation).toEqual(HELD)
        expect((await store.reports.find('r_held'))?.moderation).toEqual(HELD)
        expect(ids(await store.reports.listOpen({ communityId: ONE }, null, 10))).toEqual(['r_pub'])
        // Its people see it, marked, in "mine"; a handler's move does not unmark it.
        expect((await store.reports.listMine({ userId: author.id, communityId: ONE }, null, 10)).find((r) => r.id === 'r_held')?.moderation).toEqual(HELD)
        const found = (await store.reports.find('r_held'))!
        expect(await store.reports.update({ ...found, status: 'accepted', version: 2, moderation: undefined }, 1)).toBe(true)
        expect((await store.reports.find('r_held'))?.moderation).toEqual(HELD)
        await store.moderation.settle('report', 'r_held', { published: true, at: at(5) })
        expect(ids(await store.reports.listOpen({ communityId: ONE }, null, 10))).toEqual(['r_held', 'r_pub'])
        expect((await store.reports.find('r_held'))?.moderation).toBeUndefined()
      })

      it('refused, stays out of the public list with the reason', async () => {
        await store.reports.create(draftReport({ id: 'r_x', moderation: HELD }), submitEvent(draftReport({ id: 'r_x' })))
        await store.moderation.settle('report', 'r_x', { published: false, reason: '含有广告', at: at(5) })
        expect((await store.reports.find('r_x'))?.moderation).toEqual(REFUSED)
        expect(await store.reports.listOpen({ communityId: ONE }, null, 10)).toEqual([])
      })
    })

    describe('a message', () => {
      it('is listed to its author and moderators while held, to its author only once refused; counts and previews leave it out', async () => {
        const one = await store.messages.insert(message('m_1', { at: at(1) }))
        await store.messages.insert(message('m_2', { at: at(2), moderation: HELD }))
        await store.messages.insert(message('m_3', { at: at(3), authorId: PEOPLE.staff.id, authorName: PEOPLE.staff.name, authorRole: 'staff' }))
        await store.messages.insert(message('m_4', { at: at(4), moderation: REFUSED }))
        const page = async (viewer?: { id: string; moderator: boolean }) => (await store.messages.listBefore(`general:${author.id}`, null, 10, viewer)).map((r) => r.message.id)
        expect(await page({ id: author.id, moderator: false })).toEqual(['m_4', 'm_3', 'm_2', 'm_1'])
        expect(await page(moderator)).toEqual(['m_3', 'm_2', 'm_1'])
        expect(await page(reader)).toEqual(['m_3', 'm_1'])
        expect(await page()).toEqual(['m_3', 'm_1'])
        expect((await store.messages.listBefore(`general:${author.id}`, null, 10, { id: author.id, moderator: false }))[0].message.moderation).toEqual(REFUSED)
        // The staff member's thread list: the last message and the unread count are the published ones'.
        await store.messages.markRead(PEOPLE.staff.id, `general:${author.id}`, at(3), one)
        const [thread] = await store.messages.listThreads({ id: PEOPLE.staff.id, communityId: ONE, staff: true, gridIds: [] })
        expect({ last: thread.lastMessageBody, unread: thread.unread }).toEqual({ last: '留言 m_3', unread: 0 })
        // Its author's: their own held and refused ones are theirs (never unread to them).
        const [own] = await store.messages.listThreads({ id: author.id, communityId: ONE, staff: false, gridIds: [] })
        expect({ last: own.lastMessageBody, unread: own.unread }).toEqual({ last: '留言 m_4', unread: 1 })
      })

      it('approved, takes the next place in its thread, dated then, and is unread to whoever read past it', async () => {
        await store.messages.insert(message('m_a', { at: at(1), moderation: HELD }))
        await store.messages.insert(message('m_b', { at: at(2), authorId: PEOPLE.staff.id, authorName: PEOPLE.staff.name, authorRole: 'staff' }))
        await store.messages.markRead(PEOPLE.staff.id, `general:${author.id}`, at(3))
        await store.moderation.settle('message', 'm_a', { published: true, at: at(4) })
        const rows = await store.messages.listBefore(`general:${author.id}`, null, 10, reader)
        expect(rows.map((r) => [r.message.id, r.message.at])).toEqual([
          ['m_a', at(4)],
          ['m_b', at(2)],
        ])
        expect(rows[0].seq).toBeGreaterThan(rows[1].seq)
        expect(rows[0].message.moderation).toBeUndefined()
        // A message inserted next comes after it.
        expect(await store.messages.insert(message('m_c', { at: at(5) }))).toBeGreaterThan(rows[0].seq)
        const [thread] = await store.messages.listThreads({ id: PEOPLE.staff.id, communityId: ONE, staff: true, gridIds: [] })
        expect(thread.unread).toBe(2)
      })
    })

    describe('a notice', () => {
      it('is listed to its author and moderators while held, counted unread by nobody, dated when approved', async () => {
        await store.notices.insert(notice('n_pub', { publishedAt: at(1) }))
        await store.notices.insert(notice('n_held', { publishedAt: at(2), moderation: HELD }))
        await store.notices.insert(notice('n_no', { publishedAt: at(3), moderation: REFUSED }))
        const viewer = (id: string, staff: boolean, moderatorToo = staff) => ({ id, communityId: ONE, staff, buildingIds: ['b-1'], moderator: moderatorToo })
        const list = async (v: ReturnType<typeof viewer>) => ids(await store.notices.list(v, at(10), null, 10))
        expect(await list(viewer(PEOPLE.res1.id, false))).toEqual(['n_pub'])
        expect(await list(viewer(PEOPLE.leader.id, false))).toEqual(['n_no', 'n_held', 'n_pub'])
        expect(await list(viewer(PEOPLE.staff.id, true))).toEqual(['n_held', 'n_pub'])
        // An admin moderates without staff's sight of every notice: held ones of the community too.
        expect(await list(viewer('u-admin', false, true))).toEqual(['n_held', 'n_pub'])
        for (const v of [viewer(PEOPLE.res1.id, false), viewer(PEOPLE.staff.id, true)]) expect(await store.notices.countUnread(v, at(10))).toBe(1)
        expect((await store.notices.find('n_no', PEOPLE.leader.id))?.moderation).toEqual(REFUSED)
        await store.moderation.settle('notice', 'n_held', { published: true, at: at(8) })
        expect(await list(viewer(PEOPLE.res1.id, false))).toEqual(['n_held', 'n_pub'])
        expect((await store.notices.find('n_held', PEOPLE.res1.id))?.publishedAt).toBe(at(8))
        expect(await store.notices.countUnread(viewer(PEOPLE.res1.id, false), at(10))).toBe(2)
        // The author's list has every one of theirs, marked.
        expect((await store.notices.listSent(PEOPLE.leader.id, ONE, null, 10)).map((n) => [n.id, n.moderation?.status ?? null])).toEqual([
          ['n_held', null],
          ['n_no', 'rejected'],
          ['n_pub', null],
        ])
      })
    })

    describe('a proposal', () => {
      it('is listed to whom `visibleTo` may see it (published only without one); its deadline moves on by the time it was held', async () => {
        await store.proposals.insert(proposal('pp_pub', { createdAt: at(1) }))
        await store.proposals.insert(proposal('pp_held', { createdAt: at(2), deadline: at(722), moderation: HELD }))
        await store.proposals.insert(proposal('pp_no', { createdAt: at(3), moderation: REFUSED }))
        const list = async (visibleTo?: { id: string; moderator: boolean }) => ids(await store.proposals.list({ communityId: ONE, ...(visibleTo ? { visibleTo } : {}) }, null, 10))
        expect(await list()).toEqual(['pp_pub'])
        expect(await list(reader)).toEqual(['pp_pub'])
        expect(await list(moderator)).toEqual(['pp_held', 'pp_pub'])
        expect(await list({ id: author.id, moderator: false })).toEqual(['pp_no', 'pp_held', 'pp_pub'])
        expect((await store.proposals.find('pp_no'))?.moderation).toEqual(REFUSED)
        expect((await store.proposals.findForUpdate('pp_held'))?.moderation).toEqual(HELD)
        await store.moderation.settle('proposal', 'pp_held', { published: true, at: at(50) })
        const published = (await store.proposals.find('pp_held'))!
        expect(published.moderation).toBeUndefined()
        expect(published.deadline).toBe(at(722 + 48))
        expect(await list(reader)).toEqual(['pp_held', 'pp_pub'])
      })
    })

    describe('a contribution', () => {
      it('is listed to whom `visibleTo` may see it, and counted nowhere until published', async () => {
        await store.proposals.insert(proposal('pp_open'))
        await store.contributions.insert(contribution('ct_1', { createdAt: at(1) }))
        await store.contributions.insert(contribution('ct_2', { createdAt: at(2), moderation: HELD }))
        await store.contributions.insert(contribution('ct_3', { createdAt: at(3), moderation: REFUSED, stance: 'against' }))
        await store.contributions.insert(contribution('ct_q', { createdAt: at(4), subjectKey: 'disclosure:ds_1', stance: undefined, moderation: HELD }))
        const list = async (visibleTo?: { id: string; moderator: boolean }, cursor: { createdAt: string; id: string } | null = null) =>
          ids(await store.contributions.list('proposal:pp_open', cursor, 10, visibleTo))
        expect(await list()).toEqual(['ct_1'])
        expect(await list(reader)).toEqual(['ct_1'])
        expect(await list(moderator)).toEqual(['ct_1', 'ct_2'])
        expect(await list({ id: author.id, moderator: false })).toEqual(['ct_1', 'ct_2', 'ct_3'])
        expect(await list({ id: author.id, moderator: false }, { createdAt: at(1), id: 'ct_1' })).toEqual(['ct_2', 'ct_3'])
        expect(await store.contributions.countStances('proposal:pp_open')).toEqual({ for: 1, against: 0, neutral: 0 })
        expect(await store.contributions.countMany(['proposal:pp_open', 'disclosure:ds_1'])).toEqual(new Map([['proposal:pp_open', 1]]))
        expect((await store.proposals.find('pp_open'))?.contributions).toBe(1)
        await store.moderation.settle('contribution', 'ct_2', { published: true, at: at(9) })
        await store.moderation.settle('question', 'ct_q', { published: true, at: at(9) })
        expect(await list(reader)).toEqual(['ct_1', 'ct_2'])
        expect(await store.contributions.countStances('proposal:pp_open')).toEqual({ for: 2, against: 0, neutral: 0 })
        expect(await store.contributions.countMany(['proposal:pp_open', 'disclosure:ds_1'])).toEqual(new Map([['proposal:pp_open', 2], ['disclosure:ds_1', 1]]))
        expect((await store.contributions.find('ct_3'))?.moderation).toEqual(REFUSED)
      })
    })

    // ── the queue ────────────────────────────────────────────────────────────────────────────

    describe('the moderation queue', () => {
      it('lists a community’s held items oldest first after a cursor, with the names as they are now', async () => {
        await store.moderation.insert(item('mq_2', { createdAt: at(2) }))
        await store.moderation.insert(item('mq_B', { createdAt: at(1) }))
        await store.moderation.insert(item('mq_a', { createdAt: at(1), kind: 'proposal', subjectId: 'pp_1', context: undefined }))
        await store.moderation.insert(item('mq_x', { communityId: TWO, authorId: PEOPLE.other.id, createdAt: at(0) }))
        // Code-point order breaks the tie at one instant: 'mq_B' < 'mq_a'.
        expect(ids(await store.moderation.listHeld(ONE, null, 10))).toEqual(['mq_B', 'mq_a', 'mq_2'])
        expect(ids(await store.moderation.listHeld(ONE, { createdAt: at(1), id: 'mq_B' }, 1))).toEqual(['mq_a'])
        expect(ids(await store.moderation.listHeld(TWO, null, 10))).toEqual(['mq_x'])
        const { context: _context, ...proposalItem } = item('mq_a', { createdAt: at(1), kind: 'proposal', subjectId: 'pp_1' })
        const found = await store.moderation.find('mq_a')
        expect(found).toEqual({ ...proposalItem, authorName: author.name })
        expect(found).not.toHaveProperty('context')
        await store.privacy.erase(author.id, '已注销用户', at(3))
        expect((await store.moderation.find('mq_2'))?.authorName).toBe('已注销用户')
        expect(await store.moderation.find('mq_nothing')).toBeNull()
      })

      it('records one decision: a second answers false and changes nothing; decided items leave the list', async () => {
        await store.moderation.insert(item('mq_1'))
        await store.moderation.insert(item('mq_2', { createdAt: at(2) }))
        expect(await store.moderation.decide('mq_1', { status: 'approved', at: at(3), byId: PEOPLE.staff.id })).toBe(true)
        expect(await store.moderation.decide('mq_1', { status: 'rejected', at: at(4), byId: PEOPLE.staff.id, reason: '含有广告' })).toBe(false)
        expect(await store.moderation.decide('mq_2', { status: 'rejected', at: at(4), byId: PEOPLE.staff.id, reason: '含有广告' })).toBe(true)
        expect(await store.moderation.findForUpdate('mq_1')).toMatchObject({ status: 'approved', decidedAt: at(3), decidedById: PEOPLE.staff.id, decidedByName: PEOPLE.staff.name })
        expect((await store.moderation.find('mq_1'))?.reason).toBeUndefined()
        expect(await store.moderation.find('mq_2')).toMatchObject({ status: 'rejected', reason: '含有广告' })
        expect(await store.moderation.listHeld(ONE, null, 10)).toEqual([])
        expect(await store.moderation.decide('mq_nothing', { status: 'approved', at: at(5), byId: PEOPLE.staff.id })).toBe(false)
      })

      it('finds the item still held for a text or a photo, and none once it is decided', async () => {
        await store.moderation.insert(item('mq_p', { kind: 'photo', subjectId: 'ph_1', context: undefined, text: '' }))
        await store.moderation.insert(item('mq_t', { createdAt: at(2) }))
        expect(await store.moderation.findHeld('photo', 'ph_1')).toMatchObject({ id: 'mq_p', kind: 'photo', text: '', status: 'held' })
        expect(await store.moderation.findHeld('photo', 'ph_2')).toBeNull()
        const text = await store.moderation.find('mq_t')
        expect((await store.moderation.findHeld(text!.kind, text!.subjectId))?.id).toBe('mq_t')
        expect(await store.moderation.findHeld('proposal', 'ph_1')).toBeNull()
        await store.moderation.decide('mq_p', { status: 'approved', at: at(3), byId: PEOPLE.staff.id })
        expect(await store.moderation.findHeld('photo', 'ph_1')).toBeNull()
      })

      it('decides once when two moderators decide at the same moment', async () => {
        await store.moderation.insert(item('mq_race'))
        const outcomes = await Promise.all(
          (['approved', 'rejected'] as const).map((status) =>
            store.transaction(async (tx) => {
              const found = await tx.moderation.findForUpdate('mq_race')
              if (found?.status !== 'held') return false
              return tx.moderation.decide('mq_race', { status, at: at(3), byId: PEOPLE.staff.id, ...(status === 'rejected' ? { reason: '含有广告' } : {}) })
            }),
          ),
        )
        expect(outcomes.filter(Boolean)).toHaveLength(1)
      })

      it('writes nothing of a decision whose transaction fails', async () => {
        await store.messages.insert(message('m_r', { moderation: HELD }))
        await store.moderation.insert(item('mq_r', { subjectId: 'm_r' }))
        await expect(
          store.transaction(async (tx) => {
            await tx.moderation.decide('mq_r', { status: 'approved', at: at(3), byId: PEOPLE.staff.id })
            await tx.moderation.settle('message', 'm_r', { published: true, at: at(3) })
            throw new Error('the audit could not be written')
          }),
        ).rejects.toThrow('the audit could not be written')
        expect((await store.moderation.find('mq_r'))?.status).toBe('held')
        expect((await store.messages.listBefore(`general:${author.id}`, null, 10, reader)).map((r) => r.message.id)).toEqual([])
      })
    })

    // ── the audit log ────────────────────────────────────────────────────────────────────────

    describe('the audit log', () => {
      it('reads a community’s events newest first over (at, id), filtered by action and subject, with the names as they are now', async () => {
        await store.audit.insert(event('au_1', { at: at(1) }))
        await store.audit.insert(event('au_B', { at: at(2), action: 'report.reject', note: '不属于本社区', concernsId: author.id, details: { from: 'submitted', to: 'rejected' } }))
        await store.audit.insert(event('au_a', { at: at(2), subjectKind: 'user', subjectId: author.id, action: 'role.revoke', details: { role: 'grid_worker', count: 1, final: true, none: null } }))
        await store.audit.insert(event('au_x', { communityId: TWO, actorId: PEOPLE.other.id }))
        const list = async (filter: Partial<Parameters<Store['audit']['list']>[0]> = {}, cursor: { createdAt: string; id: string } | null = null, limit = 10) =>
          ids(await store.audit.list({ communityId: ONE, ...filter }, cursor, limit))
        expect(await list()).toEqual(['au_a', 'au_B', 'au_1'])
        expect(await list({}, { createdAt: at(2), id: 'au_a' }, 1)).toEqual(['au_B'])
        expect(await list({ action: 'report.accept' })).toEqual(['au_1'])
        expect(await list({ subjectKind: 'report', subjectId: 'r_1' })).toEqual(['au_B', 'au_1'])
        expect(await list({ subjectKind: 'user' })).toEqual(['au_a'])
        expect(ids(await store.audit.list({ communityId: TWO }, null, 10))).toEqual(['au_x'])
        const [a, b] = await store.audit.list({ communityId: ONE }, null, 2)
        expect(a).toStrictEqual({ ...event('au_a', { at: at(2), subjectKind: 'user', subjectId: author.id, action: 'role.revoke', details: { role: 'grid_worker', count: 1, final: true, none: null } }), actorName: PEOPLE.staff.name })
        expect(b).toMatchObject({ note: '不属于本社区', concernsId: author.id, concernsName: author.name, details: { from: 'submitted', to: 'rejected' } })
        await store.privacy.erase(author.id, '已注销用户', at(3))
        expect((await store.audit.list({ communityId: ONE, action: 'report.reject' }, null, 1))[0].concernsName).toBe('已注销用户')
      })

      it('keeps what a failed transaction recorded out of the log', async () => {
        await expect(
          store.transaction(async (tx) => {
            await tx.audit.insert(event('au_gone'))
            throw new Error('the move failed')
          }),
        ).rejects.toThrow('the move failed')
        expect(await store.audit.list({ communityId: ONE }, null, 10)).toEqual([])
      })

      // The memory store has no way to run a statement the code does not have: the port is the guard there.
      if (options.sql) it('refuses to change or remove an event, whoever asks the database', async () => {
        await store.audit.insert(event('au_kept', { note: '原因' }))
        for (const statement of ["UPDATE audit_events SET note = '改过' WHERE id = 'au_kept'", "DELETE FROM audit_events WHERE id = 'au_kept'", 'TRUNCATE audit_events']) {
          await expect(sut.sql!(statement)).rejects.toThrow(/append-only/)
        }
        expect(await store.audit.list({ communityId: ONE }, null, 10)).toMatchObject([{ id: 'au_kept', note: '原因' }])
      })
    })
  })
}
