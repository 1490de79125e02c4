import { TextArea } from '@nutui/nutui-react-taro'
import { Input, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { Booking } from '../../types/domain'
import { FieldError } from '../components/field-error'
import { beijingClock, chinaTime, weekdayName, beijingDate } from '../domain/beijing-time'
import { STATUS_LABEL, stepRefusal, type BookingStep } from '../domain/booking/lifecycle'
import { PHONE_PATTERN } from '../domain/membership'
import { confirm, toast } from '../navigation'
import { callPhone } from '../platform/location'
import { useStores } from '../stores/context'
import { Screen } from '../ui/screen'
import { ST } from './staff-texts'

/** Run `load` when the page shows and once the session is back (a reload, a shared link). */
export function useSignedInLoad(load: () => void, deps: unknown[] = []): void {
  const { session } = useStores()
  const signedIn = session.status === 'signed_in'
  // The first show is the mount's (the effect below reads it); later ones are coming back to the page.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current && signedIn) load()
    shown.current = true
  })
  useEffect(() => {
    if (signedIn) load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, ...deps])
}

/** The frame of a staff page: signed in, staff, and a backend that books services. */
export const StaffScreen = observer(function StaffScreen({ children, className }: { children: ReactNode; className: string }) {
  const { session, bookingDesk } = useStores()
  if (session.status === 'signed_in' && !session.hasRole('staff')) {
    return (
      <Screen requireSignIn className={className}>
        <View className='card muted'>{ST.staffOnly}</View>
      </Screen>
    )
  }
  if (!bookingDesk.available) {
    return (
      <Screen requireSignIn className={className}>
        <View className='card muted'>{ST.unavailable}</View>
      </Screen>
    )
  }
  return (
    <Screen requireSignIn className={`sb-staff ${className}`}>
      {children}
    </Screen>
  )
})

/** 12月3日 周四 of a Beijing date. */
export function dayLabel(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${weekdayName(date)}`
}

/** 10:00–10:45 of a slot. */
export function slotTime(s: { startsAt: string; endsAt: string }): string {
  return `${beijingClock(s.startsAt)}–${beijingClock(s.endsAt)}`
}

/** A button-like link of these pages. */
export function Act({ children, onTap, kind = 'plain', name, className = '' }: { children: ReactNode; onTap: () => void; kind?: 'plain' | 'main' | 'danger'; name: string; className?: string }) {
  return (
    <View className={`sb-act sb-act--${kind} sb-act-${name} tap-target ${className}`} aria-role='button' data-act={name} onClick={onTap}>
      {children}
    </View>
  )
}

/** The answers a booker gave; a phone number is a tap to call it. */
export function Answers({ booking }: { booking: Booking }) {
  if (booking.answers.length === 0) return null
  return (
    <View className='sb-answers'>
      {booking.answers.map((a) => (
        <View key={a.questionId} className='sb-answer'>
          <View className='sb-answer__label'>{a.label}：</View>
          {PHONE_PATTERN.test(a.value) ? (
            <View className='sb-phone tap-target' aria-role='button' aria-label={ST.call(a.value)} data-phone={a.value} onClick={() => callPhone(a.value)}>
              {a.value}
            </View>
          ) : (
            <View className='sb-answer__value'>{a.value}</View>
          )}
        </View>
      ))}
    </View>
  )
}

const DONE: Record<string, string> = {
  check_in: ST.doneCheckIn,
  complete: ST.doneComplete,
  no_show: ST.doneNoShow,
  cancel: ST.doneCancel,
  confirm: ST.doneConfirm,
  reject: ST.doneReject,
}

type Mode = null | 'check_in' | 'cancel' | 'reject'

/**
 * One booking as staff see it: who, which household, their answers, status and code, and the
 * steps its status and the time allow (签到 with the code, 完成, 标记未到 after the start with a
 * warning, 取消 / 拒绝 with a reason, 确认).
 */
export const BookingCard = observer(function BookingCard({ booking, showWhen = false, steps }: { booking: Booking; showWhen?: boolean; steps: BookingStep[] }) {
  const { bookingDesk: desk, ui } = useStores()
  const [mode, setMode] = useState<Mode>(null)
  const [text, setText] = useState('')
  const [error, setError] = useState<string | undefined>()
  const now = ui.now
  const allowed = steps.filter((s) => stepRefusal(s, booking.status, booking, now) === null)
  const busy = desk.busyId === booking.id
  const rowError = desk.rowErrors[booking.id]

  const open = (m: Mode) => {
    setMode(m)
    setText('')
    setError(undefined)
  }
  const finish = (ok: boolean, step: string, message?: string) => {
    if (ok) {
      toast(DONE[step], 'success')
      setMode(null)
    } else setError(message)
  }
  const sendCheckIn = async () => {
    const out = await desk.checkIn(text, booking)
    finish(out.ok, 'check_in', out.ok ? undefined : out.message)
  }
  const sendReason = async (action: 'cancel' | 'reject') => {
    const out = await desk.withReason(booking.id, action, text)
    finish(out.ok, action, out.ok ? undefined : out.message)
  }
  const noShow = async () => {
    if (!(await confirm(ST.noShowAsk))) return
    const out = await desk.markNoShow(booking.id)
    if (out.ok) toast(DONE.no_show, 'success')
  }
  const simple = async (step: 'complete' | 'confirm') => {
    const out = step === 'complete' ? await desk.complete(booking.id) : await desk.confirm(booking.id)
    if (out.ok) toast(DONE[step], 'success')
  }

  return (
    <View className={`sb-card sb-card--${booking.status}`} data-booking={booking.id} data-status={booking.status}>
      {showWhen && (
        <View className='sb-card__when'>
          {booking.service.name} · {dayLabel(beijingDate(booking.startsAt))} {slotTime(booking)}
        </View>
      )}
      <View className='row sb-card__head'>
        <View className='grow sb-card__who'>
          <View className='sb-card__name'>{booking.person.name}</View>
          <View className='sb-card__home'>
            {booking.household.buildingName}
            {booking.household.room}
          </View>
        </View>
        <View className={`sb-status sb-status--${booking.status}`}>
          {booking.status === 'waitlisted' && booking.waitlistPosition ? `${ST.waitlistTitle}第${booking.waitlistPosition}位` : STATUS_LABEL[booking.status]}
        </View>
      </View>
      <Answers booking={booking} />
      <View className='sb-card__meta'>
        {booking.checkInCode && booking.status !== 'waitlisted' && <View className='sb-card__code'>{ST.code(booking.checkInCode)}</View>}
        {booking.bookedBy && <View className='sb-card__by'>{ST.bookedBy(booking.bookedBy.name)}</View>}
        {!showWhen && <View className='sb-card__by'>{chinaTime(booking.createdAt)} 预约</View>}
      </View>
      {mode === null && allowed.length > 0 && (
        <View className='sb-card__acts'>
          {allowed.includes('check_in') && (
            <Act name='check-in' kind='main' onTap={() => open('check_in')}>
              {ST.actCheckIn}
            </Act>
          )}
          {allowed.includes('confirm') && (
            <Act name='confirm' kind='main' onTap={() => void simple('confirm')}>
              {busy ? ST.loading : ST.actConfirm}
            </Act>
          )}
          {allowed.includes('complete') && (
            <Act name='complete' kind='main' onTap={() => void simple('complete')}>
              {busy ? ST.loading : ST.actComplete}
            </Act>
          )}
          {allowed.includes('no_show') && (
            <Act name='no-show' onTap={() => void noShow()}>
              {ST.actNoShow}
            </Act>
          )}
          {allowed.includes('reject') && (
            <Act name='reject' kind='danger' onTap={() => open('reject')}>
              {ST.actReject}
            </Act>
          )}
          {allowed.includes('cancel') && (
            <Act name='cancel' kind='danger' onTap={() => open('cancel')}>
              {ST.actCancel}
            </Act>
          )}
        </View>
      )}
      {mode === 'check_in' && (
        <View className='sb-card__form sb-checkin-row'>
          <Input
            className='sb-input sb-checkin-row__code'
            type='number'
            value={text}
            maxlength={6}
            placeholder={ST.codePlaceholder}
            focus
            onInput={(e) => setText(e.detail.value)}
            onConfirm={() => void sendCheckIn()}
          />
          <View className='row sb-card__form-acts'>
            <Act name='send-check-in' kind='main' onTap={() => void sendCheckIn()}>
              {busy ? ST.loading : ST.sendCheckIn}
            </Act>
            <Act name='close' onTap={() => open(null)}>
              {ST.back}
            </Act>
          </View>
        </View>
      )}
      {(mode === 'cancel' || mode === 'reject') && (
        <View className='sb-card__form sb-reason'>
          <View className='sb-reason__label'>{mode === 'cancel' ? ST.cancelReason : ST.rejectReason}</View>
          <TextArea className='sb-reason__text' value={text} placeholder={ST.reasonPlaceholder} maxLength={-1} autoSize onChange={(v) => setText(v)} />
          <FieldError field='reason' message={error} />
          <View className='row sb-card__form-acts'>
            <Act name={mode === 'cancel' ? 'send-cancel' : 'send-reject'} kind='danger' onTap={() => void sendReason(mode)}>
              {busy ? ST.loading : mode === 'cancel' ? ST.sendCancel : ST.sendReject}
            </Act>
            <Act name='close' onTap={() => open(null)}>
              {ST.back}
            </Act>
          </View>
        </View>
      )}
      {mode === 'check_in' && <FieldError field='code' message={error} />}
      {mode === null && rowError && <FieldError field='booking' message={rowError} />}
    </View>
  )
})
