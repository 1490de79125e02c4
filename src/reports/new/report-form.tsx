import { Button, Switch } from '@nutui/nutui-react-taro'
import { Input, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { Chips } from '../../components/chips'
import { DescriptionField } from '../../components/description-field'
import { EmergencyStop } from '../../components/emergency-stop'
import { FieldError } from '../../components/field-error'
import { PhotoGrid } from '../../components/photo-grid'
import { QuestionField } from '../../components/question-field'
import { groupCategories, matchCategories, SEARCH_FROM } from '../../domain/category-groups'
import { LIMITS } from '../../domain/validation'
import { callPhone, canPickOnMap, pickLocation } from '../../platform/location'
import { choosePhotos, previewPhotos } from '../../platform/media'
import { confirm } from '../../navigation'
import { QUESTIONS_FIELD, type SubmitOutcome } from '../../stores/draft-store'
import { useStores } from '../../stores/context'
import { T } from '../texts'
import './report-form.css'

/** The 不在楼栋附近/其他 chip: no building is sent (the backend uses the home building). */
const BUILDING_OTHER = ''

export interface ReportFormProps {
  /** What to do once the report is sent or queued (the page navigates). */
  onDone: (outcome: SubmitOutcome) => void
  notify: (message: string) => void
  /** Called when a submit is refused for field errors (the page scrolls to the first). */
  onInvalid?: () => void
}

export const ReportForm = observer(function ReportForm({ onDone, notify, onInvalid }: ReportFormProps) {
  const { draft: store, directory, session, reportQuestions, capabilities } = useStores()
  const d = store.draft
  const errors = store.visibleErrors
  const categories = directory.categories
  const selected = directory.category(d.categoryId)
  const questions = store.questions
  const destination = directory.directory?.community.name
  // The privacy guide refused (the dialog's 拒绝): what the form now works without, said where it shows.
  const [refused, setRefused] = useState<{ location?: boolean; photos?: boolean }>({})
  // A city system's services come by the dozen: grouped, and searchable from SEARCH_FROM on.
  const choosable = categories.filter((c) => !c.emergency)
  const [search, setSearch] = useState('')

  const addPhotos = async () => {
    try {
      const picked = await choosePhotos(store.photosLeft)
      if (picked.refused) {
        setRefused((r) => ({ ...r, photos: true }))
        notify(T.photosRefused)
        return
      }
      // Say what was left out: the photos past nine, and files that are not pictures.
      const overflow = store.addPhotos(picked.photos) + picked.overLimit
      const said = [overflow > 0 ? T.tooManyPhotos(overflow) : '', picked.notImages > 0 ? T.notImages(picked.notImages) : ''].filter(Boolean)
      if (said.length) notify(said.join('；'))
    } catch {
      notify(T.photoFailed)
    }
  }

  const chooseOnMap = async () => {
    const result = await pickLocation()
    if (result.ok) {
      setRefused((r) => ({ ...r, location: false }))
      store.setPoint(result.point)
    } else if (result.reason !== 'cancel') {
      if (result.reason === 'refused') setRefused((r) => ({ ...r, location: true }))
      store.useTypedAddress(true)
      notify(result.reason === 'refused' ? T.locationRefused : result.reason === 'denied' ? T.locationDenied : T.locationUnavailable)
    }
  }

  // Text and photos cannot be brought back: ask first; 保留 keeps everything as it was.
  const discard = async () => {
    if (await confirm(T.discardConfirm)) store.discard()
  }

  // Where the problem is: nothing chosen shows the home building (the backend's default); 其他 is ''.
  const buildings = directory.directory?.buildings ?? []
  const homeBuildingId = session.user?.home?.buildingId
  const chosenBuilding = d.buildingId ?? (buildings.some((b) => b.id === homeBuildingId) ? homeBuildingId! : BUILDING_OTHER)
  const buildingOptions = [...buildings.map((b) => ({ value: b.id, label: b.name })), { value: BUILDING_OTHER, label: T.buildingOther }]

  // Where the map picker cannot work (H5 has no map), the typed address is the way in, and the
  // map a link under it; in the mini-program the map comes first.
  const mapFirst = canPickOnMap()
  const typingAddress = d.locationMode === 'text' || (!mapFirst && !d.point)

  const submit = async () => {
    const outcome = await store.submit()
    if (outcome.status === 'invalid') {
      notify(T.fixErrors)
      onInvalid?.()
    }
    else if (outcome.status === 'failed') notify(outcome.message)
    else onDone(outcome)
  }

  // The community's categories, buildings and name come with its first load: until then one loading
  // line stands where the form goes, and the form is drawn once, whole. Drawn before them, its cards
  // moved down as the chips arrived (a layout shift of 0.4–0.7, most of Lighthouse's penalty, ADR 34).
  if (directory.loading && !directory.directory) {
    return <View className='muted report-form__loading'>{T.formLoading}</View>
  }

  return (
    <View className='report-form'>
      <View className='card'>
        <View className='section-title'>{T.category}</View>
        {choosable.length >= SEARCH_FROM && (
          <Input
            className='report-form__search'
            value={search}
            placeholder={T.categorySearch}
            nativeProps={{ 'aria-label': T.categorySearch }}
            onInput={(e) => setSearch(e.detail.value)}
          />
        )}
        {groupCategories(matchCategories(choosable, search)).map((group) => (
          <View key={group.name ?? ''} className='report-form__category-group' data-group={group.name ?? ''}>
            {group.name && <View className='muted report-form__group'>{group.name}</View>}
            <View className='report-form__chips'>
              {group.categories.map((c) => (
                <View
                  key={c.id}
                  className={`report-form__chip tap-target${c.id === d.categoryId ? ' report-form__chip--on' : ''}`}
                  data-category={c.id}
                  aria-role='radio'
                  aria-checked={c.id === d.categoryId}
                  onClick={() => store.chooseCategory(c.id)}
                >
                  {c.name}
                </View>
              ))}
            </View>
          </View>
        ))}
        {search.trim() !== '' && matchCategories(choosable, search).length === 0 && <View className='muted report-form__no-match'>{T.categoryNoMatch}</View>}
        <View className='muted report-form__group'>{T.emergencyGroup}</View>
        <View className='report-form__chips'>
          {categories
            .filter((c) => c.emergency)
            .map((c) => (
              <View
                key={c.id}
                className='report-form__chip report-form__chip--danger tap-target'
                data-category={c.id}
                onClick={() => store.chooseCategory(c.id)}
              >
                {c.name}
              </View>
            ))}
        </View>
        {selected?.guidance && <View className='muted report-form__guidance'>{selected.guidance}</View>}
        <FieldError field='categoryId' message={errors.categoryId} />
      </View>

      {questions.status !== 'none' && !(questions.status === 'ready' && questions.questions.length === 0) && (
        <View className='card report-form__questions'>
          <View className='section-title'>{T.questions}</View>
          {questions.status === 'loading' && <View className='muted report-form__questions-state'>{T.questionsLoading}</View>}
          {questions.status === 'failed' && (
            <View className='report-form__questions-failed'>
              <View className='report-form__questions-state'>{T.questionsFailed(questions.message)}</View>
              <Button className='report-form__retry' type='primary' fill='outline' block onClick={() => void reportQuestions.retry(d.categoryId)}>
                {T.retry}
              </Button>
            </View>
          )}
          {questions.status === 'ready' &&
            questions.questions.map((q) => (
              <QuestionField
                key={`${d.categoryId}:${q.code}`}
                question={q}
                value={d.answers[q.code]}
                error={errors[`attribute.${q.code}`]}
                onChange={(value) => store.setAnswer(q.code, value)}
                onLeave={() => store.touchAnswer(q.code)}
              />
            ))}
          <FieldError field={QUESTIONS_FIELD} message={errors[QUESTIONS_FIELD]} />
        </View>
      )}

      <View className='card'>
        <View className='section-title'>{T.description}</View>
        <DescriptionField
          className='report-form__description'
          value={d.description}
          placeholder={T.descriptionPlaceholder}
          max={LIMITS.descriptionMax}
          error={errors.description}
          onChange={(value) => store.setDescription(value)}
          onBlur={() => store.touch('description')}
        />
      </View>

      {/* A backend that takes no photos (an Open311 city system): no picker to fail. */}
      {capabilities.photoUpload && (
        <View className='card'>
          <View className='section-title'>{T.photos}</View>
          <PhotoGrid
            urls={d.photos.map((p) => p.path)}
            onAdd={() => void addPhotos()}
            onRemove={(i) => store.removePhoto(i)}
            onPreview={(i) => previewPhotos(d.photos.map((p) => p.path), i)}
            max={LIMITS.photosMax}
          />
          <FieldError field='photos' message={errors.photos} />
          {refused.photos && d.photos.length === 0 && <View className='muted report-form__refused'>{T.photosRefusedNote}</View>}
        </View>
      )}

      <View className='card'>
        <View className='section-title'>{T.location}</View>
        {!typingAddress ? (
          <>
            {d.point && (
              <View className='report-form__place'>
                <Text className='report-form__place-name'>{d.point.name || d.point.address}</Text>
                {d.point.name && <View className='muted'>{d.point.address}</View>}
              </View>
            )}
            <Button className='report-form__map' block type='primary' fill='outline' onClick={() => void chooseOnMap()}>
              {d.point ? T.repick : T.pickOnMap}
            </Button>
            <View className='report-form__link' onClick={() => store.useTypedAddress(true)}>
              {T.typeAddress}
            </View>
          </>
        ) : (
          <>
            <Input
              className='report-form__address'
              value={d.address}
              placeholder={T.addressPlaceholder}
              maxlength={LIMITS.addressMax + 20}
              onInput={(e) => store.setAddress(e.detail.value)}
              onBlur={() => store.touch('location')}
            />
            <View className='report-form__link' onClick={() => void chooseOnMap()}>
              {mapFirst ? T.backToMap : T.pickOnMap}
            </View>
          </>
        )}
        {refused.location && typingAddress && <View className='muted report-form__refused'>{T.locationRefusedNote}</View>}
        <FieldError field='location' message={errors.location} />
        {buildings.length > 0 && (
          <View className='report-form__building'>
            <View className='report-form__group'>{T.building}</View>
            <Chips
              name='building'
              options={buildingOptions}
              selected={[chosenBuilding]}
              onTap={(value) => store.setBuilding(value)}
            />
            <View className='muted report-form__hint'>{T.buildingHint}</View>
          </View>
        )}
        <FieldError field='buildingId' message={errors.buildingId} />
      </View>

      <View className='card row switch-row' data-tap-area onClick={() => store.setAnonymous(!d.anonymous)}>
        <View className='grow'>
          <View>{T.anonymous}</View>
          <View className='muted'>{T.anonymousHint}</View>
        </View>
        <Switch checked={d.anonymous} loadingIcon={null} ariaLabel={T.anonymous} />
      </View>

      {store.hasContent && <View className='muted report-form__saved'>{T.draftSaved}</View>}
      {destination && <View className='report-form__destination'>{T.destination(destination)}</View>}
      <Button className='report-form__submit' type='primary' block size='xlarge' loading={store.submitting} onClick={() => void submit()}>
        {store.submitting ? T.submitting : T.submit}
      </Button>
      {store.hasContent && !store.submitting && (
        <View className='report-form__link report-form__discard' onClick={() => void discard()}>
          {T.discard}
        </View>
      )}

      {store.emergency?.emergency && (
        <EmergencyStop
          name={store.emergency.name}
          phone={store.emergency.emergency.phone}
          message={store.emergency.emergency.message}
          onCall={() => callPhone(store.emergency!.emergency!.phone)}
          onDismiss={() => store.dismissEmergency()}
        />
      )}
    </View>
  )
})
