import { waitFor } from '@testing-library/react'
import Structure from '../../src/admin/structure/index'
import Taro from '../support/taro-jsdom'
import { all, fieldError, one, renderPage, tap, typeInto, usePageTests, world } from './support/app'

usePageTests()

const row = (section: string, index: number) => `.structure__row[data-section="${section}"][data-index="${index}"]`

test('an admin changes a category’s deadline: checked as typed, saved whole, and the directory has it', async () => {
  const { root, api } = await world().app('u-he')
  const save = jest.spyOn(api.admin, 'saveStructure')
  renderPage(root, Structure)
  await waitFor(() => expect(all('.structure__section[data-section="categories"]')).toHaveLength(1))
  const index = root.structure.structure!.categories.findIndex((c) => c.key === 'cat-light')
  expect(one(row('categories', index)).textContent).toContain('路灯故障')
  expect(one(row('categories', index)).textContent).toContain('48 小时办结')

  await tap(row('categories', index))
  await waitFor(() => one('.structure__edit'))
  expect(one('.structure__edit .section-title').textContent).toBe('修改问题类型')
  // The domain's rules answer as the field is typed, before anything is sent.
  await typeInto('.structure__field--deadlineHours', '0')
  await waitFor(() => expect(fieldError('deadlineHours')).toBeTruthy())
  await tap('.structure__save')
  expect(save).not.toHaveBeenCalled()

  await typeInto('.structure__field--deadlineHours', '36')
  await waitFor(() => expect(fieldError('deadlineHours')).toBeNull())
  await tap('.structure__save')
  await waitFor(() => expect(all('.structure__edit')).toHaveLength(0))
  expect(save).toHaveBeenCalledTimes(1)
  // The whole structure went, with only that row changed.
  const sent = save.mock.calls[0][0]
  expect(sent.categories[index]).toMatchObject({ key: 'cat-light', deadlineHours: 36 })
  expect(sent.categories.length).toBe(root.structure.structure!.categories.length)
  await waitFor(() => expect(one(row('categories', index)).textContent).toContain('36 小时办结'))
  await waitFor(() => expect(root.directory.category('cat-light')!.deadlineHours).toBe(36))
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }))
})

test('removing a category that reports use: the backend’s refusal shows at the row', async () => {
  const { root } = await world().app('u-he')
  renderPage(root, Structure)
  await waitFor(() => expect(all('.structure__row').length).toBeGreaterThan(0))
  const index = root.structure.structure!.categories.findIndex((c) => c.key === 'cat-road')
  await tap(row('categories', index))
  await waitFor(() => one('.structure__remove'))
  await tap('.structure__remove')
  expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '删除问题类型', content: '确定删除“道路破损”吗？' }))
  await waitFor(() => expect(one('.structure__refused').textContent).toMatch(/^问题类型“道路破损”仍有 \d+ 件诉求在用，不能删除；请保留这一行$/))
  // Back in the list, the row still says it.
  await tap('.structure__back')
  await waitFor(() => expect(one(row('categories', index)).querySelector('.field-error')!.textContent).toMatch(/仍有 \d+ 件诉求在用/))
  expect(root.directory.category('cat-road')).toBeDefined()
})

test('a building is added with rooms typed as text', async () => {
  // A tall window: the list draws its last section (网格与楼栋) without scrolling.
  Object.assign(Taro, { getWindowInfo: () => ({ windowHeight: 20000, windowWidth: 375, pixelRatio: 2 }) })
  const { root } = await world().app('u-he')
  renderPage(root, Structure)
  await waitFor(() => expect(all('.structure__add').length).toBe(4))
  const before = root.structure.structure!.buildings.length
  await tap('.structure__section[data-section="buildings"] .structure__add')
  await waitFor(() => expect(one('.structure__edit .section-title').textContent).toBe('添加楼栋'))
  await typeInto('.structure__field--name', '9号楼')
  await typeInto('.structure__field--rooms', '101-103，201')
  await tap('[data-chips="grid"] [data-value="第三网格"]')
  await tap('.structure__save')
  await waitFor(() => expect(all('.structure__edit')).toHaveLength(0))
  const added = root.structure.structure!.buildings[before]
  expect(added).toMatchObject({ name: '9号楼', grid: '第三网格', rooms: ['101', '102', '103', '201'] })
  await waitFor(() => expect(root.directory.directory!.buildings.some((b) => b.name === '9号楼')).toBe(true))
})

test('staff are told the settings are for admins', async () => {
  const { root } = await world().app('u-zhang')
  renderPage(root, Structure)
  await waitFor(() => expect(one('.admin__denied').textContent).toBe('只有社区管理员可以修改社区设置'))
})
