// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { Input, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import { Chips } from '../../components/chips'
import { FieldError } from '../../components/field-error'
import { COLUMNS, formatRooms, parseRooms, type StructureInput } from '../../domain/structure'
import { confirm, toast } from '../../navigation'
import { useStores } from '../../stores/context'
import type { RowRef, StructureSection } from '../../stores/structure-store'
import { Screen } from '../../ui/screen'
import { VirtualPage, type PageEntry } from '../../ui/virtual-page'
import { A } from '../texts'
import '../admin.css'
import './index.css'

const SECTIONS: readonly StructureSection[] = ['categories', 'replyTemplates', 'grids', 'buildings']

/** What the edit form holds: every field as typed (numbers and rooms are read on saving). */
interface Draft {
  name: string
  deadlineHours: string
  guidance: string
  emergencyPhone: string
  emergencyMessage: string
  title: string
  text: string
  grid: string
  rooms: string
}

const EMPTY: Draft = { name: '', deadlineHours: '', guidance: '', emergencyPhone: '', emergencyMessage: '', title: '', text: '', grid: '', rooms: '' }

function draftOf(s: StructureInput, at: RowRef): Draft {
  switch (at.section) {
    case 'categories': {
      const c = s.categories[at.index]
      return c
        ? { ...EMPTY, name: c.name, deadlineHours: String(c.deadlineHours), guidance: c.guidance, emergencyPhone: c.emergencyPhone ?? '', emergencyMessage: c.emergencyMessage ?? '' }
        : { ...EMPTY, deadlineHours: '72' }
    }
    case 'replyTemplates': {
      const t = s.replyTemplates[at.index]
      return t ? { ...EMPTY, title: t.title, text: t.text } : EMPTY
    }
    case 'grids':
      return { ...EMPTY, name: s.grids[at.index]?.name ?? '' }
    case 'buildings': {
      const b = s.buildings[at.index]
      return b ? { ...EMPTY, name: b.name, grid: b.grid, rooms: formatRooms(b.rooms) } : { ...EMPTY, grid: s.grids[0]?.name ?? '' }
    }
  }
}

/** "72" → 72; what is not a whole number stays NaN for the rules to name. */
const hoursOf = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN)

/** The row the draft makes (its key kept), or the rooms' message when they cannot be read. */
function rowOf(s: StructureInput, at: RowRef, d: Draft): { row: unknown } | { roomsError: string } {
  switch (at.section) {
    case 'categories': {
      const key = s.categories[at.index]?.key
      const phone = d.emergencyPhone.trim()
      const message = d.emergencyMessage.trim()
      return {
        row: {
          ...(key ? { key } : {}),
          name: d.name,
          deadlineHours: hoursOf(d.deadlineHours),
          guidance: d.guidance,
          ...(phone ? { emergencyPhone: phone } : {}),
          ...(message ? { emergencyMessage: message } : {}),
        },
      }
    }
    case 'replyTemplates': {
      const key = s.replyTemplates[at.index]?.key
      return { row: { ...(key ? { key } : {}), title: d.title, text: d.text } }
    }
    case 'grids': {
      const key = s.grids[at.index]?.key
      return { row: { ...(key ? { key } : {}), name: d.name } }
    }
    case 'buildings': {
      const key = s.buildings[at.index]?.key
      const rooms = parseRooms(d.rooms)
      if ('error' in rooms) return { roomsError: rooms.error }
      return { row: { ...(key ? { key } : {}), name: d.name, grid: d.grid, rooms: rooms.rooms } }
    }
  }
}

/** Which draft field each column of the rules' messages is about. */
const FIELD_OF_COLUMN: Record<string, keyof Draft> = {
  [COLUMNS.categories.name.header]: 'name',
  [COLUMNS.categories.deadlineHours.header]: 'deadlineHours',
  [COLUMNS.categories.guidance.header]: 'guidance',
  [COLUMNS.categories.emergencyPhone.header]: 'emergencyPhone',
  [COLUMNS.categories.emergencyMessage.header]: 'emergencyMessage',
  [COLUMNS.replyTemplates.title.header]: 'title',
  [COLUMNS.replyTemplates.text.header]: 'text',
  [COLUMNS.grids.name.header]: 'name',
  [COLUMNS.buildings.name.header]: 'name',
  [COLUMNS.buildings.grid.header]: 'grid',
  [COLUMNS.buildings.rooms.header]: 'rooms',
}

/** One row's edit form: live messages from the domain's rules, 保存 and 删除 through the whole structure. */
const Editor = observer(function Editor({ at, onClose }: { at: RowRef; onClose: () => void }) {
  const { structure: store, directory } = useStores()
  const s = store.structure!
  const [draft, setDraft] = useState<Draft>(() => draftOf(s, at))
  const [touched, setTouched] = useState<Set<keyof Draft>>(() => new Set())
  const [tried, setTried] = useState(false)
  const existing = at.index < (s[at.section] as unknown[]).length
  const what = A.editing[at.section]

  const made = rowOf(s, at, draft)
  const next = 'row' in made ? store.withRow(at.section, at.index, made.row as never) : null
  const issues = store.issues(next, at)
  const fieldErrors: Partial<Record<keyof Draft, string>> = {}
  for (const i of issues.own) {
    const field = FIELD_OF_COLUMN[i.column] ?? 'name'
    if (!fieldErrors[field]) fieldErrors[field] = i.message
  }
  if ('roomsError' in made) fieldErrors.rooms = made.roomsError
  const show = (field: keyof Draft) => (tried || touched.has(field) ? fieldErrors[field] : undefined)
  const backendError = store.errorAt(at)

  const change = (field: keyof Draft, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }))
    setTouched((t) => new Set(t).add(field))
    if (backendError) store.dismissError()
  }
  const saved = (message: string) => {
    toast(message, 'success')
    // Every screen reading the community's categories and places sees the change.
    void directory.load()
    onClose()
  }
  const save = async () => {
    setTried(true)
    if (!next || Object.keys(fieldErrors).length || issues.others.length) return
    if (await store.save(next, at)) saved(A.saved)
  }
  const remove = async () => {
    const name = at.section === 'replyTemplates' ? draft.title : draft.name
    if (!(await confirm(A.removeAsk(what, name)))) return
    if (await store.save(store.withoutRow(at.section, at.index), at)) saved(A.removed)
  }

  const text = (field: keyof Draft, label: string, placeholder: string, type: 'text' | 'number' = 'text') => (
    <>
      <View className='admin__label'>{label}</View>
      <Input className={`admin__input structure__field structure__field--${field}`} type={type} value={draft[field]} placeholder={placeholder} maxlength={60} onInput={(e) => change(field, e.detail.value)} />
      <FieldError field={field} message={show(field)} />
    </>
  )
  const long = (field: keyof Draft, label: string, placeholder: string) => (
    <>
      <View className='admin__label'>{label}</View>
      <TextArea className={`admin__textarea structure__field structure__field--${field}`} value={draft[field]} placeholder={placeholder} maxLength={-1} autoSize onChange={(v) => change(field, v)} />
      <FieldError field={field} message={show(field)} />
    </>
  )

  return (
    <View className='card structure__edit' data-section={at.section}>
      <View className='section-title'>{existing ? A.editingTitle(what) : A.adding(what)}</View>
      {at.section === 'categories' && (
        <>
          {text('name', A.fields.categoryName, A.placeholders.categoryName)}
          {text('deadlineHours', A.fields.deadlineHours, A.placeholders.deadlineHours, 'number')}
          {long('guidance', A.fields.guidance, A.placeholders.guidance)}
          {text('emergencyPhone', A.fields.emergencyPhone, A.placeholders.emergencyPhone, 'number')}
          {long('emergencyMessage', A.fields.emergencyMessage, A.placeholders.emergencyMessage)}
        </>
      )}
      {at.section === 'replyTemplates' && (
        <>
          {text('title', A.fields.templateTitle, A.placeholders.templateTitle)}
          {long('text', A.fields.templateText, A.placeholders.templateText)}
        </>
      )}
      {at.section === 'grids' && text('name', A.fields.gridName, A.placeholders.gridName)}
      {at.section === 'buildings' && (
        <>
          {text('name', A.fields.buildingName, A.placeholders.buildingName)}
          <View className='admin__label'>{A.fields.buildingGrid}</View>
          <Chips name='grid' options={s.grids.map((g) => ({ value: g.name, label: g.name }))} selected={[draft.grid]} onTap={(v) => change('grid', v)} />
          <FieldError field='grid' message={show('grid')} />
          {long('rooms', A.fields.rooms, A.placeholders.rooms)}
        </>
      )}
      {tried && issues.others.length > 0 && (
        <View className='structure__others'>
          <View className='admin__label'>{A.otherIssues}</View>
          {issues.others.map((m) => (
            <View key={m} className='field-error' data-field='structure'>
              {m}
            </View>
          ))}
        </View>
      )}
      {backendError && (
        <View className='field-error structure__refused' data-field='saved' aria-role='alert'>
          {backendError}
        </View>
      )}
      <View className='row admin__buttons'>
        <Button className='structure__save grow' type='primary' size='large' loading={store.saving} onClick={() => void save()}>
          {store.saving ? A.saving : A.save}
        </Button>
        <Button className='structure__back grow' type='default' size='large' disabled={store.saving} onClick={onClose}>
          {A.back}
        </Button>
      </View>
      {existing && (
        <Button className='structure__remove' type='danger' fill='outline' block size='large' disabled={store.saving} onClick={() => void remove()}>
          {A.remove}
        </Button>
      )}
    </View>
  )
})

/** A section's heading: what it holds and 添加. */
function SectionHead({ section, onAdd }: { section: StructureSection; onAdd: () => void }) {
  return (
    <View className='structure__section' data-section={section}>
      <View className='section-title'>{A.sections[section]}</View>
      <View className='muted structure__hint'>{A.sectionHints[section]}</View>
      <Button className='structure__add' type='primary' fill='outline' block size='large' onClick={onAdd}>
        {A.add[section]}
      </Button>
    </View>
  )
}

/** One row of a section as a line to tap: its name and what matters about it. */
const RowEntry = observer(function RowEntry({ at, onOpen }: { at: RowRef; onOpen: () => void }) {
  const { structure: store } = useStores()
  const s = store.structure
  if (!s || !(s[at.section] as unknown[])[at.index]) return null
  let title = ''
  let facts: string[] = []
  if (at.section === 'categories') {
    const c = s.categories[at.index]
    title = c.name
    facts = [A.hours(c.deadlineHours), ...(c.emergencyPhone ? [A.emergency(c.emergencyPhone)] : [])]
  } else if (at.section === 'replyTemplates') {
    const t = s.replyTemplates[at.index]
    title = t.title
    facts = [t.text]
  } else if (at.section === 'grids') {
    title = s.grids[at.index].name
  } else {
    const b = s.buildings[at.index]
    title = b.name
    facts = [A.gridOf(b.grid), A.rooms(b.rooms.length)]
  }
  const error = store.errorAt(at)
  return (
    <View className='card row structure__row tap-target' aria-role='button' data-section={at.section} data-index={at.index} onClick={onOpen}>
      <View className='grow'>
        <View className='structure__title'>{title}</View>
        {facts.length > 0 && <View className='muted structure__facts'>{facts.join(' · ')}</View>}
        {error && (
          <View className='field-error' data-field='saved'>
            {error}
          </View>
        )}
      </View>
      <View className='structure__edit-mark'>{A.edit} ›</View>
    </View>
  )
})

/** 社区设置 (admins): 问题类型, 回复模板, 网格与楼栋 — a list per section, one row edited at a time. */
function StructurePage() {
  const { session, structure: store } = useStores()
  const signedIn = session.status === 'signed_in'
  const admin = session.hasRole('admin')
  const [editing, setEditing] = useState<RowRef | null>(null)
  useEffect(() => {
    if (signedIn && admin) void store.load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, admin])
  usePullDownRefresh(async () => {
    if (admin && !editing) await store.load()
    Taro.stopPullDownRefresh()
  })

  if (signedIn && (!admin || !store.available)) {
    return (
      <Screen requireSignIn>
        <View className='card muted admin__denied'>{store.available ? A.structureOnly : A.notAvailable}</View>
      </Screen>
    )
  }
  const s = store.structure
  const open = (at: RowRef) => {
    store.dismissError()
    setEditing(at)
  }
  if (s && editing) {
    return (
      <Screen requireSignIn className='structure'>
        <Editor key={`${editing.section}:${editing.index}`} at={editing} onClose={() => setEditing(null)} />
      </Screen>
    )
  }

  const entries: PageEntry[] = [
    {
      key: 'intro',
      render: () => (
        <>
          <View className='card muted admin__intro'>{A.structureIntro}</View>
          {store.error && (
            <View className='card field-error admin__error tap-target' aria-role='alert' onClick={() => void store.load()}>
              {store.error}
              {A.retry}
            </View>
          )}
          {!s && !store.error && <View className='card muted'>{A.loading}</View>}
        </>
      ),
    },
  ]
  if (s) {
    for (const section of SECTIONS) {
      const count = (s[section] as unknown[]).length
      entries.push({ key: `head:${section}`, section, render: () => <SectionHead section={section} onAdd={() => open({ section, index: count })} /> })
      for (let index = 0; index < count; index++) {
        const at = { section, index }
        entries.push({ key: `${section}:${index}`, section, render: () => <RowEntry at={at} onOpen={() => open(at)} /> })
      }
    }
  }
  return (
    <Screen requireSignIn className='structure page--list'>
      <VirtualPage entries={entries} estimatedHeight={140} onRefresh={store.load} />
    </Screen>
  )
}

export default observer(StructurePage)
