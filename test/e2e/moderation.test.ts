/**
 * Content security on the whole stack (issue 13), in a real (headless) Chromium: the http H5 build on
 * one origin with the reference server (a child process on in-memory PGlite, demo mode, seeded 映月社区)
 * behind it, started with LINLI_CONTENT_WORDS naming a word list file of this test's own. Three phones:
 *
 *  1. resident 王秀兰 writes on her report's thread (漏水, handled by grid worker 孙丽) a message the
 *     file's `review` entry holds: it is sent, and she still sees it
 *  2. 孙丽 (a grid worker: not a moderator) does not see it on the thread
 *  3. staff 张敏: 工作台 → 内容审核 (its count) → the item with why it was held → 通过; the queue is empty
 *  4. 孙丽 sees the message now
 *  5. 张敏: 工作台 → 操作记录 → 审核通过 by 张敏（社区工作者）on 留言 · 涉及 王秀兰; the same in elder mode
 *
 * And what neighbours read: 王秀兰's contribution to a proposal's discussion, held the same way, is
 * not shown to her neighbour 李明 until 张敏 approves it in 内容审核; then he reads it.
 *
 * Needs the http H5 build (dist-h5-http/). Screenshots go to artifacts/e2e-moderation/.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { startFullStack, type FullStack } from './support/stack'
import { expectUi, recordSteps, shownOn, tapSettled, tapTab } from './support/ui'

const ROOT = join(__dirname, '..', '..')
const ARTIFACTS = join(ROOT, 'artifacts', 'e2e-moderation')

/** Jest 29 ignores `testTimeout` inside a project entry: set it here. The run takes well under this. */
const TEST_TIMEOUT = 90_000

describe('a held text waits for 内容审核, then reaches its readers (H5, http mode, reference server)', () => {
  let stack: FullStack | undefined
  const words = mkdtempSync(join(tmpdir(), 'linli-words-'))

  afterAll(async () => {
    await stack?.close()
    rmSync(words, { recursive: true, force: true })
  })

  it('resident writes a held message and a held contribution → the grid worker and the neighbour do not see them → staff approve both → they see them; 操作记录 shows the approvals', async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    // An entry of this file only (not in the built-in list): the server reads the file, as in production.
    const file = join(words, 'words.txt')
    writeFileSync(file, '# 本社区的词表\nreject 代开发票\nreview 私下转账\n')
    stack = await startFullStack({ env: { LINLI_CONTENT_WORDS: file } })
    const { base, pages, pageErrors, serverErrors, phone, signIn } = stack
    const { step, screenshot } = recordSteps({ dir: ARTIFACTS, pageErrors, pages: () => pages })

    const run = Date.now().toString(36)
    const body = `师傅说换管道的钱可以私下转账给他，这样行吗？#${run}`
    let threadId = ''

    const wang = await phone('resident 王秀兰')
    const sun = await phone('grid worker 孙丽')
    const zhang = await phone('staff 张敏')
    const wangUi = shownOn(wang)
    const sunUi = shownOn(sun)
    const zhangUi = shownOn(zhang)
    const openThread = async (page: Page) => {
      await page.goto(`${base}#/messages/thread/index?id=${encodeURIComponent(threadId)}`)
      await shownOn(page)('.composer').waitFor()
    }
    const bodies = (page: Page) => shownOn(page)('.message__body')
    const said = `楼里装电梯的钱能不能私下转账给施工队？#${run}`
    let discussionRoute = ''
    const li = await phone('neighbour 李明')
    const liUi = shownOn(li)
    const openDiscussion = async (page: Page) => {
      await page.goto(`${base}#${discussionRoute}`)
      await shownOn(page)('.dc-row__body').first().waitFor()
    }

    await step('resident-writes', async () => {
      await signIn(wang, 'u-wang', '王秀兰')
      // Her report of the dripping stairwell (demo story r-water), whose thread 孙丽 answered.
      threadId = await wang.evaluate(async () => {
        const { api } = (window as unknown as { __linli: { api: import('../../src/api/client').ApiClient } }).__linli
        const mine = await api.reports.listMine({ limit: 50 })
        const report = mine.items.find((r) => r.description.startsWith('3号楼2单元楼道顶部一直在滴水'))
        if (!report) throw new Error('the demo report r-water is missing')
        return `report:${report.id}`
      })
      await openThread(wang)
      await wangUi('.composer__input textarea').fill(body)
      await wangUi('.composer__send').click()
      // Sent, and its author sees it (held: for her and the moderators only).
      await expectUi(bodies(wang).filter({ hasText: body })).toHaveCount(1)
      await screenshot(wang, 'wang-sent')
      // The same words in a proposal's discussion, which every neighbour reads.
      discussionRoute = await wang.evaluate(async (text) => {
        const { api } = (window as unknown as { __linli: { api: import('../../src/api/client').ApiClient } }).__linli
        const open = (await api.conventions.listProposals({ limit: 50 })).items.find((p) => p.status === 'collecting' && !p.lapsed)
        if (!open) throw new Error('no open demo proposal')
        const sent = await api.conventions.contribute({ kind: 'proposal', id: open.id }, { body: text, stance: 'neutral' }, { idempotencyKey: `e2e-${Date.now()}` })
        if (sent.moderation?.status !== 'held') throw new Error('the contribution was not held')
        return `/consult/discussion/index?kind=proposal&id=${encodeURIComponent(open.id)}`
      }, said)
    })

    await step('neighbour-does-not-see-it', async () => {
      await signIn(li, 'u-li', '李明')
      await openDiscussion(li)
      await expectUi(liUi('.dc-row__body').filter({ hasText: said })).toHaveCount(0)
      await screenshot(li, 'li-discussion-before')
    })

    await step('grid-worker-does-not-see-it', async () => {
      await signIn(sun, 'u-sun', '孙丽')
      await openThread(sun)
      await expectUi(bodies(sun).filter({ hasText: '物业明天上午来更换三楼的管道接口' })).toHaveCount(1)
      await expectUi(bodies(sun).filter({ hasText: body })).toHaveCount(0)
      await screenshot(sun, 'sun-thread-before')
    })

    await step('staff-approve', async () => {
      await signIn(zhang, 'u-zhang', '张敏')
      await zhangUi('.workspace-entry[data-entry="workspace"]').click()
      await zhang.waitForURL(/#\/staff\/workspace\/index/)
      await expectUi(zhangUi('[data-action="moderation"] .workspace__count')).toHaveText('2 条待审核')
      await screenshot(zhang, 'zhang-workspace')
      await tapSettled(zhang, zhangUi('[data-action="moderation"]'))
      await zhang.waitForURL(/#\/staff\/moderation\/index/)
      await expectUi(zhangUi('.moderation__row')).toHaveCount(2)
      await expectUi(zhangUi('.moderation__summary')).toHaveText('待审核 2 条')
      const row = zhangUi('.moderation__row[data-kind="message"]')
      await expectUi(row.locator('.moderation__kind')).toHaveText('留言')
      await expectUi(row.locator('.moderation__text')).toHaveText(body)
      await expectUi(row.locator('.moderation__by')).toContainText('王秀兰 · ')
      await expectUi(row.locator('.moderation__why')).toHaveText('拦下原因：命中敏感词“私下转账”')
      await screenshot(zhang, 'zhang-moderation')
      await tapSettled(zhang, row.locator('.moderation__approve'))
      const contribution = zhangUi('.moderation__row[data-kind="contribution"]')
      await expectUi(contribution.locator('.moderation__text')).toHaveText(said)
      await tapSettled(zhang, contribution.locator('.moderation__approve'))
      await expectUi(zhangUi('.moderation__empty')).toHaveText('没有待审核的内容')
      await expectUi(zhangUi('.moderation__row')).toHaveCount(0)
      await screenshot(zhang, 'zhang-moderation-done')
    })

    await step('grid-worker-sees-it', async () => {
      // The thread read afresh, as when she opens it again.
      await sun.reload()
      await sunUi('.composer').waitFor()
      await expectUi(bodies(sun).filter({ hasText: body })).toHaveCount(1)
      await screenshot(sun, 'sun-thread-after')
    })

    await step('neighbour-sees-it', async () => {
      await openDiscussion(li)
      await expectUi(liUi('.dc-row__body').filter({ hasText: said })).toHaveCount(1)
      await screenshot(li, 'li-discussion-after')
    })

    await step('audit-log', async () => {
      await zhang.goBack()
      await zhang.waitForURL(/#\/staff\/workspace\/index/)
      await tapSettled(zhang, zhangUi('[data-action="audit"]'))
      await zhang.waitForURL(/#\/staff\/audit\/index/)
      const approvals = zhangUi('.audit__row')
      await expectUi(approvals.nth(1).locator('.audit__what')).toHaveText('审核通过')
      await expectUi(approvals.nth(1).locator('.audit__who')).toHaveText('张敏（社区工作者）')
      await expectUi(approvals.nth(1).locator('.audit__on')).toHaveText('留言 · 涉及 王秀兰')
      await expectUi(approvals.first().locator('.audit__on')).toHaveText('发言 · 涉及 王秀兰')
      await screenshot(zhang, 'zhang-audit')
      await tapSettled(zhang, zhangUi('[data-chips="action"] [data-value="moderation.approve"]'))
      await expectUi(zhangUi('.audit__row .audit__what')).toHaveText(['审核通过', '审核通过'])
      await screenshot(zhang, 'zhang-audit-filtered')
    })

    await step('elder-mode', async () => {
      await zhang.goto(`${base}#/pages/me/index`)
      await tapTab(zhang, '我的')
      await zhangUi('.me__elder .nut-switch').click()
      await expectUi(zhangUi('.page.elder')).toHaveCount(1)
      await zhang.goto(`${base}#/staff/audit/index`)
      await expectUi(zhangUi('.audit__row .audit__what').first()).toHaveText(/^审核/)
      const px = await zhangUi('.audit__who').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
      expect(px).toBeGreaterThanOrEqual(18)
      await screenshot(zhang, 'zhang-audit-elder')
      await zhang.goto(`${base}#/staff/moderation/index`)
      await expectUi(zhangUi('.moderation__empty')).toHaveText('没有待审核的内容')
      await screenshot(zhang, 'zhang-moderation-elder')
    })

    expect(serverErrors).toEqual([])
  }, TEST_TIMEOUT)
})
