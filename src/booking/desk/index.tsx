// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Input, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import type { Service } from '../../../types/domain'
import { FieldError } from '../../components/field-error'
import { beijingClock, beijingDate } from '../../domain/beijing-time'
import { KIND_LABEL } from '../../domain/booking/when'
import { go, ROUTES, toast } from '../../navigation'
import { canScan, scanText } from '../../platform/scan'
import { openWorkbook } from '../../platform/workbook'
import { useStores } from '../../stores/context'
import { Act, dayLabel, slotTime, StaffScreen, useSignedInLoad } from '../staff-parts'
import { ST } from '../staff-texts'
import '../staff.css'

/** 签到: type the 6-digit code, or (weapp) scan the booking's QR code. */
const CheckInBox = observer(function CheckInBox() {
  const { bookingDesk: desk } = useStores()
  const [code, setCode] = useState('')
  const send = async (text: string) => {
    const out = await desk.checkIn(text)
    if (out.ok) {
      setCode('')
      toast(ST.doneCheckIn, 'success')
    }
  }
  const scan = async () => {
    const text = await scanText()
    if (text) await send(text)
    else toast(ST.scanFailed)
  }
  const done = desk.lastCheckedIn
  return (
    <View className='card sb-checkin'>
      <View className='section-title'>{ST.checkInTitle}</View>
      <View className='muted sb-checkin__hint'>{ST.checkInHint}</View>
      <Input
        className='sb-input sb-checkin__code'
        type='number'
        value={code}
        maxlength={6}
        placeholder={ST.codePlaceholder}
        onInput={(e) => {
          setCode(e.detail.value)
          if (desk.checkInError || desk.lastCheckedIn) desk.clearCheckIn()
        }}
        onConfirm={() => void send(code)}
      />
      <FieldError field='code' message={desk.checkInError ?? undefined} />
      {done && (
        <View className='sb-checkin__done' aria-role='status' data-checked-in={done.id}>
          {ST.checkedIn(done.person.name, done.service.name, beijingClock(done.startsAt))}
        </View>
      )}
      <View className='row sb-checkin__acts'>
        <Act name='check-in' kind='main' className='sb-checkin__send grow' onTap={() => void send(code)}>
          {desk.checkInBusy ? ST.loading : ST.checkIn}
        </Act>
        {canScan && (
          <Act name='scan' className='sb-checkin__scan grow' onTap={() => void scan()}>
            {ST.scan}
          </Act>
        )}
      </View>
    </View>
  )
})

/** One published service's slots of today, each with its seats and waitlist; a tap opens the day. */
const TodayService = observer(function TodayService({ service, today }: { service: Service; today: string }) {
  const { bookingDesk: desk } = useStores()
  const day = desk.day(service.id, today)
  const error = desk.dayErrors.get(`${service.id}|${today}`)
  return (
    <View className='sb-today' data-service={service.id}>
      <View className='row sb-today__head tap-target' aria-role='button' onClick={() => go(ROUTES.serviceDay(service.id, today))}>
        <View className='grow sb-today__name'>{service.name}</View>
        <View className='sb-link'>{ST.openDay} ›</View>
      </View>
      {error && <View className='field-error'>{error}</View>}
      {day && day.slots.length === 0 && <View className='muted sb-today__none'>{ST.noSessionToday}</View>}
      {day?.slots.map((s) => {
        const booked = s.capacity - s.seatsLeft
        return (
          <View key={s.startsAt} className='row sb-slot-row tap-target' aria-role='button' data-slot={s.startsAt} onClick={() => go(ROUTES.serviceDay(service.id, today))}>
            <View className='grow sb-slot-row__time'>{slotTime(s)}</View>
            <View className={`sb-count${s.seatsLeft === 0 ? ' sb-count--full' : ''}`} data-booked={`${booked}/${s.capacity}`}>
              {ST.booked(booked, s.capacity)}
            </View>
            {s.waitlist > 0 && (
              <View className='sb-count sb-count--wait' data-waitlist={s.waitlist}>
                {ST.waitlist(s.waitlist)}
              </View>
            )}
          </View>
        )
      })}
    </View>
  )
})

/** Today's workbook or this month's, when the backend makes them. */
const ExportBox = observer(function ExportBox({ today }: { today: string }) {
  const { bookingDesk: desk } = useStores()
  if (!desk.canExport) return null
  const run = async (period: string) => {
    const file = await desk.exportBookings({ period })
    if (!file.ok) return toast(file.message)
    const opened = await openWorkbook(file.fileName, file.bytes)
    toast(opened.ok ? ST.exported : opened.message, opened.ok ? 'success' : 'none')
  }
  return (
    <View className='card sb-export'>
      <View className='section-title'>{ST.exportTitle}</View>
      <View className='row sb-tiles'>
        <Act name='export-day' onTap={() => void run(today)}>
          {ST.exportDay}
        </Act>
        <Act name='export-month' onTap={() => void run(today.slice(0, 7))}>
          {ST.exportMonth}
        </Act>
      </View>
    </View>
  )
})

/** 服务预约 of 工作台: today at a glance, check-in, what waits, and the tools. */
function DeskPage() {
  const { bookingDesk: desk, ui } = useStores()
  const today = beijingDate(ui.now)
  useSignedInLoad(() => void desk.loadDesk())
  usePullDownRefresh(async () => {
    await desk.loadDesk()
    Taro.stopPullDownRefresh()
  })
  const n = desk.pendingCount
  return (
    <StaffScreen className='sb-desk'>
      <CheckInBox />

      <View className='card row sb-pending-entry tap-target' aria-role='button' data-entry='pending' onClick={() => go(ROUTES.pendingBookings)}>
        <View className='grow'>
          <View className='sb-pending-entry__title'>{ST.pending}</View>
          <View className={`sb-pending-entry__count${n ? ' sb-pending-entry__count--on' : ''}`} data-count={n ?? undefined}>
            {n === null ? ST.loading : n === 0 ? ST.pendingNone : ST.pendingCount(desk.pendingMore ? `${n}+` : String(n))}
          </View>
        </View>
        <View className='sb-link'>›</View>
      </View>

      <View className='card'>
        <View className='section-title'>
          {ST.todayServices} · {dayLabel(today)}
        </View>
        {desk.servicesError && (
          <View className='field-error' onClick={() => void desk.loadDesk()}>
            {desk.servicesError}
            {ST.retry}
          </View>
        )}
        {!desk.servicesLoaded && !desk.servicesError && <View className='muted'>{ST.loading}</View>}
        {desk.servicesLoaded && desk.published.length === 0 && <View className='muted'>{ST.noServices}</View>}
        {desk.published.map((s) => (
          <TodayService key={s.id} service={s} today={today} />
        ))}
      </View>

      <View className='card'>
        <View className='section-title'>{ST.tools}</View>
        <View className='row sb-tiles'>
          <Act name='publish' kind='main' onTap={() => go(ROUTES.serviceEdit())}>
            {ST.publish}
          </Act>
          <Act name='on-behalf' onTap={() => go(ROUTES.bookOnBehalf)}>
            {ST.onBehalf}
          </Act>
          <Act name='tags' onTap={() => go(ROUTES.householdTags)}>
            {ST.tags}
          </Act>
        </View>
      </View>

      <ExportBox today={today} />

      {desk.services.length > 0 && (
        <View className='card'>
          <View className='section-title'>{ST.allServices}</View>
          {desk.services.map((s) => (
            <View key={s.id} className='row sb-service-row tap-target' aria-role='button' data-edit={s.id} onClick={() => go(ROUTES.serviceEdit(s.id))}>
              <View className='grow'>
                <View className='sb-service-row__name'>{s.name}</View>
                <View className='muted'>
                  {KIND_LABEL[s.kind]} · {ST.statusLabel[s.status]}
                </View>
              </View>
              <View className='sb-link'>{ST.editService} ›</View>
            </View>
          ))}
        </View>
      )}
    </StaffScreen>
  )
}

export default observer(DeskPage)
