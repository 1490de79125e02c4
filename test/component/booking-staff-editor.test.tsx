import { act, cleanup, waitFor } from '@testing-library/react'
import ServiceEditPage from '../../src/booking/service-edit/index'
import { memoryStorage } from '../../src/platform/storage'
import Taro from '../support/taro-jsdom'
import { loseFirstResponse } from '../unit/support/memory-world'
import { all, fieldError, fieldIn, one, renderPage, tap, typeInto, usePageTests } from './support/app'
import { disposeStaffRoots, staffWorld } from './support/booking-staff'

usePageTests()
jest.setTimeout(30_000)
beforeEach(() => localStorage.clear())
afterEach(() => disposeStaffRoots())

async function fillBasics() {
  await typeInto('.se-field--name', '老年人健康讲座')
  await tap('[data-chips="kind"] [data-value="volunteer"]')
  await typeInto('.se-description', '社区医生讲解冬季常见病的预防，现场可量血压。')
  await typeInto('.se-field--location', '社区活动中心三楼')
  await typeInto('.se-field--provider', '社区卫生服务站 李医生')
}

test('发布 is refused field by field in Chinese, then a fixed service is published with its hours, questions and rules', async () => {
  const w = staffWorld()
  const { root, api } = await w.app('u-zhang')
  renderPage(root, ServiceEditPage)
  await waitFor(() => expect(all('.se-submit')).toHaveLength(1))

  await typeInto('.se-field--durationMinutes', '5')
  await tap('[data-act="add-hours-2"]')
  await tap('.se-submit')
  expect(fieldError('name')).toBe('请填写服务名称')
  expect(fieldError('kind')).toBe('请选择服务类别')
  expect(fieldError('description')).toBe('请填写服务说明')
  expect(fieldError('provider')).toBe('请填写服务提供方')
  expect(fieldError('location')).toBe('请填写服务地址')
  expect(fieldError('durationMinutes')).toBe('每个时段的时长应为10至480分钟')
  expect(Taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请先改正标出的内容' }))
  expect((await api.services.list({ all: true })).some((s) => s.name === '老年人健康讲座')).toBe(false)

  await fillBasics()
  await typeInto('.se-field--durationMinutes', '60')
  // 周二 09:00–12:00 (added above) and a second session that ends before it starts.
  await tap('[data-act="add-hours-2"]')
  const second = all('[data-weekday="2"] .se-window')[1]
  await typeInto(`[data-weekday="2"] [data-window="${second.dataset.window}"] .se-time:last-of-type`, '13:00')
  await tap('.se-submit')
  expect(fieldError('hours')).toBe('开放时间的结束时间应晚于开始时间')
  await typeInto(`[data-weekday="2"] [data-window="${second.dataset.window}"] .se-time:last-of-type`, '17:00')

  // A question, the confirmation, a limit, a closed day.
  await tap('[data-act="add-question"]')
  await typeInto('[data-question="q1"] .se-question__label', '参加人数')
  await tap('[data-chips="question-kind-q1"] [data-value="number"]')
  await tap('[data-chips="confirmation"] [data-value="yes"]')
  await tap('[data-chips="limit"] [data-value="on"]')
  await tap('[data-chips="limit-period"] [data-value="month"]')
  await typeInto('.se-field--rules-householdLimit', '1')
  await tap('[data-act="add-closed"]')
  await typeInto('[data-exception="0"] .se-note', '元旦休息')
  await tap('[data-chips="eligibility"] [data-value="elderly"]')

  await tap('.se-submit')
  await waitFor(() => expect(Taro.navigateBack.mock.calls.length + Taro.redirectTo.mock.calls.length).toBe(1))
  const made = (await api.services.list({ all: true })).find((s) => s.name === '老年人健康讲座')!
  expect(made).toMatchObject({
    kind: 'volunteer',
    location: { kind: 'address', address: '社区活动中心三楼' },
    durationMinutes: 60,
    eligibility: ['elderly'],
    requiresConfirmation: true,
    status: 'published',
    rules: { minNoticeMinutes: 120, maxDaysAhead: 14, changeCutoffMinutes: 60, householdLimit: { count: 1, period: 'month' } },
    hours: [
      { weekday: 2, start: '09:00', end: '12:00' },
      { weekday: 2, start: '14:00', end: '17:00' },
    ],
  })
  expect(made.questions.map((q) => [q.id, q.label, q.kind, q.required])).toEqual([
    ['phone', '联系电话', 'phone', true],
    ['q1', '参加人数', 'number', false],
  ])
  expect(made.exceptions).toEqual([expect.objectContaining({ kind: 'closed', note: '元旦休息' })])
})

test('a new service survives the app being killed, and a lost answer never publishes it twice', async () => {
  const w = staffWorld()
  const storage = memoryStorage()
  const first = await w.app('u-zhang', storage)
  renderPage(first.root, ServiceEditPage)
  await waitFor(() => expect(all('.se-submit')).toHaveLength(1))
  await fillBasics()
  await tap('[data-act="add-hours-4"]')
  expect(storage.keys()).toContain('linli.service-draft.u-zhang')
  // Killed: a new app on the same phone storage.
  cleanup()
  first.root.dispose()
  const again = await w.app('u-zhang', storage)
  renderPage(again.root, ServiceEditPage)
  await waitFor(() => expect(all('.se-restored')).toHaveLength(1))
  expect((await fieldIn('.se-field--name')).value).toBe('老年人健康讲座')
  expect(all('[data-weekday="4"] .se-window')).toHaveLength(1)

  // The answer to the create is lost; 发布 again sends the same key: one service.
  loseFirstResponse(again.faults, 'services.create')
  await tap('.se-submit')
  await waitFor(() => expect(again.root.bookingDesk.editor.busy).toBe(false))
  await tap('.se-submit')
  await waitFor(() => expect(Taro.navigateBack.mock.calls.length + Taro.redirectTo.mock.calls.length).toBe(1))
  const named = (await again.api.services.list({ all: true })).filter((s) => s.name === '老年人健康讲座')
  expect(named).toHaveLength(1)
  expect(again.ops.filter((op) => op === 'services.create')).toHaveLength(2)
  expect(storage.keys()).not.toContain('linli.service-draft.u-zhang')
})

test('a lost answer, then a fix and 发布 again: the published service is found and opened, never a second one', async () => {
  const w = staffWorld()
  const { root, api, ops, faults } = await w.app('u-zhang')
  renderPage(root, ServiceEditPage)
  await waitFor(() => expect(all('.se-submit')).toHaveLength(1))
  await fillBasics()
  await tap('[data-act="add-hours-4"]')
  loseFirstResponse(faults, 'services.create')
  await tap('.se-submit')
  await waitFor(() => expect(root.bookingDesk.editor.busy).toBe(false))
  expect(ops.filter((op) => op === 'services.create')).toHaveLength(1)

  // A typo fixed in the name: the same key now carries other content, which the backend refuses.
  await typeInto('.se-field--name', '老年人健康知识讲座')
  await tap('.se-submit')
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '上次发布可能已成功，已为您打开该服务' })))
  await waitFor(() => expect(root.bookingDesk.editor.busy).toBe(false))
  expect(root.bookingDesk.editor.original?.name).toBe('老年人健康讲座')
  expect(fieldError('idempotencyKey')).toBeNull()
  expect((await fieldIn('.se-field--name')).value).toBe('老年人健康知识讲座')

  // 发布 again edits the one made: one service, with the fixed name.
  await tap('.se-submit')
  await waitFor(() => expect(Taro.navigateBack.mock.calls.length + Taro.redirectTo.mock.calls.length).toBe(1))
  const all_ = await api.services.list({ all: true })
  expect(all_.filter((s) => s.name === '老年人健康讲座' || s.name === '老年人健康知识讲座').map((s) => s.name)).toEqual(['老年人健康知识讲座'])
  expect(ops.filter((op) => op === 'services.create')).toHaveLength(2)
  expect(ops.filter((op) => op === 'services.update')).toHaveLength(1)
})

test('editing a service shows it as it is and saves the change', async () => {
  const w = staffWorld()
  const { root, api } = await w.app('u-zhang')
  const legal = (await api.services.list({ all: true })).find((s) => s.name === '法律咨询')!
  renderPage(root, ServiceEditPage, { id: legal.id })
  await waitFor(() => expect(all('.se-submit')).toHaveLength(1))
  expect((await fieldIn('.se-field--name')).value).toBe('法律咨询')
  expect((await fieldIn('.se-field--capacity')).value).toBe('3')
  expect(one('.se-submit').textContent).toBe('保存')
  await typeInto('.se-field--capacity', '4')
  await tap('[data-chips="status"] [data-value="retired"]')
  await act(async () => {
    await tap('.se-submit')
  })
  await waitFor(() => expect(Taro.navigateBack.mock.calls.length + Taro.redirectTo.mock.calls.length).toBe(1))
  const saved = await api.services.get(legal.id)
  expect(saved.capacity).toBe(4)
  expect(saved.status).toBe('retired')
  expect(saved.questions).toEqual(legal.questions)
})
