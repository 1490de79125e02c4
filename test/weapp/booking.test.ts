/**
 * The staff's booking desk in the REAL weapp bundle (dist/) under miniprogram-simulate: 张敏 opens
 * 服务预约 (a booking/ subpackage page) with today's services, the pending count and the tools; on
 * WeChat the desk scans a booking's QR code (wx.scanCode) and the backend's answer is shown; a
 * service's day lists its bookings with the person, the household and the check-in code.
 */
import { beijingDate } from '../../src/domain/beijing-time'
import { assertBuilt, launchWeapp, signInByTap, storedRows, waitFor, type WeappApp } from '../support/weapp-harness'

jest.setTimeout(60_000)

let app: WeappApp | null = null
afterEach(() => {
  app?.close()
  app = null
})
beforeAll(() => assertBuilt())

async function asStaff(): Promise<WeappApp> {
  const a = await launchWeapp()
  Object.assign(a.wx, { setTabBarBadge: jest.fn(), removeTabBarBadge: jest.fn(), showShareMenu: jest.fn() })
  ;(await signInByTap(a, '张敏')).close()
  return a
}

interface Row {
  id: string
  serviceId: string
  startsAt: string
  status: string
  checkInCode?: string
  userId?: string
  personName?: string
}

test('the desk: today, check-in with 扫码签到 on WeChat (the answer shown), the pending entry and the tools', async () => {
  app = await asStaff()
  // A booking whose slot is not open for check-in yet: the scanned code is refused in the rule's words.
  const future = storedRows<Row>(app.storage, 'bookings').find((b) => b.status === 'confirmed' && Date.parse(b.startsAt) > Date.now() + 3 * 3_600_000)
  expect(future).toBeDefined()
  const scanCode = jest.fn((options: { success?: (r: { result: string }) => void; complete?: () => void }) => {
    options.success?.({ result: `linli:checkin:${future!.id}:${future!.checkInCode}` })
    options.complete?.()
  })
  Object.assign(app.wx, { scanCode })

  const page = await app.openPage('booking/desk/index')
  await waitFor(() => page.comp.querySelectorAll('.sb-today').length > 0, 'today’s services')
  expect(page.text()).toContain('今日服务')
  expect(page.text()).toContain('法律咨询')
  expect(page.comp.querySelector('.sb-act-publish')).toBeDefined()
  expect(page.comp.querySelector('.sb-act-on-behalf')).toBeDefined()
  expect(page.comp.querySelector('.sb-act-tags')).toBeDefined()
  await waitFor(() => /条待确认|没有待确认的预约/.test(page.text()), 'the pending count')

  const scan = page.comp.querySelector('.sb-checkin__scan')
  expect(scan).toBeDefined()
  scan!.dispatchEvent('tap')
  await waitFor(() => page.comp.querySelector('.sb-checkin .field-error'), 'the refusal of a code not open yet')
  expect(scanCode).toHaveBeenCalled()
  expect(page.comp.querySelector('.sb-checkin .field-error')!.dom.textContent).toBe('开始前2小时内才能签到')
  expect(storedRows<Row>(app.storage, 'bookings').find((b) => b.id === future!.id)?.status).toBe('confirmed')

  page.comp.querySelector('.sb-pending-entry')!.dispatchEvent('tap')
  await waitFor(() => app!.spies.navigateTo.mock.calls.length > 0, 'navigation to the pending list')
  expect(app.spies.navigateTo.mock.calls[0][0]).toEqual(expect.objectContaining({ url: '/booking/pending/index' }))
  expect(app.errors).toEqual([])
  expect(app.missingTemplates()).toEqual([])
  page.close()
})

test('a service’s day: each booking with the person, household, status and code', async () => {
  app = await asStaff()
  const booking = storedRows<Row>(app.storage, 'bookings').find((b) => b.status === 'confirmed' && Date.parse(b.startsAt) > Date.now())
  expect(booking).toBeDefined()
  const date = beijingDate(booking!.startsAt)
  const page = await app.openPage('booking/day/index', { serviceId: booking!.serviceId, date })
  await waitFor(() => page.comp.querySelectorAll('.sb-slot--head').length > 0, 'the day’s slots')
  // The day is a virtual list: scrolled down (in uneven steps, as a finger does) until the booking's card is drawn.
  const cardOf = () => page.comp.querySelectorAll('.sb-card').find((c) => (c.dom.textContent ?? '').includes(`签到码 ${booking!.checkInCode}`))
  const list = page.comp.querySelector('.virtual-page')!
  for (let step = 1; !cardOf() && step <= 60; step++) {
    list.dispatchEvent('scroll', { detail: { scrollTop: step * 131 + (step % 7) * 13, scrollLeft: 0, scrollHeight: 100_000, scrollWidth: 375, deltaY: 0 } })
    await waitFor(() => Boolean(cardOf()), 'the booking’s card', 60).catch(() => undefined)
  }
  const card = cardOf()
  expect(card).toBeDefined()
  const text = card!.dom.textContent ?? ''
  expect(text).toMatch(/\d+号楼\d+/)
  expect(text).toContain('预约成功')
  expect(text).toContain(`签到码 ${booking!.checkInCode}`)
  // The day's head is the list's first entry: scrolled back to the top, it is drawn again.
  list.dispatchEvent('scroll', { detail: { scrollTop: 0, scrollLeft: 0, scrollHeight: 100_000, scrollWidth: 375, deltaY: 0 } })
  await waitFor(() => Boolean(page.comp.querySelector('.sb-day__date')), 'the day’s head, back at the top')
  expect(page.comp.querySelector('.sb-day__date')!.dom.textContent).toMatch(/^\d+月\d+日 周[一二三四五六日]$/)
  // The day switcher moves a day.
  const shownDate = page.comp.querySelector('.sb-day__date')!.dom.textContent
  page.comp.querySelector('.sb-day__step--next')!.dispatchEvent('tap')
  await waitFor(() => page.comp.querySelector('.sb-day__date')!.dom.textContent !== shownDate, 'the next day')
  expect(app.errors).toEqual([])
  expect(app.missingTemplates()).toEqual([])
  page.close()
})
