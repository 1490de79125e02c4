import type { NoticeInput } from '../../types/api'
import type { Notice } from '../../types/domain'
import { compareNotices } from '../../src/domain/notices'
import { createWorld, DEMO, failure, OTHER, shapeOf, START, type World } from './support/world'

/**
 * Notices at the service level: who sees what (home building, led buildings, staff, the author),
 * expiry, their order, read receipts counted by household, and the publishing rules.
 */

const HOUR = 3_600_000
let world: World
beforeEach(async () => {
  world = await createWorld()
})

const titles = (items: Notice[]) => items.map((n) => n.title)
const listOf = async (userId: string) => (await world.core.notices.list(await world.caller(userId), { limit: 50 })).items
const FIRE = '冬季消防安全提示'
const ELEVATOR = '3号楼电梯保养通知'
const idOf = async (title: string) => (await listOf(DEMO.zhang)).find((n) => n.title === title)!.id

const input = (over: Partial<NoticeInput> = {}): NoticeInput => ({
  title: '停水通知',
  body: '本周六上午停水，请提前储水。',
  scope: { kind: 'community' },
  urgent: false,
  pinned: false,
  ...over,
})

describe('who sees a notice', () => {
  it.each([
    [DEMO.wang, [FIRE, ELEVATOR]], // lives in 3号楼
    [DEMO.zhou, [FIRE, ELEVATOR]], // leads 3号楼, wrote the broadcast
    [DEMO.chen, [FIRE]], // lives in 1号楼
    [DEMO.sun, [FIRE]], // no home
    [DEMO.zhang, [FIRE, ELEVATOR]], // staff
    [OTHER.resident, []], // another community
  ])('%s sees %j', async (userId, expected) => {
    expect(titles(await listOf(userId))).toEqual(expected)
  })

  it('reaches the buildings a leader leads though they live elsewhere', async () => {
    await world.core.notices.publish(await world.caller(DEMO.zhang), input({ title: '5号楼通知', scope: { kind: 'buildings', buildingIds: ['b-5'] } }))
    expect(titles(await listOf(DEMO.zhou))).toContain('5号楼通知')
    expect(titles(await listOf(DEMO.wang))).not.toContain('5号楼通知')
  })

  it('orders pinned first, then urgent, then newest', async () => {
    const staff = await world.caller(DEMO.zhang)
    await world.core.notices.publish(staff, input({ title: '普通通知甲' }))
    await world.core.notices.publish(staff, input({ title: '紧急通知', urgent: true }))
    await world.core.notices.publish(staff, input({ title: '普通通知乙' }))
    const items = await listOf(DEMO.wang)
    expect(titles(items)).toEqual([FIRE, '紧急通知', ELEVATOR, '普通通知乙', '普通通知甲'])
    expect([...items].sort(compareNotices).map((n) => n.id)).toEqual(items.map((n) => n.id))
  })

  it('pages with its cursor and refuses a cursor it did not make', async () => {
    const staff = await world.caller(DEMO.zhang)
    for (const title of ['通知一', '通知二', '通知三']) await world.core.notices.publish(staff, input({ title }))
    const wang = await world.caller(DEMO.wang)
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await world.core.notices.list(wang, { limit: 2, cursor })
      seen.push(...titles(page.items))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(titles(await listOf(DEMO.wang)))
    expect(seen).toHaveLength(5)
    expect(shapeOf(await failure(world.core.notices.list(wang, { cursor: 'nope' })))).toMatchObject({ kind: 'validation', malformed: true, fields: { cursor: '分页参数无效，请刷新' } })
  })
})

describe('expiry', () => {
  it('hides an expired broadcast from residents, not from its author or staff', async () => {
    const id = await idOf(ELEVATOR)
    world.clock.set(START + 46 * HOUR) // published 3 h before START, expiring 48 h after
    expect(titles(await listOf(DEMO.wang))).toEqual([FIRE])
    const wang = await world.caller(DEMO.wang)
    for (const call of [world.core.notices.get(wang, id), world.core.notices.markRead(wang, id)]) {
      expect(shapeOf(await failure(call))).toMatchObject({ kind: 'not_found', message: '通知不存在或您无权查看' })
    }
    expect(titles(await listOf(DEMO.zhou))).toContain(ELEVATOR)
    expect(titles(await listOf(DEMO.zhang))).toContain(ELEVATOR)
    expect(await world.core.notices.unreadCount(wang)).toBe(1)
  })

  it('refuses an expiry that is not in the future', async () => {
    const staff = await world.caller(DEMO.zhang)
    expect((await failure(world.core.notices.publish(staff, input({ expiresAt: new Date(START - HOUR).toISOString() })))).fields).toEqual({ expiresAt: '截止时间必须晚于现在' })
    expect((await failure(world.core.notices.publish(staff, input({ expiresAt: 'soon' })))).fields).toEqual({ expiresAt: '截止时间格式不正确' })
  })
})

describe('reading and receipts', () => {
  it('counts unread live notices and marks one read', async () => {
    const wang = await world.caller(DEMO.wang)
    expect(await world.core.notices.unreadCount(wang)).toBe(2)
    const id = await idOf(FIRE)
    expect((await world.core.notices.get(wang, id)).read).toBe(false)
    await world.core.notices.markRead(wang, id)
    await world.core.notices.markRead(wang, id)
    expect((await world.core.notices.get(wang, id)).read).toBe(true)
    expect(await world.core.notices.unreadCount(wang)).toBe(1)
  })

  it('counts receipts by household: the author’s own household has read it', async () => {
    const id = await idOf(ELEVATOR)
    const zhou = await world.caller(DEMO.zhou)
    expect(await world.core.notices.receipts(zhou, id)).toEqual({
      noticeId: id,
      households: 5,
      read: 1,
      unreadHouseholds: [
        { buildingId: 'b-3', buildingName: '3号楼', room: '102' },
        { buildingId: 'b-3', buildingName: '3号楼', room: '201' },
        { buildingId: 'b-3', buildingName: '3号楼', room: '202' },
        { buildingId: 'b-3', buildingName: '3号楼', room: '302' },
      ],
    })
    await world.core.notices.markRead(await world.caller(DEMO.wang), id)
    expect(await world.core.notices.receipts(await world.caller(DEMO.zhang), id)).toMatchObject({
      households: 5,
      read: 2,
      unreadHouseholds: [{ room: '102' }, { room: '202' }, { room: '302' }],
    })
  })

  it('counts a household read when one of the people living there read it', async () => {
    const staff = await world.caller(OTHER.staff)
    const notice = await world.core.notices.publish(staff, input({ title: '村里通知' }))
    expect(await world.core.notices.receipts(staff, notice.id)).toMatchObject({ households: 1, read: 0 })
    await world.core.notices.markRead(await world.caller(OTHER.housemate), notice.id)
    expect(await world.core.notices.receipts(staff, notice.id)).toEqual({ noticeId: notice.id, households: 1, read: 1, unreadHouseholds: [] })
  })

  it('refuses receipts to a reader who is neither author nor staff', async () => {
    const error = await failure(world.core.notices.receipts(await world.caller(DEMO.wang), await idOf(ELEVATOR)))
    expect(shapeOf(error)).toMatchObject({ kind: 'forbidden', message: '只有发布人和社区工作者可以查看阅读情况' })
  })
})

describe('我发的通知 (sent notices)', () => {
  const sentBy = async (userId: string, limit = 50, cursor?: string) => world.core.notices.listSent(await world.caller(userId), { limit, cursor })

  it('lists the author’s own notices newest first, each with the receipts’ counts, in one page', async () => {
    const zhou = await world.caller(DEMO.zhou)
    world.clock.advanceHours(1)
    const later = await world.core.notices.publish(zhou, input({ title: '3号楼停电通知', scope: { kind: 'buildings', buildingIds: ['b-3'] } }))
    const first = await sentBy(DEMO.zhou)
    expect(first.items.map((n) => n.title)).toEqual(['3号楼停电通知', ELEVATOR])
    expect(first.nextCursor).toBeUndefined()
    await world.core.notices.markRead(await world.caller(DEMO.wang), later.id)
    const [newest, elevator] = (await sentBy(DEMO.zhou)).items
    for (const n of [newest, elevator]) {
      const receipts = await world.core.notices.receipts(zhou, n.id)
      expect([n.readHouseholds, n.households]).toEqual([receipts.read, receipts.households])
    }
    expect([newest.readHouseholds, newest.households]).toEqual([2, 5])
    expect([elevator.readHouseholds, elevator.households]).toEqual([1, 5])
  })

  it('is oldest-last whatever is pinned or urgent, and pages with its own cursor', async () => {
    const staff = await world.caller(DEMO.zhang)
    world.clock.advanceHours(1)
    await world.core.notices.publish(staff, input({ title: '普通通知甲' }))
    await world.core.notices.publish(staff, input({ title: '紧急通知', urgent: true, pinned: true }))
    await world.core.notices.publish(staff, input({ title: '普通通知乙' }))
    const page = await sentBy(DEMO.zhang, 2)
    expect(page.items.map((n) => n.title)).toEqual(['普通通知乙', '紧急通知'])
    const rest = await sentBy(DEMO.zhang, 50, page.nextCursor)
    expect(rest.items.map((n) => n.title)).toEqual(['普通通知甲', FIRE])
    const error = await failure(sentBy(DEMO.zhang, 5, 'nonsense'))
    expect(shapeOf(error)).toMatchObject({ kind: 'validation', fields: { cursor: '分页参数无效，请刷新' } })
  })

  it('holds nobody else’s notices', async () => {
    expect((await sentBy(DEMO.wang)).items).toEqual([])
    expect((await sentBy(OTHER.staff)).items).toEqual([])
    expect((await sentBy(DEMO.zhang)).items.map((n) => n.title)).toEqual([FIRE])
  })
})

describe('publishing', () => {
  it('keeps each building once and counts the author as having read it', async () => {
    const notice = await world.core.notices.publish(await world.caller(DEMO.zhou), input({ scope: { kind: 'buildings', buildingIds: ['b-3', 'b-5', 'b-3'] } }))
    expect(notice).toMatchObject({ scope: { kind: 'buildings', buildingIds: ['b-3', 'b-5'] }, authorId: DEMO.zhou, authorName: '周桂芳', read: true, publishedAt: expect.any(String) })
    expect((await world.core.notices.get(await world.caller(DEMO.zhou), notice.id)).read).toBe(true)
  })

  it.each([
    ['a title too short', { title: '通' }, { title: '请填写标题（至少2个字）' }],
    ['no body', { body: '  ' }, { body: '请填写通知内容' }],
    ['no building', { scope: { kind: 'buildings', buildingIds: [] } }, { scope: '请至少选择一栋楼' }],
    ['no scope', { scope: undefined }, { scope: '请选择发送范围' }],
    ['no urgency choice', { urgent: undefined }, { urgent: '请选择是否紧急' }],
  ] as Array<[string, Partial<NoticeInput>, Record<string, string>]>)('refuses %s with its field', async (_name, over, fields) => {
    const error = await failure(world.core.notices.publish(await world.caller(DEMO.zhang), { ...input(), ...over }))
    expect(shapeOf(error)).toEqual({ kind: 'validation', message: Object.values(fields)[0], fields, malformed: false })
  })

  it.each([
    [DEMO.zhou, { kind: 'community' }, '楼栋长只能向自己负责的楼栋发布通知'],
    [DEMO.zhou, { kind: 'buildings', buildingIds: ['b-3', 'b-1'] }, '只能向您负责的楼栋发布通知'],
    [DEMO.wang, { kind: 'buildings', buildingIds: ['b-3'] }, '只有社区工作者和楼栋长可以发布通知'],
    [DEMO.sun, { kind: 'community' }, '只有社区工作者和楼栋长可以发布通知'],
    [DEMO.zhang, { kind: 'buildings', buildingIds: [OTHER.building] }, '只能向本社区的楼栋发布'],
  ] as Array<[string, Notice['scope'], string]>)('refuses %s publishing to %j before looking at the text', async (userId, scope, message) => {
    const error = await failure(world.core.notices.publish(await world.caller(userId), input({ scope, title: '' })))
    expect(shapeOf(error)).toEqual({ kind: 'forbidden', message, fields: {}, malformed: false })
  })
})

describe('drift case (3): a notice one may not see', () => {
  it('answers not_found with one message, whether or not it exists', async () => {
    const hidden = await idOf(ELEVATOR)
    const foreign = (await world.core.notices.publish(await world.caller(OTHER.staff), input())).id
    const chen = await world.caller(DEMO.chen)
    for (const id of [hidden, foreign, 'n_nope', 42 as never]) {
      for (const call of [world.core.notices.get(chen, id), world.core.notices.markRead(chen, id), world.core.notices.receipts(chen, id)]) {
        expect(shapeOf(await failure(call))).toEqual({ kind: 'not_found', message: '通知不存在或您无权查看', fields: {}, malformed: false })
      }
    }
  })
})
