import type { ModerationKind, ModerationMark } from '../../types/domain'
import { CONTENT_REFUSED, CONTENT_REFUSED_TITLED } from '../../src/domain/moderation/rules'
import { subjectKey } from '../../src/domain/consultation/deliberation'
import type { ContentCheck } from '../../src/core/context'
import { keywordCheck, REJECT, REVIEW } from '../support/keyword-check'
import { createWorld, DEMO, failure, OTHER, validReport, type World } from './support/world'

/**
 * Content security in the core (issue 13), on the memory store with the tests' keyword checker:
 * every kind of text others read × pass / review / reject — published as before, held (its author
 * sees it marked, moderators see it, nobody else; in the queue; no count announces it), refused
 * (a field error, nothing stored, no key used) — and the queue: approving publishes (with what was
 * deferred: unread counts, the author's notice), refusing leaves the text to its author with the
 * reason; retries under one key answer the same.
 */

type Seen = { id: string; moderation?: ModerationMark } | undefined

interface Kind {
  kind: ModerationKind
  author: string
  /** Someone who would read it once published, who does not moderate. */
  reader: string
  field: string
  message: string
  /** Create it as its author with `text` in it, under `key` where the kind takes one. */
  create(w: World, text: string, key: string): Promise<{ id: string; moderation?: ModerationMark }>
  /** What `who` finds of it where they would read it (a list, a thread). */
  seen(w: World, who: string, id: string): Promise<Seen>
  /** The counts that would announce it to the reader. */
  counts(w: World): Promise<Record<string, number>>
}

const c = (w: World) => w.core.consultation
const as = (w: World, who: string) => w.caller(who)

async function chargingProposal(w: World): Promise<string> {
  return (await w.store.proposals.list({ communityId: DEMO.community }, null, 50)).find((p) => p.title === '在小区东门增设电动自行车充电棚')!.id
}
async function financeDisclosure(w: World): Promise<string> {
  return (await w.store.disclosures.list({ communityId: DEMO.community }, null, 50, DEMO.zhang)).find((d) => d.category === 'finance')!.id
}
/** A report of 王秀兰's, published, whose thread the messages go to. */
async function wangsReport(w: World): Promise<string> {
  return (await w.file(DEMO.wang, { description: '3号楼北侧的路灯不亮了，晚上很黑' })).id
}
const inThread = async (w: World, who: string, threadId: string) => (await w.core.messages.listMessages(await as(w, who), threadId, { limit: 50 })).items

const KINDS: Kind[] = [
  {
    kind: 'report',
    author: DEMO.wang,
    reader: DEMO.li,
    field: 'description',
    message: CONTENT_REFUSED,
    create: async (w, text, key) => (await w.core.reports.submit(await as(w, DEMO.wang), validReport('cat-road', { description: `小区南门口有个大坑${text}` }), key)).report,
    seen: async (w, who, id) => {
      const caller = await as(w, who)
      // The public view for other residents; the report itself for its people and handlers.
      if (who === DEMO.li) return (await w.core.reports.listPublic(caller, { limit: 50 })).items.find((r) => r.id === id)
      return (await w.core.reports.get(caller, id)).report
    },
    counts: async (w) => ({ public: (await w.core.reports.listPublic(await as(w, DEMO.li), { limit: 50 })).items.length }),
  },
  {
    kind: 'message',
    author: DEMO.wang,
    reader: DEMO.sun, // the grid worker of 3号楼's grid, on the report's thread
    field: 'body',
    message: CONTENT_REFUSED,
    create: async (w, text) => {
      const reportId = await wangsReport(w)
      return w.core.messages.send(await as(w, DEMO.wang), { reportId }, `请问什么时候来修${text}`)
    },
    seen: async (w, who, id) => {
      const threadId = (await w.store.moderation.listHeld(DEMO.community, null, 50)).find((m) => m.subjectId === id)?.context ?? (await threadOf(w, id))
      return (await inThread(w, who, threadId)).find((m) => m.id === id)
    },
    // Nor to the moderators: a held message is in the queue, not among their unread.
    counts: async (w) => ({ unread: await w.core.messages.unreadCount(await as(w, DEMO.sun)), staffUnread: await w.core.messages.unreadCount(await as(w, DEMO.zhang)) }),
  },
  {
    kind: 'notice',
    author: DEMO.zhou, // 3号楼's leader
    reader: DEMO.li, // lives in 3号楼
    field: 'body',
    message: CONTENT_REFUSED_TITLED,
    create: async (w, text) =>
      w.core.notices.publish(await as(w, DEMO.zhou), { title: '楼道清理通知', body: `本周六上午清理楼道杂物${text}`, scope: { kind: 'buildings', buildingIds: ['b-3'] }, urgent: false, pinned: false }),
    seen: async (w, who, id) => (await w.core.notices.list(await as(w, who), { limit: 50 })).items.find((n) => n.id === id),
    counts: async (w) => ({ unread: await w.core.notices.unreadCount(await as(w, DEMO.li)), staffUnread: await w.core.notices.unreadCount(await as(w, DEMO.zhang)) }),
  },
  {
    kind: 'proposal',
    author: DEMO.wang,
    reader: DEMO.li,
    field: 'body',
    message: CONTENT_REFUSED_TITLED,
    create: async (w, text, key) =>
      c(w).propose(await as(w, DEMO.wang), { title: '3号楼加装扶手', body: `3号楼楼道老人多，建议加装扶手，方便上下楼${text}`, photoIds: [] }, { idempotencyKey: key }),
    seen: async (w, who, id) => (await c(w).listProposals(await as(w, who), { limit: 50 })).items.find((p) => p.id === id),
    counts: async (w) => ({ collecting: (await c(w).listProposals(await as(w, DEMO.li), { filter: 'open', limit: 50 })).items.length }),
  },
  {
    kind: 'contribution',
    author: DEMO.wang,
    reader: DEMO.li,
    field: 'body',
    message: CONTENT_REFUSED,
    create: async (w, text, key) =>
      c(w).contribute(await as(w, DEMO.wang), { kind: 'proposal', id: await chargingProposal(w) }, { body: `支持，充电棚能减少飞线充电${text}`, stance: 'for' }, { idempotencyKey: key }),
    seen: async (w, who, id) => (await c(w).listContributions(await as(w, who), { kind: 'proposal', id: await chargingProposal(w) }, { limit: 50 })).items.find((x) => x.id === id),
    counts: async (w) => {
      const subject = { kind: 'proposal' as const, id: await chargingProposal(w) }
      const page = await c(w).listContributions(await as(w, DEMO.li), subject, { limit: 50 })
      return { for: page.stances.for, contributions: (await c(w).getProposal(await as(w, DEMO.li), subject.id)).contributions }
    },
  },
  {
    kind: 'question',
    author: DEMO.wang,
    reader: DEMO.li,
    field: 'body',
    message: CONTENT_REFUSED,
    create: async (w, text, key) =>
      c(w).contribute(await as(w, DEMO.wang), { kind: 'disclosure', id: await financeDisclosure(w) }, { body: `第三季度的保洁费为什么涨了${text}` }, { idempotencyKey: key }),
    seen: async (w, who, id) => (await c(w).listContributions(await as(w, who), { kind: 'disclosure', id: await financeDisclosure(w) }, { limit: 50 })).items.find((x) => x.id === id),
    counts: async (w) => ({ questions: (await c(w).getDisclosure(await as(w, DEMO.li), await financeDisclosure(w))).questions }),
  },
]

/** The thread a (published) message is in. */
async function threadOf(w: World, messageId: string): Promise<string> {
  for (const thread of await w.core.messages.listThreads(await as(w, DEMO.wang))) {
    if ((await inThread(w, DEMO.wang, thread.id)).some((m) => m.id === messageId)) return thread.id
  }
  throw new Error(`no thread holds ${messageId}`)
}

async function world(check: ContentCheck = keywordCheck()): Promise<World> {
  return createWorld({ contentCheck: check })
}

describe.each(KINDS)('a $kind', (k) => {
  it('that passes is published as before: everyone sees it, nothing waits in the queue', async () => {
    const w = await world()
    const before = await k.counts(w)
    const made = await k.create(w, '', w.key())
    expect(made.moderation).toBeUndefined()
    for (const who of [k.author, k.reader, DEMO.zhang]) expect(await k.seen(w, who, made.id)).toMatchObject({ id: made.id })
    expect(await w.store.moderation.listHeld(DEMO.community, null, 50)).toEqual([])
    expect(await k.counts(w)).not.toEqual(before)
  })

  it('that is refused answers a field error naming the field, stores nothing and uses no key', async () => {
    const w = await world()
    const before = await k.counts(w)
    const key = w.key()
    const error = await failure(k.create(w, REJECT, key))
    expect({ kind: error.kind, message: error.message, fields: error.fields, malformed: error.malformed }).toEqual({
      kind: 'validation',
      message: k.message,
      fields: { [k.field]: k.message },
      malformed: false,
    })
    // The writer is not told which word: the list stays unknown to spammers.
    expect(error.message).not.toContain(REJECT)
    expect(await k.counts(w)).toEqual(before)
    expect(await w.store.moderation.listHeld(DEMO.community, null, 50)).toEqual([])
    // The key is still free: the same key with a clean text is a first submission.
    const clean = await k.create(w, '', key)
    expect(clean.moderation).toBeUndefined()
  })

  it('that is held is stored for its author (审核中) and moderators only, waits in the queue and announces nothing', async () => {
    const w = await world()
    const before = await k.counts(w)
    const made = await k.create(w, REVIEW, w.key())
    expect(made.moderation).toEqual({ status: 'held' })
    expect(await k.seen(w, k.author, made.id)).toMatchObject({ id: made.id, moderation: { status: 'held' } })
    expect(await k.seen(w, DEMO.zhang, made.id)).toMatchObject({ id: made.id, moderation: { status: 'held' } })
    if (k.kind === 'report') {
      // The report is filed and handled as any (its handlers read it), only the public view waits.
      expect(await k.seen(w, DEMO.sun, made.id)).toMatchObject({ id: made.id })
    }
    expect(await k.seen(w, k.reader, made.id)).toBeUndefined()
    expect(await k.counts(w)).toEqual(before)
    const queue = await w.core.moderation.list(await as(w, DEMO.zhang))
    expect(queue.items).toEqual([expect.objectContaining({ kind: k.kind, status: 'held', authorId: k.author, subject: expect.objectContaining({ id: made.id }) })])
    expect(queue.items[0].text).toContain(REVIEW)
    // Nobody is told anything yet.
    await w.core.moderation.settled()
    expect(w.notifier.moderations).toEqual([])
  })

  it('that is held and approved is published: the reader sees it, the counts announce it, the author is told, the decision is audited', async () => {
    const w = await world()
    const before = await k.counts(w)
    const made = await k.create(w, REVIEW, w.key())
    const [item] = (await w.core.moderation.list(await as(w, DEMO.he))).items
    const approved = await w.core.moderation.approve(await as(w, DEMO.he), item.id)
    expect(approved).toMatchObject({ id: item.id, status: 'approved', decidedByName: '何军' })
    expect(await k.seen(w, k.reader, made.id)).toMatchObject({ id: made.id })
    expect((await k.seen(w, k.author, made.id))?.moderation).toBeUndefined()
    expect(await k.counts(w)).not.toEqual(before)
    expect((await w.core.moderation.list(await as(w, DEMO.zhang))).items).toEqual([])
    await w.core.moderation.settled()
    expect(w.notifier.moderations).toEqual([
      expect.objectContaining({ recipient: { userId: k.author }, decision: 'approved', subject: { kind: k.kind, id: made.id }, note: '审核通过，已发布' }),
    ])
    const audit = await w.core.audit.list(await as(w, DEMO.zhang), { action: 'moderation.approve' })
    expect(audit.items).toEqual([
      expect.objectContaining({
        actor: { id: DEMO.he, name: '何军', role: 'admin' },
        subject: { kind: k.kind === 'question' ? 'contribution' : k.kind, id: made.id },
        concerns: { id: k.author, name: expect.any(String) },
        details: { item: item.id, kind: k.kind },
      }),
    ])
  })

  it('that is held and refused stays its author’s, marked 未通过审核 with the reason; nobody else sees it', async () => {
    const w = await world()
    const before = await k.counts(w)
    const made = await k.create(w, REVIEW, w.key())
    const [item] = (await w.core.moderation.list(await as(w, DEMO.zhang))).items
    const refused = await w.core.moderation.reject(await as(w, DEMO.zhang), item.id, '  含有广告信息  ')
    expect(refused).toMatchObject({ status: 'rejected', reason: '含有广告信息', decidedByName: '张敏' })
    expect(await k.seen(w, k.author, made.id)).toMatchObject({ id: made.id, moderation: { status: 'rejected', reason: '含有广告信息' } })
    expect(await k.seen(w, k.reader, made.id)).toBeUndefined()
    if (k.kind !== 'report') expect(await k.seen(w, DEMO.zhang, made.id)).toBeUndefined()
    expect(await k.counts(w)).toEqual(before)
    await w.core.moderation.settled()
    expect(w.notifier.moderations).toEqual([expect.objectContaining({ decision: 'rejected', note: '未通过审核：含有广告信息' })])
    const [event] = (await w.core.audit.list(await as(w, DEMO.zhang), { action: 'moderation.reject' })).items
    expect(event).toMatchObject({ actor: { id: DEMO.zhang, role: 'staff' }, note: '含有广告信息', concerns: { id: k.author } })
  })
})

describe('what approval defers, kind by kind', () => {
  it('a held message takes its place at the end of the thread when approved, and counts as unread for those who read past it', async () => {
    const w = await world()
    const reportId = await wangsReport(w)
    const wang = await as(w, DEMO.wang)
    const held = await w.core.messages.send(wang, { reportId }, `路灯什么时候修${REVIEW}`)
    const later = await w.core.messages.send(await as(w, DEMO.zhang), { reportId }, '已派网格员处理')
    const threadId = held.threadId
    // 孙丽 reads the thread (the held message is not in it) and has nothing unread.
    const sun = await as(w, DEMO.sun)
    expect((await inThread(w, DEMO.sun, threadId)).map((m) => m.id)).toEqual([later.id])
    await w.core.messages.markRead(sun, threadId)
    expect(await w.core.messages.unreadCount(sun)).toBe(0)
    // The thread's preview is not the held message, for 孙丽.
    expect((await w.core.messages.listThreads(sun)).find((t) => t.id === threadId)?.lastMessagePreview).toBe('已派网格员处理')
    const [item] = (await w.core.moderation.list(await as(w, DEMO.zhang))).items
    await w.core.moderation.approve(await as(w, DEMO.zhang), item.id)
    expect((await inThread(w, DEMO.sun, threadId)).map((m) => m.id)).toEqual([later.id, held.id])
    expect(await w.core.messages.unreadCount(sun)).toBe(1)
  })

  it('a held notice is dated when it is approved, and reaches the unread counts then', async () => {
    const w = await world()
    const notice = await w.core.notices.publish(await as(w, DEMO.zhang), { title: '停水通知', body: `明天上午停水${REVIEW}`, scope: { kind: 'community' }, urgent: false, pinned: false })
    w.clock.advanceHours(3)
    const li = await as(w, DEMO.li)
    const unread = await w.core.notices.unreadCount(li)
    const [item] = (await w.core.moderation.list(await as(w, DEMO.zhang))).items
    const decided = await w.core.moderation.approve(await as(w, DEMO.zhang), item.id)
    const published = await w.core.notices.get(li, notice.id)
    expect(published.publishedAt).toBe(decided.decidedAt)
    expect(Date.parse(published.publishedAt) - Date.parse(notice.publishedAt)).toBeGreaterThanOrEqual(3 * 3_600_000)
    expect(await w.core.notices.unreadCount(li)).toBe(unread + 1)
    // Its receipts count from then on (the author's household has read it).
    expect((await w.core.notices.receipts(await as(w, DEMO.zhang), notice.id)).households).toBeGreaterThan(0)
  })

  it('a held proposal’s window to gather co-signs starts when it is approved', async () => {
    const w = await world()
    const held = await c(w).propose(await as(w, DEMO.wang), { title: '小区增设快递柜', body: `建议在东门增设智能快递柜，方便老人取件${REVIEW}`, photoIds: [] }, { idempotencyKey: w.key() })
    // Nobody co-signs a proposal they cannot see.
    expect((await failure(c(w).cosign(await as(w, DEMO.li), held.id))).kind).toBe('not_found')
    w.clock.advanceHours(48)
    const [item] = (await w.core.moderation.list(await as(w, DEMO.zhang))).items
    await w.core.moderation.approve(await as(w, DEMO.zhang), item.id)
    const published = await c(w).getProposal(await as(w, DEMO.li), held.id)
    expect(Date.parse(published.deadline) - Date.parse(held.deadline)).toBeGreaterThanOrEqual(48 * 3_600_000)
    expect((await c(w).cosign(await as(w, DEMO.li), held.id)).cosigns).toBe(1)
  })

  it('a held report is not for 附议 until it is approved', async () => {
    const w = await world()
    const held = (await w.core.reports.submit(await as(w, DEMO.wang), validReport('cat-road', { description: `南门口有个大坑${REVIEW}` }), w.key())).report
    expect((await failure(w.core.reports.meToo(await as(w, DEMO.li), held.id))).kind).toBe('not_found')
    const [item] = (await w.core.moderation.list(await as(w, DEMO.zhang))).items
    await w.core.moderation.approve(await as(w, DEMO.zhang), item.id)
    expect((await w.core.reports.meToo(await as(w, DEMO.li), held.id)).meTooCount).toBe(1)
  })

  it('a reply to a held contribution is refused to others as to a contribution that does not exist', async () => {
    const w = await world()
    const subject = { kind: 'proposal' as const, id: await chargingProposal(w) }
    const held = await c(w).contribute(await as(w, DEMO.wang), subject, { body: `支持${REVIEW}`, stance: 'for' }, { idempotencyKey: w.key() })
    const error = await failure(c(w).contribute(await as(w, DEMO.li), subject, { body: '同意楼上的看法', parentId: held.id }, { idempotencyKey: w.key() }))
    expect(error.fields).toEqual({ parentId: '要回复的发言不存在' })
  })
})

describe('retries and a failing checker', () => {
  it('answers a retried held creation with the same held object, without asking the checker again', async () => {
    const check = keywordCheck()
    const w = await world(check)
    const key = w.key()
    const input = { title: '东门加装照明', body: `东门晚上太暗，建议加装路灯${REVIEW}`, photoIds: [] }
    const first = await c(w).propose(await as(w, DEMO.wang), input, { idempotencyKey: key })
    const asked = check.calls.length
    const again = await c(w).propose(await as(w, DEMO.wang), input, { idempotencyKey: key })
    expect(again).toEqual(first)
    expect(check.calls.length).toBe(asked)
    expect((await w.core.moderation.list(await as(w, DEMO.zhang))).items).toHaveLength(1)
    // A report too: the same report, held.
    const report = validReport('cat-road', { description: `南门口有个大坑${REVIEW}` })
    const reportKey = w.key()
    const filed = await w.core.reports.submit(await as(w, DEMO.wang), report, reportKey)
    const refiled = await w.core.reports.submit(await as(w, DEMO.wang), report, reportKey)
    expect({ created: refiled.created, id: refiled.report.id, moderation: refiled.report.moderation }).toEqual({ created: false, id: filed.report.id, moderation: { status: 'held' } })
  })

  it('refuses a retried refused creation again (it claimed nothing)', async () => {
    const w = await world()
    const key = w.key()
    const input = { title: '东门加装照明', body: `东门晚上太暗${REJECT}，建议加装路灯`, photoIds: [] }
    for (let i = 0; i < 2; i++) expect((await failure(c(w).propose(await as(w, DEMO.wang), input, { idempotencyKey: key }))).fields).toEqual({ body: CONTENT_REFUSED_TITLED })
  })

  it('holds a text for review when the checker fails or answers nonsense, and says so in the log', async () => {
    const failing: ContentCheck = { text: async () => Promise.reject(new Error('WeChat unreachable')) }
    const w = await world(failing)
    const message = await w.core.messages.send(await as(w, DEMO.wang), 'general', '请问社区几点下班？')
    expect(message.moderation).toEqual({ status: 'held' })
    expect(w.log.warnings.map((x) => x.message)).toContain('content check failed; the text is held for review')
    const odd = await world({ text: async () => ({ verdict: 'maybe' }) as never })
    expect((await odd.core.messages.send(await as(odd, DEMO.wang), 'general', '请问社区几点下班？')).moderation).toEqual({ status: 'held' })
  })

  it('checks the text as others will read it: cleaned, title and body together, with the author', async () => {
    const check = keywordCheck()
    const w = await world(check)
    await w.core.notices.publish(await as(w, DEMO.zhang), { title: '  停水通知  ', body: '\n明天上午停水\n', scope: { kind: 'community' }, urgent: false, pinned: false })
    expect(check.calls).toEqual([{ kind: 'notice', text: '停水通知\n明天上午停水' }])
  })

  it('refuses a body that breaks its own rule before asking the checker (422 of the rule, not of the check)', async () => {
    const check = keywordCheck()
    const w = await world(check)
    const error = await failure(w.core.messages.send(await as(w, DEMO.wang), 'general', '   '))
    expect(error.fields).toEqual({ body: expect.not.stringContaining('不适宜') })
    // A thread one may not use is not found before anything is checked.
    expect((await failure(w.core.messages.send(await as(w, DEMO.li), { threadId: `general:${DEMO.wang}` }, REJECT))).kind).toBe('not_found')
    expect(check.calls).toEqual([])
  })
})

describe('the moderation queue', () => {
  async function heldMessages(w: World, n: number): Promise<string[]> {
    const ids: string[] = []
    for (let i = 0; i < n; i++) ids.push((await w.core.messages.send(await as(w, DEMO.wang), 'general', `第${i + 1}个问题${REVIEW}`)).id)
    return ids
  }

  it('pages the held items oldest first, and the decided ones leave it', async () => {
    const w = await world()
    const ids = await heldMessages(w, 5)
    const staff = await as(w, DEMO.zhang)
    const first = await w.core.moderation.list(staff, { limit: 2 })
    const second = await w.core.moderation.list(staff, { limit: 2, cursor: first.nextCursor })
    const third = await w.core.moderation.list(staff, { limit: 2, cursor: second.nextCursor })
    expect([...first.items, ...second.items, ...third.items].map((i) => i.subject.id)).toEqual(ids)
    expect(third.nextCursor).toBeUndefined()
    expect(first.items[0]).toMatchObject({ kind: 'message', subject: { id: ids[0], threadId: `general:${DEMO.wang}` }, authorName: '王秀兰' })
    await w.core.moderation.approve(staff, first.items[0].id)
    await w.core.moderation.reject(staff, first.items[1].id, '重复提问')
    expect((await w.core.moderation.list(staff)).items.map((i) => i.subject.id)).toEqual(ids.slice(2))
  })

  it('decides once: a second decision is a conflict; a refusal needs a reason', async () => {
    const w = await world()
    await heldMessages(w, 1)
    const staff = await as(w, DEMO.zhang)
    const [item] = (await w.core.moderation.list(staff)).items
    expect((await failure(w.core.moderation.reject(staff, item.id, '广'))).fields).toEqual({ reason: expect.stringContaining('至少2个字') })
    await w.core.moderation.approve(staff, item.id)
    for (const again of [() => w.core.moderation.approve(staff, item.id), () => w.core.moderation.reject(staff, item.id, '含有广告')]) {
      expect(await failure(again())).toMatchObject({ kind: 'conflict', message: '这条内容已经审核过了' })
    }
    expect((await w.core.audit.list(staff, { subjectKind: 'message' })).items).toHaveLength(1)
  })

  it('names a contribution’s discussion and a question’s disclosure for the screen that opens them', async () => {
    const w = await world()
    const disclosure = await financeDisclosure(w)
    await c(w).contribute(await as(w, DEMO.wang), { kind: 'disclosure', id: disclosure }, { body: `保洁费为什么涨了${REVIEW}` }, { idempotencyKey: w.key() })
    const [item] = (await w.core.moderation.list(await as(w, DEMO.zhang))).items
    expect(item).toMatchObject({ kind: 'question', subject: { discussion: { kind: 'disclosure', id: disclosure } } })
    expect((await w.store.moderation.find(item.id))?.context).toBe(subjectKey({ kind: 'disclosure', id: disclosure }))
  })

  describe('who may', () => {
    const PEOPLE = { resident: DEMO.wang, leader: DEMO.zhou, grid: DEMO.sun, staff: DEMO.zhang, admin: DEMO.he, otherStaff: OTHER.staff, street: 'u-street' } as const
    const expected = {
      list: { resident: 'forbidden', leader: 'forbidden', grid: 'forbidden', staff: 'ok', admin: 'ok', otherStaff: 'ok', street: 'forbidden' },
      approve: { resident: 'forbidden', leader: 'forbidden', grid: 'forbidden', staff: 'ok', admin: 'ok', otherStaff: 'not_found', street: 'forbidden' },
      reject: { resident: 'forbidden', leader: 'forbidden', grid: 'forbidden', staff: 'ok', admin: 'ok', otherStaff: 'not_found', street: 'forbidden' },
    } as const

    it.each(Object.entries(expected).flatMap(([call, byRole]) => Object.entries(byRole).map(([role, outcome]) => [call, role, outcome] as const)))(
      '%s as %s → %s',
      async (call, role, outcome) => {
        const w = await world()
        await heldMessages(w, 1)
        const [item] = (await w.core.moderation.list(await as(w, DEMO.zhang))).items
        const who = await as(w, PEOPLE[role as keyof typeof PEOPLE])
        const run =
          call === 'list' ? () => w.core.moderation.list(who) : call === 'approve' ? () => w.core.moderation.approve(who, item.id) : () => w.core.moderation.reject(who, item.id, '含有广告信息')
        if (outcome === 'ok') {
          const result = await run()
          // Another community's staff see their own (empty) queue, never this one.
          if (call === 'list') expect((result as { items: unknown[] }).items).toHaveLength(role === 'otherStaff' ? 0 : 1)
        } else {
          const error = await failure(run())
          expect(error.kind).toBe(outcome)
          if (outcome === 'forbidden') expect(error.message).toBe(role === 'street' ? '请先选择您所在的社区' : '只有社区工作者和管理员可以审核内容')
          if (outcome === 'not_found') expect(error.message).toBe('待审核的内容不存在')
        }
        // Refused calls leave the item held.
        if (outcome !== 'ok' || call === 'list') expect((await w.store.moderation.listHeld(DEMO.community, null, 50)).map((i) => i.status)).toEqual(['held'])
      },
    )

    it('answers an unknown or malformed item not_found', async () => {
      const w = await world()
      const staff = await as(w, DEMO.zhang)
      for (const id of ['mq_nothing', '', 'x'.repeat(65), 42 as unknown as string]) expect((await failure(w.core.moderation.approve(staff, id))).kind).toBe('not_found')
    })
  })
})
