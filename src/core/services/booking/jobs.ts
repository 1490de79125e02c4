import type { BookingEvent } from '../../../../types/domain'
import { reminderNote, reminderStillDue, type ReminderWhich } from '../../../domain/booking/reminders'
import type { Log, Notifier, Runtime } from '../../context'
import type { JobRecord, Repositories, Store } from '../../ports'
import type { BookingNotifications } from './notify'
import { whereOf } from './views'

/** How long a claimed job is the worker's before another may take it (a crashed worker's job runs again after this). */
export const LEASE_MS = 120_000
/**
 * A claimed job is started only while this much of its lease is left: a job can take a while (a
 * WeChat send may wait 5 s for a token and 5 s for the send), and one still running when its lease
 * ends may be claimed and run by another worker too. The claim's later jobs wait for their lease to end.
 */
export const LEASE_MARGIN_MS = 30_000
/** A reminder the notifier failed to send is tried again after this, at most `MAX_ATTEMPTS` times in all. */
export const RETRY_MS = 300_000
export const MAX_ATTEMPTS = 5

/**
 * A kind of job another service runs on the same table and runner (the photo checks' retries,
 * issue 13): `complete` ends the job in the transaction given; a throw fails it (tried again later).
 */
export type JobHandler = (job: JobRecord, complete: (tx: Repositories) => Promise<void>) => Promise<void>

export interface RunResult {
  claimed: number
  done: number
  failed: number
}

/**
 * The booking's durable jobs (reminders, a slot's start and end), run by whoever calls `runDue`:
 * the server's workers every few seconds, the memory backend before its booking calls. A job is
 * claimed with a lease (JobRepository), so two workers never run one job, and a job whose worker
 * died runs again when its lease ends. A reminder is completed in the same transaction that
 * records it on the booking, after the notifier took it.
 */
export class BookingJobs {
  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
    private readonly notifier: Notifier,
    private readonly notify: BookingNotifications,
    private readonly log: Log,
    private readonly handlers: Readonly<Record<string, JobHandler>> = {},
  ) {}

  async runDue(worker: string, limit = 20): Promise<RunResult> {
    const now = this.rt.now()
    const jobs = await this.store.jobs.claimDue(now.toISOString(), worker, new Date(now.getTime() + LEASE_MS).toISOString(), limit)
    const result: RunResult = { claimed: jobs.length, done: 0, failed: 0 }
    const startBy = now.getTime() + LEASE_MS - LEASE_MARGIN_MS
    for (const [i, job] of jobs.entries()) {
      if (this.rt.now().getTime() > startBy) {
        this.log.warn({ worker, left: jobs.length - i }, 'jobs: the claim’s lease is running out; its other jobs wait for it to end')
        break
      }
      try {
        await this.run(job, worker)
        result.done++
      } catch (error) {
        result.failed++
        const retryAt = job.attempts < MAX_ATTEMPTS ? new Date(this.rt.now().getTime() + RETRY_MS).toISOString() : null
        this.log.warn({ err: error, job: job.key, attempts: job.attempts }, retryAt ? 'jobs: a job failed; it will be tried again' : 'jobs: a job failed for the last time')
        await this.store.jobs.fail(job.id, worker, error instanceof Error ? error.message : String(error), retryAt)
      }
    }
    return result
  }

  private async run(job: JobRecord, worker: string): Promise<void> {
    if (job.kind === 'booking.remind') return this.remind(job, worker)
    if (job.kind === 'booking.slot_started') return this.slotStarted(job, worker)
    if (job.kind === 'booking.slot_ended') return this.slotEnded(job, worker)
    const handler = this.handlers[job.kind]
    if (handler) return handler(job, (tx) => this.done(tx, job, worker))
    throw new Error(`jobs: no handler for ${job.kind}`)
  }

  private async done(tx: Repositories, job: JobRecord, worker: string): Promise<void> {
    if (!(await tx.jobs.complete(job.id, worker, this.rt.now().toISOString()))) throw new Error('jobs: the lease ended before the job was done')
  }

  /** The day before and an hour before: only a booking still confirmed for that start is reminded, and only while the reminder is still true (a late run is dropped). */
  private async remind(job: JobRecord, worker: string): Promise<void> {
    const { bookingId, startsAt, which } = job.payload as { bookingId: string; startsAt: string; which: ReminderWhich }
    const booking = await this.store.bookings.find(bookingId)
    const service = booking ? await this.store.services.find(booking.serviceId) : null
    const due = booking && service && booking.status === 'confirmed' && booking.startsAt === startsAt && reminderStillDue(which, startsAt, this.rt.now())
    let sent = false
    if (due && this.notifier.booking) {
      const [recipient] = await this.store.users.findRecipients({ userIds: [booking.personId] })
      if (recipient) {
        await this.notifier.booking({
          recipient: { userId: recipient.id, ...(recipient.openid ? { openid: recipient.openid } : {}) },
          kind: which === 'day' ? 'reminder_day' : 'reminder_hour',
          booking: { id: booking.id, serviceName: service.name, startsAt: booking.startsAt, where: whereOf(service) },
          at: this.rt.now().toISOString(),
          note: reminderNote(which, startsAt, this.rt.now()),
        })
        sent = true
      }
    }
    await this.store.transaction(async (tx) => {
      // The history says 已提醒 only when a reminder went out, and only on a booking still confirmed
      // for that start (one cancelled while it was sending keeps its history as it is).
      const current = sent ? await tx.bookings.findForUpdate(booking!.id) : null
      if (current && current.status === 'confirmed' && current.startsAt === startsAt) {
        const event: BookingEvent = { at: this.rt.now().toISOString(), action: 'reminded', byName: '系统', note: which === 'day' ? '已提前一天提醒' : '已提前1小时提醒' }
        await tx.bookings.update(current.id, {}, event)
      }
      await this.done(tx, job, worker)
    })
  }

  /** The slot has started: whoever is still in its line will not get a seat. */
  private async slotStarted(job: JobRecord, worker: string): Promise<void> {
    const { serviceId, startsAt } = job.payload as { serviceId: string; startsAt: string }
    const service = await this.store.services.find(serviceId)
    const ended = await this.store.transaction(async (tx) => {
      await tx.bookings.lockSlot(serviceId, startsAt)
      const line = await tx.bookings.waitlist(serviceId, startsAt)
      const at = this.rt.now().toISOString()
      for (const b of line) await tx.bookings.update(b.id, { status: 'expired' }, { at, action: 'expired', byName: '系统', note: '时段已开始，候补未成功' })
      await this.done(tx, job, worker)
      return line
    })
    if (service) for (const b of ended) this.notify.tell('expired', b, service, this.rt.now().toISOString(), '候补未成功，欢迎预约其他时段')
  }

  /** The slot has ended: checked-in bookings are done (and may be rated); pending ones staff never confirmed lapse. */
  private async slotEnded(job: JobRecord, worker: string): Promise<void> {
    const { serviceId, startsAt } = job.payload as { serviceId: string; startsAt: string }
    const service = await this.store.services.find(serviceId)
    const lapsed = await this.store.transaction(async (tx) => {
      await tx.bookings.lockSlot(serviceId, startsAt)
      const here = await tx.bookings.listForService(serviceId, startsAt, new Date(Date.parse(startsAt) + 1).toISOString())
      const at = this.rt.now().toISOString()
      for (const b of here) {
        if (b.status === 'checked_in') await tx.bookings.update(b.id, { status: 'done' }, { at, action: 'done', byName: '系统', note: '服务时段结束' })
        if (b.status === 'pending') await tx.bookings.update(b.id, { status: 'expired' }, { at, action: 'expired', byName: '系统', note: '社区未及时确认，预约已失效' })
      }
      await this.done(tx, job, worker)
      return here.filter((b) => b.status === 'pending')
    })
    if (service) for (const b of lapsed) this.notify.tell('expired', b, service, this.rt.now().toISOString(), '社区未及时确认，预约已失效')
  }
}
