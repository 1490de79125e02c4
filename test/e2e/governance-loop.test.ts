/**
 * The governance loop on the whole stack, in a real (headless) Chromium, entirely through the
 * screens: the H5 build in http mode on one origin with the reference server (a child process on
 * in-memory PGlite, demo mode, seeded 映月社区) behind it. One browser context per person.
 *
 *  1. resident 王秀兰 (3号楼201) reports a problem → 已提交
 *  2. staff 张敏: 工作台 → finds it → handling page → 受理 → 派单 to grid worker 孙丽
 *  3. grid worker 孙丽: 工作台 → finds it → 办结 with a note and a proof photo
 *  4. the resident sees 已受理 / 处置中 / 已办结 (note + photo) and rates 满意 → 已评价
 *  5. building leader 周桂芳 (leads 3号楼, 5号楼) publishes a notice to 3号楼 only
 *  6. 王秀兰 and 李明 (3号楼302) see it in 消息, 王秀兰 opens it; 赵小燕 (8号楼101) does not see it
 *  7. the leader's receipts: the households of 3号楼 residents (101 周桂芳, 102 高志强, 201 王秀兰,
 *     202 林淑珍, 302 李明); read = the author's own household (publishing marks it read for the
 *     author) + 王秀兰's → 2 / 5, 102, 202 and 302 unread.
 *
 * Needs the http H5 build (dist-h5-http/). Screenshots go to artifacts/e2e-governance/. Any uncaught
 * page error or any 5xx answer fails the test; LINLI_E2E_TRACE=1 also logs every 4xx/5xx answer.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { startFullStack, type FullStack } from './support/stack'
import { expectImageLoaded, expectUi, recordSteps, shownOn, tapSettled, tapTab } from './support/ui'

const ROOT = join(__dirname, '..', '..')
const ARTIFACTS = join(ROOT, 'artifacts', 'e2e-governance')
const PHOTO = join(ROOT, 'test', 'fixtures', 'streetlight.png')

/** Jest 29 ignores `testTimeout` inside a project entry: set it here. The run takes well under this. */
const TEST_TIMEOUT = 150_000

describe('the governance loop through the screens (H5, http mode, reference server)', () => {
  let stack: FullStack | undefined

  afterAll(async () => {
    await stack?.close()
  })

  it('report → accept → dispatch → resolve with proof → 满意; a building notice reaches 3号楼 only, with receipts by household', async () => {
    expect(existsSync(PHOTO)).toBe(true)
    mkdirSync(ARTIFACTS, { recursive: true })

    stack = await startFullStack()
    expect(stack.api.db).toBe('pglite')
    const { pages, pageErrors, serverErrors, phone, signIn } = stack

    const { step, screenshot } = recordSteps({ dir: ARTIFACTS, pageErrors, pages: () => pages })


    /** 首页 → 工作台 (the entry only handlers and building leaders have). */
    const openWorkspace = async (page: Page): Promise<void> => {
      await shownOn(page)('.workspace-entry[data-entry="workspace"]').click()
      await page.waitForURL(/#\/staff\/workspace\/index/)
    }

    /** On the handling page: open a move's panel, fill it in, confirm; wait for the new status. */
    const confirmMove = async (page: Page, move: string, status: string): Promise<void> => {
      const ui = shownOn(page)
      await expectUi(ui(`.handle__panel[data-panel="${move}"]`)).toHaveCount(1)
      await ui('.handle__confirm').click()
      await expectUi(ui('.handle__report .status-badge')).toHaveText(status)
      await expectUi(ui('.handle__panel')).toHaveCount(0)
    }

    /**
     * Reach a tab from wherever the person is, as they would: the navigation bar's back arrow (or its
     * home icon, when the page is the first of the stack) until the tab bar shows, then the tab.
     */
    const toTab = async (page: Page, label: string): Promise<void> => {
      const tabBar = page.locator('.weui-tabbar__item', { has: page.locator('.weui-tabbar__label', { hasText: label }) })
      for (let i = 0; i < 5 && !(await tabBar.isVisible()); i++) {
        const home = page.locator('.taro-navigation-bar-home:visible')
        if (await home.count()) await home.first().click()
        else await page.locator('.taro-navigation-bar-back:visible').first().click()
        await page.waitForTimeout(400)
      }
      await tapTab(page, label)
    }

    const run = Date.now().toString(36)
    const description = `3号楼南门单元门门禁坏了，关不上 #${run}`
    const address = '3号楼南门单元门'
    const resolveNote = `已更换门禁电磁锁，门能正常关闭 #${run}`
    const noticeTitle = `3号楼明早停水通知 #${run}`
    const noticeBody = `3号楼的邻居们：明天上午8点到10点水箱清洗，暂停供水，请提前储水。编号${run}`
    let reportId = ''
    let noticeId = ''

    const resident = await phone('resident 王秀兰')
    const residentUi = shownOn(resident)

    // ── 1. the resident reports a problem (typed address) → 已提交 ─────────────────────────
    await step('resident-report', async () => {
      await signIn(resident, 'u-wang', '王秀兰')
      await residentUi('.home__report').click()
      await residentUi('.report-form__submit').waitFor()
      await residentUi('.report-form__chip[data-category="cat-facility"]').click()
      await expectUi(residentUi('.report-form__chip--on')).toHaveCount(1)
      await residentUi('.report-form__description textarea').fill(description)
      // On H5 the typed address is the form's first way in (there is no map to pick on).
      await residentUi('.report-form__address input').fill(address)
      await screenshot(resident, 'resident-form')

      await residentUi('.report-form__submit').click()
      await resident.waitForURL(/#\/reports\/detail\/index\?id=/, { timeout: 20_000 })
      reportId = decodeURIComponent(new URL(resident.url().replace('#', '')).searchParams.get('id') ?? '')
      expect(reportId).not.toBe('')
      await expectUi(residentUi('.report-detail__text')).toHaveText(description)
      await expectUi(residentUi('.report-detail .status-badge')).toHaveText('已提交')
      await expectUi(residentUi('.report-detail__place')).toContainText(address)
      await screenshot(resident, 'resident-submitted')
    })

    // ── 2. staff: 工作台 → the report → 受理 → 派单 to 孙丽 ───────────────────────────────────
    await step('staff-accept-assign', async () => {
      const staff = await phone('staff 张敏')
      const ui = shownOn(staff)
      await signIn(staff, 'u-zhang', '张敏')
      await openWorkspace(staff)
      // 待受理: what a busy desk looks at first (the demo community's inbox is longer than one screen).
      await tapSettled(staff, ui('[data-chips="status"] [data-value="waiting"]'))
      const row = ui('.inbox-row', { text: description })
      await expectUi(row).toHaveCount(1)
      await expectUi(row).toHaveAttribute('data-id', reportId)
      await expectUi(row.locator('.status-badge')).toHaveText('已提交')
      await screenshot(staff, 'staff-workspace')

      await tapSettled(staff, row)
      await staff.waitForURL(/#\/staff\/handle\/index\?id=/)
      await expectUi(ui('.handle__text')).toHaveText(description)
      await expectUi(ui('.handle__report .status-badge')).toHaveText('已提交')
      await ui('.handle__move--accept').click()
      await confirmMove(staff, 'accept', '已受理')

      await ui('.handle__move--assign').click()
      const sun = ui('[data-options="assignee"] .option[data-value="user:u-sun"]')
      await expectUi(sun).toContainText('孙丽')
      await sun.click()
      await expectUi(ui('.option--on')).toContainText('孙丽')
      await screenshot(staff, 'staff-assign-panel')
      await confirmMove(staff, 'assign', '处置中')
      await expectUi(ui('.handle__facts')).toContainText('处置：孙丽')
      await screenshot(staff, 'staff-assigned')
    })

    // ── 3. the grid worker: her inbox → 办结 with a note and a proof photo ─────────────────
    await step('grid-worker-resolve', async () => {
      const worker = await phone('grid worker 孙丽')
      const ui = shownOn(worker)
      await signIn(worker, 'u-sun', '孙丽')
      await openWorkspace(worker)
      await tapSettled(worker, ui('[data-chips="status"] [data-value="working"]'))
      const row = ui('.inbox-row', { text: description })
      await expectUi(row).toHaveCount(1)
      await expectUi(row.locator('.status-badge')).toHaveText('处置中')
      // The inbox is a virtual list: tapped once its rows are at rest.
      await tapSettled(worker, row)
      await worker.waitForURL(/#\/staff\/handle\/index\?id=/)
      await expectUi(ui('.handle__text')).toHaveText(description)

      await ui('.handle__move--resolve').click()
      await expectUi(ui('.handle__panel[data-panel="resolve"]')).toHaveCount(1)
      await ui('.handle__note textarea').fill(resolveNote)
      const [chooser] = await Promise.all([worker.waitForEvent('filechooser'), ui('.handle__panel .photo-grid__add').click()])
      await chooser.setFiles(PHOTO)
      const thumb = ui('.handle__panel .photo-grid__img img')
      await expectUi(thumb).toHaveCount(1)
      await expectImageLoaded(thumb)
      await screenshot(worker, 'worker-resolve-panel')
      await confirmMove(worker, 'resolve', '已办结')
      await expectUi(ui('.st-item').first().locator('.st-title')).toHaveText('已办结')
      await expectUi(ui('.st-item').first().locator('.st-note')).toHaveText(resolveNote)
      await screenshot(worker, 'worker-resolved')
    })

    // ── 4. the resident sees each step, the note and the proof photo; 满意 → 已评价 ────────────
    await step('resident-rates', async () => {
      await resident.reload()
      await expectUi(residentUi('.report-detail .status-badge')).toHaveText('已办结')
      await expectUi(residentUi('.st-item .st-title')).toHaveText(['已办结', '派给 孙丽', '已受理', '已提交'])
      const resolved = residentUi('.st-item').first()
      await expectUi(resolved.locator('.st-note')).toHaveText(resolveNote)
      await expectUi(resolved.locator('.st-actor')).toContainText('孙丽')
      const proof = resolved.locator('.st-photo img')
      await expectUi(proof).toHaveCount(1)
      await expectUi(proof).toHaveAttribute('src', /\/files\//)
      await expectImageLoaded(proof)
      await screenshot(resident, 'resident-resolved')

      await residentUi('.report-detail__rate-btn').click()
      await resident.waitForURL(/#\/reports\/rate\/index\?id=/)
      await residentUi('.rate__level[data-level="satisfied"]').click()
      await expectUi(residentUi('.rate__level--on')).toHaveText('满意')
      await residentUi('.rate__submit').click()
      await resident.waitForURL(/#\/reports\/detail\/index\?id=/)
      await expectUi(residentUi('.report-detail .status-badge')).toHaveText('已评价')
      await expectUi(residentUi('.report-detail__rating')).toContainText('满意')
      await expectUi(residentUi('.report-detail__rate-btn')).toHaveCount(0)
      await expectUi(residentUi('.st-item .st-title').first()).toHaveText('已评价')
      await screenshot(resident, 'resident-rated')
    })

    // ── 5. the building leader publishes a notice to 3号楼 only ───────────────────────────
    const leader = await phone('building leader 周桂芳')
    const leaderUi = shownOn(leader)
    await step('leader-publish', async () => {
      await signIn(leader, 'u-zhou', '周桂芳')
      await openWorkspace(leader)
      await leaderUi('.workspace__big[data-action="publish"]').click()
      await leader.waitForURL(/#\/notices\/publish\/index/)
      const buildings = leaderUi('[data-chips="buildings"] .chip')
      // A leader is offered exactly the buildings they lead, all chosen to begin with.
      await expectUi(buildings).toHaveText(['3号楼', '5号楼'])
      await expectUi(leaderUi('[data-chips="buildings"] .chip--on')).toHaveCount(2)
      await leaderUi('[data-chips="buildings"] .chip[data-value="b-5"]').click()
      await expectUi(leaderUi('[data-chips="buildings"] .chip--on')).toHaveText('3号楼')
      await leaderUi('.publish__title input').fill(noticeTitle)
      await leaderUi('.publish__body textarea').fill(noticeBody)
      await screenshot(leader, 'leader-publish-form')

      await leaderUi('.publish__submit').click()
      await leader.waitForURL(/#\/notices\/detail\/index\?id=/, { timeout: 15_000 })
      noticeId = decodeURIComponent(new URL(leader.url().replace('#', '')).searchParams.get('id') ?? '')
      expect(noticeId).not.toBe('')
      await expectUi(leaderUi('.notice__title')).toHaveText(noticeTitle)
      await expectUi(leaderUi('.notice__body')).toHaveText(noticeBody)
      await expectUi(leaderUi('.notice__card .muted', { text: '发送范围' })).toHaveText('发送范围：3号楼')
      await screenshot(leader, 'leader-notice-published')
    })

    // ── 6. 3号楼 sees it in 消息 (王秀兰 opens it); 8号楼 does not ────────────────────────────
    await step('neighbours-see-notice', async () => {
      // 王秀兰 (3号楼201): unread in 消息, then opened.
      await toTab(resident, '消息')
      await resident.waitForURL(/#\/pages\/messages\/index/)
      const wangRow = residentUi('[data-section="notices"] .notice-row', { text: noticeTitle })
      await expectUi(wangRow).toHaveCount(1)
      await expectUi(wangRow).toHaveAttribute('data-id', noticeId)
      await expectUi(wangRow).toHaveAttribute('class', /notice-row--unread/)
      await expectUi(wangRow.locator('.notice-flag--building')).toHaveText('楼栋')
      await screenshot(resident, 'wang-messages')
      await wangRow.click()
      await resident.waitForURL(/#\/notices\/detail\/index\?id=/)
      await expectUi(residentUi('.notice__title')).toHaveText(noticeTitle)
      await expectUi(residentUi('.notice__body')).toHaveText(noticeBody)
      await expectUi(residentUi('.notice__meta')).toContainText('周桂芳')
      // Receipts are the sender's, not the neighbours'.
      await expectUi(residentUi('.notice__receipts')).toHaveCount(0)
      await screenshot(resident, 'wang-notice-detail')

      // 李明 (3号楼302): sees it, does not open it.
      const li = await phone('resident 李明')
      const liUi = shownOn(li)
      await signIn(li, 'u-li', '李明')
      await tapTab(li, '消息')
      await li.waitForURL(/#\/pages\/messages\/index/)
      const liRow = liUi('[data-section="notices"] .notice-row', { text: noticeTitle })
      await expectUi(liRow).toHaveCount(1)
      await expectUi(liRow).toHaveAttribute('class', /notice-row--unread/)
      await screenshot(li, 'li-messages')

      // 赵小燕 (8号楼101): her list has loaded (the community-wide notice is there) without it.
      const zhao = await phone('resident 赵小燕')
      const zhaoUi = shownOn(zhao)
      await signIn(zhao, 'u-zhao', '赵小燕')
      await tapTab(zhao, '消息')
      await zhao.waitForURL(/#\/pages\/messages\/index/)
      await expectUi(zhaoUi('[data-section="notices"] .notice-row', { text: '冬季消防安全提示' })).toHaveCount(1)
      await expectUi(zhaoUi('.notice-row', { text: noticeTitle })).toHaveCount(0)
      expect(await zhao.locator('.notice-row', { hasText: noticeTitle }).count()).toBe(0)
      await screenshot(zhao, 'zhao-messages')
    })

    // ── 7. the leader's receipts: 2 of 5 households of 3号楼 read; 102, 202, 302 still to knock on ─
    await step('leader-receipts', async () => {
      await leader.reload()
      await expectUi(leaderUi('.notice__title')).toHaveText(noticeTitle)
      await leaderUi('.notice__receipts').click()
      await leader.waitForURL(/#\/notices\/receipts\/index\?id=/)
      // 3号楼's registered homes: 101 (周桂芳, the author: read on publishing), 102 (高志强), 201 (王秀兰:
      // opened), 202 (林淑珍), 302 (李明).
      await expectUi(leaderUi('[data-receipts="count"]')).toHaveText('已读 2 / 5 户')
      const building = leaderUi('.receipts__building')
      await expectUi(building).toHaveCount(1)
      await expectUi(building).toHaveAttribute('data-building', '3号楼')
      await expectUi(building.locator('.receipts__building-name')).toHaveText('3号楼（3户）')
      await expectUi(building.locator('.receipts__room')).toHaveText(['102', '202', '302'])
      await screenshot(leader, 'leader-receipts')
    })

    expect(pageErrors).toEqual([])
    expect(serverErrors).toEqual([])
  }, TEST_TIMEOUT)
})
