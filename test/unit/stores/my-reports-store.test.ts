import { newKey, validReport } from '../support/memory-world'
import { disposeApps, signedInApp } from '../support/app'

afterEach(disposeApps)

async function wangWith(extra: number) {
  const app = await signedInApp('u-wang')
  for (let i = 0; i < extra; i++) {
    await app.api.reports.submit(validReport({ description: `第${i + 1}条：楼道灯不亮了` }), { idempotencyKey: newKey() })
  }
  app.ops.length = 0
  return app
}

const listCalls = (ops: string[]) => ops.filter((op) => op === 'reports.listMine').length

describe('MyReportsStore', () => {
  it('loads the first page of ten, newest first', async () => {
    const { root } = await wangWith(9) // 4 seeded + 9 = 13
    await root.myReports.load()
    expect(root.myReports.loaded).toBe(true)
    expect(root.myReports.loading).toBe(false)
    expect(root.myReports.items).toHaveLength(10)
    expect(root.myReports.items[0].description).toBe('第9条：楼道灯不亮了')
    expect(root.myReports.hasMore).toBe(true)
  })

  it('does not reload a list already on screen, nor load twice at once', async () => {
    const { root, ops } = await wangWith(0)
    await Promise.all([root.myReports.load(), root.myReports.load()])
    await root.myReports.load()
    expect(listCalls(ops)).toBe(1)
  })

  it('loads more until the end, without duplicates', async () => {
    const { root, ops } = await wangWith(9)
    await root.myReports.load()
    await root.myReports.loadMore()
    expect(root.myReports.items).toHaveLength(13)
    expect(new Set(root.myReports.items.map((i) => i.id)).size).toBe(13)
    expect(root.myReports.hasMore).toBe(false)
    expect(root.myReports.items[12].categoryId).toBe('cat-facility')
    await root.myReports.loadMore()
    expect(listCalls(ops)).toBe(2)
  })

  it('refresh goes back to the first page and picks up new reports', async () => {
    const { root, api } = await wangWith(9)
    await root.myReports.load()
    await root.myReports.loadMore()
    await api.reports.submit(validReport({ description: '刷新之前刚提交的新诉求' }), { idempotencyKey: newKey() })
    await root.myReports.refresh()
    expect(root.myReports.refreshing).toBe(false)
    expect(root.myReports.items).toHaveLength(10)
    expect(root.myReports.items[0].description).toBe('刷新之前刚提交的新诉求')
    expect(root.myReports.hasMore).toBe(true)
  })

  it('keeps what it has and shows a message when the network is down', async () => {
    const { root, network } = await wangWith(0)
    await root.myReports.load()
    network.set(false)
    await root.myReports.refresh()
    expect(root.myReports.error).toBe('网络不可用，请检查网络后重试')
    expect(root.myReports.items).toHaveLength(4)
    network.set(true)
    await root.myReports.refresh()
    expect(root.myReports.error).toBeNull()
  })

  it('prepends a delivered report once and patches a changed one in place', async () => {
    const { root, api } = await wangWith(0)
    await root.myReports.load()
    const report = await api.reports.submit(validReport(), { idempotencyKey: newKey() })
    root.myReports.prepend(report)
    root.myReports.prepend(report)
    expect(root.myReports.items).toHaveLength(5)
    expect(root.myReports.items[0].id).toBe(report.id)
    root.myReports.patch({ ...report, status: 'accepted' })
    expect(root.myReports.items[0].status).toBe('accepted')
    expect(root.myReports.items).toHaveLength(5)
  })
})
