import type { Caller } from '../../core/context'
import type { Core } from '../../core/core'
import type { ServicesApi } from '../client'

type Call = <T>(op: string, run: (caller: Caller) => Promise<T>) => Promise<T>

/**
 * The memory adapter's ServicesApi: each method is the core's method of the same name, as the
 * signed-in user. The memory backend has no background worker, so the booking's due jobs (reminders,
 * a slot's start and end) run before each call: what the call reads is what a server would show.
 * `exportBookings` is absent: a workbook is the server's to make (exceljs does not ship in the app).
 */
export function memoryServices(call: Call, core: Core): ServicesApi {
  const b = core.bookings
  const run: Call = (op, body) =>
    call(op, async (caller) => {
      await b.jobs.runDue('memory')
      return body(caller)
    })
  return {
    list: (query) => run('services.list', (caller) => b.list(caller, query)),
    get: (serviceId) => run('services.get', (caller) => b.get(caller, serviceId)),
    listSlots: (serviceId, query) => run('services.listSlots', (caller) => b.listSlots(caller, serviceId, query)),
    book: (input, options) => run('services.book', (caller) => b.book(caller, input, options)),
    booking: (bookingId) => run('services.booking', (caller) => b.booking(caller, bookingId)),
    mine: () => run('services.mine', (caller) => b.mine(caller)),
    listPast: (query) => run('services.listPast', (caller) => b.listPast(caller, query)),
    cancel: (bookingId, input) => run('services.cancel', (caller) => b.cancel(caller, bookingId, input)),
    reschedule: (bookingId, input) => run('services.reschedule', (caller) => b.reschedule(caller, bookingId, input)),
    rate: (bookingId, input) => run('services.rate', (caller) => b.rate(caller, bookingId, input)),
    create: (input, options) => run('services.create', (caller) => b.create(caller, input, options)),
    update: (serviceId, input) => run('services.update', (caller) => b.update(caller, serviceId, input)),
    day: (serviceId, date) => run('services.day', (caller) => b.day(caller, serviceId, date)),
    listPending: (query) => run('services.listPending', (caller) => b.listPending(caller, query)),
    confirm: (bookingId) => run('services.confirm', (caller) => b.confirm(caller, bookingId)),
    reject: (bookingId, input) => run('services.reject', (caller) => b.reject(caller, bookingId, input)),
    checkIn: (input) => run('services.checkIn', (caller) => b.checkIn(caller, input)),
    complete: (bookingId) => run('services.complete', (caller) => b.complete(caller, bookingId)),
    markNoShow: (bookingId) => run('services.markNoShow', (caller) => b.markNoShow(caller, bookingId)),
    household: (buildingId, room) => run('services.household', (caller) => b.household(caller, buildingId, room)),
    setHouseholdTags: (input) => run('services.setHouseholdTags', (caller) => b.setHouseholdTags(caller, input)),
  }
}
