// The stores only the booking subpackage's screens use (src/stores/features.ts, ADR 32): imported at
// the top of every page of the subpackage, so they ship here and not in the main package.
import { BookingDeskStore } from '../stores/booking-desk-store'
import { registerFeatureStores } from '../stores/features'

registerFeatureStores({
  bookingDesk: ({ api, onSignOut, storage }) => new BookingDeskStore(api, onSignOut, storage),
})
