import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import type { Booking, ServiceDay } from '../../../types/domain'
import { addDays, beijingDate, isDate } from '../../domain/beijing-time'
import type { BookingStep } from '../../domain/booking/lifecycle'
import { useStores } from '../../stores/context'
import { BookingCard, dayLabel, slotTime, StaffScreen, useSignedInLoad } from '../staff-parts'
import { ST } from '../staff-texts'
import '../staff.css'

const SEATED: BookingStep[] = ['check_in', 'confirm', 'complete', 'no_show', 'cancel']
const WAITING: BookingStep[] = ['cancel']

/** Those holding (or having held) a seat first, in the order they booked; the waitlist in line order. */
function split(bookings: Booking[]): { seated: Booking[]; waiting: Booking[] } {
  const waiting = bookings.filter((b) => b.status === 'waitlisted').sort((a, b) => (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0))
  const seated = bookings.filter((b) => b.status !== 'waitlisted').sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
  return { seated, waiting }
}

const Slot = observer(function Slot({ slot }: { slot: ServiceDay['slots'][number] }) {
  const { seated, waiting } = split(slot.bookings)
  const booked = slot.capacity - slot.seatsLeft
  return (
    <View className='card sb-slot' data-slot={slot.startsAt}>
      <View className='row sb-slot__head'>
        <View className='grow sb-slot__time'>{slotTime(slot)}</View>
        <View className={`sb-count${slot.seatsLeft === 0 ? ' sb-count--full' : ''}`} data-booked={`${booked}/${slot.capacity}`}>
          {ST.booked(booked, slot.capacity)}
        </View>
        {slot.waitlist > 0 && <View className='sb-count sb-count--wait'>{ST.waitlist(slot.waitlist)}</View>}
      </View>
      {slot.bookings.length === 0 && <View className='muted sb-slot__empty'>{ST.slotEmpty}</View>}
      {seated.map((b) => (
        <BookingCard key={b.id} booking={b} steps={SEATED} />
      ))}
      {waiting.length > 0 && (
        <View className='sb-waitlist' data-waitlist={waiting.length}>
          <View className='sb-waitlist__title'>
            {ST.waitlistTitle}（{waiting.length}）
          </View>
          {waiting.map((b) => (
            <BookingCard key={b.id} booking={b} steps={WAITING} />
          ))}
        </View>
      )}
    </View>
  )
})

/** A service's day for staff: ‹ 12月3日 周四 ›, then slot by slot with its bookings and their steps. */
function ServiceDayPage() {
  const { params } = useRouter()
  const serviceId = decodeURIComponent(params.serviceId ?? '')
  const { bookingDesk: desk, ui } = useStores()
  const [date, setDate] = useState(() => (isDate(params.date) ? params.date : beijingDate(ui.now)))
  useSignedInLoad(() => {
    if (serviceId) void desk.loadDay(serviceId, date)
  }, [date])
  usePullDownRefresh(async () => {
    await desk.loadDay(serviceId, date)
    Taro.stopPullDownRefresh()
  })
  const day = desk.day(serviceId, date)
  const error = desk.dayErrors.get(`${serviceId}|${date}`)
  const service = day?.service ?? desk.service(serviceId)
  return (
    <StaffScreen className='sb-day'>
      <View className='card'>
        <View className='sb-day__service'>{service?.name ?? ST.loading}</View>
        <View className='row sb-day__switch'>
          <View className='sb-day__step sb-day__step--prev tap-target' aria-role='button' aria-label={ST.prevDay} data-step='prev' onClick={() => setDate(addDays(date, -1))}>
            ‹
          </View>
          <View className='grow sb-day__date' data-date={date}>
            {dayLabel(date)}
          </View>
          <View className='sb-day__step sb-day__step--next tap-target' aria-role='button' aria-label={ST.nextDay} data-step='next' onClick={() => setDate(addDays(date, 1))}>
            ›
          </View>
        </View>
      </View>
      {error && (
        <View className='card field-error' onClick={() => void desk.loadDay(serviceId, date)}>
          {error}
          {ST.retry}
        </View>
      )}
      {!day && !error && <View className='card muted'>{ST.loading}</View>}
      {day && day.slots.length === 0 && <View className='card muted sb-day__closed'>{ST.dayClosed}</View>}
      {day?.slots.map((s) => (
        <Slot key={s.startsAt} slot={s} />
      ))}
    </StaffScreen>
  )
}

export default observer(ServiceDayPage)
