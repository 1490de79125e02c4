import { act, waitFor } from '@testing-library/react'
import TasksPage from '../../src/pages/tasks/index'
import { CLOCK_TICK_MS } from '../../src/stores/ui-store'
import { newKey, validReport } from '../unit/support/memory-world'
import { all, renderPage, usePageTests, world } from './support/app'

usePageTests()

afterEach(() => jest.useRealTimers())

test('我的诉求 says 几秒前 and, with the page left open, 1 分钟前 a minute later: no reload', async () => {
  const { root, api } = await world().app('u-wang')
  const report = await api.reports.submit(validReport({ description: '5号楼门口的井盖松了，踩上去会响' }), { idempotencyKey: newKey() })
  const row = () => all('.report-row').find((r) => r.getAttribute('data-id') === report.id)
  // The clock is the test's from here: the page's ticks and the time both.
  jest.useFakeTimers({ now: Date.now() })
  renderPage(root, TasksPage)
  await waitFor(() => expect(row()?.textContent).toContain('几秒前'))
  const listRequests = jest.spyOn(api.reports, 'listMine')

  // A minute passes with the page on screen.
  await act(async () => {
    jest.advanceTimersByTime(2 * CLOCK_TICK_MS)
  })
  expect(row()?.textContent).toContain('1 分钟前')
  await act(async () => {
    jest.advanceTimersByTime(4 * CLOCK_TICK_MS)
  })
  expect(row()?.textContent).toContain('3 分钟前')
  expect(listRequests).not.toHaveBeenCalled()
})
