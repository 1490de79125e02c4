/**
 * Service booking (issue 12). Booking and publishing a service carry an Idempotency-Key; a
 * service's PUT and a household's tags are the same state twice. Cancelling, moving, rating and the
 * staff's steps are not repeated: a second try after a lost answer would meet a refusal (已取消,
 * 您已评价过 …). The export answers a workbook, not JSON: a file endpoint, read as bytes.
 */
import type {
  BookingExportQueryBody,
  BookingInputBody,
  BookingRatingInputBody,
  CheckInInputBody,
  HouseholdQueryBody,
  HouseholdTagsBody,
  PageQueryBody,
  ReasonBody,
  RescheduleInputBody,
  ServiceInputBody,
  ServiceQueryBody,
  SlotQueryBody,
} from '../contract-types'
import { GET, POST, PUT } from '../endpoint'
import * as shape from '../shapes'

export const services = {
  list: GET('/services').query<ServiceQueryBody>().returns(shape.services),
  get: GET('/services/{id}').returns(shape.service),
  listSlots: GET('/services/{id}/slots').query<SlotQueryBody>().returns(shape.slotDays),
  create: POST('/services').body<ServiceInputBody>().idempotencyKey().returns(shape.service),
  update: PUT('/services/{id}').body<ServiceInputBody>().returns(shape.service),
  day: GET('/services/{id}/days/{date}').returns(shape.serviceDay),
  household: GET('/households/booking').query<HouseholdQueryBody>().returns(shape.bookingHousehold),
  setHouseholdTags: PUT('/households/tags').body<HouseholdTagsBody>().returns(shape.householdTags),

  book: POST('/bookings').body<BookingInputBody>().idempotencyKey().returns(shape.booking),
  mine: GET('/bookings/mine').returns(shape.myBookings),
  listPast: GET('/bookings/past').query<PageQueryBody>().returns(shape.bookingPage),
  listPending: GET('/bookings/pending').query<PageQueryBody>().returns(shape.bookingPage),
  booking: GET('/bookings/{id}').returns(shape.booking),
  exportBookings: GET('/bookings/export').query<BookingExportQueryBody>().download().returns(shape.file),
  cancel: POST('/bookings/{id}/cancel').body<ReasonBody>().returns(shape.booking),
  reschedule: POST('/bookings/{id}/reschedule').body<RescheduleInputBody>().returns(shape.booking),
  rate: POST('/bookings/{id}/rating').body<BookingRatingInputBody>().returns(shape.booking),
  confirm: POST('/bookings/{id}/confirm').returns(shape.booking),
  reject: POST('/bookings/{id}/reject').body<ReasonBody>().returns(shape.booking),
  checkIn: POST('/bookings/check-in').body<CheckInInputBody>().returns(shape.booking),
  complete: POST('/bookings/{id}/complete').returns(shape.booking),
  markNoShow: POST('/bookings/{id}/no-show').returns(shape.booking),
}
