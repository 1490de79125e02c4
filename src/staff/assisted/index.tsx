// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button } from '@nutui/nutui-react-taro'
import { Input, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import type { LocalPhoto } from '../../../types/api'
import { Chips } from '../../components/chips'
import { DescriptionField } from '../../components/description-field'
import { FieldError } from '../../components/field-error'
import { PhotoGrid } from '../../components/photo-grid'
import { validateOnBehalf } from '../../domain/assisted'
import { cleanText } from '../../domain/text'
import { LIMITS, validateNewReport, type FieldErrors } from '../../domain/validation'
import { replaceWithToast, ROUTES, scrollToFirstError, toast } from '../../navigation'
import { randomId } from '../../platform/ids'
import { previewPhotos } from '../../platform/media'
import { pickPhotosSaying } from '../../ui/photo-pick'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { S } from '../texts'
import './index.css'

interface Form {
  buildingId?: string
  room?: string
  name: string
  phone: string
  categoryId?: string
  description: string
  address: string
  /** The address was typed by hand: stop filling it from the building and room. */
  addressEdited: boolean
  photos: LocalPhoto[]
}

/** 代报: a building leader (their buildings) or staff (any) files a report for a neighbour's household. */
function AssistedReportPage() {
  const { session, directory, handling } = useStores()
  const staff = session.hasRole('staff')
  const leads = session.user?.leadsBuildingIds ?? []
  const buildings = (directory.directory?.buildings ?? []).filter((b) => staff || leads.includes(b.id))
  const [form, setForm] = useState<Form>(() => ({ name: '', phone: '', description: '', address: '', addressEdited: false, photos: [] }))
  // One key per report: a retry after a lost answer is the same report, never a second one.
  const [key, setKey] = useState(() => randomId('rk_'))
  const [attempted, setAttempted] = useState(false)
  const [serverErrors, setServerErrors] = useState<FieldErrors>({})

  // A single building is chosen for the leader already.
  const buildingId = form.buildingId ?? (buildings.length === 1 ? buildings[0].id : undefined)
  const building = buildings.find((b) => b.id === buildingId)
  const autoAddress = building ? `${building.name}${form.room ?? ''}` : ''
  const address = form.addressEdited ? form.address : autoAddress

  const onBehalfOf = {
    buildingId: buildingId ?? '',
    room: form.room ?? '',
    ...(form.name.trim() ? { name: cleanText(form.name) } : {}),
    ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
  }
  const localErrors = {
    ...validateOnBehalf(onBehalfOf, buildings),
    ...validateNewReport(
      { categoryId: form.categoryId, description: form.description, photoCount: form.photos.length, location: { kind: 'text', address } },
      directory.categories,
    ),
  }
  const errors: FieldErrors = { ...(attempted ? localErrors : {}), ...serverErrors }

  const change = (patch: Partial<Form>, ...fields: string[]) => {
    setForm((f) => ({ ...f, ...patch }))
    if (fields.some((f) => f in serverErrors)) {
      setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !fields.includes(k))))
    }
  }

  const addPhotos = async () => {
    const picked = await pickPhotosSaying(LIMITS.photosMax - form.photos.length, LIMITS.photosMax)
    change({ photos: [...form.photos, ...picked].slice(0, LIMITS.photosMax) }, 'photos', 'photoIds')
  }

  const submit = async () => {
    setAttempted(true)
    if (Object.keys(localErrors).length > 0) {
      toast(S.fixErrors)
      scrollToFirstError()
      return
    }
    const outcome = await handling.fileOnBehalf(
      { categoryId: form.categoryId!, description: cleanText(form.description), location: { kind: 'text', address: cleanText(address) }, anonymous: false, onBehalfOf },
      form.photos,
      key,
    )
    if (outcome.ok) {
      replaceWithToast(session.isHandler ? ROUTES.handleReport(outcome.report.id) : ROUTES.reportDetail(outcome.report.id), S.submitted, 'success')
      return
    }
    const fields = outcome.fields
    if (Object.keys(fields).length > 0) {
      // Refused for something to fix: nothing was filed under this key; the corrected report gets a new one.
      setServerErrors(fields.onBehalfOf ? { ...fields, buildingId: fields.onBehalfOf } : fields)
      setKey(randomId('rk_'))
      scrollToFirstError()
    }
    toast(outcome.message)
  }

  if (session.status === 'signed_in' && directory.directory && buildings.length === 0) {
    return (
      <Screen requireSignIn>
        <View className='card muted'>{S.noBuildings}</View>
      </Screen>
    )
  }

  return (
    <Screen requireSignIn className='assisted'>
      <View className='card muted'>{S.assistedIntro}</View>

      <View className='card'>
        <View className='section-title'>{S.building}</View>
        <Chips
          name='building'
          options={buildings.map((b) => ({ value: b.id, label: b.name }))}
          selected={buildingId ? [buildingId] : []}
          onTap={(v) => change({ buildingId: v, room: undefined }, 'buildingId', 'room', 'onBehalfOf')}
        />
        <FieldError field='buildingId' message={errors.buildingId ?? errors.onBehalfOf} />
        {building && (
          <>
            <View className='section-title assisted__room-title'>{S.room}</View>
            <Chips name='room' options={building.rooms.map((r) => ({ value: r, label: r }))} selected={form.room ? [form.room] : []} onTap={(v) => change({ room: v }, 'room')} />
          </>
        )}
        <FieldError field='room' message={errors.room} />

        <View className='assisted__label'>{S.neighbourName}</View>
        <Input className='assisted__input assisted__name' value={form.name} placeholder={S.neighbourNamePlaceholder} maxlength={30} onInput={(e) => change({ name: e.detail.value }, 'name')} />
        <FieldError field='name' message={errors.name} />
        <View className='assisted__label'>{S.neighbourPhone}</View>
        <Input className='assisted__input assisted__phone' type='number' value={form.phone} placeholder={S.neighbourPhonePlaceholder} maxlength={11} onInput={(e) => change({ phone: e.detail.value }, 'phone')} />
        <FieldError field='phone' message={errors.phone} />
      </View>

      <View className='card'>
        <View className='section-title'>{S.category}</View>
        <Chips
          name='category'
          options={directory.categories.filter((c) => !c.emergency).map((c) => ({ value: c.id, label: c.name }))}
          selected={form.categoryId ? [form.categoryId] : []}
          onTap={(v) => change({ categoryId: v }, 'categoryId')}
        />
        {form.categoryId && <View className='muted assisted__guidance'>{directory.category(form.categoryId)?.guidance}</View>}
        <FieldError field='categoryId' message={errors.categoryId} />
      </View>

      <View className='card'>
        <View className='section-title'>{S.description}</View>
        <DescriptionField
          className='assisted__description'
          value={form.description}
          placeholder={S.descriptionPlaceholder}
          max={LIMITS.descriptionMax}
          error={errors.description}
          onChange={(v) => change({ description: v }, 'description')}
        />

        <View className='assisted__label'>{S.address}</View>
        <Input
          className='assisted__input assisted__address'
          value={address}
          placeholder={S.addressPlaceholder}
          maxlength={LIMITS.addressMax + 20}
          onInput={(e) => change({ address: e.detail.value, addressEdited: true }, 'location')}
        />
        <FieldError field='location' message={errors.location} />
      </View>

      <View className='card'>
        <View className='section-title'>{S.reportPhotos}</View>
        <PhotoGrid
          urls={form.photos.map((p) => p.path)}
          onAdd={() => void addPhotos()}
          onRemove={(i) => change({ photos: form.photos.filter((_, j) => j !== i) }, 'photos', 'photoIds')}
          onPreview={(i) => previewPhotos(form.photos.map((p) => p.path), i)}
          max={LIMITS.photosMax}
        />
        <FieldError field='photos' message={errors.photos ?? errors.photoIds} />
      </View>

      {Object.entries(serverErrors)
        .filter(([f]) => !['buildingId', 'room', 'name', 'phone', 'categoryId', 'description', 'location', 'photos', 'photoIds', 'onBehalfOf'].includes(f))
        .map(([f, m]) => (
          <FieldError key={f} field={f} message={m} />
        ))}

      <Button className='assisted__submit' type='primary' block size='xlarge' loading={handling.filing} onClick={() => void submit()}>
        {handling.filing ? S.submitting : S.submit}
      </Button>
    </Screen>
  )
}

export default observer(AssistedReportPage)
