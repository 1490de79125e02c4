import type { BookingExportQuery, BookingInput, BookingRatingInput, CancelInput, CheckInInput, HouseholdTagsInput, PageQuery, RescheduleInput, ServiceInput, ServiceQuery, SlotQuery } from '../../../../types/api'
import type { Caller, Log, Notifier, Runtime } from '../../context'
import type { Store } from '../../ports'
import { BookingFlow } from './book'
import { Catalogue } from './catalogue'
import { BookingDesk } from './desk'
import { BookingJobs, type JobHandler } from './jobs'
import { BookingLife } from './life'
import { BookingNotifications } from './notify'

type Key = { idempotencyKey: unknown }

/**
 * Service booking (issue 12), one entry per method of the app's ServicesApi port (the same names,
 * the caller first): what the memory adapter calls in-process and the server's routes call over
 * HTTP. `jobs` runs the durable reminders and slot ends; `exportTable` gives the rows the server
 * writes as a workbook.
 */
export class BookingService {
  readonly catalogue: Catalogue
  readonly flow: BookingFlow
  readonly life: BookingLife
  readonly desk: BookingDesk
  readonly jobs: BookingJobs
  /** Notices started and not yet handed to the notifier (tests wait on `settled()`). */
  readonly notifications: BookingNotifications

  /** `jobs`: the kinds of job other services run on the same runner (the photo checks' retries). */
  constructor(store: Store, rt: Runtime, options: { notifier: Notifier; log: Log; jobs?: Record<string, JobHandler> }) {
    this.notifications = new BookingNotifications(store, options.notifier, options.log)
    this.catalogue = new Catalogue(store, rt, this.notifications)
    this.flow = new BookingFlow(store, rt, this.notifications)
    this.life = new BookingLife(store, rt, this.notifications)
    this.desk = new BookingDesk(store, rt)
    this.jobs = new BookingJobs(store, rt, options.notifier, this.notifications, options.log, options.jobs)
  }

  list = (caller: Caller, query?: ServiceQuery) => this.catalogue.list(caller, query)
  get = (caller: Caller, id: unknown) => this.catalogue.get(caller, id)
  listSlots = (caller: Caller, serviceId: unknown, query: SlotQuery) => this.catalogue.slots(caller, serviceId, query)
  book = (caller: Caller, input: BookingInput, options: Key) => this.flow.book(caller, input, options)
  booking = (caller: Caller, id: unknown) => this.desk.booking(caller, id)
  mine = (caller: Caller) => this.desk.mine(caller)
  listPast = (caller: Caller, query?: PageQuery) => this.desk.past(caller, query)
  cancel = (caller: Caller, id: unknown, input: CancelInput) => this.life.cancel(caller, id, input)
  reschedule = (caller: Caller, id: unknown, input: RescheduleInput) => this.flow.reschedule(caller, id, input)
  rate = (caller: Caller, id: unknown, input: BookingRatingInput) => this.life.rate(caller, id, input)

  create = (caller: Caller, input: ServiceInput, options: Key) => this.catalogue.create(caller, input, options)
  update = (caller: Caller, id: unknown, input: ServiceInput) => this.catalogue.update(caller, id, input)
  day = (caller: Caller, serviceId: unknown, date: unknown) => this.desk.day(caller, serviceId, date)
  listPending = (caller: Caller, query?: PageQuery) => this.desk.pending(caller, query)
  confirm = (caller: Caller, id: unknown) => this.life.confirm(caller, id)
  reject = (caller: Caller, id: unknown, input: CancelInput) => this.life.reject(caller, id, input)
  checkIn = (caller: Caller, input: CheckInInput) => this.life.checkIn(caller, input)
  complete = (caller: Caller, id: unknown) => this.life.complete(caller, id)
  markNoShow = (caller: Caller, id: unknown) => this.life.markNoShow(caller, id)
  household = (caller: Caller, buildingId: unknown, room: unknown) => this.catalogue.household(caller, buildingId, room)
  setHouseholdTags = (caller: Caller, input: HouseholdTagsInput) => this.catalogue.setTags(caller, input)
  exportTable = (caller: Caller, query: BookingExportQuery) => this.desk.exportTable(caller, query)
}
