/**
 * The REAL weapp bundle (dist/, built by `npm run build:weapp`) running under miniprogram-simulate:
 * Taro's runtime, React, MobX and the app's stores exactly as a WeChat client would load them, with
 * the WXML compiled by the official wcc compiler. See test/support/weapp-harness.ts for what the
 * harness stands in for (App/Page/getApp/getCurrentPages and the wx APIs).
 *
 * Every test launches a fresh app on empty storage, as a first start on a new phone does.
 */
import fs from 'fs'
import os from 'os'
import path from 'path'
import { assertBuilt, buildMode, DIST, findTaroNodes, launchWeapp, signInByTap, storedRows, TOKEN_KEY, waitFor, type SimNode, type WeappApp } from '../support/weapp-harness'

// jest 29 ignores testTimeout inside a `projects` entry, so the project's 60 s never applies.
jest.setTimeout(60_000)

const ELDER_KEY = 'linli.ui.elder'

interface StoredEvent {
  id: string
  reportId: string
  at: string
  public: boolean
}
interface StoredState {
  reports: Array<{ id: string; reporterId: string; status: string; description: string }>
  events: StoredEvent[]
  sessions: Array<{ tokenHash: string; userId: string }>
}

/** What the memory store wrote to wx storage (its chunked layout: see storedRows). */
function state(app: WeappApp): StoredState {
  return { reports: storedRows(app.storage, 'reports'), events: storedRows(app.storage, 'events'), sessions: storedRows(app.storage, 'sessions') }
}

/**
 * The stored state once the memory backend has seeded the demo community. The backend loads on its
 * first call (src/api/memory/lazy.ts); signed out, the sign-in page's demo accounts are that call.
 */
async function seededState(app: WeappApp): Promise<StoredState> {
  if (![...app.storage.keys()].some((k) => k.startsWith('linli.mem'))) await app.openPage('auth/sign-in/index')
  return waitFor(() => {
    const stored = state(app)
    return stored.reports.length > 0 ? stored : null
  }, 'the demo community seeded into wx storage')
}

/** Classes as written in the source: the DOM carries them prefixed with the component's tag name. */
function classesOf(node: SimNode): string[] {
  return Array.from(node.dom.classList).map((c) => c.replace(/^[\w-]+?--/, ''))
}

/** Signs in as a demo resident the way a user does: open the sign-in page and tap the account. */

let app: WeappApp | null = null
afterEach(() => {
  app?.close()
  app = null
})

beforeAll(() => {
  // Fails (never skips) every test below when there is no build: run npm run build:weapp first.
  assertBuilt()
})

describe('the build under test', () => {
  test('is the memory-mode build: the embedded demo backend, no HTTP adapter', () => {
    expect({ dist: DIST, mode: buildMode() }).toEqual({ dist: DIST, mode: 'memory' })
  })

  test('the harness tells the modes apart by the adapter a build carries', () => {
    const made: string[] = []
    const fake = (appJs: string) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-weapp-mode-'))
      made.push(dir)
      fs.writeFileSync(path.join(dir, 'app.js'), appJs)
      return dir
    }
    try {
      expect(buildMode(fake('const e="linli.mem.token"'))).toBe('memory')
      expect(buildMode(fake('const t={prefix:"/api/v1"}'))).toBe('http')
      expect(buildMode(fake('"linli.mem.token";"/api/v1"'))).toBe('both adapters')
      expect(buildMode(fake('App({})'))).toBe('no adapter found')
    } finally {
      for (const dir of made) fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('weapp bundle under miniprogram-simulate', () => {
  test('the app launches: App() is called and onLaunch restores the session without errors', async () => {
    app = await launchWeapp()

    // App() got Taro's app object, and getApp() answers it, as in WeChat.
    expect(app.appConfig).toBeTruthy()
    expect(typeof app.appConfig.onLaunch).toBe('function')
    expect(typeof app.appConfig.onShow).toBe('function')
    expect((globalThis as any).getApp()).toBe(app.appConfig)

    // onLaunch → useLaunch → root.start() → session.restore(): only then does the home page know the
    // user is signed out and show the sign-in card (status stays 'unknown' otherwise).
    const home = await app.openPage('pages/home/index')
    await waitFor(() => home.text().includes('登录后可以反映问题'), 'the signed-out card (session restored by onLaunch)')
    expect(app.storage.has(TOKEN_KEY)).toBe(false)

    // No token on this phone: the demo backend (a file of the sign-in subpackage, ADR 33) is not
    // loaded to know there is no session, and has written nothing yet.
    expect(app.loadedFiles()).not.toContain('auth/demo-backend.js')
    expect([...app.storage.keys()].filter((k) => k.startsWith('linli.mem'))).toEqual([])

    // Its first call (the sign-in page's demo accounts) loads it by require.async, and it seeds the demo community.
    const seeded = await seededState(app)
    expect(seeded.reports.length).toBeGreaterThan(0)
    expect(app.loadedFiles()).toContain('auth/demo-backend.js')

    // No React/Taro crash along the way (e.g. "Cannot read properties of undefined (reading
    // 'ReactCurrentBatchConfig')" when react and the reconciler disagree).
    expect(app.errors).toEqual([])
    expect(app.missingTemplates()).toEqual([])
    expect(app.currentPages().map((p) => p.route)).toEqual(['pages/home/index', 'auth/sign-in/index'])
  })

  test('the home page renders the big report button and the community header', async () => {
    app = await launchWeapp()
    const home = await app.openPage('pages/home/index')

    const data = JSON.stringify(home.instance.data.root)
    expect(data).toContain('我要反映问题')
    expect(data).toContain('邻里')

    // …and the wcc-compiled templates turned that data into DOM.
    const report = home.comp.querySelector('.home__report')
    expect(report).toBeDefined()
    expect(report!.dom.textContent).toContain('我要反映问题（随手拍）')
    expect(home.comp.querySelector('.home__community')!.dom.textContent).toBe('邻里 · 社区一站通')
    expect(home.text()).toContain('长辈模式')

    // Signed out, the report button sends the user to sign in (tap → Taro event → onClick → wx API).
    await waitFor(() => home.text().includes('登录后可以反映问题'), 'the signed-out card')
    home.comp.querySelector('.home__report')!.dispatchEvent('tap')
    await waitFor(() => app!.spies.navigateTo.mock.calls.length > 0, 'navigateTo after tapping the report button')
    expect(app.spies.navigateTo.mock.calls[0][0]).toMatchObject({ url: '/auth/sign-in/index' })
    expect(app.errors).toEqual([])
    expect(app.missingTemplates()).toEqual([])
  })

  test('tapping a demo account signs in: tap → Taro handler → React → session store → storage and setData', async () => {
    app = await launchWeapp()
    const signIn = await app.openPage('auth/sign-in/index')
    await waitFor(() => signIn.text().includes('王秀兰'), 'demo accounts to render')
    const accounts = signIn.comp.querySelectorAll('.sign-in__account')
    expect(accounts.length).toBeGreaterThanOrEqual(2)
    expect(app.storage.has(TOKEN_KEY)).toBe(false)

    const wang = accounts.find((a) => (a.dom.textContent ?? '').includes('王秀兰'))!
    wang.dispatchEvent('tap')

    // The memory client stored the session token through Taro.setStorageSync → wx.setStorageSync…
    const token = await waitFor(() => app!.storage.get(TOKEN_KEY), `${TOKEN_KEY} in storage`)
    expect(token).toBeTruthy()
    // …for a session the backend opened for u-wang.
    expect(state(app).sessions.map((s) => s.userId)).toEqual(['u-wang'])
    // The page's handler went on: success toast, then back to the home tab.
    await waitFor(() => app!.spies.switchTab.mock.calls.length > 0, 'switchTab to home')
    expect(app.spies.switchTab.mock.calls[0][0]).toMatchObject({ url: '/pages/home/index' })
    expect(app.spies.showToast.mock.calls.map((c) => c[0].title)).toContain('已登录：王秀兰')

    // The session store is shared app-wide: a page opened now renders the signed-in user.
    signIn.close()
    const home = await app.openPage('pages/home/index')
    await waitFor(() => home.text().includes('王秀兰，您好'), 'the greeting for the signed-in user')
    // Signing in also loaded the community directory (a reaction on session.user).
    await waitFor(() => home.comp.querySelector('.home__community')?.dom.textContent === '映月社区', 'the community name')
    expect(home.text()).not.toContain('登录后可以反映问题')
    expect(app.errors).toEqual([])
    expect(app.missingTemplates()).toEqual([])
  })

  test('toggling 长辈模式 on the me page writes linli.ui.elder and re-renders the page in elder mode', async () => {
    app = await launchWeapp()
    const me = await app.openPage('pages/me/index')
    const root = () => findTaroNodes(me.instance.data.root, (n) => typeof n.cl === 'string' && /\bpage\b/.test(n.cl))[0]
    expect(root().cl).not.toMatch(/\belder\b/)
    expect(app.storage.has(ELDER_KEY)).toBe(false)

    const toggle = me.comp.querySelector('.nut-switch')
    expect(toggle).toBeDefined()
    toggle!.dispatchEvent('tap')

    await waitFor(() => app!.storage.get(ELDER_KEY) === '1', `${ELDER_KEY} = '1'`)
    await waitFor(() => /\belder\b/.test(root().cl), 'the page class to gain "elder"')
    expect(classesOf(me.comp.querySelector('.page')!)).toContain('elder')
    expect(me.comp.querySelector('.nut-switch')!.dom.className).not.toMatch(/nut-switch-close/)
  })

  // Regression, found by this harness: Taro's reconciler commits the tap's two updates separately on
  // weapp (mobx's sync re-render, then NutUI's own setLoading(true)); NutUI's Switch cleared `loading`
  // only when `checked` changed, so it stuck "loading" (an <i> icon base.wxml has no template for) and
  // ignored every further tap. The screens pass loadingIcon={null}; a second tap must turn it off.
  test('the 长辈模式 switch turns elder mode off again on a second tap', async () => {
    app = await launchWeapp()
    const me = await app.openPage('pages/me/index')
    me.comp.querySelector('.nut-switch')!.dispatchEvent('tap')
    await waitFor(() => app!.storage.get(ELDER_KEY) === '1', `${ELDER_KEY} = '1'`)
    await new Promise((resolve) => setTimeout(resolve, 200))

    const switchNode = () => findTaroNodes(me.instance.data.root, (n) => /\bnut-switch\b/.test(n.cl ?? ''))[0]
    expect(findTaroNodes(switchNode(), (n) => n.nn === 'i' && /nut-icon-Loading1/.test(n.cl ?? ''))).toHaveLength(0)

    me.comp.querySelector('.nut-switch')!.dispatchEvent('tap')
    await waitFor(() => app!.storage.get(ELDER_KEY) === '0', `${ELDER_KEY} = '0'`)
    await waitFor(() => !/\belder\b/.test(me.comp.querySelector('.page')!.dom.className), 'the page class to lose "elder"')
    expect(app.missingTemplates()).toEqual([])
  })

  test('the report detail page renders the native status-timeline component for a seeded report', async () => {
    app = await launchWeapp()

    // The seeded report of u-wang with the longest resident-visible history.
    const seeded = await seededState(app)
    const publicEvents = (reportId: string) => seeded.events.filter((e) => e.reportId === reportId && e.public)
    const report = seeded.reports
      .filter((r) => r.reporterId === 'u-wang')
      .sort((a, b) => publicEvents(b.id).length - publicEvents(a.id).length)[0]
    expect(report).toBeDefined()
    const expectedIds = publicEvents(report.id)
      .sort((a, b) => a.at.localeCompare(b.at))
      .reverse()
      .map((e) => e.id)
    expect(expectedIds.length).toBeGreaterThanOrEqual(2)

    // Signed out, the page is behind the sign-in gate and draws no timeline.
    const gated = await app.openPage('reports/detail/index', { id: report.id })
    await waitFor(() => gated.text().includes('请先登录'), 'the sign-in gate')
    expect(findTaroNodes(gated.instance.data.root, (n) => n.nn === 'status-timeline')).toHaveLength(0)
    gated.close()

    ;(await signInByTap(app, '王秀兰')).close()

    const detail = await app.openPage('reports/detail/index', { id: report.id })
    await waitFor(() => detail.text().includes('办理进度') && detail.text().includes(report.description), 'the report to load')

    // Taro rendered the native component through base.wxml's tmpl_*_status-timeline…
    const [timelineNode] = await waitFor(() => {
      const nodes = findTaroNodes(detail.instance.data.root, (n) => n.nn === 'status-timeline')
      return nodes.length ? nodes : null
    }, 'a status-timeline node in data.root')
    expect(timelineNode.events.map((e: { id: string }) => e.id)).toEqual(expectedIds)

    // …and the component (its own shadow tree, its own wxml) drew one st-item per visible event,
    // newest first, the newest marked current.
    const timeline = detail.comp.querySelector(`#${timelineNode.uid || timelineNode.sid}`)
    expect(timeline).toBeDefined()
    const items = timeline!.querySelectorAll('.st-item')
    expect(items.map((i) => i.dom.getAttribute('data-id'))).toEqual(expectedIds)
    expect(classesOf(items[0])).toContain('st-current')
    items.slice(1).forEach((i) => expect(classesOf(i)).not.toContain('st-current'))
    expect(timeline!.querySelectorAll('.st-title').map((t) => t.dom.textContent)).toEqual(
      timelineNode.events.map((e: { title: string }) => e.title),
    )
    expect(timeline!.querySelectorAll('.st-actor')[expectedIds.length - 1].dom.textContent).toContain('王秀兰')
    expect(timeline!.querySelector('.st-empty')).toBeUndefined()

    // The page's own DOM does not hold the items: they live inside the component.
    expect(detail.comp.querySelectorAll('.st-item')).toHaveLength(0)
    expect(app.errors).toEqual([])
    expect(app.missingTemplates()).toEqual([])
  })
})

describe('toasts in the bundle', () => {
  test('stay 2.5 s, and 5 s in elder mode (a slower reader)', async () => {
    app = await launchWeapp()
    ;(await signInByTap(app, '王秀兰')).close()
    await waitFor(() => app!.spies.showToast.mock.calls.length > 0, 'the sign-in toast')
    expect(app.spies.showToast.mock.calls.at(-1)![0]).toMatchObject({ title: '已登录：王秀兰', duration: 2500 })
    app.close()

    app = await launchWeapp({ storage: { [ELDER_KEY]: '1' } })
    ;(await signInByTap(app, '王秀兰')).close()
    await waitFor(() => app!.spies.showToast.mock.calls.length > 0, 'the sign-in toast')
    expect(app.spies.showToast.mock.calls.at(-1)![0]).toMatchObject({ title: '已登录：王秀兰', duration: 5000 })
  })
})
