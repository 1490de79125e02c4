import type { DisclosureInput } from '../../../types/api'
import type { FinanceItem, FinanceTable } from '../../../types/domain'
import {
  checkFinance,
  DISCLOSURE_CATEGORY_LABEL,
  DISCLOSURE_LIMITS,
  formatYuan,
  parseYuan,
  periodLabel,
  refusePublishDisclosure,
  validateDisclosure,
} from '../../../src/domain/consultation/disclosures'
import { actor } from '../support/domain-fixtures'

const NOW = new Date('2026-11-21T08:00:00.000Z')

const income = (name: string, amountFen: number): FinanceItem => ({ kind: 'income', name, amountFen })
const expense = (name: string, amountFen: number): FinanceItem => ({ kind: 'expense', name, amountFen })

/** Income 1,234.50 (1,000.00 + 234.50), expense 800.25 (500.00 + 300.25). */
const ITEMS: FinanceItem[] = [income('上级拨款', 100_000), income('停车费', 23_450), expense('绿化养护', 50_000), expense('路灯维修', 30_025)]
const table = (over: Partial<FinanceTable> = {}): Partial<FinanceTable> => ({ items: ITEMS, totalIncomeFen: 123_450, totalExpenseFen: 80_025, ...over })

describe('labels and permission', () => {
  it('names each category', () => {
    expect(DISCLOSURE_CATEGORY_LABEL).toEqual({ party: '党务公开', affairs: '居务公开', finance: '财务公开' })
  })

  it('only staff publish', () => {
    expect(refusePublishDisclosure(actor('u-staff', ['staff']))).toBeNull()
    expect(refusePublishDisclosure(actor('u-leader', ['resident', 'building_leader']))).toEqual({ code: 'forbidden', message: '只有社区工作者可以发布公开内容' })
    expect(refusePublishDisclosure(actor('u-grid', ['grid_worker']))?.code).toBe('forbidden')
  })
})

describe('periodLabel', () => {
  it('labels a month and a quarter', () => {
    expect(periodLabel({ year: 2026, month: 11 })).toBe('2026年11月')
    expect(periodLabel({ year: 2026, month: 1 })).toBe('2026年1月')
    expect(periodLabel({ year: 2026, quarter: 4 })).toBe('2026年第4季度')
  })
})

describe('formatYuan', () => {
  it.each<[number, string]>([
    [0, '0.00'],
    [1, '0.01'],
    [10, '0.10'],
    [100, '1.00'],
    [123_450, '1,234.50'],
    [123_456_789, '1,234,567.89'],
    [DISCLOSURE_LIMITS.amountMaxFen, '1,000,000,000.00'],
    [-1, '-0.01'],
    [-123_456, '-1,234.56'],
  ])('%p fen is %p', (fen, text) => {
    expect(formatYuan(fen)).toBe(text)
  })
})

describe('parseYuan', () => {
  it.each<[string, number]>([
    ['1234.5', 123_450],
    ['1234.50', 123_450],
    ['1,234.50', 123_450],
    ['1，234.50', 123_450],
    [' 1 234.50 ', 123_450],
    ['¥12', 1_200],
    ['12元', 1_200],
    ['¥12元', 1_200],
    ['12', 1_200],
    ['0.01', 1],
    ['0.1', 10],
    ['0', 0],
    ['007', 700],
    ['999999999999.99', 99_999_999_999_999],
  ])('%p is %p fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen)
  })

  it.each(['0.001', '-1', 'abc', '', '   ', '12.', '.5', '1.2.3', '1e3', '¥', '元', '12元5角', '1234567890123', '+5', '$12'])('%p is not an amount', (text) => {
    expect(parseYuan(text)).toBeNull()
  })

  it('has no float errors (0.29, 1.13, 4.35 yuan)', () => {
    expect(parseYuan('0.29')).toBe(29)
    expect(parseYuan('1.13')).toBe(113)
    expect(parseYuan('4.35')).toBe(435)
  })

  it('round-trips what formatYuan writes', () => {
    for (const fen of [0, 1, 99, 123_450, 123_456_789]) expect(parseYuan(formatYuan(fen))).toBe(fen)
  })
})

describe('checkFinance', () => {
  it('accepts items that add up to the stated totals', () => {
    expect(checkFinance(table())).toEqual({})
  })

  it('accepts a table of income only or expense only (the other total 0)', () => {
    expect(checkFinance({ items: [income('拨款', 500)], totalIncomeFen: 500, totalExpenseFen: 0 })).toEqual({})
    expect(checkFinance({ items: [expense('维修', 500)], totalIncomeFen: 0, totalExpenseFen: 500 })).toEqual({})
  })

  it('says by how much a total stated below its items falls short, without a minus sign', () => {
    expect(checkFinance(table({ totalIncomeFen: 123_400 }))).toEqual({ 'finance.totalIncomeFen': '收入合计为1,234.00元，但各项相加为1,234.50元，少了0.50元，请核对' })
  })

  it('accepts balances that add up: closing = opening + income − expense', () => {
    expect(checkFinance(table({ openingBalanceFen: 10_000, closingBalanceFen: 10_000 + 123_450 - 80_025 }))).toEqual({})
  })

  it('accepts a negative opening balance (an overdraft) that adds up', () => {
    expect(checkFinance(table({ openingBalanceFen: -50_000, closingBalanceFen: -50_000 + 123_450 - 80_025 }))).toEqual({})
  })

  it('an income total off by 0.01 yuan names the stated total, the sum and the difference', () => {
    expect(checkFinance(table({ totalIncomeFen: 123_451 }))).toEqual({
      'finance.totalIncomeFen': '收入合计为1,234.51元，但各项相加为1,234.50元，多了0.01元，请核对',
    })
  })

  it('a wrong expense total is on finance.totalExpenseFen', () => {
    expect(checkFinance(table({ totalExpenseFen: 90_025 }))).toEqual({
      'finance.totalExpenseFen': '支出合计为900.25元，但各项相加为800.25元，多了100.00元，请核对',
    })
  })

  it('both totals wrong: both errors', () => {
    expect(Object.keys(checkFinance(table({ totalIncomeFen: 1, totalExpenseFen: 1 }))).sort()).toEqual(['finance.totalExpenseFen', 'finance.totalIncomeFen'])
  })

  it.each<[string, unknown]>([
    ['missing', undefined],
    ['negative', -100],
    ['not whole fen', 12.5],
    ['text', '1234.50'],
    ['over the maximum', DISCLOSURE_LIMITS.amountMaxFen + 1],
  ])('a total %s asks for it', (_n, total) => {
    expect(checkFinance(table({ totalIncomeFen: total as number }))).toEqual({ 'finance.totalIncomeFen': '请填写收入合计' })
    expect(checkFinance(table({ totalExpenseFen: total as number }))).toEqual({ 'finance.totalExpenseFen': '请填写支出合计' })
  })

  it.each<[string, unknown]>([
    ['zero', 0],
    ['negative', -500],
    ['fractional fen', 100.5],
    ['missing', undefined],
    ['text', '500'],
    ['over the maximum', DISCLOSURE_LIMITS.amountMaxFen + 1],
  ])('a bad amount (%s) on line 3 is on finance.items.2.amount, starting with 第3行', (_n, amountFen) => {
    const items = [...ITEMS]
    items[2] = { kind: 'expense', name: '绿化养护', amountFen: amountFen as number }
    const errors = checkFinance(table({ items }))
    expect(Object.keys(errors)).toEqual(['finance.items.2.amount'])
    expect(errors['finance.items.2.amount']).toBe('第3行「绿化养护」的金额须为大于0的数（最多两位小数）')
    expect(errors['finance.items.2.amount'].startsWith('第3行')).toBe(true)
  })

  it('an item amount at the maximum is fine', () => {
    const max = DISCLOSURE_LIMITS.amountMaxFen
    expect(checkFinance({ items: [income('拨款', max)], totalIncomeFen: max, totalExpenseFen: 0 })).toEqual({})
  })

  it('a missing name is on its line, and its bad amount calls it 未命名', () => {
    const items = [...ITEMS]
    items[1] = { kind: 'income', name: '  ', amountFen: 23_450 }
    expect(checkFinance(table({ items }))).toEqual({ 'finance.items.1.name': '第2行请填写项目名称' })
    items[1] = { kind: 'income', name: undefined as never, amountFen: 0 }
    expect(checkFinance(table({ items }))).toEqual({
      'finance.items.1.name': '第2行请填写项目名称',
      'finance.items.1.amount': '第2行「未命名」的金额须为大于0的数（最多两位小数）',
    })
  })

  it('a name over 40 characters', () => {
    const items = [income('名'.repeat(41), 100)]
    expect(checkFinance({ items, totalIncomeFen: 100, totalExpenseFen: 0 })).toEqual({ 'finance.items.0.name': '第1行项目名称不能超过40个字' })
    expect(checkFinance({ items: [income('名'.repeat(40), 100)], totalIncomeFen: 100, totalExpenseFen: 0 })).toEqual({})
  })

  it('an item without a kind (or not an object) asks for income or expense', () => {
    const items = [ITEMS[0], { name: '其他', amountFen: 100 } as never, null as never]
    expect(checkFinance(table({ items }))).toEqual({ 'finance.items.1.kind': '第2行请选择收入或支出', 'finance.items.2.kind': '第3行请选择收入或支出' })
  })

  it('item errors come alone: totals are not checked against broken items', () => {
    const items = [...ITEMS]
    items[0] = income('', 100_000)
    const errors = checkFinance(table({ items, totalIncomeFen: 1 }))
    expect(Object.keys(errors)).toEqual(['finance.items.0.name'])
  })

  it('a closing balance that does not add up names both', () => {
    expect(checkFinance(table({ openingBalanceFen: 10_000, closingBalanceFen: 50_000 }))).toEqual({
      'finance.closingBalanceFen': '期末余额为500.00元，但期初余额加收入减支出为534.25元，请核对',
    })
  })

  it('only one of the balances given is refused, on the closing balance', () => {
    const msg = { 'finance.closingBalanceFen': '期初余额和期末余额须同时填写，或都不填' }
    expect(checkFinance(table({ openingBalanceFen: 10_000 }))).toEqual(msg)
    expect(checkFinance(table({ closingBalanceFen: 53_425 }))).toEqual(msg)
  })

  it('balances that are not whole fen, or too large', () => {
    expect(checkFinance(table({ openingBalanceFen: 1.5, closingBalanceFen: 0 }))).toEqual({ 'finance.openingBalanceFen': '期初余额格式不正确' })
    expect(checkFinance(table({ openingBalanceFen: 0, closingBalanceFen: DISCLOSURE_LIMITS.amountMaxFen + 1 }))).toEqual({ 'finance.closingBalanceFen': '期末余额格式不正确' })
  })

  it('a missing table, or one without items', () => {
    expect(checkFinance(undefined)).toEqual({ finance: '财务公开须填写收支明细表' })
    expect(checkFinance(null as never)).toEqual({ finance: '财务公开须填写收支明细表' })
    expect(checkFinance({ totalIncomeFen: 0, totalExpenseFen: 0 })).toEqual({ 'finance.items': '请至少填写一项收入或支出' })
    expect(checkFinance({ items: [], totalIncomeFen: 0, totalExpenseFen: 0 })).toEqual({ 'finance.items': '请至少填写一项收入或支出' })
  })

  it('at most 100 lines', () => {
    const items = Array.from({ length: 101 }, (_, i) => income(`第${i}项`, 1))
    expect(checkFinance({ items, totalIncomeFen: 101, totalExpenseFen: 0 })).toEqual({ 'finance.items': '明细不能超过100行' })
    expect(checkFinance({ items: items.slice(0, 100), totalIncomeFen: 100, totalExpenseFen: 0 })).toEqual({})
  })

  it('sums exactly in fen (no float drift over many small items)', () => {
    const items = Array.from({ length: 100 }, () => income('零钱', 10))
    expect(checkFinance({ items, totalIncomeFen: 1_000, totalExpenseFen: 0 })).toEqual({})
  })
})

describe('validateDisclosure', () => {
  const good = (over: Partial<DisclosureInput> = {}): Partial<DisclosureInput> => ({
    category: 'affairs',
    period: { year: 2026, month: 11 },
    title: '11月居务公开',
    body: '本月完成东门路灯加装。',
    photoIds: [],
    ...over,
  })
  const check = (over: Partial<DisclosureInput> = {}) => validateDisclosure(good(over), NOW)

  it('accepts a party and an affairs disclosure without a table, and a finance disclosure with one', () => {
    expect(check()).toEqual({})
    expect(check({ category: 'party', period: { year: 2026, quarter: 4 } })).toEqual({})
    expect(check({ category: 'finance', finance: table() as FinanceTable })).toEqual({})
  })

  it('category must be known', () => {
    expect(check({ category: 'other' as never }).category).toBe('请选择公开类别')
    expect(check({ category: undefined }).category).toBe('请选择公开类别')
  })

  it('a finance disclosure requires the table, and its errors come through', () => {
    expect(check({ category: 'finance' })).toEqual({ finance: '财务公开须填写收支明细表' })
    expect(check({ category: 'finance', finance: table({ totalIncomeFen: 123_451 }) as FinanceTable })).toEqual({
      'finance.totalIncomeFen': expect.stringContaining('多了0.01元'),
    })
  })

  it('a table is refused on the other categories', () => {
    expect(check({ category: 'party', finance: table() as FinanceTable })).toEqual({ finance: '只有财务公开需要收支明细表' })
    expect(check({ category: 'affairs', finance: table() as FinanceTable })).toEqual({ finance: '只有财务公开需要收支明细表' })
  })

  it('period: a year from 2000 to next year', () => {
    const msg = '请选择公开的年份'
    expect(check({ period: { year: 2000, month: 1 } }).period).toBeUndefined()
    expect(check({ period: { year: 2027, month: 1 } }).period).toBeUndefined()
    expect(check({ period: { year: 1999, month: 12 } }).period).toBe(msg)
    expect(check({ period: { year: 2028, month: 1 } }).period).toBe(msg)
    expect(check({ period: { year: 2026.5, month: 1 } }).period).toBe(msg)
    expect(check({ period: { month: 1 } as never }).period).toBe(msg)
    expect(check({ period: undefined }).period).toBe(msg)
  })

  it('period: the year range follows now', () => {
    expect(validateDisclosure(good({ period: { year: 2028, month: 1 } }), new Date('2027-01-01T00:00:00.000Z')).period).toBeUndefined()
  })

  it('period: a month or a quarter, not both, not neither', () => {
    const msg = '请选择按月或按季度公开'
    expect(check({ period: { year: 2026 } as never }).period).toBe(msg)
    expect(check({ period: { year: 2026, month: 1, quarter: 1 } as never }).period).toBe(msg)
  })

  it('period: month 1–12', () => {
    expect(check({ period: { year: 2026, month: 1 } }).period).toBeUndefined()
    expect(check({ period: { year: 2026, month: 12 } }).period).toBeUndefined()
    for (const month of [0, 13, 1.5, '11']) expect(check({ period: { year: 2026, month } as never }).period).toBe('月份须为1–12')
  })

  it('period: quarter 1–4', () => {
    expect(check({ period: { year: 2026, quarter: 1 } }).period).toBeUndefined()
    expect(check({ period: { year: 2026, quarter: 4 } }).period).toBeUndefined()
    for (const quarter of [0, 5, 2.5]) expect(check({ period: { year: 2026, quarter } }).period).toBe('季度须为1–4')
  })

  it('title: 2–50 characters', () => {
    expect(check({ title: '公' }).title).toBe('请填写标题')
    expect(check({ title: undefined }).title).toBe('请填写标题')
    expect(check({ title: '公'.repeat(50) }).title).toBeUndefined()
    expect(check({ title: '公'.repeat(51) }).title).toBe('标题不能超过50个字')
  })

  it('body: 2–5000 characters', () => {
    expect(check({ body: '文' }).body).toBe('请填写公开内容')
    expect(check({ body: '文'.repeat(5000) }).body).toBeUndefined()
    expect(check({ body: '文'.repeat(5001) }).body).toBe('内容不能超过5000个字')
  })

  it('photos: a list of at most 9 ids', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `ph-${i}`)
    expect(check({ photoIds: ids(9) }).photoIds).toBeUndefined()
    expect(check({ photoIds: ids(10) }).photoIds).toBe('最多上传9张照片')
    expect(check({ photoIds: undefined }).photoIds).toBe('照片格式不正确')
    expect(check({ photoIds: [1 as never] }).photoIds).toBe('照片格式不正确')
  })

  it('reports every wrong field at once', () => {
    expect(Object.keys(validateDisclosure({}, NOW)).sort()).toEqual(['body', 'category', 'period', 'photoIds', 'title'])
  })
})
