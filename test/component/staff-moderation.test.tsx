import { act, waitFor } from '@testing-library/react'
import AuditLog from '../../src/staff/audit/index'
import Moderation from '../../src/staff/moderation/index'
import StaffWorkspace from '../../src/staff/workspace/index'
import type { ApiClient } from '../../src/api/client'
import { fakeNetwork } from '../../src/platform/network'
import { memoryStorage } from '../../src/platform/storage'
import { RootStore } from '../../src/stores/root-store'
import { recordingClient } from '../unit/support/memory-world'
import { all, fieldError, one, renderPage, tap, usePageTests, world } from './support/app'

usePageTests()

/** 王秀兰 asks the community; 加微信 is an entry the built-in word list holds for review. */
async function asks(wang: ApiClient, body: string) {
  const sent = await wang.messages.send('general', body)
  expect(sent.moderation).toEqual({ status: 'held' })
  return sent
}

const rowOf = (text: string): HTMLElement => {
  const found = all('.moderation__row').find((r) => r.querySelector('.moderation__text')?.textContent === text)
  if (!found) throw new Error(`no held item "${text}"`)
  return found
}

test('staff see what was held and why, approve one, refuse one with a reason; the log lists both decisions', async () => {
  const w = world()
  const wang = await w.client('u-wang')
  await asks(wang, '二手冰箱便宜卖，加微信详聊')
  await new Promise((r) => setTimeout(r, 5))
  await asks(wang, '楼下的邻居请加微信进群')
  const { root } = await w.app('u-zhang')

  // The workspace counts what waits and leads there.
  renderPage(root, StaffWorkspace)
  await waitFor(() => expect(one('[data-action="moderation"] .workspace__count').textContent).toBe('2 条待审核'))
  expect(all('[data-action="audit"]')).toHaveLength(1)

  renderPage(root, Moderation)
  await waitFor(() => expect(all('.moderation__row')).toHaveLength(2))
  expect(one('.moderation__summary').textContent).toBe('待审核 2 条')
  // Oldest first: kind, the text, who wrote it, why it was held.
  expect(all('.moderation__text').map((n) => n.textContent)).toEqual(['二手冰箱便宜卖，加微信详聊', '楼下的邻居请加微信进群'])
  const first = rowOf('二手冰箱便宜卖，加微信详聊')
  expect(first.querySelector('.moderation__kind')!.textContent).toBe('留言')
  expect(first.querySelector('.moderation__by')!.textContent).toMatch(/^王秀兰 · /)
  expect(first.querySelector('.moderation__why')!.textContent).toBe('拦下原因：命中敏感词“加微信”')

  // 通过: the item leaves the list.
  await tap(`[data-item="${first.dataset.item}"] .moderation__approve`)
  await waitFor(() => expect(all('.moderation__row')).toHaveLength(1))
  expect(one('.moderation__summary').textContent).toBe('待审核 1 条')

  // 不通过 asks for a reason: none is refused at the field; a common reason fills it.
  const second = rowOf('楼下的邻居请加微信进群')
  const at = `[data-item="${second.dataset.item}"]`
  await tap(`${at} .moderation__reject`)
  await tap(`${at} .moderation__confirm-reject`)
  await waitFor(() => expect(fieldError('reason')).toBe('请填写未通过的原因（至少2个字），发布人会看到它'))
  expect(all('.moderation__row')).toHaveLength(1)
  await tap(`${at} [data-reason="含有广告或联系方式"]`)
  await tap(`${at} .moderation__confirm-reject`)
  await waitFor(() => expect(all('.moderation__row')).toHaveLength(0))
  expect(one('.moderation__empty').textContent).toBe('没有待审核的内容')

  // The approved message is in the community thread for everyone; the refused one for its author only, with the reason.
  const mine = (await wang.messages.listMessages(`general:u-wang`, { limit: 50 })).items
  expect(mine.map((m) => [m.body, m.moderation ?? null])).toEqual(
    expect.arrayContaining([
      ['二手冰箱便宜卖，加微信详聊', null],
      ['楼下的邻居请加微信进群', { status: 'rejected', reason: '含有广告或联系方式' }],
    ]),
  )

  // 操作记录: the decisions just made, newest first, with who, in which role, on what, the note.
  renderPage(root, AuditLog)
  await waitFor(() => expect(all('.audit__row').length).toBeGreaterThan(1))
  const [newest, before] = all('.audit__row')
  expect(newest.querySelector('.audit__what')!.textContent).toBe('审核未通过')
  expect(newest.querySelector('.audit__who')!.textContent).toBe('张敏（社区工作者）')
  expect(newest.querySelector('.audit__on')!.textContent).toBe('留言 · 涉及 王秀兰')
  expect(newest.querySelector('.audit__note')!.textContent).toBe('说明：含有广告或联系方式')
  expect(before.querySelector('.audit__what')!.textContent).toBe('审核通过')

  // The filter by action.
  await tap('[data-chips="action"] [data-value="moderation.approve"]')
  await waitFor(() => expect(all('.audit__row').map((r) => r.dataset.action)).toEqual(['moderation.approve']))
  await tap('[data-chips="action"] [data-value="role.revoke"]')
  await waitFor(() => expect(one('.audit__empty').textContent).toBe('没有这类操作的记录'))
})

test('a decision someone else made meanwhile is told at the row and the item leaves the list', async () => {
  const w = world()
  await asks(await w.client('u-wang'), '加微信详聊')
  const { root } = await w.app('u-zhang')
  renderPage(root, Moderation)
  await waitFor(() => expect(all('.moderation__row')).toHaveLength(1))
  const he = await w.client('u-he')
  await he.moderation.approve(one('.moderation__row').dataset.item!)
  await tap('.moderation__approve')
  await waitFor(() => expect(all('.moderation__row')).toHaveLength(0))
  expect(one('.moderation__empty').textContent).toBe('没有待审核的内容')
})

test('who does not moderate is told so; a grid worker has no 审核 or 操作记录 tile', async () => {
  const w = world()
  const { root } = await w.app('u-sun')
  const queue = renderPage(root, Moderation)
  await act(async () => undefined)
  expect(one('.review__denied').textContent).toBe('内容审核只对社区工作者和管理员开放')
  queue.unmount()
  renderPage(root, AuditLog)
  await act(async () => undefined)
  expect(one('.review__denied').textContent).toBe('操作记录只对社区工作者、管理员和街道工作人员开放')
  renderPage(root, StaffWorkspace)
  await waitFor(() => expect(all('.inbox-row').length).toBeGreaterThan(0))
  expect(all('[data-action="moderation"], [data-action="audit"]')).toHaveLength(0)
})

test('a street officer reads the log of one of the street’s communities and switches to another', async () => {
  // A street officer belongs to no community: the app has no directory to wait for.
  const w = world()
  const { api } = recordingClient({ backend: w.backend, storage: memoryStorage(), network: fakeNetwork(true) })
  const root = new RootStore({ api, storage: memoryStorage(), network: fakeNetwork(true) })
  await act(async () => {
    await root.session.signInDemo('u-street')
  })
  renderPage(root, AuditLog)
  await waitFor(() => expect(all('[data-chips="community"] [data-value]').map((c) => c.textContent)).toEqual(expect.arrayContaining(['映月社区', '春晖社区'])))
  await waitFor(() => expect(all('.audit__row').length).toBeGreaterThan(0))
  const shown = all('[data-chips="community"] .chip--on').map((c) => c.dataset.value)
  expect(shown).toHaveLength(1)
  const other = all('[data-chips="community"] [data-value]').find((c) => c.dataset.value !== shown[0])!
  await tap(`[data-chips="community"] [data-value="${other.dataset.value}"]`)
  await waitFor(() => expect(one('[data-chips="community"] .chip--on').dataset.value).toBe(other.dataset.value))
  await waitFor(() => expect(root.auditLog.loaded).toBe(true))
  expect(root.auditLog.error).toBeNull()
  expect(root.auditLog.items.every((e) => e.communityId === other.dataset.value)).toBe(true)
})

test('a photo the image check held shows as the photo itself, to look at before deciding', async () => {
  const w = world()
  const { root, api } = await w.app('u-zhang')
  const photo = { id: 'ph_held', url: 'https://linli.example/files/photos/ph_held?exp=1&sig=x' }
  jest.spyOn(api.moderation, 'listHeld').mockResolvedValue({
    items: [
      { id: 'mq_ph', communityId: 'c-yy', kind: 'photo', subject: { id: photo.id }, authorId: 'u-wang', authorName: '王秀兰', text: '', photo, heldFor: '20002', status: 'held', createdAt: new Date().toISOString() },
    ],
  })
  renderPage(root, Moderation)
  await waitFor(() => expect(all('.moderation__row[data-kind="photo"]')).toHaveLength(1))
  const row = one('.moderation__row[data-kind="photo"]')
  expect(row.querySelector('.moderation__kind')?.textContent).toBe('照片')
  expect(row.querySelector('.moderation__photo .photo-grid__img')?.getAttribute('src')).toBe(photo.url)
  expect(row.querySelector('.moderation__text')).toBeNull()
  expect(row.querySelector('.moderation__why')?.textContent).toContain('微信内容安全：疑似色情')
})
