import { act, fireEvent, waitFor } from '@testing-library/react'
import RatePage from '../../src/reports/rate/index'
import { T } from '../../src/reports/texts'
import { newKey, validReport } from '../unit/support/memory-world'
import { one, renderPage, usePageTests, world } from './support/app'

usePageTests()

/** 王秀兰's report, handled to 已办结 by staff, so she can rate it. */
async function resolvedReport() {
  const w = world()
  const { root, api } = await w.app('u-wang')
  const report = await api.reports.submit(validReport({ description: '3号楼东侧路灯不亮，晚上很黑' }), { idempotencyKey: newKey() })
  const staff = await w.client('u-zhang')
  await staff.handling.accept(report.id, {})
  await staff.handling.assign(report.id, { assignee: { kind: 'user', id: 'u-sun' } })
  await staff.handling.resolve(report.id, { note: '已修复' })
  return { root, id: report.id }
}

const placeholder = () => one('.rate__comment textarea').getAttribute('placeholder')

async function choose(level: string) {
  await act(async () => {
    fireEvent.click(one(`.rate__level[data-level="${level}"]`))
  })
}

test('the comment’s example follows the level chosen: 不满意 asks what is still wrong', async () => {
  const { root, id } = await resolvedReport()
  renderPage(root, RatePage, { id })
  await waitFor(() => expect(placeholder()).toBe(T.ratePlaceholder.satisfied))

  await choose('unsatisfied')
  await waitFor(() => expect(placeholder()).toBe('请说说哪里还没解决，我们会重新办理'))
  expect(placeholder()).not.toMatch(/谢谢/)

  await choose('basically_satisfied')
  await waitFor(() => expect(placeholder()).toBe(T.ratePlaceholder.basically_satisfied))
  await choose('satisfied')
  await waitFor(() => expect(placeholder()).toBe('例如：路灯修好了，谢谢！'))
})
