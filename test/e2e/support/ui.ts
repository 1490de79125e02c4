/**
 * What the browser tests share: Playwright's web-first assertions rebuilt on playwright-core
 * (`expectUi`), the Taro-aware `shown()` locator, and numbered step screenshots.
 */
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'

/** Generous for a slow CI machine; every wait is for something the user would see. */
export const UI_TIMEOUT = 10_000

export type Shown = (selector: string, options?: { text?: string }) => Locator

/**
 * Only what is on the page the user is looking at: Taro H5 keeps hidden pages of the stack in the
 * DOM, so every selector is scoped to the stationed, visible page, and to visible elements.
 */
export function shownOn(page: Page): Shown {
  return (selector, options = {}) =>
    page.locator(`.taro_page_stationed:visible ${selector}`, options.text ? { hasText: options.text } : {}).locator('visible=true')
}

/** Collect uncaught errors of a page (a test asserts the list stays empty). */
export function watchPageErrors(page: Page, errors: string[], label?: string): void {
  page.on('pageerror', (error) => errors.push(`${label ? `[${label}] ` : ''}${error.stack ?? error.message}`))
}

/** Tap a tab of the H5 tab bar by its label. */
export async function tapTab(page: Page, label: string): Promise<void> {
  await page.locator('.weui-tabbar__item', { has: page.locator('.weui-tabbar__label', { hasText: label }) }).click()
}

export interface Steps {
  /** `NN-name.png` in the artifacts folder, once the page's slide-in and any toast have settled. */
  screenshot(page: Page, name: string): Promise<void>
  /**
   * Run a step; on failure keep a picture of every page (`failed-name[-N].png`) and name the step in
   * the error. After the step, no page may have thrown.
   */
  step(name: string, run: () => Promise<void>): Promise<void>
}

export function recordSteps(options: { dir: string; pageErrors: string[]; pages: () => Page[] }): Steps {
  let shot = 0
  const screenshot = async (page: Page, name: string): Promise<void> => {
    shot += 1
    await page.locator('.taro_page.taro_page_stationed:visible').first().waitFor()
    await page.waitForTimeout(350)
    await page.screenshot({ path: join(options.dir, `${String(shot).padStart(2, '0')}-${name}.png`) })
  }
  const step = async (name: string, run: () => Promise<void>): Promise<void> => {
    try {
      await run()
    } catch (error) {
      const pages = options.pages().filter((p) => !p.isClosed())
      for (const [i, page] of pages.entries()) {
        const file = pages.length > 1 ? `failed-${name}-${i + 1}.png` : `failed-${name}.png`
        await page.screenshot({ path: join(options.dir, file) }).catch(() => undefined)
      }
      if (error instanceof Error) error.message = `step "${name}": ${error.message}`
      throw error
    }
    expect(options.pageErrors).toEqual([])
  }
  return { screenshot, step }
}

/** Playwright's web-first assertions (without @playwright/test): each polls until it holds. */
export function expectUi(locator: Locator) {
  return locatorMatchers(locator)
}

export async function poll(describe: () => Promise<string>, check: () => Promise<boolean>, timeout = UI_TIMEOUT): Promise<void> {
  const deadline = Date.now() + timeout
  for (;;) {
    let ok = false
    try {
      ok = await check()
    } catch {
      ok = false
    }
    if (ok) return
    if (Date.now() > deadline) throw new Error(await describe().catch((e) => String(e)))
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()

function locatorMatchers(locator: Locator) {
  const texts = async () => (await locator.allTextContents()).map(norm)
  const describe = (what: string) => async () => `${locator} ${what}; found ${JSON.stringify(await texts())}`
  return {
    async toHaveText(expected: string | RegExp | Array<string>, options: { timeout?: number } = {}) {
      const matches = (t: string, e: string | RegExp) => (typeof e === 'string' ? t === norm(e) : e.test(t))
      await poll(
        describe(`expected text ${JSON.stringify(String(expected))}`),
        async () => {
          const found = await texts()
          if (Array.isArray(expected)) return found.length === expected.length && found.every((t, i) => matches(t, expected[i]))
          return found.length === 1 && matches(found[0], expected)
        },
        options.timeout,
      )
    },
    async toContainText(expected: string, options: { timeout?: number } = {}) {
      await poll(
        describe(`expected to contain ${JSON.stringify(expected)}`),
        async () => {
          const found = await texts()
          return found.length > 0 && found.every((t) => t.includes(norm(expected)))
        },
        options.timeout,
      )
    },
    async toHaveCount(count: number, options: { timeout?: number } = {}) {
      await poll(describe(`expected ${count} element(s)`), async () => (await locator.count()) === count, options.timeout)
    },
    async toHaveAttribute(name: string, value: string | RegExp, options: { timeout?: number } = {}) {
      await poll(
        async () => `${locator} expected [${name}] ${String(value)}; found ${JSON.stringify((await locator.first().getAttribute(name))?.slice(0, 80))}`,
        async () => {
          const v = await locator.first().getAttribute(name, { timeout: 500 })
          return v !== null && (typeof value === 'string' ? v === value : value.test(v))
        },
        options.timeout,
      )
    },
    async toBeVisible(options: { timeout?: number } = {}) {
      await poll(describe('expected to be visible'), () => locator.first().isVisible(), options.timeout)
    },
  }
}

/** The <img> has actually decoded (not a broken image icon). */
export async function expectImageLoaded(img: Locator): Promise<void> {
  await poll(
    async () => `${img} did not load an image`,
    () => img.first().evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0),
  )
}

/** The id in the app's hash route (`#/booking/detail/index?id=…`). */
export function idInUrl(page: Page): string {
  return decodeURIComponent(new URL(page.url().replace('#', '')).searchParams.get('id') ?? '')
}

/**
 * The virtual list of the page in view is at rest: what it draws has not moved for 0.4 s and is
 * measured (each entry's slot as tall as the entry), or has not moved for 0.6 s (the library retries
 * a measurement every 0.1 s, 5 times at most; a list measured while its page was hidden never
 * measures again). A tap while the rows still move can land beside its target. (Leaving the page
 * while it measured also used to throw from Taro H5's selector query; the build no longer lets it,
 * see ADR 16 and between-pages.test.ts.) A person reads the list before tapping; the test waits for
 * what they would see, a list at rest.
 */
export async function listSettled(page: Page): Promise<void> {
  const slots = () =>
    page.evaluate(() =>
      Array.from(document.querySelectorAll('.taro_page_stationed .virtual-page__entry'))
        .filter((e) => (e as HTMLElement).offsetParent !== null)
        .map((e) => ({ id: e.id, slot: (e.parentElement as HTMLElement).offsetHeight, height: (e as HTMLElement).offsetHeight })),
    )
  let last = ''
  let since = Date.now()
  await poll(
    async () => `the list is still measuring: ${JSON.stringify(await slots())}`,
    async () => {
      const now = await slots()
      const shape = JSON.stringify(now)
      if (shape !== last) {
        last = shape
        since = Date.now()
        return false
      }
      const measured = now.every((e) => Math.abs(e.slot - e.height) <= 1)
      return Date.now() - since >= (measured ? 400 : 600)
    },
  )
}

/** The page's route as Taro shows it (`/consult/vote/index?id=…`), to see it change. */
const routeOf = (page: Page) => page.url().split('#')[1] ?? ''

/**
 * The navigation bar's back arrow (or its home icon, when the page is the first of the stack),
 * then wait until the page left has gone from the DOM: Taro H5 removes it once its slide-out ends
 * (about 0.3 s), and going back again before that leaves a stale page behind (the next page opened
 * then stays blank and throws).
 */
export async function goBack(page: Page): Promise<void> {
  await listSettled(page)
  const before = routeOf(page)
  const count = await page.locator('.taro_page').count()
  const home = page.locator('.taro-navigation-bar-home:visible')
  const viaHome = (await home.count()) > 0
  if (viaHome) await home.first().click()
  else await page.locator('.taro-navigation-bar-back:visible').first().click()
  await poll(
    async () => `going back from ${before}: at ${routeOf(page)} with ${await page.locator('.taro_page').count()} pages in the DOM (${count} before)`,
    async () => routeOf(page) !== before && (viaHome ? (await page.locator('.taro_page').count()) <= count : (await page.locator('.taro_page').count()) < count),
  )
}

/** Reach a tab from wherever the person is, as they would: back until the tab bar shows, then the tab. */
export async function toTab(page: Page, label: string): Promise<void> {
  const tabBar = page.locator('.weui-tabbar__item', { has: page.locator('.weui-tabbar__label', { hasText: label }) })
  for (let i = 0; i < 6 && !(await tabBar.isVisible()); i++) await goBack(page)
  await tapTab(page, label)
}

/** Tap something on a page drawn by a virtual list, once the list is at rest (see listSettled). */
export async function tapSettled(page: Page, target: Locator): Promise<void> {
  await target.first().waitFor()
  await listSettled(page)
  await target.click()
}

/** Taro's modal (a confirm()): its title, then the button that acts. */
export async function confirmModal(page: Page, title: string): Promise<void> {
  const shownTitle = page.locator('.taro__modal .taro-modal__title').locator('visible=true')
  await expectUi(shownTitle).toHaveText(title)
  await page.locator('.taro__modal .taro-model__confirm').locator('visible=true').click()
  await expectUi(shownTitle).toHaveCount(0)
}
