import { Button } from '@nutui/nutui-react-taro'
import { Input, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { Building, HouseholdClaim } from '../../../types/domain'
import { Chips } from '../../components/chips'
import { FieldError } from '../../components/field-error'
import { normalizePhone, refuseClaim, type ClaimDraft } from '../../domain/membership'
import { cleanText } from '../../domain/text'
import type { FieldErrors } from '../../domain/validation'
import { confirm, go, replace, ROUTES, scrollToFirstError, toast } from '../../navigation'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { T } from '../texts'
import '../onboarding.css'
import './index.css'

type Field = 'buildingId' | 'room' | 'name' | 'phone'

/** More rooms than this: the room is typed to narrow the list instead of shown all at once. */
const ROOMS_SHOWN = 24

/**
 * Each field's message, in the domain's words. refuseClaim names the first field that is wrong, so
 * each field is asked about on its own, the others made whole (a room only once its building is).
 */
function claimErrors(draft: ClaimDraft, buildings: readonly Building[]): FieldErrors {
  const chosen = buildings.find((b) => b.id === draft.buildingId)
  const some = chosen ?? buildings.find((b) => b.rooms.length > 0)
  const whole: ClaimDraft = { buildingId: some?.id ?? '', room: some?.rooms[0] ?? '', name: '住户', phone: '13800000000' }
  const probes: Array<[Field, ClaimDraft | null]> = [
    ['buildingId', { ...whole, buildingId: draft.buildingId, room: chosen ? (chosen.rooms[0] ?? '') : whole.room }],
    ['room', chosen ? { ...whole, room: draft.room } : null],
    ['name', { ...whole, name: draft.name }],
    ['phone', { ...whole, phone: draft.phone }],
  ]
  const errors: FieldErrors = {}
  for (const [field, probe] of probes) {
    const refusal = probe && refuseClaim(probe, buildings)
    if (refusal && refusal.field === field) errors[field] = refusal.message
  }
  return errors
}

const placeOf = (c: Pick<HouseholdClaim, 'buildingName' | 'room'>) => `${c.buildingName}${c.room}`

/** 认证住户: claim the room I live in; then follow the claim (pending, rejected, approved). */
function ClaimHouseholdPage() {
  const { session, directory, membership } = useStores()
  const user = session.user
  const [draft, setDraft] = useState<ClaimDraft>({ buildingId: '', room: '', name: '', phone: '' })
  const [roomFilter, setRoomFilter] = useState('')
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({})
  const [attempted, setAttempted] = useState(false)
  const [serverErrors, setServerErrors] = useState<FieldErrors>({})
  /** A rejected (or withdrawn) claim: the person chose to claim again. */
  const [again, setAgain] = useState(false)

  const communityId = user?.communityId ?? null
  useEffect(() => {
    if (!communityId) return
    // After joining, the directory is the new community's: read it again when it is not.
    if (!directory.directory || directory.directory.community.id !== communityId) void directory.load()
    void membership.loadHome()
  }, [user?.id, communityId])
  useDidShow(() => {
    if (!session.user?.communityId) return
    void membership.loadHome()
    // A claim approved by someone else: the session learns the home.
    if (!session.user.home) void session.refresh()
  })

  const buildings = directory.directory?.buildings ?? []
  const building = buildings.find((b) => b.id === draft.buildingId)
  const localErrors = claimErrors(draft, buildings)
  const shown = (field: Field) => attempted || touched[field]
  const errors: FieldErrors = {
    ...Object.fromEntries(Object.entries(localErrors).filter(([f]) => shown(f as Field))),
    ...serverErrors,
  }

  const change = (patch: Partial<ClaimDraft>, ...fields: Field[]) => {
    setDraft((d) => ({ ...d, ...patch }))
    setTouched((t) => ({ ...t, ...Object.fromEntries(fields.filter((f) => f === 'buildingId' || f === 'room').map((f) => [f, true])) }))
    if (fields.some((f) => f in serverErrors) || serverErrors.form) {
      setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !fields.includes(k as Field) && k !== 'form')))
    }
  }
  const touch = (field: Field) => setTouched((t) => ({ ...t, [field]: true }))

  const submit = async () => {
    setAttempted(true)
    if (Object.keys(localErrors).length > 0) {
      toast(T.fixErrors)
      scrollToFirstError()
      return
    }
    const outcome = await membership.claim({ buildingId: draft.buildingId, room: draft.room.trim(), name: cleanText(draft.name), phone: normalizePhone(draft.phone) })
    if (outcome.ok) {
      setAgain(false)
      setAttempted(false)
      setTouched({})
      toast(T.submitted, 'success')
      return
    }
    setServerErrors(Object.keys(outcome.fields).length ? outcome.fields : { form: outcome.message })
    scrollToFirstError()
    toast(outcome.message)
  }

  const withdraw = async (claim: HouseholdClaim) => {
    if (!(await confirm(T.withdrawAsk))) return
    const outcome = await membership.withdraw(claim.id)
    toast(outcome.ok ? T.withdrawn : outcome.message, outcome.ok ? 'success' : 'none')
  }

  const claimAgain = (claim: HouseholdClaim) => {
    setDraft({ buildingId: buildings.some((b) => b.id === claim.buildingId) ? claim.buildingId : '', room: claim.room, name: claim.name, phone: '' })
    setAgain(true)
  }

  if (session.needsCommunity) {
    return (
      <Screen requireSignIn className='onboarding household'>
        <View className='card household__need-community'>
          <View className='section-title'>{T.needCommunity}</View>
          <Button aria-role='button' className='onboarding__primary' type='primary' block size='large' onClick={() => replace(ROUTES.chooseCommunity())}>
            {T.goChoose}
          </Button>
        </View>
      </Screen>
    )
  }

  const stage = membership.stageOf(user)
  const loading = user && membership.home === null && (membership.homeLoading || !membership.homeError)

  const why = <View className='card muted household__why'>{T.claimWhy}</View>

  let body
  if (!user) body = null
  else if (loading) body = <View className='muted'>{T.loading}</View>
  else if (stage.kind === 'verified') {
    const name = stage.home.buildingName ?? buildings.find((b) => b.id === stage.home.buildingId)?.name ?? ''
    body = (
      <View className='card onboarding__ok household__verified'>
        <View className='onboarding__ok-title'>{T.verified(`${name}${stage.home.room}`)}</View>
        <View className='muted'>{T.verifiedHint}</View>
        <View className='onboarding__link tap-target' aria-role='button' onClick={() => go(ROUTES.home)}>
          {T.toHome}
        </View>
      </View>
    )
  } else if (stage.kind === 'pending') {
    const claim = stage.claim
    body = (
      <>
        <View className='card onboarding__wait household__pending' data-id={claim.id}>
          <View className='onboarding__wait-title'>{T.pendingTitle}</View>
          <View className='onboarding__place'>{T.pendingWhat(placeOf(claim))}</View>
          <View className='muted'>{T.pendingWho(claim.name, claim.phoneMasked)}</View>
          <View className='muted'>{T.pendingHint}</View>
          <Button aria-role='button' className='household__withdraw onboarding__secondary' block fill='outline' loading={membership.withdrawing} onClick={() => void withdraw(claim)}>
            {T.withdraw}
          </Button>
        </View>
        {why}
      </>
    )
  } else if (stage.kind === 'rejected' && !again) {
    const claim = stage.claim
    body = (
      <>
        <View className='card onboarding__stop household__rejected' data-id={claim.id}>
          <View className='onboarding__stop-title'>{T.rejectedTitle}</View>
          <View className='onboarding__place'>{placeOf(claim)}</View>
          {claim.reason && <View className='household__reason'>{T.rejectedReason(claim.reason)}</View>}
          <Button aria-role='button' className='household__again onboarding__primary' type='primary' block size='large' onClick={() => claimAgain(claim)}>
            {T.claimAgain}
          </Button>
        </View>
        {why}
      </>
    )
  } else {
    const rooms = building?.rooms ?? []
    const many = rooms.length > ROOMS_SHOWN
    const filter = roomFilter.trim()
    const roomsShown = many ? rooms.filter((r) => filter && r.includes(filter)).slice(0, ROOMS_SHOWN) : rooms
    body = (
      <>
        {why}
        <View className='card'>
          <View className='section-title'>{T.building}</View>
          <Chips
            name='building'
            options={buildings.map((b) => ({ value: b.id, label: b.name }))}
            selected={draft.buildingId ? [draft.buildingId] : []}
            onTap={(v) => {
              change({ buildingId: v, room: '' }, 'buildingId')
              setRoomFilter('')
            }}
          />
          <FieldError field='buildingId' message={errors.buildingId} />
          {building && (
            <>
              <View className='section-title household__room-title'>{T.room}</View>
              {many && (
                <Input className='onboarding__input household__room-filter' value={roomFilter} placeholder={T.roomFilter} maxlength={10} onInput={(e) => setRoomFilter(e.detail.value)} />
              )}
              <Chips name='room' options={roomsShown.map((r) => ({ value: r, label: r }))} selected={draft.room ? [draft.room] : []} onTap={(v) => change({ room: v }, 'room')} />
              {many && filter && roomsShown.length === 0 && <View className='muted'>{T.roomNone}</View>}
            </>
          )}
          <FieldError field='room' message={errors.room} />
        </View>

        <View className='card'>
          <View className='onboarding__label'>{T.name}</View>
          <Input
            className='onboarding__input household__name'
            value={draft.name}
            placeholder={T.namePlaceholder}
            maxlength={30}
            onInput={(e) => change({ name: e.detail.value }, 'name')}
            onBlur={() => touch('name')}
          />
          <FieldError field='name' message={errors.name} />
          <View className='onboarding__label household__phone-label'>{T.phone}</View>
          <Input
            className='onboarding__input household__phone'
            type='number'
            value={draft.phone}
            placeholder={T.phonePlaceholder}
            maxlength={12}
            onInput={(e) => {
              change({ phone: e.detail.value }, 'phone')
              // Live once the number is as long as a mobile one.
              if (normalizePhone(e.detail.value).length >= 11) touch('phone')
            }}
            onBlur={() => touch('phone')}
          />
          <FieldError field='phone' message={errors.phone} />
          <View className='muted household__phone-hint'>{T.phoneHint}</View>
        </View>

        <FieldError field='form' message={errors.form} />
        <Button aria-role='button' className='household__submit' type='primary' block size='xlarge' loading={membership.claiming} onClick={() => void submit()}>
          {membership.claiming ? T.submitting : T.submit}
        </Button>
      </>
    )
  }

  return (
    <Screen requireSignIn className='onboarding household'>
      <View className='onboarding__hero'>
        <View className='onboarding__title'>{T.claimTitle}</View>
        {directory.directory && <View className='muted'>{directory.directory.community.name}</View>}
      </View>
      {membership.homeError && membership.home === null && (
        <View className='card'>
          <FieldError field='home' message={membership.homeError} />
          <View className='onboarding__link tap-target' aria-role='button' onClick={() => void membership.loadHome()}>
            {T.retry}
          </View>
        </View>
      )}
      {body}
    </Screen>
  )
}

export default observer(ClaimHouseholdPage)
