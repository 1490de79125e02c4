/**
 * 我的诉求 lists the reports kept on the phone (offline, or refused) with the sent ones: each can be
 * read, taken back into the form to change, or cancelled (issue 9, defect 7: the outbox used to be
 * a banner that did nothing when tapped).
 */
import { act, fireEvent, waitFor } from '@testing-library/react'
import { ApiError } from '../../src/api/errors'
import TasksPage from '../../src/pages/tasks/index'
import Taro from '../support/taro-jsdom'
import { all, one, renderPage, usePageTests, world } from './support/app'

usePageTests()

const DESCRIPTION = '3号楼北门口的下水道井盖松了，晚上走路容易踩空'
const point = { kind: 'point' as const, latitude: 31.59, longitude: 120.38, name: '映月社区3号楼', address: '3号楼北门' }

/** 王秀兰's app with one report queued because the network is down. */
async function queued() {
  const w = world()
  const app = await w.app('u-wang')
  app.faults.before = (op) => {
    if (op === 'reports.submit') throw new ApiError('network')
  }
  const { draft } = app.root
  await act(async () => {
    draft.chooseCategory('cat-facility')
    draft.setDescription(DESCRIPTION)
    draft.setPoint(point)
    expect((await draft.submit()).status).toBe('queued')
  })
  expect(app.root.outbox.items).toHaveLength(1)
  return app
}

function queuedRow(): HTMLElement {
  const rows = all('.outbox-row')
  expect(rows).toHaveLength(1)
  return rows[0]
}

function action(row: HTMLElement, name: 'edit' | 'cancel'): HTMLElement {
  const found = row.querySelector<HTMLElement>(`[data-action="${name}"]`)
  if (!found) throw new Error(`no ${name} on the queued row`)
  return found
}

test('a queued report is listed first, with what it says and that it waits for the network', async () => {
  const { root } = await queued()
  renderPage(root, TasksPage)
  await waitFor(() => expect(all('.outbox-row')).toHaveLength(1))
  const row = queuedRow()
  expect(row.textContent).toContain(DESCRIPTION)
  expect(row.textContent).toContain('等待发送')
  expect(row.textContent).toContain('保存在手机上')
  // Above the reports already sent.
  await waitFor(() => expect(all('.report-row').length).toBeGreaterThan(0))
  expect(row.compareDocumentPosition(all('.report-row')[0]) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  // The banner says where to look.
  expect(one('.outbox-banner').textContent).toContain('1 条诉求等待发送')
})

test('查看和修改 takes it back into the form, under its own key, and opens the form', async () => {
  const { root } = await queued()
  const key = root.outbox.items[0].key
  renderPage(root, TasksPage)
  await waitFor(() => expect(all('.outbox-row')).toHaveLength(1))
  await act(async () => {
    fireEvent.click(action(queuedRow(), 'edit'))
  })
  await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/reports/new/index' })))
  expect(root.outbox.items).toEqual([])
  expect(root.draft.draft).toMatchObject({ key, categoryId: 'cat-facility', description: DESCRIPTION, point })
  await waitFor(() => expect(all('.outbox-row')).toHaveLength(0))
})

test('taking it back over another unsent report asks first, and 不替换 keeps both', async () => {
  const { root } = await queued()
  act(() => root.draft.setDescription('正在写的另一条：垃圾桶满了'))
  Taro.showModal.mockResolvedValueOnce({ errMsg: 'ok', confirm: false, cancel: true })
  renderPage(root, TasksPage)
  await waitFor(() => expect(all('.outbox-row')).toHaveLength(1))
  await act(async () => {
    fireEvent.click(action(queuedRow(), 'edit'))
  })
  await waitFor(() => expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '替换正在填写的内容？' })))
  expect(root.outbox.items).toHaveLength(1)
  expect(root.draft.draft.description).toBe('正在写的另一条：垃圾桶满了')
  expect(Taro.navigateTo).not.toHaveBeenCalled()
})

test('取消发送 asks, then drops it; 保留 keeps it', async () => {
  const { root } = await queued()
  renderPage(root, TasksPage)
  await waitFor(() => expect(all('.outbox-row')).toHaveLength(1))

  Taro.showModal.mockResolvedValueOnce({ errMsg: 'ok', confirm: false, cancel: true })
  await act(async () => {
    fireEvent.click(action(queuedRow(), 'cancel'))
  })
  await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(1))
  expect(root.outbox.items).toHaveLength(1)

  await act(async () => {
    fireEvent.click(action(queuedRow(), 'cancel'))
  })
  await waitFor(() => expect(root.outbox.items).toHaveLength(0))
  await waitFor(() => expect(all('.outbox-row')).toHaveLength(0))
  expect(document.querySelector('.outbox-banner')).toBeNull()
})
