// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { Booking } from '../../../types/domain'
import { BookingStatusBadge, CheckInCode } from '../../components/booking-card'
import { bookingTime, whenLabel, whereText } from '../../domain/booking/when'
import { go, ROUTES } from '../../navigation'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { ACTION_LABEL, BK } from '../texts'
import { CancelSheet } from './cancel-sheet'
import { CheckInQr } from './qr'
import { RateCard } from './rate-card'
import '../resident.css'

/** The code and its QR while a seat is held (pending: shown, to use once confirmed). */
function CodeCard({ b }: { b: Booking }) {
  if (!b.checkInCode || (b.status !== 'confirmed' && b.status !== 'pending')) return null
  return (
    <View className='card bk-code'>
      <CheckInCode code={b.checkInCode} size='huge' />
      <CheckInQr bookingId={b.id} code={b.checkInCode} />
      <View className='muted bk-code__hint'>{b.status === 'pending' ? BK.codePendingHint : BK.codeHint}</View>
    </View>
  )
}

/** Reached by the keyboard on H5 (WeChat ignores it): the page scrolls from it (axe: scrollable-region-focusable). */
const KEYBOARD = { tabIndex: 0 } as object

function Facts({ b }: { b: Booking }) {
  return (
    <View {...KEYBOARD} className='card bk-facts-card'>
      <View className='row bk-detail__head'>
        <View className='bk-head__name grow'>{b.service.name}</View>
        <BookingStatusBadge status={b.status} />
      </View>
      <View className='bk-fact'>
        <View className='bk-fact__label'>{BK.when}</View>
        <View className='bk-fact__value bk-detail__when'>{bookingTime(b)}</View>
      </View>
      <View className='bk-fact'>
        <View className='bk-fact__label'>{BK.where}</View>
        <View className='bk-fact__value'>{whereText(b.service.location)}</View>
      </View>
      <View className='bk-fact'>
        <View className='bk-fact__label'>{BK.provider}</View>
        <View className='bk-fact__value'>{b.service.provider}</View>
      </View>
      <View className='bk-fact'>
        <View className='bk-fact__label'>{BK.person}</View>
        <View className='bk-fact__value'>
          {b.person.name} · {b.household.buildingName}
          {b.household.room}
        </View>
      </View>
      {b.bookedBy && <View className='muted'>{BK.bookedBy(b.bookedBy.name)}</View>}
      {b.status === 'waitlisted' && b.waitlistPosition && <View className='bk-banner bk-banner--wait bk-detail__line'>{BK.waitlistPosition(b.waitlistPosition)}</View>}
      {b.cancellation && <View className='bk-detail__line'>{BK.cancelled(b.cancellation.byName, b.cancellation.reason)}</View>}
      {b.rejection && <View className='bk-detail__line'>{BK.rejected(b.rejection.reason)}</View>}
      {b.rating && <View className='bk-detail__line'>{BK.myRating(b.rating.stars)}{b.rating.comment ? ` ${b.rating.comment}` : ''}</View>}
    </View>
  )
}

function Answers({ b }: { b: Booking }) {
  if (b.answers.length === 0) return null
  return (
    <View className='card'>
      <View className='section-title'>{BK.answers}</View>
      {b.answers.map((a) => (
        <View key={a.questionId} className='bk-fact' data-answer={a.questionId}>
          <View className='bk-fact__label'>{a.label}</View>
          <View className='bk-fact__value'>{a.value}</View>
        </View>
      ))}
    </View>
  )
}

function History({ b }: { b: Booking }) {
  return (
    <View className='card bk-history'>
      <View className='section-title'>{BK.historyTitle}</View>
      {[...b.history].reverse().map((e, i) => (
        <View key={`${e.at}-${i}`} className='bk-history__item'>
          <View className='bk-history__what'>
            {ACTION_LABEL[e.action] ?? e.action} · {e.byName}
          </View>
          <View className='muted'>
            {whenLabel(e.at)}
            {e.note ? ` · ${e.note}` : ''}
          </View>
        </View>
      ))}
    </View>
  )
}

/** A booking: status, time, where, the check-in code (digits and QR), what I may do now, its history. */
function BookingPage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const { myBookings, session } = useStores()
  const signedIn = session.status === 'signed_in'
  const [cancelling, setCancelling] = useState(false)
  useDidShow(() => {
    if (id && signedIn) void myBookings.loadBooking(id)
  })
  useEffect(() => {
    if (id && signedIn) void myBookings.loadBooking(id)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, id])
  usePullDownRefresh(async () => {
    await myBookings.loadBooking(id)
    Taro.stopPullDownRefresh()
  })
  const b = myBookings.get(id)
  if (!b) {
    const error = myBookings.detailErrors.get(id)
    return (
      <Screen requireSignIn>
        <View className={`card ${error ? 'field-error tap-target' : 'muted'}`} aria-role={error ? 'button' : undefined} onClick={() => void myBookings.loadBooking(id)}>
          {error ? `${error}${BK.retry}` : BK.loading}
        </View>
      </Screen>
    )
  }
  const cancelLabel = b.status === 'waitlisted' ? BK.leaveWaitlist : BK.cancel
  return (
    <Screen requireSignIn className='bk-detail'>
      <Facts b={b} />
      <CodeCard b={b} />
      {(b.can.cancel || b.can.reschedule || b.can.why) && (
        <View className='card bk-actions'>
          {b.can.reschedule && (
            <Button className='bk-actions__move' type='primary' fill='outline' block size='large' onClick={() => go(ROUTES.service(b.service.id, { reschedule: b.id }))}>
              {BK.reschedule}
            </Button>
          )}
          {b.can.cancel && (
            <Button className='bk-actions__cancel' type='danger' fill='outline' block size='large' onClick={() => setCancelling(true)}>
              {cancelLabel}
            </Button>
          )}
          {b.can.why && <View className='muted bk-actions__why'>{b.can.why}</View>}
        </View>
      )}
      {b.can.rate && <RateCard bookingId={b.id} />}
      <Answers b={b} />
      <History b={b} />
      {cancelling && <CancelSheet bookingId={b.id} title={cancelLabel} onClose={() => setCancelling(false)} />}
    </Screen>
  )
}

export default observer(BookingPage)
