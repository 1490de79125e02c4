import { waitFor } from '@testing-library/react'
import AssistedPage from '../../src/staff/assisted/index'
import Taro from '../support/taro-jsdom'
import { all, fieldError, one, renderPage, tap, typeInto, usePageTests, world } from './support/app'

usePageTests()


const counter = () => one('.assisted .description-field__count')

test('a building leader files for a neighbour: only their buildings, every field checked, then one report for the household', async () => {
  const w = world()
  const { root, ops } = await w.app('u-zhou')
  renderPage(root, AssistedPage)
  await waitFor(() => expect(all('[data-chips="building"] [data-value]').length).toBeGreaterThan(0))
  // 周桂芳 leads 3号楼 and 5号楼: those are the only homes she may file for.
  expect(all('[data-chips="building"] [data-value]').map((c) => c.textContent)).toEqual(['3号楼', '5号楼'])

  // An empty form: a message under every field that needs one, nothing sent.
  await tap('.assisted__submit')
  await waitFor(() => expect(fieldError('description')).toBe('请描述遇到的问题'))
  expect(fieldError('buildingId')).not.toBeNull()
  expect(fieldError('categoryId')).toBe('请选择问题类型')
  expect(ops.filter((op) => op === 'handling.submitOnBehalf')).toEqual([])
  expect(counter().textContent).toBe('0/500')

  // The description's counter counts as the rules do and turns red past the limit.
  await typeInto('.assisted__description', '很'.repeat(501))
  await waitFor(() => expect(counter().textContent).toBe('501/500'))
  expect(counter().className).toMatch(/description-field__count--over/)
  await waitFor(() => expect(fieldError('description')).toBe('描述不能超过500个字（现在501个字）'))

  await typeInto('.assisted__description', '  楼道里的灯坏了一个星期，老人晚上下楼看不见  ')
  await waitFor(() => expect(counter().textContent).toBe('21/500'))
  expect(counter().className).not.toMatch(/--over/)
  await tap('[data-chips="building"] [data-value="b-3"]')
  await tap('[data-chips="room"] [data-value="201"]')
  await tap('[data-chips="category"] [data-value="cat-light"]')
  await typeInto('.assisted__address', '3号楼2单元楼道')
  await tap('.assisted__submit')

  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled())
  expect(ops.filter((op) => op === 'handling.submitOnBehalf')).toHaveLength(1)
  const wang = await w.client('u-wang')
  const filed = (await wang.reports.listMine({ limit: 50 })).items.find((r) => r.description === '楼道里的灯坏了一个星期，老人晚上下楼看不见')
  expect(filed).toMatchObject({ categoryId: 'cat-light', status: 'submitted' })
})
