import type { PageSpec } from './page-check'

// Each role's specs share one browser context (one demo backend): a spec's act leaves the data as it
// was (a dialog opened, a form refused, a chip chosen), never a booking made or cancelled. The ids
// look-up below makes the two bookings the demo lacks for these views (a pending one, and one whose
// slot the last spec's clock has passed), once, before any spec of the role runs.

/** When the no-show view's booking starts (read by its act: the browser's clock is moved past it). */
let noShowAt: string | undefined

/** The page check's views of booking/ for the staff side (issue 12), each as a role that can reach it. */
export const BOOKING_STAFF_PAGES: PageSpec[] = [
  { role: 'u-zhang', name: 'booking/desk', route: '/booking/desk/index', ready: '.sb-today' },
  {
    role: 'u-zhang',
    name: 'booking/desk (check-in refused)',
    route: '/booking/desk/index',
    ready: '.sb-checkin__send',
    act: async (_page, shown) => {
      await shown('.sb-checkin__code input').fill('000000')
      await shown('.sb-checkin__send').click()
      await shown('.sb-checkin .field-error').waitFor()
    },
  },
  { role: 'u-zhang', name: 'booking/day', route: (ids) => ids.dayService && `/booking/day/index?serviceId=${ids.dayService}&date=${ids.dayDate}`, ready: '.sb-card' },
  {
    role: 'u-zhang',
    name: 'booking/day (cancel reason refused)',
    route: (ids) => ids.dayService && `/booking/day/index?serviceId=${ids.dayService}&date=${ids.dayDate}`,
    ready: '.sb-card [data-act="cancel"]',
    act: async (_page, shown) => {
      await shown('.sb-card [data-act="cancel"]').click()
      await shown('[data-act="send-cancel"]').click()
      await shown('.sb-reason .field-error').waitFor()
    },
  },
  { role: 'u-zhang', name: 'booking/pending', route: '/booking/pending/index', ready: '.sb-card' },
  {
    role: 'u-zhang',
    name: 'booking/pending (reject reason refused)',
    route: '/booking/pending/index',
    ready: '.sb-card [data-act="reject"]',
    act: async (_page, shown) => {
      await shown('.sb-card [data-act="reject"]').click()
      await shown('[data-act="send-reject"]').click()
      await shown('.sb-reason .field-error').waitFor()
    },
  },
  { role: 'u-zhang', name: 'booking/service-edit (new)', route: '/booking/service-edit/index', ready: '.se-submit' },
  {
    role: 'u-zhang',
    name: 'booking/service-edit (refused)',
    route: '/booking/service-edit/index',
    ready: '.se-submit',
    act: async (page, shown) => {
      await shown('[data-act="add-hours-1"]').click()
      await shown('[data-act="add-closed"]').click()
      await shown('.se-submit').click()
      await shown('.field-error').first().waitFor()
      await page.waitForTimeout(300)
    },
  },
  { role: 'u-zhang', name: 'booking/service-edit (existing)', route: (ids) => ids.serviceEdit && `/booking/service-edit/index?id=${ids.serviceEdit}`, ready: '.se-submit' },
  {
    role: 'u-zhang',
    name: 'booking/on-behalf',
    route: '/booking/on-behalf/index',
    ready: '[data-chips="building"] .chip',
    act: async (_page, shown) => {
      await shown('[data-chips="building"] .chip').first().click()
      await shown('[data-chips="room"] .chip').first().click()
      await shown('[data-options="resident"], .option-list__empty').first().waitFor()
    },
  },
  {
    role: 'u-zhang',
    name: 'booking/tags',
    route: '/booking/tags/index',
    ready: '[data-chips="building"] .chip',
    act: async (_page, shown) => {
      await shown('[data-chips="building"] .chip').first().click()
      await shown('[data-chips="room"] .chip').first().click()
      await shown('[data-chips="tags"] .chip').first().click()
    },
  },
  // Last of the role: it moves the browser's clock past the booking's start, for 标记未到 to be offered.
  {
    role: 'u-zhang',
    name: 'booking/day (no-show confirm open)',
    route: (ids) => {
      noShowAt = ids.noShowAt
      return ids.noShowService && `/booking/day/index?serviceId=${ids.noShowService}&date=${ids.noShowDate}`
    },
    ready: '.sb-card',
    overlay: '.taro__modal',
    act: async (page, shown) => {
      if (!noShowAt) throw new Error('no booking to mark')
      // Time flows on from ten minutes after the start (Playwright's clock; the demo backend runs in the page).
      await page.clock.install({ time: new Date(Date.parse(noShowAt) + 10 * 60_000) })
      await page.reload()
      await shown('.sb-card [data-act="no-show"]').click()
      await page.locator('.taro__modal .taro-modal__title').locator('visible=true').first().waitFor()
    },
  },
]

/** Looks up the ids the specs above name (runs in the page, with `api`, `ids` and `safe` in scope). */
export const BOOKING_STAFF_IDS = `
    const staffServices = await safe(() => api.services.list({ all: true }))
    if (staffServices && window.__linli.root.session.hasRole('staff')) {
      const beijingDay = (t) => new Date(Date.parse(t) + 8 * 3600e3).toISOString().slice(0, 10)
      const today = beijingDay(new Date().toISOString())
      const inDays = (n) => new Date(Date.parse(today + 'T00:00:00Z') + n * 86400e3).toISOString().slice(0, 10)
      const answersOf = (s) => Object.fromEntries(s.questions.map((q) => [q.id, q.kind === 'phone' ? '13800000006' : q.kind === 'number' ? '1' : '邻里之间的噪音问题']))
      const comingSlots = async (s) => ((await safe(() => api.services.listSlots(s.id, { from: today, to: inDays(14) }))) || []).flatMap((d) => d.slots.map((x) => ({ ...x, date: d.date })))
      const later = (x) => Date.parse(x.startsAt) > Date.now() + 3600e3
      const legal = staffServices.find((s) => s.kind === 'legal' && s.status === 'published')
      if (legal) {
        ids.serviceEdit = legal.id
        const slots = await comingSlots(legal)
        // 代约 for 陈 (1号楼102) in the first legal slot with a seat: the day's list, and the no-show view.
        const open = slots.find((x) => later(x) && x.seatsLeft > 0)
        if (open) {
          const made = await safe(() => api.services.book({ serviceId: legal.id, startsAt: open.startsAt, answers: answersOf(legal), forUserId: 'u-chen' }, { idempotencyKey: 'page-check-no-show-' + open.startsAt.replace(/[^0-9]/g, '') }))
          if (made) {
            ids.noShowService = legal.id
            ids.noShowDate = open.date
            ids.noShowAt = open.startsAt
          }
        }
        const taken = (await comingSlots(legal)).find((x) => x.seatsLeft < x.capacity)
        if (taken) {
          ids.dayService = legal.id
          ids.dayDate = taken.date
        }
      }
      // A booking waiting for staff (the demo has none): 代约 for 高 (3号楼102) of a service that asks for confirmation.
      const asks = staffServices.find((s) => s.requiresConfirmation && s.status === 'published' && s.eligibility.length === 0)
      const pending = await safe(() => api.services.listPending({ limit: 1 }))
      if (asks && pending && pending.items.length === 0) {
        const free = (await comingSlots(asks)).find((x) => later(x) && x.seatsLeft > 0)
        if (free) await safe(() => api.services.book({ serviceId: asks.id, startsAt: free.startsAt, answers: answersOf(asks), forUserId: 'u-gao' }, { idempotencyKey: 'page-check-pending-' + free.startsAt.replace(/[^0-9]/g, '') }))
      }
    }
`
