import { waitFor } from '@testing-library/react'
import { ApiError } from '../../src/api/errors'
import { actorOf } from '../../src/domain/actor'
import { allowedMoves } from '../../src/domain/permissions'
import HandlePage from '../../src/staff/handle/index'
import { S } from '../../src/staff/texts'
import Taro from '../support/taro-jsdom'
import { all, fieldError, one, renderPage, tap, typeInto, usePageTests, world } from './support/app'

usePageTests()

function moveButtons(): string[] {
  return all('[data-move]').map((b) => b.getAttribute('data-move')!)
}

async function reportOf(w: ReturnType<typeof world>, categoryId: string): Promise<string> {
  const staff = await w.client('u-zhang')
  const page = await staff.handling.listInbox({ limit: 50, categoryId })
  return page.items[0].id
}

async function openPage(root: Parameters<typeof renderPage>[0], id: string) {
  renderPage(root, HandlePage, { id })
  await waitFor(() => expect(all('.handle__report').length).toBe(1))
}


test('staff see exactly the moves the rules allow on a new report', async () => {
  const w = world()
  const id = await reportOf(w, 'cat-light')
  const { root } = await w.app('u-zhang')
  await openPage(root, id)

  const detail = root.reportDetails.get(id)!
  expect(detail.report.status).toBe('submitted')
  expect(new Set(moveButtons())).toEqual(new Set(detail.allowedActions.filter((a) => a !== 'rate')))
  expect(moveButtons()).toEqual(['accept', 'transfer', 'merge', 'reject', 'escalate'])
  expect(all('[data-move]').map((b) => b.textContent)).toEqual(['受理', '转派', '合并', '不予受理', '督办'])
  // Nothing that the status does not allow yet.
  expect(moveButtons()).not.toContain('resolve')
  expect(moveButtons()).not.toContain('assign')
})

test('a grid worker gets no staff-only moves (不予受理, 合并, 督办)', async () => {
  const w = world()
  const id = await reportOf(w, 'cat-parking') // accepted, in 第二网格
  const { root } = await w.app('u-sun')
  await openPage(root, id)

  const detail = root.reportDetails.get(id)!
  const user = root.session.user!
  expect(new Set(moveButtons())).toEqual(new Set(allowedMoves(actorOf(user), detail.report).filter((m) => m !== 'rate')))
  expect(moveButtons()).toEqual(['assign', 'progress', 'transfer'])
  expect(document.body.textContent).not.toContain('不予受理')
})

test('不予受理 without a reason is refused under the field, and nothing is sent', async () => {
  const w = world()
  const id = await reportOf(w, 'cat-light')
  const { root, ops } = await w.app('u-zhang')
  await openPage(root, id)

  await tap('[data-move="reject"]')
  expect(one('[data-panel="reject"]').textContent).toContain(S.reason)
  await tap('.handle__confirm')

  await waitFor(() => expect(fieldError('reason')).toBe('请填写不予受理的理由，居民会看到它'))
  expect(ops).not.toContain('handling.reject')
  expect(root.reportDetails.get(id)!.report.status).toBe('submitted')

  // Typing clears the message; with a reason it goes through and the timeline says so.
  await typeInto('.handle__reason', '该问题属于物业管理范围，请联系物业服务中心')
  await waitFor(() => expect(fieldError('reason')).toBeNull())
  await tap('.handle__confirm')
  await waitFor(() => expect(root.reportDetails.get(id)!.report.status).toBe('rejected'))
  expect(ops.filter((o) => o === 'handling.reject')).toHaveLength(1)
  await waitFor(() => expect(one('.st-current .st-title').textContent).toBe('不予受理'))
  expect(one('.st-current .st-note').textContent).toBe('该问题属于物业管理范围，请联系物业服务中心')
  // A rejected report has nothing left to do.
  expect(moveButtons()).toEqual([])
})

test('field messages the backend returns are shown under their fields', async () => {
  const w = world()
  const id = await reportOf(w, 'cat-light')
  const { root, faults } = await w.app('u-zhang')
  await openPage(root, id)
  faults.before = (op) => {
    if (op === 'handling.reject') throw new ApiError('validation', '理由包含不适宜的内容', { fields: { reason: '理由包含不适宜的内容，请修改' } })
  }

  await tap('[data-move="reject"]')
  await typeInto('.handle__reason', '一个会被后端拒绝的理由')
  await tap('.handle__confirm')
  await waitFor(() => expect(fieldError('reason')).toBe('理由包含不适宜的内容，请修改'))
  expect(root.reportDetails.get(id)!.report.status).toBe('submitted')
})

test('派单 offers the grid workers of the report’s grid and the departments; a reply template fills the note', async () => {
  const w = world()
  const id = await reportOf(w, 'cat-light') // 3号楼 → 第二网格
  const { root } = await w.app('u-zhang')
  await openPage(root, id)
  await tap('[data-move="accept"]')
  await tap('.handle__confirm')
  await waitFor(() => expect(moveButtons()).toContain('assign'))

  await tap('[data-move="assign"]')
  expect(all('[data-options="assignee"] .option__label').map((o) => o.textContent)).toEqual(['孙丽', '物业服务中心', '市政养护所', '城管中队'])
  await tap('.handle__confirm')
  await waitFor(() => expect(fieldError('assignee')).toBe('请选择处置人或部门'))

  await tap('[data-options="assignee"] [data-value="user:u-sun"]')
  await waitFor(() => expect(fieldError('assignee')).toBeNull())
  await tap('[data-template="tpl-visit"]')
  await waitFor(() => expect((one('.handle__note textarea') as HTMLTextAreaElement).value).toContain('已安排网格员上门查看'))
  await tap('.handle__confirm')
  await waitFor(() => expect(root.reportDetails.get(id)!.report.status).toBe('in_progress'))
  expect(root.reportDetails.get(id)!.report.assignee).toMatchObject({ kind: 'user', id: 'u-sun', name: '孙丽' })
  // The timeline says to whom.
  await waitFor(() => expect(one('.st-current .st-title').textContent).toBe('派给 孙丽'))
  expect(one('.st-current .st-note').textContent).toContain('已安排网格员上门查看')
})

test('拨打电话: the page shows the reporter’s number masked; the full one is fetched and dialled only on the tap', async () => {
  const w = world()
  const id = await reportOf(w, 'cat-light') // 王秀兰's
  const { root, ops } = await w.app('u-zhang')
  const open = jest.spyOn(window, 'open').mockImplementation(() => null)
  try {
    await openPage(root, id)
    const reporter = one('.handle__contact')
    expect(reporter.textContent).toContain('反映人：王秀兰 138****0001')
    expect(document.body.textContent).not.toContain('13800000001')
    expect(ops).not.toContain('handling.reporterPhone')
    expect(open).not.toHaveBeenCalled()

    expect(one('.handle__call').textContent).toBe('拨打电话')
    await tap('.handle__call')
    // First, why: the reasons of the domain; without one, nothing is asked for.
    expect(all('[data-panel="reveal"] .option__label').map((o) => o.textContent)).toEqual(['回访核实', '上门前联系', '紧急情况'])
    await tap('.handle__dial')
    await waitFor(() => expect(one('[data-panel="reveal"]').textContent).toContain('请选择查看完整电话的原因'))
    expect(ops).not.toContain('handling.reporterPhone')
    await tap('[data-panel="reveal"] [data-value="follow_up"]')
    await tap('.handle__dial')
    // On H5 the dialer opens in a new browsing context (platform/location.ts callPhone), with the full number.
    await waitFor(() => expect(open).toHaveBeenCalledWith('tel:13800000001', '_blank'))
    expect(ops.filter((o) => o === 'handling.reporterPhone')).toHaveLength(1)
    expect(Taro.makePhoneCall).not.toHaveBeenCalled()
    // The page still holds only the masked number.
    expect(document.body.textContent).not.toContain('13800000001')
    expect(JSON.stringify(root.reportDetails.get(id))).not.toContain('13800000001')
  } finally {
    open.mockRestore()
  }
})

test('拨打电话 in the mini-program hands the full number to WeChat’s dialer', async () => {
  const w = world()
  const id = await reportOf(w, 'cat-light')
  const { root } = await w.app('u-sun') // the grid worker of 3号楼's grid
  await openPage(root, id)
  expect(Taro.makePhoneCall).not.toHaveBeenCalled()
  const env = process.env.TARO_ENV
  process.env.TARO_ENV = 'weapp'
  try {
    await tap('.handle__call')
    await tap('[data-panel="reveal"] [data-value="before_visit"]')
    await tap('.handle__dial')
    await waitFor(() => expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13800000001' }))
    // The reveal is in the audit log, with its reason.
    const log = await (await w.client('u-zhang')).audit.list({ action: 'phone.reveal', subjectKind: 'report', subjectId: id })
    expect(log.items.map((e) => [e.actor.id, e.note])).toEqual([['u-sun', '上门前联系']])
  } finally {
    process.env.TARO_ENV = env
  }
})

test('拨打电话 that cannot get the number says so in a toast, and dials nothing', async () => {
  const w = world()
  const id = await reportOf(w, 'cat-light')
  const { root, faults } = await w.app('u-zhang')
  const open = jest.spyOn(window, 'open').mockImplementation(() => null)
  try {
    await openPage(root, id)
    faults.before = (op) => {
      if (op === 'handling.reporterPhone') throw new ApiError('network')
    }
    await tap('.handle__call')
    await tap('[data-panel="reveal"] [data-value="emergency"]')
    await tap('.handle__dial')
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '暂时无法获取电话号码，请稍后再试' })))
    expect(open).not.toHaveBeenCalled()
    expect(Taro.makePhoneCall).not.toHaveBeenCalled()
  } finally {
    open.mockRestore()
  }
})

test('转派 to a department: the timeline says which one', async () => {
  const w = world()
  const id = await reportOf(w, 'cat-light')
  const { root } = await w.app('u-zhang')
  await openPage(root, id)
  await tap('[data-move="transfer"]')
  await tap('[data-options="target"] [data-value="department:d-property"]')
  await typeInto('.handle__note', '属于物业管理范围，请物业处理')
  await tap('.handle__confirm')
  await waitFor(() => expect(root.reportDetails.get(id)!.report.status).toBe('transferred'))
  await waitFor(() => expect(one('.st-current .st-title').textContent).toBe('转派给 物业服务中心'))
  expect(one('.st-current .st-note').textContent).toBe('属于物业管理范围，请物业处理')
})
