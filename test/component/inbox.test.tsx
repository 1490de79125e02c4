import { act, fireEvent, waitFor } from '@testing-library/react'
import StaffWorkspace from '../../src/staff/workspace/index'
import { all, one, renderPage, usePageTests, world } from './support/app'

usePageTests()

/** The inbox row of the demo report whose description starts with `text`. */
function row(text: string): HTMLElement {
  const found = all('.inbox-row').find((r) => r.querySelector('.inbox-row__text')?.textContent?.startsWith(text))
  if (!found) throw new Error(`no inbox row for ${text}`)
  return found
}

function deadlineOf(el: HTMLElement): HTMLElement | null {
  return el.querySelector<HTMLElement>('.inbox-row__deadline')
}

function chip(row: string, value: string): HTMLElement {
  return one(`[data-chips="${row}"] [data-value="${value}"]`)
}

test('each row shows the time left, overdue ones in red, and 督办', async () => {
  const w = world()
  const staff = await w.client('u-zhang')
  const inbox = await staff.handling.listInbox({ limit: 50 })
  const light = inbox.items.find((r) => r.categoryId === 'cat-light')!
  await staff.handling.escalate(light.id, { note: '请社区主任关注' })
  const { root } = await w.app('u-zhang')

  renderPage(root, StaffWorkspace)
  await waitFor(() => expect(all('.inbox-row').length).toBeGreaterThan(0))

  // 1号楼 road: filed 96 h ago, 72 h to fix → overdue, flagged red.
  const road = row('1号楼门口的路面塌陷')
  expect(road.className).toMatch(/inbox-row--overdue/)
  expect(deadlineOf(road)!.className).toMatch(/inbox-row__deadline--over/)
  expect(deadlineOf(road)!.textContent).toMatch(/^⚠ 已超期2[34]小时$/)

  // Water leak: filed 20 h ago, 24 h to fix → about 4 hours left, not flagged.
  const water = row('3号楼2单元楼道顶部一直在滴水')
  expect(water.className).not.toMatch(/inbox-row--overdue/)
  expect(deadlineOf(water)!.textContent).toMatch(/^还剩[34]小时$/)
  expect(deadlineOf(water)!.className).not.toMatch(/--over/)

  // The escalated one carries 督办; the others do not.
  expect(row('3号楼东侧小路的路灯').querySelector('.inbox-row__escalated')?.textContent).toBe('督办')
  expect(water.querySelector('.inbox-row__escalated')).toBeNull()

  // Most urgent first: the overdue reports lead the list.
  const flags = all('.inbox-row').map((r) => r.className.includes('inbox-row--overdue'))
  expect(flags.indexOf(false)).toBeGreaterThan(0)
  expect(flags.slice(flags.indexOf(false))).not.toContain(true)
})

test('a reopened report says 居民不满意 and comes with the urgent ones', async () => {
  const w = world()
  const wang = await w.client('u-wang')
  const mine = await wang.reports.listMine({ limit: 50 })
  const garbage = mine.items.find((r) => r.categoryId === 'cat-garbage' && r.status === 'resolved')!
  await wang.reports.rate(garbage.id, { level: 'unsatisfied', comment: '垃圾又堆起来了' })
  const { root } = await w.app('u-zhang')

  renderPage(root, StaffWorkspace)
  await waitFor(() => expect(all('.inbox-row').length).toBeGreaterThan(0))

  const redone = row('5号楼后面的绿化带')
  expect(redone.querySelector('.inbox-row__unsatisfied')?.textContent).toBe('居民不满意')
  // Its deadline is fresh, yet it is listed before the open reports that are not overdue.
  expect(redone.className).not.toMatch(/inbox-row--overdue/)
  const rows = all('.inbox-row')
  const water = row('3号楼2单元楼道顶部一直在滴水')
  expect(rows.indexOf(redone)).toBeLessThan(rows.indexOf(water))
  expect(water.querySelector('.inbox-row__unsatisfied')).toBeNull()
})

test('filter chips change the store’s query and the rows follow', async () => {
  const { root, api } = await world().app('u-zhang')
  const listInbox = jest.spyOn(api.handling, 'listInbox')
  renderPage(root, StaffWorkspace)
  await waitFor(() => expect(all('.inbox-row').length).toBeGreaterThan(0))
  expect(listInbox).toHaveBeenLastCalledWith(expect.objectContaining({ status: ['submitted', 'transferred', 'reopened', 'accepted', 'in_progress'] }))
  const openCount = all('.inbox-row').length

  await act(async () => {
    fireEvent.click(chip('status', 'waiting'))
  })
  expect(root.inbox.filter.group).toBe('waiting')
  expect(chip('status', 'waiting').getAttribute('aria-checked')).toBe('true')
  expect(listInbox).toHaveBeenLastCalledWith(expect.objectContaining({ status: ['submitted', 'transferred', 'reopened'] }))
  await waitFor(() => expect(all('.inbox-row').length).toBeLessThan(openCount))
  for (const r of all('.inbox-row .status-badge')) expect(r.textContent).toBe('已提交')

  await act(async () => {
    fireEvent.click(chip('flags', 'overdue'))
  })
  expect(listInbox).toHaveBeenLastCalledWith(expect.objectContaining({ status: ['submitted', 'transferred', 'reopened'], overdueOnly: true }))
  await waitFor(() => expect(all('.inbox-row').map((r) => r.className.includes('--overdue'))).toEqual([true]))

  await act(async () => {
    fireEvent.click(chip('status', 'all'))
  })
  await act(async () => {
    fireEvent.click(chip('category', 'cat-parking'))
  })
  expect(listInbox).toHaveBeenLastCalledWith({ limit: 20, categoryId: 'cat-parking', overdueOnly: true })
  await waitFor(() => expect(all('.inbox-row .inbox-row__category').map((c) => c.textContent)).toEqual(['乱停车/占道']))

  // Staff see every grid: a grid filter with the community's three grids.
  expect(all('[data-chips="grid"] [data-value]').map((c) => c.textContent)).toEqual(['全部网格', '第一网格', '第二网格', '第三网格'])
  await act(async () => {
    fireEvent.click(chip('grid', 'g-1'))
  })
  expect(listInbox).toHaveBeenLastCalledWith(expect.objectContaining({ gridId: 'g-1', categoryId: 'cat-parking' }))
  await waitFor(() => expect(all('.inbox-row')).toHaveLength(0))
  expect(document.body.textContent).toContain('没有符合条件的诉求')

  await act(async () => {
    fireEvent.click(one('.workspace__reset'))
  })
  expect(root.inbox.filter).toEqual({ group: 'open', overdueOnly: false, escalatedOnly: false })
  await waitFor(() => expect(all('.inbox-row')).toHaveLength(openCount))
})

test('a building leader’s 我发的通知 is newest first and each card says 已读 x / y 户', async () => {
  const w = world()
  const zhou = await w.client('u-zhou')
  const first = await zhou.notices.publish({ title: '3号楼停水通知', body: '明天上午停水两小时。', scope: { kind: 'buildings', buildingIds: ['b-3'] }, urgent: false, pinned: false })
  await new Promise((resolve) => setTimeout(resolve, 5))
  await zhou.notices.publish({ title: '5号楼清洗水箱', body: '周六上午清洗水箱。', scope: { kind: 'buildings', buildingIds: ['b-5'] }, urgent: false, pinned: false })
  await (await w.client('u-wang')).notices.markRead(first.id)
  const { root } = await w.app('u-zhou')

  renderPage(root, StaffWorkspace)
  await waitFor(() => expect(all('.workspace__sent').length).toBeGreaterThanOrEqual(3))
  const cards = all('.workspace__sent').map((c) => [c.querySelector('.notice-row__title')?.textContent, c.querySelector('.workspace__read')?.textContent])
  // Newest first: the two just sent, then the demo's 3号楼 elevator notice.
  expect(cards[0][0]).toBe('5号楼清洗水箱')
  expect(cards[1]).toEqual(['3号楼停水通知', '已读 2 / 5 户'])
  const receipts = await zhou.notices.receipts(first.id)
  expect(cards[1][1]).toBe(`已读 ${receipts.read} / ${receipts.households} 户`)
})

test('a grid worker sees only the reports of their grid, and no grid filter', async () => {
  const { root } = await world().app('u-liu')
  renderPage(root, StaffWorkspace)
  await waitFor(() => expect(all('.inbox-row').length).toBeGreaterThan(0))
  expect(root.inbox.items.every((r) => r.gridId === 'g-1')).toBe(true)
  expect(all('[data-chips="grid"]')).toHaveLength(0)
  expect(document.body.textContent).toContain('我的网格：第一网格')
  // Grid workers neither see the dashboard nor publish.
  expect(all('[data-action="dashboard"]')).toHaveLength(0)
  expect(all('[data-action="publish"]')).toHaveLength(0)
})
