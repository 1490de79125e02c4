/**
 * The workspace of issue 4 in the REAL weapp bundle (dist/) under miniprogram-simulate: the staff
 * inbox (a subpackage page) and a notice page render from the demo backend, with no missing template
 * and no error.
 */
import { assertBuilt, launchWeapp, signInByTap, storedRows, waitFor, type PageHandle, type WeappApp } from '../support/weapp-harness'

jest.setTimeout(60_000)


function texts(page: PageHandle, selector: string): string[] {
  return page.comp.querySelectorAll(selector).map((n) => n.dom.textContent ?? '')
}

let app: WeappApp | null = null
afterEach(() => {
  app?.close()
  app = null
})
beforeAll(() => assertBuilt())

test('staff open the workspace: the inbox of the community, most urgent first, overdue flagged', async () => {
  app = await launchWeapp()
  // The tab-badge and share APIs WeChat has and the simulator lacks: no-op stand-ins.
  Object.assign(app.wx, { setTabBarBadge: jest.fn(), removeTabBarBadge: jest.fn(), showShareMenu: jest.fn() })
  ;(await signInByTap(app, '张敏')).close()

  const page = await app.openPage('staff/workspace/index')
  await waitFor(() => page.comp.querySelectorAll('.inbox-row').length > 0, 'inbox rows')
  expect(page.text()).toContain('待办工单')
  expect(texts(page, '.inbox-row__deadline')[0]).toMatch(/^⚠ 已超期/)
  expect(texts(page, '.workspace__action')).toEqual(expect.arrayContaining(['统计看板', '发布通知', '帮邻居代报']))
  expect(app.errors).toEqual([])
  expect(app.missingTemplates()).toEqual([])
})

test('a resident opens a notice: its text as text, marked read', async () => {
  app = await launchWeapp()
  Object.assign(app.wx, { setTabBarBadge: jest.fn(), removeTabBarBadge: jest.fn(), showShareMenu: jest.fn() })
  ;(await signInByTap(app, '王秀兰')).close()
  const notices = storedRows<{ id: string; title: string; scope: { kind: string } }>(app.storage, 'notices')
  const notice = notices.find((n) => n.scope.kind === 'community')!

  const page = await app.openPage('notices/detail/index', { id: notice.id })
  await waitFor(() => page.text().includes(notice.title), 'the notice to load')
  expect(texts(page, '.notice__body')[0].length).toBeGreaterThan(10)
  await waitFor(
    () => storedRows<{ noticeId: string; userId: string }>(app!.storage, 'noticeReads').some((r) => r.noticeId === notice.id && r.userId === 'u-wang'),
    'the notice marked read by u-wang',
  )
  expect(app.errors).toEqual([])
  expect(app.missingTemplates()).toEqual([])
})
