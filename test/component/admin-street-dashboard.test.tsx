import { act, waitFor } from '@testing-library/react'
import Dashboard from '../../src/staff/dashboard/index'
import Me from '../../src/pages/me/index'
import { fakeNetwork } from '../../src/platform/network'
import { memoryStorage } from '../../src/platform/storage'
import { RootStore } from '../../src/stores/root-store'
import Taro from '../support/taro-jsdom'
import { recordingClient } from '../unit/support/memory-world'
import { all, one, renderPage, tap, usePageTests, world } from './support/app'

usePageTests()

/** A street officer belongs to no community: the app has no directory to wait for. */
async function streetOfficer() {
  const w = world()
  const { api } = recordingClient({ backend: w.backend, storage: memoryStorage(), network: fakeNetwork(true) })
  const root = new RootStore({ api, storage: memoryStorage(), network: fakeNetwork(true) })
  // The dashboard lists the street's communities through `communities` (given here in case the
  // root store does not hand it that group).
  Object.assign((root.dashboard as unknown as { api: object }).api, { communities: api.communities })
  await act(async () => {
    await root.session.signInDemo('u-street')
  })
  return { root, api }
}

test('the street officer picks one of the street’s communities on the dashboard', async () => {
  const { root, api } = await streetOfficer()
  const get = jest.spyOn(api.dashboard, 'get')
  try {
    renderPage(root, Dashboard)
    await waitFor(() => expect(all('[data-chips="community"] .chip').map((c) => c.textContent)).toEqual(['映月社区', '春晖社区']))
    // The first is shown at once.
    await waitFor(() => expect(all('.dashboard__tiles')).toHaveLength(1))
    expect(one('[data-chips="community"] .chip--on').textContent).toBe('映月社区')
    expect(get).toHaveBeenLastCalledWith(expect.anything(), 'c-yingyue')
    const yingyue = root.dashboard.stats!
    expect(yingyue.communityId).toBe('c-yingyue')

    await tap('[data-chips="community"] [data-value="c-chunhui"]')
    await waitFor(() => expect(root.dashboard.stats?.communityId).toBe('c-chunhui'))
    expect(get).toHaveBeenLastCalledWith(expect.anything(), 'c-chunhui')
    expect(one('[data-chips="community"] .chip--on').textContent).toBe('春晖社区')
    expect(one('.stat-tile[data-stat="received"] .stat-tile__value').textContent).toBe(String(root.dashboard.stats!.received))

    // The range keeps the community.
    await tap('[data-chips="range"] [data-value="30"]')
    await waitFor(() => expect(get).toHaveBeenLastCalledWith(expect.anything(), 'c-chunhui'))
  } finally {
    root.dispose()
  }
})

test('工作台 in 我的 takes the street officer straight to the figures', async () => {
  const { root } = await streetOfficer()
  try {
    renderPage(root, Me)
    await waitFor(() => expect(one('.workspace-entry').textContent).toContain('查看街道各社区的统计看板'))
    await tap('.workspace-entry')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/staff/dashboard/index' })
  } finally {
    root.dispose()
  }
})
