/**
 * The ApiClient port's contract: what every adapter must do for sessions, reports and handling,
 * checked the same way against each (memory.test.ts, http.test.ts). A behaviour belongs here when
 * a screen relies on it; adapter details (headers, retries, storage keys) are tested in unit/.
 *
 * The backend is shared by all tests of a run and holds the seeded demo community, so every test
 * files its own reports with descriptions of its own and never assumes a list is otherwise empty.
 */
import type { ApiClient } from '../../src/api/client'
import { ApiError } from '../../src/api/errors'
import { Outbox } from '../../src/api/outbox'
import { memoryStorage } from '../../src/platform/storage'
import type { NewReportInput } from '../../types/api'
import type { Report, ReportSummary } from '../../types/domain'

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
        const error = await rejection(api.reports.listMine({ cursor: 'not-a-cursor' }))
        expect(error.kind).toBe('validation')
        expect(Object.keys(error.fields)).toEqual(['cursor'])
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

        const resolved = await sun.handling.resolve(report.id, { note: '已更换灯泡，恢复照明' })
        expect(resolved.report.status).toBe('resolved')

        const seen = await wang.reports.get(report.id)
        expect(seen.report.status).toBe('resolved')
        expect(seen.allowedActions).toContain('rate')
        expect(seen.timeline.map((e) => e.action)).toEqual(['submit', 'accept', 'assign', 'resolve'])

        const rated = await wang.reports.rate(report.id, { level: 'unsatisfied', comment: '第二天又不亮了' })
        expect(rated.report.status).toBe('reopened')
        expect(rated.report.reopenCount).toBe(1)
        expect(rated.report.rating).toMatchObject({ level: 'unsatisfied', comment: '第二天又不亮了' })
        const last = rated.timeline[rated.timeline.length - 1]
        expect(last).toMatchObject({ action: 'rate', fromStatus: 'resolved', toStatus: 'reopened' })
        expect(rated.allowedActions).not.toContain('rate')

        // The handlers see it back in their queue.
        const again = await zhang.handling.listInbox({ status: ['reopened'] })
        expect(again.items.map((r) => r.id)).toContain(report.id)
      })

      it('closes the report when the resident is satisfied', async () => {
        const wang = await as('u-wang')
        const report = await file(wang)
        const zhang = await as('u-zhang')
        await zhang.handling.accept(report.id, { note: '已受理' })
        await zhang.handling.assign(report.id, { assignee: { kind: 'department', id: 'd-property' }, note: '请物业处理' })
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

    // ── capabilities ──────────────────────────────────────────────────────────────────────────

    describe('capabilities', () => {
      it('declares reports and handling, and rejects the groups it lacks with not_supported', async () => {
        const api = await as('u-wang')
        expect(api.capabilities).toMatchObject({ demoSignIn: true, reports: true, photoUpload: true, meToo: true, handling: true })
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
        expect((await rejection(api.handling.submitOnBehalf(uniqueReport(), { idempotencyKey: newKey() }))).kind).toBe('not_supported')
      })
    })
  })
}
