/**
 * The open311 H5 build (dist-h5-open311/) in Chromium, reporting to a city's GeoReport v2 system —
 * here the in-repo fake (test/support/open311-fake.ts) on the port the build names
 * (OPEN311_E2E_PORT, set by scripts/test-all.mjs): the app opens without a sign-in, the form says where
 * the report goes and asks the 路灯故障 service's extra questions, a required one is refused in
 * Chinese, the report goes out with its answers, and the resident follows it as the city takes it on
 * and closes it, with the city's words. Elder mode holds on the questions too.
 *
 * Screenshots go to artifacts/e2e-open311/.
 */
import { existsSync, mkdirSync } from 'node:fs'
import type { Server } from 'node:http'
import { join } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { launchChromium } from '../support/browser'
import { startOpen311Fake, type Open311Fake } from '../support/open311-fake'
import { serveStatic } from '../support/static-server'
import { measureHere, report } from './support/page-check'
import { expectUi, recordSteps, shownOn, tapTab as tapTabOn, UI_TIMEOUT, watchPageErrors } from './support/ui'

const ROOT = join(__dirname, '..', '..')
const DIST = process.env.LINLI_H5_OPEN311_DIST || join(ROOT, 'dist-h5-open311')
const ARTIFACTS = join(ROOT, 'artifacts', 'e2e-open311')
/** The build's endpoint: http://127.0.0.1:10311/georeport/v2, key test-key, jurisdiction city.example (scripts/test-all.mjs). */
export const OPEN311_E2E_PORT = 10311
const TEST_TIMEOUT = 150_000

describe('a resident reports to a city’s Open311 system (H5, open311 build)', () => {
  let fake: Open311Fake | undefined
  let server: Server | undefined
  let browser: Browser | undefined
  let context: BrowserContext | undefined

  afterAll(async () => {
    await context?.close().catch(() => undefined)
    await browser?.close().catch(() => undefined)
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
    await fake?.close()
  })

  it('files a 路灯故障 report with its extra questions and follows it to closed with the city’s notes', async () => {
    if (!existsSync(join(DIST, 'index.html'))) throw new Error(`${join(DIST, 'index.html')} is missing: run the open311 H5 build first (npm test does it)`)
    mkdirSync(ARTIFACTS, { recursive: true })
    fake = await startOpen311Fake({ port: OPEN311_E2E_PORT, jurisdictionId: 'city.example', switches: { extendedStatuses: true } })
    const served = await serveStatic(DIST)
    server = served.server
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
    const run = Date.now().toString(36)
    const description = `人民路口路灯不亮已经三天，晚上很黑 #${run}`
    let requestId = ''

    await step('home-without-sign-in', async () => {
      await page.goto(`${served.url}#/pages/home/index`)
      await shown('.home__report').waitFor()
      // Nothing of what a city system cannot do is offered, and nothing asks to sign in.
      await expectUi(shown('.sign-in__account')).toHaveCount(0)
      await screenshot('home')
    })

    await step('form-with-questions', async () => {
      await shown('.home__report').click()
      await shown('.report-form__submit').waitFor()
      await expectUi(shown('.report-form__destination')).toContainText('测试市城市服务平台')
      await expectUi(shown('.photo-grid__add')).toHaveCount(0)
      await shown('.report-form__chip[data-category="open311:streetlight"]').click()
      await expectUi(shown('.question[data-question="pole"] .question__label')).toContainText('灯杆编号')
      await expectUi(shown('.question[data-question="kind"] .option')).toHaveCount(3)
      // The information-only attribute is shown, not asked.
      await expectUi(shown('.question[data-question="note"]')).toContainText('夜间抢修电话 12345')
      await shown('.report-form__description textarea').fill(description)
      await shown('.report-form__address input').fill('人民路与解放路交叉口')
      await shown('.question[data-question="kind"] .option[data-value="off"]').click()
      await shown('.report-form__submit').click()
      await expectUi(shown('.field-error[data-field="attribute.pole"]')).toContainText('灯杆编号')
      expect(fake!.requests()).toHaveLength(0)
      await screenshot('question-required')
      await shown('.question[data-question="pole"] input').fill('A-17')
      await expectUi(shown('.field-error[data-field="attribute.pole"]')).toHaveCount(0)
      await screenshot('form-filled')
    })

    await step('questions-for-an-80-year-old', async () => {
      // The page check's numbers on the form as it stands, questions included: elder text ≥ 18 px,
      // targets ≥ 60×60 (44 in normal mode), contrast, line height, and no serious axe violation.
      const rows = await measureHere(page, 'reports/new · 路灯故障的补充信息')
      console.log(report(rows))
      for (const row of rows) expect([row.mode, row.error ?? null, row.misses, row.axe]).toEqual([row.mode, null, [], []])
      expect(rows.find((row) => row.mode === 'elder')?.smallestText?.px).toBeGreaterThanOrEqual(18)
    })

    await step('submitted', async () => {
      await shown('.report-form__submit').click()
      await page.waitForURL(/#\/reports\/detail\/index\?id=/)
      await expectUi(shown('.report-detail__text')).toHaveText(description)
      await expectUi(shown('.report-detail .status-badge')).toHaveText('已提交')
      const [request] = fake!.requests()
      expect(request).toMatchObject({ serviceCode: 'streetlight', description, address: '人民路与解放路交叉口', attributes: { pole: 'A-17', kind: 'off' } })
      requestId = String(request.id)
      await expectUi(shown('.report-detail')).toContainText(requestId)
      await screenshot('detail-submitted')
    })

    await step('followed-to-closed', async () => {
      fake!.move(requestId, 'action_scheduled', '已安排明天上午维修')
      await page.waitForTimeout(1_100) // the build asks about a request at most once a second
      await page.reload()
      await expectUi(shown('.report-detail .status-badge')).toHaveText('处置中')
      await expectUi(shown('.report-detail')).toContainText('已安排明天上午维修')
      fake!.move(requestId, 'closed', '路灯已修复，感谢您的反映')
      await page.waitForTimeout(1_100)
      await page.reload()
      await expectUi(shown('.report-detail .status-badge')).toHaveText('已办结')
      await expectUi(shown('.report-detail')).toContainText('路灯已修复，感谢您的反映')
      await screenshot('detail-closed')
      await page.goBack()
      await tapTabOn(page, '办事')
      const row = shown('.report-row').first()
      await expectUi(row.locator('.report-row__text')).toHaveText(description)
      await expectUi(row.locator('.status-badge')).toHaveText('已办结')
      await screenshot('tasks')
    })

    expect(pageErrors).toEqual([])
  }, TEST_TIMEOUT)
})
