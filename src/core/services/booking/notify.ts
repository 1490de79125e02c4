import { promotionNotice } from '../../../domain/booking/waitlist'
import type { BookingNotice, Log, Notifier } from '../../context'
import type { BookingRecord, ServiceRecord, Store } from '../../ports'
import { whereOf } from './views'

/**
 * Tells the person a booking is for about it after the change has committed (a reminder, a
 * promotion, a confirmation, a rejection, a cancellation by staff, a pause). Nothing is waited for
 * by the change; a notifier that fails is logged. `settled` lets tests (and the job runner) wait.
 */
export class BookingNotifications {
  private pending: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly store: Store,
    private readonly notifier: Notifier,
    private readonly log: Log,
  ) {}

  tell(kind: BookingNotice['kind'], booking: Pick<BookingRecord, 'id' | 'personId' | 'startsAt'>, service: ServiceRecord, at: string, note: string): void {
    const send = this.notifier.booking?.bind(this.notifier)
    if (!send) return
    const run = (async () => {
      const [recipient] = await this.store.users.findRecipients({ userIds: [booking.personId] })
      if (!recipient) return
      await send({
        recipient: { userId: recipient.id, ...(recipient.openid ? { openid: recipient.openid } : {}) },
        kind,
        booking: { id: booking.id, serviceName: service.name, startsAt: booking.startsAt, where: whereOf(service) },
        at,
        note,
      })
    })().catch((error: unknown) => this.log.warn({ err: error, bookingId: booking.id, kind }, 'notify: the booking notice failed (the change stands)'))
    this.pending = this.pending.then(() => run)
  }

  /** Each promoted booking's person: a seat to come to, or (the service confirms) a place waiting for it. */
  promoted(bookings: readonly BookingRecord[], service: ServiceRecord, at: string): void {
    for (const b of bookings) this.tell('promoted', b, service, at, promotionNotice(b.status === 'pending' ? 'pending' : 'confirmed'))
  }

  settled(): Promise<void> {
    return this.pending.then(() => undefined)
  }
}
