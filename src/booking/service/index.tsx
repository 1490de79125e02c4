// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { Service, Slot } from '../../../types/domain'
import { bookingTime, rulesInWords, whereText, whenLabel } from '../../domain/booking/when'
import { confirm, go, replaceWithToast, ROUTES, toast } from '../../navigation'
import { useStores } from '../../stores/context'
import { BookingPauseBanner } from '../../ui/booking-entries'
import { Screen } from '../../ui/screen'
import { BK } from '../texts'
import { DayChips, SlotList } from './calendar'
import '../resident.css'

/** What the service is, where, by whom, and its rules in plain words. */
function ServiceHead({ s }: { s: Service }) {
  const eligibility = s.myEligibility
  return (
    <>
      <View className='card bk-head'>
        <View className='bk-head__name'>{s.name}</View>
        <View className='bk-text'>{s.description}</View>
        <View className='bk-facts'>
          <View className='bk-fact'>
            <View className='bk-fact__label'>{BK.where}</View>
            <View className='bk-fact__value'>{whereText(s.location)}</View>
          </View>
          <View className='bk-fact'>
            <View className='bk-fact__label'>{BK.provider}</View>
            <View className='bk-fact__value'>{s.provider}</View>
          </View>
        </View>
        <View className='muted'>
          {BK.duration(s.durationMinutes)} · {BK.capacity(s.capacity)}
        </View>
        {s.requiresConfirmation && <View className='bk-note'>{BK.confirmNeeded}</View>}
        {eligibility && !eligibility.eligible && eligibility.reason && (
          <View className='bk-refusal' aria-role='alert' data-refusal='eligibility'>
            {eligibility.reason}
          </View>
        )}
      </View>
      <View className='card bk-rules'>
        <View className='section-title'>{BK.rulesTitle}</View>
        {rulesInWords(s.rules).map((r) => (
          <View key={r} className='bk-rule'>
            · {r}
          </View>
        ))}
      </View>
    </>
  )
}

/** A service's page: its description and rules, and a calendar of the coming days with seats left. */
function ServicePage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const moving = params.reschedule ? decodeURIComponent(params.reschedule) : undefined
  const forUserId = params.forUserId ? decodeURIComponent(params.forUserId) : undefined
  // A link may open one day of the calendar (YYYY-MM-DD).
  const date = params.date && /^\d{4}-\d{2}-\d{2}$/.test(params.date) ? params.date : undefined
  const { services, myBookings, session, ui } = useStores()
  const signedIn = session.status === 'signed_in'
  const read = () => {
    if (date && !services.chosenDays.has(id)) services.chooseDay(id, date)
    void services.loadCalendar(id)
    if (!forUserId) void myBookings.load()
    if (moving) void myBookings.loadBooking(moving)
  }
  useDidShow(() => {
    if (id && signedIn) read()
  })
  useEffect(() => {
    if (id && signedIn) read()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, id])
  usePullDownRefresh(async () => {
    await services.loadCalendar(id)
    Taro.stopPullDownRefresh()
  })
  const s = services.get(id)
  if (!s) {
    const error = services.calendarErrors.get(id)
    return (
      <Screen requireSignIn>
        <View className={`card ${error ? 'field-error tap-target' : 'muted'}`} aria-role={error ? 'button' : undefined} onClick={() => void services.loadCalendar(id)}>
          {error ? `${error}${BK.retry}` : BK.loading}
        </View>
      </Screen>
    )
  }
  const old = moving ? myBookings.get(moving) : undefined
  const move = async (slot: Slot) => {
    if (!moving) return
    const ok = await confirm({ title: BK.reschedule, content: BK.rescheduleAsk(old ? whenLabel(old.startsAt) : '', whenLabel(slot.startsAt)), confirm: BK.moveHere, cancel: BK.cancelKeep })
    if (!ok) return
    const outcome = await myBookings.reschedule(moving, slot.startsAt)
    if (!outcome.ok) {
      toast(outcome.fields.startsAt ?? outcome.message)
      void services.loadCalendar(id)
      return
    }
    services.forgetCalendar(id)
    replaceWithToast(ROUTES.booking(moving), BK.rescheduled, 'success')
  }
  const calendarError = services.calendarErrors.get(id)
  // Staff booking for a resident (代约) are not held to their own household's eligibility or pause;
  // a booking already made may still be moved.
  const blocked = !forUserId && !moving && (s.myEligibility?.eligible === false || myBookings.pausedAt(ui.now) !== null)
  return (
    <Screen requireSignIn className='bk-service'>
      {moving && old && <View className='card bk-banner' data-banner='reschedule'>{BK.rescheduleBanner(bookingTime(old))}</View>}
      {forUserId && <View className='card bk-banner' data-banner='on-behalf'>{BK.forResident}</View>}
      {!forUserId && <BookingPauseBanner />}
      <ServiceHead s={s} />
      <View className='card bk-calendar'>
        <View className='section-title'>{BK.calendarTitle}</View>
        {calendarError && (
          <View className='field-error tap-target' aria-role='button' onClick={() => void services.loadCalendar(id)}>
            {calendarError}
            {BK.retry}
          </View>
        )}
        <DayChips serviceId={id} />
        <SlotList
          serviceId={id}
          actions={{
            moving: Boolean(moving),
            forResident: Boolean(forUserId),
            blocked,
            onBook: (slot, waitlist) => go(ROUTES.book(id, slot.startsAt, { waitlist, ...(forUserId ? { forUserId } : {}) })),
            onMove: (slot) => void move(slot),
            onOpenMine: (bookingId) => go(ROUTES.booking(bookingId)),
          }}
        />
      </View>
    </Screen>
  )
}

export default observer(ServicePage)
