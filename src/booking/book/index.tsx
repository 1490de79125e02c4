// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button } from '@nutui/nutui-react-taro'
import { Input, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { BookingQuestion, Service } from '../../../types/domain'
import { FieldError } from '../../components/field-error'
import { bookingTime, whereText } from '../../domain/booking/when'
import { back, replaceWithToast, ROUTES, scrollToFirstError, toast } from '../../navigation'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { BK } from '../texts'
import '../resident.css'

const INPUT_TYPE = { text: 'text', number: 'number', phone: 'number' } as const

function placeholderOf(q: BookingQuestion): string {
  if (q.kind === 'phone') return BK.phonePlaceholder
  if (q.kind === 'number') return BK.numberPlaceholder(q.max)
  return BK.textPlaceholder(q.label)
}

const Question = observer(function Question({ q }: { q: BookingQuestion }) {
  const { services } = useStores()
  const field = `answers.${q.id}`
  return (
    <View className='bk-question' data-question={q.id}>
      <View className='bk-question__label'>
        {q.label}
        {q.required ? '' : BK.optional}
      </View>
      <Input
        className={`bk-input bk-input--${q.kind}`}
        type={INPUT_TYPE[q.kind]}
        value={services.draft.answers[q.id] ?? ''}
        placeholder={placeholderOf(q)}
        aria-label={q.label}
        maxlength={q.kind === 'text' ? 210 : 20}
        onInput={(e) => services.setAnswer(q.id, e.detail.value)}
        onBlur={() => services.touch(q.id)}
      />
      <FieldError field={field} message={services.visibleErrors[field]} />
    </View>
  )
})

/** The slot being booked: service, time, where, seats. */
const Recap = observer(function Recap({ s, startsAt }: { s: Service; startsAt: string }) {
  const { services } = useStores()
  const slot = services.slot(s.id, startsAt)
  const endsAt = slot?.endsAt ?? new Date(Date.parse(startsAt) + s.durationMinutes * 60_000).toISOString()
  return (
    <View className='card bk-recap'>
      <View className='bk-fact__label'>{BK.slotTitle}</View>
      <View className='bk-head__name'>{s.name}</View>
      <View className='bk-recap__when'>{bookingTime({ startsAt, endsAt })}</View>
      <View className='muted'>{whereText(s.location)}</View>
      {slot && <View className='bk-slot__seats'>{slot.seatsLeft > 0 ? BK.seatsLeft(slot.seatsLeft, slot.capacity) : BK.full}</View>}
    </View>
  )
})

/** The booking form: the slot, the service's questions, 确认预约; a full slot offers its waitlist in place. */
function BookPage() {
  const { params } = useRouter()
  const serviceId = decodeURIComponent(params.serviceId ?? '')
  const startsAt = decodeURIComponent(params.startsAt ?? '')
  const forUserId = params.forUserId ? decodeURIComponent(params.forUserId) : undefined
  const waitlist = params.waitlist === '1'
  const { services, myBookings, session } = useStores()
  const userId = session.status === 'signed_in' ? session.user?.id : undefined
  const s = services.get(serviceId)
  useEffect(() => {
    if (userId && serviceId) void services.loadCalendar(serviceId)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userId, serviceId])
  useEffect(() => {
    if (userId && serviceId && startsAt) services.openForm(userId, { serviceId, startsAt, ...(forUserId ? { forUserId } : {}) }, waitlist)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userId, serviceId, startsAt, forUserId, waitlist])
  if (!s) {
    const error = services.calendarErrors.get(serviceId)
    return (
      <Screen requireSignIn>
        <View className={`card ${error ? 'field-error tap-target' : 'muted'}`} aria-role={error ? 'button' : undefined} onClick={() => void services.loadCalendar(serviceId)}>
          {error ? `${error}${BK.retry}` : BK.loading}
        </View>
      </Screen>
    )
  }
  const d = services.draft
  const slot = services.slot(serviceId, startsAt)
  const submit = async () => {
    const outcome = await services.book()
    if (outcome.status === 'invalid') scrollToFirstError()
    else if (outcome.status === 'failed') toast(outcome.message)
    // An earlier try may have booked: 我的预约 is read again to show it.
    else if (outcome.status === 'earlier') void myBookings.load()
    else if (outcome.status === 'booked') {
      const b = outcome.booking
      // Only my own booking is listed as mine (a 代约 is the resident's, not the staff member's).
      myBookings.put(b, b.person.id === userId)
      const said = b.status === 'waitlisted' ? BK.bookedWaitlist : b.status === 'pending' ? BK.bookedPending : BK.booked
      replaceWithToast(ROUTES.booking(b.id), said, 'success')
    }
  }
  const joinWaitlist = async () => {
    services.acceptWaitlist()
    await submit()
  }
  return (
    <Screen requireSignIn className='bk-book'>
      {forUserId && <View className='card bk-banner' data-banner='on-behalf'>{BK.forResident}</View>}
      <Recap s={s} startsAt={startsAt} />
      {d.waitlist && <View className='card bk-banner bk-banner--wait'>{BK.waitlistNote(slot?.waitlist ?? 0)}</View>}
      {s.requiresConfirmation && !d.waitlist && <View className='card bk-note'>{BK.confirmNeeded}</View>}
      <View className='card bk-form'>
        <View className='section-title'>{BK.formTitle}</View>
        {s.questions.map((q) => (
          <Question key={q.id} q={q} />
        ))}
      </View>
      {services.refusal && (
        <View className='card bk-refusal' aria-role='alert' data-refusal='rule'>
          {services.refusal}
        </View>
      )}
      {services.fullOffer ? (
        <View className='card bk-full' aria-role='alert'>
          <View className='bk-full__title'>{BK.fullTitle}</View>
          <View className='bk-text'>{services.fullOffer.message}</View>
          <View className='bk-full__ahead'>{BK.fullAhead(services.fullOffer.waiting)}</View>
          <Button className='bk-full__join' type='primary' block size='large' loading={services.submitting} onClick={() => void joinWaitlist()}>
            {BK.joinWaitlist(services.fullOffer.waiting)}
          </Button>
          <Button className='bk-full__other' type='primary' fill='outline' block size='large' onClick={() => back(ROUTES.service(serviceId, forUserId ? { forUserId } : {}))}>
            {BK.otherSlot}
          </Button>
        </View>
      ) : (
        <Button className='bk-book__submit' type='primary' block size='large' loading={services.submitting} onClick={() => void submit()}>
          {services.submitting ? BK.submitting : d.waitlist ? BK.submitWaitlist : BK.submit}
        </Button>
      )}
    </Screen>
  )
}

export default observer(BookPage)
