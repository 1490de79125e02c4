import { act, fireEvent, waitFor } from '@testing-library/react'
import ThreadPage from '../../src/messages/thread/index'
import ReportDetailPage from '../../src/reports/detail/index'
import { generalThreadId, reportThreadId } from '../../src/domain/messages'
import { all, fieldError, fieldIn, one, renderPage, typeInto, usePageTests, world } from './support/app'

usePageTests()

async function send() {
  await act(async () => {
    fireEvent.click(one('.composer__send'))
  })
}

test('a resident reads the handler’s answer under their report and writes back on the report’s thread', async () => {
  const w = world()
  const { root, api } = await w.app('u-wang')
  const water = (await api.reports.listMine({ limit: 50 })).items.find((r) => r.categoryId === 'cat-water')!
  const send$ = jest.spyOn(api.messages, 'send')

  renderPage(root, ReportDetailPage, { id: water.id })
  await waitFor(() => expect(all(`[data-thread="${reportThreadId(water.id)}"] .message`).length).toBeGreaterThan(0))
  const theirs = one('.message--theirs')
  expect(theirs.querySelector('.message__meta')?.textContent).toMatch(/^网格员 孙丽 · /)

  await send()
  await waitFor(() => expect(fieldError('body')).toBe('请输入留言内容'))
  expect(send$).not.toHaveBeenCalled()
  // The message says what is missing (the box's example says something else), and the box keeps
  // the focus, so the resident can type straight away.
  const box = await fieldIn('.composer__input')
  expect(box.getAttribute('placeholder')).not.toBe('请输入留言内容')
  await waitFor(() => expect(document.activeElement).toBe(box))

  await typeInto('.composer__input', '好的，明天上午家里有人，谢谢！')
  await send()
  await waitFor(() => expect(all('.message--mine .message__body').map((m) => m.textContent)).toEqual(['好的，明天上午家里有人，谢谢！']))
  expect(send$).toHaveBeenCalledWith({ reportId: water.id }, '好的，明天上午家里有人，谢谢！')

  // The handler sees it on the same thread.
  const sun = await w.client('u-sun')
  const page = await sun.messages.listMessages(reportThreadId(water.id))
  expect(page.items.at(-1)).toMatchObject({ authorId: 'u-wang', body: '好的，明天上午家里有人，谢谢！' })
})

test('staff answer a resident’s question from the thread page', async () => {
  const w = world()
  const wang = await w.client('u-wang')
  await wang.messages.send('general', '社区活动室周末开放吗？')
  const unreadBefore = await wang.messages.unreadCount()
  const { root } = await w.app('u-zhang')

  renderPage(root, ThreadPage, { id: generalThreadId('u-wang') })
  await waitFor(() => expect(all('.message--theirs .message__body').map((m) => m.textContent)).toEqual(['社区活动室周末开放吗？']))
  expect(one('.composer__send').textContent).toBe('回复')
  await typeInto('.composer__input', '周末上午9点到11点开放')
  await send()
  await waitFor(() => expect(all('.message--mine')).toHaveLength(1))

  const answer = await wang.messages.listMessages(generalThreadId('u-wang'))
  expect(answer.items.map((m) => [m.authorId, m.body])).toEqual([
    ['u-wang', '社区活动室周末开放吗？'],
    ['u-zhang', '周末上午9点到11点开放'],
  ])
  expect(await wang.messages.unreadCount()).toBe(unreadBefore + 1)
})
