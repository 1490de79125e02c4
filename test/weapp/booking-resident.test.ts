/**
 * The resident's booking in the REAL weapp bundle (dist/) under miniprogram-simulate: 王秀兰's
 * booking page (a booking/ subpackage page) shows the check-in code and its QR code as a GIF data
 * URL in an <image>, which WeChat draws; 办事 shows the service grid and her coming booking's code.
 */
import { assertBuilt, findTaroNodes, launchWeapp, signInByTap, storedRows, waitFor, type WeappApp } from '../support/weapp-harness'

jest.setTimeout(60_000)

let app: WeappApp | null = null
afterEach(() => {
  app?.close()
  app = null
})
beforeAll(() => assertBuilt())

interface Row {
  id: string
  status: string
  personId: string
  checkInCode?: string
  startsAt: string
}

async function asWang(): Promise<WeappApp> {
  const a = await launchWeapp()
  Object.assign(a.wx, { setTabBarBadge: jest.fn(), removeTabBarBadge: jest.fn(), showShareMenu: jest.fn() })
  ;(await signInByTap(a, '王秀兰')).close()
  return a
}

test('a booking shows its code, read digit by digit, and its QR code as an image', async () => {
  app = await asWang()
  const booking = storedRows<Row>(app.storage, 'bookings').find((b) => b.personId === 'u-wang' && b.status === 'confirmed' && Date.parse(b.startsAt) > Date.now())
  expect(booking?.checkInCode).toMatch(/^\d{6}$/)
  const page = await app.openPage('booking/detail/index', { id: booking!.id })
  await waitFor(() => page.comp.querySelector('.bk-qr'), 'the QR code')
  // What the page sends WeChat for the <image>: its src, the GIF.
  const qr = findTaroNodes(page.instance.data.root, (n) => /\bbk-qr\b/.test(n.cl ?? ''))[0]
  const gif = Object.values(qr).find((v) => typeof v === 'string' && v.startsWith('data:image/gif;base64,')) as string | undefined
  expect(gif?.length).toBeGreaterThan(500)
  const digits = booking!.checkInCode!.split('').join(' ')
  expect(qr.ariaLabel).toBe(`签到二维码，签到码 ${digits}`)
  const code = findTaroNodes(page.instance.data.root, (n) => /\bcheckin-code\b/.test(n.cl ?? ''))[0]
  expect(code.ariaLabel).toBe(`签到码 ${digits}`)
  expect(page.text()).toContain(`${booking!.checkInCode!.slice(0, 3)} ${booking!.checkInCode!.slice(3)}`)
  expect(page.text()).toContain('取消预约')
  expect(app.errors).toEqual([])
  expect(app.missingTemplates()).toEqual([])
  page.close()
})

test('办事: the service grid and 我的预约 with the next code', async () => {
  app = await asWang()
  const page = await app.openPage('pages/tasks/index')
  await waitFor(() => page.comp.querySelectorAll('.service-tile').length === 5, 'the five services')
  await waitFor(() => page.comp.querySelectorAll('.my-bookings-card .checkin-code').length > 0, 'a coming booking’s code')
  expect(page.text()).toContain('法律咨询')
  expect(page.text()).toContain('每周四上午 · 剩余名额可查')
  expect(app.errors).toEqual([])
  expect(app.missingTemplates()).toEqual([])
  page.close()
})
