/**
 * 民事民提·议·决 and the convention on the whole stack (issue 11), in a real (headless) Chromium,
 * entirely through the screens: the H5 build in http mode on one origin with the reference server (a
 * child process on in-memory PGlite, demo mode, seeded 映月社区, its clock movable: LINLI_TEST_CLOCK)
 * behind it. One browser context per person. The demo asks 5 households' co-signs within 30 days.
 *
 *  1. resident 王秀兰 (3号楼201) proposes from 议事厅 → 议题 → 提议题 → 征集附议, 0 / 5
 *  2. five other households co-sign through 议事厅 → 议题: 李明 (3号楼302), 赵小燕 (8号楼101),
 *     陈建国 (1号楼102), 周桂芳 (3号楼101, leader of 3号楼/5号楼), 高志强 (3号楼102) → 已列入议程
 *  3. staff 张敏 opens the vote from the proposal: 3号楼 only (roll 101, 102, 201, 202, 302), 60 %
 *  4. 王秀兰, 李明 (同意) and 高志强 (不同意) vote by phone, from 首页's 待您表决
 *  5. staff enter 林淑珍's paper ballot (3号楼202, 80, no phone) → 4 / 5; the roll says who and how
 *  6. staff amend 映月社区居民公约 (第5条): draft version 2, put to the residents' vote (whole
 *     community, 7 households, 50 %); 王秀兰, 李明, 赵小燕, 陈建国 vote 同意
 *  7. the server's clock moves 8 days on, past both votes' closing time (a form's default closing
 *     time is a week ahead by the phone's clock, so both votes are opened before time moves: after
 *     it, the phones' clocks would be 8 days behind the server's)
 *  8. staff publish the proposal's vote: 通过, quorum 4 / 5 reached, 公示期至 the date; the proposal
 *     says 已通过·落实中 (also to 王秀兰, who proposed it)
 *  9. staff publish the convention's vote: 通过; the convention reads 第2版 with its change note, no
 *     draft left, 已承诺 0 / 7 户 (修订记录 is not checked: on H5 the page's list never draws the
 *     entries below the first screen and a half, however far the page is scrolled)
 * 10. 王秀兰 and 李明 acknowledge version 2 from 首页's 请承诺遵守 (李明 had acknowledged version 1)
 * 11. the leader 周桂芳 opens 各户承诺情况: 2 / 5 of her buildings' households; 3号楼 101, 102, 202
 *     still to knock on
 *
 * Needs the http H5 build (dist-h5-http/). Screenshots go to artifacts/e2e-consultation/. Any uncaught
 * page error or any 5xx answer fails the test; LINLI_E2E_TRACE=1 also logs every 4xx/5xx answer.
 */
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { startFullStack, type FullStack } from './support/stack'
import { confirmModal, expectUi, goBack, idInUrl, poll, recordSteps, shownOn, tapSettled, toTab } from './support/ui'

const ROOT = join(__dirname, '..', '..')
const ARTIFACTS = join(ROOT, 'artifacts', 'e2e-consultation')

/** Jest 29 ignores `testTimeout` inside a project entry: set it here. The run takes well under this. */
const TEST_TIMEOUT = 300_000
const DAY_MS = 86_400_000

/** What an input holds now (its property, not its attribute), polled until it is `value`. */
async function expectValue(input: Locator, value: string): Promise<void> {
  await poll(
    async () => `${input} expected the value ${JSON.stringify(value)}; found ${JSON.stringify(await input.first().inputValue({ timeout: 500 }))}`,
    async () => (await input.first().inputValue({ timeout: 500 })) === value,
  )
}

/**
 * Tap `target` where it is on the screen (the mouse at its centre), once it is at rest in view.
 * Playwright's click first scrolls the element into view, which on some pages (the vote page after
 * its result was published) starts the page's pull-to-refresh, which then takes every tap.
 */
async function tapInView(page: Page, target: Locator): Promise<void> {
  let box: { x: number; y: number; width: number; height: number } | null = null
  await target.waitFor()
  const first = await target.boundingBox()
  if (first && (first.y < 44 || first.y + first.height > 844)) {
    await page.mouse.move(195, 400)
    await page.mouse.wheel(0, first.y - 400)
  }
  await poll(
    async () => `${target} is not at rest in view`,
    async () => {
      const a = await target.boundingBox()
      await new Promise((resolve) => setTimeout(resolve, 100))
      box = await target.boundingBox()
      return !!a && !!box && a.y === box.y && box.y >= 44 && box.y + box.height <= 844
    },
  )
  const { x, y, width, height } = box!
  await page.mouse.click(x + width / 2, y + height / 2)
}

/** One of a row of choices by its exact words (同意 is not 不同意). */
function exactly(locator: Locator, text: string): Locator {
  return locator.filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) })
}

describe('民事民提·议·决 and the convention through the screens (H5, http mode, reference server)', () => {
  let stack: FullStack | undefined

  afterAll(async () => {
    await stack?.close()
  })

  it('a proposal co-signed onto the agenda, a 3号楼 vote by phone and on paper, published; a convention amended by vote, acknowledged, checked by the leader', async () => {
    rmSync(ARTIFACTS, { recursive: true, force: true })
    mkdirSync(ARTIFACTS, { recursive: true })

    stack = await startFullStack({ testClock: true })
    const { api, pages, pageErrors, serverErrors, phone, signIn } = stack
    expect(api.advanceClock).toBeDefined()
    const { step, screenshot } = recordSteps({ dir: ARTIFACTS, pageErrors, pages: () => pages })

    /** 首页 → 进入议事厅 → a tab of the hub. */
    const openHub = async (page: Page, tab: 'conventions' | 'proposals' | 'votes'): Promise<void> => {
      await toTab(page, '首页')
      await page.waitForURL(/#\/pages\/home\/index/)
      await shownOn(page)('.home__hub').click()
      await page.waitForURL(/#\/consult\/index\/index/)
      await shownOn(page)(`.consult__tab[data-tab="${tab}"]`).click()
      await expectUi(shownOn(page)('.consult__tab--on')).toHaveAttribute('data-tab', tab)
    }

    const run = Date.now().toString(36)
    const title = `3号楼单元门口加装雨棚 #${run}`
    const body = `3号楼单元门口没有遮挡，下雨天老人进出容易滑倒，快递也常被淋湿。建议在单元门口加装透明雨棚，费用从社区公益金列支。编号${run}`
    const paperNote = '林淑珍本人交回（80岁，不用手机）'
    const noiseText = '晚上10点至早上7点、中午12点至14点不进行装修、高声喧哗等影响他人休息的活动。'
    const changeNote = `第5条增加午休时段（中午12点至14点）；经12月居民议事会讨论 #${run}`
    let proposalId = ''
    let voteId = ''
    let conventionId = ''
    let conventionVoteId = ''

    const wang = await phone('resident 王秀兰')
    const wangUi = shownOn(wang)

    // ── 1. 王秀兰 proposes: 议事厅 → 议题 → 提议题 ───────────────────────────────────────────
    await step('resident-proposes', async () => {
      await signIn(wang, 'u-wang', '王秀兰')
      await openHub(wang, 'proposals')
      await tapSettled(wang, wangUi('.pl-head__new'))
      await wang.waitForURL(/#\/consult\/proposal-new\/index/)
      await wangUi('.proposal-new__title input').fill(title)
      await wangUi('.proposal-new__body textarea').fill(body)
      await screenshot(wang, 'wang-proposal-form')
      await wangUi('.proposal-new__submit').click()
      await wang.waitForURL(/#\/consult\/proposal\/index\?id=/, { timeout: 20_000 })
      proposalId = idInUrl(wang)
      expect(proposalId).not.toBe('')
      await expectUi(wangUi('.proposal__title')).toHaveText(title)
      await expectUi(wangUi('.proposal__head .pl-status')).toHaveText('征集附议')
      await expectUi(wangUi('[data-threshold="count"]')).toContainText('已附议 0 / 5 户，还差 5 户')
      await expectUi(wangUi('.proposal__cosign-refusal')).toHaveText('这是您家提出的议题，不用再附议')
      await screenshot(wang, 'wang-proposal-submitted')
    })

    // ── 2. five households co-sign through 议事厅 → 议题 → the proposal ─────────────────────────
    const cosigners = [
      { id: 'u-li', name: '李明', label: 'resident 李明 (3号楼302)' },
      { id: 'u-zhao', name: '赵小燕', label: 'resident 赵小燕 (8号楼101)' },
      { id: 'u-chen', name: '陈建国', label: 'resident 陈建国 (1号楼102)' },
      { id: 'u-zhou', name: '周桂芳', label: 'building leader 周桂芳 (3号楼101)' },
      { id: 'u-gao', name: '高志强', label: 'resident 高志强 (3号楼102)' },
    ]
    const phones = new Map<string, Page>()
    await step('neighbours-cosign', async () => {
      for (const [i, who] of cosigners.entries()) {
        const page = await phone(who.label)
        phones.set(who.id, page)
        const ui = shownOn(page)
        await signIn(page, who.id, who.name)
        await openHub(page, 'proposals')
        const row = ui(`.pl-row[data-proposal="${proposalId}"]`)
        await expectUi(row.locator('.pl-row__title')).toHaveText(title)
        await expectUi(row.locator('.pl-row__count')).toHaveText(`已附议 ${i} / 5 户`)
        if (i === 0) await screenshot(page, 'li-proposal-list')
        await tapSettled(page, row)
        await page.waitForURL(/#\/consult\/proposal\/index\?id=/)
        await expectUi(ui('.proposal__title')).toHaveText(title)
        await ui('.proposal__cosign').click()
        await expectUi(ui('[data-threshold="count"]')).toContainText(`已附议 ${i + 1} / 5 户`)
        await expectUi(ui('.proposal__cosign-refusal')).toHaveText('您家已附议')
        if (i === 0) await screenshot(page, 'li-cosigned')
      }
      const gao = phones.get('u-gao')!
      await expectUi(shownOn(gao)('.proposal__head .pl-status')).toHaveText('已列入议程')
      await expectUi(shownOn(gao)('[data-threshold="count"]')).toHaveText('已附议 5 / 5 户')
      await screenshot(gao, 'gao-fifth-cosign-agenda')
    })

    // ── 3. staff open the vote from the proposal: 3号楼, 60 % ────────────────────────────────
    const staff = await phone('staff 张敏')
    const staffUi = shownOn(staff)
    await step('staff-opens-vote', async () => {
      await signIn(staff, 'u-zhang', '张敏')
      await openHub(staff, 'proposals')
      const row = staffUi(`.pl-row[data-proposal="${proposalId}"]`)
      await expectUi(row.locator('.pl-status')).toHaveText('已列入议程')
      await tapSettled(staff, row)
      await staff.waitForURL(/#\/consult\/proposal\/index\?id=/)
      await expectUi(staffUi('.proposal__head .pl-status')).toHaveText('已列入议程')
      await staffUi('.proposal__staff-btn[data-action="vote"]').click()
      await staff.waitForURL(/#\/consult\/vote-new\/index\?proposalId=/)
      await expectUi(staffUi('.vote-new__about')).toHaveText(`针对议题：${title}`)
      await expectValue(staffUi('.vote-new__title input'), title)
      await staffUi('.vote-new__description textarea').fill('是否同意在3号楼单元门口加装透明雨棚，费用约6,000元从社区公益金列支。请3号楼各户表决，每户一票。')
      await staffUi('[data-chips="vote-scope"] .chip[data-value="buildings"]').click()
      await staffUi('[data-chips="vote-buildings"] .chip[data-value="b-3"]').click()
      await expectUi(staffUi('[data-chips="vote-buildings"] .chip--on')).toHaveText('3号楼')
      await staffUi('.vote-new__quorum input').fill('60')
      await expectUi(staffUi('.vote-new__hint').last()).toHaveText('需至少 60% 的户参与；同意票过半数通过')
      await screenshot(staff, 'staff-vote-form')
      await staffUi('.vote-new__submit').click()
      await staff.waitForURL(/#\/consult\/vote\/index\?id=/, { timeout: 20_000 })
      voteId = idInUrl(staff)
      expect(voteId).not.toBe('')
      await expectUi(staffUi('.vote .proposal__title')).toHaveText(title)
      await expectUi(staffUi('.vote .pl-status')).toHaveText('进行中')
      await expectUi(staffUi('.vote__about')).toHaveText(`表决议题：${title}`)
      await expectUi(staffUi('.vote__line').first()).toHaveText('参与范围：3号楼')
      await expectUi(staffUi('.vote__rule')).toHaveText('需至少 60% 的户参与；同意票过半数通过')
      await expectUi(staffUi('[data-turnout]')).toHaveText('已投 0 / 5 户')
      await expectUi(staffUi('.vote__turnout .muted')).toHaveText('参与率要求 60%（至少 3 户）')
      await screenshot(staff, 'staff-vote-opened')
    })

    /** From 首页's 待您表决: open the vote, choose, confirm; my household's receipt shows (never the choice). */
    const voteByPhone = async (page: Page, name: string, id: string, choice: '同意' | '不同意', turnout: string): Promise<void> => {
      const ui = shownOn(page)
      await toTab(page, '首页')
      await page.waitForURL(/#\/pages\/home\/index/)
      await ui(`.home__door--votes .home__door-row[data-id="${id}"]`).click()
      await page.waitForURL(/#\/consult\/vote\/index\?id=/)
      await expectUi(ui('.vote__ask')).toHaveText('请选择您家的意见（每户一票）')
      await exactly(ui('.vote__option'), choice).click()
      await confirmModal(page, `确认投“${choice}”？`)
      await expectUi(ui('.vote__voted')).toContainText(`您家已由 ${name} 于`)
      await expectUi(ui('.vote__voted')).toContainText('投票（手机）')
      await expectUi(ui('.vote__option')).toHaveCount(0)
      await expectUi(ui('[data-turnout]')).toHaveText(turnout)
    }

    // ── 4. three households of 3号楼 vote by phone ───────────────────────────────────────────
    const li = phones.get('u-li')!
    const gao = phones.get('u-gao')!
    await step('households-vote-by-phone', async () => {
      // 王秀兰 first sees her proposal in the vote (议事厅 → 议题), then it waits for her on 首页.
      await openHub(wang, 'proposals')
      const mine = wangUi(`.pl-row[data-proposal="${proposalId}"]`)
      await expectUi(mine.locator('.pl-status')).toHaveText('表决中')
      await expectUi(mine.locator('.pl-row__count')).toHaveText('已附议 5 / 5 户')
      await toTab(wang, '首页')
      const door = wangUi(`.home__door--votes .home__door-row[data-id="${voteId}"]`)
      await expectUi(door.locator('.home__door-row-title')).toHaveText(title)
      await screenshot(wang, 'wang-home-vote-waiting')
      await voteByPhone(wang, '王秀兰', voteId, '同意', '已投 1 / 5 户')
      await screenshot(wang, 'wang-voted')
      await voteByPhone(li, '李明', voteId, '同意', '已投 2 / 5 户')
      await voteByPhone(gao, '高志强', voteId, '不同意', '已投 3 / 5 户')
      await screenshot(gao, 'gao-voted')
    })

    // ── 5. staff enter 林淑珍's paper ballot (3号楼202); the roll shows who voted, and how ───────
    await step('staff-paper-ballot', async () => {
      // The roll first: who has not voted yet (never how anyone voted).
      await tapSettled(staff, staffUi('.vote__roll'))
      await staff.waitForURL(/#\/consult\/vote-roll\/index\?id=/)
      await expectUi(staffUi('[data-roll="count"]')).toHaveText('已投 3 / 5 户')
      await staffUi('[data-chips="roll-filter"] .chip[data-value="not"]').click()
      await expectUi(staffUi('.roll-row .roll-row__door')).toHaveText(['3号楼 101', '3号楼 202'])
      await screenshot(staff, 'staff-roll-not-voted')
      // Back on the vote (it reads itself again on showing): 林淑珍 of 202 has handed in a paper ballot.
      await goBack(staff)
      await staff.waitForURL(/#\/consult\/vote\/index\?id=/)
      await expectUi(staffUi('[data-turnout]')).toHaveText('已投 3 / 5 户')
      await expectUi(staffUi('[data-chips="paper-building"] .chip')).toHaveText(['3号楼'])
      await staffUi('[data-chips="paper-building"] .chip[data-value="b-3"]').click()
      await staffUi('[data-chips="paper-room"] .chip[data-value="202"]').click()
      await expectUi(staffUi('[data-chips="paper-room"] .chip--on')).toHaveText('202')
      await exactly(staffUi('[data-chips="paper-option"] .chip'), '同意').click()
      await expectUi(staffUi('[data-chips="paper-option"] .chip--on')).toHaveText('同意')
      await staffUi('.vote__paper-note input').fill(paperNote)
      await screenshot(staff, 'staff-paper-ballot-form')
      await staffUi('.vote__paper-submit').click()
      await confirmModal(staff, '录入 3号楼202 的选票？')
      await expectUi(staffUi('[data-turnout]')).toHaveText('已投 4 / 5 户')
      // 4 of 5 = 80 %: past the quorum's mark (the bar turns to "done").
      await expectUi(staffUi('.vote__turnout .progress-bar__fill')).toHaveAttribute('class', /progress-bar__fill--done/)
      await expectValue(staffUi('.vote__paper-note input'), '')

      await tapSettled(staff, staffUi('.vote__roll'))
      await staff.waitForURL(/#\/consult\/vote-roll\/index\?id=/)
      await expectUi(staffUi('[data-roll="count"]')).toHaveText('已投 4 / 5 户')
      await expectUi(staffUi('.roll-row .roll-row__door')).toHaveText(['3号楼 101', '3号楼 102', '3号楼 201', '3号楼 202', '3号楼 302'])
      await expectUi(staffUi('.roll-row[data-household="b-3:101"] .roll-row__state')).toHaveText('未投')
      const paper = staffUi('.roll-row[data-household="b-3:202"] .roll-row__how')
      await expectUi(paper).toContainText('纸质（张敏录入）')
      await expectUi(paper).toContainText(`投票人：${paperNote}`)
      await expectUi(staffUi('.roll-row[data-household="b-3:201"] .roll-row__how')).toContainText('手机 · 投票人：王秀兰')
      await screenshot(staff, 'staff-vote-roll')
    })

    // ── 6. staff amend 映月社区居民公约: draft version 2, put to the residents' vote ─────────────
    await step('staff-amends-convention', async () => {
      await openHub(staff, 'conventions')
      const row = staffUi('.conv-row', { text: '映月社区居民公约' })
      await expectUi(row.locator('.conv-row__meta')).toContainText('社区公约 · 第1版')
      await tapSettled(staff, row)
      await staff.waitForURL(/#\/consult\/convention\/index\?id=/)
      conventionId = idInUrl(staff)
      await expectUi(staffUi('.convention__title')).toHaveText('映月社区居民公约')
      await expectUi(staffUi('.convention__edit')).toHaveText('修订下一版')
      await tapSettled(staff, staffUi('.convention__edit'))
      await staff.waitForURL(/#\/consult\/convention-edit\/index\?id=/)
      // The next version starts from the one in force: its 7 articles.
      await expectUi(staffUi('.conv-edit__article')).toHaveCount(7)
      const noise = staffUi('.conv-edit__article[data-index="4"]')
      await expectValue(noise.locator('.conv-edit__article-title input'), '噪声')
      await noise.locator('.conv-edit__article-text textarea').fill(noiseText)
      await staffUi('.conv-edit__note textarea').fill(changeNote)
      await screenshot(staff, 'staff-convention-draft-form')
      await staffUi('.conv-edit__submit').click()
      await staff.waitForURL(/#\/consult\/convention\/index\?id=/)
      await expectUi(staffUi('.convention__draft')).toHaveText('第2版草案待发布')
      await expectUi(staffUi('.convention__meta')).toContainText('社区公约 · 第1版')
      await screenshot(staff, 'staff-convention-draft-saved')

      await tapSettled(staff, staffUi('.convention__vote'))
      await staff.waitForURL(/#\/consult\/vote-new\/index\?conventionId=/)
      await expectUi(staffUi('.vote-new__about')).toHaveText('针对公约草案：映月社区居民公约')
      await expectUi(staffUi('[data-chips="vote-scope"] .chip--on')).toHaveText('全社区')
      await staffUi('.vote-new__description textarea').fill(`居民公约第5条（噪声）拟增加午休时段：中午12点至14点不装修、不高声喧哗。请各户表决。编号${run}`)
      await staffUi('.vote-new__submit').click()
      await staff.waitForURL(/#\/consult\/vote\/index\?id=/, { timeout: 20_000 })
      conventionVoteId = idInUrl(staff)
      expect(conventionVoteId).not.toBe(voteId)
      await expectUi(staffUi('.vote__about')).toHaveText('表决公约草案：《映月社区居民公约》第2版')
      await expectUi(staffUi('.vote__line').first()).toHaveText('参与范围：全社区')
      await expectUi(staffUi('[data-turnout]')).toHaveText('已投 0 / 7 户')
      await expectUi(staffUi('.vote__turnout .muted')).toHaveText('参与率要求 50%（至少 4 户）')
      await screenshot(staff, 'staff-convention-vote-opened')
    })

    const zhao = phones.get('u-zhao')!
    const chen = phones.get('u-chen')!
    await step('households-vote-on-convention', async () => {
      await voteByPhone(wang, '王秀兰', conventionVoteId, '同意', '已投 1 / 7 户')
      await voteByPhone(li, '李明', conventionVoteId, '同意', '已投 2 / 7 户')
      await voteByPhone(zhao, '赵小燕', conventionVoteId, '同意', '已投 3 / 7 户')
      await voteByPhone(chen, '陈建国', conventionVoteId, '同意', '已投 4 / 7 户')
      await expectUi(shownOn(chen)('.vote__about')).toHaveText('表决公约草案：《映月社区居民公约》第2版')
      await screenshot(chen, 'chen-voted-convention')
    })

    // ── 7. eight days later: both votes have closed ──────────────────────────────────────────
    const serverNow = await api.advanceClock!(8 * DAY_MS)
    expect(serverNow.getTime()).toBeGreaterThan(Date.now() + 7 * DAY_MS)

    // ── 8. staff publish the proposal's vote: 通过, quorum reached, 公示中; the proposal 已通过 ──
    await step('staff-publishes-result', async () => {
      await openHub(staff, 'votes')
      const row = staffUi(`.vl-row[data-vote="${voteId}"]`)
      await expectUi(row.locator('.pl-status')).toHaveText('已截止')
      await expectUi(row.locator('.pl-row__count')).toHaveText('已投 4 / 5 户')
      await tapSettled(staff, row)
      await staff.waitForURL(/#\/consult\/vote\/index\?id=/)
      await expectUi(staffUi('.vote .pl-status')).toHaveText('已截止')
      await expectUi(staffUi('.vote__paper')).toHaveCount(0)
      await screenshot(staff, 'staff-vote-closed')
      await staffUi('.vote__publish').click()
      await confirmModal(staff, '公布表决结果？')
      await expectUi(staffUi('.vote .pl-status')).toHaveText('已公示')
      await expectUi(staffUi('.vote__verdict')).toHaveText('通过')
      await expectUi(staffUi('.vote__tally .vote__tally-label')).toHaveText(['同意：3 票', '不同意：1 票', '弃权：0 票'])
      await expectUi(staffUi('.vote__quorum')).toHaveText('参与 4 / 5 户，达到 60% 的参与率要求')
      await expectUi(staffUi('.vote__quorum')).toHaveAttribute('class', /vote__quorum--met/)
      await expectUi(staffUi('.vote__result .muted', { text: '纸质' })).toHaveText('其中纸质选票 1 张')
      await expectUi(staffUi('.vote__result .muted', { text: '公示期至' })).toHaveText(/^公示期至 \S+/)
      await expectUi(staffUi('.vote__publish')).toHaveCount(0)
      await screenshot(staff, 'staff-result-published')

      await tapInView(staff, staffUi('.vote__about'))
      await staff.waitForURL(/#\/consult\/proposal\/index\?id=/)
      await expectUi(staffUi('.proposal__head .pl-status')).toHaveText('已通过·落实中')
      await expectUi(staffUi('.proposal__vote')).toHaveText('查看表决')

      // The one who proposed it reads the result.
      await openHub(wang, 'proposals')
      await tapSettled(wang, wangUi(`.pl-row[data-proposal="${proposalId}"]`))
      await wang.waitForURL(/#\/consult\/proposal\/index\?id=/)
      await expectUi(wangUi('.proposal__head .pl-status')).toHaveText('已通过·落实中')
      await tapInView(wang, wangUi('.proposal__vote'))
      await wang.waitForURL(/#\/consult\/vote\/index\?id=/)
      await expectUi(wangUi('.vote__verdict')).toHaveText('通过')
      await expectUi(wangUi('.vote__quorum')).toHaveText('参与 4 / 5 户，达到 60% 的参与率要求')
      await expectUi(wangUi('.vote__voted')).toContainText('您家已由 王秀兰 于')
      await screenshot(wang, 'wang-sees-result')
    })

    // ── 9. staff publish the convention's vote: version 2 in force ──────────────────────────
    await step('convention-version-2', async () => {
      await openHub(staff, 'votes')
      const row = staffUi(`.vl-row[data-vote="${conventionVoteId}"]`)
      await expectUi(row.locator('.pl-status')).toHaveText('已截止')
      await tapSettled(staff, row)
      await staff.waitForURL(/#\/consult\/vote\/index\?id=/)
      await staffUi('.vote__publish').click()
      await confirmModal(staff, '公布表决结果？')
      await expectUi(staffUi('.vote .pl-status')).toHaveText('已公示')
      await expectUi(staffUi('.vote__verdict')).toHaveText('通过')
      await expectUi(staffUi('.vote__quorum')).toHaveText('参与 4 / 7 户，达到 50% 的参与率要求')
      await tapInView(staff, staffUi('.vote__about'))
      await staff.waitForURL(/#\/consult\/convention\/index\?id=/)
      await expectUi(staffUi('.convention__meta')).toContainText('社区公约 · 第2版')
      await expectUi(staffUi('.convention__note-text')).toHaveText(changeNote)
      await expectUi(staffUi('.convention__count')).toHaveText('已承诺 0 / 7 户')
      await expectUi(staffUi('.convention__draft')).toHaveCount(0)
      await screenshot(staff, 'staff-convention-v2-in-force')
    })

    // ── 10. 王秀兰 and 李明 acknowledge version 2 from 首页 ───────────────────────────────────
    const acknowledge = async (page: Page, name: string): Promise<void> => {
      const ui = shownOn(page)
      await toTab(page, '首页')
      await page.waitForURL(/#\/pages\/home\/index/)
      const door = ui(`.home__door--conventions .home__door-row[data-id="${conventionId}"]`)
      await expectUi(door.locator('.home__door-row-title')).toHaveText('映月社区居民公约')
      await door.click()
      await page.waitForURL(/#\/consult\/convention\/index\?id=/)
      await expectUi(ui('.convention__meta')).toContainText('第2版')
      await expectUi(ui(`.article[data-article] .article__text`, { text: '中午12点至14点' })).toHaveText(noiseText)
      await tapSettled(page, ui('.convention__ack-btn'))
      await expectUi(ui('.convention__acked')).toContainText(`${name}已于`)
      await expectUi(ui('.convention__acked')).toContainText('代表您家承诺遵守')
      await expectUi(ui('.convention__ack-btn')).toHaveCount(0)
    }
    await step('households-acknowledge', async () => {
      await acknowledge(wang, '王秀兰')
      await screenshot(wang, 'wang-acknowledged')
      await acknowledge(li, '李明')
      await screenshot(li, 'li-acknowledged')
    })

    // ── 11. the leader sees which households of her buildings have not ─────────────────────
    await step('leader-sheet', async () => {
      const zhou = phones.get('u-zhou')!
      const ui = shownOn(zhou)
      await openHub(zhou, 'conventions')
      await tapSettled(zhou, ui('.conv-row', { text: '映月社区居民公约' }))
      await zhou.waitForURL(/#\/consult\/convention\/index\?id=/)
      await expectUi(ui('.convention__meta')).toContainText('第2版')
      await tapSettled(zhou, ui('.convention__sheet'))
      await zhou.waitForURL(/#\/consult\/convention-sheet\/index\?id=/)
      // Her buildings' registered homes: 3号楼 101, 102, 201, 202, 302 (5号楼 has none).
      await expectUi(ui('[data-sheet="count"]')).toHaveText('已承诺 2 / 5 户')
      await expectUi(ui('.sheet__head .muted', { text: '现行' })).toHaveText('按现行第2版统计')
      await expectUi(ui('.sheet__section')).toHaveText(['还没有承诺的住户（上门提醒）', '已承诺的住户'])
      const waiting = ui('.sheet__building', { text: '3号楼' }).filter({ has: zhou.locator('.sheet__room--waiting') })
      await expectUi(waiting.locator('.sheet__building-name')).toHaveText('3号楼（3户）')
      await expectUi(waiting.locator('.sheet__room')).toHaveText(['101', '102', '202'])
      const done = ui('.sheet__building', { text: '3号楼' }).filter({ has: zhou.locator('.sheet__room--done') })
      await expectUi(done.locator('.sheet__building-name')).toHaveText('3号楼（2户）')
      await expectUi(done.locator('.sheet__room')).toHaveText(['201', '302'])
      // A building leader is a resident too: the neighbours' names come masked (ADR 25), the rooms in full.
      await expectUi(done.locator('.sheet__done').first()).toHaveText(/^201\s*王\*\* · /)
      await expectUi(done.locator('.sheet__done').last()).toHaveText(/^302\s*李\* · /)
      await screenshot(zhou, 'leader-acknowledgement-sheet')
    })

    expect(pageErrors).toEqual([])
    expect(serverErrors).toEqual([])
  }, TEST_TIMEOUT)
})
