import type { DisclosureInput } from '../../../types/api'
import type { DisclosurePeriod, FinanceTable } from '../../../types/domain'
import type { Actor } from '../actor'
import { hasRole } from '../actor'
import type { Refusal } from '../membership'
import { cleanText, textLength } from '../text'
import type { FieldErrors } from '../validation'

/** 村务公开: disclosures by period, and the finance table whose totals must add up. */

export const DISCLOSURE_LIMITS = { titleMin: 2, titleMax: 50, bodyMin: 2, bodyMax: 5000, photosMax: 9, itemsMax: 100, itemNameMax: 40, amountMaxFen: 100_000_000_000 } as const

export { DISCLOSURE_CATEGORY_LABEL } from './labels'

export function refusePublishDisclosure(actor: Pick<Actor, 'roles'>): Refusal | null {
  return hasRole(actor, 'staff') ? null : { code: 'forbidden', message: '只有社区工作者可以发布公开内容' }
}

/** `2026年11月` or `2026年第4季度`. */
export function periodLabel(p: DisclosurePeriod): string {
  return 'month' in p ? `${p.year}年${p.month}月` : `${p.year}年第${p.quarter}季度`
}

/** ¥12,345.60 written from fen, for messages and tables. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100).toLocaleString('en-US')
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`
}

/** What a person typed as an amount in yuan (`1234.5`, `1,234.50`) in fen; null when it is not one. */
export function parseYuan(text: string): number | null {
  const t = text.replace(/[,，\s]/g, '').replace(/^¥|元$/g, '')
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(t)) return null
  const [whole, part = ''] = t.split('.')
  return Number(whole) * 100 + Number(part.padEnd(2, '0'))
}

const isFen = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= DISCLOSURE_LIMITS.amountMaxFen

/**
 * A finance table's checks, each error on the line that is wrong: an item without a name or with an
 * amount that is not a positive number of fen (`finance.items.N.name` / `.amount`, 第 N+1 行); a
 * total that is not the sum of its items (`finance.totalIncomeFen` / `finance.totalExpenseFen`); a
 * closing balance that is not opening + income − expense (`finance.closingBalanceFen`).
 */
export function checkFinance(table: Partial<FinanceTable> | undefined): FieldErrors {
  const errors: FieldErrors = {}
  if (!table || typeof table !== 'object') return { finance: '财务公开须填写收支明细表' }
  const items = Array.isArray(table.items) ? table.items : null
  if (!items || items.length === 0) return { 'finance.items': '请至少填写一项收入或支出' }
  if (items.length > DISCLOSURE_LIMITS.itemsMax) return { 'finance.items': `明细不能超过${DISCLOSURE_LIMITS.itemsMax}行` }
  let income = 0
  let expense = 0
  items.forEach((item, i) => {
    const line = `第${i + 1}行`
    if (!item || (item.kind !== 'income' && item.kind !== 'expense')) {
      errors[`finance.items.${i}.kind`] = `${line}请选择收入或支出`
      return
    }
    const name = typeof item.name === 'string' ? cleanText(item.name) : ''
    if (textLength(name) === 0) errors[`finance.items.${i}.name`] = `${line}请填写项目名称`
    else if (textLength(name) > DISCLOSURE_LIMITS.itemNameMax) errors[`finance.items.${i}.name`] = `${line}项目名称不能超过${DISCLOSURE_LIMITS.itemNameMax}个字`
    if (!isFen(item.amountFen) || item.amountFen === 0) errors[`finance.items.${i}.amount`] = `${line}「${name || '未命名'}」的金额须为大于0的数（最多两位小数）`
    else if (item.kind === 'income') income += item.amountFen
    else expense += item.amountFen
  })
  if (Object.keys(errors).length > 0) return errors
  const total = (field: 'totalIncomeFen' | 'totalExpenseFen', label: string, sum: number) => {
    const stated = table[field]
    if (!isFen(stated)) errors[`finance.${field}`] = `请填写${label}`
    else if (stated !== sum) errors[`finance.${field}`] = `${label}为${formatYuan(stated)}元，但各项相加为${formatYuan(sum)}元，${stated > sum ? '多' : '少'}了${formatYuan(Math.abs(stated - sum))}元，请核对`
  }
  total('totalIncomeFen', '收入合计', income)
  total('totalExpenseFen', '支出合计', expense)
  const { openingBalanceFen: opening, closingBalanceFen: closing } = table
  if ((opening === undefined) !== (closing === undefined)) errors['finance.closingBalanceFen'] = '期初余额和期末余额须同时填写，或都不填'
  else if (opening !== undefined && closing !== undefined) {
    if (!Number.isInteger(opening) || Math.abs(opening) > DISCLOSURE_LIMITS.amountMaxFen) errors['finance.openingBalanceFen'] = '期初余额格式不正确'
    else if (!Number.isInteger(closing) || Math.abs(closing) > DISCLOSURE_LIMITS.amountMaxFen) errors['finance.closingBalanceFen'] = '期末余额格式不正确'
    else if (opening + income - expense !== closing) {
      errors['finance.closingBalanceFen'] = `期末余额为${formatYuan(closing)}元，但期初余额加收入减支出为${formatYuan(opening + income - expense)}元，请核对`
    }
  }
  return errors
}

export function validateDisclosure(input: Partial<DisclosureInput>, now: Date): FieldErrors {
  const errors: FieldErrors = {}
  const category = input.category
  if (category !== 'party' && category !== 'affairs' && category !== 'finance') errors.category = '请选择公开类别'
  const p = input.period as Partial<{ year: number; month: number; quarter: number }> | undefined
  const year = p?.year
  const thisYear = now.getUTCFullYear()
  if (!p || !Number.isInteger(year) || year! < 2000 || year! > thisYear + 1) errors.period = '请选择公开的年份'
  else if ('month' in p === 'quarter' in p) errors.period = '请选择按月或按季度公开'
  else if ('month' in p && (!Number.isInteger(p.month) || p.month! < 1 || p.month! > 12)) errors.period = '月份须为1–12'
  else if ('quarter' in p && (!Number.isInteger(p.quarter) || p.quarter! < 1 || p.quarter! > 4)) errors.period = '季度须为1–4'
  const title = typeof input.title === 'string' ? cleanText(input.title) : ''
  if (textLength(title) < DISCLOSURE_LIMITS.titleMin) errors.title = '请填写标题'
  else if (textLength(title) > DISCLOSURE_LIMITS.titleMax) errors.title = `标题不能超过${DISCLOSURE_LIMITS.titleMax}个字`
  const body = typeof input.body === 'string' ? cleanText(input.body) : ''
  if (textLength(body) < DISCLOSURE_LIMITS.bodyMin) errors.body = '请填写公开内容'
  else if (textLength(body) > DISCLOSURE_LIMITS.bodyMax) errors.body = `内容不能超过${DISCLOSURE_LIMITS.bodyMax}个字`
  if (!Array.isArray(input.photoIds) || input.photoIds.some((id) => typeof id !== 'string')) errors.photoIds = '照片格式不正确'
  else if (input.photoIds.length > DISCLOSURE_LIMITS.photosMax) errors.photoIds = `最多上传${DISCLOSURE_LIMITS.photosMax}张照片`
  if (category === 'finance') Object.assign(errors, checkFinance(input.finance))
  else if (category && input.finance !== undefined) errors.finance = '只有财务公开需要收支明细表'
  return errors
}
