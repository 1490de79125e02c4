// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState, type ReactNode } from 'react'
import type { Booking, ServiceDay } from '../../../types/domain'
import { addDays, beijingDate, isDate } from '../../domain/beijing-time'
import type { BookingStep } from '../../domain/booking/lifecycle'
import { useStores } from '../../stores/context'
import { VirtualPage, type PageEntry } from '../../ui/virtual-page'
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

type DaySlot = ServiceDay['slots'][number]

const SlotHead = observer(function SlotHead({ slot }: { slot: DaySlot }) {
  const booked = slot.capacity - slot.seatsLeft
  return (
    <View className='card sb-slot sb-slot--head' data-slot={slot.startsAt}>
      <View className='row sb-slot__head'>
        <View className='grow sb-slot__time'>{slotTime(slot)}</View>
        <View className={`sb-count${slot.seatsLeft === 0 ? ' sb-count--full' : ''}`} data-booked={`${booked}/${slot.capacity}`}>
          {ST.booked(booked, slot.capacity)}
        </View>
        {slot.waitlist > 0 && <View className='sb-count sb-count--wait'>{ST.waitlist(slot.waitlist)}</View>}
      </View>
      {slot.bookings.length === 0 && <View className='muted sb-slot__empty'>{ST.slotEmpty}</View>}
    </View>
  )
})

/**
 * The page's entries: the service and its day switcher, then each slot's head, its seated bookings
 * and its line, one entry each (a slot of the activity room can hold 200 people).
 */
function dayEntries(head: () => ReactNode, day: ServiceDay | undefined): PageEntry[] {
  const entries: PageEntry[] = [{ key: 'head', render: head }]
  for (const slot of day?.slots ?? []) {
    const { seated, waiting } = split(slot.bookings)
    entries.push({ key: `slot:${slot.startsAt}`, render: () => <SlotHead slot={slot} /> })
    for (const b of seated) {
      entries.push({
        key: `seat:${b.id}`,
        render: () => (
          <View className='card sb-slot sb-slot--seat' data-slot={slot.startsAt}>
            <BookingCard booking={b} steps={SEATED} />
          </View>
        ),
      })
    }
    if (waiting.length === 0) continue
    entries.push({
      key: `line:${slot.startsAt}`,
      render: () => (
        <View className='sb-slot sb-slot--line' data-slot={slot.startsAt}>
          <View className='sb-waitlist sb-waitlist--title' data-waitlist={waiting.length}>
            <View className='sb-waitlist__title'>
              {ST.waitlistTitle}（{waiting.length}）
            </View>
          </View>
        </View>
      ),
    })
    for (const b of waiting) {
      entries.push({
        key: `wait:${b.id}`,
        render: () => (
          <View className='card sb-slot sb-slot--wait' data-slot={slot.startsAt}>
            <View className='sb-waitlist'>
              <BookingCard booking={b} steps={WAITING} />
            </View>
          </View>
        ),
      })
    }
  }
  return entries
}

/** A service's day for staff: ‹ 12月3日 周四 ›, then slot by slot with its bookings and their steps, drawn near the screen only. */
function ServiceDayPage() {
  const { params } = useRouter()
  const serviceId = decodeURIComponent(params.serviceId ?? '')
  const { bookingDesk: desk, ui } = useStores()
  const [date, setDate] = useState(() => (isDate(params.date) ? params.date : beijingDate(ui.now)))
  useSignedInLoad(() => {
    if (serviceId) void desk.loadDay(serviceId, date)
  }, [date])
  const reload = () => desk.loadDay(serviceId, date)
  usePullDownRefresh(async () => {
    await reload()
    Taro.stopPullDownRefresh()
  })
  const day = desk.day(serviceId, date)
  const error = desk.dayErrors.get(`${serviceId}|${date}`)
  const service = day?.service ?? desk.service(serviceId)
  const head = () => (
    <View>
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
        <View className='card field-error' onClick={() => void reload()}>
          {error}
          {ST.retry}
        </View>
      )}
      {!day && !error && <View className='card muted'>{ST.loading}</View>}
      {day && day.slots.length === 0 && <View className='card muted sb-day__closed'>{ST.dayClosed}</View>}
    </View>
  )
  return (
    <StaffScreen className='sb-day page--list'>
      <VirtualPage entries={dayEntries(head, day)} estimatedHeight={240} onRefresh={reload} />
    </StaffScreen>
  )
}

export default observer(ServiceDayPage)
