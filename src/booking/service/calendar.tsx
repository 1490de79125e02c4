import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { Slot, SlotDay } from '../../../types/domain'
import { dayChipName, dayLabel, dayOfMonth, slotRange } from '../../domain/booking/when'
import { useStores } from '../../stores/context'
import { BK } from '../texts'

/** A slot has no seat for a newcomer: none left, or people already waiting for one. */
export const isFull = (s: Slot) => s.seatsLeft <= 0 || s.waitlist > 0

function dayMark(day: SlotDay): keyof typeof BK.dayMark {
  if (day.closed) return 'closed'
  if (day.slots.length === 0) return 'none'
  return day.slots.some((s) => s.bookable && !isFull(s)) ? 'open' : 'full'
}

/** The coming days as chips: 今天 / 周四, the date, and whether anything is left. */
export const DayChips = observer(function DayChips({ serviceId }: { serviceId: string }) {
  const { services, ui } = useStores()
  const chosen = services.chosenDay(serviceId)?.date
  return (
    <View className='bk-days' data-chips='days' aria-role='radiogroup'>
      {services.days(serviceId).map((d) => {
        const mark = dayMark(d)
        const on = d.date === chosen
        return (
          <View
            key={d.date}
            className={`bk-day tap-target bk-day--${mark}${on ? ' bk-day--on' : ''}`}
            data-value={d.date}
            aria-role='radio'
            aria-checked={on}
            onClick={() => services.chooseDay(serviceId, d.date)}
          >
            <Text className='bk-day__name'>{dayChipName(d.date, ui.now)}</Text>
            <Text className='bk-day__date'>{dayOfMonth(d.date)}</Text>
            <Text className='bk-day__mark'>{BK.dayMark[mark]}</Text>
          </View>
        )
      })}
    </View>
  )
})

export interface SlotActions {
  /** Moving a booking (改约): full slots cannot be chosen. */
  moving: boolean
  /** Staff booking for a resident: the staff member's own bookings are not theirs. */
  forResident: boolean
  /** My household may not book at all now (not eligible, paused): the page says why once, no slot offers a button. */
  blocked: boolean
  onBook: (slot: Slot, waitlist: boolean) => void
  onMove: (slot: Slot) => void
  onOpenMine: (bookingId: string) => void
}

function SlotAction({ slot: s, actions: a }: { slot: Slot; actions: SlotActions }) {
  if (s.myBookingId && !a.forResident) {
    return (
      <View className='bk-slot__mine tap-target' aria-role='button' onClick={() => a.onOpenMine(s.myBookingId!)}>
        {BK.mine} ›
      </View>
    )
  }
  if (!s.bookable || a.blocked) return null
  if (a.moving) {
    return isFull(s) ? (
      <Text className='bk-slot__full'>{BK.full}</Text>
    ) : (
      <Button className='bk-slot__move' type='primary' size='small' onClick={() => a.onMove(s)}>
        {BK.moveHere}
      </Button>
    )
  }
  return isFull(s) ? (
    <Button className='bk-slot__waitlist' type='primary' fill='outline' size='small' onClick={() => a.onBook(s, true)}>
      {BK.joinWaitlist(s.waitlist)}
    </Button>
  ) : (
    <Button className='bk-slot__book' type='primary' size='small' onClick={() => a.onBook(s, false)}>
      {BK.book}
    </Button>
  )
}

/** The chosen day's slots: the time, seats left, and 预约 / 加入候补 / why not. */
export const SlotList = observer(function SlotList({ serviceId, actions }: { serviceId: string; actions: SlotActions }) {
  const { services } = useStores()
  const day = services.chosenDay(serviceId)
  if (!day) return null
  return (
    <View className='bk-slots' data-day={day.date}>
      <View className='bk-slots__day'>{dayLabel(day.date)}</View>
      {day.note && <View className={`bk-day-note${day.closed ? ' bk-day-note--closed' : ''}`}>{day.note}</View>}
      {day.closed && !day.note && <View className='bk-day-note bk-day-note--closed'>{BK.closedDay}</View>}
      {!day.closed && day.slots.length === 0 && <View className='muted'>{BK.noSlots}</View>}
      {day.slots.map((s) => {
        const mine = Boolean(s.myBookingId) && !actions.forResident
        return (
          <View key={s.startsAt} className={`bk-slot${mine ? ' bk-slot--mine' : ''}${isFull(s) ? ' bk-slot--full' : ''}`} data-starts={s.startsAt}>
            <View className='row bk-slot__head'>
              <View className='grow'>
                <View className='bk-slot__time'>{slotRange(s.startsAt, s.endsAt)}</View>
                <View className='bk-slot__seats' data-seats={`${s.seatsLeft}/${s.capacity}`}>
                  {s.seatsLeft > 0 ? BK.seatsLeft(s.seatsLeft, s.capacity) : BK.full}
                  {s.waitlist > 0 ? ` · 候补${s.waitlist}人` : ''}
                </View>
              </View>
              <SlotAction slot={s} actions={actions} />
            </View>
            {!s.bookable && !mine && s.reason && <View className='bk-slot__reason'>{s.reason}</View>}
          </View>
        )
      })}
    </View>
  )
})
