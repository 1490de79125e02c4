import type { PageSpec } from './page-check'

// Each role's specs share one browser context (one demo backend): a spec's act leaves the data as it
// was (a dialog opened, a form refused, a chip chosen), never a booking made or cancelled.

/** The page check's views of booking/ for the resident side (issue 12), each as a role that can reach it. */
export const BOOKING_RESIDENT_PAGES: PageSpec[] = [
  // A resident (王秀兰, 3号楼201, tagged 高龄 + 低保): the catalogue, a calendar, booking, her bookings.
  { role: 'u-wang', name: 'booking/services', route: '/booking/services/index', ready: '.service-tile' },
  { role: 'u-wang', name: 'booking/service (calendar)', route: (ids) => ids.legalService && `/booking/service/index?id=${ids.legalService}`, ready: '.bk-slot' },
  {
    role: 'u-wang',
    name: 'booking/service (full slot, waitlist offered)',
    route: (ids) => ids.legalService && ids.legalFullDate && `/booking/service/index?id=${ids.legalService}&date=${ids.legalFullDate}`,
    ready: '.bk-slot__waitlist',
  },
  { role: 'u-wang', name: 'booking/service (a closed day)', route: (ids) => ids.roomService && ids.roomClosedDate && `/booking/service/index?id=${ids.roomService}&date=${ids.roomClosedDate}`, ready: '.bk-day-note' },
  {
    role: 'u-wang',
    name: 'booking/book',
    route: (ids) => ids.legalService && ids.legalOpenStart && `/booking/book/index?serviceId=${ids.legalService}&startsAt=${encodeURIComponent(ids.legalOpenStart)}`,
    ready: '.bk-book__submit',
  },
  {
    role: 'u-wang',
    name: 'booking/book (refused)',
    route: (ids) => ids.legalService && ids.legalOpenStart && `/booking/book/index?serviceId=${ids.legalService}&startsAt=${encodeURIComponent(ids.legalOpenStart)}`,
    ready: '.bk-book__submit',
    act: async (_page, shown) => {
      await shown('.bk-book__submit').click()
      await shown('.field-error').first().waitFor()
    },
  },
  {
    role: 'u-wang',
    name: 'booking/book (waitlist)',
    route: (ids) => ids.legalService && ids.legalFullStart && `/booking/book/index?serviceId=${ids.legalService}&startsAt=${encodeURIComponent(ids.legalFullStart)}&waitlist=1`,
    ready: '.bk-banner--wait',
  },
  { role: 'u-wang', name: 'booking/detail (confirmed, code and QR)', route: (ids) => ids.bookingConfirmed && `/booking/detail/index?id=${ids.bookingConfirmed}`, ready: '.bk-qr' },
  {
    role: 'u-wang',
    name: 'booking/detail (cancel dialog open)',
    route: (ids) => ids.bookingConfirmed && `/booking/detail/index?id=${ids.bookingConfirmed}`,
    ready: '.bk-actions__cancel',
    act: async (_page, shown) => {
      await shown('.bk-actions__cancel').click()
      await shown('.bk-sheet__confirm').click()
      await shown('.bk-sheet .field-error').waitFor()
      await shown('[data-chips="cancel-reason"] [data-value="临时有事"]').click()
    },
  },
  { role: 'u-wang', name: 'booking/detail (done, rated)', route: (ids) => ids.bookingPast && `/booking/detail/index?id=${ids.bookingPast}`, ready: '.bk-history' },
  { role: 'u-wang', name: 'booking/mine', route: '/booking/mine/index', ready: '.booking-card' },
]

/**
 * Looks up the ids the specs above name (runs in the page, with `api`, `ids` and `safe` in scope).
 * For 王秀兰 on the demo backend it also fills one 法律咨询 slot with three neighbours (once: a
 * rerun finds it full), so a calendar shows a full slot with its waitlist offer.
 */
export const BOOKING_RESIDENT_IDS = `
    const bkServices = await safe(() => api.services.list())
    const bkMe = await safe(() => api.session.current())
    if (bkServices && bkMe && bkMe.user.id === 'u-wang') {
      const legal = bkServices.find((s) => s.kind === 'legal')
      const room = bkServices.find((s) => s.kind === 'venue')
      const bkToday = new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10)
      const bkDay = (d) => new Date(Date.parse(bkToday + 'T00:00:00Z') + d * 86400000).toISOString().slice(0, 10)
      if (legal) {
        ids.legalService = legal.id
        const bkSlots = async () => ((await safe(() => api.services.listSlots(legal.id, { from: bkToday, to: bkDay(legal.rules.maxDaysAhead) }))) || []).flatMap((d) => d.slots.map((s) => ({ ...s, date: d.date })))
        let slots = await bkSlots()
        let full = slots.find((s) => s.bookable && s.seatsLeft === 0 && !s.myBookingId)
        const open = slots.filter((s) => s.bookable && s.seatsLeft === s.capacity && s.waitlist === 0 && !s.myBookingId)
        if (!full && open.length > 1 && window.__linli.newClient) {
          const target = open[open.length - 1]
          for (const who of ['u-zhao', 'u-chen', 'u-gao']) {
            const other = window.__linli.newClient()
            await safe(async () => {
              await other.session.signInDemo(who)
              await other.services.book({ serviceId: legal.id, startsAt: target.startsAt, answers: { purpose: '房屋租赁合同', phone: '13800000009' } }, { idempotencyKey: 'pagecheck-' + who + '-' + target.startsAt.replace(/[^0-9]/g, '') })
            })
          }
          slots = await bkSlots()
          full = slots.find((s) => s.bookable && s.seatsLeft === 0 && !s.myBookingId)
        }
        if (full) {
          ids.legalFullDate = full.date
          ids.legalFullStart = full.startsAt
        }
        const free = slots.find((s) => s.bookable && s.seatsLeft > 0 && s.waitlist === 0 && !s.myBookingId)
        if (free) ids.legalOpenStart = free.startsAt
      }
      if (room) {
        ids.roomService = room.id
        const days = await safe(() => api.services.listSlots(room.id, { from: bkToday, to: bkDay(room.rules.maxDaysAhead) }))
        const closed = days && days.find((d) => d.closed && d.note)
        if (closed) ids.roomClosedDate = closed.date
      }
      const bkMine = await safe(() => api.services.mine())
      if (bkMine) ids.bookingConfirmed = (bkMine.upcoming.find((b) => b.status === 'confirmed' && b.checkInCode) || {}).id
      const bkPast = await safe(() => api.services.listPast({ limit: 20 }))
      if (bkPast) ids.bookingPast = (bkPast.items.find((b) => b.status === 'done') || bkPast.items[0] || {}).id
    }
`
