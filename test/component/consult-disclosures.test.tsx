import { act, waitFor } from '@testing-library/react'
import { ApiError } from '../../src/api/errors'
import DisclosurePage from '../../src/consult/disclosure/index'
import PublishDisclosurePage from '../../src/consult/disclosure-publish/index'
import ConsultPage from '../../src/consult/index/index'
import Taro from '../support/taro-jsdom'
import { all, fieldError, one, renderPage, tap, typeInto, usePageTests, world } from './support/app'

usePageTests()
beforeEach(() => localStorage.clear())

const text = () => document.body.textContent ?? ''

async function disclosureId(w: ReturnType<typeof world>, title: string): Promise<string> {
  const api = await w.client('u-zhang')
  const found = (await api.conventions.listDisclosures({ limit: 50 })).items.find((d) => d.title === title)
  if (!found) throw new Error(`no disclosure ${title}`)
  return found.id
}

const FINANCE = '2026年第三季度社区公益金收支公开'

test('the 公开 tab lists the disclosures, by category', async () => {
  const { root } = await world().app('u-wang')
  renderPage(root, ConsultPage, { tab: 'disclosures' })
  await waitFor(() => expect(all('.disc-row')).toHaveLength(2))
  expect(all('[data-chips="category"] [data-value]').map((c) => c.textContent)).toEqual(['全部', '党务公开', '居务公开', '财务公开'])
  expect(all('.disc-row')[0].textContent).toContain('11月居务公开：民生实事进展')
  expect(all('.disc-row')[0].textContent).toContain('居务公开2026年11月')
  await tap('[data-chips="category"] [data-value="finance"]')
  await waitFor(() => expect(all('.disc-row')).toHaveLength(1))
  expect(one('.disc-row').textContent).toContain('2026年第3季度')
  expect(one('.disc-row').textContent).toContain('2条提问')
  await tap('[data-chips="category"] [data-value="party"]')
  await waitFor(() => expect(text()).toContain('还没有公开内容'))
  // Residents read; only staff publish.
  expect(all('.consult__publish')).toHaveLength(0)
})

test('a finance disclosure: the table in yuan with totals and balances; opening it marks it read; a question is a tap away', async () => {
  const w = world()
  const id = await disclosureId(w, FINANCE)
  const { root } = await w.app('u-wang')
  expect((await (await w.client('u-wang')).conventions.getDisclosure(id)).readByMe).toBe(false)
  renderPage(root, DisclosurePage, { id })
  await waitFor(() => expect(all('.finance-table')).toHaveLength(1))
  expect(one('.disclosure__period').textContent).toBe('2026年第3季度')
  expect(one('[data-total="income"]').textContent).toBe('收入合计58,000.00元')
  expect(one('[data-total="expense"]').textContent).toBe('支出合计37,950.00元')
  expect(one('[data-balance="opening"]').textContent).toBe('期初余额12,000.00元')
  expect(one('[data-balance="closing"]').textContent).toBe('期末余额32,050.00元')
  expect(all('[data-kind="expense"] .finance-table__line')[0].textContent).toBe('楼道照明维修12,350.00元')
  // A resident does not see the read counts.
  expect(all('[data-reads="count"]')).toHaveLength(0)
  await waitFor(async () => expect((await (await w.client('u-wang')).conventions.getDisclosure(id)).readByMe).toBe(true))
  await tap('.disclosure__ask')
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: expect.stringMatching(new RegExp(`^/consult/discussion/index\\?kind=disclosure&id=${id}&title=`)) })
  expect(one('.disclosure__ask').textContent).toBe('有疑问？提问（已有2条）')
})

test('staff see how many households have read it', async () => {
  const w = world()
  const id = await disclosureId(w, FINANCE)
  await (await w.client('u-li')).conventions.markDisclosureRead(id)
  const { root } = await w.app('u-zhang')
  renderPage(root, DisclosurePage, { id })
  await waitFor(() => expect(all('[data-reads="count"]')).toHaveLength(1))
  expect(one('[data-reads="count"]').textContent).toMatch(/^已读 [12] \/ \d+ 户$/)
})

async function fillFinanceForm() {
  await waitFor(() => expect(all('[data-chips="category"] [data-value]')).toHaveLength(3))
  await tap('[data-chips="category"] [data-value="finance"]')
  await tap('[data-chips="period-kind"] [data-value="quarter"]')
  await typeInto('.dpub__title', '2026年第四季度公益金收支公开')
  await typeInto('.dpub__body', '现将第四季度社区公益金收支公开如下。')
  await waitFor(() => expect(all('.dpub__line')).toHaveLength(2))
  await typeInto('.dpub__line[data-line="0"] .dpub__line-name', '上级拨付')
  await typeInto('.dpub__line[data-line="0"] .dpub__line-amount', '5000')
  await tap('.dpub__line[data-line="1"] [data-value="expense"]')
  await typeInto('.dpub__line[data-line="1"] .dpub__line-name', '楼道照明')
  await typeInto('.dpub__line[data-line="1"] .dpub__line-amount', '1234.5')
}

test('the finance table is checked line by line as it is typed: the wrong line and the wrong total say so', async () => {
  const { root, api } = await world().app('u-zhang')
  renderPage(root, PublishDisclosurePage)
  await fillFinanceForm()
  // An amount that is not one: on its own line, before any submit.
  await typeInto('.dpub__line[data-line="1"] .dpub__line-amount', '12元3角')
  await waitFor(() => expect(fieldError('finance.items.1.amount')).toBe('第2行「楼道照明」的金额须为大于0的数（最多两位小数）'))
  expect(fieldError('finance.items.0.amount')).toBeNull()
  await typeInto('.dpub__line[data-line="1"] .dpub__line-amount', '1234.5')
  await waitFor(() => expect(fieldError('finance.items.1.amount')).toBeNull())
  expect(one('.dpub__sums').textContent).toBe('各项相加：收入5,000.00元，支出1,234.50元')

  // Declared totals that do not add up.
  await typeInto('.dpub__total-income', '5000')
  await typeInto('.dpub__total-expense', '1243.50')
  await waitFor(() => expect(fieldError('finance.totalExpenseFen')).toMatch(/^支出合计为1,243.50元，但各项相加为1,234.50元/))
  expect(fieldError('finance.totalIncomeFen')).toBeNull()
  await typeInto('.dpub__opening', '100')
  await typeInto('.dpub__closing', '3000')
  await waitFor(() => expect(fieldError('finance.closingBalanceFen')).toMatch(/^期末余额为3,000.00元，但期初余额加收入减支出为3,865.50元/))

  const publish = jest.spyOn(api.conventions, 'publishDisclosure')
  await tap('.dpub__submit')
  expect(publish).not.toHaveBeenCalled()

  await typeInto('.dpub__total-expense', '1234.50')
  await typeInto('.dpub__closing', '3865.50')
  await waitFor(() => expect(fieldError('finance.totalExpenseFen')).toBeNull())
  expect(fieldError('finance.closingBalanceFen')).toBeNull()
  await tap('.dpub__submit')
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled())
  const [sent] = publish.mock.calls[0]
  expect(sent.period).toEqual({ year: new Date().getFullYear(), quarter: Math.floor(new Date().getMonth() / 3) + 1 })
  expect(sent.finance).toEqual({
    items: [
      { kind: 'income', name: '上级拨付', amountFen: 500_000 },
      { kind: 'expense', name: '楼道照明', amountFen: 123_450 },
    ],
    totalIncomeFen: 500_000,
    totalExpenseFen: 123_450,
    openingBalanceFen: 10_000,
    closingBalanceFen: 386_550,
  })
})

test('the server’s refusal lands on the line it names; a lost answer is retried under the same key', async () => {
  const { root, api } = await world().app('u-zhang')
  renderPage(root, PublishDisclosurePage)
  await fillFinanceForm()
  await typeInto('.dpub__total-income', '5000')
  await typeInto('.dpub__total-expense', '1234.50')
  const real = api.conventions.publishDisclosure.bind(api.conventions)
  const spy = jest
    .spyOn(api.conventions, 'publishDisclosure')
    .mockRejectedValueOnce(new ApiError('network', '网络不太好，请稍后重试'))
    .mockRejectedValueOnce(new ApiError('validation', '第2行项目名称重复', { fields: { 'finance.items.1.name': '第2行「楼道照明」与第1行重复，请合并' } }))
    .mockImplementation(real)

  // Lost: nothing to fix, the same submission is sent again under its key.
  await tap('.dpub__submit')
  await waitFor(() => expect(spy).toHaveBeenCalledTimes(1))
  await waitFor(() => expect(root.disclosures.publishing).toBe(false))
  await tap('.dpub__submit')
  await waitFor(() => expect(spy).toHaveBeenCalledTimes(2))
  expect(spy.mock.calls[1][1].idempotencyKey).toBe(spy.mock.calls[0][1].idempotencyKey)
  await waitFor(() => expect(fieldError('finance.items.1.name')).toBe('第2行「楼道照明」与第1行重复，请合并'))
  expect(Taro.redirectTo).not.toHaveBeenCalled()

  // Fixed: the message goes when the line changes; a new key for the corrected disclosure.
  await typeInto('.dpub__line[data-line="1"] .dpub__line-name', '楼道照明维修')
  await waitFor(() => expect(fieldError('finance.items.1.name')).toBeNull())
  await tap('.dpub__submit')
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled())
  expect(spy.mock.calls[2][1].idempotencyKey).not.toBe(spy.mock.calls[1][1].idempotencyKey)
  const created = [...root.disclosures.details.values()].find((d) => d.title === '2026年第四季度公益金收支公开')!
  expect(created.finance?.items[1].name).toBe('楼道照明维修')
  await act(async () => undefined)
})

test('a resident is not offered the form', async () => {
  const { root } = await world().app('u-wang')
  renderPage(root, PublishDisclosurePage)
  await waitFor(() => expect(text()).toContain('只有社区工作者可以使用这个功能'))
  expect(all('.dpub__submit')).toHaveLength(0)
})
