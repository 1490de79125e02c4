import { waitFor } from '@testing-library/react'
import HomePage from '../../src/pages/home/index'
import TasksPage from '../../src/pages/tasks/index'
import Taro from '../support/taro-jsdom'
import { all, one, renderPage, tap, usePageTests, world } from './support/app'

usePageTests()
beforeEach(() => localStorage.clear())

const door = (name: string) => all(`[data-door="${name}"] .home__door-row`).map((r) => r.textContent ?? '')

test('首页 is the front door: the vote to cast, the conventions to acknowledge, proposals near their threshold, the latest disclosure and notices', async () => {
  const { root } = await world().app('u-wang') // 3号楼201
  renderPage(root, HomePage)
  await waitFor(() => expect(all('[data-door]').length).toBeGreaterThanOrEqual(4))
  expect(door('votes')).toHaveLength(1)
  expect(door('votes')[0]).toMatch(/^3号楼楼道加装扶手3号楼 · .+截止$/)
  expect(door('conventions').map((t) => t.replace(/(社区公约|微公约) · .*$/, ''))).toEqual(expect.arrayContaining(['映月社区居民公约', '3号楼文明公约']))
  expect(door('proposals')[0]).toMatch(/^在小区东门增设电动自行车充电棚已有3户附议，满\d+户列入议程$/)
  expect(door('disclosure')).toEqual(['11月居务公开：民生实事进展居务公开 · 2026年11月'])
  expect(door('notices').length).toBeGreaterThan(0)
  // The report entry stays.
  expect(all('.home__report')).toHaveLength(1)

  const o = root.consultation.overview!
  await tap(`[data-door="conventions"] [data-id="${o.conventionsToAcknowledge[0].id}"]`)
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `/consult/convention/index?id=${o.conventionsToAcknowledge[0].id}` })
  await tap(`[data-door="votes"] [data-id="${o.votesToCast[0].id}"]`)
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `/consult/vote/index?id=${o.votesToCast[0].id}` })
  await tap(`[data-door="proposals"] [data-id="${o.nearThreshold[0].id}"]`)
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `/consult/proposal/index?id=${o.nearThreshold[0].id}` })
  await tap(`[data-door="disclosure"] [data-id="${o.latestDisclosure!.id}"]`)
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `/consult/disclosure/index?id=${o.latestDisclosure!.id}` })
  await tap('.home__hub')
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/consult/index/index' })
})

test('a household that has acknowledged everything and voted is not asked again', async () => {
  const w = world()
  const wang = await w.client('u-wang')
  for (const c of (await wang.conventions.overview()).conventionsToAcknowledge) await wang.conventions.acknowledge(c.id)
  const vote = (await wang.conventions.overview()).votesToCast[0]
  await wang.conventions.castBallot(vote.id, vote.options[0].id)
  const { root } = await w.app('u-li') // 3号楼302: another household (acknowledged both already)
  renderPage(root, HomePage)
  await waitFor(() => expect(root.consultation.overview).not.toBeNull())
  expect(all('[data-door="conventions"]')).toHaveLength(0)
  // 王秀兰's ballot does not count for 李明's household.
  expect(door('votes')).toHaveLength(1)
})

test('nothing of 议事 is shown when the backend does not offer it', async () => {
  const { root, api } = await world().app('u-wang')
  ;(api.capabilities as { conventions: boolean }).conventions = false
  const overview = jest.spyOn(api.conventions, 'overview')
  renderPage(root, HomePage)
  await waitFor(() => expect(all('.home__report')).toHaveLength(1))
  expect(overview).not.toHaveBeenCalled()
  for (const name of ['votes', 'conventions', 'proposals', 'disclosure']) expect(all(`[data-door="${name}"]`)).toHaveLength(0)
  expect(all('.home__hub')).toHaveLength(0)
})

test('办事 leads to the 议事 hub', async () => {
  const { root } = await world().app('u-wang')
  renderPage(root, TasksPage)
  await waitFor(() => expect(all('.tasks__consult')).toHaveLength(1))
  expect(one('.tasks__consult').textContent).toContain('议事厅')
  await tap('.tasks__consult')
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/consult/index/index' })
})
