import { generalThreadId, reportThreadId } from '../../../src/domain/messages'
import { disposeApps, settle, signedInApp } from '../support/app'
import { failOnChangesOutsideActions } from './support/strict-actions'

failOnChangesOutsideActions()

afterEach(disposeApps)

describe('InboxStore', () => {
  it('asks for the open reports first and turns each filter into the query', async () => {
    const { root } = await signedInApp('u-zhang')
    expect(root.inbox.query()).toEqual({ limit: 20, status: ['submitted', 'transferred', 'reopened', 'accepted', 'in_progress'] })
    await root.inbox.setFilter({ group: 'all', categoryId: 'cat-road', gridId: 'g-1', overdueOnly: true, escalatedOnly: true })
    expect(root.inbox.query('20')).toEqual({ limit: 20, cursor: '20', categoryId: 'cat-road', gridId: 'g-1', overdueOnly: true, escalatedOnly: true })
    expect(root.inbox.items.map((r) => r.categoryId)).toEqual([])
    await root.inbox.setFilter({ escalatedOnly: false })
    expect(root.inbox.items.map((r) => r.categoryId)).toEqual(['cat-road'])
    expect(root.inbox.filtered).toBe(true)
  })

  it('drops the answer to a filter the handler already left', async () => {
    const { root, api } = await signedInApp('u-zhang')
    const real = api.handling.listInbox.bind(api.handling)
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    // The first request is slow: its answer arrives after the second one's.
    jest.spyOn(api.handling, 'listInbox').mockImplementationOnce(async (query) => {
      const page = await real(query)
      await gate
      return page
    })
    const slow = root.inbox.setFilter({ group: 'ended' })
    const fast = root.inbox.setFilter({ group: 'resolved' })
    await fast
    release()
    await slow
    expect(root.inbox.filter.group).toBe('resolved')
    expect(root.inbox.items.length).toBeGreaterThan(0)
    expect(root.inbox.items.every((r) => r.status === 'resolved')).toBe(true)
    expect(root.inbox.loading).toBe(false)
  })

  it('a handled report changes its row without a reload', async () => {
    const { root } = await signedInApp('u-zhang')
    await root.inbox.load()
    const road = root.inbox.items.find((r) => r.categoryId === 'cat-road')!
    expect(road.status).toBe('submitted')
    const outcome = await root.handling.act(road.id, { move: 'accept', note: '收到，安排人员查看' })
    expect(outcome.ok).toBe(true)
    expect(root.inbox.items.find((r) => r.id === road.id)!.status).toBe('accepted')
    expect(root.reportDetails.get(road.id)!.report.status).toBe('accepted')
  })
})

describe('HandlingStore', () => {
  it('refuses a step the rules would refuse without asking the backend', async () => {
    const { root, ops } = await signedInApp('u-zhang')
    await root.inbox.load()
    const id = root.inbox.items[0].id
    const sent = ops.length
    expect(await root.handling.act(id, { move: 'reject', reason: ' ' })).toEqual({
      ok: false,
      message: '请填写不予受理的理由，居民会看到它',
      fields: { reason: '请填写不予受理的理由，居民会看到它' },
    })
    expect(await root.handling.act(id, { move: 'resolve', note: '' })).toMatchObject({ ok: false, fields: { note: '请填写说明' } })
    expect(await root.handling.act(id, { move: 'transfer', note: '转给物业' })).toMatchObject({ ok: false, fields: { target: '请选择转派给哪个网格或部门' } })
    expect(await root.handling.act(id, { move: 'merge' })).toMatchObject({ ok: false, fields: { intoReportId: '请选择要合并到的诉求' } })
    // The domain's rule, whole: a report cannot be merged into itself, and the device knows which report it is.
    expect(await root.handling.act(id, { move: 'merge', intoReportId: id })).toMatchObject({ ok: false, fields: { intoReportId: '不能合并到自身' } })
    expect(ops.length).toBe(sent)
  })

  it('uploads progress photos first and sends their ids with the step', async () => {
    const { root, ops } = await signedInApp('u-sun')
    await root.inbox.load()
    const water = root.inbox.items.find((r) => r.categoryId === 'cat-water')!
    const photo = { path: 'data:image/png;base64,iVBORw0KGgo=', bytes: 8, width: 1, height: 1 }
    const outcome = await root.handling.act(water.id, { move: 'progress', note: '师傅已到场维修', photos: [photo, photo] })
    expect(outcome.ok).toBe(true)
    expect(ops.filter((o) => o === 'media.uploadPhoto')).toHaveLength(2)
    const last = root.reportDetails.get(water.id)!.timeline.at(-1)!
    expect(last).toMatchObject({ action: 'progress', note: '师傅已到场维修' })
    expect(last.photos).toHaveLength(2)
  })

  it('files for a neighbour once, however often the same key is retried', async () => {
    const { root } = await signedInApp('u-zhou')
    const input = {
      categoryId: 'cat-water',
      description: '5号楼302厨房水管漏水，楼下在滴水',
      location: { kind: 'text' as const, address: '5号楼302' },
      anonymous: false,
      onBehalfOf: { buildingId: 'b-5', room: '302', name: '刘阿姨' },
    }
    const first = await root.handling.fileOnBehalf(input, [], 'rk_assisted_key_0001')
    const again = await root.handling.fileOnBehalf(input, [], 'rk_assisted_key_0001')
    expect(first.ok && again.ok && first.report.id === again.report.id).toBe(true)
  })
})

describe('MessagesStore', () => {
  it('addresses a report’s thread by the report and my own question as general', async () => {
    const app = await signedInApp('u-wang')
    const { root, api } = app
    const send = jest.spyOn(api.messages, 'send')
    const mine = (await api.reports.listMine()).items[0]
    expect((await root.messages.send(reportThreadId(mine.id), '请问什么时候来修？')).ok).toBe(true)
    expect(send).toHaveBeenLastCalledWith({ reportId: mine.id }, '请问什么时候来修？')
    expect((await root.messages.send(generalThreadId('u-wang'), '社区活动室周末开放吗？')).ok).toBe(true)
    expect(send).toHaveBeenLastCalledWith('general', '社区活动室周末开放吗？')
    expect(root.messages.messagesOf(generalThreadId('u-wang'))!.map((m) => m.body)).toEqual(['社区活动室周末开放吗？'])

    // Staff answer a resident's general thread by its id.
    const staff = await signedInApp('u-zhang', { storage: app.storage })
    const staffSend = jest.spyOn(staff.api.messages, 'send')
    expect((await staff.root.messages.send(generalThreadId('u-wang'), '周末上午开放')).ok).toBe(true)
    expect(staffSend).toHaveBeenLastCalledWith({ threadId: generalThreadId('u-wang') }, '周末上午开放')
  })

  it('an empty message is refused under the field and not sent', async () => {
    const { root, ops } = await signedInApp('u-wang')
    const sent = ops.length
    expect(await root.messages.send(generalThreadId('u-wang'), '   ')).toEqual({ ok: false, message: '请输入留言内容', fields: { body: '请输入留言内容' } })
    expect(ops.length).toBe(sent)
  })

  it('opening a thread marks it read and the unread count follows', async () => {
    const app = await signedInApp('u-wang')
    const { root } = app
    await root.messages.loadThreads()
    const unreadThread = root.messages.threads.find((t) => t.unread > 0)!
    const before = root.messages.unread
    expect(before).toBeGreaterThan(0)
    await root.messages.open(unreadThread.id)
    expect(root.messages.thread(unreadThread.id)!.unread).toBe(0)
    expect(root.messages.unread).toBe(before - unreadThread.unread)
  })
})

describe('NoticesStore', () => {
  it('opening a notice marks it read once and counts it off', async () => {
    const app = await signedInApp('u-wang')
    const { root, ops } = app
    await root.notices.refresh()
    const unread = root.notices.items.find((n) => !n.read)!
    const before = root.notices.unread
    await root.notices.open(unread.id)
    expect(root.notices.get(unread.id)!.read).toBe(true)
    expect(root.notices.unread).toBe(before - 1)
    await root.notices.open(unread.id)
    expect(ops.filter((o) => o === 'notices.markRead')).toHaveLength(1)
  })

  it('a leader’s notice to another building is refused before it is sent', async () => {
    const { root, ops } = await signedInApp('u-zhou')
    const outcome = await root.notices.publish({ title: '通知', body: '', scope: { kind: 'buildings', buildingIds: [] }, urgent: false, pinned: false })
    expect(outcome).toMatchObject({ ok: false, fields: { body: '请填写通知内容', scope: '请至少选择一栋楼' } })
    expect(ops).not.toContain('notices.publish')
    const refused = await root.notices.publish({ title: '8号楼通知', body: '8号楼的通知内容', scope: { kind: 'buildings', buildingIds: ['b-8'] }, urgent: false, pinned: false })
    expect(refused).toMatchObject({ ok: false, message: '只能向您负责的楼栋发布通知' })
  })
})

describe('sign-out', () => {
  it('clears the workspace, notices, messages and dashboard of the previous user', async () => {
    const { root } = await signedInApp('u-zhang')
    await Promise.all([root.inbox.load(), root.notices.refresh(), root.messages.loadThreads(), root.dashboard.load(), root.handling.loadTemplates()])
    expect(root.inbox.items.length).toBeGreaterThan(0)
    expect(root.dashboard.stats).not.toBeNull()
    expect(root.handling.templates.length).toBeGreaterThan(0)
    await root.session.signOut()
    await settle()
    expect(root.inbox.items).toEqual([])
    expect(root.inbox.loaded).toBe(false)
    expect(root.notices.items).toEqual([])
    expect(root.notices.unread).toBe(0)
    expect(root.messages.threads).toEqual([])
    expect(root.messages.unread).toBe(0)
    expect(root.dashboard.stats).toBeNull()
    expect(root.handling.templates).toEqual([])
  })
})
