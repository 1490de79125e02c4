/**
 * The weapp tab bar (src/custom-tab-bar: WeChat's custom tab bar, app.json tabBar.custom) in the REAL
 * bundle (dist/) under miniprogram-simulate, and the sizes its compiled wxss gives it: elder labels
 * ≥ 18 px and elder tabs ≥ 60 px high on a 375 px phone (36rpx and 120rpx), normal tabs ≥ 44 px.
 */
import fs from 'fs'
import path from 'path'
import { wxssRules } from './support/wxss'
import { assertBuilt, DIST, findTaroNodes, launchWeapp, signInByTap, waitFor, type PageHandle, type SimNode, type WeappApp } from '../support/weapp-harness'

jest.setTimeout(60_000)

const ELDER_KEY = 'linli.ui.elder'
const LABELS = ['首页', '办事', '消息', '我的']

interface ComponentHandle {
  comp: SimNode
  instance: any
  text(): string
  close(): void
}

/**
 * Mounts a component of the bundle (a path under dist/ without extension) the way WeChat mounts the
 * custom tab bar beside a tab page: simulate.load + render + attach. launchWeapp() loaded the
 * miniprogram-simulate this uses (and patched its runJs), so it runs in the same app process.
 */
async function openComponent(app: WeappApp, file: string): Promise<ComponentHandle> {
  void app
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const simulate = require('miniprogram-simulate')
  // Taro gives a component `behaviors: {}` and `externalClasses: {}` when it has none (WeChat takes
  // that); simulate maps over them: hand it arrays.
  const g = globalThis as any
  const register = g.Component
  const asList = (value: unknown) => (Array.isArray(value) ? value : [])
  g.Component = (config: any) => register({ ...config, behaviors: asList(config.behaviors), externalClasses: asList(config.externalClasses) })
  let id: string
  try {
    id = simulate.load(path.join(DIST, file), { compiler: 'official', rootPath: DIST })
  } finally {
    g.Component = register
  }
  const comp: SimNode = simulate.render(id)
  const parent = document.createElement('parent-wrapper')
  document.body.appendChild(parent)
  comp.attach(parent)
  await waitFor(() => comp.instance.data.root?.cn?.length > 0, `${file} to render into data.root`)
  return { comp, instance: comp.instance, text: () => comp.dom.textContent ?? '', close: () => comp.detach() }
}

/** Classes as written in the source: the DOM carries them prefixed with the component's tag name. */
function classesOf(node: SimNode): string[] {
  return Array.from(node.dom.classList).map((c) => c.replace(/^[\w-]+?--(?=[a-z])/, ''))
}


let app: WeappApp | null = null
const opened: Array<ComponentHandle | PageHandle> = []
afterEach(() => {
  opened.splice(0).forEach((h) => h.close())
  app?.close()
  app = null
})
beforeAll(() => assertBuilt())

describe('the custom tab bar in the weapp bundle', () => {
  test('app.json asks WeChat for a custom tab bar, over the same four tab pages, and the build has it', () => {
    const appJson = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
    expect(appJson.tabBar.custom).toBe(true)
    expect(appJson.tabBar.list.map((t: { pagePath: string; text: string }) => [t.pagePath, t.text])).toEqual([
      ['pages/home/index', '首页'],
      ['pages/tasks/index', '办事'],
      ['pages/messages/index', '消息'],
      ['pages/me/index', '我的'],
    ])
    expect(JSON.parse(fs.readFileSync(path.join(DIST, 'custom-tab-bar/index.json'), 'utf8'))).toMatchObject({ component: true })
    for (const icon of ['home', 'tasks', 'messages', 'me']) {
      expect(fs.existsSync(path.join(DIST, `assets/tab/${icon}.png`))).toBe(true)
      expect(fs.existsSync(path.join(DIST, `assets/tab/${icon}-on.png`))).toBe(true)
    }
  })

  test('shows the four tabs, highlights the page on screen, and tapping 消息 switches to it', async () => {
    app = await launchWeapp()
    const home = await app.openPage('pages/home/index')
    opened.push(home)
    const bar = await openComponent(app, 'custom-tab-bar/index')
    opened.push(bar)

    const items = () => bar.comp.querySelectorAll('.tab-bar__item')
    await waitFor(() => items().length === 4, 'four tab items')
    expect(bar.comp.querySelectorAll('.tab-bar__label').map((n) => n.dom.textContent)).toEqual(LABELS)
    // 首页 is on screen: it is the selected tab, with its selected icon.
    expect(items().map((n) => classesOf(n).includes('tab-bar__item--on'))).toEqual([true, false, false, false])
    // (simulate draws <image> without its src: read it off Taro's render tree, where attribute names
    // are shortened, p4 and the like)
    const icons = findTaroNodes(bar.instance.data.root, (n) => n.cl === 'tab-bar__icon')
    expect(icons.map((n) => Object.values(n).find((v) => typeof v === 'string' && v.endsWith('.png')))).toEqual([
      '/assets/tab/home-on.png',
      '/assets/tab/tasks.png',
      '/assets/tab/messages.png',
      '/assets/tab/me.png',
    ])
    // Normal mode: no elder class.
    expect(classesOf(bar.comp.querySelector('.tab-bar')!)).not.toContain('tab-bar--elder')

    items()[2].dispatchEvent('tap')
    await waitFor(() => app!.spies.switchTab.mock.calls.length > 0, 'switchTab after tapping 消息')
    expect(app.spies.switchTab.mock.calls[0][0]).toMatchObject({ url: '/pages/messages/index' })
    // …and 消息 is highlighted at once (the bar of the next tab page is drawn from the same store).
    await waitFor(() => classesOf(items()[2]).includes('tab-bar__item--on'), '消息 highlighted after the tap')

    // The 我的 page shown next marks its own tab.
    const me = await app.openPage('pages/me/index')
    opened.push(me)
    await waitFor(() => classesOf(items()[3]).includes('tab-bar__item--on'), '我的 highlighted once the me page is shown')
    expect(items().map((n) => classesOf(n).includes('tab-bar__item--on'))).toEqual([false, false, false, true])
    expect(app.errors).toEqual([])
    expect(app.missingTemplates()).toEqual([])
  })

  test('in elder mode (the stored choice) its root carries the elder class', async () => {
    app = await launchWeapp({ storage: { [ELDER_KEY]: '1' } })
    const home = await app.openPage('pages/home/index')
    opened.push(home)
    const bar = await openComponent(app, 'custom-tab-bar/index')
    opened.push(bar)
    const root = await waitFor(() => bar.comp.querySelector('.tab-bar'), 'the tab bar root')
    expect(classesOf(root)).toEqual(expect.arrayContaining(['tab-bar', 'tab-bar--elder', 'elder']))
    expect(bar.text()).toContain('消息')
    expect(app.errors).toEqual([])
  })

  test('the unread badge is on 消息 once a resident with unread notices is signed in (no setTabBarBadge)', async () => {
    app = await launchWeapp()
    const setTabBarBadge = jest.fn()
    Object.assign(app.wx, { setTabBarBadge, removeTabBarBadge: jest.fn(), showShareMenu: jest.fn() })
    ;(await signInByTap(app, '王秀兰')).close()
    const home = await app.openPage('pages/home/index')
    opened.push(home)
    const bar = await openComponent(app, 'custom-tab-bar/index')
    opened.push(bar)
    const badge = await waitFor(() => bar.comp.querySelector('.tab-bar__badge'), 'the badge on 消息')
    expect(badge.dom.textContent).toMatch(/^(\d+|99\+)$/)
    const messagesTab = bar.comp.querySelectorAll('.tab-bar__item')[2]
    expect(messagesTab.dom.textContent).toContain(badge.dom.textContent!)
    expect(setTabBarBadge).not.toHaveBeenCalled()
    expect(app.errors).toEqual([])
  })
})

// ---- the sizes the compiled wxss gives it -------------------------------------------------------

/** The declarations of every rule whose selector list contains `selector`, in source order. */
function declarations(wxss: string, selector: string): Array<Record<string, string>> {
  return wxssRules(wxss)
    .filter((r) => r.selectors.includes(selector))
    .map((r) => r.declarations)
}

/** The last value `selector` gets for `prop`, in rpx (throws when it is not an rpx length). */
function rpx(wxss: string, selector: string, prop: string): number {
  const values = declarations(wxss, selector)
    .map((d) => d[prop])
    .filter(Boolean)
  const value = values.at(-1)
  // A size kept on narrow phones is max(<375 px value>px, <n>rpx) (config/postcss-size-floor.js): its rpx part.
  const m = value?.match(/^(?:max\([\d.]+px,\s*)?(\d+(?:\.\d+)?)rpx\)?$/)
  if (!m) throw new Error(`${selector} { ${prop} } is ${value ?? 'not set'}, not an rpx length`)
  return Number(m[1])
}

/** WCAG contrast of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const full = hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(full.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl
  }
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

describe('the compiled tab bar styles (dist/custom-tab-bar/index.wxss; 750rpx = the phone width)', () => {
  const wxss = () => fs.readFileSync(path.join(DIST, 'custom-tab-bar/index.wxss'), 'utf8')

  test('elder mode: labels ≥ 36rpx (18 px at 375), tabs ≥ 120rpx high (60 px) and ≥ 120rpx wide', () => {
    const css = wxss()
    expect(rpx(css, '.tab-bar--elder .tab-bar__label', 'font-size')).toBeGreaterThanOrEqual(36)
    expect(rpx(css, '.tab-bar--elder .tab-bar__item', 'min-height')).toBeGreaterThanOrEqual(120)
    expect(rpx(css, '.tab-bar--elder .tab-bar__badge', 'font-size')).toBeGreaterThanOrEqual(36)
    // Four tabs share the width (flex: 1): 187.5rpx each.
    expect(declarations(css, '.tab-bar__item').some((d) => d.flex === '1')).toBe(true)
    expect(750 / 4).toBeGreaterThanOrEqual(120)
  })

  test('normal mode: tabs ≥ 88rpx high (44 px)', () => {
    expect(rpx(wxss(), '.tab-bar__item', 'min-height')).toBeGreaterThanOrEqual(88)
  })

  test('label and badge colours are ≥ 4.5:1 against their background', () => {
    const css = wxss()
    const color = (selector: string, prop = 'color') => declarations(css, selector).map((d) => d[prop]).filter(Boolean).at(-1)!
    const bar = color('.tab-bar', 'background')
    expect(contrast(color('.tab-bar__item'), bar)).toBeGreaterThanOrEqual(4.5)
    expect(contrast(color('.tab-bar__item--on'), bar)).toBeGreaterThanOrEqual(4.5)
    expect(contrast(color('.tab-bar__badge'), color('.tab-bar__badge', 'background'))).toBeGreaterThanOrEqual(4.5)
  })

  test('tab pages keep room for the bar at their end (app.wxss, weapp only)', () => {
    const app = ['app.wxss', 'app-origin.wxss'].map((f) => (fs.existsSync(path.join(DIST, f)) ? fs.readFileSync(path.join(DIST, f), 'utf8') : '')).join('\n')
    const bottom = (selector: string) => declarations(app, selector).map((d) => d['padding-bottom']).filter(Boolean).at(-1) ?? ''
    const bar = (selector: string) => Number(bottom(selector).match(/calc\((\d+)rpx/)?.[1] ?? 0)
    const barHeight = rpx(wxss(), '.tab-bar__item', 'min-height')
    const elderBarHeight = rpx(wxss(), '.tab-bar--elder .tab-bar__item', 'min-height')
    expect(bar('.page.page--list.tasks')).toBeGreaterThanOrEqual(barHeight)
    expect(bar('.page.page--list.messages')).toBeGreaterThanOrEqual(barHeight)
    expect(bar('.page.home')).toBeGreaterThanOrEqual(barHeight)
    expect(bar('.page.me')).toBeGreaterThanOrEqual(barHeight)
    expect(bar('.page.page--list.elder.tasks')).toBeGreaterThanOrEqual(elderBarHeight)
    expect(bar('.page.elder.home')).toBeGreaterThanOrEqual(elderBarHeight)
    expect(bottom('.page.home')).toContain('env(safe-area-inset-bottom)')
  })
})
