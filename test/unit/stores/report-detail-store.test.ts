import { mineByCategory, newKey, validReport } from '../support/memory-world'
import { disposeApps, signedInApp } from '../support/app'
import { failOnChangesOutsideActions } from './support/strict-actions'

failOnChangesOutsideActions()

afterEach(disposeApps)

describe('ReportDetailStore', () => {
  it('loads a report with its timeline', async () => {
    const { root, api } = await signedInApp('u-wang')
    const water = await mineByCategory(api, 'cat-water')
    await root.reportDetails.load(water.id)
    const detail = root.reportDetails.get(water.id)
    expect(detail?.report.status).toBe('in_progress')
    expect(detail?.timeline.map((e) => e.action)).toEqual(['submit', 'accept', 'assign', 'progress'])
    expect(root.reportDetails.loading.size).toBe(0)
  })

  it('records a message for a report the user may not see', async () => {
    const { root, api } = await signedInApp('u-li')
    // 王秀兰's report, as the public list shows it to her neighbour 李明.
    const light = (await api.reports.listPublic({ limit: 50 })).items.find((r) => r.categoryId === 'cat-light')!
    expect(light.reporterName).toBe('王**')
    await root.reportDetails.load(light.id)
    expect(root.reportDetails.get(light.id)).toBeUndefined()
    expect(root.reportDetails.errors.get(light.id)).toBe('诉求不存在或您无权查看')
    expect(root.reportDetails.loading.has(light.id)).toBe(false)
  })

  it('rates 不满意: the report is reopened here and in my list', async () => {
    const { root, api } = await signedInApp('u-wang')
    await root.myReports.load()
    const garbage = await mineByCategory(api, 'cat-garbage')
    await root.reportDetails.load(garbage.id)

    const outcome = await root.reportDetails.rate(garbage.id, 'unsatisfied', '垃圾又堆起来了')
    expect(outcome).toEqual({ ok: true })
    const detail = root.reportDetails.get(garbage.id)!
    expect(detail.report.status).toBe('reopened')
    expect(detail.report.reopenCount).toBe(1)
    expect(detail.timeline[detail.timeline.length - 1]).toMatchObject({ action: 'rate', toStatus: 'reopened' })
    expect(detail.allowedActions).toEqual([])
    expect(root.myReports.items.find((i) => i.id === garbage.id)?.status).toBe('reopened')
    expect(root.reportDetails.rating).toBe(false)
  })

  it('rates 满意: the report is closed', async () => {
    const { root, api } = await signedInApp('u-wang')
    const garbage = await mineByCategory(api, 'cat-garbage')
    expect(await root.reportDetails.rate(garbage.id, 'satisfied', '')).toEqual({ ok: true })
    expect(root.reportDetails.get(garbage.id)?.report.status).toBe('closed')
  })

  it('returns the field message when 不满意 comes without a comment, and changes nothing', async () => {
    const { root, api } = await signedInApp('u-wang')
    const garbage = await mineByCategory(api, 'cat-garbage')
    const outcome = await root.reportDetails.rate(garbage.id, 'unsatisfied', '  ')
    expect(outcome).toEqual({
      ok: false,
      message: '请告诉我们哪里不满意，以便重新办理',
      fields: { comment: '请告诉我们哪里不满意，以便重新办理' },
    })
    expect((await api.reports.get(garbage.id)).report.status).toBe('resolved')
  })

  it('ignores a second rating while the first is on its way', async () => {
    const { root, api, ops } = await signedInApp('u-wang')
    const garbage = await mineByCategory(api, 'cat-garbage')
    const first = root.reportDetails.rate(garbage.id, 'satisfied', '')
    const second = await root.reportDetails.rate(garbage.id, 'satisfied', '')
    expect(second).toEqual({ ok: false, message: '正在提交评价', fields: {} })
    expect(await first).toEqual({ ok: true })
    expect(ops.filter((op) => op === 'reports.rate')).toHaveLength(1)
  })

  it('refuses rating a report that is not resolved yet, with a message', async () => {
    const { root, api } = await signedInApp('u-wang')
    const report = await api.reports.submit(validReport(), { idempotencyKey: newKey() })
    const outcome = await root.reportDetails.rate(report.id, 'satisfied', '')
    expect(outcome).toEqual({ ok: false, message: '当前状态下不能进行此操作', fields: {} })
    expect(root.reportDetails.rating).toBe(false)
  })
})
