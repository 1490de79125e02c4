import { existsSync } from 'node:fs'
import type { Server } from 'node:http'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startServer, type RunningServer } from '../../contract/support/server-process'
import { launchChromium } from '../../support/browser'
import { serveStatic } from '../../support/static-server'
import { expectUi, shownOn, UI_TIMEOUT, watchPageErrors } from './ui'

const ROOT = join(__dirname, '..', '..', '..')
/** The http H5 build under test; LINLI_H5_HTTP_DIST points elsewhere (e.g. to check the missing-build failure). */
export const HTTP_DIST = process.env.LINLI_H5_HTTP_DIST || join(ROOT, 'dist-h5-http')

/**
 * The whole stack for a browser test: the reference server (a child process on in-memory PGlite,
 * demo mode, seeded 映月社区), the http H5 build on one origin in front of it, and Chromium, where
 * each person gets a phone of their own (a fresh browser context: its own storage, its own session).
 */
export interface FullStack {
  api: RunningServer
  /** The app's URL (the H5 build; /api is proxied to the server). */
  base: string
  pages: Page[]
  /** Uncaught page errors, labelled by phone. */
  pageErrors: string[]
  /** Every 5xx answer the server gave a phone: a failure even when the screen hides it. */
  serverErrors: string[]
  phone(label: string): Promise<Page>
  /** Sign in through the sign-in page, as a person would; lands on 首页 greeting them by name. */
  signIn(page: Page, userId: string, name: string): Promise<void>
  close(): Promise<void>
}

/**
 * A phone of its own for one person: a fresh browser context (kept in `contexts`, to close), its page
 * with the UI timeout, its uncaught errors and the server's 5xx answers to it collected by `label`.
 */
export async function openPhone(browser: Browser, contexts: BrowserContext[], label: string, pageErrors: string[], serverErrors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
  contexts.push(context)
  const page = await context.newPage()
  page.setDefaultTimeout(UI_TIMEOUT)
  watchPageErrors(page, pageErrors, label)
  page.on('response', (res) => {
    if (res.status() >= 500) serverErrors.push(`[${label}] ${res.request().method()} ${new URL(res.url()).pathname} → ${res.status()}`)
    if (process.env.LINLI_E2E_TRACE && res.status() >= 400) console.log(`[${label}] ${res.request().method()} ${res.url()} → ${res.status()}`)
  })
  return page
}

/** `testClock`: the server's clock can be moved on (`api.advanceClock`, see server-process.ts); `env`: more of the server's environment. */
export async function startFullStack(options: { testClock?: boolean; env?: Record<string, string> } = {}): Promise<FullStack> {
  // Never pass vacuously: without the build there is nothing to test.
  if (!existsSync(join(HTTP_DIST, 'index.html'))) {
    throw new Error(
      `${join(HTTP_DIST, 'index.html')} is missing: run the http H5 build first (npm test does it: ` +
        'NODE_ENV=production TARO_APP_API_MODE=http TARO_APP_API_BASE_URL= npx taro build --type h5)',
    )
  }
  let api: RunningServer | undefined
  let web: Server | undefined
  let browser: Browser | undefined
  let base = ''
  const contexts: BrowserContext[] = []
  const close = async () => {
    for (const context of contexts) await context.close().catch(() => undefined)
    await browser?.close().catch(() => undefined)
    await new Promise<void>((resolve) => (web ? web.close(() => resolve()) : resolve()))
    await api?.stop()
  }
  try {
    api = await startServer({ testClock: options.testClock, ...(options.env ? { env: options.env } : {}) })
    const served = await serveStatic(HTTP_DIST, 0, api.baseUrl)
    web = served.server
    base = served.url
    browser = await launchChromium()
  } catch (error) {
    await close()
    throw error
  }
  const pages: Page[] = []
  const pageErrors: string[] = []
  const serverErrors: string[] = []
  const phone = async (label: string): Promise<Page> => {
    const page = await openPhone(browser!, contexts, label, pageErrors, serverErrors)
    pages.push(page)
    return page
  }
  const signIn = async (page: Page, userId: string, name: string): Promise<void> => {
    const shown = shownOn(page)
    await page.goto(`${base}#/pages/home/index`)
    await shown('.home__greeting').waitFor()
    await page.goto(`${base}#/auth/sign-in/index`)
    const account = shown(`.sign-in__account[data-user="${userId}"]`)
    await expectUi(account).toContainText(name)
    await account.click()
    await expectUi(shown('.home__greeting')).toHaveText(`${name}，您好`)
    if (!page.url().includes('#/pages/home/index')) throw new Error(`after signing in as ${name} the app is at ${page.url()}, not 首页`)
  }
  return { api, base, pages, pageErrors, serverErrors, phone, signIn, close }
}
