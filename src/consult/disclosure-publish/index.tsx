// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { Input, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import type { DisclosureInput, LocalPhoto } from '../../../types/api'
import type { DisclosureCategory, DisclosurePeriod, FinanceTable } from '../../../types/domain'
import { Chips } from '../../components/chips'
import { FieldError } from '../../components/field-error'
import { PhotoGrid } from '../../components/photo-grid'
import { DISCLOSURE_CATEGORY_LABEL, DISCLOSURE_LIMITS, formatYuan, parseYuan, validateDisclosure } from '../../domain/consultation/disclosures'
import type { FieldErrors } from '../../domain/validation'
import { replaceWithToast, ROUTES, scrollToFirstError, toast } from '../../navigation'
import { randomId } from '../../platform/ids'
import { previewPhotos } from '../../platform/media'
import { pickPhotosSaying } from '../../ui/photo-pick'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { C } from '../texts'
import '../consult.css'

interface Line {
  /** Stable across removals (React's key). */
  key: string
  kind: 'income' | 'expense'
  name: string
  /** As typed, in yuan. */
  amount: string
}

const CATEGORIES: DisclosureCategory[] = ['party', 'affairs', 'finance']
const newLine = (kind: Line['kind'] = 'income'): Line => ({ key: randomId('l'), kind, name: '', amount: '' })

/** An amount typed in yuan: fen, NaN when it is not one (the rules then name the line), undefined when empty. */
function amountOf(text: string, signed = false): number | undefined {
  const t = text.trim()
  if (!t) return undefined
  const negative = signed && /^[-−]/.test(t)
  const fen = parseYuan(negative ? t.slice(1) : t)
  return fen === null ? Number.NaN : negative ? -fen : fen
}

/**
 * 发布公开 (staff): category, month or quarter, title, text, photos of the documents; for 财务 the
 * table of income and expense lines in yuan with the totals the document states, checked line by
 * line as it is typed (the same rules the backend applies) and on the server's answer.
 */
function PublishDisclosurePage() {
  const { disclosures, session } = useStores()
  const now = new Date()
  const thisYear = now.getFullYear()
  const [category, setCategory] = useState<DisclosureCategory | undefined>(undefined)
  const [periodKind, setPeriodKind] = useState<'month' | 'quarter'>('month')
  const [year, setYear] = useState(thisYear)
  const [month, setMonth] = useState(now.getMonth() + 1)
  const [quarter, setQuarter] = useState(Math.floor(now.getMonth() / 3) + 1)
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [photos, setPhotos] = useState<LocalPhoto[]>([])
  const [lines, setLines] = useState<Line[]>(() => [newLine('income'), newLine('expense')])
  const [totalIncome, setTotalIncome] = useState('')
  const [totalExpense, setTotalExpense] = useState('')
  const [opening, setOpening] = useState('')
  const [closing, setClosing] = useState('')
  const [attempted, setAttempted] = useState(false)
  /** Fields typed in: their messages show as soon as they are typed, before any submit. */
  const [touched, setTouched] = useState<Set<string>>(() => new Set())
  const [serverErrors, setServerErrors] = useState<FieldErrors>({})
  // One key per disclosure: a retry after a lost answer is the same disclosure, never a second one.
  const [key, setKey] = useState(() => randomId('dk_'))

  const period: DisclosurePeriod = periodKind === 'month' ? { year, month } : { year, quarter }
  const finance = (): FinanceTable => {
    const o = amountOf(opening, true)
    const c = amountOf(closing, true)
    return {
      items: lines.map((l) => ({ kind: l.kind, name: l.name, amountFen: amountOf(l.amount) ?? Number.NaN })),
      totalIncomeFen: amountOf(totalIncome) as number,
      totalExpenseFen: amountOf(totalExpense) as number,
      ...(o !== undefined ? { openingBalanceFen: o } : {}),
      ...(c !== undefined ? { closingBalanceFen: c } : {}),
    }
  }
  const input = (): DisclosureInput => ({ category: category as DisclosureCategory, period, title, body, photoIds: [], ...(category === 'finance' ? { finance: finance() } : {}) })
  const local = validateDisclosure(input(), now)
  // What was typed but is not an amount says so, rather than "请填写…".
  const typed: Array<[string, string, boolean]> = [
    ['finance.totalIncomeFen', totalIncome, false],
    ['finance.totalExpenseFen', totalExpense, false],
    ['finance.openingBalanceFen', opening, true],
    ['finance.closingBalanceFen', closing, true],
  ]
  if (category === 'finance') {
    for (const [field, text, signed] of typed) if (Number.isNaN(amountOf(text, signed))) local[field] = C.notAmount
  }
  const shows = (field: string) => attempted || touched.has(field)
  const errors: FieldErrors = { ...Object.fromEntries(Object.entries(local).filter(([f]) => shows(f))), ...serverErrors }

  const touch = (...fields: string[]) => {
    setTouched((t) => new Set([...t, ...fields]))
    if (fields.some((f) => f in serverErrors)) setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !fields.includes(k))))
  }
  const changeLine = (index: number, patch: Partial<Line>, field: 'kind' | 'name' | 'amount') => {
    setLines((list) => list.map((l, i) => (i === index ? { ...l, ...patch } : l)))
    // A line's change moves the sums: the totals' messages follow it.
    touch(`finance.items.${index}.${field}`, 'finance.items', 'finance.totalIncomeFen', 'finance.totalExpenseFen', 'finance.closingBalanceFen')
  }
  const removeLine = (index: number) => {
    setLines((list) => list.filter((_, i) => i !== index))
    // Messages are by line number: the server's no longer match the lines after it.
    setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('finance.'))))
    setTouched((t) => new Set([...t].filter((k) => !k.startsWith('finance.items.'))))
  }

  const addPhotos = async () => {
    const picked = await pickPhotosSaying(DISCLOSURE_LIMITS.photosMax - photos.length, DISCLOSURE_LIMITS.photosMax)
    setPhotos((p) => [...p, ...picked].slice(0, DISCLOSURE_LIMITS.photosMax))
    touch('photoIds')
  }

  const submit = async () => {
    setAttempted(true)
    if (Object.keys(local).length > 0) {
      toast(C.fixErrors)
      scrollToFirstError()
      return
    }
    const outcome = await disclosures.publish(input(), photos, key)
    if (outcome.ok) {
      replaceWithToast(ROUTES.disclosure(outcome.disclosure.id), C.publishedToast, 'success')
      return
    }
    if (Object.keys(outcome.fields).length > 0) {
      // Refused for something to fix: nothing was published under this key; the corrected one gets a new key.
      setServerErrors(outcome.fields)
      setKey(randomId('dk_'))
      scrollToFirstError()
      toast(C.fixErrors)
    } else toast(outcome.message)
  }

  if (session.status === 'signed_in' && !session.hasRole('staff')) {
    return (
      <Screen requireSignIn>
        <View className='card muted'>{C.notAllowed}</View>
      </Screen>
    )
  }

  const sums = lines.reduce(
    (s, l) => {
      const fen = amountOf(l.amount)
      if (fen === undefined || Number.isNaN(fen)) return s
      return l.kind === 'income' ? { ...s, income: s.income + fen } : { ...s, expense: s.expense + fen }
    },
    { income: 0, expense: 0 },
  )
  const known = new Set(['category', 'period', 'title', 'body', 'photoIds', 'finance', 'finance.items'])
  const shownElsewhere = (f: string) => known.has(f) || f.startsWith('finance.items.') || typed.some(([t]) => t === f)
  return (
    <Screen requireSignIn className='consult dpub'>
      <View className='card'>
        <View className='section-title'>{C.category}</View>
        <Chips
          name='category'
          options={CATEGORIES.map((c) => ({ value: c, label: DISCLOSURE_CATEGORY_LABEL[c] }))}
          selected={category ? [category] : []}
          onTap={(v) => {
            setCategory(v as DisclosureCategory)
            touch('category', 'finance')
          }}
        />
        <FieldError field='category' message={errors.category} />

        <View className='dpub__label'>{C.periodKind}</View>
        <Chips
          name='period-kind'
          options={[
            { value: 'month', label: C.byMonth },
            { value: 'quarter', label: C.byQuarter },
          ]}
          selected={[periodKind]}
          onTap={(v) => {
            setPeriodKind(v as 'month' | 'quarter')
            touch('period')
          }}
        />
        <View className='dpub__label'>{C.year}</View>
        <Chips
          name='year'
          options={[thisYear - 1, thisYear].map((y) => ({ value: String(y), label: C.yearOf(y) }))}
          selected={[String(year)]}
          onTap={(v) => {
            setYear(Number(v))
            touch('period')
          }}
        />
        <View className='dpub__label'>{periodKind === 'month' ? C.month : C.quarter}</View>
        {periodKind === 'month' ? (
          <Chips
            name='month'
            options={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: C.monthOf(i + 1) }))}
            selected={[String(month)]}
            onTap={(v) => {
              setMonth(Number(v))
              touch('period')
            }}
          />
        ) : (
          <Chips
            name='quarter'
            options={[1, 2, 3, 4].map((q) => ({ value: String(q), label: C.quarterOf(q) }))}
            selected={[String(quarter)]}
            onTap={(v) => {
              setQuarter(Number(v))
              touch('period')
            }}
          />
        )}
        <FieldError field='period' message={errors.period} />
      </View>

      <View className='card'>
        <View className='section-title'>{C.titleLabel}</View>
        <Input
          className='dpub__input dpub__title'
          value={title}
          placeholder={C.disclosureTitlePlaceholder}
          maxlength={DISCLOSURE_LIMITS.titleMax + 10}
          onInput={(e) => {
            setTitle(e.detail.value)
            touch('title')
          }}
        />
        <FieldError field='title' message={errors.title} />
        <View className='dpub__label'>{C.body}</View>
        <TextArea
          className='dpub__text dpub__body'
          value={body}
          placeholder={C.bodyPlaceholder}
          maxLength={-1}
          autoSize
          onChange={(v) => {
            setBody(v)
            touch('body')
          }}
        />
        <FieldError field='body' message={errors.body} />
      </View>

      {category === 'finance' && (
        <View className='card dpub__finance'>
          <View className='section-title'>{C.lines}</View>
          <FieldError field='finance' message={errors.finance} />
          <FieldError field='finance.items' message={errors['finance.items']} />
          {lines.map((l, i) => {
            const at = `finance.items.${i}`
            return (
              <View key={l.key} className='dpub__line' data-line={i}>
                <View className='row dpub__line-head'>
                  <View className='dpub__line-no grow'>{C.lineNo(i + 1)}</View>
                  <View className='dpub__remove tap-target' aria-role='button' aria-label={`${C.removeLine}（${C.lineNo(i + 1)}）`} onClick={() => removeLine(i)}>
                    {C.removeLine}
                  </View>
                </View>
                <Chips
                  name={`line-${i}-kind`}
                  options={[
                    { value: 'income', label: C.income },
                    { value: 'expense', label: C.expense },
                  ]}
                  selected={[l.kind]}
                  onTap={(v) => changeLine(i, { kind: v as Line['kind'] }, 'kind')}
                />
                <FieldError field={`${at}.kind`} message={errors[`${at}.kind`]} />
                <View className='dpub__label'>{C.lineName}</View>
                <Input
                  className='dpub__input dpub__line-name'
                  value={l.name}
                  placeholder={C.lineNamePlaceholder}
                  maxlength={DISCLOSURE_LIMITS.itemNameMax + 10}
                  onInput={(e) => changeLine(i, { name: e.detail.value }, 'name')}
                />
                <FieldError field={`${at}.name`} message={errors[`${at}.name`]} />
                <View className='dpub__label'>{C.lineAmount}</View>
                <Input
                  className='dpub__input dpub__line-amount'
                  type='digit'
                  value={l.amount}
                  placeholder={C.lineAmountPlaceholder}
                  maxlength={20}
                  onInput={(e) => changeLine(i, { amount: e.detail.value }, 'amount')}
                />
                <FieldError field={`${at}.amount`} message={errors[`${at}.amount`]} />
              </View>
            )
          })}
          <Button
            className='dpub__add-line'
            type='primary'
            fill='outline'
            block
            disabled={lines.length >= DISCLOSURE_LIMITS.itemsMax}
            onClick={() => {
              setLines((list) => [...list, newLine(list[list.length - 1]?.kind ?? 'income')])
              touch('finance.items')
            }}
          >
            {C.addLine}
          </Button>

          <View className='dpub__label dpub__totals-title'>{C.totals}</View>
          <View className='muted dpub__sums'>{C.sumHint(formatYuan(sums.income), formatYuan(sums.expense))}</View>
          <View className='dpub__label'>{C.totalIncome}</View>
          <Input
            className='dpub__input dpub__total-income'
            type='digit'
            value={totalIncome}
            placeholder={C.lineAmountPlaceholder}
            maxlength={20}
            onInput={(e) => {
              setTotalIncome(e.detail.value)
              touch('finance.totalIncomeFen')
            }}
          />
          <FieldError field='finance.totalIncomeFen' message={errors['finance.totalIncomeFen']} />
          <View className='dpub__label'>{C.totalExpense}</View>
          <Input
            className='dpub__input dpub__total-expense'
            type='digit'
            value={totalExpense}
            placeholder={C.lineAmountPlaceholder}
            maxlength={20}
            onInput={(e) => {
              setTotalExpense(e.detail.value)
              touch('finance.totalExpenseFen')
            }}
          />
          <FieldError field='finance.totalExpenseFen' message={errors['finance.totalExpenseFen']} />

          <View className='dpub__label dpub__totals-title'>{C.balances}</View>
          <View className='dpub__label'>{C.openingBalance}</View>
          <Input
            className='dpub__input dpub__opening'
            value={opening}
            placeholder={C.balancePlaceholder}
            maxlength={20}
            onInput={(e) => {
              setOpening(e.detail.value)
              touch('finance.openingBalanceFen', 'finance.closingBalanceFen')
            }}
          />
          <FieldError field='finance.openingBalanceFen' message={errors['finance.openingBalanceFen']} />
          <View className='dpub__label'>{C.closingBalance}</View>
          <Input
            className='dpub__input dpub__closing'
            value={closing}
            placeholder={C.balancePlaceholder}
            maxlength={20}
            onInput={(e) => {
              setClosing(e.detail.value)
              touch('finance.closingBalanceFen')
            }}
          />
          <FieldError field='finance.closingBalanceFen' message={errors['finance.closingBalanceFen']} />
        </View>
      )}

      <View className='card'>
        <View className='section-title'>{C.photosLabel}</View>
        <PhotoGrid
          urls={photos.map((p) => p.path)}
          onAdd={() => void addPhotos()}
          onRemove={(i) => {
            setPhotos((p) => p.filter((_, j) => j !== i))
            touch('photoIds')
          }}
          onPreview={(i) => previewPhotos(photos.map((p) => p.path), i)}
          max={DISCLOSURE_LIMITS.photosMax}
        />
        <FieldError field='photoIds' message={errors.photoIds} />
      </View>

      {Object.entries(serverErrors)
        .filter(([f]) => !shownElsewhere(f))
        .map(([f, m]) => (
          <FieldError key={f} field={f} message={m} />
        ))}

      <Button className='dpub__submit' type='primary' block size='xlarge' loading={disclosures.publishing} onClick={() => void submit()}>
        {disclosures.publishing ? C.publishing : C.publish}
      </Button>
    </Screen>
  )
}

export default observer(PublishDisclosurePage)
