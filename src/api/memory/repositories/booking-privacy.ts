import type { BookingEvent } from '../../../../types/domain'
import type { BookingRecord } from '../../../core/ports'
import type { UserRow } from '../rows'
import type { Tables } from '../tables'

/**
 * A person's name erased from the bookings (issue 12; PrivacyRepository.erase): on the bookings
 * for them and those they made (代约) — by id — their name becomes `name` as the booked person,
 * as the booker, and wherever else it is written on those bookings (a cancellation or rejection,
 * the history's `byName`); the answers they gave on bookings for them go. Those fields store no id,
 * so a name is theirs when it is one they went by on the booking (the person's or booker's name
 * written there, or their name now); on bookings neither for nor by them a name that only matches
 * stays (as a convention version keeps its author's name: nothing tells whose it is).
 */
export function eraseBookingNames(t: Pick<Tables, 'bookings'>, user: Pick<UserRow, 'id' | 'name'>, name: string): void {
  for (const b of t.bookings.rows().slice()) {
    const forThem = b.personId === user.id
    const byThem = b.bookedById === user.id
    if (!forThem && !byThem) continue
    const theirs = new Set([user.name, ...(forThem ? [b.personName] : []), ...(byThem && b.bookedByName !== undefined ? [b.bookedByName] : [])])
    const rename = (written: string) => (theirs.has(written) ? name : written)
    const next: BookingRecord = {
      ...b,
      ...(forThem ? { personName: name, answers: [] } : {}),
      ...(byThem ? { bookedByName: name } : {}),
      history: b.history.map((e): BookingEvent => ({ ...e, byName: rename(e.byName) })),
    }
    if (b.cancellation) next.cancellation = { ...b.cancellation, byName: rename(b.cancellation.byName) }
    if (b.rejection) next.rejection = { ...b.rejection, byName: rename(b.rejection.byName) }
    t.bookings.replace(next)
  }
}
