/**
 * The whole stack, in a real (headless) Chromium: the H5 build in http mode, served on one origin
 * with the reference server (a child process on in-memory PGlite, demo mode, seeded 映月社区) behind
 * it. Two phones — two browser contexts, separate storage —, a resident and a staff member, share
 * one truth through the server:
 *
 * resident files a report with a photo (the data-URL photo goes up through Taro.uploadFile) → staff
 * find it in their inbox and accept, assign, resolve it (through the app's own ApiClient: the staff
 * screens come later) → the resident sees it 已办结, rates it 不满意 → staff see it reopened → another
 * resident cannot open it.
 *
 * Needs the http H5 build (dist-h5-http/, `npm test` makes it). Screenshots go to artifacts/e2e-full/.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { ApiClient } from '../../src/api/client'
import { startFullStack, type FullStack } from './support/stack'
import { expectImageLoaded, expectUi, recordSteps, shownOn, tapTab } from './support/ui'

const ROOT = join(__dirname, '..', '..')
const ARTIFACTS = join(ROOT, 'artifacts', 'e2e-full')
const PHOTO = join(ROOT, 'test', 'fixtures', 'streetlight.png')

/** Jest 29 ignores `testTimeout` inside a project entry: set it here. The run takes well under this. */
const TEST_TIMEOUT = 120_000

describe('two phones share one truth through the reference server (H5, http mode)', () => {
  let stack: FullStack | undefined

  afterAll(async () => {
    await stack?.close()
  })

  it('resident reports with a photo, staff resolve it, 不满意 reopens it for both; a neighbour cannot see it', async () => {
    expect(existsSync(PHOTO)).toBe(true)
    mkdirSync(ARTIFACTS, { recursive: true })

    stack = await startFullStack()
    expect(stack.api.db).toBe('pglite')
    const { base, pages, pageErrors, serverErrors, phone, signIn } = stack

    const { step, screenshot } = recordSteps({ dir: ARTIFACTS, pageErrors, pages: () => pages })


    const run = Date.now().toString(36)
    const description = `5号楼北门路灯不亮，夜里看不见台阶 #${run}`
    const address = '5号楼北门台阶旁'
    const comment = `灯泡换了还是一闪一闪的 #${run}`
    let reportId = ''

    const resident = await phone('resident 王秀兰')
    const residentUi = shownOn(resident)
    let staff: Page | undefined

    // ── 1. the resident files a report with one photo; the photo lives on the server ──────
    await step('resident-report', async () => {
      await signIn(resident, 'u-wang', '王秀兰')
      await screenshot(resident, 'resident-home')

      await residentUi('.home__report').click()
      await residentUi('.report-form__submit').waitFor()
      await residentUi('.report-form__chip[data-category="cat-light"]').click()
      await expectUi(residentUi('.report-form__chip--on')).toHaveText('路灯故障')
      await residentUi('.report-form__description textarea').fill(description)
      // On H5 the typed address is the form's first way in (there is no map to pick on).
      await residentUi('.report-form__address input').fill(address)

      const [chooser] = await Promise.all([resident.waitForEvent('filechooser'), residentUi('.photo-grid__add').click()])
      await chooser.setFiles(PHOTO)
      const thumb = residentUi('.report-form .photo-grid__img img')
      await expectUi(thumb).toHaveCount(1)
      await expectUi(thumb).toHaveAttribute('src', /^data:image\/jpeg;base64,/)
      await expectImageLoaded(thumb)
      await screenshot(resident, 'resident-form-filled')

      await residentUi('.report-form__submit').click()
      await resident.waitForURL(/#\/reports\/detail\/index\?id=/, { timeout: 20_000 })
      reportId = decodeURIComponent(new URL(resident.url().replace('#', '')).searchParams.get('id') ?? '')
      expect(reportId).not.toBe('')
      await expectUi(residentUi('.report-detail__text')).toHaveText(description)
      await expectUi(residentUi('.report-detail .status-badge')).toHaveText('已提交')
      await expectUi(residentUi('.report-detail__place')).toContainText(address)
      const photo = residentUi('.report-detail .photo-grid__img img')
      await expectUi(photo).toHaveCount(1)
      // Uploaded, not the local data URL: the server stored the bytes and serves them.
      await expectUi(photo).toHaveAttribute('src', /\/files\//)
      await expectImageLoaded(photo)
      // The bytes are there on the app's own origin too (the static server proxies /files/).
      const src = new URL((await photo.first().getAttribute('src')) ?? '', base)
      expect(src.pathname).toMatch(/^\/files\/photos\/./)
      // The URL names the app's own origin (the proxy keeps the browser's Host), so a phone that can
      // reach only the web origin still loads it.
      expect(src.origin).toBe(new URL(base).origin)
      // The URL carries its signature (?exp=…&sig=…, ADR 0019): without it the server answers 403.
      expect(src.search).toMatch(/^\?exp=\d+&sig=/)
      const bytes = await resident.evaluate(async (path) => {
        const res = await fetch(path)
        return { status: res.status, type: res.headers.get('content-type'), size: (await res.arrayBuffer()).byteLength }
      }, `${src.pathname}${src.search}`)
      expect(bytes.status).toBe(200)
      expect(bytes.type).toMatch(/^image\//)
      // The bytes the server re-encoded (ADR 0019): a real image, smaller than the upload.
      expect(bytes.size).toBeGreaterThan(100)
      await screenshot(resident, 'resident-detail-submitted')
    })

    // ── 2. the staff member's phone: the report came through the server; handle it ─────────
    await step('staff-handle', async () => {
      staff = await phone('staff 张敏')
      await signIn(staff, 'u-zhang', '张敏')
      await screenshot(staff, 'staff-home')

      const inbox = await staff.evaluate(() => (window as unknown as LinliWindow).__linli.api.handling.listInbox({ limit: 50 }))
      const found = inbox.items.find((item) => item.description === description)
      expect(found).toBeDefined()
      expect(found!.id).toBe(reportId)
      expect(found!.status).toBe('submitted')
      expect(found!.photoCount).toBe(1)

      const moves = await staff.evaluate(async (id) => {
        const handling = (window as unknown as LinliWindow).__linli.api.handling
        const accepted = (await handling.accept(id, {}))
        const assigned = (await handling.assign(id, { assignee: { kind: 'user', id: 'u-sun' } }))
        const resolved = (await handling.resolve(id, { note: '已更换灯泡' }))
        return [accepted.report.status, assigned.report.status, resolved.report.status]
      }, reportId)
      expect(moves).toEqual(['accepted', 'in_progress', 'resolved'])
    })

    // ── 3. the resident sees it 已办结, with the staff's note, and heading 我的诉求 ─────────
    await step('resident-sees-resolved', async () => {
      await resident.reload()
      await expectUi(residentUi('.report-detail .status-badge')).toHaveText('已办结')
      await expectUi(residentUi('.st-item .st-title')).toHaveText(['已办结', '派给 孙丽', '已受理', '已提交'])
      await expectUi(residentUi('.st-item').first().locator('.st-note')).toHaveText('已更换灯泡')
      await expectUi(residentUi('.report-detail__rate-btn')).toContainText('评价办理结果')
      await screenshot(resident, 'resident-detail-resolved')

      await resident.goBack()
      await residentUi('.home__greeting').waitFor()
      await tapTab(resident, '办事')
      await resident.waitForURL(/#\/pages\/tasks\/index/)
      const first = residentUi('.report-row').first()
      await expectUi(first).toHaveAttribute('data-id', reportId)
      await expectUi(first.locator('.report-row__text')).toHaveText(description)
      await expectUi(first.locator('.status-badge')).toHaveText('已办结')
      await expectUi(first).toContainText('1张照片')
      await screenshot(resident, 'resident-tasks-resolved')
    })

    // ── 4. 不满意 reopens it, for the resident and for staff alike ──────────────────────────
    await step('rate-unsatisfied', async () => {
      await residentUi('.report-row').first().click()
      await resident.waitForURL(/#\/reports\/detail\/index\?id=/)
      await residentUi('.report-detail__rate-btn').click()
      await resident.waitForURL(/#\/reports\/rate\/index\?id=/)
      await residentUi('.rate__level[data-level="unsatisfied"]').click()
      await expectUi(residentUi('.rate__level--on')).toHaveText('不满意')
      await residentUi('.rate__comment textarea').fill(comment)
      await screenshot(resident, 'resident-rate-unsatisfied')
      await residentUi('.rate__submit').click()

      await resident.waitForURL(/#\/reports\/detail\/index\?id=/)
      await expectUi(residentUi('.report-detail .status-badge')).toHaveText('重办中')
      await expectUi(residentUi('.st-item .st-title').first()).toHaveText('不满意，重新办理')
      await expectUi(residentUi('.report-detail__rating')).toContainText(`不满意，${comment}`)
      await expectUi(residentUi('.report-detail__rate-btn')).toHaveCount(0)
      await screenshot(resident, 'resident-detail-reopened')

      const seenByStaff = await staff!.evaluate(async (id) => {
        const { api } = (window as unknown as LinliWindow).__linli
        const detail = (await api.reports.get(id))
        const inbox = (await api.handling.listInbox({ limit: 50 }))
        return { status: detail.report.status, rating: detail.report.rating?.level, inbox: inbox.items.find((i) => i.id === id)?.status }
      }, reportId)
      expect(seenByStaff).toEqual({ status: 'reopened', rating: 'unsatisfied', inbox: 'reopened' })
    })

    // ── 5. a neighbour's phone cannot open it ─────────────────────────────────────────────
    await step('neighbour-refused', async () => {
      const neighbour = await phone('resident 李明')
      await signIn(neighbour, 'u-li', '李明')
      await neighbour.goto(`${base}#/reports/detail/index?id=${encodeURIComponent(reportId)}`)
      const ui = shownOn(neighbour)
      await expectUi(ui('.card', { text: '诉求不存在或您无权查看' })).toHaveCount(1)
      await expectUi(ui('.report-detail__text')).toHaveCount(0)
      await expectUi(ui('.photo-grid__img img')).toHaveCount(0)
      // Nor through the neighbour's own client: the server answers not_found.
      const refused = await neighbour.evaluate(async (id) => {
        try {
          await (window as unknown as LinliWindow).__linli.api.reports.get(id)
          return 'read'
        } catch (error) {
          return (error as { kind?: string }).kind ?? String(error)
        }
      }, reportId)
      expect(refused).toBe('not_found')
      await screenshot(neighbour, 'neighbour-not-found')
    })

    expect(pageErrors).toEqual([])
    expect(serverErrors).toEqual([])
  }, TEST_TIMEOUT)
})

/**
 * The app's console in the page (src/bootstrap.ts): the app's ApiClient, acting as whoever is signed
 * in on that phone (the HTTP adapter, with that phone's session).
 */
interface LinliWindow {
  __linli: { api: ApiClient }
}
