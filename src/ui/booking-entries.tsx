import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { BookingCard } from '../components/booking-card'
import { ServiceTile } from '../components/service-tile'
import { pauseRefusal } from '../domain/booking/rules'
import { KIND_ORDER } from '../domain/booking/when'
import { go, ROUTES } from '../navigation'
import { useStores } from '../stores/context'
import { BOOKING_ENTRY as T } from './texts-booking'
import './booking-entries.css'

/** My household's booking pause (three no-shows in 60 days), said plainly, while it runs. */
export const BookingPauseBanner = observer(function BookingPauseBanner() {
  const { myBookings, ui } = useStores()
  const text = pauseRefusal(myBookings.pausedAt(ui.now), ui.now)
  if (!text) return null
  return (
    <View className='card booking-pause' aria-role='alert' data-banner='pause'>
      {text}
    </View>
  )
})

/** 办事: one tile per published service, and the way into the whole catalogue. */
export const ServiceGrid = observer(function ServiceGrid() {
  const { services } = useStores()
  if (!services.available) return null
  return (
    <View className='service-grid' data-section='services'>
      <View className='row service-grid__head'>
        <View className='section-title grow'>{T.servicesTitle}</View>
        <View className='service-grid__all tap-target' aria-role='button' onClick={() => go(ROUTES.services())}>
          {T.allServices}
        </View>
      </View>
      {services.error && !services.loaded && (
        <View className='card field-error tap-target' aria-role='button' onClick={() => void services.load()}>
          {services.error}
          {T.retry}
        </View>
      )}
      <View className='service-grid__tiles'>
        {[...services.services].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind)).map((s) => (
          <ServiceTile key={s.id} service={s} onOpen={(id) => go(ROUTES.service(id))} />
        ))}
      </View>
    </View>
  )
})

/** 我的预约 on 办事: the next one or two with their codes, the pause, and the way to all of them. */
export const MyBookingsCard = observer(function MyBookingsCard() {
  const { myBookings } = useStores()
  if (!myBookings.available) return null
  const shown = myBookings.upcoming.slice(0, 2)
  return (
    <View className='my-bookings-card' data-section='my-bookings'>
      <View className='row service-grid__head'>
        <View className='section-title grow'>{T.myBookings}</View>
        <View className='service-grid__all tap-target' aria-role='button' onClick={() => go(ROUTES.myBookings)}>
          {T.allBookings}
        </View>
      </View>
      <BookingPauseBanner />
      {shown.map((b) => (
        <BookingCard key={b.id} booking={b} onOpen={(id) => go(ROUTES.booking(id))} />
      ))}
      {myBookings.loaded && shown.length === 0 && <View className='card muted my-bookings-card__empty'>{T.noUpcoming}</View>}
    </View>
  )
})

/** 首页: the next booking (service, time, code), when there is one. */
export const NextBooking = observer(function NextBooking() {
  const { myBookings } = useStores()
  const next = myBookings.available ? myBookings.next : undefined
  if (!next) return null
  return (
    <View className='next-booking' data-door='booking'>
      <View className='section-title'>{T.nextBooking}</View>
      <BookingCard booking={next} onOpen={(id) => go(ROUTES.booking(id))} />
    </View>
  )
})
