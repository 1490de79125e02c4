/**
 * A resident's whole story in the H5 build, in a real (headless) Chromium:
 * sign in → report a broken street lamp with a photo → follow it → staff handle it (through a
 * second client on the same memory backend) → rate it 不满意 → it is reopened; then a report made
 * offline waits in the outbox and goes out once, when the network comes back; last, elder mode
 * makes the text and the buttons larger.
 *
 * Needs the H5 build: `npm run build:h5` (dist-h5/). Screenshots of every step go to artifacts/e2e/.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Server } from 'node:http'
import type { Browser, BrowserContext } from 'playwright-core'
import { launchChromium } from '../support/browser'
import { serveStatic } from '../support/static-server'
import { expectImageLoaded, expectUi, recordSteps, shownOn, tapTab as tapTabOn, UI_TIMEOUT, watchPageErrors } from './support/ui'

const ROOT = join(__dirname, '..', '..')
/** The H5 build under test; LINLI_H5_DIST points elsewhere (e.g. to check the missing-build failure). */
const DIST = process.env.LINLI_H5_DIST || join(ROOT, 'dist-h5')
const ARTIFACTS = join(ROOT, 'artifacts', 'e2e')
const PHOTO = join(ROOT, 'test', 'fixtures', 'streetlight.png')

/**
 * Set here, not only in jest.config.js: Jest 29 ignores `testTimeout` inside a project entry
 * ("Unknown option" warning), so the project's 120 s would otherwise fall back to 5 s.
 */
const TEST_TIMEOUT = 120_000

describe('resident reports a problem and follows it (H5, memory backend)', () => {
  let server: Server | undefined
  let browser: Browser | undefined
  let context: BrowserContext | undefined

  afterAll(async () => {
    await context?.close().catch(() => undefined)
    await browser?.close().catch(() => undefined)
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  })

  it('sign in, report with a photo, follow, rate 不满意, and report offline through the outbox', async () => {
    // Never pass vacuously: without a build there is nothing to test.
    if (!existsSync(join(DIST, 'index.html'))) {
      throw new Error(`${join(DIST, 'index.html')} is missing: run npm run build:h5 first`)
    }
    expect(existsSync(PHOTO)).toBe(true)
    mkdirSync(ARTIFACTS, { recursive: true })

    const served = await serveStatic(DIST)
    server = served.server
    const base = served.url
    browser = await launchChromium()
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
    const page = await context.newPage()
    page.setDefaultTimeout(UI_TIMEOUT)

    const pageErrors: string[] = []
    watchPageErrors(page, pageErrors)
    const shown = shownOn(page)
    const steps = recordSteps({ dir: ARTIFACTS, pageErrors, pages: () => [page] })
    const screenshot = (name: string) => steps.screenshot(page, name)
    const step = steps.step
    const tapTab = (label: string) => tapTabOn(page, label)

    /** Fill a complete report on the (already open) new-report page. */
    const fillReport = async (description: string, address: string): Promise<void> => {
      await shown('.report-form__chip[data-category="cat-light"]').click()
      await expectUi(shown('.report-form__chip--on')).toHaveText('路灯故障')
      await shown('.report-form__description textarea').fill(description)
      // On H5 the typed address is the form's first way in (there is no map to pick on).
      await shown('.report-form__address input').fill(address)
    }

    const run = Date.now().toString(36)
    const description = `3号楼东侧路灯不亮已三天，晚上很黑 #${run}`
    const offlineDescription = `2单元楼道灯也坏了，离线提交 #${run}`
    let reportId = ''

    // ── 1. sign in ───────────────────────────────────────────────────────────────────────
    await step('sign-in', async () => {
      await page.goto(`${base}#/pages/home/index`)
      await shown('.home__greeting').waitFor()
      await page.goto(`${base}#/auth/sign-in/index`)
      const wang = shown('.sign-in__account[data-user="u-wang"]')
      await expectUi(wang).toContainText('王秀兰')
      await wang.click()
      await expectUi(shown('.home__greeting')).toHaveText('王秀兰，您好')
      expect(page.url()).toContain('#/pages/home/index')
      await screenshot('home-signed-in')
    })

    // ── 2. empty form is refused with field messages ─────────────────────────────────────
    await step('empty-form', async () => {
      await shown('.home__report').click()
      await shown('.report-form__submit').waitFor()
      expect(page.url()).toContain('#/reports/new/index')
      await expectUi(shown('.field-error')).toHaveCount(0)
      await shown('.report-form__submit').click()
      await expectUi(shown('.field-error[data-field="categoryId"]')).toHaveText('请选择问题类型')
      await expectUi(shown('.field-error[data-field="description"]')).toHaveText('请描述遇到的问题')
      await expectUi(shown('.field-error[data-field="location"]')).toContainText('请选择位置')
      await screenshot('new-report-errors')
    })

    // ── 3. a complete report with a photo ────────────────────────────────────────────────
    await step('submit-report', async () => {
      await fillReport(description, '3号楼东侧路灯下')
      // What the resident types shows in the page's font, not the browser's monospace default.
      const [typed, pageFont] = await shown('.report-form__description textarea').evaluate((el) => [
        getComputedStyle(el).fontFamily,
        getComputedStyle(el.closest('.page')!).fontFamily,
      ])
      expect(typed).toBe(pageFont)
      expect(typed).not.toMatch(/monospace/)
      await expectUi(shown('.field-error[data-field="categoryId"]')).toHaveCount(0)
      await expectUi(shown('.field-error[data-field="description"]')).toHaveCount(0)

      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), shown('.photo-grid__add').click()])
      await chooser.setFiles(PHOTO)
      const thumb = shown('.report-form .photo-grid__img img')
      await expectUi(thumb).toHaveCount(1)
      await expectUi(thumb).toHaveAttribute('src', /^data:image\/jpeg;base64,/)
      await expectImageLoaded(thumb)
      await expectUi(shown('.photo-grid__add')).toContainText('1/9')
      await screenshot('new-report-filled')

      await shown('.report-form__submit').click()
      await page.waitForURL(/#\/reports\/detail\/index\?id=/)
      reportId = decodeURIComponent(new URL(page.url().replace('#', '')).searchParams.get('id') ?? '')
      expect(reportId).toMatch(/^r_/)
      await expectUi(shown('.report-detail__text')).toHaveText(description)
      await expectUi(shown('.report-detail .status-badge')).toHaveText('已提交')
      await expectUi(shown('.st-item .st-title')).toHaveText(['已提交'])
      const photo = shown('.report-detail .photo-grid__img img')
      await expectUi(photo).toHaveCount(1)
      await expectImageLoaded(photo)
      await expectUi(shown('.report-detail__place')).toContainText('3号楼东侧路灯下')
      await screenshot('detail-submitted')
    })

    // ── 4. it heads 我的诉求 ─────────────────────────────────────────────────────────────
    await step('my-reports', async () => {
      // H5 shows no navigation bar on inner pages (app.config sets no navigationStyle): the
      // resident uses the browser's back, which returns to 首页 (the form was replaced by the detail).
      await page.goBack()
      await shown('.home__greeting').waitFor()
      await tapTab('办事')
      await page.waitForURL(/#\/pages\/tasks\/index/)
      const first = shown('.report-row').first()
      await expectUi(first).toHaveAttribute('data-id', reportId)
      await expectUi(first.locator('.report-row__text')).toHaveText(description)
      await expectUi(first.locator('.status-badge')).toHaveText('已提交')
      await expectUi(first).toContainText('1张照片')
      await screenshot('tasks-list')
    })

    // ── 5. staff accept, assign and resolve it; the resident sees it 已办结 ──────────────
    await step('staff-handle', async () => {
      const status = await page.evaluate(async (id) => {
        const linli = (window as unknown as { __linli?: { newClient(): any } }).__linli
        if (!linli) throw new Error('window.__linli is missing: is this the H5 memory build?')
        const staff = linli.newClient()
        await staff.session.signInDemo('u-zhang')
        await staff.handling.accept(id, {})
        await staff.handling.assign(id, { assignee: { kind: 'user', id: 'u-sun' } })
        const done = await staff.handling.resolve(id, { note: '已修复' })
        return done.report.status as string
      }, reportId)
      expect(status).toBe('resolved')

      // The resident opens it again from the list (a fresh page load of the detail route).
      await page.goto(`${base}#/reports/detail/index?id=${encodeURIComponent(reportId)}`)
      await page.reload()
      await expectUi(shown('.report-detail .status-badge')).toHaveText('已办结')
      const titles = shown('.st-item .st-title')
      await expectUi(titles).toHaveText(['已办结', '派给 孙丽', '已受理', '已提交'])
      await expectUi(shown('.st-item').first().locator('.st-note')).toHaveText('已修复')
      await expectUi(shown('.report-detail__rate-btn')).toContainText('评价办理结果')
      await screenshot('detail-resolved')
    })

    // ── 6. rate it 不满意 → 重办 ─────────────────────────────────────────────────────────
    await step('rate-unsatisfied', async () => {
      await shown('.report-detail__rate-btn').click()
      await page.waitForURL(/#\/reports\/rate\/index\?id=/)
      await shown('.rate__level[data-level="unsatisfied"]').click()
      await expectUi(shown('.rate__level--on')).toHaveText('不满意')
      await expectUi(shown('.rate__warn')).toBeVisible()
      await shown('.rate__comment textarea').fill('路灯晚上还是不亮，请再来看看')
      await screenshot('rate-unsatisfied')
      await shown('.rate__submit').click()

      await page.waitForURL(/#\/reports\/detail\/index\?id=/)
      await expectUi(shown('.report-detail .status-badge')).toHaveText('重办中')
      await expectUi(shown('.st-item .st-title').first()).toHaveText('不满意，重新办理')
      await expectUi(shown('.report-detail__rating')).toContainText('不满意，路灯晚上还是不亮')
      await expectUi(shown('.report-detail__rate-btn')).toHaveCount(0)
      await screenshot('detail-reopened')
    })

    // ── 7. offline: the report waits in the outbox and goes out once when back online ───
    await step('offline-outbox', async () => {
      await page.goBack()
      await page.waitForURL(/#\/pages\/tasks\/index/)
      await shown('.report-row').first().waitFor()

      // The form is opened online: the H5 build loads each page's code on first visit (and the
      // reload in step 5 dropped what was loaded), so a page never opened cannot open offline.
      await shown('.tasks__head .nut-button', { text: '反映问题' }).click()
      await page.waitForURL(/#\/reports\/new\/index/)
      await shown('.report-form__submit').waitFor()
      // …and the signal drops while the resident writes.
      await context!.setOffline(true)
      expect(await page.evaluate(() => navigator.onLine)).toBe(false)
      await fillReport(offlineDescription, '2单元一楼楼道')
      await screenshot('offline-form')
      await shown('.report-form__submit').click()

      await page.waitForURL(/#\/pages\/tasks\/index/)
      // The form's toast ("…诉求已保存，联网后会自动提交") is hidden by Taro H5 as soon as the route
      // changes (it is shown just before switchTab), so the banner is what tells the resident.
      const banner = shown('.outbox-banner')
      await expectUi(banner).toContainText('等待发送')
      await expectUi(banner).toContainText('1 条诉求')
      await expectUi(shown('.report-row', { text: offlineDescription })).toHaveCount(0)
      // …and it is listed first, as kept on the phone, with a way to change or cancel it.
      const queuedRow = shown('.outbox-row', { text: offlineDescription })
      await expectUi(queuedRow).toHaveCount(1)
      await expectUi(queuedRow).toContainText('等待发送')
      await expectUi(queuedRow.locator('[data-action="edit"]')).toHaveCount(1)
      await expectUi(queuedRow.locator('[data-action="cancel"]')).toHaveCount(1)
      await screenshot('offline-queued')

      await context!.setOffline(false)
      await expectUi(banner).toHaveCount(0, { timeout: 5_000 })
      await expectUi(shown('.outbox-row')).toHaveCount(0)
      await expectUi(shown('.report-row', { text: offlineDescription })).toHaveCount(1)
      await expectUi(shown('.report-row').first().locator('.report-row__text')).toHaveText(offlineDescription)
      // The list's offline message from the refresh made while offline goes once the report is through.
      await expectUi(shown('.tasks__error')).toHaveCount(0)
      await screenshot('online-sent')
      // Still once after the list is fetched again from the backend (no duplicate submission).
      await page.reload()
      await shown('.report-row').first().waitFor()
      await expectUi(shown('.report-row', { text: offlineDescription })).toHaveCount(1)
      await expectUi(shown('.report-row', { text: description })).toHaveCount(1)
      await screenshot('tasks-after-reload')
    })

    // ── 8. elder mode: larger text and larger NutUI buttons ─────────────────────────────
    await step('elder-mode', async () => {
      /** The report form's submit button (a NutUI xlarge button) and the page's text size, in CSS px. */
      const measure = async () => {
        await tapTab('首页')
        await shown('.home__report').click()
        const submit = shown('.report-form__submit')
        await submit.waitFor()
        const sizes = await submit.evaluate((button) => ({
          height: button.getBoundingClientRect().height,
          label: parseFloat(getComputedStyle(button).fontSize),
          text: parseFloat(getComputedStyle(button.closest('.page')!).fontSize),
        }))
        await page.goBack()
        await shown('.home__greeting').waitFor()
        return sizes
      }
      const toggleElder = async (on: boolean) => {
        await tapTab('我的')
        const toggle = shown('.me__elder .nut-switch')
        await toggle.click()
        await expectUi(shown('.page.elder')).toHaveCount(on ? 1 : 0)
      }
      const before = await measure()
      await toggleElder(true)
      await screenshot('me-elder')
      const elder = await measure()
      // The submit grows from 48 to 60 px (on a 375 px screen; a bit more on this 390 px one), its
      // label and the page's text to 20 px and more: large targets and large text.
      expect(elder.height).toBeGreaterThanOrEqual(before.height * 1.2)
      expect(elder.height).toBeGreaterThanOrEqual(56)
      expect(elder.label).toBeGreaterThan(before.label)
      expect(elder.label).toBeGreaterThanOrEqual(20)
      expect(elder.text).toBeGreaterThanOrEqual(20)
      await tapTab('首页')
      await shown('.home__report').click()
      await shown('.report-form__submit').waitFor()
      await screenshot('new-report-elder')
      await page.goBack()
      await toggleElder(false)
      expect((await measure()).height).toBeCloseTo(before.height, 0)
    })

    expect(pageErrors).toEqual([])
  }, TEST_TIMEOUT)

  it('a long description pushes the counter and the photos down, and the emergency stop closes after 立即拨打', async () => {
    if (!existsSync(join(DIST, 'index.html'))) {
      throw new Error(`${join(DIST, 'index.html')} is missing: run npm run build:h5 first`)
    }
    mkdirSync(ARTIFACTS, { recursive: true })
    const served = await serveStatic(DIST)
    const ownBrowser = await launchChromium()
    try {
      const own = await ownBrowser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
      const page = await own.newPage()
      page.setDefaultTimeout(UI_TIMEOUT)
      const pageErrors: string[] = []
      watchPageErrors(page, pageErrors)
      const shown = shownOn(page)

      await page.goto(`${served.url}#/auth/sign-in/index`)
      await shown('.sign-in__account[data-user="u-wang"]').click()
      await shown('.home__greeting').waitFor()
      await shown('.home__report').click()
      const text = shown('.report-form__description textarea')
      await text.waitFor()

      type Box = { x: number; y: number; width: number; height: number }
      const boxOf = async (selector: string): Promise<Box> => {
        const box = await shown(selector).first().boundingBox()
        if (!box) throw new Error(`${selector} has no box`)
        return box
      }
      const apart = (a: Box, b: Box) => a.y + a.height <= b.y + 0.5 || b.y + b.height <= a.y + 0.5
      const before = await boxOf('.report-form__description')
      /**
       * The four boxes read at one instant, once two reads a frame apart agree: the text area grows
       * to its text a frame or two after the input, and on a busy machine boxes read one by one
       * could straddle that.
       */
      const settledBoxes = async () => {
        const read = () =>
          page.evaluate(() => {
            const root = document.querySelector('.taro_page_stationed .report-form')
            const box = (selector: string) => {
              const rect = root?.querySelector(selector)?.getBoundingClientRect()
              if (!rect) throw new Error(`${selector} has no box`)
              return { x: rect.x, y: rect.y, width: rect.width, height: rect.height }
            }
            return {
              field: box('.report-form__description'),
              area: box('.report-form__description textarea'),
              count: box('.description-field__count'),
              add: box('.photo-grid__add'),
            }
          })
        let last = await read()
        for (let tries = 0; tries < 50; tries++) {
          await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
          const next = await read()
          if (JSON.stringify(next) === JSON.stringify(last)) return next
          last = next
        }
        throw new Error(`the description field's layout never settled: ${JSON.stringify(last)}`)
      }
      for (const length of [110, 170, 200, 400]) {
        await text.fill('很'.repeat(length))
        await expectUi(shown('.description-field__count')).toHaveText(`${length}/500`)
        const { field, area, count, add } = await settledBoxes()
        // The grey box holds all of its text area, and nothing below overlaps either.
        expect(field.y + field.height).toBeGreaterThanOrEqual(area.y + area.height - 0.5)
        expect(apart(area, count)).toBe(true)
        expect(apart(field, count)).toBe(true)
        expect(apart(area, add)).toBe(true)
        expect(count.y).toBeGreaterThanOrEqual(area.y + area.height - 0.5)
        expect(add.y).toBeGreaterThan(count.y + count.height)
        if (length >= 200) expect(field.height).toBeGreaterThan(before.height)
      }
      // The + cell takes its own taps only: a tap in the text area focuses the text.
      await text.fill('很'.repeat(200))
      await text.evaluate((el) => el.blur())
      await text.scrollIntoViewIfNeeded()
      const area = await boxOf('.report-form__description textarea')
      await page.mouse.click(area.x + area.width / 2, area.y + area.height - 4)
      expect(await text.evaluate((el) => el === document.activeElement)).toBe(true)
      await page.screenshot({ path: join(ARTIFACTS, 'long-description.png'), fullPage: true })

      // 立即拨打 119, then 我知道了，返回 closes the stop and the form takes taps again.
      await shown('.report-form__chip[data-category="cat-gas"]').click()
      await shown('.emergency-stop').waitFor()
      await shown('.emergency-stop__call').click()
      await page.waitForTimeout(500)
      await shown('.emergency-stop__dismiss').click()
      await expectUi(page.locator('.emergency-stop')).toHaveCount(0)
      await shown('.report-form__chip[data-category="cat-water"]').click()
      await expectUi(shown('.report-form__chip--on')).toHaveText('漏水/管道')
      expect(pageErrors).toEqual([])
    } finally {
      await ownBrowser.close().catch(() => undefined)
      await new Promise<void>((resolve) => served.server.close(() => resolve()))
    }
  }, TEST_TIMEOUT)
})
