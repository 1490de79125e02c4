/**
 * A real community goes live (issue 10), on a fresh server WITHOUT the demo seed, through the admin
 * command and the screens, in a real (headless) Chromium:
 *
 *  1. the administrator writes the template, is told exactly what is wrong with a broken workbook
 *     (sheet, row, column; nothing written), imports 青枫社区 and a village of another street
 *     (松涛村), and makes the first admin's invite code — all with `npm run admin` on the data
 *     directory before the server starts;
 *  2. the server starts on that directory (demo mode off, WeChat pointed at the stand-in on loopback);
 *  3. the admin signs in through the stand-in's WeChat authorization page, enters the invite code and
 *     invites a staff member and a building leader of 3号楼 in 邀请成员;
 *  4. both sign in with WeChat and enter their codes;
 *  5. a new resident signs in, finds 青枫社区, claims 3号楼301; the building leader approves it;
 *  6. the resident reports a problem, and staff see it in their inbox;
 *  7. a resident of the other village sees none of it.
 *
 * Needs the http H5 build made with TARO_APP_WECHAT_WEB_APPID/TARO_APP_WECHAT_OAUTH_URL pointing at
 * the stand-in (scripts/test-all.mjs does it). Screenshots and the admin command's output go to
 * artifacts/e2e-go-live/.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { writeStructureWorkbook } from '../../server/admin/workbook'
import type { StructureInput } from '../../src/domain/structure'
import { createFreshStack, type FreshStack } from './support/fresh-stack'
import { expectUi, recordSteps, shownOn, tapTab } from './support/ui'

const ROOT = join(__dirname, '..', '..')
const ARTIFACTS = join(ROOT, 'artifacts', 'e2e-go-live')
const TEST_TIMEOUT = 240_000

const ROOMS_3 = ['101', '102', '201', '202', '301', '302']

const QINGFENG: StructureInput = {
  community: { name: '青枫社区', kind: 'community', street: '东亭街道', district: '无锡市锡山区', reportPrefix: 'QF' },
  grids: [{ name: '第一网格' }, { name: '第二网格' }],
  buildings: [
    { name: '1号楼', grid: '第一网格', rooms: ['101', '102', '201', '202'] },
    { name: '3号楼', grid: '第二网格', rooms: ROOMS_3 },
  ],
  departments: [{ name: '物业服务中心' }],
  categories: [
    { name: '路灯故障', deadlineHours: 48, guidance: '请写明路灯位置或编号' },
    { name: '其他', deadlineHours: 120, guidance: '说清楚在哪里、发生了什么' },
    { name: '燃气泄漏', deadlineHours: 1, guidance: '', emergencyPhone: '119', emergencyMessage: '闻到燃气味：请立即关闭燃气阀门、开窗通风，到室外后拨打119。' },
  ],
  replyTemplates: [{ title: '已受理', text: '您反映的问题已受理，我们会尽快处理。' }],
}

const SONGTAO: StructureInput = {
  community: { name: '松涛村', kind: 'village', street: '羊尖镇', district: '无锡市锡山区', reportPrefix: 'ST' },
  grids: [{ name: '一组' }],
  buildings: [{ name: '村委楼', grid: '一组', rooms: ['101', '102'] }],
  departments: [{ name: '村物业' }],
  categories: [{ name: '其他', deadlineHours: 72, guidance: '' }],
  replyTemplates: [],
}

describe('a real community goes live (fresh server, no demo seed; admin command, WeChat stand-in, Chromium)', () => {
  let stack: FreshStack | undefined

  afterAll(async () => {
    await stack?.close()
  })

  it(
    'import → invite staff and a building leader → a resident claims 3号楼301, the leader approves → the report reaches staff; the other village sees nothing',
    async () => {
      rmSync(ARTIFACTS, { recursive: true, force: true })
      mkdirSync(ARTIFACTS, { recursive: true })
      stack = await createFreshStack()
      const s = stack
      const pages: Page[] = []
      const { step, screenshot } = recordSteps({ dir: ARTIFACTS, pageErrors: s.pageErrors, pages: () => pages })
      const log: string[] = []
      const admin = (args: string[]) => {
        const run = s.admin(args)
        log.push(`$ npm run admin -- ${args.join(' ')}   (exit ${run.code})`, run.out.trimEnd(), run.err.trimEnd(), '')
        writeFileSync(join(ARTIFACTS, '00-admin-command.txt'), log.filter((l) => l !== '').join('\n') + '\n')
        return run
      }

      // ── 1. set-up with the admin command, before the server holds the directory ──────────
      let adminCode = ''
      await step('admin-command', async () => {
        const template = join(s.dataDir, '模板.xlsx')
        expect(admin(['template', template]).code).toBe(0)

        const broken = join(s.dataDir, '错误.xlsx')
        writeFileSync(broken, await writeStructureWorkbook({ ...QINGFENG, buildings: [...QINGFENG.buildings, { name: '5号楼', grid: '第九网格', rooms: ['101'] }] }))
        const refused = admin(['import', broken])
        expect(refused.code).toBe(1)
        expect(refused.err).toContain('没有写入任何内容')
        expect(refused.err).toMatch(/“楼栋”表第 4 行“所属网格”/)
        expect(admin(['communities']).out).toContain('还没有社区')

        const good = join(s.dataDir, '青枫社区.xlsx')
        writeFileSync(good, await writeStructureWorkbook(QINGFENG))
        const imported = admin(['import', good])
        expect(imported.code).toBe(0)
        expect(imported.out).toContain('已新建社区')
        const joinCode = /社区码：([A-Z0-9]{6})/.exec(imported.out)?.[1]
        expect(joinCode).toBeDefined()
        // Imported again: nothing changes.
        const again = admin(['import', good])
        expect(again.code).toBe(0)
        expect(again.out).toContain('已更新社区')
        expect(again.out).not.toMatch(/新增 [1-9]|更新 [1-9]|删除 [1-9]/)

        const village = join(s.dataDir, '松涛村.xlsx')
        writeFileSync(village, await writeStructureWorkbook(SONGTAO))
        expect(admin(['import', village]).code).toBe(0)
        const listed = admin(['communities']).out
        expect(listed).toContain('青枫社区')
        expect(listed).toContain('松涛村')

        const invite = admin(['invite', joinCode!, 'admin', '--note', '街道管理员'])
        expect(invite.code).toBe(0)
        adminCode = /邀请码：([A-Z0-9]{8})/.exec(invite.out)?.[1] ?? ''
        expect(adminCode).toMatch(/^[A-Z0-9]{8}$/)
      })

      // ── 2. the server on that directory ─────────────────────────────────────────────────
      await s.start()
      const base = s.base()

      const phone = async (label: string): Promise<Page> => {
        const page = await s.phone(label)
        pages.push(page)
        return page
      }

      /** Sign in with WeChat through the stand-in's authorization page, as `openid`. */
      const signInWithWeChat = async (page: Page, openid: string): Promise<void> => {
        const ui = shownOn(page)
        await page.goto(`${base}#/auth/sign-in/index`)
        await ui('.sign-in__wechat').click()
        await page.waitForURL(/\/connect\/oauth2\/authorize/)
        await page.locator('#openid').fill(openid)
        await screenshot(page, `wechat-consent-${openid}`).catch(() => undefined)
        await page.locator('#allow').click()
        await page.waitForURL(/#\/onboarding\/community\/index|#\/pages\/home\/index/, { timeout: 20_000 })
      }

      /** From 选择社区: the way in for staff, the invite code. */
      const redeem = async (page: Page, code: string): Promise<void> => {
        const ui = shownOn(page)
        await ui('.community__invite').click()
        await page.waitForURL(/#\/onboarding\/invite\/index/)
        await ui('.invite__code input').fill(code)
        await ui('.invite__submit').click()
        await page.waitForURL(/#\/staff\/workspace\/index/, { timeout: 20_000 })
      }

      const adminPhone = await phone('admin')
      const adminUi = shownOn(adminPhone)

      // ── 3. the admin signs in with WeChat, enters the code, invites staff and a leader ───
      let staffCode = ''
      let leaderCode = ''
      await step('admin-invites', async () => {
        await signInWithWeChat(adminPhone, 'o-admin')
        await expectUi(adminUi('.community__search')).toHaveCount(1)
        await screenshot(adminPhone, 'admin-choose-community')
        await redeem(adminPhone, adminCode)
        await expectUi(adminUi('.workspace__action[data-action="invites"]')).toHaveCount(1)
        await screenshot(adminPhone, 'admin-workspace')

        await adminUi('.workspace__action[data-action="invites"]').click()
        await adminPhone.waitForURL(/#\/admin\/invites\/index/)
        await adminUi('[data-chips="role"] .chip', { text: '社区工作者' }).click()
        await adminUi('.invites__note input').fill('高敏')
        await adminUi('.invites__submit').click()
        staffCode = (await adminUi('.invites__code').getAttribute('data-code')) ?? ''
        expect(staffCode).toMatch(/^[A-Z0-9]{8}$/)
        await screenshot(adminPhone, 'admin-staff-invite')

        await adminUi('.invites__another').click()
        await adminUi('[data-chips="role"] .chip', { text: '楼栋长' }).click()
        await adminUi('[data-chips="buildings"] .chip', { text: '3号楼' }).click()
        await adminUi('.invites__note input').fill('陆阿姨')
        await adminUi('.invites__submit').click()
        leaderCode = (await adminUi('.invites__code').getAttribute('data-code')) ?? ''
        expect(leaderCode).toMatch(/^[A-Z0-9]{8}$/)
        expect(leaderCode).not.toBe(staffCode)
        await screenshot(adminPhone, 'admin-leader-invite')
      })

      // ── 4. staff and the building leader join with their codes ────────────────────────────
      const staffPhone = await phone('staff')
      const leaderPhone = await phone('leader')
      await step('staff-and-leader-join', async () => {
        await signInWithWeChat(staffPhone, 'o-staff')
        await redeem(staffPhone, staffCode)
        await expectUi(shownOn(staffPhone)('.workspace__action[data-action="claims"]')).toHaveCount(1)
        await screenshot(staffPhone, 'staff-joined')
        await signInWithWeChat(leaderPhone, 'o-leader')
        await redeem(leaderPhone, leaderCode)
        await expectUi(shownOn(leaderPhone)('.workspace__action[data-action="claims"]')).toHaveCount(1)
        await screenshot(leaderPhone, 'leader-joined')
        // Every code is spent: the admin's own, the staff member's and the leader's.
        await adminPhone.reload()
        await expectUi(adminUi('.invites__row[data-status="used"]')).toHaveCount(3)
        await expectUi(adminUi('.invites__row[data-status="open"]')).toHaveCount(0)
      })

      // ── 5. a new resident finds the community and claims 3号楼301; the leader approves ─────
      const resident = await phone('resident')
      const residentUi = shownOn(resident)
      await step('resident-claims', async () => {
        await signInWithWeChat(resident, 'o-resident')
        await residentUi('.community__search input').fill('青枫')
        await residentUi('.community__result', { text: '青枫社区' }).click()
        await screenshot(resident, 'resident-found-community')
        await residentUi('.community__join').click()
        await resident.waitForURL(/#\/onboarding\/household\/index/)
        await residentUi('[data-chips="building"] .chip', { text: '3号楼' }).click()
        await residentUi('[data-chips="room"] .chip', { text: '301' }).click()
        await residentUi('.household__name input').fill('沈玉兰')
        await residentUi('.household__phone input').fill('13912340301')
        await screenshot(resident, 'resident-claim-form')
        await residentUi('.household__submit').click()
        await expectUi(residentUi('.household__pending')).toContainText('3号楼301')
        await screenshot(resident, 'resident-claim-pending')
      })

      await step('leader-approves', async () => {
        const ui = shownOn(leaderPhone)
        await ui('.workspace__action[data-action="claims"]').click()
        await leaderPhone.waitForURL(/#\/admin\/claims\/index/)
        const row = ui('.claims__row', { text: '沈玉兰' })
        await expectUi(row.locator('.claims__door')).toContainText('3号楼')
        await expectUi(row.locator('.claims__door')).toContainText('301')
        await screenshot(leaderPhone, 'leader-claims')
        await row.locator('.claims__approve').click()
        await expectUi(ui('.claims__row', { text: '沈玉兰' })).toHaveCount(0)
        await screenshot(leaderPhone, 'leader-approved')
      })

      // ── 6. the verified resident reports; staff see it ────────────────────────────────────
      const description = `3号楼北侧路灯不亮，晚上看不清台阶 #${Date.now().toString(36)}`
      await step('resident-reports', async () => {
        await resident.goto(`${base}#/onboarding/household/index`)
        await expectUi(residentUi('.household__verified')).toContainText('3号楼301')
        await screenshot(resident, 'resident-verified')
        await resident.goto(`${base}#/pages/home/index`)
        await residentUi('.home__report').click()
        await residentUi('.report-form__submit').waitFor()
        await residentUi('.report-form__chip', { text: '路灯故障' }).click()
        await residentUi('.report-form__description textarea').fill(description)
        await residentUi('.report-form__address input').fill('3号楼北侧')
        await residentUi('.report-form__submit').click()
        await resident.waitForURL(/#\/reports\/detail\/index\?id=/, { timeout: 20_000 })
        await expectUi(residentUi('.report-detail .status-badge')).toHaveText('已提交')
        await screenshot(resident, 'resident-reported')
      })

      await step('staff-sees-it', async () => {
        const ui = shownOn(staffPhone)
        await staffPhone.goto(`${base}#/staff/workspace/index`)
        const row = ui('.inbox-row', { text: description })
        await expectUi(row).toHaveCount(1)
        await screenshot(staffPhone, 'staff-inbox')
      })

      // ── 7. a resident of the other village sees none of it ─────────────────────────────────
      await step('other-village-sees-nothing', async () => {
        const villager = await phone('villager')
        const ui = shownOn(villager)
        await signInWithWeChat(villager, 'o-villager')
        await ui('.community__search input').fill('松涛')
        await ui('.community__result', { text: '松涛村' }).click()
        await ui('.community__join').click()
        await villager.waitForURL(/#\/onboarding\/household\/index/)
        await villager.goto(`${base}#/pages/home/index`)
        await tapTab(villager, '办事')
        await villager.waitForTimeout(1500)
        await expectUi(ui('.report-row')).toHaveCount(0)
        const text = await villager.locator('body').innerText()
        expect(text).not.toContain(description)
        expect(text).not.toContain('青枫')
        await screenshot(villager, 'villager-tasks')
        await tapTab(villager, '消息')
        await villager.waitForTimeout(1000)
        expect(await villager.locator('body').innerText()).not.toContain('青枫')
        await screenshot(villager, 'villager-messages')
      })

      expect(s.serverErrors).toEqual([])
    },
    TEST_TIMEOUT,
  )
})
