/**
 * Service booking on the whole stack (issue 12), in a real (headless) Chromium, entirely through the
 * screens: the H5 build in http mode on one origin with the reference server (a child process on
 * in-memory PGlite, demo mode, seeded 映月社区, its clock movable: LINLI_TEST_CLOCK) behind it. One
 * browser context per person. 法律咨询 is every Thursday 09:00–12:00 Beijing, 45-minute slots with a
 * 15-minute buffer (09:00, 10:00, 11:00), 3 seats each; the test books the 10:00 slot of the first
 * Thursday at least 3 days away (the seed's 李明 holds a seat on the coming Thursday's 09:00).
 *
 *  1. resident 王秀兰 (3号楼201): 办事 → 法律咨询 → that Thursday → 10:00 剩余 3/3 → 预约 → answers →
 *     预约成功 with a 6-digit code; back on the calendar the slot says 剩余 2/3
 *  2. staff 张敏 fill the second seat by 代约 for 林淑珍 (3号楼202, 80, come to the office): 工作台 →
 *     服务预约 → 代约 → 3号楼 202 → 林淑珍 → 法律咨询 → the calendar and form for her → 剩余 1/3
 *  3. resident 赵小燕 (8号楼101) takes the last seat → 已约满
 *  4. resident 陈建国 (1号楼102) finds it 已约满, 加入候补 → 候补中, 候补第1位
 *  5. 王秀兰 cancels with a reason (the cancel sheet: 临时有事 and a note) → 已取消; the slot stays full
 *     (the seat went to the waitlist)
 *  6. 陈建国 opens 办事 → 我的预约: 预约成功 with his code (promoted: 候补成功 in its history)
 *  7. the server's clock moves to that Thursday 09:55 Beijing, and so does the staff phone's (the
 *     desk's 今日服务 and which steps a booking card offers follow the phone's clock: Playwright's
 *     clock, installed on that phone only, flows on from the server's time; the residents' phones keep
 *     the real time and are not used after this); staff type 陈建国's code at 服务预约 → 签到 → 已签到,
 *     and the day's list says so
 *  8. both clocks move to 10:20: staff mark 赵小燕 未到 on the day's list (a confirm dialog) → 未到
 *
 * Needs the http H5 build (dist-h5-http/). Screenshots go to artifacts/e2e-booking/. Any uncaught
 * page error or any 5xx answer fails the test; LINLI_E2E_TRACE=1 also logs every 4xx/5xx answer.
 */
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { addDays, beijingDate, beijingInstant, weekdayOf } from '../../src/domain/beijing-time'
import { startFullStack, type FullStack } from './support/stack'
import { confirmModal, expectUi, goBack, idInUrl, listSettled, recordSteps, shownOn, tapSettled, toTab } from './support/ui'

const ROOT = join(__dirname, '..', '..')
const ARTIFACTS = join(ROOT, 'artifacts', 'e2e-booking')

/** Jest 29 ignores `testTimeout` inside a project entry: set it here. The run takes well under this. */
const TEST_TIMEOUT = 240_000
const MINUTE_MS = 60_000

/** The next Thursday (Beijing) at least 3 days after `now`. */
function thursdayAhead(now: Date): string {
  const today = beijingDate(now)
  for (let d = 3; d < 10; d++) if (weekdayOf(addDays(today, d)) === 4) return addDays(today, d)
  throw new Error(`no Thursday 3 to 9 days after ${today}`)
}

describe('service booking through the screens (H5, http mode, reference server)', () => {
  let stack: FullStack | undefined

  afterAll(async () => {
    await stack?.close()
  })

  it('the lawyer on Thursday 10:00: booked 3 → 2 → 1 → full, a waitlist promoted on a cancel, checked in by code, a no-show marked', async () => {
    rmSync(ARTIFACTS, { recursive: true, force: true })
    mkdirSync(ARTIFACTS, { recursive: true })

    stack = await startFullStack({ testClock: true })
    const { api, base, pages, pageErrors, serverErrors, phone, signIn } = stack
    expect(api.advanceClock).toBeDefined()
    const { step, screenshot } = recordSteps({ dir: ARTIFACTS, pageErrors, pages: () => pages })

    const date = thursdayAhead(new Date())
    const startsAt = beijingInstant(date, 10 * 60)
    const month = Number(date.slice(5, 7))
    const dayText = `${month}月${Number(date.slice(8, 10))}日 周四`
    let legalId = ''

    /** On a service's calendar: the chosen Thursday's 10:00 slot. */
    const slotOn = (page: Page) => shownOn(page)(`.bk-slot[data-starts="${startsAt}"]`)

    /** 办事 → 法律咨询 → that Thursday: the calendar with its 10:00 slot. */
    const openThursday = async (page: Page): Promise<void> => {
      const ui = shownOn(page)
      await toTab(page, '办事')
      await page.waitForURL(/#\/pages\/tasks\/index/)
      const tile = ui('.service-grid .service-tile', { text: '法律咨询' })
      await expectUi(tile.locator('.service-tile__name')).toHaveText('法律咨询')
      await tapSettled(page, tile)
      await page.waitForURL(/#\/booking\/service\/index\?id=/)
      legalId ||= idInUrl(page)
      expect(idInUrl(page)).toBe(legalId)
      await expectUi(ui('.bk-head__name')).toHaveText('法律咨询')
      await ui(`[data-chips="days"] .bk-day[data-value="${date}"]`).click()
      await expectUi(ui('.bk-slots__day')).toHaveText(dayText)
      await expectUi(ui('.bk-slot .bk-slot__time')).toHaveText(['09:00–09:45', '10:00–10:45', '11:00–11:45'])
    }

    /** The book page's questions, answered; then the button that sends them, by its words. */
    const answer = async (page: Page, purpose: string, phoneNumber: string, submit: string): Promise<void> => {
      const ui = shownOn(page)
      await page.waitForURL(/#\/booking\/book\/index\?serviceId=/)
      await expectUi(ui('.bk-recap .bk-head__name')).toHaveText('法律咨询')
      await expectUi(ui('.bk-recap__when')).toHaveText(`${dayText} 10:00–10:45`)
      await ui('.bk-question[data-question="purpose"] input').fill(purpose)
      await ui('.bk-question[data-question="phone"] input').fill(phoneNumber)
      await expectUi(ui('.bk-book__submit')).toHaveText(submit)
    }

    /** The booking page after a booking: its status, and the code (6 digits) when a seat is held. */
    const bookedAs = async (page: Page, status: string): Promise<{ id: string; code: string | null }> => {
      const ui = shownOn(page)
      await page.waitForURL(/#\/booking\/detail\/index\?id=/, { timeout: 20_000 })
      await expectUi(ui('.bk-detail__head .booking-status')).toHaveText(status)
      await expectUi(ui('.bk-detail__when')).toHaveText(`${dayText} 10:00–10:45`)
      if (status !== '预约成功') return { id: idInUrl(page), code: null }
      const code = await ui('.bk-code .checkin-code').getAttribute('data-code')
      expect(code).toMatch(/^\d{6}$/)
      return { id: idInUrl(page), code }
    }

    /** The 10:00 slot's seats as the calendar shows them (`data-seats` is left/capacity). */
    const expectSeats = async (page: Page, seats: string, text: string): Promise<void> => {
      await expectUi(slotOn(page).locator('.bk-slot__seats')).toHaveAttribute('data-seats', seats)
      await expectUi(slotOn(page).locator('.bk-slot__seats')).toHaveText(text)
    }

    // ── 1. 王秀兰 books Thursday 10:00: 剩余 3/3 → 预约成功 → 剩余 2/3 ─────────────────────────
    const wang = await phone('resident 王秀兰')
    const wangUi = shownOn(wang)
    let wangBooking = { id: '', code: null as string | null }
    await step('wang-books', async () => {
      await signIn(wang, 'u-wang', '王秀兰')
      await toTab(wang, '办事')
      await expectUi(wangUi('.service-grid .service-tile', { text: '法律咨询' })).toHaveCount(1)
      await listSettled(wang)
      await screenshot(wang, 'wang-service-grid')
      await openThursday(wang)
      await expectSeats(wang, '3/3', '剩余 3/3')
      await expectUi(slotOn(wang).locator('.bk-slot__book')).toHaveText('预约')
      await screenshot(wang, 'wang-thursday-3-of-3')
      await slotOn(wang).locator('.bk-slot__book').click()
      await expectUi(wangUi('.bk-recap .bk-slot__seats')).toHaveText('剩余 3/3')
      await answer(wang, '儿子离婚后孙子的抚养权怎么办', '13800000001', '确认预约')
      await screenshot(wang, 'wang-booking-form')
      await wangUi('.bk-book__submit').click()
      wangBooking = await bookedAs(wang, '预约成功')
      await expectUi(wangUi('.bk-facts-card')).toContainText('王秀兰 · 3号楼201')
      await expectUi(wangUi('.bk-code__hint')).toHaveText('到场时出示签到码或二维码，工作人员扫码或输入号码签到')
      await screenshot(wang, 'wang-booked-code')
      // The booking page replaced the form: back is the calendar, read again.
      await goBack(wang)
      await wang.waitForURL(/#\/booking\/service\/index\?id=/)
      await expectSeats(wang, '2/3', '剩余 2/3')
      await expectUi(slotOn(wang).locator('.bk-slot__mine')).toHaveText('您已预约 ›')
      await screenshot(wang, 'wang-calendar-2-left')
    })

    // ── 2. staff 代约 for 林淑珍 (3号楼202) through 工作台 → 服务预约 → 代约: 剩余 1/3 ──────────
    const staff = await phone('staff 张敏')
    const staffUi = shownOn(staff)
    await step('staff-books-on-behalf', async () => {
      await signIn(staff, 'u-zhang', '张敏')
      await staffUi('.workspace-entry[data-entry="workspace"]').click()
      await staff.waitForURL(/#\/staff\/workspace\/index/)
      await tapSettled(staff, staffUi('.workspace__action[data-action="booking"]'))
      await staff.waitForURL(/#\/booking\/desk\/index/)
      await expectUi(staffUi(`.sb-today[data-service="${legalId}"] .sb-today__name`)).toHaveText('法律咨询')
      await expectUi(staffUi('.sb-act[data-act="on-behalf"]')).toHaveText('代约')
      await screenshot(staff, 'staff-desk')
      // 代约: the household (3号楼202), the person in it (林淑珍), the service: its calendar for her.
      await tapSettled(staff, staffUi('.sb-act[data-act="on-behalf"]'))
      await staff.waitForURL(/#\/booking\/on-behalf\/index/)
      await staffUi('[data-chips="building"] [data-value="b-3"]').click()
      await staffUi('[data-chips="room"] [data-value="202"]').click()
      await staffUi('[data-options="resident"] [data-value="u-lin"]').click()
      await screenshot(staff, 'staff-on-behalf-household')
      await staffUi(`.sb-service-row[data-service="${legalId}"]`).click()
      await staff.waitForURL(/#\/booking\/service\/index\?id=.*forUserId=u-lin/)
      await expectUi(staffUi('.bk-banner[data-banner="on-behalf"]')).toHaveText('代居民预约：预约记在这位居民名下，签到码发给居民')
      await staffUi(`[data-chips="days"] .bk-day[data-value="${date}"]`).click()
      await expectSeats(staff, '2/3', '剩余 2/3')
      await screenshot(staff, 'staff-on-behalf-calendar')
      await slotOn(staff).locator('.bk-slot__book').click()
      await expectUi(staffUi('.bk-banner[data-banner="on-behalf"]')).toHaveCount(1)
      await answer(staff, '老伴去世后房产继承手续怎么办', '13800000012', '确认预约')
      await staffUi('.bk-book__submit').click()
      await bookedAs(staff, '预约成功')
      await expectUi(staffUi('.bk-facts-card')).toContainText('林淑珍 · 3号楼202')
      await expectUi(staffUi('.bk-facts-card')).toContainText('社区代约：张敏')
      await screenshot(staff, 'staff-on-behalf-booked')
      await goBack(staff)
      await staff.waitForURL(/#\/booking\/service\/index\?id=.*forUserId=u-lin/)
      await expectSeats(staff, '1/3', '剩余 1/3')
    })

    // ── 3. 赵小燕 takes the last seat: 剩余 1/3 → 已约满 ───────────────────────────────────────
    const zhao = await phone('resident 赵小燕')
    const zhaoUi = shownOn(zhao)
    let zhaoBooking = { id: '', code: null as string | null }
    await step('zhao-takes-last-seat', async () => {
      await signIn(zhao, 'u-zhao', '赵小燕')
      await openThursday(zhao)
      await expectSeats(zhao, '1/3', '剩余 1/3')
      await screenshot(zhao, 'zhao-thursday-1-left')
      await slotOn(zhao).locator('.bk-slot__book').click()
      await answer(zhao, '房东不退押金怎么办', '13800000003', '确认预约')
      await zhaoUi('.bk-book__submit').click()
      zhaoBooking = await bookedAs(zhao, '预约成功')
      await expectUi(zhaoUi('.bk-facts-card')).toContainText('赵小燕 · 8号楼101')
      await screenshot(zhao, 'zhao-booked-last-seat')
      await goBack(zhao)
      await expectSeats(zhao, '0/3', '已约满')
      await expectUi(slotOn(zhao)).toHaveAttribute('class', /bk-slot--full/)
    })

    // ── 4. 陈建国 finds it full and joins the waitlist: 候补第1位 ──────────────────────────────
    const chen = await phone('resident 陈建国')
    const chenUi = shownOn(chen)
    let chenBookingId = ''
    await step('chen-joins-waitlist', async () => {
      await signIn(chen, 'u-chen', '陈建国')
      await openThursday(chen)
      await expectSeats(chen, '0/3', '已约满')
      await expectUi(slotOn(chen).locator('.bk-slot__book')).toHaveCount(0)
      await expectUi(slotOn(chen).locator('.bk-slot__waitlist')).toHaveText('加入候补（前面还有0人）')
      await screenshot(chen, 'chen-slot-full')
      await slotOn(chen).locator('.bk-slot__waitlist').click()
      await expectUi(chenUi('.bk-banner--wait')).toHaveText('该时段已满，您将排在候补第1位；有人取消时按顺序递补，并通知您。')
      await answer(chen, '工地拖欠工资怎么讨回', '13800000004', '加入候补')
      await screenshot(chen, 'chen-waitlist-form')
      await chenUi('.bk-book__submit').click()
      const waiting = await bookedAs(chen, '候补中')
      chenBookingId = waiting.id
      await expectUi(chenUi('.bk-facts-card .bk-banner--wait')).toHaveText('候补第1位，有人取消时按顺序递补，递补成功会通知您')
      await expectUi(chenUi('.bk-code')).toHaveCount(0)
      await expectUi(chenUi('.bk-actions__cancel')).toHaveText('退出候补')
      await screenshot(chen, 'chen-waitlisted')
      await goBack(chen)
      await expectUi(slotOn(chen).locator('.bk-slot__seats')).toHaveText('已约满 · 候补1人')
    })

    // ── 5. 王秀兰 cancels with a reason: 已取消; the seat goes to the waitlist ─────────────────
    const reasonNote = '孙子发烧，要带他去医院'
    await step('wang-cancels', async () => {
      // Her calendar as she left it; her seat's 您已预约 opens the booking.
      await wangUi(`[data-chips="days"] .bk-day[data-value="${date}"]`).click()
      await slotOn(wang).locator('.bk-slot__mine').click()
      await wang.waitForURL(/#\/booking\/detail\/index\?id=/)
      expect(idInUrl(wang)).toBe(wangBooking.id)
      await expectUi(wangUi('.bk-detail__head .booking-status')).toHaveText('预约成功')
      await wangUi('.bk-actions__cancel').click()
      const sheet = wangUi('.bk-sheet')
      await expectUi(sheet.locator('.bk-sheet__ask')).toHaveText('请选择取消原因，服务方会看到')
      await sheet.locator('[data-chips="cancel-reason"] .chip[data-value="临时有事"]').click()
      await expectUi(sheet.locator('[data-chips="cancel-reason"] .chip--on')).toHaveText('临时有事')
      await sheet.locator('.bk-sheet__text textarea').fill(reasonNote)
      await screenshot(wang, 'wang-cancel-sheet')
      await sheet.locator('.bk-sheet__confirm').click()
      await expectUi(wangUi('.bk-sheet')).toHaveCount(0)
      await expectUi(wangUi('.bk-detail__head .booking-status')).toHaveText('已取消')
      await expectUi(wangUi('.bk-detail__line')).toHaveText(`已取消（王秀兰）：临时有事：${reasonNote}`)
      await expectUi(wangUi('.bk-code')).toHaveCount(0)
      await expectUi(wangUi('.bk-actions__cancel')).toHaveCount(0)
      await screenshot(wang, 'wang-cancelled')
      // The calendar: still full, no one waiting (陈建国 has the seat now); hers is not there any more.
      await goBack(wang)
      await expectSeats(wang, '0/3', '已约满')
      await expectUi(slotOn(wang).locator('.bk-slot__mine')).toHaveCount(0)
    })

    // ── 6. 陈建国 sees he was promoted: 办事 → 我的预约 → 预约成功 with his code ─────────────────
    let chenCode = ''
    await step('chen-promoted', async () => {
      await toTab(chen, '办事')
      await chen.waitForURL(/#\/pages\/tasks\/index/)
      const card = chenUi(`.my-bookings-card .booking-card[data-id="${chenBookingId}"]`)
      await expectUi(card.locator('.booking-status')).toHaveText('预约成功')
      await tapSettled(chen, chenUi('.my-bookings-card .service-grid__all'))
      await chen.waitForURL(/#\/booking\/mine\/index/)
      const mine = chenUi(`.booking-card[data-id="${chenBookingId}"]`)
      await expectUi(mine.locator('.booking-status')).toHaveText('预约成功')
      await expectUi(mine.locator('.booking-card__when')).toHaveText(`${dayText} 10:00–10:45`)
      chenCode = (await mine.locator('.checkin-code').getAttribute('data-code')) ?? ''
      expect(chenCode).toMatch(/^\d{6}$/)
      await listSettled(chen)
      await screenshot(chen, 'chen-my-bookings-promoted')
      await tapSettled(chen, mine)
      await chen.waitForURL(/#\/booking\/detail\/index\?id=/)
      expect(idInUrl(chen)).toBe(chenBookingId)
      await expectUi(chenUi('.bk-detail__head .booking-status')).toHaveText('预约成功')
      await expectUi(chenUi('.bk-code .checkin-code')).toHaveAttribute('data-code', chenCode)
      await expectUi(chenUi('.bk-facts-card .bk-banner--wait')).toHaveCount(0)
      await expectUi(chenUi('.bk-history__what', { text: '候补成功' })).toHaveCount(1)
      await screenshot(chen, 'chen-booking-promoted')
    })

    // ── 7. Thursday 09:55: staff check 陈建国 in with his code ────────────────────────────────
    const at0955 = Date.parse(beijingInstant(date, 9 * 60 + 55))
    const serverAt = await api.advanceClock!(Math.max(0, at0955 - Date.now()))
    expect(Math.abs(serverAt.getTime() - at0955)).toBeLessThan(MINUTE_MS)
    await step('staff-checks-in', async () => {
      // The staff phone's clock follows: a fresh load of the app under Playwright's clock.
      await staff.goto(`${base}#/pages/home/index`)
      await staff.clock.install({ time: serverAt })
      await staff.reload()
      await expectUi(staffUi('.home__greeting')).toHaveText('张敏，您好')
      await staffUi('.workspace-entry[data-entry="workspace"]').click()
      await staff.waitForURL(/#\/staff\/workspace\/index/)
      await tapSettled(staff, staffUi('.workspace__action[data-action="booking"]'))
      await staff.waitForURL(/#\/booking\/desk\/index/)
      const today = staffUi(`.sb-today[data-service="${legalId}"]`)
      await expectUi(today.locator('.sb-today__name')).toHaveText('法律咨询')
      await expectUi(today.locator(`.sb-slot-row[data-slot="${startsAt}"] .sb-count`)).toHaveAttribute('data-booked', '3/3')
      await expectUi(today.locator(`.sb-slot-row[data-slot="${startsAt}"] .sb-count`)).toHaveText('已约 3/3')
      await expectUi(today.locator(`.sb-slot-row[data-slot="${startsAt}"] .sb-count--wait`)).toHaveCount(0)
      await staffUi('.sb-checkin__code input').fill(chenCode)
      await screenshot(staff, 'staff-desk-code-typed')
      await staffUi('.sb-checkin__send').click()
      await expectUi(staffUi('.sb-checkin__done')).toHaveText('已签到：陈建国 · 法律咨询 10:00')
      await expectUi(staffUi('.sb-checkin__done')).toHaveAttribute('data-checked-in', chenBookingId)
      await screenshot(staff, 'staff-checked-in')
      await today.locator('.sb-today__head').click()
      await staff.waitForURL(/#\/booking\/day\/index\?serviceId=/)
      await expectUi(staffUi('.sb-day__date')).toHaveAttribute('data-date', date)
      const chenCard = staffUi(`.sb-slot[data-slot="${startsAt}"] .sb-card[data-booking="${chenBookingId}"]`)
      await expectUi(chenCard).toHaveAttribute('data-status', 'checked_in')
      await expectUi(chenCard.locator('.sb-status')).toHaveText('已签到')
      await expectUi(chenCard.locator('.sb-card__name')).toHaveText('陈建国')
      // Before the start, no one can be marked not come.
      await expectUi(staffUi(`.sb-card[data-booking="${zhaoBooking.id}"] [data-act="no-show"]`)).toHaveCount(0)
      await screenshot(staff, 'staff-day-chen-checked-in')
    })

    // ── 8. 10:20: staff mark 赵小燕 未到 ───────────────────────────────────────────────────────
    const serverLater = await api.advanceClock!(25 * MINUTE_MS)
    expect(serverLater.getTime() - at0955).toBeGreaterThanOrEqual(25 * MINUTE_MS)
    await step('staff-marks-no-show', async () => {
      // 25 minutes on the staff phone too: its clock tick draws the day's list again.
      await staff.clock.fastForward(25 * MINUTE_MS)
      const zhaoCard = staffUi(`.sb-slot[data-slot="${startsAt}"] .sb-card[data-booking="${zhaoBooking.id}"]`)
      await expectUi(zhaoCard.locator('.sb-card__name')).toHaveText('赵小燕')
      await expectUi(zhaoCard).toHaveAttribute('data-status', 'confirmed')
      // The clock's tick drew the day again (标记未到 appears): the list is let come to rest before the tap.
      await tapSettled(staff, zhaoCard.locator('[data-act="no-show"]'))
      await expectUi(staff.locator('.taro__modal .taro-modal__title').locator('visible=true')).toHaveText('标记为未到？')
      await screenshot(staff, 'staff-no-show-confirm')
      await confirmModal(staff, '标记为未到？')
      await expectUi(zhaoCard).toHaveAttribute('data-status', 'no_show')
      await expectUi(zhaoCard.locator('.sb-status')).toHaveText('未到')
      await expectUi(zhaoCard.locator('[data-act="no-show"]')).toHaveCount(0)
      // The others are as they were: 陈建国 checked in, 林淑珍 still expected.
      await expectUi(staffUi(`.sb-card[data-booking="${chenBookingId}"]`)).toHaveAttribute('data-status', 'checked_in')
      await expectUi(staffUi('.sb-card', { text: '林淑珍' })).toHaveAttribute('data-status', 'confirmed')
      await expectUi(staffUi(`.sb-card[data-booking="${wangBooking.id}"]`)).toHaveAttribute('data-status', 'cancelled')
      await screenshot(staff, 'staff-zhao-no-show')
    })

    expect(pageErrors).toEqual([])
    expect(serverErrors).toEqual([])
  }, TEST_TIMEOUT)
})
