/**
 * The ApiClient port's contract: what every adapter must do for sessions, reports, handling,
 * messages, notices, the dashboard, 代报 and belonging (communities, households, invitations, people,
 * my data), checked the same way against each (memory.test.ts,
 * http-pglite.test.ts, http-postgres.test.ts). Expectations name error kinds (and field names), never message texts. A behaviour belongs here when
 * a screen relies on it; adapter details (headers, retries, storage keys) are tested in unit/.
 *
 * The backend is shared by all tests of a run and holds the seeded demo community, so every test
 * files its own reports with descriptions of its own and never assumes a list is otherwise empty.
 */
import type { ApiClient, InviteInput } from '../../src/api/client'
import { ApiError } from '../../src/api/errors'
import { Outbox } from '../../src/api/outbox'
import { memoryStorage } from '../../src/platform/storage'
import { chinaDay } from '../../src/domain/dashboard'
import { compareInbox, inboxRank } from '../../src/domain/inbox'
import { generalThreadId, reportThreadId } from '../../src/domain/messages'
import type { NewReportInput, NoticeInput } from '../../types/api'
import type { DashboardStats, HouseholdClaim, Message, MessageThread, Notice, Report, ReportSummary } from '../../types/domain'
import { NEWCOMERS } from './support/fixtures'

export interface ContractBackend {
  /** A fresh, signed-out client on this backend (its own token storage: another phone). */
  client(as?: 'fresh'): ApiClient
  teardown(): Promise<void>
}

/** A 1×1 PNG as H5 keeps photos: a data URL. */
export const PNG_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

/** The ApiError a promise rejects with (fails the test if it resolves or throws anything else). */
export async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ApiError) return error
    throw new Error(`expected an ApiError, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`)
  }
  throw new Error('expected the call to fail with an ApiError, but it succeeded')
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export function defineContractSuite(name: string, setup: () => Promise<ContractBackend>): void {
  describe(`the ApiClient contract: ${name}`, () => {
    let backend: ContractBackend
    const run = Math.random().toString(36).slice(2, 8)
    let seq = 0

    beforeAll(async () => {
      backend = await setup()
    })
    afterAll(async () => {
      await backend?.teardown()
    })

    /** A fresh client signed in as a demo account. */
    async function as(userId: string): Promise<ApiClient> {
      const api = backend.client('fresh')
      await api.session.signInDemo(userId)
      return api
    }

    /** A valid report no other test has filed. */
    function uniqueReport(over: Partial<NewReportInput> = {}): NewReportInput {
      seq += 1
      return {
        categoryId: 'cat-light',
        description: `契约测试${run}-${seq}：楼下路灯不亮，晚上很黑`,
        photoIds: [],
        location: { kind: 'text', address: '映月社区3号楼北侧' },
        anonymous: false,
        ...over,
      }
    }
    const newKey = () => `contract-${run}-${++seq}-${Math.random().toString(36).slice(2, 10)}`

    async function file(api: ApiClient, over: Partial<NewReportInput> = {}): Promise<Report> {
      return api.reports.submit(uniqueReport(over), { idempotencyKey: newKey() })
    }

    async function allMine(api: ApiClient, limit = 50): Promise<ReportSummary[]> {
      const out: ReportSummary[] = []
      let cursor: string | undefined
      for (let page = 0; page < 100; page++) {
        const got = await api.reports.listMine({ cursor, limit })
        out.push(...got.items)
        cursor = got.nextCursor
        if (!cursor) return out
      }
      throw new Error('listMine never ended')
    }

    async function allInbox(api: ApiClient): Promise<ReportSummary[]> {
      const out: ReportSummary[] = []
      let cursor: string | undefined
      for (let page = 0; page < 100; page++) {
        const got = await api.handling.listInbox({ cursor, limit: 50 })
        out.push(...got.items)
        cursor = got.nextCursor
        if (!cursor) return out
      }
      throw new Error('listInbox never ended')
    }

    // ── sessions ──────────────────────────────────────────────────────────────────────────────

    describe('sessions', () => {
      it('lists the demo accounts of the demo community', async () => {
        const accounts = await backend.client('fresh').session.listDemoAccounts()
        const byId = new Map(accounts.map((a) => [a.userId, a]))
        expect(byId.get('u-wang')).toMatchObject({ name: '王秀兰', roles: ['resident'] })
        expect(byId.get('u-zhang')?.roles).toEqual(['staff'])
        expect(byId.get('u-sun')?.roles).toEqual(['grid_worker'])
        expect(byId.get('u-liu')?.roles).toEqual(['grid_worker'])
        for (const account of accounts) expect(account.description.length).toBeGreaterThan(0)
      })

      it.each([
        ['u-wang', ['resident'], []],
        ['u-zhang', ['staff'], []],
        ['u-sun', ['grid_worker'], ['g-2']],
      ])('signs in as %s and restores that session', async (userId, roles, gridIds) => {
        const api = backend.client('fresh')
        const session = await api.session.signInDemo(userId)
        expect(session.token).toEqual(expect.any(String))
        expect(session.user).toMatchObject({ id: userId, roles, gridIds, communityId: 'c-yingyue' })
        expect(session.user.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/)
        expect(Date.parse(session.expiresAt)).toBeGreaterThan(Date.now())
        expect((await api.session.current())?.user.id).toBe(userId)
      })

      it('refuses an account that does not exist', async () => {
        const error = await rejection(backend.client('fresh').session.signInDemo('u-nobody'))
        expect(error.kind).toBe('not_found')
      })

      it('has no session before signing in and none after signing out', async () => {
        const api = backend.client('fresh')
        expect(await api.session.current()).toBeNull()
        await api.session.signInDemo('u-wang')
        await api.session.signOut()
        expect(await api.session.current()).toBeNull()
        expect((await rejection(api.reports.listMine())).kind).toBe('unauthorized')
      })

      it('ends the session on the backend at sign-out, not only on the device', async () => {
        const api = backend.client('fresh')
        const session = await api.session.signInDemo('u-wang')
        const other = backend.client('fresh')
        await other.session.signInDemo('u-wang')
        await api.session.signOut()
        // The other phone's session is its own and survives.
        expect((await other.session.current())?.user.id).toBe('u-wang')
        expect(session.token).not.toBe((await other.session.current())?.token)
      })

      it('answers unauthorized to every call without a session', async () => {
        const api = backend.client('fresh')
        const calls: Array<() => Promise<unknown>> = [
          () => api.reports.listMine(),
          () => api.reports.listPublic(),
          () => api.reports.get('r-any'),
          () => api.reports.submit(uniqueReport(), { idempotencyKey: newKey() }),
          () => api.reports.meToo('r-any'),
          () => api.directory.getCommunity(),
          () => api.handling.listInbox(),
          () => api.handling.accept('r-any'),
          () => api.media.uploadPhoto({ path: PNG_DATA_URL }),
        ]
        for (const call of calls) expect((await rejection(call())).kind).toBe('unauthorized')
      })
    })

    // ── the directory ─────────────────────────────────────────────────────────────────────────

    describe('the community directory', () => {
      it('gives residents the community, its grids and categories, and no handlers', async () => {
        const dir = await (await as('u-wang')).directory.getCommunity()
        expect(dir.community).toMatchObject({ id: 'c-yingyue', name: '映月社区' })
        expect(dir.grids.map((g) => g.id)).toEqual(expect.arrayContaining(['g-1', 'g-2', 'g-3']))
        expect(dir.categories.find((c) => c.id === 'cat-gas')?.emergency?.phone).toBe('119')
        expect(dir.handlers).toEqual([])
      })

      it('gives handlers the people a report can be assigned to', async () => {
        const dir = await (await as('u-zhang')).directory.getCommunity()
        expect(dir.handlers.map((h) => h.id)).toEqual(expect.arrayContaining(['u-sun', 'u-liu', 'u-zhang']))
      })
    })

    // ── submitting ────────────────────────────────────────────────────────────────────────────

    describe('submitting a report', () => {
      it('files a report routed to the grid of the reporter’s home', async () => {
        const api = await as('u-wang')
        const input = uniqueReport({ anonymous: true })
        const report = await api.reports.submit(input, { idempotencyKey: newKey() })
        expect(report).toMatchObject({
          categoryId: 'cat-light',
          categoryName: '路灯故障',
          description: input.description,
          location: input.location,
          anonymous: true,
          reporterId: 'u-wang',
          status: 'submitted',
          gridId: 'g-2',
          communityId: 'c-yingyue',
          reopenCount: 0,
          meTooCount: 0,
          escalated: false,
        })
        expect(report.number).toMatch(/\S/)
        expect(Date.parse(report.deadlineAt) - Date.parse(report.createdAt)).toBe(48 * 3_600_000)
      })

      it('refuses an invalid report with a message per field', async () => {
        const api = await as('u-wang')
        const error = await rejection(
          api.reports.submit(
            { categoryId: 'cat-nonexistent', description: '灯', photoIds: [], location: { kind: 'text', address: '楼' }, anonymous: false },
            { idempotencyKey: newKey() },
          ),
        )
        expect(error.kind).toBe('validation')
        expect(Object.keys(error.fields).sort()).toEqual(['categoryId', 'description', 'location'])
        for (const message of Object.values(error.fields)) expect(message).toMatch(/[\u4e00-\u9fff]/)
      })

      it('refuses an emergency category and points to the emergency number', async () => {
        const api = await as('u-wang')
        const error = await rejection(file(api, { categoryId: 'cat-gas' }))
        expect(error.kind).toBe('validation')
        expect(error.fields.categoryId).toContain('119')
      })

      it('makes one report of two submissions under the same key', async () => {
        const api = await as('u-wang')
        const input = uniqueReport()
        const key = newKey()
        const first = await api.reports.submit(input, { idempotencyKey: key })
        const again = await api.reports.submit(input, { idempotencyKey: key })
        expect(again.id).toBe(first.id)
        expect(again.number).toBe(first.number)
        const mine = await allMine(api)
        expect(mine.filter((r) => r.description === input.description)).toHaveLength(1)
      })

      it('refuses another body under a key already used', async () => {
        const api = await as('u-wang')
        const key = newKey()
        await api.reports.submit(uniqueReport(), { idempotencyKey: key })
        const error = await rejection(api.reports.submit(uniqueReport(), { idempotencyKey: key }))
        expect(error.kind).toBe('validation')
        expect(Object.keys(error.fields)).toContain('idempotencyKey')
      })

      it('keeps idempotency keys per user: the same key from two residents makes two reports', async () => {
        const wang = await as('u-wang')
        const li = await as('u-li')
        const key = newKey()
        const input = uniqueReport()
        const a = await wang.reports.submit(input, { idempotencyKey: key })
        const b = await li.reports.submit(input, { idempotencyKey: key })
        expect(b.id).not.toBe(a.id)
        expect(b.reporterId).toBe('u-li')
      })

      it('attaches an uploaded photo', async () => {
        const api = await as('u-wang')
        const photo = await api.media.uploadPhoto({ path: PNG_DATA_URL, width: 1, height: 1 })
        expect(photo.id).toEqual(expect.any(String))
        expect(photo.url).not.toBe('')
        const report = await file(api, { photoIds: [photo.id] })
        expect(report.photos.map((p) => p.id)).toEqual([photo.id])
        const detail = await api.reports.get(report.id)
        expect(detail.report.photos[0]).toMatchObject({ id: photo.id })
        expect(detail.report.photos[0].url).not.toBe('')
        const summary = (await allMine(api)).find((r) => r.id === report.id)
        expect(summary?.photoCount).toBe(1)
      })

      it('refuses more than nine photos, on the photos field', async () => {
        const api = await as('u-wang')
        const photoIds = Array.from({ length: 10 }, (_, i) => `p-missing-${i}`)
        const error = await rejection(file(api, { photoIds }))
        expect(error.kind).toBe('validation')
        expect(Object.keys(error.fields)).toEqual(['photos'])
      })

      it('refuses a file that is not an image', async () => {
        const api = await as('u-wang')
        const error = await rejection(api.media.uploadPhoto({ path: 'data:text/plain;base64,aGVsbG8gd29ybGQ=' }))
        expect(error.kind).toBe('validation')
      })

      it('refuses a photo somebody else uploaded', async () => {
        const li = await as('u-li')
        const theirs = await li.media.uploadPhoto({ path: PNG_DATA_URL })
        const error = await rejection(file(await as('u-wang'), { photoIds: [theirs.id] }))
        expect(error.kind).toBe('validation')
      })
    })

    // ── reading ───────────────────────────────────────────────────────────────────────────────

    describe('following my reports', () => {
      it('lists mine newest first, and a cursor walk sees each exactly once', async () => {
        const api = await as('u-zhao')
        const filed: Report[] = []
        for (let i = 0; i < 3; i++) {
          filed.push(await file(api))
          await pause(5)
        }
        const walked = await allMine(api, 2)
        const ids = walked.map((r) => r.id)
        expect(new Set(ids).size).toBe(ids.length)
        for (let i = 1; i < walked.length; i++) {
          expect(walked[i - 1].createdAt >= walked[i].createdAt).toBe(true)
        }
        const ours = ids.filter((id) => filed.some((r) => r.id === id))
        expect(ours).toEqual(filed.map((r) => r.id).reverse())
        const first = await api.reports.listMine({ limit: 1 })
        expect(first.items[0].id).toBe(filed[2].id)
        expect(first.nextCursor).toEqual(expect.any(String))
        // My own reports carry my name, anonymous or not (anonymity is towards other residents).
        const me = (await api.session.current())?.user.name
        expect(walked.every((r) => r.reporterName === me)).toBe(true)
      })

      it('refuses a page size outside 1..50 and a cursor it did not hand out, on the field', async () => {
        const api = await as('u-wang')
        for (const limit of [0, 51]) {
          const error = await rejection(api.reports.listMine({ limit }))
          expect(error.kind).toBe('validation')
          expect(Object.keys(error.fields)).toEqual(['limit'])
        }
        // Not the shape, the instant (Date.parse reads "0" as 2000) or the id of a cursor a page hands out.
        for (const cursor of ['not-a-cursor', '0|0', '2026-11-01T00:00:00Z|r_1', '+010000-01-01T00:00:00.000Z|r_1', '2026-11-01T00:00:00.000Z|r 1']) {
          const error = await rejection(api.reports.listMine({ cursor }))
          expect([cursor, error.kind]).toEqual([cursor, 'validation'])
          expect(Object.keys(error.fields)).toEqual(['cursor'])
        }
      })

      it('shows my report with its timeline', async () => {
        const api = await as('u-wang')
        const report = await file(api)
        const detail = await api.reports.get(report.id)
        expect(detail.report.id).toBe(report.id)
        expect(detail.timeline.map((e) => e.action)).toEqual(['submit'])
        expect(detail.timeline[0]).toMatchObject({ fromStatus: null, toStatus: 'submitted', actorId: 'u-wang' })
        expect(detail.allowedActions).not.toContain('rate')
        expect(detail.allowedActions).not.toContain('accept')
      })

      it('hides a report from another resident (not_found, existence not revealed)', async () => {
        const report = await file(await as('u-wang'))
        const li = await as('u-li')
        expect((await rejection(li.reports.get(report.id))).kind).toBe('not_found')
        expect((await rejection(li.reports.get('r-does-not-exist'))).kind).toBe('not_found')
      })

      it('hides a report from a grid worker of another grid', async () => {
        const report = await file(await as('u-wang'))
        expect(report.gridId).toBe('g-2')
        const liu = await as('u-liu')
        expect((await rejection(liu.reports.get(report.id))).kind).toBe('not_found')
        expect((await rejection(liu.handling.accept(report.id, { note: '我来处理' }))).kind).toBe('not_found')
      })

      it('lists open reports of the community publicly, without the reporter’s identity', async () => {
        const wang = await as('u-wang')
        const shown = await file(wang, { categoryId: 'cat-noise' })
        const hidden = await file(wang, { categoryId: 'cat-noise', anonymous: true })
        const li = await as('u-li')
        const seen: ReportSummary[] = []
        let cursor: string | undefined
        do {
          const page = await li.reports.listPublic({ categoryId: 'cat-noise', cursor, limit: 50 })
          seen.push(...page.items)
          cursor = page.nextCursor
        } while (cursor)
        expect(seen.every((r) => r.categoryId === 'cat-noise')).toBe(true)
        expect(seen.find((r) => r.id === shown.id)?.reporterName).toBe('王**')
        expect(seen.find((r) => r.id === hidden.id)?.reporterName).not.toContain('王')
      })

      it('shows staff who filed an anonymous report (anonymity is towards other residents)', async () => {
        const report = await file(await as('u-wang'), { anonymous: true })
        const detail = await (await as('u-zhang')).reports.get(report.id)
        expect(detail.report).toMatchObject({ anonymous: true, reporterId: 'u-wang', reporterName: '王秀兰' })
      })
    })

    // ── handling ──────────────────────────────────────────────────────────────────────────────

    describe('handling', () => {
      it('refuses a resident who tries to accept (forbidden)', async () => {
        const wang = await as('u-wang')
        const report = await file(wang)
        expect((await rejection(wang.handling.accept(report.id, { note: '我自己受理' }))).kind).toBe('forbidden')
      })

      it('runs the loop: accept → assign → resolve; the resident rates unsatisfied and it is reopened', async () => {
        const wang = await as('u-wang')
        const report = await file(wang)
        const zhang = await as('u-zhang')
        const sun = await as('u-sun')

        const accepted = await zhang.handling.accept(report.id, { note: '已受理，马上安排' })
        expect(accepted.report.status).toBe('accepted')
        expect(accepted.allowedActions).toContain('assign')

        const assigned = await zhang.handling.assign(report.id, { assignee: { kind: 'user', id: 'u-sun' }, note: '请孙丽今天上门' })
        expect(assigned.report.status).toBe('in_progress')
        expect(assigned.report.assignee).toMatchObject({ kind: 'user', id: 'u-sun', name: '孙丽' })
        // The 派单 step says to whom, beside the handler's note.
        expect(assigned.timeline[assigned.timeline.length - 1]).toMatchObject({
          action: 'assign',
          assignee: { kind: 'user', id: 'u-sun', name: '孙丽' },
          note: '请孙丽今天上门',
        })

        const resolved = await sun.handling.resolve(report.id, { note: '已更换灯泡，恢复照明' })
        expect(resolved.report.status).toBe('resolved')

        const seen = await wang.reports.get(report.id)
        expect(seen.report.status).toBe('resolved')
        expect(seen.allowedActions).toContain('rate')
        expect(seen.timeline.map((e) => e.action)).toEqual(['submit', 'accept', 'assign', 'resolve'])
        // The resident reads to whom it went too; no other step names anyone.
        expect(seen.timeline.map((e) => e.assignee?.name)).toEqual([undefined, undefined, '孙丽', undefined])

        const rated = await wang.reports.rate(report.id, { level: 'unsatisfied', comment: '第二天又不亮了' })
        expect(rated.report.status).toBe('reopened')
        expect(rated.report.reopenCount).toBe(1)
        expect(rated.report.rating).toMatchObject({ level: 'unsatisfied', comment: '第二天又不亮了' })
        const last = rated.timeline[rated.timeline.length - 1]
        expect(last).toMatchObject({ action: 'rate', fromStatus: 'resolved', toStatus: 'reopened' })
        expect(rated.allowedActions).not.toContain('rate')

        // The handlers see it back in their queue, flagged (居民不满意) and ranked with the urgent ones.
        const again = await zhang.handling.listInbox({ status: ['reopened'] })
        const row = again.items.find((r) => r.id === report.id)
        expect(row).toMatchObject({ status: 'reopened', reopenCount: 1 })
        expect(inboxRank(row!, new Date())).toBe(0)
        const mine = (await wang.reports.listMine()).items.find((r) => r.id === report.id)
        expect(mine).toMatchObject({ status: 'reopened', reopenCount: 1 })
      })

      it('closes the report when the resident is satisfied', async () => {
        const wang = await as('u-wang')
        const report = await file(wang)
        const zhang = await as('u-zhang')
        await zhang.handling.accept(report.id, { note: '已受理' })
        const assigned = await zhang.handling.assign(report.id, { assignee: { kind: 'department', id: 'd-property' }, note: '请物业处理' })
        expect(assigned.timeline.find((e) => e.action === 'assign')?.assignee).toEqual(assigned.report.assignee)
        expect(assigned.report.assignee).toMatchObject({ kind: 'department', id: 'd-property' })
        await zhang.handling.resolve(report.id, { note: '物业已修复' })
        const rated = await wang.reports.rate(report.id, { level: 'satisfied', comment: '' })
        expect(rated.report.status).toBe('closed')
        expect(rated.allowedActions).toEqual([])
      })

      it('keeps an escalation memo from the resident but shows it to handlers', async () => {
        const wang = await as('u-wang')
        const report = await file(wang)
        const zhang = await as('u-zhang')
        await zhang.handling.accept(report.id, { note: '已受理' })
        const escalated = await zhang.handling.escalate(report.id, { note: '涉及多个部门，需要街道协调' })
        expect(escalated.report.escalated).toBe(true)
        expect(escalated.timeline.map((e) => e.action)).toEqual(['submit', 'accept', 'escalate'])
        expect((await wang.reports.get(report.id)).timeline.map((e) => e.action)).toEqual(['submit', 'accept'])
        const flagged = await zhang.handling.listInbox({ escalatedOnly: true, limit: 50 })
        expect(flagged.items.map((r) => r.id)).toContain(report.id)
        expect(flagged.items.every((r) => r.escalated)).toBe(true)
      })

      it('refuses a rating before the report is resolved (conflict)', async () => {
        const wang = await as('u-wang')
        const report = await file(wang)
        expect((await rejection(wang.reports.rate(report.id, { level: 'satisfied', comment: '' }))).kind).toBe('conflict')
      })

      it('lets exactly one of two concurrent accepts win; the other is a conflict', async () => {
        const report = await file(await as('u-wang'))
        const first = await as('u-zhang')
        const second = await as('u-sun')
        const outcomes = await Promise.allSettled([
          first.handling.accept(report.id, { note: '我来受理' }),
          second.handling.accept(report.id, { note: '我也来受理' }),
        ])
        const won = outcomes.filter((o) => o.status === 'fulfilled')
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')
        expect(won).toHaveLength(1)
        expect(lost).toHaveLength(1)
        expect(lost[0].reason).toBeInstanceOf(ApiError)
        expect((lost[0].reason as ApiError).kind).toBe('conflict')
        // And a late accept, long after, is a conflict too.
        expect((await rejection(first.handling.accept(report.id, { note: '再受理一次' }))).kind).toBe('conflict')
      })

      it('refuses an assignee who does not work in the report’s grid, on the field', async () => {
        const report = await file(await as('u-wang'))
        const zhang = await as('u-zhang')
        await zhang.handling.accept(report.id, { note: '已受理' })
        // u-liu works in g-1, the report is in g-2.
        const error = await rejection(zhang.handling.assign(report.id, { assignee: { kind: 'user', id: 'u-liu' } }))
        expect(error.kind).toBe('validation')
        expect(Object.keys(error.fields)).toContain('assignee')
      })

      it('answers a move the status does not allow with conflict', async () => {
        const report = await file(await as('u-wang'))
        const zhang = await as('u-zhang')
        expect((await rejection(zhang.handling.resolve(report.id, { note: '已处理完毕' }))).kind).toBe('conflict')
        expect((await rejection(zhang.handling.close(report.id, { note: '直接关闭' }))).kind).toBe('conflict')
      })

      it('refuses the inbox to residents', async () => {
        expect((await rejection((await as('u-wang')).handling.listInbox())).kind).toBe('forbidden')
      })

      it('shows a grid worker only the reports of their grid', async () => {
        const report = await file(await as('u-wang'))
        const sun = await allInbox(await as('u-sun'))
        expect(sun.length).toBeGreaterThan(0)
        expect(sun.every((r) => r.gridId === 'g-2')).toBe(true)
        expect(sun.map((r) => r.id)).toContain(report.id)
        const liu = await allInbox(await as('u-liu'))
        expect(liu.every((r) => r.gridId === 'g-1')).toBe(true)
        expect(liu.map((r) => r.id)).not.toContain(report.id)
        const staff = await allInbox(await as('u-zhang'))
        expect(staff.map((r) => r.id)).toContain(report.id)
      })

      it('filters the inbox by status', async () => {
        const zhang = await as('u-zhang')
        const page = await zhang.handling.listInbox({ status: ['submitted', 'reopened'], limit: 50 })
        expect(page.items.every((r) => r.status === 'submitted' || r.status === 'reopened')).toBe(true)
      })

      it('gives the report’s handlers whom to call: masked on the detail, in full only when asked; nobody else', async () => {
        const wang = await as('u-wang')
        const report = await file(wang)
        for (const handler of ['u-zhang', 'u-sun']) {
          const api = await as(handler)
          expect((await api.reports.get(report.id)).contact).toEqual({ name: '王秀兰', phoneMasked: '138****0001', relation: 'reporter' })
          expect(await api.handling.reporterPhone(report.id, { reason: 'follow_up' })).toEqual({ name: '王秀兰', phone: '13800000001', relation: 'reporter' })
        }
        // Every step's answer to a handler carries it too; the resident's detail never does.
        const accepted = await (await as('u-zhang')).handling.accept(report.id, {})
        expect(accepted.contact).toEqual({ name: '王秀兰', phoneMasked: '138****0001', relation: 'reporter' })
        const own = await wang.reports.get(report.id)
        expect(own).not.toHaveProperty('contact')
        expect(JSON.stringify(own)).not.toContain('138****0001')
        // Refused alike by every adapter: its reporter (forbidden), a neighbour, a building leader, another
        // grid and another community (not_found, as the report itself), and no report at all.
        expect((await rejection(wang.handling.reporterPhone(report.id, { reason: 'follow_up' }))).kind).toBe('forbidden')
        for (const stranger of ['u-li', 'u-zhou', 'u-liu', 'u-other-staff']) {
          expect([stranger, (await rejection((await as(stranger)).handling.reporterPhone(report.id, { reason: 'follow_up' }))).kind]).toEqual([stranger, 'not_found'])
        }
        expect((await rejection((await as('u-zhang')).handling.reporterPhone('r_nothing_here', { reason: 'follow_up' }))).kind).toBe('not_found')
      })

      it('names the department a 转派 went to on its timeline step; a transfer to a grid names none', async () => {
        const zhang = await as('u-zhang')
        const toDepartment = await file(await as('u-wang'))
        const moved = await zhang.handling.transfer(toDepartment.id, { target: { kind: 'department', id: 'd-property' }, note: '属于物业管理范围' })
        expect(moved.report.status).toBe('transferred')
        const step = moved.timeline[moved.timeline.length - 1]
        expect(step).toMatchObject({ action: 'transfer', assignee: { kind: 'department', id: 'd-property', name: '物业服务中心' }, note: '属于物业管理范围' })
        // The resident reads it too.
        const seen = await (await as('u-wang')).reports.get(toDepartment.id)
        expect(seen.timeline.find((e) => e.action === 'transfer')?.assignee).toEqual({ kind: 'department', id: 'd-property', name: '物业服务中心' })

        const toGrid = await file(await as('u-wang'))
        const regridded = await zhang.handling.transfer(toGrid.id, { target: { kind: 'grid', id: 'g-1' }, note: '属于第一网格' })
        expect(regridded.timeline.find((e) => e.action === 'transfer')).not.toHaveProperty('assignee')
      })

      it('offers reply templates to handlers only', async () => {
        const templates = await (await as('u-zhang')).handling.listReplyTemplates()
        expect(templates.length).toBeGreaterThan(0)
        expect(templates[0]).toEqual({ id: expect.any(String), title: expect.any(String), text: expect.any(String) })
        expect((await rejection((await as('u-wang')).handling.listReplyTemplates())).kind).toBe('forbidden')
      })
    })

    // ── me too ────────────────────────────────────────────────────────────────────────────────

    describe('the outbox over this adapter', () => {
      /** The same client, but every submission's answer is lost after the backend acted on it. */
      function losingAnswers(api: ApiClient): ApiClient {
        return {
          ...api,
          reports: {
            ...api.reports,
            submit: async (input, options) => {
              await api.reports.submit(input, options)
              throw new ApiError('network')
            },
          },
        }
      }

      it('a report whose answer was lost is sent again later and exists exactly once, photos uploaded once', async () => {
        const api = await as('u-li')
        let uploads = 0
        const counting: ApiClient = {
          ...api,
          media: {
            uploadPhoto: async (photo) => {
              uploads += 1
              return api.media.uploadPhoto(photo)
            },
          },
        }
        const storage = memoryStorage()
        const payload = { ...uniqueReport(), photos: [{ path: PNG_DATA_URL, bytes: 68 }] }
        const { photoIds: _none, ...fields } = payload
        const key = newKey()

        const first = await new Outbox(losingAnswers(counting), storage, 'outbox').send(
          new Outbox(counting, storage, 'outbox').add(key, fields).key,
        )
        expect(first.status).toBe('waiting')

        // Later (another launch of the app): the outbox in storage is flushed through the real client.
        const later = new Outbox(counting, storage, 'outbox')
        const { sent, waiting } = await later.flush()
        expect(waiting).toBe(0)
        expect(sent).toHaveLength(1)
        expect(later.items()).toEqual([])
        expect(uploads).toBe(1)

        const mine = (await allMine(api)).filter((r) => r.description === payload.description)
        expect(mine).toHaveLength(1)
        expect(mine[0].id).toBe(sent[0].id)
        expect(mine[0].photoCount).toBe(1)
      })

      it('a report the backend refuses is marked failed with its field messages, not retried', async () => {
        const api = await as('u-li')
        const outbox = new Outbox(api, memoryStorage(), 'outbox')
        const { photoIds: _none, ...fields } = uniqueReport({ description: '短' })
        const result = await outbox.send(outbox.add(newKey(), { ...fields, photos: [] }).key)
        expect(result.status).toBe('failed')
        expect(outbox.items()[0].state).toBe('failed')
        expect(outbox.items()[0].error?.fields.description).toMatch(/至少/)
        const again = await outbox.flush()
        expect(again.sent).toHaveLength(0)
      })
    })

    describe('me too (附议)', () => {
      it('counts each neighbour once', async () => {
        const report = await file(await as('u-wang'))
        const li = await as('u-li')
        const once = await li.reports.meToo(report.id)
        expect(once).toMatchObject({ id: report.id, meTooCount: 1 })
        const twice = await li.reports.meToo(report.id)
        expect(twice.meTooCount).toBe(1)
        const zhao = await as('u-zhao')
        expect((await zhao.reports.meToo(report.id)).meTooCount).toBe(2)
      })

      it('refuses my own report (conflict) and one that does not exist (not_found)', async () => {
        const wang = await as('u-wang')
        const report = await file(wang)
        expect((await rejection(wang.reports.meToo(report.id))).kind).toBe('conflict')
        expect((await rejection(wang.reports.meToo('r-does-not-exist'))).kind).toBe('not_found')
      })
    })

    // ── messages ──────────────────────────────────────────────────────────────────────────────

    async function threadOf(api: ApiClient, threadId: string): Promise<MessageThread | undefined> {
      return (await api.messages.listThreads()).find((t) => t.id === threadId)
    }

    async function allMessages(api: ApiClient, threadId: string, limit = 50): Promise<Message[]> {
      const pages: Message[][] = []
      let cursor: string | undefined
      for (let page = 0; page < 100; page++) {
        const got = await api.messages.listMessages(threadId, { cursor, limit })
        pages.unshift(got.items)
        cursor = got.nextCursor
        if (!cursor) return pages.flat()
      }
      throw new Error('listMessages never ended')
    }

    const uniqueText = (what: string) => `${what}${run}-${++seq}`

    describe('messages (留言/回复)', () => {
      it('answers unauthorized without a session', async () => {
        const api = backend.client('fresh')
        const calls: Array<() => Promise<unknown>> = [
          () => api.messages.listThreads(),
          () => api.messages.listMessages('general:u-wang'),
          () => api.messages.send('general', '你好'),
          () => api.messages.markRead('general:u-wang'),
          () => api.messages.unreadCount(),
        ]
        for (const call of calls) expect((await rejection(call())).kind).toBe('unauthorized')
      })

      it('runs a report’s thread between the resident and its handler, with unread counts on both sides', async () => {
        const wang = await as('u-wang')
        const sun = await as('u-sun')
        const report = await file(wang)
        const sunUnreadBefore = await sun.messages.unreadCount()

        const question = uniqueText('请问什么时候来修？')
        const asked = await wang.messages.send({ reportId: report.id }, question)
        expect(asked).toMatchObject({
          threadId: reportThreadId(report.id),
          authorId: 'u-wang',
          authorName: '王秀兰',
          authorRole: 'resident',
          body: question,
        })
        expect(Date.parse(asked.at)).not.toBeNaN()

        // The grid worker of the report's grid sees the thread, unread.
        const seen = await threadOf(sun, asked.threadId)
        expect(seen).toMatchObject({ id: asked.threadId, kind: 'report', reportId: report.id, unread: 1, lastMessagePreview: question })
        expect(seen?.title).toContain(report.number)
        expect(seen?.lastMessageAt).toBe(asked.at)
        expect(await sun.messages.unreadCount()).toBe(sunUnreadBefore + 1)
        // My own message is not unread for me.
        expect((await threadOf(wang, asked.threadId))?.unread).toBe(0)

        const answer = uniqueText('明天上午上门，请留人。')
        const answered = await sun.messages.send({ threadId: asked.threadId }, answer)
        expect(answered).toMatchObject({ threadId: asked.threadId, authorId: 'u-sun', authorName: '孙丽', authorRole: 'grid_worker' })
        // Answering reads what came before.
        expect((await threadOf(sun, asked.threadId))?.unread).toBe(0)
        expect(await sun.messages.unreadCount()).toBe(sunUnreadBefore)

        const wangUnread = await wang.messages.unreadCount()
        expect((await threadOf(wang, asked.threadId))?.unread).toBe(1)
        const messages = await wang.messages.listMessages(asked.threadId)
        expect(messages.items.map((m) => [m.authorId, m.body])).toEqual([
          ['u-wang', question],
          ['u-sun', answer],
        ])
        await wang.messages.markRead(asked.threadId)
        expect((await threadOf(wang, asked.threadId))?.unread).toBe(0)
        expect(await wang.messages.unreadCount()).toBe(wangUnread - 1)

        // Staff of the community are on every report thread too.
        expect((await (await as('u-zhang')).messages.listMessages(asked.threadId)).items).toHaveLength(2)
      })

      it('keeps a report’s thread from people not on the report (not_found)', async () => {
        const report = await file(await as('u-wang'))
        const threadId = reportThreadId(report.id)
        for (const who of ['u-li', 'u-liu', 'u-zhou']) {
          const api = await as(who)
          expect((await rejection(api.messages.listMessages(threadId))).kind).toBe('not_found')
          expect((await rejection(api.messages.send({ threadId }, '我也想问问'))).kind).toBe('not_found')
          expect((await rejection(api.messages.send({ reportId: report.id }, '我也想问问'))).kind).toBe('not_found')
          expect((await rejection(api.messages.markRead(threadId))).kind).toBe('not_found')
          expect((await api.messages.listThreads()).map((t) => t.id)).not.toContain(threadId)
        }
      })

      it('answers not_found for threads that do not exist', async () => {
        const wang = await as('u-wang')
        for (const threadId of ['report:r-does-not-exist', 'general:u-nobody', 'nonsense', 'booking:1']) {
          expect((await rejection(wang.messages.listMessages(threadId))).kind).toBe('not_found')
          expect((await rejection(wang.messages.send({ threadId }, '有人吗'))).kind).toBe('not_found')
        }
        expect((await rejection(wang.messages.send({ reportId: 'r-does-not-exist' }, '有人吗'))).kind).toBe('not_found')
      })

      it('refuses an empty or too long message on the body field', async () => {
        const wang = await as('u-wang')
        const report = await file(wang)
        for (const body of ['', '   \n ', '字'.repeat(501)]) {
          const error = await rejection(wang.messages.send({ reportId: report.id }, body))
          expect(error.kind).toBe('validation')
          expect(Object.keys(error.fields)).toEqual(['body'])
        }
        expect((await wang.messages.listMessages(reportThreadId(report.id))).items).toEqual([])
        // 500 characters is fine, and the text is kept as typed (trimmed).
        const long = await wang.messages.send({ reportId: report.id }, ` ${'字'.repeat(500)} `)
        expect(long.body).toBe('字'.repeat(500))
      })

      it('pages a thread newest-last: the first page holds the newest, the cursor leads to older ones', async () => {
        const wang = await as('u-wang')
        const report = await file(wang)
        const threadId = reportThreadId(report.id)
        const bodies: string[] = []
        for (let i = 1; i <= 5; i++) {
          bodies.push(`第${i}条-${run}`)
          await wang.messages.send({ reportId: report.id }, bodies[i - 1])
          await pause(3)
        }
        const first = await wang.messages.listMessages(threadId, { limit: 2 })
        expect(first.items.map((m) => m.body)).toEqual([bodies[3], bodies[4]])
        expect(first.nextCursor).toEqual(expect.any(String))
        const second = await wang.messages.listMessages(threadId, { limit: 2, cursor: first.nextCursor })
        expect(second.items.map((m) => m.body)).toEqual([bodies[1], bodies[2]])
        const third = await wang.messages.listMessages(threadId, { limit: 2, cursor: second.nextCursor })
        expect(third.items.map((m) => m.body)).toEqual([bodies[0]])
        expect(third.nextCursor).toBeUndefined()
        expect((await allMessages(wang, threadId, 3)).map((m) => m.body)).toEqual(bodies)

        for (const limit of [0, 51]) {
          const error = await rejection(wang.messages.listMessages(threadId, { limit }))
          expect(error.kind).toBe('validation')
          expect(Object.keys(error.fields)).toEqual(['limit'])
        }
        const error = await rejection(wang.messages.listMessages(threadId, { cursor: 'not-a-cursor' }))
        expect(error.kind).toBe('validation')
        expect(Object.keys(error.fields)).toEqual(['cursor'])
      })

      it('lists my own reports’ threads even before anyone wrote, newest activity first', async () => {
        const li = await as('u-li')
        const quiet = await file(li)
        const talked = await file(li)
        // Threads are ordered by their last instant: let the message come a moment after the filings.
        await pause(5)
        await li.messages.send({ reportId: talked.id }, uniqueText('有进展吗？'))
        const threads = await li.messages.listThreads()
        const ids = threads.map((t) => t.id)
        expect(threads.find((t) => t.id === reportThreadId(quiet.id))).toMatchObject({
          kind: 'report',
          reportId: quiet.id,
          unread: 0,
          lastMessagePreview: '',
        })
        expect(ids.indexOf(reportThreadId(talked.id))).toBeLessThan(ids.indexOf(reportThreadId(quiet.id)))
        for (let i = 1; i < threads.length; i++) expect(threads[i - 1].lastMessageAt >= threads[i].lastMessageAt).toBe(true)
        // A report thread without messages is not listed for its handlers.
        expect((await (await as('u-sun')).messages.listThreads()).map((t) => t.id)).not.toContain(reportThreadId(quiet.id))
      })

      it('lets a resident ask the community; staff see and answer it; nobody else can', async () => {
        const wang = await as('u-wang')
        const zhang = await as('u-zhang')
        const question = uniqueText('请问社区什么时候打疫苗？')
        const asked = await wang.messages.send('general', question)
        expect(asked).toMatchObject({ threadId: generalThreadId('u-wang'), authorId: 'u-wang', body: question })

        const forStaff = await threadOf(zhang, asked.threadId)
        expect(forStaff).toMatchObject({ kind: 'general', lastMessagePreview: question })
        expect(forStaff?.unread).toBeGreaterThanOrEqual(1)
        const reply = uniqueText('下周三上午在社区服务中心。')
        const answered = await zhang.messages.send({ threadId: asked.threadId }, reply)
        expect(answered).toMatchObject({ authorId: 'u-zhang', authorRole: 'staff' })

        expect((await threadOf(wang, asked.threadId))?.kind).toBe('general')
        expect((await allMessages(wang, asked.threadId)).slice(-2).map((m) => m.body)).toEqual([question, reply])

        for (const who of ['u-li', 'u-sun', 'u-zhou']) {
          const api = await as(who)
          expect((await rejection(api.messages.listMessages(asked.threadId))).kind).toBe('not_found')
          expect((await rejection(api.messages.send({ threadId: asked.threadId }, '我替她回答'))).kind).toBe('not_found')
        }
        // Another resident's own question goes to their own thread.
        expect((await (await as('u-li')).messages.send('general', uniqueText('停车位怎么申请？'))).threadId).toBe(generalThreadId('u-li'))
      })
    })

    // ── notices ───────────────────────────────────────────────────────────────────────────────

    function notice(over: Partial<NoticeInput> = {}): NoticeInput {
      return {
        title: uniqueText('契约通知'),
        body: '本周六上午九点在小广场组织义诊，欢迎参加。',
        scope: { kind: 'community' },
        urgent: false,
        pinned: false,
        ...over,
      }
    }

    async function allNotices(api: ApiClient, limit = 50): Promise<Notice[]> {
      const out: Notice[] = []
      let cursor: string | undefined
      for (let page = 0; page < 100; page++) {
        const got = await api.notices.list({ cursor, limit })
        out.push(...got.items)
        cursor = got.nextCursor
        if (!cursor) return out
      }
      throw new Error('notices.list never ended')
    }

    const b3: Notice['scope'] = { kind: 'buildings', buildingIds: ['b-3'] }

    describe('notices and broadcasts', () => {
      it('answers unauthorized without a session', async () => {
        const api = backend.client('fresh')
        const calls: Array<() => Promise<unknown>> = [
          () => api.notices.list(),
          () => api.notices.get('n-any'),
          () => api.notices.publish(notice()),
          () => api.notices.markRead('n-any'),
          () => api.notices.receipts('n-any'),
          () => api.notices.unreadCount(),
          () => api.notices.listSent(),
        ]
        for (const call of calls) expect((await rejection(call())).kind).toBe('unauthorized')
      })

      it('staff publish to the community: every resident sees it, unread until they open it', async () => {
        const zhang = await as('u-zhang')
        const wang = await as('u-wang')
        const before = await wang.notices.unreadCount()
        const input = notice()
        const published = await zhang.notices.publish(input)
        expect(published).toMatchObject({
          communityId: 'c-yingyue',
          scope: { kind: 'community' },
          title: input.title,
          body: input.body,
          urgent: false,
          pinned: false,
          authorId: 'u-zhang',
          authorName: '张敏',
          // The sender has read what they wrote.
          read: true,
        })
        expect(published.expiresAt).toBeUndefined()
        expect(Date.parse(published.publishedAt)).not.toBeNaN()

        expect((await allNotices(wang)).find((n) => n.id === published.id)).toMatchObject({ title: input.title, read: false })
        expect(await wang.notices.unreadCount()).toBe(before + 1)
        expect(await wang.notices.get(published.id)).toMatchObject({ id: published.id, body: input.body, read: false })
        await wang.notices.markRead(published.id)
        await wang.notices.markRead(published.id)
        expect((await wang.notices.get(published.id)).read).toBe(true)
        expect(await wang.notices.unreadCount()).toBe(before)

        for (const who of ['u-zhao', 'u-chen', 'u-sun']) {
          expect((await allNotices(await as(who))).map((n) => n.id)).toContain(published.id)
        }
      })

      it('a building leader broadcasts to the building they lead and no other; receipts count households', async () => {
        const zhou = await as('u-zhou')
        const published = await zhou.notices.publish(notice({ scope: b3, urgent: true }))
        expect(published).toMatchObject({ scope: b3, urgent: true, authorId: 'u-zhou', read: true })

        // 3号楼: 王秀兰 (201) and 李明 (302) see it; 8号楼, 1号楼 and a grid worker without a home do not.
        for (const who of ['u-wang', 'u-li', 'u-zhang']) {
          expect((await allNotices(await as(who))).map((n) => n.id)).toContain(published.id)
        }
        for (const who of ['u-zhao', 'u-chen', 'u-sun']) {
          const api = await as(who)
          expect((await allNotices(api)).map((n) => n.id)).not.toContain(published.id)
          expect((await rejection(api.notices.get(published.id))).kind).toBe('not_found')
          expect((await rejection(api.notices.markRead(published.id))).kind).toBe('not_found')
        }

        // Households of 3号楼 with a registered resident: 101 (the leader herself), 102, 201, 202, 302.
        const fresh = await zhou.notices.receipts(published.id)
        expect(fresh).toEqual({
          noticeId: published.id,
          households: 5,
          read: 1,
          unreadHouseholds: [
            { buildingId: 'b-3', buildingName: '3号楼', room: '102' },
            { buildingId: 'b-3', buildingName: '3号楼', room: '201' },
            { buildingId: 'b-3', buildingName: '3号楼', room: '202' },
            { buildingId: 'b-3', buildingName: '3号楼', room: '302' },
          ],
        })
        await (await as('u-wang')).notices.markRead(published.id)
        const after = await zhou.notices.receipts(published.id)
        expect(after).toMatchObject({ households: 5, read: 2, unreadHouseholds: [{ room: '102' }, { room: '202' }, { room: '302' }] })
        // Staff see receipts too; a neighbour who received it does not (forbidden), others cannot see it at all.
        expect(await (await as('u-zhang')).notices.receipts(published.id)).toEqual(after)
        expect((await rejection((await as('u-li')).notices.receipts(published.id))).kind).toBe('forbidden')
        expect((await rejection((await as('u-zhao')).notices.receipts(published.id))).kind).toBe('not_found')
      })

      it('lists what the author sent newest first, each with 已读 x / y 户 as the receipts count it', async () => {
        const zhou = await as('u-zhou')
        const older = await zhou.notices.publish(notice({ scope: b3, pinned: true }))
        // Apart in time: the order is by publishing instant (a tie would fall to the ids).
        await new Promise((resolve) => setTimeout(resolve, 5))
        const newer = await zhou.notices.publish(notice({ scope: b3 }))
        await (await as('u-wang')).notices.markRead(older.id)

        const page = await zhou.notices.listSent({ limit: 2 })
        expect(page.items.map((n) => n.id)).toEqual([newer.id, older.id])
        expect(page.nextCursor).toEqual(expect.any(String))
        expect(page.items[0]).toEqual({ ...newer, households: 5, readHouseholds: 1 })
        for (const n of page.items) {
          const receipts = await zhou.notices.receipts(n.id)
          expect([n.readHouseholds, n.households]).toEqual([receipts.read, receipts.households])
        }
        // The next page goes on with older ones, never repeating; every one is hers.
        const rest = await zhou.notices.listSent({ limit: 50, cursor: page.nextCursor })
        expect(rest.items.map((n) => n.id)).not.toContain(older.id)
        expect([...page.items, ...rest.items].every((n) => n.authorId === 'u-zhou')).toBe(true)
        const times = [...page.items, ...rest.items].map((n) => n.publishedAt)
        expect([...times].sort().reverse()).toEqual(times)
        // A resident who never published has sent nothing.
        expect((await (await as('u-wang')).notices.listSent()).items).toEqual([])
      })

      it('refuses a leader outside their buildings and anyone but staff and leaders (forbidden), publishing nothing', async () => {
        const zhou = await as('u-zhou')
        const attempts: Array<[string, NoticeInput]> = [
          ['u-zhou', notice({ scope: { kind: 'buildings', buildingIds: ['b-8'] } })],
          ['u-zhou', notice({ scope: { kind: 'buildings', buildingIds: ['b-3', 'b-8'] } })],
          ['u-zhou', notice({ scope: { kind: 'community' } })],
          ['u-wang', notice()],
          ['u-wang', notice({ scope: b3 })],
          ['u-sun', notice()],
          // Who may publish is decided before the text is looked at.
          ['u-wang', notice({ title: '' })],
          ['u-zhou', notice({ scope: { kind: 'buildings', buildingIds: ['b-8'] }, title: '' })],
        ]
        for (const [who, input] of attempts) {
          const error = await rejection((await as(who)).notices.publish(input))
          expect([who, input.scope, error.kind]).toEqual([who, input.scope, 'forbidden'])
        }
        const titles = new Set(attempts.map(([, input]) => input.title))
        expect((await allNotices(await as('u-zhang'))).some((n) => titles.has(n.title))).toBe(false)
        expect((await allNotices(zhou)).some((n) => titles.has(n.title))).toBe(false)
      })

      it('refuses an invalid notice with a message per field', async () => {
        const zhang = await as('u-zhang')
        const cases: Array<[Partial<NoticeInput>, string]> = [
          [{ title: '' }, 'title'],
          [{ title: '标'.repeat(51) }, 'title'],
          [{ body: '' }, 'body'],
          [{ scope: { kind: 'buildings', buildingIds: [] } }, 'scope'],
          [{ expiresAt: new Date(Date.now() - 60_000).toISOString() }, 'expiresAt'],
          // Instants are ISO with an offset, in years 2000–2100: year 10000 once failed in the database.
          [{ expiresAt: '+010000-01-01T00:00:00Z' }, 'expiresAt'],
          [{ expiresAt: '2030' }, 'expiresAt'],
        ]
        for (const [over, field] of cases) {
          const error = await rejection(zhang.notices.publish(notice(over)))
          expect(error.kind).toBe('validation')
          expect(Object.keys(error.fields)).toEqual([field])
          for (const message of Object.values(error.fields)) expect(message).toMatch(/[\u4e00-\u9fff]/)
        }
      })

      it('keeps the text as plain text: markup is neither run, stripped nor escaped', async () => {
        const zhang = await as('u-zhang')
        const body = '<script>alert("x")</script><b>今晚</b> 7:00 & 8:00\n请留意 <img src=x onerror=alert(1)>'
        const published = await zhang.notices.publish(notice({ title: '<i>通知</i>', body: `  ${body}  ` }))
        expect(published.body).toBe(body)
        expect(published.title).toBe('<i>通知</i>')
        expect((await (await as('u-wang')).notices.get(published.id)).body).toBe(body)
      })

      it('lists pinned first, then urgent, then the newest, and a cursor walk sees each once', async () => {
        const zhang = await as('u-zhang')
        const plain = await zhang.notices.publish(notice())
        await pause(5)
        const urgent = await zhang.notices.publish(notice({ urgent: true }))
        await pause(5)
        const newer = await zhang.notices.publish(notice())
        await pause(5)
        const pinned = await zhang.notices.publish(notice({ pinned: true }))
        const walked = await allNotices(await as('u-li'), 2)
        const ids = walked.map((n) => n.id)
        expect(new Set(ids).size).toBe(ids.length)
        const ours = ids.filter((id) => [plain.id, urgent.id, newer.id, pinned.id].includes(id))
        expect(ours).toEqual([pinned.id, urgent.id, newer.id, plain.id])
        for (let i = 1; i < walked.length; i++) {
          const [a, b] = [walked[i - 1], walked[i]]
          expect(Number(a.pinned) * 2 + Number(a.urgent)).toBeGreaterThanOrEqual(Number(b.pinned) * 2 + Number(b.urgent))
        }
      })

      it('hides an expired notice from residents but not from its sender and staff', async () => {
        const zhou = await as('u-zhou')
        const li = await as('u-li')
        const unreadBefore = await li.notices.unreadCount()
        const published = await zhou.notices.publish(notice({ scope: b3, expiresAt: new Date(Date.now() + 1_500).toISOString() }))
        expect(Date.parse(published.expiresAt!)).toBeGreaterThan(Date.now())
        expect(await li.notices.unreadCount()).toBe(unreadBefore + 1)
        expect((await li.notices.get(published.id)).id).toBe(published.id)
        await pause(2_000)
        expect((await allNotices(li)).map((n) => n.id)).not.toContain(published.id)
        expect((await rejection(li.notices.get(published.id))).kind).toBe('not_found')
        expect(await li.notices.unreadCount()).toBe(unreadBefore)
        expect((await allNotices(zhou)).map((n) => n.id)).toContain(published.id)
        expect((await zhou.notices.get(published.id)).id).toBe(published.id)
        expect((await (await as('u-zhang')).notices.get(published.id)).id).toBe(published.id)
        // Receipts stay readable for the sender.
        expect((await zhou.notices.receipts(published.id)).households).toBe(5)
      })
    })

    // ── dashboard ─────────────────────────────────────────────────────────────────────────────

    describe('the dashboard', () => {
      const sum = (stats: DashboardStats, key: 'received' | 'resolved') => stats.daily.reduce((n, d) => n + d[key], 0)

      it('answers unauthorized without a session, forbidden to anyone but staff', async () => {
        const range = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' }
        expect((await rejection(backend.client('fresh').dashboard.get(range))).kind).toBe('unauthorized')
        for (const who of ['u-wang', 'u-zhou', 'u-sun', 'u-he']) {
          expect((await rejection((await as(who)).dashboard.get(range))).kind).toBe('forbidden')
        }
        // Forbidden before the range's rules are looked at (a well-formed range that runs backwards).
        const backwards = { from: range.to, to: range.from }
        expect((await rejection((await as('u-wang')).dashboard.get(backwards))).kind).toBe('forbidden')
      })

      it('gives zeros and an empty 30-day chart for a range with nothing in it', async () => {
        const range = { from: '2000-01-01T00:00:00.000Z', to: '2000-02-01T00:00:00.000Z' }
        const stats = await (await as('u-zhang')).dashboard.get(range)
        expect(stats).toMatchObject({
          communityId: 'c-yingyue',
          from: range.from,
          to: range.to,
          received: 0,
          completionRate: 0,
          completionBase: 0,
          rated: 0,
          ratedUnsatisfied: 0,
          satisfactionRate: 0,
          medianHoursToAccept: null,
          medianHoursToResolve: null,
          overdue: 0,
          escalated: 0,
        })
        expect(Object.values(stats.byStatus).every((n) => n === 0)).toBe(true)
        expect(stats.daily).toHaveLength(30)
        // 2000-02-01T00:00Z is 08:00 on 1 February in China: the chart ends that day.
        expect(stats.daily[0].day).toBe('2000-01-03')
        expect(stats.daily[29].day).toBe('2000-02-01')
        expect(stats.daily.every((d) => d.received === 0 && d.resolved === 0)).toBe(true)
      })

      it('counts what staff just did in a range around now, consistently', async () => {
        const zhang = await as('u-zhang')
        const wang = await as('u-wang')
        const sun = await as('u-sun')
        const range = { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() }
        const before = await zhang.dashboard.get(range)

        const done = await file(wang)
        const taken = await file(wang)
        await file(wang)
        const redone = await file(wang)
        const refused = await file(wang)
        await zhang.handling.accept(done.id, { note: '已受理' })
        await zhang.handling.assign(done.id, { assignee: { kind: 'user', id: 'u-sun' } })
        await sun.handling.resolve(done.id, { note: '已修好' })
        await wang.reports.rate(done.id, { level: 'satisfied', comment: '' })
        await zhang.handling.accept(taken.id, { note: '已受理' })
        await zhang.handling.escalate(taken.id, { note: '需要街道协调' })
        await zhang.handling.accept(redone.id, { note: '已受理' })
        await zhang.handling.assign(redone.id, { assignee: { kind: 'user', id: 'u-sun' } })
        await sun.handling.resolve(redone.id, { note: '已修好' })
        await wang.reports.rate(redone.id, { level: 'unsatisfied', comment: '没有修好' })
        await zhang.handling.reject(refused.id, { reason: '不属于本社区管辖范围' })

        const after = await zhang.dashboard.get(range)
        expect(after.received - before.received).toBe(5)
        expect(after.byStatus.closed - before.byStatus.closed).toBe(1)
        expect(after.byStatus.accepted - before.byStatus.accepted).toBe(1)
        expect(after.byStatus.submitted - before.byStatus.submitted).toBe(1)
        expect(after.byStatus.reopened - before.byStatus.reopened).toBe(1)
        expect(after.byStatus.rejected - before.byStatus.rejected).toBe(1)
        // Two ratings: the satisfied one closed its report, the unsatisfied one reopened its report.
        expect(after.rated - before.rated).toBe(2)
        expect(after.ratedUnsatisfied - before.ratedUnsatisfied).toBe(1)
        expect(after.escalated - before.escalated).toBe(1)
        expect(sum(after, 'received') - sum(before, 'received')).toBe(5)
        expect(sum(after, 'resolved') - sum(before, 'resolved')).toBe(2)

        // The figures agree with each other.
        const s = after.byStatus
        expect(Object.values(s).reduce((a, b) => a + b, 0)).toBe(after.received)
        // 办结率 leaves out 不予受理 and merged duplicates, and says over how many.
        expect(after.completionBase).toBe(after.received - s.rejected - s.merged)
        expect(after.completionRate).toBeCloseTo((s.resolved + s.closed) / after.completionBase, 10)
        expect(after.satisfactionRate).toBeGreaterThan(0)
        expect(after.satisfactionRate).toBeLessThanOrEqual(1)
        expect(after.medianHoursToAccept).toEqual(expect.any(Number))
        expect(after.medianHoursToAccept!).toBeGreaterThanOrEqual(0)
        expect(after.medianHoursToAccept!).toBeLessThan(1)
        expect(after.medianHoursToResolve).toEqual(expect.any(Number))
        expect(after.daily).toHaveLength(30)
        expect(after.daily[29].day).toBe(chinaDay(Date.parse(range.to) - 1))
      })

      it('refuses a range that is unreadable, backwards or longer than 366 days (validation)', async () => {
        const zhang = await as('u-zhang')
        const ranges = [
          { from: 'yesterday', to: '2026-11-21T00:00:00.000Z' },
          { from: '2026-11-21T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' },
          { from: '2026-11-21T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' },
          { from: '2025-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' },
          { from: '+010000-01-01T00:00:00Z', to: '+010000-02-01T00:00:00Z' },
          { from: '0', to: '1' },
        ]
        for (const range of ranges) expect((await rejection(zhang.dashboard.get(range))).kind).toBe('validation')
        // A full leap year is allowed.
        expect((await zhang.dashboard.get({ from: '2024-01-01T00:00:00.000Z', to: '2025-01-01T00:00:00.000Z' })).received).toBeGreaterThanOrEqual(0)
      })
    })

    // ── assisted reporting (代报) ──────────────────────────────────────────────────────────────

    describe('assisted reporting (代报)', () => {
      function forHousehold(onBehalfOf: NonNullable<NewReportInput['onBehalfOf']>, over: Partial<NewReportInput> = {}): NewReportInput {
        return uniqueReport({ onBehalfOf, ...over })
      }

      it('answers unauthorized without a session', async () => {
        const api = backend.client('fresh')
        const error = await rejection(api.handling.submitOnBehalf(forHousehold({ buildingId: 'b-3', room: '201' }), { idempotencyKey: newKey() }))
        expect(error.kind).toBe('unauthorized')
      })

      it('a leader files for a household of their building; the resident there follows it, talks on it and rates it', async () => {
        const zhou = await as('u-zhou')
        const input = forHousehold({ buildingId: 'b-3', room: '201', name: '王秀兰', phone: '13800000001' })
        const report = await zhou.handling.submitOnBehalf(input, { idempotencyKey: newKey() })
        expect(report).toMatchObject({
          description: input.description,
          status: 'submitted',
          communityId: 'c-yingyue',
          gridId: 'g-2',
          reporterId: 'u-wang',
          reporterName: '王秀兰',
          filedBy: { id: 'u-zhou', name: '周桂芳' },
          beneficiary: { buildingId: 'b-3', room: '201', name: '王秀兰', phoneMasked: '138****0001' },
        })
        expect(JSON.stringify(report)).not.toContain('13800000001')

        const wang = await as('u-wang')
        expect((await allMine(wang)).map((r) => r.id)).toContain(report.id)
        expect((await wang.reports.get(report.id)).report.filedBy).toEqual({ id: 'u-zhou', name: '周桂芳' })
        // The leader follows what they filed; a neighbour cannot see it.
        expect((await allMine(zhou)).map((r) => r.id)).toContain(report.id)
        expect((await zhou.reports.get(report.id)).report.id).toBe(report.id)
        expect((await rejection((await as('u-li')).reports.get(report.id))).kind).toBe('not_found')

        // Filer and household share the report's thread.
        const note = await zhou.messages.send({ reportId: report.id }, uniqueText('王阿姨，我帮您报了路灯的事。'))
        expect((await threadOf(wang, note.threadId))?.unread).toBe(1)

        const zhang = await as('u-zhang')
        await zhang.handling.accept(report.id, { note: '已受理' })
        await zhang.handling.assign(report.id, { assignee: { kind: 'user', id: 'u-sun' } })
        await (await as('u-sun')).handling.resolve(report.id, { note: '已修好' })
        expect((await wang.reports.get(report.id)).allowedActions).toContain('rate')
        // The filer is not the household: they cannot rate for it.
        expect((await rejection(zhou.reports.rate(report.id, { level: 'satisfied', comment: '' }))).kind).toBe('forbidden')
        const rated = await wang.reports.rate(report.id, { level: 'satisfied', comment: '谢谢周姐' })
        expect(rated.report.status).toBe('closed')
      })

      it('files for a home where nobody has signed up: the household is the reporter, and staff may file for any building', async () => {
        const zhou = await as('u-zhou')
        const report = await zhou.handling.submitOnBehalf(forHousehold({ buildingId: 'b-3', room: '402', name: '刘奶奶' }), { idempotencyKey: newKey() })
        expect(report).toMatchObject({ reporterId: 'home:b-3:402', reporterName: '刘奶奶', beneficiary: { buildingId: 'b-3', room: '402', name: '刘奶奶' } })
        const unnamed = await zhou.handling.submitOnBehalf(forHousehold({ buildingId: 'b-5', room: '101' }), { idempotencyKey: newKey() })
        expect(unnamed).toMatchObject({ reporterId: 'home:b-5:101', reporterName: '住户', gridId: 'g-2' })

        const byStaff = await (await as('u-zhang')).handling.submitOnBehalf(forHousehold({ buildingId: 'b-8', room: '101' }), { idempotencyKey: newKey() })
        expect(byStaff).toMatchObject({ reporterId: 'u-zhao', gridId: 'g-3', filedBy: { id: 'u-zhang' } })
        expect((await allMine(await as('u-zhao'))).map((r) => r.id)).toContain(byStaff.id)
        expect((await allInbox(await as('u-wu'))).map((r) => r.id)).toContain(byStaff.id)
      })

      it('refuses a leader filing for another building, and residents and grid workers filing at all (forbidden)', async () => {
        const attempts: Array<[string, NonNullable<NewReportInput['onBehalfOf']>]> = [
          ['u-zhou', { buildingId: 'b-8', room: '101' }],
          ['u-zhou', { buildingId: 'b-1', room: '102' }],
          ['u-wang', { buildingId: 'b-3', room: '302' }],
          ['u-sun', { buildingId: 'b-3', room: '302' }],
          // Who may is decided before the request is looked at.
          ['u-wang', { buildingId: 'b-nowhere', room: '1' }],
          ['u-zhou', { buildingId: 'b-8', room: '999' }],
        ]
        for (const [who, onBehalfOf] of attempts) {
          const error = await rejection((await as(who)).handling.submitOnBehalf(forHousehold(onBehalfOf), { idempotencyKey: newKey() }))
          expect([who, onBehalfOf, error.kind]).toEqual([who, onBehalfOf, 'forbidden'])
        }
      })

      it('refuses an unknown building or room, a bad phone and a bad report (validation)', async () => {
        const zhou = await as('u-zhou')
        const cases: Array<NewReportInput> = [
          uniqueReport({ onBehalfOf: { buildingId: 'b-3', room: '999' } }),
          uniqueReport({ onBehalfOf: { buildingId: 'b-3', room: '201', phone: '12345' } }),
          uniqueReport({ onBehalfOf: { buildingId: 'b-3', room: '201' }, description: '灯' }),
          { ...uniqueReport(), onBehalfOf: undefined },
        ]
        for (const input of cases) {
          expect((await rejection(zhou.handling.submitOnBehalf(input, { idempotencyKey: newKey() }))).kind).toBe('validation')
        }
        const staffUnknown = await rejection((await as('u-zhang')).handling.submitOnBehalf(forHousehold({ buildingId: 'b-nowhere', room: '101' }), { idempotencyKey: newKey() }))
        expect(staffUnknown.kind).toBe('validation')
      })

      it('makes one report of two submissions under the same key', async () => {
        const zhou = await as('u-zhou')
        const input = forHousehold({ buildingId: 'b-3', room: '302' })
        const key = newKey()
        const first = await zhou.handling.submitOnBehalf(input, { idempotencyKey: key })
        const again = await zhou.handling.submitOnBehalf(input, { idempotencyKey: key })
        expect(again.id).toBe(first.id)
        expect((await allMine(await as('u-li'))).filter((r) => r.description === input.description)).toHaveLength(1)
        const other = await rejection(zhou.handling.submitOnBehalf(forHousehold({ buildingId: 'b-3', room: '302' }), { idempotencyKey: key }))
        expect(other.kind).toBe('validation')
      })
    })

    // ── the same answer on every adapter ─────────────────────────────────────────────────────────

    /**
     * Cases where the adapters once answered differently (issue 8): each is the core's answer now,
     * so every adapter gives the same kind, fields and message — checked to the letter here.
     */
    describe('the same answer on every adapter', () => {
      const expectError = (error: ApiError, kind: string, message: string, fields: Record<string, string> = {}) =>
        expect({ kind: error.kind, message: error.message, fields: error.fields }).toEqual({ kind, message, fields })

      it('refuses 代报 through the resident’s own submission, on the onBehalfOf field', async () => {
        const zhou = await as('u-zhou')
        const error = await rejection(zhou.reports.submit(uniqueReport({ onBehalfOf: { buildingId: 'b-3', room: '201' } }), { idempotencyKey: newKey() }))
        expectError(error, 'validation', '代报请使用“代邻居反映”', { onBehalfOf: '代报请使用“代邻居反映”' })
      })

      it('answers a thread one may not use, and one that does not exist, alike', async () => {
        const li = await as('u-li')
        const wang = await as('u-wang')
        const report = await file(wang)
        for (const threadId of [reportThreadId(report.id), reportThreadId('r_nothing_here'), generalThreadId('u-wang'), 'nonsense']) {
          expectError(await rejection(li.messages.listMessages(threadId)), 'not_found', '对话不存在或您无权查看')
        }
      })

      it('answers a notice one may not see, and one that does not exist, alike', async () => {
        const zhou = await as('u-zhou')
        const broadcast = await zhou.notices.publish({ title: '3号楼停水', body: '明天上午停水两小时。', scope: { kind: 'buildings', buildingIds: ['b-3'] }, urgent: false, pinned: false })
        const zhao = await as('u-zhao') // 8号楼: the broadcast does not reach her
        for (const id of [broadcast.id, 'n_nothing_here']) expectError(await rejection(zhao.notices.get(id)), 'not_found', '通知不存在或您无权查看')
      })

      it('routes a report to the grid of the building it is about; refuses a building of another community', async () => {
        // 王秀兰 lives in 3号楼 (第二网格); the lamp is at 2号楼 (第一网格, 刘 its worker).
        const wang = await as('u-wang')
        const lamp = await file(wang, { buildingId: 'b-2', location: { kind: 'text', address: '2号楼北门' } })
        expect(lamp).toMatchObject({ gridId: 'g-1', buildingId: 'b-2' })
        expect((await allInbox(await as('u-liu'))).map((r) => r.id)).toContain(lamp.id)
        expect((await allInbox(await as('u-sun'))).map((r) => r.id)).not.toContain(lamp.id)
        expect((await wang.reports.get(lamp.id)).report).toMatchObject({ gridId: 'g-1', buildingId: 'b-2' })
        // Not said: the home's building, as before.
        expect(await file(wang)).toMatchObject({ gridId: 'g-2', buildingId: 'b-3' })
        for (const buildingId of ['b-other', 'b-nowhere']) {
          const error = await rejection(wang.reports.submit(uniqueReport({ buildingId }), { idempotencyKey: newKey() }))
          expectError(error, 'validation', '请选择问题所在的楼栋', { buildingId: '请选择问题所在的楼栋' })
        }
      })

      it('refuses an assignee of another community, on the assignee field', async () => {
        const zhang = await as('u-zhang')
        const report = await file(await as('u-wang'))
        await zhang.handling.accept(report.id)
        for (const id of ['u-other-grid', 'u-other-staff']) {
          const error = await rejection(zhang.handling.assign(report.id, { assignee: { kind: 'user', id } }))
          expectError(error, 'validation', '只能派给本网格的网格员或社区工作者', { assignee: '只能派给本网格的网格员或社区工作者' })
        }
        expect((await zhang.reports.get(report.id)).report.status).toBe('accepted')
      })

      it('does not take reports in a community with no grid yet, and says why', async () => {
        const villager = await as('u-new-res')
        const error = await rejection(villager.reports.submit(uniqueReport({ categoryId: 'cat-new-light' }), { idempotencyKey: newKey() }))
        expectError(error, 'not_supported', '社区尚未划分网格，暂不能提交诉求')
      })

      it('refuses 代报 by a resident before looking at the key', async () => {
        const wang = await as('u-wang')
        const error = await rejection(wang.handling.submitOnBehalf(uniqueReport({ onBehalfOf: { buildingId: 'b-3', room: '201' } }), { idempotencyKey: 'x' }))
        expectError(error, 'forbidden', '只有楼栋长和社区工作者可以代报')
      })

      it('answers a bad key of one who may file with the same field message', async () => {
        const zhou = await as('u-zhou')
        const error = await rejection(zhou.handling.submitOnBehalf(uniqueReport({ onBehalfOf: { buildingId: 'b-3', room: '201' } }), { idempotencyKey: 'x' }))
        expect({ kind: error.kind, fields: error.fields }).toEqual({ kind: 'validation', fields: { idempotencyKey: '提交编号无效，请重新提交' } })
      })

      it('lists the inbox in the domain’s order: overdue, open by deadline, resolved, finished', async () => {
        const zhang = await as('u-zhang')
        const now = new Date()
        const inbox = await allInbox(zhang)
        const rows = inbox
        expect(rows.map((r) => r.id)).toEqual([...rows].sort(compareInbox(now)).map((r) => r.id))
        const ranks = new Set(rows.map((r) => inboxRank(r, now)))
        // The demo stories hold an overdue report, open ones, a resolved and finished ones.
        expect([...ranks].sort()).toEqual([0, 1, 2, 3])
      })

      it('refuses the reporter’s number with the same words: forbidden to its reader, not_found to everyone else', async () => {
        const wang = await as('u-wang')
        const report = await file(wang)
        expectError(await rejection(wang.handling.reporterPhone(report.id, { reason: 'follow_up' })), 'forbidden', '只有负责该诉求的社区工作者和网格员可以拨打反映人电话')
        for (const stranger of ['u-li', 'u-zhou', 'u-other-staff']) {
          expectError(await rejection((await as(stranger)).handling.reporterPhone(report.id, { reason: 'follow_up' })), 'not_found', '诉求不存在或您无权查看')
        }
      })

      it('keeps another community’s reports, notices and people out of reach', async () => {
        const stranger = await as('u-other-staff')
        const report = await file(await as('u-wang'))
        expectError(await rejection(stranger.reports.get(report.id)), 'not_found', '诉求不存在或您无权查看')
        expect((await allInbox(stranger)).map((r) => r.id)).not.toContain(report.id)
        expect((await stranger.notices.list()).items.every((n) => n.communityId === 'c-other')).toBe(true)
        const directory = await stranger.directory.getCommunity()
        expect(directory.community.id).toBe('c-other')
        expect(directory.handlers.map((h) => h.id).sort()).toEqual(['u-other-grid', 'u-other-staff'])
      })

      it('refuses the write after a quota in the same words, with when it frees up (10 urgent or pinned notices a day for staff)', async () => {
        const qian = await as('u-other-staff')
        for (let i = 0; i < 10; i++) await qian.notices.publish(notice({ urgent: i % 2 === 0, pinned: i % 2 === 1 }))
        const error = await rejection(qian.notices.publish(notice({ urgent: true })))
        expectError(error, 'rate_limited', '今天发布的紧急或置顶通知已达 10 条，请明天再试')
        // Until Beijing midnight: more than nothing, at most a day.
        expect(error.retryAfterMs).toBeGreaterThan(0)
        expect(error.retryAfterMs).toBeLessThanOrEqual(86_400_000)
        // Only the prominent ones are used up: a plain notice still goes.
        expect((await qian.notices.publish(notice())).urgent).toBe(false)
      })
    })

    // ── belonging (issue 10): communities, households, invitations, people, my data ───────────────

    /** The same kind, message and fields on every adapter (the core's words, to the letter). */
    const expectRefusal = (error: ApiError, kind: string, message: string, fields: Record<string, string> = {}) =>
      expect({ kind: error.kind, message: error.message, fields: error.fields }).toEqual({ kind, message, fields })

    const SUMMARY_KEYS = ['district', 'id', 'kind', 'name', 'streetName']
    const range = () => ({ from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() })

    /** A newcomer who joined 映月社区 and claimed `room` of 2号楼 (nobody else lives there). */
    async function claimed(userId: string, room: string, phone = '13912345678', communityId = 'c-yingyue', buildingId = 'b-2') {
      const api = await as(userId)
      await api.communities.join(communityId)
      const name = (await api.session.current())!.user.name
      const claim = await api.households.claim({ buildingId, room, name, phone })
      return { api, claim }
    }

    async function allClaims(api: ApiClient, status?: HouseholdClaim['status']): Promise<HouseholdClaim[]> {
      const out: HouseholdClaim[] = []
      let cursor: string | undefined
      for (let page = 0; page < 100; page++) {
        const got = await api.households.listClaims({ cursor, limit: 50, status })
        out.push(...got.items)
        cursor = got.nextCursor
        if (!cursor) return out
      }
      throw new Error('listClaims never ended')
    }

    describe('communities: finding, joining, the community code', () => {
      it('answers unauthorized to every new call without a session', async () => {
        const api = backend.client('fresh')
        const calls: Array<() => Promise<unknown>> = [
          () => api.communities.search('临湖'),
          () => api.communities.byCode('LH2026'),
          () => api.communities.join('c-yingyue'),
          () => api.communities.listStreet(),
          () => api.communities.joinCode(),
          () => api.households.mine(),
          () => api.households.claim({ buildingId: 'b-2', room: '101', name: '王五', phone: '13912345678' }),
          () => api.households.listClaims(),
          () => api.households.approve('hc_any'),
          () => api.households.leave(),
          () => api.invites.create({ role: 'grid_worker', gridIds: ['g-1'], buildingIds: [], note: '', expiresInHours: 24 }),
          () => api.invites.redeem('ABCDEFGH'),
          () => api.people.list(),
          () => api.profile.get(),
          () => api.profile.exportData(),
          () => api.profile.deleteAccount(),
          () => api.admin.getStructure(),
        ]
        for (const call of calls) expect((await rejection(call())).kind).toBe('unauthorized')
      })

      it('finds communities by name or street, and by their code typed any way; answers summaries only', async () => {
        const joiner = await as(NEWCOMERS.joiner)
        expect((await joiner.session.current())?.user.communityId).toBeNull()
        const lakeside = { id: 'c-other', name: '临湖社区', kind: 'community', district: '无锡市锡山区东亭街道', streetName: '东亭街道' }
        expect(await joiner.communities.search('临湖')).toEqual([lakeside])
        const street = (await joiner.communities.search('东亭街道')).map((c) => c.id)
        expect(street).toEqual(expect.arrayContaining(['c-yingyue', 'c-chunhui', 'c-other']))
        expect(street).not.toContain('c-new')
        expect((await joiner.communities.search(' 东亭   临湖 ')).map((c) => c.id)).toEqual(['c-other'])
        expect(await joiner.communities.search('')).toEqual([])
        expect(await joiner.communities.search('   ')).toEqual([])
        for (const found of await joiner.communities.search('社区')) expect(Object.keys(found).sort()).toEqual(SUMMARY_KEYS)
        expectRefusal(await rejection(joiner.communities.search('字'.repeat(41))), 'validation', '搜索词最多 40 个字', { q: '搜索词最多 40 个字' })

        expect(await joiner.communities.byCode('lh-2026')).toEqual(lakeside)
        expect(await joiner.communities.byCode(' yy demo ')).toMatchObject({ id: 'c-yingyue', name: '映月社区' })
        expect(Object.keys(await joiner.communities.byCode('YYDEMO')).sort()).toEqual(SUMMARY_KEYS)
        expectRefusal(await rejection(joiner.communities.byCode('ZZZZZZ')), 'not_found', '没有找到这个社区码对应的社区，请核对后重试')
        expectRefusal(await rejection(joiner.communities.byCode('12')), 'validation', '社区码是 6 位字母和数字，请核对', { code: '社区码是 6 位字母和数字，请核对' })
      })

      it('a newcomer joins as an unverified resident, may move while nothing holds them, and not while a claim waits', async () => {
        const joiner = await as(NEWCOMERS.joiner)
        expectRefusal(await rejection(joiner.directory.getCommunity()), 'forbidden', '请先选择您所在的社区')
        expectRefusal(await rejection(joiner.communities.join('c-nowhere')), 'not_found', '社区不存在')

        const joined = await joiner.communities.join('c-yingyue')
        expect(joined).toMatchObject({ id: NEWCOMERS.joiner, communityId: 'c-yingyue', roles: ['resident'], gridIds: [], leadsBuildingIds: [] })
        expect(joined.home).toBeUndefined()
        // The next request knows it (no stale session).
        expect((await joiner.session.current())?.user.communityId).toBe('c-yingyue')
        expect((await joiner.directory.getCommunity()).community.id).toBe('c-yingyue')
        // Joining again changes nothing; moving is allowed while nothing holds them.
        expect((await joiner.communities.join('c-yingyue')).communityId).toBe('c-yingyue')
        expect((await joiner.communities.join('c-other')).communityId).toBe('c-other')
        expect((await joiner.directory.getCommunity()).community.id).toBe('c-other')
        await joiner.communities.join('c-yingyue')

        const claim = await joiner.households.claim({ buildingId: 'b-2', room: '401', name: '找社区壬', phone: '13900001234' })
        expectRefusal(await rejection(joiner.communities.join('c-other')), 'validation', '您有一条住户认证申请在审核中；请先撤回，再更换社区', {
          form: '您有一条住户认证申请在审核中；请先撤回，再更换社区',
        })
        expect(await joiner.households.withdraw(claim.id)).toMatchObject({ id: claim.id, status: 'withdrawn' })
        expectRefusal(await rejection(joiner.households.withdraw(claim.id)), 'conflict', '这条申请已经撤回了')
        expectRefusal(await rejection((await as('u-wang')).households.withdraw(claim.id)), 'not_found', '申请不存在')
        expect((await joiner.communities.join('c-other')).communityId).toBe('c-other')
        // People with a role or a home stay where they serve.
        expectRefusal(await rejection((await as('u-sun')).communities.join('c-other')), 'forbidden', '您在其他社区担任职务，不能更换社区；请联系社区管理员')
        expectRefusal(await rejection((await as('u-wang')).communities.join('c-other')), 'validation', '您已是其他社区的认证住户；请先在“我的”中退出原住户，再更换社区', {
          form: '您已是其他社区的认证住户；请先在“我的”中退出原住户，再更换社区',
        })
      })

      it('shows staff and admins the community code; nobody else', async () => {
        for (const who of ['u-zhang', 'u-he']) {
          const answer = await (await as(who)).communities.joinCode()
          expect(answer.code).toBe('YYDEMO')
          expect(answer.community).toMatchObject({ id: 'c-yingyue', name: '映月社区', streetName: '东亭街道' })
          expect(Object.keys(answer.community).sort()).toEqual(SUMMARY_KEYS)
          // No mini-program code API on the contract backends: the plain code only.
          expect(answer.dataUrl).toBeUndefined()
        }
        for (const who of ['u-wang', 'u-sun', 'u-zhou']) {
          expectRefusal(await rejection((await as(who)).communities.joinCode()), 'forbidden', '只有社区工作者和管理员可以查看社区码')
        }
      })
    })

    describe('households: claims, their review, members', () => {
      it('a claim approved makes a verified member: home set, the household lists them, receipts count it', async () => {
        const zhang = await as('u-zhang')
        const broadcast = await zhang.notices.publish(notice({ scope: { kind: 'buildings', buildingIds: ['b-2'] } }))
        const before = await zhang.notices.receipts(broadcast.id)

        const { api: claimant, claim } = await claimed(NEWCOMERS.claimant, '102', '139 1234 5678')
        expect(claim).toMatchObject({
          communityId: 'c-yingyue',
          userId: NEWCOMERS.claimant,
          buildingId: 'b-2',
          buildingName: '2号楼',
          room: '102',
          name: '认证丙',
          phoneMasked: '139****5678',
          status: 'pending',
        })
        expect(JSON.stringify(claim)).not.toContain('13912345678')
        expectRefusal(
          await rejection(claimant.households.claim({ buildingId: 'b-2', room: '101', name: '认证丙', phone: '13912345678' })),
          'conflict',
          '您已有一条住户认证申请在审核中，请等待审核或先撤回',
        )
        expect(await claimant.households.mine()).toEqual({ claims: [claim] })
        // Unverified: the building's broadcast does not reach them yet.
        expect((await allNotices(claimant)).map((n) => n.id)).not.toContain(broadcast.id)

        // Staff review the whole community; 3号楼's leader does not review 2号楼; residents review nothing.
        expect((await allClaims(zhang)).map((c) => c.id)).toContain(claim.id)
        expect((await allClaims(await as('u-zhou'))).map((c) => c.id)).not.toContain(claim.id)
        expectRefusal(await rejection((await as('u-zhou')).households.approve(claim.id)), 'forbidden', '只有社区工作者或该楼栋的楼栋长可以审核')
        expectRefusal(await rejection((await as('u-wang')).households.listClaims()), 'forbidden', '只有社区工作者和楼栋长可以审核住户认证')
        expectRefusal(await rejection(zhang.households.listClaims({ status: 'nonsense' as HouseholdClaim['status'] })), 'validation', '状态不正确', { status: '状态不正确' })

        const approved = await zhang.households.approve(claim.id)
        expect(approved).toMatchObject({ id: claim.id, status: 'approved', decidedByName: '张敏' })
        expectRefusal(await rejection(zhang.households.approve(claim.id)), 'conflict', '这条申请已经审核过了')
        expect((await allClaims(zhang)).map((c) => c.id)).not.toContain(claim.id)
        expect((await allClaims(zhang, 'approved')).map((c) => c.id)).toContain(claim.id)

        // At once, on their next request: verified, in the household, counted, reached.
        expect((await claimant.session.current())?.user.home).toEqual({ buildingId: 'b-2', room: '102' })
        const mine = await claimant.households.mine()
        expect(mine.household).toMatchObject({ communityId: 'c-yingyue', buildingId: 'b-2', buildingName: '2号楼', room: '102' })
        expect(mine.household?.members).toEqual([
          { userId: NEWCOMERS.claimant, name: '认证丙', phoneMasked: '139****5678', representative: true, since: expect.any(String) },
        ])
        expect(mine.claims[0]).toMatchObject({ id: claim.id, status: 'approved' })
        const after = await zhang.notices.receipts(broadcast.id)
        expect(after.households).toBe(before.households + 1)
        expect(after.unreadHouseholds).toContainEqual({ buildingId: 'b-2', buildingName: '2号楼', room: '102' })
        expect((await allNotices(claimant)).map((n) => n.id)).toContain(broadcast.id)
        expect((await claimant.profile.get()).household?.room).toBe('102')
        expectRefusal(
          await rejection(claimant.households.claim({ buildingId: 'b-2', room: '101', name: '认证丙', phone: '13912345678' })),
          'validation',
          '您已是认证住户；搬家请先在“我的家庭”中退出原住户',
          { form: '您已是认证住户；搬家请先在“我的家庭”中退出原住户' },
        )
      })

      it('refuses a claim that is not whole, on its field', async () => {
        const api = await as(NEWCOMERS.rejected)
        await api.communities.join('c-yingyue')
        const cases: Array<[Parameters<ApiClient['households']['claim']>[0], string, string]> = [
          [{ buildingId: 'b-other', room: '101', name: '认证丁', phone: '13912345678' }, 'buildingId', '请选择您住的楼栋'],
          [{ buildingId: 'b-2', room: '999', name: '认证丁', phone: '13912345678' }, 'room', '2号楼没有这个房号，请从列表中选择'],
          [{ buildingId: 'b-2', room: '201', name: '丁', phone: '13912345678' }, 'name', '请填写您的姓名（2–20 个字）'],
          [{ buildingId: 'b-2', room: '201', name: '认证丁', phone: '12345' }, 'phone', '请填写 11 位手机号码（或带区号的座机）'],
        ]
        for (const [input, field, message] of cases) expectRefusal(await rejection(api.households.claim(input)), 'validation', message, { [field]: message })
        expect((await api.households.mine()).claims).toEqual([])
      })

      it('a claim rejected carries its reason to the claimant, who may claim again', async () => {
        const zhang = await as('u-zhang')
        const { api, claim } = await claimed(NEWCOMERS.rejected, '201')
        expectRefusal(await rejection(zhang.households.reject(claim.id, '一')), 'validation', '请写明原因（至少 2 个字），对方会看到', {
          reason: '请写明原因（至少 2 个字），对方会看到',
        })
        const reason = '房号与登记信息不符，请核对后重新申请'
        expect(await zhang.households.reject(claim.id, reason)).toMatchObject({ id: claim.id, status: 'rejected', reason, decidedByName: '张敏' })
        const mine = await api.households.mine()
        expect(mine.household).toBeUndefined()
        expect(mine.claims[0]).toMatchObject({ id: claim.id, status: 'rejected', reason })
        expect((await api.session.current())?.user.home).toBeUndefined()
        const again = await api.households.claim({ buildingId: 'b-2', room: '201', name: '认证丁', phone: '13912345678' })
        expect(again.status).toBe('pending')
        await api.households.withdraw(again.id)
      })

      it('members choose their representative, leave (moving out) or are removed by staff with a reason they see', async () => {
        const zhang = await as('u-zhang')
        const first = await claimed(NEWCOMERS.leaver, '202')
        const second = await claimed(NEWCOMERS.removed, '202', '13987654321')
        await zhang.households.approve(first.claim.id)
        await zhang.households.approve(second.claim.id)
        const both = (await second.api.households.mine()).household!
        expect(both.members.map((m) => [m.userId, m.representative])).toEqual([
          [NEWCOMERS.leaver, true],
          [NEWCOMERS.removed, false],
        ])

        expectRefusal(await rejection((await as('u-wang')).households.setRepresentative(NEWCOMERS.removed)), 'forbidden', '只有本户成员或社区工作者可以指定户代表')
        const chosen = await second.api.households.setRepresentative(NEWCOMERS.removed)
        expect(chosen.members.map((m) => [m.userId, m.representative])).toEqual([
          [NEWCOMERS.leaver, false],
          [NEWCOMERS.removed, true],
        ])

        const left = await first.api.households.leave()
        expect(left.household).toBeUndefined()
        expect(left.claims[0]).toMatchObject({ id: first.claim.id, status: 'left' })
        expect((await first.api.session.current())?.user.home).toBeUndefined()
        expectRefusal(await rejection(first.api.households.leave()), 'validation', '您还不是认证住户', { form: '您还不是认证住户' })
        expect((await second.api.households.mine()).household?.members.map((m) => m.userId)).toEqual([NEWCOMERS.removed])

        expectRefusal(await rejection((await as('u-wang')).households.removeMember(NEWCOMERS.removed, '已搬走')), 'forbidden', '只有社区工作者或该楼栋的楼栋长可以移除住户成员')
        expectRefusal(await rejection(zhang.households.removeMember(NEWCOMERS.removed, '走')), 'validation', '请写明原因（至少 2 个字），对方会看到', {
          reason: '请写明原因（至少 2 个字），对方会看到',
        })
        // Nobody is left in 2号楼202. (The port promises null for an empty household; the core answers
        // the household with no members: either way, no member.)
        const emptied = await zhang.households.removeMember(NEWCOMERS.removed, '已搬离本社区')
        expect(emptied?.members ?? []).toEqual([])
        const removed = await second.api.households.mine()
        expect(removed.household).toBeUndefined()
        expect(removed.claims[0]).toMatchObject({ id: second.claim.id, status: 'removed', reason: '已搬离本社区' })
        expect((await second.api.session.current())?.user.home).toBeUndefined()
        expectRefusal(await rejection(zhang.households.removeMember(NEWCOMERS.removed, '已搬离本社区')), 'not_found', '此人不是本社区的认证住户')
      })
    })

    describe('invitations and people’s roles', () => {
      const gridInvite: InviteInput = { role: 'grid_worker', gridIds: ['g-2'], buildingIds: [], note: '孙丽的搭档', expiresInHours: 48 }

      it('invite → redeem → the role works → revoke → refused on the very next request', async () => {
        const zhang = await as('u-zhang')
        const invite = await zhang.invites.create(gridInvite)
        expect(invite).toMatchObject({
          communityId: 'c-yingyue',
          role: 'grid_worker',
          gridIds: ['g-2'],
          buildingIds: [],
          note: '孙丽的搭档',
          status: 'open',
          createdByName: '张敏',
        })
        expect(invite.code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/)
        expect(Date.parse(invite.expiresAt) - Date.parse(invite.createdAt)).toBe(48 * 3_600_000)
        expect((await zhang.invites.list()).find((i) => i.id === invite.id)?.status).toBe('open')

        const invitee = await as(NEWCOMERS.invitee)
        expectRefusal(await rejection(invitee.handling.listInbox()), 'forbidden', '只有社区工作者和网格员可以查看工单')
        // Typed as people type it: lower case, a dash in the middle.
        const user = await invitee.invites.redeem(`${invite.code.slice(0, 4).toLowerCase()}-${invite.code.slice(4)}`)
        expect(user).toMatchObject({ id: NEWCOMERS.invitee, communityId: 'c-yingyue', gridIds: ['g-2'] })
        expect(user.roles).toContain('grid_worker')

        // The role works: their grid's reports are theirs to handle.
        const report = await file(await as('u-wang'))
        const inbox = await allInbox(invitee)
        expect(inbox.map((r) => r.id)).toContain(report.id)
        expect(inbox.every((r) => r.gridId === 'g-2')).toBe(true)
        expect((await invitee.handling.accept(report.id, { note: '新网格员受理' })).report.status).toBe('accepted')

        expectRefusal(await rejection(invitee.invites.redeem(invite.code)), 'conflict', '这个邀请码已被使用，请向社区索取新的邀请码')
        expect((await zhang.invites.list()).find((i) => i.id === invite.id)).toMatchObject({ status: 'used', usedByName: '邀请甲' })
        expect((await zhang.people.list()).find((m) => m.id === NEWCOMERS.invitee)).toMatchObject({ roles: expect.arrayContaining(['grid_worker']), gridIds: ['g-2'] })

        const after = await zhang.people.revokeRole(NEWCOMERS.invitee, 'grid_worker')
        expect(after.find((m) => m.id === NEWCOMERS.invitee)?.roles ?? []).not.toContain('grid_worker')
        // At once: the next request is refused what the role gave (no 30-second grace of a session cache).
        expectRefusal(await rejection(invitee.handling.listInbox()), 'forbidden', '只有社区工作者和网格员可以查看工单')
        expectRefusal(await rejection(invitee.reports.get(report.id)), 'not_found', '诉求不存在或您无权查看')
        expect((await invitee.session.current())?.user.roles).not.toContain('grid_worker')
      })

      it('refuses invites nobody may make or that are not whole', async () => {
        const zhang = await as('u-zhang')
        expectRefusal(await rejection(zhang.invites.create({ ...gridInvite, role: 'staff', gridIds: [] })), 'forbidden', '您不能邀请这个角色（社区工作者和管理员由管理员邀请）')
        for (const who of ['u-wang', 'u-sun', 'u-zhou']) {
          expectRefusal(await rejection((await as(who)).invites.create(gridInvite)), 'forbidden', '只有社区管理员和社区工作者可以发出邀请')
          expectRefusal(await rejection((await as(who)).invites.list()), 'forbidden', '只有社区管理员和社区工作者可以查看邀请')
          expectRefusal(await rejection((await as(who)).people.list()), 'forbidden', '只有社区管理员和社区工作者可以管理人员')
        }
        const fields: Array<[Partial<InviteInput>, string, string]> = [
          [{ gridIds: [] }, 'gridIds', '请选择网格员负责的网格'],
          [{ gridIds: ['g-other'] }, 'gridIds', '所选网格不在本社区'],
          [{ buildingIds: ['b-3'] }, 'buildingIds', '只有楼栋长需要选择楼栋'],
          [{ note: '备'.repeat(41) }, 'note', '备注最多 40 个字'],
          [{ expiresInHours: 0 }, 'expiresInHours', '有效期为 1 小时到 30 天'],
          [{ expiresInHours: 721 }, 'expiresInHours', '有效期为 1 小时到 30 天'],
          [{ expiresInHours: 1.5 }, 'expiresInHours', '有效期为 1 小时到 30 天'],
        ]
        for (const [over, field, message] of fields) {
          expectRefusal(await rejection(zhang.invites.create({ ...gridInvite, ...over })), 'validation', message, { [field]: message })
        }
        // An admin invites staff and admins.
        const staff = await (await as('u-he')).invites.create({ role: 'staff', gridIds: [], buildingIds: [], note: '', expiresInHours: 1 })
        expect(staff).toMatchObject({ role: 'staff', status: 'open', createdByName: '何军' })
        await (await as('u-he')).invites.cancel(staff.id)
      })

      it('a cancelled invite cannot be used; codes that do not exist or cannot be codes are refused; no picture without WeChat', async () => {
        const zhang = await as('u-zhang')
        const invite = await zhang.invites.create({ role: 'building_leader', gridIds: [], buildingIds: ['b-5'], note: '5号楼', expiresInHours: 24 })
        expectRefusal(await rejection(zhang.invites.qrCode(invite.id)), 'not_supported', '服务器未开通小程序码，请把邀请码告诉对方')
        expect(await zhang.invites.cancel(invite.id)).toMatchObject({ id: invite.id, status: 'cancelled' })
        expectRefusal(await rejection(zhang.invites.cancel(invite.id)), 'conflict', '这个邀请已经用过、过期或撤销了')
        const leader = await as(NEWCOMERS.leader)
        expectRefusal(await rejection(leader.invites.redeem(invite.code)), 'conflict', '这个邀请码已被撤销，请向社区索取新的邀请码')
        expectRefusal(await rejection(leader.invites.redeem('ZZZZZZZZ')), 'not_found', '邀请码不正确，请核对后重试')
        expectRefusal(await rejection(leader.invites.redeem('abc')), 'validation', '邀请码是 8 位字母和数字，请核对', { code: '邀请码是 8 位字母和数字，请核对' })
        expect((await leader.session.current())?.user).toMatchObject({ communityId: null, roles: ['resident'] })
      })

      it('takes away only roles one may, from people of one’s community', async () => {
        const zhang = await as('u-zhang')
        expectRefusal(await rejection(zhang.people.revokeRole('u-he', 'admin')), 'forbidden', '您不能取消这个角色（社区工作者和管理员由管理员管理）')
        expectRefusal(await rejection(zhang.people.revokeRole('u-wang', 'grid_worker')), 'validation', '此人没有这个角色', { form: '此人没有这个角色' })
        expectRefusal(await rejection(zhang.people.revokeRole('u-other-grid', 'grid_worker')), 'not_found', '此人不在本社区')
        expectRefusal(await rejection((await as('u-he')).people.revokeRole('u-he', 'admin')), 'validation', '不能取消自己的管理员角色，请让另一位管理员操作', {
          form: '不能取消自己的管理员角色，请让另一位管理员操作',
        })
        const people = await zhang.people.list()
        expect(people.map((m) => m.id)).toEqual(expect.arrayContaining(['u-zhang', 'u-sun', 'u-liu', 'u-zhou', 'u-he']))
        expect(people.every((m) => m.roles.some((r) => r !== 'resident'))).toBe(true)
        expect(people.map((m) => m.id)).not.toContain('u-other-staff')
      })
    })

    describe('my profile and my data', () => {
      it('changes my name and phone, each checked on its field', async () => {
        const api = await as(NEWCOMERS.renamer)
        await api.communities.join('c-yingyue')
        const renamed = await api.profile.update({ name: ' 改名癸新 ' })
        expect(renamed.user.name).toBe('改名癸新')
        expect(renamed.community?.id).toBe('c-yingyue')
        expect((await api.profile.update({ phone: '139 0000 1111' })).user.phoneMasked).toBe('139****1111')
        expect((await api.session.current())?.user).toMatchObject({ name: '改名癸新', phoneMasked: '139****1111' })
        expectRefusal(await rejection(api.profile.update({ name: '癸' })), 'validation', '姓名为 2–20 个字', { name: '姓名为 2–20 个字' })
        expectRefusal(await rejection(api.profile.update({ name: '癸', phone: '123' })), 'validation', '姓名为 2–20 个字', {
          name: '姓名为 2–20 个字',
          phone: '请填写 11 位手机号码（或带区号的座机）',
        })
        expect((await api.profile.get()).user.name).toBe('改名癸新')
      })

      it('the export holds every record about me; deleting the account erases it and anonymises what stays', async () => {
        const zhang = await as('u-zhang')
        const { api, claim } = await claimed(NEWCOMERS.deleter, '301', '13955556666')
        await zhang.households.approve(claim.id)
        const otherPhone = await as(NEWCOMERS.deleter)
        const report = await file(api, { buildingId: 'b-2' })
        const said = await api.messages.send({ reportId: report.id }, uniqueText('请尽快来看看'))
        await zhang.handling.accept(report.id, { note: '已受理' })

        const data = await api.profile.exportData()
        expect(data.person).toMatchObject({
          id: NEWCOMERS.deleter,
          name: '注销庚',
          phone: '13955556666',
          roles: ['resident'],
          communityId: 'c-yingyue',
          home: { buildingId: 'b-2', room: '301' },
          signIn: 'demo',
        })
        expect(data.community).toMatchObject({ id: 'c-yingyue', name: '映月社区' })
        expect(data.household).toMatchObject({ buildingId: 'b-2', room: '301' })
        // The claim as they gave it: the full number is theirs.
        expect(data.claims).toEqual([expect.objectContaining({ id: claim.id, status: 'approved', phoneMasked: '13955556666' })])
        expect(data.reports.map((r) => r.id)).toEqual([report.id])
        expect(data.reportSteps.filter((e) => e.reportId === report.id).map((e) => e.action)).toEqual(['submit'])
        expect(data.messages.map((m) => m.id)).toEqual([said.id])
        expect(data.sessions.length).toBeGreaterThanOrEqual(2)
        expect(Date.parse(data.exportedAt)).not.toBeNaN()

        await api.profile.deleteAccount()
        expect(await api.session.current()).toBeNull()
        // Every session of the account ends: another phone's token is refused at once.
        expect((await rejection(otherPhone.reports.listMine())).kind).toBe('unauthorized')
        expect((await rejection(otherPhone.profile.exportData())).kind).toBe('unauthorized')
        expect((await rejection(backend.client('fresh').session.signInDemo(NEWCOMERS.deleter))).kind).toBe('not_found')

        // What stays is a governance record without them.
        const seen = await zhang.reports.get(report.id)
        expect(seen.report).toMatchObject({ id: report.id, reporterId: NEWCOMERS.deleter, reporterName: '已注销用户' })
        expect(seen.timeline[0].actorName).toBe('已注销用户')
        expect(JSON.stringify(seen)).not.toContain('注销庚')
        const thread = await zhang.messages.listMessages(reportThreadId(report.id))
        expect(thread.items.find((m) => m.id === said.id)?.authorName).toBe('已注销用户')
        expect((await allClaims(zhang, 'approved')).map((c) => c.id)).not.toContain(claim.id)
        expect((await zhang.people.list()).map((m) => m.id)).not.toContain(NEWCOMERS.deleter)
      })
    })

    describe('community isolation', () => {
      it('answers a member of one community not_found for every object of another, however they ask', async () => {
        // Community B (临湖社区): a report with a thread, a notice, a claim and an invite.
        const otherRes = await as('u-other-res')
        const otherStaff = await as('u-other-staff')
        const bReport = await file(otherRes, { categoryId: 'cat-other-light', location: { kind: 'text', address: '临湖1号楼北侧' } })
        await otherRes.messages.send({ reportId: bReport.id }, uniqueText('临湖的灯什么时候修？'))
        const bNotice = await otherStaff.notices.publish(notice())
        const { claim: bClaim } = await claimed(NEWCOMERS.elsewhere, '102', '13911112222', 'c-other', 'b-other')
        const bInvite = await otherStaff.invites.create({ role: 'grid_worker', gridIds: ['g-other'], buildingIds: [], note: '', expiresInHours: 24 })

        // Members of A (映月社区): a resident and a staff member.
        const wang = await as('u-wang')
        const zhang = await as('u-zhang')
        const thread = reportThreadId(bReport.id)
        for (const a of [wang, zhang]) {
          expectRefusal(await rejection(a.reports.get(bReport.id)), 'not_found', '诉求不存在或您无权查看')
          expectRefusal(await rejection(a.reports.rate(bReport.id, { level: 'satisfied', comment: '' })), 'not_found', '诉求不存在或您无权查看')
          expectRefusal(await rejection(a.reports.meToo(bReport.id)), 'not_found', '诉求不存在')
          expectRefusal(await rejection(a.messages.listMessages(thread)), 'not_found', '对话不存在或您无权查看')
          expectRefusal(await rejection(a.messages.send({ threadId: thread }, '我来问问')), 'not_found', '对话不存在或您无权查看')
          expectRefusal(await rejection(a.messages.send({ reportId: bReport.id }, '我来问问')), 'not_found', '对话不存在或您无权查看')
          expectRefusal(await rejection(a.messages.markRead(thread)), 'not_found', '对话不存在或您无权查看')
          expectRefusal(await rejection(a.notices.get(bNotice.id)), 'not_found', '通知不存在或您无权查看')
          expectRefusal(await rejection(a.notices.markRead(bNotice.id)), 'not_found', '通知不存在或您无权查看')
          expectRefusal(await rejection(a.notices.receipts(bNotice.id)), 'not_found', '通知不存在或您无权查看')
          expect((await a.messages.listThreads()).map((t) => t.id)).not.toContain(thread)
          expect((await allNotices(a)).map((n) => n.id)).not.toContain(bNotice.id)
        }
        expectRefusal(await rejection(zhang.handling.accept(bReport.id, { note: '越界受理' })), 'not_found', '诉求不存在或您无权查看')
        expectRefusal(await rejection(zhang.handling.reporterPhone(bReport.id, { reason: 'follow_up' })), 'not_found', '诉求不存在或您无权查看')
        expectRefusal(await rejection(zhang.households.approve(bClaim.id)), 'not_found', '申请不存在')
        expectRefusal(await rejection(zhang.households.reject(bClaim.id, '不是本社区的')), 'not_found', '申请不存在')
        expectRefusal(await rejection(wang.households.withdraw(bClaim.id)), 'not_found', '申请不存在')
        expectRefusal(await rejection(zhang.invites.cancel(bInvite.id)), 'not_found', '邀请不存在')
        expectRefusal(await rejection(zhang.invites.qrCode(bInvite.id)), 'not_found', '邀请不存在')
        expectRefusal(await rejection(zhang.households.removeMember('u-other-res', '不是本社区的')), 'not_found', '此人不是本社区的认证住户')
        expectRefusal(await rejection(zhang.households.setRepresentative('u-other-res')), 'not_found', '此人不是本社区的认证住户')
        expectRefusal(await rejection(zhang.people.revokeRole('u-other-grid', 'grid_worker')), 'not_found', '此人不在本社区')
        expectRefusal(await rejection(zhang.dashboard.get(range(), 'c-other')), 'not_found', '社区不存在')
        expect((await zhang.dashboard.get(range(), 'c-yingyue')).communityId).toBe('c-yingyue')
        // Lists stop at the edge too.
        expect((await allClaims(zhang)).map((c) => c.id)).not.toContain(bClaim.id)
        expect((await zhang.invites.list()).map((i) => i.id)).not.toContain(bInvite.id)
        expect((await allInbox(zhang)).map((r) => r.id)).not.toContain(bReport.id)
        // What a code or a search tells about B is its summary, nothing inside it.
        expect(await wang.communities.byCode('LH2026')).toEqual({ id: 'c-other', name: '临湖社区', kind: 'community', district: '无锡市锡山区东亭街道', streetName: '东亭街道' })

        // B's own staff see and decide their claim.
        expect((await allClaims(otherStaff)).map((c) => c.id)).toContain(bClaim.id)
        expect((await otherStaff.households.approve(bClaim.id)).status).toBe('approved')
        await otherStaff.invites.cancel(bInvite.id)
      })

      it('a street officer reads the dashboard of a community of their street, and of no other street', async () => {
        const officer = await as('u-street')
        const me = (await officer.session.current())!.user
        expect(me).toMatchObject({ roles: ['street_staff'], communityId: null, streetId: 's-dongting' })
        const communities = await officer.communities.listStreet()
        expect(communities.map((c) => c.id)).toEqual(expect.arrayContaining(['c-yingyue', 'c-chunhui', 'c-other']))
        expect(communities.map((c) => c.id)).not.toContain('c-new')
        expect(communities.every((c) => c.streetId === 's-dongting' && c.streetName === '东亭街道')).toBe(true)

        const zhangView = await (await as('u-zhang')).dashboard.get(range())
        const officerView = await officer.dashboard.get(range(), 'c-yingyue')
        expect(officerView.communityId).toBe('c-yingyue')
        expect(officerView.received).toBe(zhangView.received)
        expect((await officer.dashboard.get(range(), 'c-chunhui')).communityId).toBe('c-chunhui')
        for (const id of ['c-new', 'c-nowhere']) expectRefusal(await rejection(officer.dashboard.get(range(), id)), 'not_found', '社区不存在')
        expectRefusal(await rejection(officer.dashboard.get(range())), 'validation', '请选择要查看的社区', { communityId: '请选择要查看的社区' })
        expectRefusal(await rejection((await as('u-zhang')).communities.listStreet()), 'forbidden', '只有街道工作人员可以查看街道下的社区')
      })
    })

    describe('the admin screens: the community’s structure', () => {
      it('an admin reads the structure and saves it back unchanged; a broken one changes nothing and names every issue', async () => {
        const he = await as('u-he')
        const structure = await he.admin.getStructure()
        expect(structure.community).toMatchObject({ name: '映月社区', kind: 'community', street: '东亭街道', reportPrefix: 'YY' })
        expect(structure.grids.map((g) => g.key)).toEqual(['g-1', 'g-2', 'g-3'])
        expect(structure.buildings.find((b) => b.key === 'b-3')).toMatchObject({ name: '3号楼', grid: '第二网格' })
        const counts = await he.admin.saveStructure(structure)
        for (const kind of Object.values(counts)) expect([kind.created, kind.removed]).toEqual([0, 0])
        expect(counts.grids).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 3 })

        const broken = { ...structure, buildings: structure.buildings.map((b, i) => (i === 0 ? { ...b, grid: '第九网格' } : b)) }
        const message = '“楼栋”表第 2 行“所属网格”：网格“第九网格”不存在，请先在“网格”表中添加'
        expectRefusal(await rejection(he.admin.saveStructure(broken)), 'validation', message, { '楼栋!2!所属网格': '网格“第九网格”不存在，请先在“网格”表中添加' })
        expect(await he.admin.getStructure()).toEqual(structure)
        for (const who of ['u-zhang', 'u-wang']) {
          expectRefusal(await rejection((await as(who)).admin.getStructure()), 'forbidden', '只有社区管理员可以修改社区设置')
          expectRefusal(await rejection((await as(who)).admin.saveStructure(structure)), 'forbidden', '只有社区管理员可以修改社区设置')
        }
      })
    })

    // ── capabilities ──────────────────────────────────────────────────────────────────────────

    describe('capabilities', () => {
      it('declares reports, handling, messages, notices and the dashboard, and rejects the groups it lacks with not_supported', async () => {
        const api = await as('u-wang')
        expect(api.capabilities).toMatchObject({
          demoSignIn: true,
          reports: true,
          photoUpload: true,
          meToo: true,
          handling: true,
          messages: true,
          notices: true,
          dashboard: true,
          membership: true,
        })
        const missing: Array<[keyof ApiClient['capabilities'], () => Promise<unknown>]> = [
          ['messages', () => api.messages.listThreads()],
          ['notices', () => api.notices.list()],
          ['conventions', () => api.conventions.list()],
          ['services', () => api.services.list()],
          ['dashboard', () => api.dashboard.get({ from: '2026-11-01T00:00:00Z', to: '2026-11-30T00:00:00Z' })],
        ]
        for (const [group, call] of missing) {
          if (api.capabilities[group]) continue
          expect((await rejection(call())).kind).toBe('not_supported')
        }
      })
    })
  })
}
