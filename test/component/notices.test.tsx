import { act, waitFor } from '@testing-library/react'
import NoticeDetailPage from '../../src/notices/detail/index'
import PublishNoticePage from '../../src/notices/publish/index'
import ReceiptsPage from '../../src/notices/receipts/index'
import { N } from '../../src/notices/texts'
import MessagesPage from '../../src/pages/messages/index'
import Taro from '../support/taro-jsdom'
import { all, fieldError, fieldIn, one, renderPage, tap, typeInto, usePageTests, world } from './support/app'

const page = usePageTests()


function chipsOf(row: string): Array<{ value: string; label: string; on: boolean }> {
  return all(`[data-chips="${row}"] [data-value]`).map((c) => ({
    value: c.getAttribute('data-value')!,
    label: c.textContent ?? '',
    on: c.getAttribute('aria-checked') === 'true',
  }))
}

test('a building leader can send only to the buildings they lead, all of them chosen to begin with', async () => {
  const { root } = await world().app('u-zhou') // leads 3号楼 and 5号楼
  renderPage(root, PublishNoticePage)

  await waitFor(() => expect(chipsOf('buildings')).toHaveLength(2))
  expect(chipsOf('buildings')).toEqual([
    { value: 'b-3', label: '3号楼', on: true },
    { value: 'b-5', label: '5号楼', on: true },
  ])
  // No "whole community", and no other building anywhere on the page.
  expect(all('[data-chips="scope"]')).toHaveLength(0)
  expect(document.body.textContent).not.toContain(N.wholeCommunity)
  for (const other of ['1号楼', '2号楼', '8号楼']) expect(document.body.textContent).not.toContain(other)
  expect(document.body.textContent).toContain(N.leaderScopeHint)

  // Unchoosing both is refused under the field, without a request.
  await tap('[data-chips="buildings"] [data-value="b-3"]')
  await tap('[data-chips="buildings"] [data-value="b-5"]')
  await typeInto('.publish__title', '5号楼周六停电')
  await typeInto('.publish__body', '周六上午9点到11点5号楼检修线路，请提前做好准备。')
  await tap('.publish__submit')
  await waitFor(() => expect(fieldError('scope')).toBe('请至少选择一栋楼'))
  expect(root.notices.items.filter((n) => n.title === '5号楼周六停电')).toHaveLength(0)

  await tap('[data-chips="buildings"] [data-value="b-5"]')
  await tap('.publish__submit')
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled())
  const published = root.notices.items.find((n) => n.title === '5号楼周六停电')!
  expect(published.scope).toEqual({ kind: 'buildings', buildingIds: ['b-5'] })
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/notices/detail/index?id=${encodeURIComponent(published.id)}` })
})

test('staff may send to the whole community or to any building', async () => {
  const { root } = await world().app('u-zhang')
  renderPage(root, PublishNoticePage)
  await waitFor(() => expect(chipsOf('scope')).toHaveLength(2))
  expect(chipsOf('scope').map((c) => [c.label, c.on])).toEqual([
    ['全社区', true],
    ['选择楼栋', false],
  ])
  await tap('[data-chips="scope"] [data-value="buildings"]')
  await waitFor(() => expect(chipsOf('buildings').map((c) => c.label)).toEqual(['1号楼', '2号楼', '3号楼', '5号楼', '8号楼']))
  expect(chipsOf('buildings').every((c) => !c.on)).toBe(true)
})

test('publishing to the whole community shows what goes out and to how many, and asks first', async () => {
  const { root } = await world().app('u-zhang')
  renderPage(root, PublishNoticePage)
  await waitFor(() => expect(chipsOf('scope')).toHaveLength(2))
  await typeInto('.publish__title', '周六上午全社区停水')
  await typeInto('.publish__body', '周六上午9点到12点水厂检修，全社区停水，请提前储水。')

  // 再改改: nothing is sent and the form keeps every word.
  Taro.showModal.mockResolvedValueOnce({ errMsg: 'showModal:ok', confirm: false, cancel: true })
  await tap('.publish__submit')
  expect(Taro.showModal).toHaveBeenCalledTimes(1)
  const asked = Taro.showModal.mock.calls[0][0] as { title: string; content: string; confirmText: string; cancelText: string }
  expect(asked.title).toBe(N.confirmCommunity.title)
  expect(asked.content).toContain('周六上午全社区停水')
  expect(asked.content).toContain('水厂检修')
  const buildings = root.directory.directory!.buildings
  const households = buildings.reduce((n, b) => n + b.rooms.length, 0)
  expect(asked.content).toContain(`全社区${buildings.length}栋楼、${households}户`)
  expect([asked.confirmText, asked.cancelText]).toEqual(['确认发布', '再改改'])
  expect(root.notices.items.filter((n) => n.title === '周六上午全社区停水')).toHaveLength(0)
  expect(Taro.redirectTo).not.toHaveBeenCalled()
  expect((await fieldIn('.publish__title')).value).toBe('周六上午全社区停水')
  expect((await fieldIn('.publish__body')).value).toContain('水厂检修')

  // 确认发布: it goes out once.
  Taro.showModal.mockResolvedValueOnce({ errMsg: 'showModal:ok', confirm: true, cancel: false })
  await tap('.publish__submit')
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled())
  const published = root.notices.items.filter((n) => n.title === '周六上午全社区停水')
  expect(published).toHaveLength(1)
  expect(published[0].scope).toEqual({ kind: 'community' })
})

test('a notice with field errors shows them without asking; a building notice does not ask', async () => {
  const { root } = await world().app('u-zhou')
  renderPage(root, PublishNoticePage)
  await waitFor(() => expect(chipsOf('buildings')).toHaveLength(2))
  await tap('.publish__submit')
  await waitFor(() => expect(fieldError('title')).not.toBeNull())
  await typeInto('.publish__title', '3号楼周日清洗水箱')
  await typeInto('.publish__body', '周日上午3号楼清洗水箱，停水两小时。')
  await tap('.publish__submit')
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled())
  expect(Taro.showModal).not.toHaveBeenCalled()
})

test('a notice’s text is shown as text: markup stays characters, nothing is created', async () => {
  const w = world()
  const staff = await w.client('u-zhang')
  const body = '<b>x</b><script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
  const title = '<i>停水</i>通知 & <u>提醒</u>'
  const notice = await staff.notices.publish({ title, body, scope: { kind: 'community' }, urgent: true, pinned: false })
  const { root, api, ops } = await w.app('u-wang')
  const unreadBefore = await api.notices.unreadCount()

  renderPage(root, NoticeDetailPage, { id: notice.id })
  await waitFor(() => expect(all('.notice__body')).toHaveLength(1))

  const page = one('.notice')
  expect(one('.notice__body').textContent).toBe(body)
  expect(one('.notice__title').textContent).toBe(title)
  for (const tag of ['b', 'i', 'u', 'script', 'img']) expect(page.querySelectorAll(tag)).toHaveLength(0)
  expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined()
  expect(one('.notice-flag--urgent').textContent).toBe('紧急')

  // Opening it marks it read, once.
  await waitFor(() => expect(ops).toContain('notices.markRead'))
  expect(await api.notices.unreadCount()).toBe(unreadBefore - 1)
  await waitFor(() => expect(root.notices.get(notice.id)?.read).toBe(true))
  // A resident sees no receipts.
  expect(all('.notice__receipts')).toHaveLength(0)
})

test('the sender sees how many households read it and which doors to knock on', async () => {
  const w = world()
  const leader = await w.client('u-zhou')
  const notice = await leader.notices.publish({ title: '3号楼楼道清理', body: '周日上午统一清理楼道杂物。', scope: { kind: 'buildings', buildingIds: ['b-3'] }, urgent: false, pinned: false })
  const neighbour = await w.client('u-li') // 3号楼302
  await neighbour.notices.markRead(notice.id)
  const { root, api } = await w.app('u-zhou')

  renderPage(root, ReceiptsPage, { id: notice.id })
  await waitFor(() => expect(all('[data-receipts="count"]')).toHaveLength(1))
  const receipts = await api.notices.receipts(notice.id)
  expect(one('[data-receipts="count"]').textContent).toBe(`已读 ${receipts.read} / ${receipts.households} 户`)
  // 3号楼: the leader (101) and 李明 (302) have read it; 王秀兰 (201) has not.
  expect(all('.receipts__building').map((b) => b.getAttribute('data-building'))).toEqual(['3号楼'])
  expect(all('.receipts__room').map((r) => r.textContent)).toEqual(receipts.unreadHouseholds.map((h) => h.room))
  expect(all('.receipts__room').map((r) => r.textContent)).toContain('201')
})

test('消息 lists notices and threads and puts the unread count on the tab, removed at zero', async () => {
  const w = world()
  const { root, api } = await w.app('u-wang')
  const expected = (await api.notices.unreadCount()) + (await api.messages.unreadCount())
  expect(expected).toBeGreaterThan(0)

  renderPage(root, MessagesPage)
  await waitFor(() => expect(all('.notice-row').length).toBeGreaterThan(0))
  await waitFor(() => expect(page.tabBar().setTabBarBadge).toHaveBeenLastCalledWith({ index: 2, text: String(expected) }))
  expect(all('.notice-row--unread').length).toBe(await api.notices.unreadCount())
  // Pinned and urgent marks; my own "ask the community" thread is always there.
  expect(all('.notice-row .notice-flag--pinned').length).toBeGreaterThan(0)
  expect(all('.thread-row .thread-row__title').map((t) => t.textContent)).toContain('咨询社区')

  // Read everything elsewhere; when the tab is shown again the badge goes.
  for (const n of root.notices.items) await api.notices.markRead(n.id)
  for (const t of await api.messages.listThreads()) await api.messages.markRead(t.id)
  const { firePageEvent } = await import('../support/taro-jsdom')
  await act(async () => {
    await firePageEvent('didShow')
  })
  await waitFor(() => expect(page.tabBar().removeTabBarBadge).toHaveBeenLastCalledWith({ index: 2 }))
  await waitFor(() => expect(all('.notice-row--unread')).toHaveLength(0))
})

test('signed out, 消息 says that notices and messages appear after signing in, and offers 登录', async () => {
  const w = world()
  const { root } = await w.app('u-wang')
  await act(async () => {
    await root.session.signOut()
  })
  expect(root.session.status).toBe('signed_out')

  renderPage(root, MessagesPage)
  await waitFor(() => expect(all('.screen-signin')).toHaveLength(1))
  const hint = one('.screen-signin__hint').textContent ?? ''
  expect(hint).toMatch(/通知/)
  expect(hint).toMatch(/留言/)
  expect(hint).toMatch(/登录后/)
  expect(all('.notice-row')).toHaveLength(0)
  await tap('.screen-signin__btn')
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/auth/sign-in/index' })
})
