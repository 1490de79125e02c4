/**
 * Content security through the ApiClient port (issue 13): the content check's three answers on
 * every kind of text others read, the moderation queue and the audit log, checked the same way
 * against every adapter (memory.test.ts, http-pglite.test.ts, http-postgres.test.ts) with the tests' keyword checker
 * (test/support/keyword-check.ts: 【审核】 holds a text for review, 【拒绝】 refuses it) — with the exact
 * answers and the exact Chinese messages, so the adapters cannot disagree on a word.
 *
 * The backend is this suite's own; the stories run in the order written and find their items by
 * what they held (the queue is shared by them).
 */
import type { ApiClient } from '../../src/api/client'
import { CONTENT_REFUSED, CONTENT_REFUSED_TITLED } from '../../src/domain/moderation/rules'
import type { ModerationItem } from '../../types/domain'
import { REJECT, REVIEW } from '../support/keyword-check'
import { rejection, type ContractBackend } from './suite'

export function defineModerationSuite(name: string, setup: () => Promise<ContractBackend>): void {
  describe(`the moderation and audit contract: ${name}`, () => {
    let backend: ContractBackend
    const run = Math.random().toString(36).slice(2, 8)
    let seq = 0
    const key = () => `moderation-${run}-${++seq}-${Math.random().toString(36).slice(2, 10)}`
    const clients = new Map<string, Promise<ApiClient>>()

    beforeAll(async () => {
      backend = await setup()
    })
    afterAll(async () => {
      await backend?.teardown()
    })

    function as(userId: string): Promise<ApiClient> {
      let client = clients.get(userId)
      if (!client) {
        const api = backend.client('fresh')
        client = api.session.signInDemo(userId).then(() => api)
        clients.set(userId, client)
      }
      return client
    }

    /** The held item of a subject, as staff see the queue (all pages). */
    async function itemOf(subjectId: string): Promise<ModerationItem> {
      const zhang = await as('u-zhang')
      let cursor: string | undefined
      for (let page = 0; page < 50; page++) {
        const got = await zhang.moderation.listHeld({ cursor, limit: 50 })
        const found = got.items.find((i) => i.subject.id === subjectId)
        if (found) return found
        cursor = got.nextCursor
        if (!cursor) break
      }
      throw new Error(`${subjectId} is not in the queue`)
    }

    const report = (text: string) => ({
      categoryId: 'cat-light',
      description: `契约测试${run}-${++seq}：3号楼北侧路灯不亮${text}`,
      photoIds: [],
      location: { kind: 'text' as const, address: '映月社区3号楼北侧' },
      anonymous: false,
    })

    it('declares the moderation queue and the audit log', async () => {
      expect((await as('u-zhang')).capabilities).toMatchObject({ moderation: true, audit: true })
    })

    it('publishes a report that passes, refuses one with a field error naming the description, and holds one out of the public view', async () => {
      const wang = await as('u-wang')
      const li = await as('u-li')
      const passed = await wang.reports.submit(report(''), { idempotencyKey: key() })
      expect(passed.moderation).toBeUndefined()
      const refused = await rejection(wang.reports.submit(report(REJECT), { idempotencyKey: key() }))
      expect({ kind: refused.kind, message: refused.message, fields: refused.fields }).toEqual({ kind: 'validation', message: CONTENT_REFUSED, fields: { description: CONTENT_REFUSED } })
      const heldKey = key()
      const held = await wang.reports.submit(report(REVIEW), { idempotencyKey: heldKey })
      expect(held.moderation).toEqual({ status: 'held' })
      // A retry under the same key answers the same held report.
      expect((await wang.reports.submit({ ...report(REVIEW), description: held.description }, { idempotencyKey: heldKey })).id).toBe(held.id)
      expect((await wang.reports.get(held.id)).report.moderation).toEqual({ status: 'held' })
      expect((await wang.reports.listMine({ limit: 50 })).items.find((r) => r.id === held.id)?.moderation).toEqual({ status: 'held' })
      const publicIds = async () => (await li.reports.listPublic({ limit: 50 })).items.map((r) => r.id)
      expect(await publicIds()).toContain(passed.id)
      expect(await publicIds()).not.toContain(held.id)
      expect((await rejection(li.reports.meToo(held.id))).kind).toBe('not_found')

      const item = await itemOf(held.id)
      expect(item).toMatchObject({ kind: 'report', status: 'held', authorId: 'u-wang', authorName: '王秀兰', text: held.description, heldFor: 'keyword:review' })
      const approved = await (await as('u-he')).moderation.approve(item.id)
      expect(approved).toMatchObject({ id: item.id, status: 'approved', decidedByName: '何军' })
      expect(await publicIds()).toContain(held.id)
      expect((await wang.reports.get(held.id)).report.moderation).toBeUndefined()
      const [event] = (await (await as('u-zhang')).audit.list({ action: 'moderation.approve', subjectKind: 'report', subjectId: held.id })).items
      expect(event).toMatchObject({ actor: { id: 'u-he', name: '何军', role: 'admin' }, subject: { kind: 'report', id: held.id }, concerns: { id: 'u-wang', name: '王秀兰' }, details: { item: item.id, kind: 'report' } })
    })

    it('refuses a message with the body’s field error, and holds one for its author and staff only until approved', async () => {
      const wang = await as('u-wang')
      const filed = await wang.reports.submit(report(''), { idempotencyKey: key() })
      const refused = await rejection(wang.messages.send({ reportId: filed.id }, `还有别的问题${REJECT}`))
      expect({ kind: refused.kind, message: refused.message, fields: refused.fields }).toEqual({ kind: 'validation', message: CONTENT_REFUSED, fields: { body: CONTENT_REFUSED } })
      const held = await wang.messages.send({ reportId: filed.id }, `请尽快来修${REVIEW}`)
      expect(held.moderation).toEqual({ status: 'held' })
      const sun = await as('u-sun')
      const seenBy = async (api: ApiClient) => (await api.messages.listMessages(held.threadId, { limit: 50 })).items.map((m) => [m.id, m.moderation?.status ?? null])
      expect(await seenBy(wang)).toEqual([[held.id, 'held']])
      expect(await seenBy(await as('u-zhang'))).toEqual([[held.id, 'held']])
      expect(await seenBy(sun)).toEqual([])
      const unread = await sun.messages.unreadCount()
      await (await as('u-zhang')).moderation.approve((await itemOf(held.id)).id)
      expect(await seenBy(sun)).toEqual([[held.id, null]])
      expect(await sun.messages.unreadCount()).toBe(unread + 1)
    })

    it('holds a notice, and a refusal leaves it to its author with the reason', async () => {
      const zhou = await as('u-zhou')
      const refused = await rejection(zhou.notices.publish({ title: `楼道通知${REJECT}`, body: '本周六清理楼道', scope: { kind: 'buildings', buildingIds: ['b-3'] }, urgent: false, pinned: false }))
      expect({ kind: refused.kind, message: refused.message, fields: refused.fields }).toEqual({ kind: 'validation', message: CONTENT_REFUSED_TITLED, fields: { body: CONTENT_REFUSED_TITLED } })
      const li = await as('u-li')
      const unread = await li.notices.unreadCount()
      const held = await zhou.notices.publish({ title: '楼道清理通知', body: `本周六上午清理楼道杂物${REVIEW}`, scope: { kind: 'buildings', buildingIds: ['b-3'] }, urgent: false, pinned: false })
      expect(held.moderation).toEqual({ status: 'held' })
      expect((await rejection(li.notices.get(held.id))).kind).toBe('not_found')
      expect(await li.notices.unreadCount()).toBe(unread)
      const item = await itemOf(held.id)
      const tooShort = await rejection((await as('u-zhang')).moderation.reject(item.id, '广'))
      expect(tooShort).toMatchObject({ kind: 'validation', fields: { reason: '请填写未通过的原因（至少2个字），发布人会看到它' } })
      const decided = await (await as('u-zhang')).moderation.reject(item.id, '通知内容与楼道无关')
      expect(decided).toMatchObject({ status: 'rejected', reason: '通知内容与楼道无关', decidedByName: '张敏' })
      expect((await zhou.notices.get(held.id)).moderation).toEqual({ status: 'rejected', reason: '通知内容与楼道无关' })
      expect((await zhou.notices.listSent({ limit: 50 })).items.find((n) => n.id === held.id)?.moderation).toEqual({ status: 'rejected', reason: '通知内容与楼道无关' })
      expect((await rejection(li.notices.get(held.id))).kind).toBe('not_found')
      expect((await rejection((await as('u-zhang')).notices.get(held.id))).kind).toBe('not_found')
      const again = await rejection((await as('u-zhang')).moderation.approve(item.id))
      expect({ kind: again.kind, message: again.message }).toEqual({ kind: 'conflict', message: '这条内容已经审核过了' })
    })

    it('holds a proposal (a retry under its key answers it again) and a question on a disclosure, published when approved', async () => {
      const wang = await as('u-wang')
      const li = await as('u-li')
      const proposalKey = key()
      const input = { title: '东门增设快递柜', body: `建议在小区东门增设智能快递柜，方便老人取件${REVIEW}`, photoIds: [] }
      const held = await wang.conventions.propose(input, { idempotencyKey: proposalKey })
      expect(held.moderation).toEqual({ status: 'held' })
      expect(await wang.conventions.propose(input, { idempotencyKey: proposalKey })).toEqual(held)
      expect((await rejection(li.conventions.getProposal(held.id))).kind).toBe('not_found')
      expect((await li.conventions.listProposals({ limit: 50 })).items.map((p) => p.id)).not.toContain(held.id)
      await (await as('u-zhang')).moderation.approve((await itemOf(held.id)).id)
      expect((await li.conventions.getProposal(held.id)).moderation).toBeUndefined()

      const disclosure = (await li.conventions.listDisclosures({ category: 'finance', limit: 50 })).items[0]
      const subject = { kind: 'disclosure' as const, id: disclosure.id }
      const refused = await rejection(wang.conventions.contribute(subject, { body: `保洁费为什么涨了${REJECT}` }, { idempotencyKey: key() }))
      expect(refused.fields).toEqual({ body: CONTENT_REFUSED })
      const question = await wang.conventions.contribute(subject, { body: `第三季度的保洁费为什么涨了${REVIEW}` }, { idempotencyKey: key() })
      expect(question.moderation).toEqual({ status: 'held' })
      const item = await itemOf(question.id)
      expect(item).toMatchObject({ kind: 'question', subject: { id: question.id, discussion: subject } })
      expect((await li.conventions.getDisclosure(disclosure.id)).questions).toBe(disclosure.questions)
      await (await as('u-zhang')).moderation.approve(item.id)
      expect((await li.conventions.getDisclosure(disclosure.id)).questions).toBe(disclosure.questions + 1)
      expect((await li.conventions.listContributions(subject, { limit: 50 })).items.map((c) => c.id)).toContain(question.id)
    })

    it('lets staff and admins of the community decide, refuses everyone else, and hides the queue of another community', async () => {
      const wang = await as('u-wang')
      const held = await wang.messages.send('general', `社区几点下班${REVIEW}`)
      const item = await itemOf(held.id)
      for (const who of ['u-wang', 'u-sun', 'u-zhou']) {
        const api = await as(who)
        for (const call of [() => api.moderation.listHeld(), () => api.moderation.approve(item.id), () => api.moderation.reject(item.id, '含有广告信息')]) {
          const error = await rejection(call())
          expect({ kind: error.kind, message: error.message }).toEqual({ kind: 'forbidden', message: '只有社区工作者和管理员可以审核内容' })
        }
      }
      const other = await as('u-other-staff')
      expect((await other.moderation.listHeld({ limit: 50 })).items.map((i) => i.id)).not.toContain(item.id)
      const foreign = await rejection(other.moderation.approve(item.id))
      expect({ kind: foreign.kind, message: foreign.message }).toEqual({ kind: 'not_found', message: '待审核的内容不存在' })
      expect((await rejection(other.moderation.approve('mq_does-not-exist'))).kind).toBe('not_found')
      expect((await itemOf(held.id)).status).toBe('held')
    })

    it('reads the audit log for staff, admins and the street, newest first, filtered; refuses the rest', async () => {
      const zhang = await as('u-zhang')
      const filed = await (await as('u-wang')).reports.submit(report(''), { idempotencyKey: key() })
      await zhang.handling.accept(filed.id)
      await zhang.handling.assign(filed.id, { assignee: { kind: 'user', id: 'u-sun' }, note: '请孙丽处理' })
      const events = (await zhang.audit.list({ subjectKind: 'report', subjectId: filed.id, limit: 50 })).items
      expect(events.map((e) => [e.action, e.actor.id, e.details.from, e.details.to, e.note ?? null])).toEqual([
        ['report.assign', 'u-zhang', 'accepted', 'in_progress', '请孙丽处理'],
        ['report.accept', 'u-zhang', 'submitted', 'accepted', null],
      ])
      const refused = await (await as('u-wang')).reports.submit(report(''), { idempotencyKey: key() })
      await zhang.handling.reject(refused.id, { reason: '不属于本社区管辖范围' })
      expect((await zhang.audit.list({ action: 'report.reject', subjectId: refused.id })).items.map((e) => [e.concerns?.id, e.note])).toEqual([['u-wang', '不属于本社区管辖范围']])
      const first = await zhang.audit.list({ limit: 1 })
      const second = await zhang.audit.list({ limit: 1, cursor: first.nextCursor })
      expect(second.items[0].at <= first.items[0].at).toBe(true)
      expect(second.items[0].id).not.toBe(first.items[0].id)
      expect((await (await as('u-he')).audit.list({ limit: 5 })).items.length).toBeGreaterThan(0)

      const officer = await as('u-street')
      const unnamed = await rejection(officer.audit.list())
      expect({ kind: unnamed.kind, fields: unnamed.fields }).toEqual({ kind: 'validation', fields: { communityId: '请选择要查看的社区' } })
      expect((await officer.audit.list({ communityId: 'c-yingyue', action: 'report.accept', limit: 50 })).items.map((e) => e.subject.id)).toContain(filed.id)
      expect((await rejection(zhang.audit.list({ communityId: 'c-other' }))).kind).toBe('not_found')
      for (const who of ['u-wang', 'u-sun']) {
        const error = await rejection((await as(who)).audit.list())
        expect({ kind: error.kind, message: error.message }).toEqual({ kind: 'forbidden', message: '只有社区工作者、管理员和街道工作人员可以查看操作记录' })
      }
      const unknown = await rejection(zhang.audit.list({ action: 'report.delete' as never }))
      expect({ kind: unknown.kind, fields: unknown.fields }).toEqual({ kind: 'validation', fields: { action: '操作类型无效' } })
    })

    it('records every reveal of a full number with its reason, for staff to read; a resident reads no log, a missing reason reveals nothing', async () => {
      const wang = await as('u-wang')
      const sun = await as('u-sun')
      const zhang = await as('u-zhang')
      const filed = await wang.reports.submit(report(''), { idempotencyKey: key() })
      const missing = await rejection(sun.handling.reporterPhone(filed.id, {} as never))
      expect({ kind: missing.kind, fields: missing.fields }).toEqual({ kind: 'validation', fields: { reason: '请选择查看完整电话的原因' } })
      const unknown = await rejection(sun.handling.reporterPhone(filed.id, { reason: 'curious' as never }))
      expect({ kind: unknown.kind, fields: unknown.fields }).toEqual({ kind: 'validation', fields: { reason: '查看电话的原因无效，请从列表中选择' } })
      expect(await sun.handling.reporterPhone(filed.id, { reason: 'before_visit', note: '下午上门' })).toEqual({ name: '王秀兰', phone: '13800000001', relation: 'reporter' })
      const log = await zhang.audit.list({ action: 'phone.reveal', subjectKind: 'report', subjectId: filed.id })
      expect(log.items.map((e) => ({ actor: e.actor, concerns: e.concerns, note: e.note, details: e.details }))).toEqual([
        { actor: { id: 'u-sun', name: '孙丽', role: 'grid_worker' }, concerns: { id: 'u-wang', name: '王秀兰' }, note: '上门前联系：下午上门', details: { reason: 'before_visit', relation: 'reporter' } },
      ])
      expect(JSON.stringify(log)).not.toContain('13800000001')
      const refused = await rejection(wang.audit.list({ action: 'phone.reveal' }))
      expect(refused.kind).toBe('forbidden')
    })
  })
}
