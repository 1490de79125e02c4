import { Text, View } from '@tarojs/components'
import type { Booking, BookingStatus } from '../../../types/domain'
import { STATUS_LABEL } from '../../domain/booking/lifecycle'
import { bookingTime, groupedCode, spokenDigits, whereText } from '../../domain/booking/when'
import './index.css'

/** A status's colour family: a seat held, waiting, ended well, ended otherwise. */
export function bookingTone(status: BookingStatus): 'ok' | 'wait' | 'done' | 'stopped' {
  if (status === 'confirmed' || status === 'checked_in') return 'ok'
  if (status === 'pending' || status === 'waitlisted') return 'wait'
  if (status === 'done') return 'done'
  return 'stopped'
}

export function BookingStatusBadge({ status }: { status: BookingStatus }) {
  return <Text className={`booking-status booking-status--${bookingTone(status)}`}>{STATUS_LABEL[status]}</Text>
}

/** The check-in code, large, read digit by digit by a screen reader. */
export function CheckInCode({ code, size = 'large' }: { code: string; size?: 'large' | 'huge' }) {
  return (
    <View className={`checkin-code checkin-code--${size}`} aria-label={`签到码 ${spokenDigits(code)}`} data-code={code}>
      <Text className='checkin-code__label' aria-hidden>
        签到码
      </Text>
      <Text className='checkin-code__digits' aria-hidden>
        {groupedCode(code)}
      </Text>
    </View>
  )
}

export interface BookingCardProps {
  booking: Booking
  onOpen: (id: string) => void
  /** Past bookings: no code, a smaller card. */
  past?: boolean
}

/** One booking in 我的预约, 办事 and 首页: the service, when, where, status, and its check-in code. */
export function BookingCard({ booking: b, onOpen, past = false }: BookingCardProps) {
  return (
    <View className={`booking-card card tap-target${past ? ' booking-card--past' : ''}`} data-id={b.id} aria-role='button' onClick={() => onOpen(b.id)}>
      <View className='row booking-card__head'>
        <Text className='booking-card__name grow'>{b.service.name}</Text>
        <BookingStatusBadge status={b.status} />
      </View>
      <View className='booking-card__when'>{bookingTime(b)}</View>
      <View className='muted booking-card__where'>{whereText(b.service.location)}</View>
      {!past && b.checkInCode && (b.status === 'confirmed' || b.status === 'pending') && <CheckInCode code={b.checkInCode} />}
      {b.status === 'waitlisted' && b.waitlistPosition && <View className='booking-card__line'>候补第{b.waitlistPosition}位，有人取消时按顺序递补</View>}
    </View>
  )
}
