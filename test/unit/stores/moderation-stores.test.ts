import { fakeNetwork } from '../../../src/platform/network'
import { memoryStorage } from '../../../src/platform/storage'
import { buildApp, disposeApps, signedInApp } from '../support/app'
import { recordingClient } from '../support/memory-world'
import { failOnChangesOutsideActions } from './support/strict-actions'

failOnChangesOutsideActions()
afterEach(disposeApps)

type Backend = Parameters<typeof recordingClient>[0]['backend']

/** 王秀兰 asks the community, on the same backend, with a phrase the built-in word list holds (加微信). */
async function wangAsks(backend: Backend, body: string) {
  const { api } = recordingClient({ backend, storage: memoryStorage(), network: fakeNetwork(true) })
  await api.session.signInDemo('u-wang')
  return api.messages.send('general', body)
}

describe('ModerationStore', () => {
  it('lists the held texts with why they were held, counts them, and a decided one leaves the list', async () => {
    const { root, backend } = await signedInApp('u-zhang')
    const first = await wangAsks(backend, '想换二手冰箱的邻居可以加微信联系我')
    const second = await wangAsks(backend, '楼下的请加微信，我们建个群')
    expect(first.moderation).toEqual({ status: 'held' })
    await root.moderation.load()
    expect(root.moderation.items.map((i) => [i.subject.id, i.kind, i.authorName, i.heldFor])).toEqual([
      [first.id, 'message', '王秀兰', '词表：加微信'],
      [second.id, 'message', '王秀兰', '词表：加微信'],
    ])
    expect(root.moderation.heldCount).toBe(2)

    const outcome = await root.moderation.approve(root.moderation.items[0].id)
    expect(outcome.ok && outcome.item.status).toBe('approved')
    expect(root.moderation.items.map((i) => i.subject.id)).toEqual([second.id])
    expect(root.moderation.heldCount).toBe(1)
  })

  it('refuses 不通过 without a reason before asking the backend, then sends it with one', async () => {
    const { root, backend, ops } = await signedInApp('u-zhang')
    await wangAsks(backend, '有需要的加微信')
    await root.moderation.load()
    const [item] = root.moderation.items
    root.moderation.openReject(item.id)
    const sent = ops.length
    expect(await root.moderation.rejectOpen()).toEqual({ ok: false, message: '请填写未通过的原因（至少2个字），发布人会看到它', field: 'reason' })
    expect(root.moderation.reasonError).toBe('请填写未通过的原因（至少2个字），发布人会看到它')
    expect(ops.length).toBe(sent)

    root.moderation.addReason('含有广告或联系方式')
    const outcome = await root.moderation.rejectOpen()
    expect(outcome.ok && [outcome.item.status, outcome.item.reason]).toEqual(['rejected', '含有广告或联系方式'])
    expect(root.moderation.items).toEqual([])
    expect(root.moderation.rejectingId).toBeNull()
  })

  it('an item decided meanwhile: the refusal is kept at the row and the list is read again', async () => {
    const { root, backend } = await signedInApp('u-zhang')
    await wangAsks(backend, '加微信详聊')
    await root.moderation.load()
    const [item] = root.moderation.items
    const { api: he } = recordingClient({ backend, storage: memoryStorage(), network: fakeNetwork(true) })
    await he.session.signInDemo('u-he')
    await he.moderation.approve(item.id)

    const outcome = await root.moderation.approve(item.id)
    expect(outcome).toEqual({ ok: false, message: '这条内容已经审核过了' })
    expect(root.moderation.rowErrors[item.id]).toBe('这条内容已经审核过了')
    await new Promise((r) => setTimeout(r, 0))
    await root.moderation.list.refresh()
    expect(root.moderation.items).toEqual([])
  })

  it('reads the queue 20 at a time: the next page on loadMore, counted whole for the workspace', async () => {
    const { root, backend } = await signedInApp('u-zhang')
    const { api } = recordingClient({ backend, storage: memoryStorage(), network: fakeNetwork(true) })
    await api.session.signInDemo('u-wang')
    for (let i = 1; i <= 23; i++) await api.messages.send('general', `第${i}条：想卖旧家具的加微信`)
    await root.moderation.load()
    expect(root.moderation.items).toHaveLength(20)
    expect(root.moderation.hasMore).toBe(true)
    expect(root.moderation.heldCount).toBe(23)
    await root.moderation.loadMore()
    expect(root.moderation.items.map((i) => i.text)).toEqual(Array.from({ length: 23 }, (_, i) => `第${i + 1}条：想卖旧家具的加微信`))
    expect(root.moderation.hasMore).toBe(false)
  })

  it('is forgotten on sign-out', async () => {
    const { root, backend } = await signedInApp('u-zhang')
    await wangAsks(backend, '加微信详聊')
    await root.moderation.load()
    expect(root.moderation.items).toHaveLength(1)
    await root.session.signOut()
    expect(root.moderation.items).toEqual([])
    expect(root.moderation.heldCount).toBeNull()
  })
})

describe('AuditLogStore', () => {
  it('reads the log newest first and filters by action', async () => {
    const { root, backend } = await signedInApp('u-zhang')
    await wangAsks(backend, '加微信详聊')
    await root.moderation.load()
    await root.moderation.reject(root.moderation.items[0].id, '含有联系方式')
    await root.auditLog.load({ street: false })
    const [newest] = root.auditLog.items
    expect([newest.action, newest.actor.name, newest.note, newest.concerns?.name]).toEqual(['moderation.reject', '张敏', '含有联系方式', '王秀兰'])
    const times = root.auditLog.items.map((e) => e.at)
    expect([...times].sort().reverse()).toEqual(times)

    await root.auditLog.setAction('report.accept')
    expect(root.auditLog.items.length).toBeGreaterThan(0)
    expect(new Set(root.auditLog.items.map((e) => e.action))).toEqual(new Set(['report.accept']))
    await root.auditLog.setAction(null)
    expect(root.auditLog.items[0].action).toBe('moderation.reject')
  })

  it('a street officer reads one of the street’s communities, the first unless another is picked', async () => {
    // A street officer is in no community: nothing of one loads on sign-in.
    const { root } = buildApp()
    await root.start()
    expect(await root.session.signInDemo('u-street')).toBe(true)
    await root.auditLog.load({ street: true })
    expect(root.auditLog.communities.map((c) => c.name)).toEqual(expect.arrayContaining(['映月社区', '春晖社区']))
    const first = root.auditLog.communityId
    expect(root.auditLog.error).toBeNull()
    expect(root.auditLog.items.every((e) => e.communityId === first)).toBe(true)
    const other = root.auditLog.communities.find((c) => c.id !== first)!
    await root.auditLog.setCommunity(other.id)
    expect(root.auditLog.error).toBeNull()
    expect(root.auditLog.items.every((e) => e.communityId === other.id)).toBe(true)
  })
})
