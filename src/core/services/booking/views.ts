import type { Booking, Id, Service } from '../../../../types/domain'
import { hasRole, type Actor } from '../../../domain/actor'
import { stepRefusal } from '../../../domain/booking/lifecycle'
import { changeRefusal } from '../../../domain/booking/rules'
import { notFound } from '../../errors'
import type { BookingRecord, Repositories, ServiceRecord } from '../../ports'

export const BOOKING_NOT_FOUND = '预约不存在或您无权查看'
export const SERVICE_NOT_FOUND = '服务不存在或已下线'

/** Staff of the booking's community run its day (confirm, check in, no-show, 代约). */
export function isServiceStaff(actor: Actor, communityId: Id): boolean {
  return hasRole(actor, 'staff') && actor.communityId === communityId
}

/** Who may see a booking: the person it is for, and staff of its community. */
export function canSeeBooking(actor: Actor, booking: Pick<BookingRecord, 'personId' | 'communityId'>): boolean {
  return booking.personId === actor.id || isServiceStaff(actor, booking.communityId)
}

/** Who may see a service: its community; a draft only its staff. */
export function canSeeService(actor: Actor, service: Pick<ServiceRecord, 'communityId' | 'status'>): boolean {
  if (actor.communityId !== service.communityId) return false
  return service.status !== 'draft' || isServiceStaff(actor, service.communityId)
}

export function serviceOf(record: ServiceRecord, myEligibility?: Service['myEligibility']): Service {
  const { createdAt: _createdAt, createdById: _createdById, ...service } = record
  return { ...service, ...(myEligibility ? { myEligibility } : {}) }
}

export function whereOf(service: Pick<Service, 'location'>): string {
  return service.location.kind === 'home' ? '上门服务' : service.location.address
}

/** What the viewer may do with the booking now, and why not when they may not cancel or move it. */
function abilities(record: BookingRecord, service: ServiceRecord, actor: Actor, now: Date): Booking['can'] {
  const mine = record.personId === actor.id
  const staff = isServiceStaff(actor, record.communityId)
  const slot = { startsAt: record.startsAt, endsAt: record.endsAt }
  const stepOk = (step: 'cancel' | 'reschedule') => stepRefusal(step, record.status, slot, now)
  const cutoff = (change: 'cancel' | 'reschedule') => (staff || (change === 'cancel' && record.status === 'waitlisted') ? null : changeRefusal(service.rules, record.startsAt, now, change))
  const cancelWhy = stepOk('cancel') ?? cutoff('cancel')
  const rescheduleWhy = stepOk('reschedule') ?? cutoff('reschedule')
  const rate = mine && !record.rating && stepRefusal('rate', record.status, slot, now) === null
  const why = (mine || staff) && (record.status === 'pending' || record.status === 'confirmed') ? (cancelWhy ?? rescheduleWhy ?? undefined) : undefined
  return {
    cancel: (mine || staff) && cancelWhy === null,
    reschedule: (mine || staff) && rescheduleWhy === null,
    rate,
    ...(why ? { why } : {}),
  }
}

/** A booking as `actor` sees it (their code only when it is theirs or they are staff). */
export function bookingOf(
  record: BookingRecord,
  service: ServiceRecord,
  buildingName: string,
  actor: Actor,
  now: Date,
  waitlistPosition?: number,
): Booking {
  return {
    id: record.id,
    communityId: record.communityId,
    service: { id: service.id, name: service.name, kind: service.kind, location: service.location, provider: service.provider },
    startsAt: record.startsAt,
    endsAt: record.endsAt,
    status: record.status,
    household: { buildingId: record.buildingId, buildingName, room: record.room },
    person: { id: record.personId, name: record.personName },
    ...(record.bookedById ? { bookedBy: { id: record.bookedById, name: record.bookedByName ?? '' } } : {}),
    answers: record.answers,
    ...(record.checkInCode && record.status !== 'waitlisted' ? { checkInCode: record.checkInCode } : {}),
    ...(record.status === 'waitlisted' && waitlistPosition ? { waitlistPosition } : {}),
    ...(record.cancellation ? { cancellation: record.cancellation } : {}),
    ...(record.rejection ? { rejection: record.rejection } : {}),
    ...(record.rating ? { rating: record.rating } : {}),
    history: record.history,
    createdAt: record.createdAt,
    can: abilities(record, service, actor, now),
  }
}

/**
 * Shapes many bookings with one read of their communities' services and buildings, and one per slot
 * with a line. `known`: services the caller has just read (in the transaction that wrote the
 * bookings) — a community all of whose bookings' services are among them is not read again.
 */
export async function bookingViews(repos: Repositories, records: readonly BookingRecord[], actor: Actor, now: Date, known: readonly ServiceRecord[] = []): Promise<Booking[]> {
  const services = new Map<Id, ServiceRecord>(known.map((s) => [s.id, s]))
  const buildings = new Map<Id, string>()
  const positions = new Map<Id, number>()
  for (const communityId of new Set(records.map((r) => r.communityId))) {
    const needed = records.some((r) => r.communityId === communityId && !services.has(r.serviceId))
    const [ofCommunity, places] = await Promise.all([needed ? repos.services.list(communityId) : [], repos.directory.listBuildings(communityId)])
    for (const s of ofCommunity) services.set(s.id, s)
    for (const b of places) buildings.set(b.id, b.name)
  }
  const waitingSlots = new Set(records.filter((r) => r.status === 'waitlisted').map((r) => `${r.serviceId}|${r.startsAt}`))
  for (const slot of waitingSlots) {
    const [serviceId, startsAt] = slot.split('|')
    const line = await repos.bookings.waitlist(serviceId, startsAt)
    line.forEach((b, i) => positions.set(b.id, i + 1))
  }
  return records.flatMap((r) => {
    const service = services.get(r.serviceId)
    return service ? [bookingOf(r, service, buildings.get(r.buildingId) ?? '', actor, now, positions.get(r.id))] : []
  })
}

/** The booking `actor` may see, or not_found. */
export async function visibleBooking(repos: Repositories, actor: Actor, id: unknown, forUpdate = false): Promise<BookingRecord> {
  const record = typeof id === 'string' && id.length > 0 && id.length <= 64 ? await (forUpdate ? repos.bookings.findForUpdate(id) : repos.bookings.find(id)) : null
  if (!record || !canSeeBooking(actor, record)) throw notFound(BOOKING_NOT_FOUND)
  return record
}

/** The service `actor` may see, or not_found. */
export async function visibleService(repos: Repositories, actor: Actor, id: unknown): Promise<ServiceRecord> {
  const record = typeof id === 'string' && id.length > 0 && id.length <= 64 ? await repos.services.find(id) : null
  if (!record || !canSeeService(actor, record)) throw notFound(SERVICE_NOT_FOUND)
  return record
}
