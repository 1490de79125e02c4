// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { HouseholdTag, LimitPeriod, Service, ServiceKind } from '../../../types/domain'
import { Chips } from '../../components/chips'
import { FieldError } from '../../components/field-error'
import { back, ROUTES, scrollToFirstError, toast } from '../../navigation'
import { useStores } from '../../stores/context'
import { Act, StaffScreen } from '../staff-parts'
import { ST } from '../staff-texts'
import { ExceptionsEditor, Field, HoursEditor, QuestionsEditor } from './parts'
import { SE } from './texts'
import '../staff.css'

const Basics = observer(function Basics() {
  const { bookingDesk } = useStores()
  const ed = bookingDesk.editor
  const f = ed.form
  const e = ed.errors
  return (
    <View className='card se-basics'>
      <View className='section-title'>{SE.basics}</View>
      <Field label={SE.name} field='name' value={f.name} max={40} placeholder={SE.namePlaceholder} error={e.name} onInput={(v) => ed.change({ name: v }, 'name')} />
      <View className='se-label'>{SE.kind}</View>
      <Chips name='kind' options={SE.kinds} selected={f.kind ? [f.kind] : []} onTap={(v) => ed.change({ kind: v as ServiceKind }, 'kind')} />
      <FieldError field='kind' message={e.kind} />
      <View className='se-label'>{SE.description}</View>
      <TextArea className='se-textarea se-description' value={f.description} placeholder={SE.descriptionPlaceholder} maxLength={-1} autoSize onChange={(v) => ed.change({ description: v }, 'description')} />
      <FieldError field='description' message={e.description} />
      <View className='se-label'>{SE.where}</View>
      <Chips name='where' options={SE.whereKinds} selected={[f.locationKind]} onTap={(v) => ed.change({ locationKind: v as 'address' | 'home' }, 'location')} />
      {f.locationKind === 'address' && <Field label={SE.address} field='location' value={f.address} max={120} placeholder={SE.addressPlaceholder} error={e.location} onInput={(v) => ed.change({ address: v }, 'location')} />}
      {f.locationKind === 'home' && <FieldError field='location' message={e.location} />}
      <Field label={SE.provider} field='provider' value={f.provider} max={80} placeholder={SE.providerPlaceholder} error={e.provider} onInput={(v) => ed.change({ provider: v }, 'provider')} />
    </View>
  )
})

const SlotsAndWho = observer(function SlotsAndWho() {
  const { bookingDesk } = useStores()
  const ed = bookingDesk.editor
  const f = ed.form
  const e = ed.errors
  return (
    <>
      <View className='card se-slots'>
        <View className='section-title'>{SE.slots}</View>
        <Field label={SE.duration} field='durationMinutes' number value={f.duration} unit={SE.minutes} error={e.durationMinutes} onInput={(v) => ed.change({ duration: v }, 'durationMinutes')} />
        <Field label={SE.buffer} field='bufferMinutes' number value={f.buffer} unit={SE.minutes} error={e.bufferMinutes} onInput={(v) => ed.change({ buffer: v }, 'bufferMinutes')} />
        <Field label={SE.capacity} field='capacity' number value={f.capacity} unit={SE.people} error={e.capacity} onInput={(v) => ed.change({ capacity: v }, 'capacity')} />
      </View>
      <View className='card se-who'>
        <View className='section-title'>{SE.who}</View>
        <View className='muted'>{SE.whoHint}</View>
        <Chips
          name='eligibility'
          multiple
          options={SE.tags}
          selected={f.eligibility}
          onTap={(v) => ed.change({ eligibility: f.eligibility.includes(v as HouseholdTag) ? f.eligibility.filter((t) => t !== v) : [...f.eligibility, v as HouseholdTag] }, 'eligibility')}
        />
        <FieldError field='eligibility' message={e.eligibility} />
        <View className='se-label'>{SE.confirmTitle}</View>
        <Chips name='confirmation' options={SE.confirmKinds} selected={[f.requiresConfirmation ? 'yes' : 'no']} onTap={(v) => ed.change({ requiresConfirmation: v === 'yes' }, 'requiresConfirmation')} />
      </View>
    </>
  )
})

const Rules = observer(function Rules() {
  const { bookingDesk } = useStores()
  const ed = bookingDesk.editor
  const f = ed.form
  const e = ed.errors
  return (
    <View className='card se-rules'>
      <View className='section-title'>{SE.rules}</View>
      <Field label={SE.minNotice} field='rules.minNoticeMinutes' number value={f.minNotice} unit={SE.minutes} error={e['rules.minNoticeMinutes']} onInput={(v) => ed.change({ minNotice: v }, 'rules.minNoticeMinutes')} />
      <Field label={SE.maxDaysAhead} field='rules.maxDaysAhead' number value={f.maxDaysAhead} unit={SE.days} error={e['rules.maxDaysAhead']} onInput={(v) => ed.change({ maxDaysAhead: v }, 'rules.maxDaysAhead')} />
      <View className='se-label'>{SE.limit}</View>
      <Chips name='limit' options={SE.limitKinds} selected={[f.limitOn ? 'on' : 'off']} onTap={(v) => ed.change({ limitOn: v === 'on' }, 'rules.householdLimit')} />
      {f.limitOn && (
        <>
          <Chips name='limit-period' options={SE.periods} selected={[f.limitPeriod]} onTap={(v) => ed.change({ limitPeriod: v as LimitPeriod }, 'rules.householdLimit')} />
          <Field label={SE.limitCount} field='rules.householdLimit' number value={f.limitCount} unit={SE.times} error={e['rules.householdLimit']} onInput={(v) => ed.change({ limitCount: v }, 'rules.householdLimit')} />
        </>
      )}
      <Field label={SE.cutoff} field='rules.changeCutoffMinutes' number value={f.changeCutoff} unit={SE.minutes} error={e['rules.changeCutoffMinutes']} onInput={(v) => ed.change({ changeCutoff: v }, 'rules.changeCutoffMinutes')} />
    </View>
  )
})

/** 发布服务 (no id) or 编辑服务 (`id`): every part of a service, checked before it is sent. */
function ServiceEditPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  const { bookingDesk, session } = useStores()
  const ed = bookingDesk.editor
  const userId = session.user?.id
  const [restored, setRestored] = useState(false)
  useEffect(() => {
    if (!userId) return
    if (id) void ed.openExisting(id)
    else {
      ed.openNew(userId)
      setRestored(ed.hasDraft)
    }
    void Taro.setNavigationBarTitle({ title: id ? SE.editTitle : SE.newTitle }).catch(() => undefined)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userId, id])

  const save = async () => {
    const out = await ed.save()
    if (!out.ok) {
      toast(out.message)
      scrollToFirstError()
      return
    }
    const service: Service = out.service
    const word = id ? SE.saved : service.status === 'published' ? SE.published : SE.saved
    back(ROUTES.bookingDesk)
    setTimeout(() => toast(word, 'success'), 450)
  }

  if (id && ed.loadError) {
    return (
      <StaffScreen className='se'>
        <View className='card field-error'>{ed.loadError}</View>
      </StaffScreen>
    )
  }
  if (id && !ed.original) {
    return (
      <StaffScreen className='se'>
        <View className='card muted'>{ST.loading}</View>
      </StaffScreen>
    )
  }
  return (
    <StaffScreen className='se'>
      {restored && !id && (
        <View className='card row se-restored'>
          <View className='grow muted'>{SE.draftKept}</View>
          <Act
            name='discard'
            onTap={() => {
              ed.discard()
              setRestored(false)
            }}
          >
            {SE.discard}
          </Act>
        </View>
      )}
      <Basics />
      <SlotsAndWho />
      <QuestionsEditor />
      <Rules />
      <HoursEditor />
      <ExceptionsEditor />
      <View className='card se-status'>
        <View className='section-title'>{SE.status}</View>
        <Chips name='status' options={SE.statuses} selected={[ed.form.status]} onTap={(v) => ed.change({ status: v as Service['status'] }, 'status')} />
        <FieldError field='status' message={ed.errors.status} />
      </View>
      <Button className='se-submit' type='primary' block size='xlarge' loading={ed.busy} onClick={() => void save()}>
        {id ? SE.save : SE.publish}
      </Button>
    </StaffScreen>
  )
}

export default observer(ServiceEditPage)
