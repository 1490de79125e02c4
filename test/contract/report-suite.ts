/**
 * The report part of the ApiClient contract, held the same on every backend a report can go to:
 * Linli's own (memory, the reference server) and any Open311 GeoReport v2 city system (the in-repo
 * fake with each deviation of a real server switched on in turn, and Linli's own `/open311/v2/`: a
 * round trip between our client and our server). What differs between them — which category to
 * file under, how the handler side moves a report, what status the resident then sees — is the
 * backend's to say; what the resident gets is the suite's.
 */
import type { ApiClient } from '../../src/api/client'
import { ApiError } from '../../src/api/errors'
import { Outbox } from '../../src/api/outbox'
import { memoryStorage } from '../../src/platform/storage'
import type { NewReportInput } from '../../types/api'
import type { Report, ReportAnswers, ReportLocation, ReportStatus, ReportSummary } from '../../types/domain'
import { rejection } from './suite'

export interface ReportBackend {
  /** A fresh resident's client, signed in: another phone (and another resident than the last call's) each time. */
  resident(): Promise<ApiClient>
  /** A category anyone may file under, asking no extra questions. */
  categoryId: string
  location: ReportLocation
  /**
   * The handler side moves a report (Linli's staff, a city's staff): `start` takes it on, `finish`
   * ends it, each with a note the resident should read. Answers the status the resident then sees.
   */
  handle(report: Report, step: 'start' | 'finish', note: string): Promise<ReportStatus>
  /** A category with extra questions, where the backend has one. */
  questions?: {
    categoryId: string
    /** A complete set of answers. */
    answers: ReportAnswers
    /** The code of a required question. */
    required: string
    /** What the handler side received as answers for a report. */
    received(report: Report): Promise<ReportAnswers>
  }
  teardown(): Promise<void>
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export function defineReportSuite(name: string, setup: () => Promise<ReportBackend>): void {
  describe(`the report contract: ${name}`, () => {
    let backend: ReportBackend
    const run = Math.random().toString(36).slice(2, 8)
    let seq = 0

    beforeAll(async () => {
      backend = await setup()
    })
    afterAll(async () => {
      await backend?.teardown()
    })

    function uniqueReport(over: Partial<NewReportInput> = {}): NewReportInput {
      seq += 1
      return {
        categoryId: backend.categoryId,
        description: `报告契约${run}-${seq}：路口的灯坏了，晚上很黑`,
        photoIds: [],
        location: backend.location,
        anonymous: false,
        ...over,
      }
    }
    const newKey = () => `report-${run}-${++seq}-${Math.random().toString(36).slice(2, 10)}`
    const file = (api: ApiClient, over: Partial<NewReportInput> = {}) => api.reports.submit(uniqueReport(over), { idempotencyKey: newKey() })

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

    it('files a report the resident then finds, as written, with its first step', async () => {
      const api = await backend.resident()
      const input = uniqueReport({ anonymous: true })
      const report = await api.reports.submit(input, { idempotencyKey: newKey() })
      expect(report).toMatchObject({ categoryId: backend.categoryId, description: input.description, location: input.location, anonymous: true, status: 'submitted' })
      expect(report.number).toMatch(/\S/)
      expect(Date.parse(report.deadlineAt)).toBeGreaterThan(Date.parse(report.createdAt))
      const detail = await api.reports.get(report.id)
      expect(detail.report).toMatchObject({ id: report.id, description: input.description, status: 'submitted' })
      expect(detail.timeline.map((e) => e.action)).toEqual(['submit'])
      expect(detail.allowedActions).not.toContain('accept')
      expect((await allMine(api)).map((r) => r.id)).toContain(report.id)
    })

    it('refuses an invalid report with a Chinese message on each field, and files nothing', async () => {
      const api = await backend.resident()
      const before = (await allMine(api)).length
      const error = await rejection(
        api.reports.submit({ categoryId: 'cat-nonexistent', description: '灯', photoIds: [], location: { kind: 'text', address: '楼' }, anonymous: false }, { idempotencyKey: newKey() }),
      )
      expect(error.kind).toBe('validation')
      expect(Object.keys(error.fields).sort()).toEqual(['categoryId', 'description', 'location'])
      for (const message of Object.values(error.fields)) expect(message).toMatch(/[\u4e00-\u9fff]/)
      expect(await allMine(api)).toHaveLength(before)
    })

    it('makes one report of two submissions under the same key, and refuses another body under it', async () => {
      const api = await backend.resident()
      const input = uniqueReport()
      const key = newKey()
      const first = await api.reports.submit(input, { idempotencyKey: key })
      const again = await api.reports.submit(input, { idempotencyKey: key })
      expect([again.id, again.number]).toEqual([first.id, first.number])
      expect((await allMine(api)).filter((r) => r.description === input.description)).toHaveLength(1)
      const error = await rejection(api.reports.submit(uniqueReport(), { idempotencyKey: key }))
      expect(error.kind).toBe('validation')
      expect(Object.keys(error.fields)).toContain('idempotencyKey')
    })

    it('lists mine newest first; a cursor walk sees each once; a bad page size or cursor is refused on its field', async () => {
      const api = await backend.resident()
      const filed: Report[] = []
      for (let i = 0; i < 3; i++) {
        filed.push(await file(api))
        await pause(5)
      }
      const walked = await allMine(api, 2)
      const ids = walked.map((r) => r.id)
      expect(new Set(ids).size).toBe(ids.length)
      expect(ids.filter((id) => filed.some((r) => r.id === id))).toEqual(filed.map((r) => r.id).reverse())
      for (let i = 1; i < walked.length; i++) expect(walked[i - 1].createdAt >= walked[i].createdAt).toBe(true)
      const first = await api.reports.listMine({ limit: 1 })
      expect(first.items[0].id).toBe(filed[2].id)
      expect(first.nextCursor).toEqual(expect.any(String))
      for (const limit of [0, 51]) expect(Object.keys((await rejection(api.reports.listMine({ limit }))).fields)).toEqual(['limit'])
      for (const cursor of ['not-a-cursor', '0|0']) expect(Object.keys((await rejection(api.reports.listMine({ cursor }))).fields)).toEqual(['cursor'])
    })

    it('hides my report from another resident (not_found)', async () => {
      const report = await file(await backend.resident())
      const other = await backend.resident()
      expect((await rejection(other.reports.get(report.id))).kind).toBe('not_found')
      expect((await allMine(other)).map((r) => r.id)).not.toContain(report.id)
    })

    it('follows the report as the handler side takes it on and ends it, with their words', async () => {
      const api = await backend.resident()
      const report = await file(api)
      const started = await backend.handle(report, 'start', `已安排人员核实${run}`)
      let detail = await api.reports.get(report.id)
      expect(detail.report.status).toBe(started)
      expect(detail.timeline.map((e) => e.note)).toContain(`已安排人员核实${run}`)
      const finished = await backend.handle(report, 'finish', `路灯已修复${run}`)
      detail = await api.reports.get(report.id)
      expect(detail.report.status).toBe(finished)
      const notes = detail.timeline.map((e) => e.note)
      expect(notes.indexOf(`路灯已修复${run}`)).toBeGreaterThan(notes.indexOf(`已安排人员核实${run}`))
      expect(detail.timeline[0].action).toBe('submit')
      expect(detail.timeline[detail.timeline.length - 1].toStatus).toBe(finished)
      expect((await allMine(api)).find((r) => r.id === report.id)?.status).toBe(finished)
    })

    it('sends a report whose answer was lost once more later, and it exists exactly once', async () => {
      const api = await backend.resident()
      const losing: ApiClient = {
        ...api,
        reports: {
          ...api.reports,
          submit: async (input, options) => {
            await api.reports.submit(input, options)
            throw new ApiError('network')
          },
        },
      }
      const storage = memoryStorage()
      const { photoIds: _none, ...fields } = uniqueReport()
      const key = newKey()
      const first = await new Outbox(losing, storage, 'outbox').send(new Outbox(api, storage, 'outbox').add(key, { ...fields, photos: [] }).key)
      expect(first.status).toBe('waiting')
      const { sent, waiting } = await new Outbox(api, storage, 'outbox').flush()
      expect([sent.length, waiting]).toEqual([1, 0])
      const mine = (await allMine(api)).filter((r) => r.description === fields.description)
      expect(mine.map((r) => r.id)).toEqual([sent[0].id])
    })

    it('marks a report the backend refuses as failed with its field message, and does not retry it', async () => {
      const api = await backend.resident()
      const outbox = new Outbox(api, memoryStorage(), 'outbox')
      const { photoIds: _none, ...fields } = uniqueReport({ description: '短' })
      const result = await outbox.send(outbox.add(newKey(), { ...fields, photos: [] }).key)
      expect(result.status).toBe('failed')
      expect(outbox.items()[0].error?.fields.description).toMatch(/至少/)
      expect((await outbox.flush()).sent).toHaveLength(0)
    })

    it('asks a category’s extra questions where it has them, and refuses answers where it has none', async () => {
      const api = await backend.resident()
      expect(await api.reports.questions(backend.categoryId)).toEqual([])
      const stray = await rejection(file(api, { answers: { pole: 'A-1' } }))
      expect(Object.keys(stray.fields)).toEqual(['answers'])
      const q = backend.questions
      if (!q) return
      const questions = await api.reports.questions(q.categoryId)
      expect(questions.find((question) => question.code === q.required)).toMatchObject({ required: true, asked: true })
      const { [q.required]: _left, ...partial } = q.answers
      const missing = await rejection(file(api, { categoryId: q.categoryId, answers: partial }))
      expect(missing.kind).toBe('validation')
      expect(missing.fields[`attribute.${q.required}`]).toMatch(/[\u4e00-\u9fff]/)
      const report = await file(api, { categoryId: q.categoryId, answers: q.answers })
      expect(report.categoryId).toBe(q.categoryId)
      expect(await q.received(report)).toEqual(q.answers)
    })

    it('rejects what its capabilities say is missing with not_supported', async () => {
      const api = await backend.resident()
      expect(api.capabilities.reports).toBe(true)
      const calls: Array<[keyof ApiClient['capabilities'], () => Promise<unknown>]> = [
        ['messages', () => api.messages.listThreads()],
        ['notices', () => api.notices.list()],
        ['conventions', () => api.conventions.list()],
        ['services', () => api.services.list()],
        ['handling', () => api.handling.listInbox()],
        ['meToo', () => api.reports.listPublic()],
        ['photoUpload', () => api.media.uploadPhoto({ path: 'data:image/png;base64,AAAA' })],
      ]
      for (const [capability, call] of calls) {
        if (api.capabilities[capability]) continue
        expect([capability, (await rejection(call())).kind]).toEqual([capability, 'not_supported'])
      }
    })
  })
}
