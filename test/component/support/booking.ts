/** What the booking screen tests share: the demo services and an open slot, found through the port. */
import type { ApiClient } from '../../../src/api/client'
import type { Service, Slot } from '../../../types/domain'
import { addDays, beijingDate } from '../../../src/domain/beijing-time'

export const key = () => `k${Math.random().toString(36).slice(2)}${Date.now().toString(36)}xxxxxxxx`

export async function serviceNamed(api: ApiClient, name: string): Promise<Service> {
  const found = (await api.services.list()).find((s) => s.name === name)
  if (!found) throw new Error(`no service ${name}`)
  return found
}

/** The coming slots of a service, as `api`'s user sees them. */
export async function slotsOf(api: ApiClient, service: Service): Promise<Array<Slot & { date: string }>> {
  const from = beijingDate(new Date())
  const days = await api.services.listSlots(service.id, { from, to: addDays(from, Math.min(service.rules.maxDaysAhead, 30)) })
  return days.flatMap((d) => d.slots.map((s) => ({ ...s, date: d.date })))
}

/** A slot open for booking with every seat free. */
export async function emptySlot(api: ApiClient, service: Service): Promise<Slot & { date: string }> {
  const slot = (await slotsOf(api, service)).find((s) => s.bookable && s.seatsLeft === s.capacity && s.waitlist === 0)
  if (!slot) throw new Error(`no empty slot of ${service.name}`)
  return slot
}

/** Fill a slot's seats with other residents' bookings. */
export async function fill(clients: ApiClient[], service: Service, startsAt: string, answers: Record<string, string>): Promise<void> {
  for (const c of clients) await c.services.book({ serviceId: service.id, startsAt, answers }, { idempotencyKey: key() })
}

export const LEGAL_ANSWERS = { purpose: '房屋租赁合同纠纷', phone: '13800000009' }
