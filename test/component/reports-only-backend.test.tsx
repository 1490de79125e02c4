/**
 * A backend that offers reports and nothing else (an Open311 city system, issue 14): every screen
 * a resident reaches hides what the backend lacks and never calls it. The client is the memory
 * adapter with its capabilities all off but `reports`, and every group (or method) those
 * capabilities stand for replaced by one that records the call and rejects.
 */
import { act, waitFor } from '@testing-library/react'
import type { ComponentType } from 'react'
import type { ApiClient } from '../../src/api/client'
import type { Capabilities } from '../../src/api/capabilities'
import { ApiError } from '../../src/api/errors'
import { MemoryBackend } from '../../src/api/memory/backend'
import { fakeNetwork } from '../../src/platform/network'
import { memoryStorage } from '../../src/platform/storage'
import HomePage from '../../src/pages/home/index'
import MePage from '../../src/pages/me/index'
import MessagesPage from '../../src/pages/messages/index'
import TasksPage from '../../src/pages/tasks/index'
import ReportDetailPage from '../../src/reports/detail/index'
import NewReportPage from '../../src/reports/new/index'
import { RootStore } from '../../src/stores/root-store'
import { recordingClient } from '../unit/support/memory-world'
import { all, disposeRoots, renderPage, usePageTests } from './support/app'

usePageTests()

const REPORTS_ONLY: Capabilities = {
  demoSignIn: false,
  wechatSignIn: false,
  reports: true,
  photoUpload: false,
  meToo: false,
  handling: false,
  messages: false,
  notices: false,
  conventions: false,
  services: false,
  dashboard: false,
  membership: false,
  moderation: false,
  audit: false,
}

/** A group the backend lacks: each call is recorded (`group.method`) and rejected. */
function missing<T extends object>(group: string, calls: string[]): T {
  return new Proxy({} as T, {
    get(_target, method) {
      if (typeof method !== 'string' || method === 'then') return undefined
      return () => {
        calls.push(`${group}.${method}`)
        return Promise.reject(new ApiError('not_supported', '当前后端暂不支持'))
      }
    },
  })
}

/** The memory client as a reports-only backend; `calls` lists what the app asked of the missing parts. */
function reportsOnly(api: ApiClient, calls: string[]): ApiClient {
  const refuse = (name: string) => () => {
    calls.push(name)
    return Promise.reject(new ApiError('not_supported', '当前后端暂不支持'))
  }
  return {
    ...api,
    capabilities: REPORTS_ONLY,
    session: {
      ...api.session,
      listDemoAccounts: refuse('session.listDemoAccounts'),
      signInDemo: refuse('session.signInDemo'),
      signInWithWeChat: refuse('session.signInWithWeChat'),
    },
    media: missing('media', calls),
    reports: { ...api.reports, meToo: refuse('reports.meToo'), listPublic: refuse('reports.listPublic') },
    handling: missing('handling', calls),
    messages: missing('messages', calls),
    notices: missing('notices', calls),
    conventions: missing('conventions', calls),
    services: missing('services', calls),
    dashboard: missing('dashboard', calls),
    communities: missing('communities', calls),
    households: missing('households', calls),
    invites: missing('invites', calls),
    people: missing('people', calls),
    profile: missing('profile', calls),
    admin: missing('admin', calls),
    moderation: missing('moderation', calls),
    audit: missing('audit', calls),
  }
}

/** 王秀兰 signed in on a reports-only backend (the session restored from the device, as after a sign-in there). */
async function residentApp() {
  const storage = memoryStorage()
  const network = fakeNetwork(true)
  const { api } = recordingClient({ backend: new MemoryBackend({ storage }), storage, network })
  await api.session.signInDemo('u-wang')
  const calls: string[] = []
  const root = new RootStore({ api: reportsOnly(api, calls), storage, network })
  await act(async () => {
    await root.start()
  })
  expect(root.session.user?.id).toBe('u-wang')
  await waitFor(() => expect(root.directory.categories.length).toBeGreaterThan(0))
  await waitFor(() => expect(root.myReports.items.length).toBeGreaterThan(0))
  return { root, calls }
}

/** Render a page and let what it starts settle. */
async function show(root: RootStore, Page: ComponentType, params: Record<string, string> = {}) {
  const view = renderPage(root, Page, params)
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 50))
  })
  return view
}

afterEach(() => disposeRoots())

test.each([
  ['首页', HomePage, '.home__report'],
  ['办事', TasksPage, '.tasks__head'],
  ['消息', MessagesPage, '.messages'],
  ['我的', MePage, '.me'],
] as const)('%s renders without calling what the backend lacks', async (_name, Page, landmark) => {
  const { root, calls } = await residentApp()
  const view = await show(root, Page)
  await waitFor(() => expect(all(landmark).length).toBeGreaterThan(0))
  expect(calls).toEqual([])
  view.unmount()
})

test('the report form and a report\'s page render without calling what the backend lacks; no photo picker', async () => {
  const { root, calls } = await residentApp()
  const form = await show(root, NewReportPage)
  await waitFor(() => expect(all('.report-form__submit')).toHaveLength(1))
  expect(all('.photo-grid')).toHaveLength(0)
  expect(all('[aria-label^="添加照片"]')).toHaveLength(0)
  expect(all('.report-form__destination').map((e) => e.textContent)).toEqual(['将提交至：映月社区'])
  form.unmount()

  const report = root.myReports.items[0]
  const detail = await show(root, ReportDetailPage, { id: report.id })
  await waitFor(() => expect(all('.report-detail__category').map((e) => e.textContent)).toEqual([report.categoryName]))
  expect(calls).toEqual([])
  detail.unmount()
})

test('我的 offers no 退出登录 where nobody can sign in (it would leave a sign-in page with nothing on it)', async () => {
  const { root } = await residentApp()
  expect(root.session.canSignIn).toBe(false)
  const view = await show(root, MePage)
  await waitFor(() => expect(all('.me').length).toBeGreaterThan(0))
  expect(all('.me__signout')).toHaveLength(0)
  view.unmount()
})

test('我的 says where an Open311 build’s reports go, and that the list is kept on the phone', async () => {
  const { root } = await residentApp()
  ;(root as { backendMode: string }).backendMode = 'open311'
  const view = await show(root, MePage)
  await waitFor(() => expect(all('.me').length).toBeGreaterThan(0))
  expect(document.body.textContent).toContain('诉求提交至映月社区，由其工作人员办理；您提交过的诉求保存在这台手机上')
  view.unmount()
})
