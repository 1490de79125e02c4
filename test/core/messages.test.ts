import type { Message, MessageThread } from '../../types/domain'
import { generalThreadId, reportThreadId } from '../../src/domain/messages'
import { createWorld, DEMO, failure, OTHER, shapeOf, START, type World } from './support/world'

/**
 * Messages at the service level: threads with their unread counts, previews and titles, the thread
 * of one's own report before anyone wrote, paging a thread, and the one answer for a thread one
 * may not use.
 */

const HOUR = 3_600_000
const WATER_MESSAGE = '王阿姨您好，物业明天上午来更换三楼的管道接口，维修时2单元会临时停水半小时，请提前接点水。'
let world: World
beforeEach(async () => {
  world = await createWorld()
})

const threadsOf = async (userId: string) => world.core.messages.listThreads(await world.caller(userId))
const thread = (threads: MessageThread[], id: string) => threads.find((t) => t.id === id)

describe('the list of threads', () => {
  it('gives 王秀兰 her report threads, the one with a message first, unread counted', async () => {
    const threads = await threadsOf(DEMO.wang)
    const reports = await Promise.all(threads.map((t) => world.stored(t.reportId!)))
    expect(reports.map((r) => r.categoryId)).toEqual(['cat-water', 'cat-light', 'cat-garbage', 'cat-facility'])
    expect(threads.map((t) => t.kind)).toEqual(['report', 'report', 'report', 'report'])
    expect(threads.map((t, i) => t.title === `${reports[i].categoryName} · ${reports[i].number}`)).toEqual([true, true, true, true])
    expect(threads[0]).toMatchObject({
      id: reportThreadId(reports[0].id),
      unread: 1,
      lastMessageAt: new Date(START - 15 * HOUR).toISOString(),
      lastMessagePreview: `${Array.from(WATER_MESSAGE).slice(0, 40).join('')}…`,
    })
    // Her other reports have no message yet: dated by their filing, nothing to preview.
    expect(threads.slice(1).map((t) => [t.unread, t.lastMessagePreview])).toEqual([
      [0, ''],
      [0, ''],
      [0, ''],
    ])
    expect(threads[1].lastMessageAt).toBe(reports[1].createdAt)
    expect(await world.core.messages.unreadCount(await world.caller(DEMO.wang))).toBe(1)
  })

  it('shows the thread of a new report at once, first, before any message', async () => {
    const report = await world.file(DEMO.wang)
    const [first] = await threadsOf(DEMO.wang)
    expect(first).toEqual({
      id: reportThreadId(report.id),
      kind: 'report',
      reportId: report.id,
      title: `道路破损 · ${report.number}`,
      lastMessageAt: report.createdAt,
      lastMessagePreview: '',
      unread: 0,
    })
  })

  it('gives the household of a 代报 report its thread, and the filer too', async () => {
    const { report } = await world.core.reports.submitOnBehalf(
      await world.caller(DEMO.zhou),
      { categoryId: 'cat-road', description: '楼下路面有坑，老人出门不便', photoIds: [], location: { kind: 'text', address: '3号楼门口' }, anonymous: false, onBehalfOf: { buildingId: 'b-3', room: '201' } },
      world.key(),
    )
    expect(thread(await threadsOf(DEMO.wang), reportThreadId(report.id))).toBeDefined()
    expect(thread(await threadsOf(DEMO.zhou), reportThreadId(report.id))).toBeDefined()
    expect(thread(await threadsOf(DEMO.li), reportThreadId(report.id))).toBeUndefined()
  })

  it('folds a preview onto one line and cuts it at 40 characters', async () => {
    const wang = await world.caller(DEMO.wang)
    await world.core.messages.send(wang, 'general', '第一行\n\n第二行  有空格')
    expect(thread(await threadsOf(DEMO.zhang), generalThreadId(DEMO.wang))?.lastMessagePreview).toBe('第一行 第二行 有空格')
    await world.core.messages.send(wang, 'general', '问'.repeat(41))
    expect(thread(await threadsOf(DEMO.zhang), generalThreadId(DEMO.wang))?.lastMessagePreview).toBe(`${'问'.repeat(40)}…`)
  })

  it('lets a grid worker follow the threads of their grid once someone wrote', async () => {
    const report = await world.file(DEMO.li)
    expect(thread(await threadsOf(DEMO.sun), reportThreadId(report.id))).toBeUndefined()
    await world.core.messages.send(await world.caller(DEMO.li), { reportId: report.id }, '请问什么时候来看看？')
    expect(thread(await threadsOf(DEMO.sun), reportThreadId(report.id))).toMatchObject({ unread: 1 })
    expect(thread(await threadsOf(DEMO.liu), reportThreadId(report.id))).toBeUndefined()
  })
})

describe('the general thread (问社区)', () => {
  it('is titled for its owner and, for staff, with who asks and where they live', async () => {
    const sent = await world.core.messages.send(await world.caller(DEMO.wang), 'general', '社区几点下班？')
    expect(sent).toMatchObject({ threadId: 'general:u-wang', authorId: DEMO.wang, authorName: '王秀兰', authorRole: 'resident', body: '社区几点下班？' })
    expect(thread(await threadsOf(DEMO.wang), 'general:u-wang')).toMatchObject({ kind: 'general', title: '问社区', unread: 0 })
    expect(thread(await threadsOf(DEMO.zhang), 'general:u-wang')).toMatchObject({ kind: 'general', title: '问社区 · 王秀兰（3号楼201）', unread: 1 })
    for (const other of [DEMO.li, DEMO.sun, DEMO.zhou, OTHER.staff]) expect(thread(await threadsOf(other), 'general:u-wang')).toBeUndefined()
  })

  it('titles a homeless asker by name only', async () => {
    await world.core.messages.send(await world.caller(DEMO.sun), 'general', '请问会议几点开始？')
    expect(thread(await threadsOf(DEMO.zhang), 'general:u-sun')?.title).toBe('问社区 · 孙丽')
  })

  it('counts a reply as unread until read; posting marks the thread read for the poster', async () => {
    const wang = await world.caller(DEMO.wang)
    const zhang = await world.caller(DEMO.zhang)
    await world.core.messages.send(wang, 'general', '社区几点下班？')
    await world.core.messages.send(wang, 'general', '周末有人吗？')
    expect(thread(await threadsOf(DEMO.zhang), 'general:u-wang')?.unread).toBe(2)
    const reply = await world.core.messages.send(zhang, { threadId: 'general:u-wang' }, '工作日17点，周末有值班。')
    expect(reply.authorRole).toBe('staff')
    expect(thread(await threadsOf(DEMO.zhang), 'general:u-wang')?.unread).toBe(0)
    expect(thread(await threadsOf(DEMO.wang), 'general:u-wang')?.unread).toBe(1)
    expect(await world.core.messages.unreadCount(wang)).toBe(2) // the reply and 孙丽's seeded message
    await world.core.messages.markRead(wang, 'general:u-wang')
    expect(await world.core.messages.unreadCount(wang)).toBe(1)
  })
})

describe('a thread’s messages', () => {
  it('pages newest first, each page in the order of posting', async () => {
    const wang = await world.caller(DEMO.wang)
    for (let i = 1; i <= 5; i++) await world.core.messages.send(wang, 'general', `第${i}条`)
    const seen: Message[][] = []
    let cursor: string | undefined
    do {
      const page = await world.core.messages.listMessages(wang, 'general:u-wang', { limit: 2, cursor })
      seen.push(page.items)
      cursor = page.nextCursor
    } while (cursor)
    expect(seen.map((p) => p.map((m) => m.body))).toEqual([['第4条', '第5条'], ['第2条', '第3条'], ['第1条']])
    const error = await failure(world.core.messages.listMessages(wang, 'general:u-wang', { cursor: 'x' }))
    expect(shapeOf(error)).toMatchObject({ kind: 'validation', malformed: true, fields: { cursor: '分页参数无效，请刷新' } })
  })

  it('checks the body: not empty, at most 500 characters, trimmed', async () => {
    const wang = await world.caller(DEMO.wang)
    expect((await failure(world.core.messages.send(wang, 'general', '   '))).fields).toEqual({ body: '请输入留言内容' })
    expect((await failure(world.core.messages.send(wang, 'general', '字'.repeat(501)))).fields).toEqual({ body: '留言不能超过500个字' })
    expect((await world.core.messages.send(wang, 'general', '  你好  ')).body).toBe('你好')
    expect((await failure(world.core.messages.send(wang, {} as never, '你好'))).fields).toEqual({ to: '请选择留言的对象' })
  })
})

describe('drift case (2): a thread one may not use', () => {
  it('answers not_found with one message, before the body is looked at, whether or not it exists', async () => {
    const neighbours = await world.file(DEMO.li)
    const foreign = await world.file(OTHER.resident)
    await world.core.messages.send(await world.caller(DEMO.li), 'general', '社区几点下班？')
    const wang = await world.caller(DEMO.wang)
    const threads = [reportThreadId(neighbours.id), reportThreadId(foreign.id), 'general:u-li', 'general:u-nobody', 'report:r_nope', 'report:', 'nonsense', 'notice:x']
    for (const id of threads) {
      for (const call of [
        world.core.messages.listMessages(wang, id),
        world.core.messages.send(wang, { threadId: id }, ''),
        world.core.messages.send(wang, { threadId: id }, '请问进展如何？'),
        world.core.messages.markRead(wang, id),
      ]) {
        expect([id, shapeOf(await failure(call))]).toEqual([id, { kind: 'not_found', message: '对话不存在或您无权查看', fields: {}, malformed: false }])
      }
    }
    const byReport = await failure(world.core.messages.send(wang, { reportId: neighbours.id }, '请问进展如何？'))
    expect(shapeOf(byReport)).toMatchObject({ kind: 'not_found', message: '对话不存在或您无权查看' })
    expect(await world.store.messages.listBefore(reportThreadId(neighbours.id), null, 50)).toEqual([])
  })
})
