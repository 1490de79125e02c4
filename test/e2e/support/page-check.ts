/**
 * The page check (issue 9): every page of the H5 memory build, as each role that can reach it, in
 * normal and in elder mode (长辈模式). On each page it measures every visible text node (font size,
 * line height, contrast against its background) and every tappable element (its box), and runs
 * axe-core. Elder mode must meet the MIIT 适老化 numbers: text ≥ 18 px (inputs and text areas too),
 * targets ≥ 60×60, contrast ≥ 4.5:1, line height ≥ 1.3; normal mode: targets ≥ 44×44. axe-core: no
 * serious or critical violation in either mode. A screenshot of every page in elder mode goes to
 * artifacts/pages/.
 *
 * Used by test/e2e/pages*.test.ts (part of `npm test`, through support/page-check-files.ts) and `npm run check:pages` (scripts/check-pages.ts).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Server } from 'node:http'
import type { Browser, Locator, Page } from 'playwright-core'
import { launchChromium } from '../../support/browser'
import { serveStatic } from '../../support/static-server'
import { BOOKING_RESIDENT_IDS, BOOKING_RESIDENT_PAGES } from './pages-booking-resident'
import { BOOKING_STAFF_IDS, BOOKING_STAFF_PAGES } from './pages-booking-staff'
import { CONVENTION_IDS, CONVENTION_PAGES } from './pages-conventions'
import { listSettled } from './ui'
import { PROPOSAL_IDS, PROPOSAL_PAGES } from './pages-proposals'

const ROOT = join(__dirname, '..', '..', '..')

/** The numbers (CSS px on a 375 px wide phone). */
export const LIMITS = {
  elder: { text: 18, target: 60, contrast: 4.5, lineHeight: 1.3 },
  normal: { target: 44 },
}

export type Role = 'guest' | 'u-wang' | 'u-zhang' | 'u-zhou' | 'u-sun' | 'u-xin' | 'u-he' | 'u-street'
export type Ids = Record<string, string | undefined>

export interface PageSpec {
  role: Role
  name: string
  /** The hash route; a function of the ids looked up for this role. */
  route: string | ((ids: Ids) => string | undefined)
  /** Shown once the page has what it is for (not a sign-in gate or a loading line). */
  ready: string
  /** Bring the page into a state of its own first (a photo picked, a dialog open); `shown` is scoped to the visible page. */
  act?: (page: Page, shown: (selector: string) => Locator) => Promise<void>
  /** Also measure Taro's H5 tab bar and navigation bar around this page (a row of their own). */
  chrome?: boolean
  /** A dialog the page's act opened outside the page (Taro H5's showModal on <body>): measured and axe-checked in a row of its own. */
  overlay?: string
}

const PHOTO = join(ROOT, 'test', 'fixtures', 'streetlight.png')

/** Every route of src/app.config.ts, each as a role that can reach it. */
export const PAGES: PageSpec[] = [
  { role: 'guest', name: 'sign-in', route: '/auth/sign-in/index', ready: '.sign-in__account' },
  { role: 'guest', name: 'home (signed out)', route: '/pages/home/index', ready: '.home__greeting' },
  { role: 'guest', name: 'tasks (signed out)', route: '/pages/tasks/index', ready: '.screen-signin__btn' },
  { role: 'guest', name: 'messages (signed out)', route: '/pages/messages/index', ready: '.messages' },
  { role: 'guest', name: 'me (signed out)', route: '/pages/me/index', ready: '.me__elder' },
  { role: 'guest', name: 'onboarding/privacy (signed out)', route: '/onboarding/privacy/index', ready: '.privacy__item' },
  { role: 'u-wang', name: 'home', route: '/pages/home/index', ready: '.home__greeting', chrome: true },
  { role: 'u-wang', name: 'tasks', route: '/pages/tasks/index', ready: '.report-row' },
  { role: 'u-wang', name: 'messages', route: '/pages/messages/index', ready: '.messages__section' },
  { role: 'u-wang', name: 'me', route: '/pages/me/index', ready: '.me__name' },
  { role: 'u-wang', name: 'reports/new', route: '/reports/new/index', ready: '.report-form__submit' },
  {
    role: 'u-wang',
    name: 'reports/new (refused, photo)',
    route: '/reports/new/index',
    ready: '.report-form__submit',
    act: async (page, shown) => {
      await shown('.report-form__submit').click()
      await shown('.field-error').first().waitFor()
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), shown('.photo-grid__add').click()])
      await chooser.setFiles(PHOTO)
      await shown('.photo-grid__remove').waitFor()
    },
  },
  {
    role: 'u-wang',
    name: 'reports/new (清空重填 asks)',
    route: '/reports/new/index',
    ready: '.report-form__submit',
    overlay: '.taro__modal',
    act: async (page, shown) => {
      await shown('.report-form__description textarea').fill('3号楼北门口的下水道井盖松了')
      await shown('.report-form__discard').click()
      await page.locator('.taro__modal .taro-modal__title').locator('visible=true').first().waitFor()
    },
  },
  {
    role: 'u-wang',
    name: 'reports/new (privacy dialog)',
    route: '/reports/new/index',
    ready: '.report-form__submit',
    // WeChat's privacy authorization has no H5 counterpart: the request WeChat would make is handed to
    // the store the way src/platform/privacy.ts does, and the dialog every screen draws is measured.
    act: async (page, shown) => {
      await page.evaluate(`window.__linli.root.privacy.ask({ purpose: 'location', shown() {}, answer() {} })`)
      await shown('.privacy-dialog__agree').waitFor()
    },
  },
  {
    role: 'u-wang',
    name: 'reports/new (emergency)',
    route: '/reports/new/index',
    ready: '.report-form__submit',
    act: async (_page, shown) => {
      await shown('.report-form__chip--danger').click()
      await shown('.emergency-stop__dismiss').waitFor()
    },
  },
  { role: 'u-wang', name: 'reports/detail', route: (ids) => ids.report && `/reports/detail/index?id=${ids.report}`, ready: '.report-detail__category', chrome: true },
  { role: 'u-wang', name: 'reports/detail (resolved)', route: (ids) => ids.resolved && `/reports/detail/index?id=${ids.resolved}`, ready: '.report-detail__rate' },
  { role: 'u-wang', name: 'reports/rate', route: (ids) => ids.resolved && `/reports/rate/index?id=${ids.resolved}`, ready: '.rate__levels' },
  {
    role: 'u-wang',
    name: 'reports/rate (unsatisfied)',
    route: (ids) => ids.resolved && `/reports/rate/index?id=${ids.resolved}`,
    ready: '.rate__levels',
    act: async (_page, shown) => {
      await shown('.rate__level--unsatisfied').click()
      await shown('.rate__warn').waitFor()
    },
  },
  { role: 'u-wang', name: 'notices/detail', route: (ids) => ids.notice && `/notices/detail/index?id=${ids.notice}`, ready: '.notice__title' },
  { role: 'u-wang', name: 'messages/thread', route: (ids) => ids.thread && `/messages/thread/index?id=${ids.thread}`, ready: '.composer' },
  { role: 'u-wang', name: 'onboarding/my-data', route: '/onboarding/my-data/index', ready: '.my-data__section' },
  { role: 'u-wang', name: 'onboarding/privacy', route: '/onboarding/privacy/index', ready: '.privacy__rights' },
  { role: 'u-wang', name: 'onboarding/invite', route: '/onboarding/invite/index', ready: '.invite__submit' },
  {
    role: 'u-wang',
    name: 'onboarding/invite (refused)',
    route: '/onboarding/invite/index',
    ready: '.invite__submit',
    act: async (_page, shown) => {
      await shown('.invite__code input').fill('ABCD')
      await shown('.invite__submit').click()
      await shown('.field-error').waitFor()
    },
  },
  {
    role: 'u-wang',
    name: 'me (注销账号 asks)',
    route: '/pages/me/index',
    ready: '.me__delete',
    overlay: '.taro__modal',
    act: async (page, shown) => {
      await shown('.me__delete').click()
      await page.locator('.taro__modal .taro-modal__title').locator('visible=true').first().waitFor()
    },
  },
  // A newcomer (新用户, in no community yet): home asks them to choose theirs, then the claim.
  { role: 'u-xin', name: 'home (no community)', route: '/pages/home/index', ready: '.home__choose' },
  { role: 'u-xin', name: 'me (no community)', route: '/pages/me/index', ready: '.me__choose' },
  { role: 'u-xin', name: 'onboarding/community', route: '/onboarding/community/index', ready: '.community__search' },
  {
    role: 'u-xin',
    name: 'onboarding/community (results)',
    route: '/onboarding/community/index',
    ready: '.community__search',
    act: async (_page, shown) => {
      await shown('.community__search input').fill('映月')
      await shown('.community__result').waitFor()
    },
  },
  {
    role: 'u-xin',
    name: 'onboarding/household',
    route: '/onboarding/household/index',
    ready: '.household',
    act: async (page, shown) => {
      await page.evaluate(`(async () => {
        const { api, root } = window.__linli
        const found = await api.communities.byCode('YYDEMO')
        root.session.replaceUser(await api.communities.join(found.id))
      })()`)
      await shown('.household__submit').waitFor()
    },
  },
  {
    role: 'u-xin',
    name: 'onboarding/household (refused)',
    route: '/onboarding/household/index',
    ready: '.household__submit',
    act: async (_page, shown) => {
      await shown('.household__submit').click()
      await shown('.field-error').waitFor()
    },
  },
  {
    role: 'u-xin',
    name: 'onboarding/household (pending)',
    route: '/onboarding/household/index',
    ready: '.household__submit',
    act: async (_page, shown) => {
      await shown('[data-chips="building"] [data-value="b-3"]').click()
      await shown('[data-chips="room"] [data-value="301"]').click()
      await shown('.household__name input').fill('辛晓梅')
      await shown('.household__phone input').fill('13900000011')
      await shown('.household__submit').click()
      await shown('.household__pending').waitFor()
    },
  },
  { role: 'u-xin', name: 'home (claim pending)', route: '/pages/home/index', ready: '.membership-banner' },
  { role: 'u-zhang', name: 'me', route: '/pages/me/index', ready: '.workspace-entry' },
  { role: 'u-zhang', name: 'staff/workspace', route: '/staff/workspace/index', ready: '.inbox-row' },
  { role: 'u-zhang', name: 'staff/handle', route: (ids) => ids.inbox && `/staff/handle/index?id=${ids.inbox}`, ready: '.handle__category' },
  {
    role: 'u-zhang',
    name: 'staff/handle (a move open)',
    route: (ids) => ids.inbox && `/staff/handle/index?id=${ids.inbox}`,
    ready: '.handle__category',
    act: async (_page, shown) => {
      await shown('.handle__move').first().click()
      await shown('.handle__panel').waitFor()
    },
  },
  { role: 'u-zhang', name: 'staff/dashboard', route: '/staff/dashboard/index', ready: '.dashboard__tiles' },
  { role: 'u-zhang', name: 'notices/publish', route: '/notices/publish/index', ready: '.publish__submit' },
  { role: 'u-zhang', name: 'notices/receipts', route: (ids) => ids.ownNotice && `/notices/receipts/index?id=${ids.ownNotice}`, ready: '.receipts__count' },
  // Content security (issue 13): 内容审核 (staff, admins) and 操作记录 (staff, admins, street officers).
  { role: 'u-zhang', name: 'staff/moderation', route: '/staff/moderation/index', ready: '.moderation__summary' },
  {
    role: 'u-zhang',
    name: 'staff/moderation (held, 不通过 open)',
    route: '/staff/moderation/index',
    ready: '.moderation__summary',
    act: async (page, shown) => {
      // 王秀兰 asks the community on the same backend; 加微信 is held by the built-in word list.
      await page.evaluate(`(async () => {
        const { root, newClient } = window.__linli
        const wang = newClient()
        await wang.session.signInDemo('u-wang')
        await wang.messages.send('general', '二手冰箱便宜卖，有意的邻居加微信详聊')
        await root.moderation.refresh()
      })()`)
      await shown('.moderation__row').first().waitFor()
      await shown('.moderation__reject').first().click()
      await shown('.moderation__confirm-reject').click()
      await shown('.field-error').first().waitFor()
    },
  },
  { role: 'u-zhang', name: 'staff/audit', route: '/staff/audit/index', ready: '.audit__row' },
  { role: 'u-zhou', name: 'staff/workspace', route: '/staff/workspace/index', ready: '.workspace__big' },
  { role: 'u-zhou', name: 'staff/assisted', route: '/staff/assisted/index', ready: '.assisted__submit' },
  {
    role: 'u-zhou',
    name: 'staff/assisted (a toast)',
    route: '/staff/assisted/index',
    ready: '.assisted__submit',
    // Taro H5's toast (the same for every Taro.showToast) hides itself after 2.5 s, before both modes
    // are measured: a copy of the one shown is kept on <body> for the measurement.
    overlay: '.linli-pinned-toast',
    act: async (page, shown) => {
      await shown('.assisted__submit').click()
      await page.locator('.taro__toast').first().waitFor({ state: 'attached' })
      await page.evaluate(`(() => {
        const shown = [...document.querySelectorAll('.taro__toast')].pop()
        const copy = shown.cloneNode(true)
        copy.classList.add('linli-pinned-toast')
        copy.style.opacity = '1'
        document.body.appendChild(copy)
      })()`)
    },
  },
  { role: 'u-zhou', name: 'notices/publish', route: '/notices/publish/index', ready: '.publish__submit' },
  { role: 'u-zhou', name: 'notices/receipts', route: (ids) => ids.ownNotice && `/notices/receipts/index?id=${ids.ownNotice}`, ready: '.receipts__count' },
  { role: 'u-sun', name: 'staff/workspace', route: '/staff/workspace/index', ready: '.inbox-row' },
  { role: 'u-sun', name: 'staff/handle', route: (ids) => ids.inbox && `/staff/handle/index?id=${ids.inbox}`, ready: '.handle__category' },
  { role: 'u-sun', name: 'tasks', route: '/pages/tasks/index', ready: '.tasks' },
  // The community's management (admin/): claims, invites, people, the community code, its settings.
  { role: 'u-zhang', name: 'admin/claims', route: '/admin/claims/index', ready: '.claims__summary' },
  {
    role: 'u-zhang',
    name: 'admin/claims (驳回 open)',
    route: '/admin/claims/index',
    ready: '.claims__summary',
    act: async (page, shown) => {
      // A newcomer claims 3号楼301 on the same backend; the list reads it again.
      await page.evaluate(`(async () => {
        const { root, newClient } = window.__linli
        const xin = newClient()
        await xin.session.signInDemo('u-xin')
        const found = await xin.communities.byCode('YYDEMO')
        await xin.communities.join(found.id)
        await xin.households.claim({ buildingId: 'b-3', room: '301', name: '辛晓梅', phone: '13900000011' })
        await root.claimsReview.refresh()
      })()`)
      await shown('.claims__row').waitFor()
      await shown('.claims__reject').click()
      await shown('.claims__reason').waitFor()
    },
  },
  { role: 'u-zhang', name: 'admin/invites', route: '/admin/invites/index', ready: '.invites__submit' },
  {
    role: 'u-zhang',
    name: 'admin/invites (created)',
    route: '/admin/invites/index',
    ready: '.invites__submit',
    act: async (_page, shown) => {
      await shown('[data-chips="role"] [data-value="grid_worker"]').click()
      await shown('[data-chips="grids"] [data-value="g-2"]').click()
      await shown('.invites__submit').click()
      await shown('.invites__code').waitFor()
    },
  },
  { role: 'u-zhang', name: 'admin/people', route: '/admin/people/index', ready: '.people__member' },
  { role: 'u-zhang', name: 'admin/join-code', route: '/admin/join-code/index', ready: '.join-code__code' },
  { role: 'u-zhou', name: 'admin/claims', route: '/admin/claims/index', ready: '.claims__summary' },
  { role: 'u-he', name: 'me', route: '/pages/me/index', ready: '.workspace-entry' },
  { role: 'u-he', name: 'staff/workspace', route: '/staff/workspace/index', ready: '.workspace__admin' },
  { role: 'u-he', name: 'admin/invites', route: '/admin/invites/index', ready: '.invites__submit' },
  { role: 'u-he', name: 'admin/people', route: '/admin/people/index', ready: '.people__member' },
  { role: 'u-he', name: 'admin/structure', route: '/admin/structure/index', ready: '.structure__section' },
  {
    role: 'u-he',
    name: 'admin/structure (editing)',
    route: '/admin/structure/index',
    ready: '.structure__section',
    act: async (_page, shown) => {
      await shown('.structure__row').click()
      await shown('.structure__save').waitFor()
    },
  },
  { role: 'u-street', name: 'me', route: '/pages/me/index', ready: '.workspace-entry' },
  { role: 'u-street', name: 'staff/dashboard', route: '/staff/dashboard/index', ready: '.dashboard__tiles' },
  { role: 'u-street', name: 'staff/audit', route: '/staff/audit/index', ready: '.audit__row' },
  { role: 'u-he', name: 'staff/moderation', route: '/staff/moderation/index', ready: '.moderation__summary' },
  // Conventions and consultation (consult/): their own lists, kept next to the pages' owners.
  ...CONVENTION_PAGES,
  ...PROPOSAL_PAGES,
  // Service booking (booking/).
  ...BOOKING_RESIDENT_PAGES,
  ...BOOKING_STAFF_PAGES,
]

export type Mode = 'normal' | 'elder'

export interface Miss {
  kind: 'text' | 'line-height' | 'contrast' | 'target' | 'overflow' | 'overlap'
  selector: string
  text: string
  value: string
}

export interface Measured {
  role: Role
  page: string
  mode: Mode
  smallestText?: { px: number; selector: string; text: string }
  smallestTarget?: { w: number; h: number; selector: string; text: string }
  texts: number
  targets: number
  misses: Miss[]
  axe: Array<{ id: string; impact: string; nodes: string[] }>
  error?: string
  /** Taro's H5 tab bar and navigation bar, not the page (app.config.ts; native on WeChat). */
  chrome?: boolean
}

/**
 * Runs in the page (a string, so no bundler helper leaks into it). Measures the visible page of the
 * stack (Taro H5 keeps the others in the DOM, hidden) and answers texts, targets and misses.
 */
const MEASURE = String.raw`(limits) => {
  const elder = limits.mode === 'elder'
  const scopes = limits.scope
    ? [...document.querySelectorAll(limits.scope)].filter((p) => p.checkVisibility())
    : [[...document.querySelectorAll('.taro_page.taro_page_stationed')].find((p) => p.checkVisibility())].filter(Boolean)
  if (!scopes.length) return { error: 'nothing visible to measure' }
  const inScope = (el) => scopes.some((s) => s.contains(el))
  const visible = (el) => el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && el.getClientRects().length > 0
  const name = (el) => {
    const parts = []
    for (let e = el; e && !scopes.includes(e) && parts.length < 3; e = e.parentElement) {
      const cls = [...e.classList].filter((c) => !/^(taro_|hydrated|weui-|row$|grow$)/.test(c)).slice(0, 2)
      parts.unshift(e.tagName.toLowerCase().replace(/-core$/, '') + (cls.length ? '.' + cls.join('.') : ''))
      if (cls.some((c) => !c.startsWith('nut-'))) break
    }
    return parts.join(' > ')
  }
  const short = (s) => (s || '').replace(/\s+/g, ' ').trim().slice(0, 24)
  const disabled = (el) => !!el.closest('[disabled], [aria-disabled="true"], .nut-button-disabled, .nut-switch-disabled')
  // Colours: rgba of a computed colour; the background is the first painted one up the tree
  // (a gradient counts by its worst stop).
  const rgba = (s) => { const m = s.match(/[\d.]+/g); return m ? { r: +m[0], g: +m[1], b: +m[2], a: m[3] === undefined ? 1 : +m[3] } : { r: 0, g: 0, b: 0, a: 0 } }
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4) }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b) }
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05) }
  const over = (top, bottom) => ({ r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a), b: top.b * top.a + bottom.b * (1 - top.a), a: 1 })
  const backgrounds = (el) => {
    const layers = []
    for (let e = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e)
      const img = cs.backgroundImage
      if (img && img.includes('gradient')) {
        const stops = (img.match(/rgba?\([^)]*\)/g) || []).map(rgba)
        return { layers, base: stops.length ? stops : [{ r: 255, g: 255, b: 255, a: 1 }] }
      }
      const c = rgba(cs.backgroundColor)
      if (c.a >= 0.99) return { layers, base: [c] }
      if (c.a > 0) layers.push(c)
    }
    return { layers, base: [{ r: 255, g: 255, b: 255, a: 1 }] }
  }
  const contrast = (el) => {
    const cs = getComputedStyle(el)
    const { layers, base } = backgrounds(el)
    let worst = Infinity
    for (const b of base) {
      let bg = b
      for (const l of layers.slice().reverse()) bg = over(l, bg)
      const fg = over(rgba(cs.color), bg)
      worst = Math.min(worst, ratio(fg, bg))
    }
    return worst
  }

  const texts = []
  const seen = new Set()
  const addText = (el, text) => {
    const cs = getComputedStyle(el)
    const px = parseFloat(cs.fontSize)
    const lh = cs.lineHeight === 'normal' ? null : parseFloat(cs.lineHeight) / px
    texts.push({ el, text, px, lh, selector: name(el) })
  }
  for (const scope of scopes) {
  const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT)
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.nodeValue.trim()
    if (!text || !n.parentElement || !visible(n.parentElement) || n.parentElement.closest('.sr-only')) continue
    const range = document.createRange()
    range.selectNodeContents(n)
    const r = range.getBoundingClientRect()
    if (r.width < 1 || r.height < 1) continue
    addText(n.parentElement, text)
  }
  for (const el of scope.querySelectorAll('input, textarea')) {
    if (!visible(el) || el.type === 'file' || el.type === 'hidden') continue
    addText(el, el.value || el.placeholder || '(' + el.tagName.toLowerCase() + ')')
  }
  }

  // Tappable: native controls, roles, Taro's and NutUI's controls, and anything React listens to.
  const TAPPABLE = 'button, input, textarea, select, a[href], [role=button], [role=switch], [role=checkbox], [role=radio], [role=tab], [role=link], [aria-role=button], taro-button-core, taro-switch-core, taro-checkbox-core, taro-radio-core, .nut-button, .nut-switch, .nut-checkbox, .nut-radio, .taro-navigation-bar-home, .taro-navigation-bar-back, .weui-tabbar__item'
  // Taro's components add their onClick as a DOM listener (see LISTENERS); plain React elements keep it in their props.
  const listens = (el) => {
    if (window.__linliTappable && window.__linliTappable.has(el)) return true
    // Taro H5's own dialogs (showModal) set their buttons' onclick property.
    if (typeof el.onclick === 'function') return true
    const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'))
    const p = key && el[key]
    return !!(p && (p.onClick || p.onTap || p.onLongPress || p.onLongClick))
  }
  const targets = []
  for (const el of scopes.flatMap((s) => [...s.querySelectorAll('*')])) {
    if (!(el.matches(TAPPABLE) || listens(el))) continue
    if (el.type === 'file' || el.type === 'hidden' || !visible(el) || getComputedStyle(el).pointerEvents === 'none') continue
    // Taro's custom-element wrappers of a native control: the native control is what is measured.
    if (/^TARO-(INPUT|TEXTAREA)-CORE$/.test(el.tagName)) continue
    if (scopes.includes(el) || el.classList.contains('page')) continue
    const r = el.getBoundingClientRect()
    targets.push({ el, w: r.width, h: r.height, selector: name(el), text: short(el.innerText || el.value || el.placeholder || el.getAttribute('aria-label')) })
  }

  // A control inside a row that is its label and does the same on a tap ([data-tap-area], e.g. a
  // switch and its row) is as large as the row.
  const covered = (el) => {
    const area = el.parentElement && el.parentElement.closest('[data-tap-area]')
    if (!area || !inScope(area)) return false
    const r = area.getBoundingClientRect()
    return r.width >= limits.target - 0.5 && r.height >= limits.target - 0.5
  }
  for (let i = targets.length - 1; i >= 0; i--) if (covered(targets[i].el)) targets.splice(i, 1)
  const misses = []
  const EPS = 0.05
  for (const t of texts) {
    if (disabled(t.el)) continue
    if (elder && t.px < limits.text - EPS) misses.push({ kind: 'text', selector: t.selector, text: short(t.text), value: t.px.toFixed(1) + 'px' })
    if (elder && (t.lh === null || t.lh < limits.lineHeight - 0.01)) misses.push({ kind: 'line-height', selector: t.selector, text: short(t.text), value: t.lh === null ? 'normal' : t.lh.toFixed(2) })
    if (elder) {
      const c = contrast(t.el)
      if (c < limits.contrast - 0.01) misses.push({ kind: 'contrast', selector: t.selector, text: short(t.text), value: c.toFixed(2) + ':1' })
    }
  }
  for (const t of targets) {
    if (t.w < limits.target - 0.5 || t.h < limits.target - 0.5) misses.push({ kind: 'target', selector: t.selector, text: t.text, value: t.w.toFixed(0) + '×' + t.h.toFixed(0) })
    // A label that runs out of its button (wrapped past its height, or past its sides).
    const box = t.el.getBoundingClientRect()
    const w = document.createTreeWalker(t.el, NodeFilter.SHOW_TEXT)
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      if (!n.nodeValue.trim() || !n.parentElement || !visible(n.parentElement) || n.parentElement.closest('.sr-only')) continue
      const range = document.createRange()
      range.selectNodeContents(n)
      const b = range.getBoundingClientRect()
      if (b.width < 1 || b.height < 1) continue
      // What an element between clips (ellipsis, line clamp) is not seen: only the rest counts.
      const r = { top: b.top, bottom: b.bottom, left: b.left, right: b.right, width: b.width, height: b.height }
      for (let e = n.parentElement; e && e !== t.el; e = e.parentElement) {
        const cs = getComputedStyle(e)
        if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue
        const c = e.getBoundingClientRect()
        r.top = Math.max(r.top, c.top); r.bottom = Math.min(r.bottom, c.bottom); r.left = Math.max(r.left, c.left); r.right = Math.min(r.right, c.right)
      }
      if (r.top < box.top - 1 || r.bottom > box.bottom + 1 || r.left < box.left - 1 || r.right > box.right + 1) {
        misses.push({ kind: 'overflow', selector: t.selector, text: short(n.nodeValue), value: Math.round(r.width) + '×' + Math.round(r.height) + ' in ' + Math.round(box.width) + '×' + Math.round(box.height) })
        break
      }
    }
  }
  // A virtual list's entries are placed at the heights it measured: one drawn over the next means a
  // height it did not measure again (elder mode switched on a page already open, a card's margin).
  const entries = scopes.flatMap((s) => [...s.querySelectorAll('.virtual-page__entry')]).filter(visible)
  for (let i = 1; i < entries.length; i++) {
    const above = entries[i - 1].getBoundingClientRect()
    const below = entries[i].getBoundingClientRect()
    if (above.bottom > below.top + 1) misses.push({ kind: 'overlap', selector: name(entries[i]), text: short(entries[i].textContent || ''), value: Math.round(above.bottom - below.top) + 'px over the entry above' })
  }
  const minText = texts.reduce((a, t) => (!a || t.px < a.px ? t : a), null)
  const minTarget = targets.reduce((a, t) => (!a || Math.min(t.w, t.h) < Math.min(a.w, a.h) ? t : a), null)
  // The same miss on every row of a list counts once.
  const unique = []
  const keys = new Set()
  for (const m of misses) { const k = m.kind + m.selector + m.value; if (!keys.has(k)) { keys.add(k); unique.push(m) } }
  return {
    texts: texts.length,
    targets: targets.length,
    smallestText: minText && { px: +minText.px.toFixed(1), selector: minText.selector, text: short(minText.text) },
    smallestTarget: minTarget && { w: Math.round(minTarget.w), h: Math.round(minTarget.h), selector: minTarget.selector, text: minTarget.text },
    misses: unique,
  }
}`

/** Before any script of the page: remember every element something listens to for a tap. */
const LISTENERS = String.raw`(() => {
  const tappable = new WeakSet()
  window.__linliTappable = tappable
  const add = EventTarget.prototype.addEventListener
  EventTarget.prototype.addEventListener = function (type, ...rest) {
    if ((type === 'click' || type === 'tap' || type === 'longpress') && this instanceof Element && this.id !== 'app') tappable.add(this)
    return add.call(this, type, ...rest)
  }
})()`

const AXE_SOURCE = () => readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

/**
 * Wait until the page stops changing (data loaded, rows measured, slide-in done): nothing in the
 * document changed for `quiet` ms and the visible page has stopped moving, at most `timeout`. Watched
 * in the page, frame by frame, so a moved row (a style change of the same length) counts too.
 */
async function settle(page: Page, timeout = 6000, quiet = 300): Promise<void> {
  await page.evaluate(`new Promise((resolve) => {
    const deadline = performance.now() + ${timeout}
    let last = performance.now()
    let left = null
    const changes = new MutationObserver(() => { last = performance.now() })
    changes.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true })
    const frame = () => {
      const shown = [...document.querySelectorAll('.taro_page.taro_page_stationed')].find((e) => e.checkVisibility())
      const now = performance.now()
      const at = shown ? shown.getBoundingClientRect().left : null
      if (at !== left) { left = at; last = now }
      if ((shown && now - last >= ${quiet}) || now >= deadline) { changes.disconnect(); resolve(undefined) }
      else requestAnimationFrame(frame)
    }
    requestAnimationFrame(frame)
  })`)
}

/** The whole page: Taro H5 scrolls inside the page element, so the window grows to its height for the picture. */
async function screenshotWhole(page: Page, path: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 375, height: 812 }
  const height = (await page.evaluate(
    `(() => { const p = [...document.querySelectorAll('.taro_page.taro_page_stationed')].find((e) => e.checkVisibility()); if (!p) return 0; p.scrollTop = 0; return p.scrollHeight })()`,
  )) as number
  const extra = Math.max(0, height + 90 - size.height)
  if (extra) {
    // A taller window draws more of a virtual list: let it draw and measure those rows.
    await page.setViewportSize({ width: size.width, height: Math.min(size.height + extra, 6000) })
    await settle(page, 3000)
  }
  await page.screenshot({ path }).catch(() => undefined)
  if (extra) await page.setViewportSize(size)
}

/** axe-core's serious and critical violations within what `scope` (an expression in the page) finds; none when it finds nothing. */
async function seriousViolations(page: Page, scope: string): Promise<Measured['axe']> {
  return (await page.evaluate(`(async () => {
    const scope = ${scope}
    if (!scope) return []
    const r = await axe.run(scope, { resultTypes: ['violations'] })
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 4).map((n) => n.target.join(' ') + ' ' + (n.failureSummary || '').split('\\n').slice(1, 2).join('').trim()) }))
  })()`)) as Measured['axe']
}

async function setElder(page: Page, on: boolean): Promise<void> {
  await page.evaluate(`window.__linli.root.ui.setElderMode(${on})`)
  await settle(page, 3000)
}

async function lookUpIds(page: Page, role: Role): Promise<Ids> {
  if (role === 'guest') return {}
  return (await page.evaluate(`(async () => {
    const api = window.__linli.api
    const ids = {}
    const safe = async (f) => { try { return await f() } catch { return undefined } }
    const mine = await safe(() => api.reports.listMine({ limit: 50 }))
    if (mine) {
      ids.report = (mine.items.find((r) => r.status === 'in_progress') || mine.items[0] || {}).id
      ids.resolved = (mine.items.find((r) => r.status === 'resolved') || {}).id
    }
    const notices = await safe(() => api.notices.list({ limit: 50 }))
    if (notices) {
      ids.notice = (notices.items.find((n) => n.urgent || n.pinned) || notices.items[0] || {}).id
      for (const n of notices.items) if (!ids.ownNotice && (await safe(() => api.notices.receipts(n.id)))) ids.ownNotice = n.id
    }
    const threads = await safe(() => api.messages.listThreads())
    if (threads && threads.length) ids.thread = threads[0].id
    const inbox = await safe(() => api.handling.listInbox({ limit: 50 }))
    if (inbox && inbox.items.length) ids.inbox = (inbox.items.find((r) => r.status === 'in_progress') || inbox.items[0]).id
    ${CONVENTION_IDS}
    ${PROPOSAL_IDS}
    ${BOOKING_RESIDENT_IDS}
    ${BOOKING_STAFF_IDS}
    return ids
  })()`)) as Ids
}

const fileName = (m: Measured) => `${m.role}--${m.page.replace(/[^a-z0-9]+/gi, '-')}`.replace(/-+$/, '')

export interface CheckOptions {
  dist?: string
  /** Where the elder-mode screenshots go. */
  shots?: string
  /** Only the pages whose "role page" contains this. */
  only?: string
  /** Only these roles' pages (see `roleGroups`). */
  roles?: readonly string[]
  /** The phone's width in CSS px (default 375; the numbers hold from 320 up). */
  width?: number
  log?: (line: string) => void
}

/**
 * The roles split into `parts` groups of about as many pages each (the largest role first, into the
 * group with the fewest pages so far), so the check can run as several jest files side by side.
 * Every role is in exactly one group, whatever roles PAGES holds.
 */
export function roleGroups(parts: number): string[][] {
  const counts = new Map<string, number>()
  for (const p of PAGES) counts.set(p.role, (counts.get(p.role) ?? 0) + 1)
  const groups = Array.from({ length: parts }, () => ({ roles: [] as string[], pages: 0 }))
  for (const [role, n] of [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    const least = groups.reduce((a, b) => (b.pages < a.pages ? b : a))
    least.roles.push(role)
    least.pages += n
  }
  return groups.map((g) => g.roles)
}

/** Every role the check opens pages as, in the order PAGES first names them. */
export const PAGE_ROLES: readonly Role[] = [...new Set(PAGES.map((p) => p.role))]

/** How many page specs these roles have (each is measured in both modes). */
export const pageCount = (roles: readonly string[]) => PAGES.filter((p) => roles.includes(p.role)).length

/** Open every page in both modes; answers one row per page and mode. */
export async function checkPages(options: CheckOptions = {}): Promise<Measured[]> {
  const dist = options.dist ?? join(ROOT, 'dist-h5')
  const shots = options.shots ?? join(ROOT, 'artifacts', 'pages')
  const log = options.log ?? (() => undefined)
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${join(dist, 'index.html')} is missing: build the H5 memory build first`)
  mkdirSync(shots, { recursive: true })
  const axeSource = AXE_SOURCE()
  const results: Measured[] = []
  let server: Server | undefined
  let browser: Browser | undefined
  try {
    const served = await serveStatic(dist)
    server = served.server
    browser = await launchChromium()
    const roles = PAGE_ROLES.filter((role) => !options.roles || options.roles.includes(role))
    for (const role of roles) {
      const specs = PAGES.filter((p) => p.role === role && (!options.only || `${p.role} ${p.name}`.includes(options.only)))
      if (!specs.length) continue
      // A phone 375 px wide: 36 design px (750 wide) are 18 CSS px.
      const context = await browser.newContext({ viewport: { width: options.width ?? 375, height: 812 }, locale: 'zh-CN', deviceScaleFactor: 1 })
      await context.addInitScript(LISTENERS)
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      await page.goto(`${served.url}#/pages/home/index`)
      await page.waitForFunction('window.__linli && window.__linli.root')
      if (role !== 'guest') {
        const ok = await page.evaluate(`window.__linli.root.session.signInDemo(${JSON.stringify(role)})`)
        if (!ok) throw new Error(`demo sign-in as ${role} failed`)
      }
      const ids = await lookUpIds(page, role)
      for (const spec of specs) {
        const route = typeof spec.route === 'function' ? spec.route(ids) : spec.route
        const row = (mode: Mode): Measured => ({ role, page: spec.name, mode, texts: 0, targets: 0, misses: [], axe: [] })
        if (!route) {
          for (const mode of ['normal', 'elder'] as Mode[]) results.push({ ...row(mode), error: 'no data to open it with' })
          continue
        }
        await page.goto('about:blank')
        await page.goto(`${served.url}#${route}`)
        await page.waitForFunction('window.__linli && window.__linli.root')
        let error: string | undefined
        const shown = (selector: string) => page.locator(`.taro_page_stationed:visible ${selector}`).locator('visible=true').first()
        try {
          await shown(spec.ready).waitFor({ timeout: 10_000 })
        } catch {
          error = `${spec.ready} never showed`
        }
        if (!error && spec.act) {
          await settle(page, 3000)
          // A virtual list at rest before the act taps its rows (on a busy machine a tap landed while rows still moved).
          await listSettled(page).catch(() => undefined)
          await spec.act(page, shown).catch((e: Error) => {
            error = `could not bring the page into its state: ${e.message.split('\n')[0]}`
          })
        }
        for (const mode of ['normal', 'elder'] as Mode[]) {
          await setElder(page, mode === 'elder')
          const limits = mode === 'elder' ? { mode, ...LIMITS.elder } : { mode, target: LIMITS.normal.target }
          const m = (await page.evaluate(`(${MEASURE})(${JSON.stringify(limits)})`)) as Partial<Measured> & { error?: string }
          if (!(await page.evaluate('typeof window.axe'))?.toString().includes('object')) await page.addScriptTag({ content: axeSource })
          const axe = await seriousViolations(page, `[...document.querySelectorAll('.taro_page.taro_page_stationed')].find((p) => p.checkVisibility()) || document`)
          const result: Measured = { ...row(mode), ...m, axe, error: error ?? m.error }
          results.push(result)
          if (mode === 'elder') await screenshotWhole(page, join(shots, `${fileName(result)}.png`))
          log(line(result))
          if (spec.overlay) {
            const d = (await page.evaluate(`(${MEASURE})(${JSON.stringify({ ...limits, scope: spec.overlay })})`)) as Partial<Measured>
            const dialogAxe = await seriousViolations(page, `document.querySelector(${JSON.stringify(spec.overlay)})`)
            const dialog: Measured = { ...row(mode), page: `${spec.name} · dialog`, ...d, axe: dialogAxe }
            results.push(dialog)
            log(line(dialog))
          }
          if (spec.chrome) {
            // The tab bar and navigation bar as Taro's H5 runtime draws them (app.config.ts; native on WeChat).
            const c = (await page.evaluate(`(${MEASURE})(${JSON.stringify({ ...limits, scope: '.taro-tabbar__tabbar, .taro-navigation-bar-show' })})`)) as Partial<Measured>
            const chrome: Measured = { ...row(mode), page: `${spec.name} · H5 tab/nav bar`, ...c, axe: [], chrome: true }
            results.push(chrome)
            log(line(chrome))
          }
        }
        if (errors.length) results[results.length - 1].error = `page error: ${errors.splice(0).join('; ')}`
      }
      await context.close()
    }
  } finally {
    await browser?.close().catch(() => undefined)
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  }
  return results
}

/**
 * The page as it is now (a build of any mode, in any state a test brought it to), measured in both
 * modes with the same numbers and axe-core as every page of the check: the open311 build's report
 * form with a service's extra questions (test/e2e/open311.test.ts). Leaves the page in normal mode.
 */
export async function measureHere(page: Page, name: string): Promise<Measured[]> {
  const rows: Measured[] = []
  for (const mode of ['normal', 'elder'] as Mode[]) {
    await setElder(page, mode === 'elder')
    const limits = mode === 'elder' ? { mode, ...LIMITS.elder } : { mode, target: LIMITS.normal.target }
    const m = (await page.evaluate(`(${MEASURE})(${JSON.stringify(limits)})`)) as Partial<Measured> & { error?: string }
    if (!(await page.evaluate('typeof window.axe'))?.toString().includes('object')) await page.addScriptTag({ content: AXE_SOURCE() })
    const axe = await seriousViolations(page, `[...document.querySelectorAll('.taro_page.taro_page_stationed')].find((p) => p.checkVisibility()) || document`)
    rows.push({ role: 'guest', page: name, mode, texts: 0, targets: 0, misses: [], ...m, axe })
  }
  await setElder(page, false)
  return rows
}

function line(m: Measured): string {
  const text = m.smallestText ? `${m.smallestText.px.toFixed(1)}px` : '-'
  const target = m.smallestTarget ? `${m.smallestTarget.w}×${m.smallestTarget.h}` : '-'
  const ok = !m.error && m.misses.length === 0 && m.axe.length === 0
  const mark = ok ? '✔' : '✖'
  return `${mark} ${(m.role + ' ' + m.page).padEnd(30)} ${m.mode.padEnd(6)} text ${text.padStart(7)}  target ${target.padStart(8)}  misses ${String(m.misses.length).padStart(3)}  axe ${m.axe.length}${m.error ? `  ERROR ${m.error}` : ''}`
}

/** The table, then each page's misses and violations. */
export function report(results: Measured[]): string {
  const out: string[] = []
  out.push(`page check: elder text ≥ ${LIMITS.elder.text}px, line height ≥ ${LIMITS.elder.lineHeight}, contrast ≥ ${LIMITS.elder.contrast}:1, targets ≥ ${LIMITS.elder.target}×${LIMITS.elder.target}; normal targets ≥ ${LIMITS.normal.target}×${LIMITS.normal.target}; axe-core serious/critical = 0`)
  out.push(`  ${'role page'.padEnd(30)} mode   smallest text   smallest target`)
  for (const m of results) out.push(line(m))
  for (const m of results) {
    if (!m.misses.length && !m.axe.length) continue
    out.push(`\n── ${m.role} ${m.page} (${m.mode})`)
    for (const x of m.misses) out.push(`   ${x.kind.padEnd(11)} ${x.value.padStart(8)}  ${x.selector}  “${x.text}”`)
    for (const v of m.axe) out.push(`   axe ${v.impact} ${v.id}: ${v.nodes.join(' | ')}`)
  }
  const misses = results.reduce((n, m) => n + m.misses.length, 0)
  const axe = results.reduce((n, m) => n + m.axe.length, 0)
  const errors = results.filter((m) => m.error).length
  out.push(`\n${results.length} views (${results.filter((m) => m.chrome).length} of them H5 tab/nav bar): ${misses} misses, ${axe} serious/critical axe violations, ${errors} errors`)
  out.push(`(the H5 tab/nav bar is Taro's drawing of app.config.ts; on WeChat both are native and keep WeChat's sizes)`)
  return out.join('\n')
}

export function passed(results: Measured[]): boolean {
  return results.length > 0 && results.every((m) => !m.error && m.misses.length === 0 && m.axe.length === 0)
}
