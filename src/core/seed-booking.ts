import { DEMO_BOOKINGS, DEMO_HOUSEHOLD_TAGS, DEMO_SERVICES } from '../domain/demo-booking'
import { addDays, beijingDate } from '../domain/beijing-time'
import { slotsOfDays } from '../domain/booking/slots'
import type { Caller } from './context'
import type { Core } from './core'

const DAY = 24 * 3_600_000
const STAFF = 'u-zhang'

/**
 * Replay 映月社区's services and bookings through the core (domain/demo-booking.ts), with `setClock`
 * moving the core's clock to each step's time — like the report and consultation stories.
 */
export async function seedBooking(core: Core, callerFor: (id: string) => Promise<Caller>, now: Date, setClock: (at: Date) => void): Promise<void> {
  const b = core.bookings
  const explain = (what: string) => (error: unknown) => {
    throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`)
  }
  const key = (...parts: Array<string | number>) => ({ idempotencyKey: `demo-seed-booking-${parts.join('-')}` })
  const today = beijingDate(now)

  setClock(new Date(now.getTime() - 60 * DAY))
  const staff = await callerFor(STAFF)
  const ids = new Map<string, string>()
  for (const s of DEMO_SERVICES) {
    const exceptions = [
      ...(s.closedInDays ?? []).map((c) => ({ date: addDays(today, c.days), kind: 'closed' as const, note: c.note })),
      ...(s.extraInDays ?? []).map((e) => ({ date: addDays(today, e.days), kind: 'extra' as const, start: e.start, end: e.end, note: e.note })),
    ]
    const service = await b.create(staff, { ...s.input, exceptions }, key(s.key)).catch(explain(`demo service ${s.key}`))
    ids.set(s.key, service.id)
  }
  for (const t of DEMO_HOUSEHOLD_TAGS) await b.setHouseholdTags(staff, t).catch(explain(`demo tags of ${t.buildingId} ${t.room}`))

  for (const [i, story] of DEMO_BOOKINGS.entries()) {
    const serviceId = ids.get(story.service)
    const spec = DEMO_SERVICES.find((s) => s.key === story.service)
    if (!serviceId || !spec) throw new Error(`a demo booking names an unknown service ${story.service}`)
    const bookedAt = new Date(now.getTime() - story.bookedDaysAgo * DAY)
    const earliest = bookedAt.getTime() + story.slotAfterDays * DAY
    const from = beijingDate(bookedAt)
    const slot = slotsOfDays({ ...spec.input, exceptions: [] }, from, addDays(from, 30))
      .flatMap((d) => d.slots)
      .find((s) => Date.parse(s.startsAt) >= earliest)
    if (!slot) throw new Error(`demo booking ${i}: no slot of ${story.service} after ${story.slotAfterDays} days`)
    setClock(bookedAt)
    const booking = await b.book(await callerFor(story.by), { serviceId, startsAt: slot.startsAt, answers: story.answers }, key('b', i)).catch(explain(`demo booking ${i}`))
    if (story.then === 'done_rated') {
      setClock(new Date(Date.parse(slot.startsAt) - 5 * 60_000))
      await b.checkIn(staff, { code: booking.checkInCode ?? '', serviceId }).catch(explain(`demo check-in ${i}`))
      setClock(new Date(Date.parse(slot.endsAt) + 60_000))
      await b.complete(staff, booking.id).catch(explain(`demo completion ${i}`))
      setClock(new Date(Date.parse(slot.endsAt) + 3 * 3_600_000))
      await b.rate(await callerFor(story.by), booking.id, { stars: 5, comment: '王律师很耐心，讲得明明白白' }).catch(explain(`demo rating ${i}`))
    }
  }
  setClock(now)
}
