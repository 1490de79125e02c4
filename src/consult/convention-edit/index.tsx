// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { Input, Picker, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { ArticleInput, ConventionInput } from '../../../types/api'
import type { ConventionKind } from '../../../types/domain'
import { Chips } from '../../components/chips'
import { FieldError } from '../../components/field-error'
import { actorOf } from '../../domain/actor'
import { CONVENTION_KIND_LABEL, CONVENTION_LIMITS, currentDraft, refuseManageConvention, validateConvention, validateDraft } from '../../domain/consultation/conventions'
import { cleanText } from '../../domain/text'
import type { FieldErrors } from '../../domain/validation'
import { back, replaceWithToast, ROUTES, scrollToFirstError, toast } from '../../navigation'
import { randomId } from '../../platform/ids'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { dayOf, pickerDay, startOfPickedDay } from '../format'
import { C } from '../texts'
import '../consult.css'

interface ArticleForm {
  /** Stable across reorders (React's key); `id` is the article's, absent for a new one. */
  key: string
  id?: string
  title: string
  text: string
}

const KINDS: ConventionKind[] = ['community', 'village', 'building']
const blank = (): ArticleForm => ({ key: randomId('a'), title: '', text: '' })

/**
 * A new convention (no id), or the next version's draft of one: the articles (add, remove, move,
 * edit), the change note; a new one may be published at once from a chosen day.
 */
function ConventionEditPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  const { conventions, session, directory } = useStores()
  const user = session.user
  const staff = session.hasRole('staff')
  const leads = user?.leadsBuildingIds ?? []
  const allBuildings = directory.directory?.buildings ?? []
  const buildings = allBuildings.filter((b) => staff || leads.includes(b.id))
  const signedIn = session.status === 'signed_in'

  const [kind, setKind] = useState<ConventionKind | undefined>(undefined)
  const [title, setTitle] = useState('')
  const [chosen, setChosen] = useState<string[]>([])
  const [articles, setArticles] = useState<ArticleForm[]>(() => [blank()])
  const [changeNote, setChangeNote] = useState('')
  const [publish, setPublish] = useState(false)
  const [day, setDay] = useState(() => pickerDay(new Date()))
  const [attempted, setAttempted] = useState(false)
  const [serverErrors, setServerErrors] = useState<FieldErrors>({})
  // One key per convention created: a retry after a lost answer is the same one.
  const [key, setKey] = useState(() => randomId('cv_'))
  const [filled, setFilled] = useState(false)

  // A leader writes 微公约 only.
  const kinds = staff ? KINDS : (['building'] as ConventionKind[])
  const chosenKind = kind ?? (staff ? undefined : 'building')

  // Editing: the draft being written, or else the version in force, is where the next version starts.
  const c = id ? conventions.get(id) : undefined
  const draft = c ? currentDraft(c.versions) : undefined
  const baseNumber = draft?.version ?? c?.inForce?.version
  const base = c && baseNumber !== undefined ? conventions.version(id, baseNumber) : undefined
  useEffect(() => {
    if (signedIn && id) void conventions.open(id)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, id])
  useEffect(() => {
    if (c && baseNumber !== undefined && !base) void conventions.loadVersion(id, baseNumber)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [c?.id, baseNumber])
  useEffect(() => {
    if (!id || filled || !c || (baseNumber !== undefined && !base)) return
    if (base) {
      setArticles(base.articles.map((a) => ({ key: a.id, id: a.id, title: a.title, text: a.text })))
      if (draft) setChangeNote(base.changeNote)
    }
    setFilled(true)
  }, [id, filled, c, base, baseNumber, draft])

  const articleInputs: ArticleInput[] = articles.map((a) => ({ ...(a.id ? { id: a.id } : {}), title: a.title, text: a.text }))
  const newInput = (): ConventionInput => ({
    kind: chosenKind as ConventionKind,
    title,
    buildingIds: chosenKind === 'building' ? chosen : [],
    articles: articleInputs,
    changeNote,
    publish,
    ...(publish ? { effectiveFrom: startOfPickedDay(day) } : {}),
  })
  const existingIds = new Set((base?.articles ?? []).map((a) => a.id))
  const localErrors: FieldErrors = id ? validateDraft({ articles: articleInputs, changeNote }, existingIds) : validateConvention(newInput(), buildings.map((b) => b.id), new Date())
  const errors: FieldErrors = { ...(attempted ? localErrors : {}), ...serverErrors }

  const clear = (...fields: string[]) => {
    if (fields.some((f) => f in serverErrors)) setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !fields.includes(k))))
  }
  const changeArticle = (index: number, patch: Partial<ArticleForm>) => {
    setArticles((list) => list.map((a, i) => (i === index ? { ...a, ...patch } : a)))
    clear(`articles.${index}.title`, `articles.${index}.text`, 'articles')
  }
  const move = (index: number, by: -1 | 1) => {
    setArticles((list) => {
      const to = index + by
      if (to < 0 || to >= list.length) return list
      const next = [...list]
      ;[next[index], next[to]] = [next[to], next[index]]
      return next
    })
    // Messages are by position: the server's no longer match the moved articles.
    setServerErrors({})
  }
  const remove = (index: number) => {
    setArticles((list) => list.filter((_, i) => i !== index))
    setServerErrors({})
  }

  const submit = async () => {
    setAttempted(true)
    if (Object.keys(localErrors).length > 0) {
      toast(C.fixErrors)
      scrollToFirstError()
      return
    }
    const outcome = id
      ? await conventions.saveDraft(id, { articles: articleInputs.map((a) => ({ ...a, title: cleanText(a.title), text: cleanText(a.text) })), changeNote: cleanText(changeNote) })
      : await conventions.create({ ...newInput(), title: cleanText(title), changeNote: cleanText(changeNote) }, key, buildings.map((b) => b.id))
    if (outcome.ok) {
      if (id) {
        back(ROUTES.convention(id))
        setTimeout(() => toast(C.saved, 'success'), 450)
      } else replaceWithToast(ROUTES.convention(outcome.convention.id), C.saved, 'success')
      return
    }
    if (Object.keys(outcome.fields).length > 0) {
      // Refused for something to fix: nothing was made under this key; the corrected form gets a new one.
      setServerErrors(outcome.fields)
      setKey(randomId('cv_'))
      scrollToFirstError()
      toast(C.fixErrors)
    } else toast(outcome.message)
  }

  const manages = !id || (c && user && refuseManageConvention(actorOf(user), c) === null)
  if (signedIn && ((!staff && !(session.hasRole('building_leader') && leads.length > 0)) || (c && !manages))) {
    return (
      <Screen requireSignIn>
        <View className='card muted'>{C.cannotManage}</View>
      </Screen>
    )
  }
  if (id && !filled) {
    const failure = conventions.detailErrors.get(id) ?? (baseNumber !== undefined ? conventions.versionError(id, baseNumber) : undefined)
    return (
      <Screen requireSignIn>
        <View className='card muted'>{failure ?? C.loading}</View>
      </Screen>
    )
  }

  const shownKeys = new Set(['kind', 'title', 'buildingIds', 'articles', 'changeNote', 'publish', 'effectiveFrom'])
  return (
    <Screen requireSignIn className='consult conv-edit'>
      {c ? (
        <View className='card'>
          <View className='convention__title'>{c.title}</View>
          <View className='muted'>{draft ? C.draftFrom(draft.version) : baseNumber !== undefined ? C.basedOn(baseNumber) : ''}</View>
        </View>
      ) : (
        <View className='card'>
          <View className='section-title'>{C.kind}</View>
          <Chips
            name='kind'
            options={kinds.map((k) => ({ value: k, label: CONVENTION_KIND_LABEL[k] }))}
            selected={chosenKind ? [chosenKind] : []}
            onTap={(v) => {
              setKind(v as ConventionKind)
              clear('kind', 'buildingIds')
            }}
          />
          {!staff && <View className='muted conv-edit__hint'>{C.leaderKindHint}</View>}
          <FieldError field='kind' message={errors.kind} />
          {chosenKind === 'building' && (
            <>
              <View className='conv-edit__label'>{C.buildings}</View>
              <Chips
                name='buildings'
                multiple
                options={buildings.map((b) => ({ value: b.id, label: b.name }))}
                selected={chosen}
                onTap={(v) => {
                  setChosen((list) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]))
                  clear('buildingIds')
                }}
              />
              <FieldError field='buildingIds' message={errors.buildingIds} />
            </>
          )}
          <View className='conv-edit__label'>{C.title}</View>
          <Input
            className='conv-edit__input conv-edit__title'
            value={title}
            placeholder={C.titlePlaceholder}
            maxlength={CONVENTION_LIMITS.titleMax + 10}
            onInput={(e) => {
              setTitle(e.detail.value)
              clear('title')
            }}
          />
          <FieldError field='title' message={errors.title} />
        </View>
      )}

      <View className='section-title conv-edit__articles-title'>{C.articles}</View>
      <FieldError field='articles' message={errors.articles} />
      {articles.map((a, i) => (
        <View key={a.key} className='card conv-edit__article' data-index={i}>
          <View className='row conv-edit__article-head'>
            <View className='article__no grow'>{C.articleNo(i + 1)}</View>
            <View className='conv-edit__tool tap-target' aria-role='button' aria-disabled={i === 0} onClick={() => move(i, -1)}>
              {C.moveUp}
            </View>
            <View className='conv-edit__tool tap-target' aria-role='button' aria-disabled={i === articles.length - 1} onClick={() => move(i, 1)}>
              {C.moveDown}
            </View>
            <View className='conv-edit__tool conv-edit__tool--danger tap-target' aria-role='button' onClick={() => remove(i)}>
              {C.removeArticle}
            </View>
          </View>
          <View className='conv-edit__label'>{C.articleTitle}</View>
          <Input
            className='conv-edit__input conv-edit__article-title'
            value={a.title}
            placeholder={C.articleTitlePlaceholder}
            maxlength={CONVENTION_LIMITS.articleTitleMax + 10}
            onInput={(e) => changeArticle(i, { title: e.detail.value })}
          />
          <FieldError field={`articles.${i}.title`} message={errors[`articles.${i}.title`]} />
          <View className='conv-edit__label'>{C.articleText}</View>
          <TextArea
            className='conv-edit__text conv-edit__article-text'
            value={a.text}
            placeholder={C.articleTextPlaceholder}
            maxLength={-1}
            autoSize
            onChange={(v) => changeArticle(i, { text: v })}
          />
          <FieldError field={`articles.${i}.text`} message={errors[`articles.${i}.text`]} />
          <FieldError field={`articles.${i}.id`} message={errors[`articles.${i}.id`]} />
        </View>
      ))}
      <Button
        className='conv-edit__add'
        type='primary'
        fill='outline'
        block
        disabled={articles.length >= CONVENTION_LIMITS.articlesMax}
        onClick={() => {
          setArticles((list) => [...list, blank()])
          clear('articles')
        }}
      >
        {C.addArticle}
      </Button>

      <View className='card conv-edit__note-card'>
        <View className='section-title'>{C.changeNote}</View>
        <TextArea
          className='conv-edit__text conv-edit__note'
          value={changeNote}
          placeholder={C.changeNotePlaceholder}
          maxLength={-1}
          autoSize
          onChange={(v) => {
            setChangeNote(v)
            clear('changeNote')
          }}
        />
        <FieldError field='changeNote' message={errors.changeNote} />
        {!id && (
          <>
            <View className='conv-edit__label'>{C.publishNow}</View>
            <Chips
              name='publish'
              options={[
                { value: 'draft', label: C.saveDraft },
                { value: 'publish', label: C.publishDraft },
              ]}
              selected={[publish ? 'publish' : 'draft']}
              onTap={(v) => {
                setPublish(v === 'publish')
                clear('publish', 'effectiveFrom')
              }}
            />
            <View className='muted conv-edit__hint'>{C.publishNowHint}</View>
            {publish && (
              <Picker mode='date' value={day} start={pickerDay(new Date())} onChange={(e) => setDay(String(e.detail.value))}>
                <View className='row convention__day tap-target' aria-role='button'>
                  <View className='grow'>{C.effectiveFrom}</View>
                  <View className='convention__day-value'>{day === pickerDay(new Date()) ? C.effectiveToday : `${dayOf(startOfPickedDay(day))}起`}</View>
                </View>
              </Picker>
            )}
            <FieldError field='effectiveFrom' message={errors.effectiveFrom} />
          </>
        )}
      </View>

      {Object.entries(serverErrors)
        .filter(([f]) => !shownKeys.has(f) && !f.startsWith('articles.'))
        .map(([f, m]) => (
          <FieldError key={f} field={f} message={m} />
        ))}

      <Button className='conv-edit__submit' type='primary' block size='xlarge' loading={conventions.busy !== null} onClick={() => void submit()}>
        {conventions.busy !== null ? C.saving : id ? C.saveDraft : publish ? C.publishDraft : C.saveDraft}
      </Button>
    </Screen>
  )
}

export default observer(ConventionEditPage)
