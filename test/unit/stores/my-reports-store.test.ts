import { MyReportsStore } from '../../../src/stores/my-reports-store'
import { newKey, validReport } from '../support/memory-world'
import { disposeApps, signedInApp, when } from '../support/app'
import { failOnChangesOutsideActions } from './support/strict-actions'

failOnChangesOutsideActions()

afterEach(disposeApps)

/** 王秀兰 with `extra` reports on top of her 4 seeded ones, and a fresh list store over her client. */
async function wangWith(extra: number) {
  const app = await signedInApp('u-wang')
  for (let i = 0; i < extra; i++) {
    await app.api.reports.submit(validReport({ description: `第${i + 1}条：楼道灯不亮了` }), { idempotencyKey: newKey() })
  }
  app.ops.length = 0
  return { ...app, list: new MyReportsStore(app.api.reports, () => undefined) }
}

const listCalls = (ops: string[]) => ops.filter((op) => op === 'reports.listMine').length

describe('MyReportsStore', () => {
  it('loads the first page of twenty, newest first', async () => {
    const { list } = await wangWith(19) // 4 seeded + 19 = 23
    expect(list.loaded).toBe(false)
    await list.load()
    expect(list.loaded).toBe(true)
    expect(list.loading).toBe(false)
    expect(list.items).toHaveLength(20)
    expect(list.items[0].description).toBe('第19条：楼道灯不亮了')
    expect(list.hasMore).toBe(true)
  })

  it('does not reload a list already on screen, nor load twice at once', async () => {
    const { list, ops } = await wangWith(0)
    await Promise.all([list.load(), list.load()])
    await list.load()
    expect(listCalls(ops)).toBe(1)
    expect(list.items).toHaveLength(4)
  })

  it('loads more until the end, without duplicates', async () => {
    const { list, ops } = await wangWith(19)
    await list.load()
    await list.loadMore()
    expect(list.items).toHaveLength(23)
    expect(new Set(list.items.map((i) => i.id)).size).toBe(23)
    expect(list.hasMore).toBe(false)
    expect(list.loadingMore).toBe(false)
    expect(list.items[22].categoryId).toBe('cat-facility')
    await list.loadMore()
    expect(listCalls(ops)).toBe(2)
  })

  it('refresh goes back to the first page and picks up new reports', async () => {
    const { list, api } = await wangWith(19)
    await list.load()
    await list.loadMore()
    await api.reports.submit(validReport({ description: '刷新之前刚提交的新诉求' }), { idempotencyKey: newKey() })
    await list.refresh()
    expect(list.refreshing).toBe(false)
    expect(list.items).toHaveLength(20)
    expect(list.items[0].description).toBe('刷新之前刚提交的新诉求')
    expect(list.hasMore).toBe(true)
  })

  it('keeps what it has and shows a message when the network is down', async () => {
    const { list, network } = await wangWith(0)
    await list.load()
    network.set(false)
    await list.refresh()
    expect(list.error).toBe('网络不可用，请检查网络后重试')
    expect(list.items).toHaveLength(4)
    network.set(true)
    await list.refresh()
    expect(list.error).toBeNull()
  })

  it('stays unloaded after a failed first load, so the next load tries again', async () => {
    const { list, network, ops } = await wangWith(0)
    network.set(false)
    await list.load()
    expect(list.loaded).toBe(false)
    expect(list.error).toBe('网络不可用，请检查网络后重试')
    network.set(true)
    await list.load()
    expect(list.loaded).toBe(true)
    expect(list.items).toHaveLength(4)
    expect(listCalls(ops)).toBe(1)
  })

  it('drops the stale offline message when a queued report gets through', async () => {
    const { list, network, api, ops } = await wangWith(0)
    await list.load()
    network.set(false)
    await list.refresh()
    expect(list.error).toBe('网络不可用，请检查网络后重试')
    network.set(true)
    const report = await api.reports.submit(validReport({ description: '离线时写好、联网后送达的诉求' }), { idempotencyKey: newKey() })
    list.prepend(report)
    expect(list.items[0].id).toBe(report.id)
    await when(() => !list.refreshing && list.error === null)
    expect(list.items.map((i) => i.id)).toContain(report.id)
    expect(list.items).toHaveLength(5)
    // The first load and the refresh after delivery (the offline attempt never left the device).
    expect(listCalls(ops)).toBe(2)
  })

  it('prepends a delivered report once and patches a changed one in place', async () => {
    const { list, api } = await wangWith(0)
    await list.load()
    const report = await api.reports.submit(validReport(), { idempotencyKey: newKey() })
    list.prepend(report)
    list.prepend(report)
    expect(list.items).toHaveLength(5)
    expect(list.items[0].id).toBe(report.id)
    list.patch({ ...report, status: 'accepted' })
    expect(list.items[0].status).toBe('accepted')
    expect(list.items).toHaveLength(5)
  })

  it('clear forgets the list', async () => {
    const { list } = await wangWith(0)
    await list.load()
    list.clear()
    expect(list.items).toEqual([])
    expect(list.loaded).toBe(false)
    expect(list.hasMore).toBe(false)
  })
})
