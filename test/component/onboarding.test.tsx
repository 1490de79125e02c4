/**
 * Joining a community on the demo backend: the newcomer 新用户 (u-xin, in no community) finds 映月社区,
 * joins, claims 3号楼301 (a wrong phone refused first), waits for review, and the building leader's
 * approval clears the home page's banner; an invite code, typed wrong and right; a scanned scene.
 */
import { act, cleanup, screen, waitFor } from '@testing-library/react'
import { runInAction } from 'mobx'
import type { ApiClient } from '../../src/api/client'
import ChooseCommunityPage from '../../src/onboarding/community/index'
import ClaimHouseholdPage from '../../src/onboarding/household/index'
import RedeemInvitePage from '../../src/onboarding/invite/index'
import HomePage from '../../src/pages/home/index'
import { fakeNetwork } from '../../src/platform/network'
import { memoryStorage } from '../../src/platform/storage'
import { RootStore } from '../../src/stores/root-store'
import Taro, { firePageEvent } from '../support/taro-jsdom'
import { recordingClient } from '../unit/support/memory-world'
import { all, fieldError, one, renderPage, tap, typeInto, usePageTests, world, type World } from './support/app'

usePageTests()

const mine: RootStore[] = []
afterEach(() => mine.splice(0).forEach((r) => r.dispose()))

/** The newcomer's phone: signed in, in no community (so there is no directory to wait for). */
async function newcomer(w: World): Promise<{ root: RootStore; api: ApiClient; ops: string[] }> {
  const { api, ops } = recordingClient({ backend: w.backend, storage: memoryStorage(), network: fakeNetwork(true) })
  const root = new RootStore({ api, storage: memoryStorage(), network: fakeNetwork(true) })
  mine.push(root)
  await act(async () => {
    await root.session.signInDemo('u-xin')
  })
  expect(root.session.needsCommunity).toBe(true)
  return { root, api, ops }
}

const text = (selector: string) => one(selector).textContent ?? ''
const toasts = () => Taro.showToast.mock.calls.map(([o]) => (o as { title: string }).title)

test('a newcomer searches 映月, joins, claims 3号楼301 (a wrong phone first), waits, and the leader’s approval clears the banner', async () => {
  const w = world()
  const { root, ops } = await newcomer(w)

  // 首页 asks them to choose their community first, and offers no report button yet.
  renderPage(root, HomePage)
  await waitFor(() => expect(text('.home__choose')).toContain('请先选择您所在的社区'))
  expect(document.querySelector('.home__report')).toBeNull()
  await tap('.home__choose .community-prompt__go')
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/onboarding/community/index' })
  cleanup()

  // 选择社区: a search by name, results as cards with the street and district.
  renderPage(root, ChooseCommunityPage)
  await typeInto('.community__search', '映月')
  await waitFor(() => expect(all('.community__result')).toHaveLength(1), { timeout: 2000 })
  expect(text('.community__result')).toContain('映月社区')
  expect(text('.community__result')).toContain('东亭街道')
  await tap('.community__result')
  expect(text('.community__found')).toContain('映月社区')
  await tap('.community__join')
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/onboarding/household/index' }))
  expect(root.session.user?.communityId).not.toBeNull()
  cleanup()

  // 认证住户: why it matters, the building and room from the directory, name and phone.
  renderPage(root, ClaimHouseholdPage)
  await waitFor(() => expect(all('[data-chips="building"] [data-value]').length).toBeGreaterThan(0))
  expect(text('.household__why')).toContain('收到楼栋通知、参与投票')
  expect(text('.household__why')).toContain('反映问题现在就可以用')
  await tap('[data-chips="building"] [data-value="b-3"]')
  await tap('[data-chips="room"] [data-value="301"]')
  await typeInto('.household__name', '辛晓梅')
  await typeInto('.household__phone', '1390000001')
  await tap('.household__submit')
  await waitFor(() => expect(fieldError('phone')).toBe('请填写 11 位手机号码（或带区号的座机）'))
  expect(ops).not.toContain('households.claim')
  // Fixed: the message goes as the number becomes whole.
  await typeInto('.household__phone', '13900000011')
  await waitFor(() => expect(fieldError('phone')).toBeNull())
  await tap('.household__submit')
  await waitFor(() => expect(text('.household__pending')).toContain('已提交，等待社区或楼栋长审核'))
  expect(text('.household__pending')).toContain('申请认证：3号楼301')
  expect(text('.household__pending')).toContain('139****0011')
  expect(ops.filter((op) => op === 'households.claim')).toHaveLength(1)
  cleanup()

  // 首页: the claim waits.
  renderPage(root, HomePage)
  await waitFor(() => expect(one('.membership-banner').dataset.stage).toBe('pending'))
  expect(text('.membership-banner')).toContain('住户认证审核中')
  expect(document.querySelector('.home__report')).not.toBeNull()

  // 周桂芳 leads 3号楼 and approves it; the page shown again reads the news.
  const zhou = await w.client('u-zhou')
  const waiting = await zhou.households.listClaims()
  await zhou.households.approve(waiting.items.find((c) => c.room === '301')!.id)
  await act(async () => {
    await firePageEvent('didShow')
  })
  await waitFor(() => expect(document.querySelector('.membership-banner')).toBeNull())
  await waitFor(() => expect(root.session.user?.home).toEqual({ buildingId: 'b-3', room: '301' }))
  cleanup()

  renderPage(root, ClaimHouseholdPage)
  await waitFor(() => expect(text('.household__verified')).toContain('已认证：3号楼301'))
})

test('a member who has not claimed is invited to; a rejected claim shows its reason and can be made again', async () => {
  const w = world()
  const { root } = await newcomer(w)
  // The same person on a second phone, to claim while the first one looks on.
  const api = await w.client('u-xin')
  const community = await api.communities.byCode('YYDEMO')
  await act(async () => {
    const joined = await root.membership.join(community.id)
    if (!joined.ok) throw new Error(joined.message)
    root.session.replaceUser(joined.value)
  })
  renderPage(root, HomePage)
  await waitFor(() => expect(one('.membership-banner').dataset.stage).toBe('unverified'))
  expect(text('.membership-banner')).toContain('认证住户后可收到楼栋通知、参与投票')
  expect(text('.membership-banner')).toContain('去认证')
  await tap('.membership-banner')
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/onboarding/household/index' })
  cleanup()

  const claim = await api.households.claim({ buildingId: 'b-5', room: '402', name: '辛晓梅', phone: '13900000011' })
  const zhou = await w.client('u-zhou')
  await zhou.households.reject(claim.id, '5号楼402已有住户登记，请核对房号')
  await act(async () => {
    await root.membership.loadHome()
  })
  renderPage(root, HomePage)
  await waitFor(() => expect(one('.membership-banner').dataset.stage).toBe('rejected'))
  expect(text('.membership-banner')).toContain('认证未通过：5号楼402已有住户登记，请核对房号')
  expect(text('.membership-banner')).toContain('重新申请')
  cleanup()

  renderPage(root, ClaimHouseholdPage)
  await waitFor(() => expect(text('.household__rejected')).toContain('原因：5号楼402已有住户登记，请核对房号'))
  await tap('.household__again')
  // The form again, with what was claimed: only the phone to give again.
  await waitFor(() => expect(one('[data-chips="room"] [data-value="402"]').getAttribute('aria-checked')).toBe('true'))
  await tap('[data-chips="room"] [data-value="401"]')
  await typeInto('.household__phone', '13900000011')
  await tap('.household__submit')
  await waitFor(() => expect(text('.household__pending')).toContain('申请认证：5号楼401'))

  // 撤回申请 asks first.
  await tap('.household__withdraw')
  await waitFor(() => expect(Taro.showModal).toHaveBeenCalled())
  await waitFor(() => expect(document.querySelector('.household__pending')).toBeNull())
  expect(toasts()).toContain('已撤回申请')
})

test('选择社区 with a code: a scanned scene’s code is looked up at once, a wrong one is explained', async () => {
  const w = world()
  const { root, ops } = await newcomer(w)
  renderPage(root, ChooseCommunityPage, { code: 'chdemo' })
  await waitFor(() => expect(text('.community__found')).toContain('春晖社区'))
  await tap('.community__other')
  await typeInto('.community__code', 'CHD')
  await tap('.community__find')
  await waitFor(() => expect(fieldError('code')).toBe('社区码是 6 位字母和数字，请核对'))
  await typeInto('.community__code', 'ZZZZZZ')
  await tap('.community__find')
  await waitFor(() => expect(fieldError('code')).toBe('没有找到这个社区码对应的社区，请核对后重试'))
  expect(ops.filter((op) => op === 'communities.byCode')).toHaveLength(2)
  // H5 has no 扫一扫.
  expect(document.querySelector('.community__scan')).toBeNull()
})

test('a search that finds nothing says so', async () => {
  const w = world()
  const { root } = await newcomer(w)
  renderPage(root, ChooseCommunityPage)
  await typeInto('.community__search', '不存在的小区')
  await waitFor(() => expect(document.querySelector('.community__none')?.textContent).toContain('没有找到“不存在的小区”相关的社区'), { timeout: 2000 })
})

test('输入邀请码: a malformed and an unknown code are explained; a good one makes a grid worker and opens 工作台', async () => {
  const w = world()
  const { root, ops } = await w.app('u-wang')
  renderPage(root, RedeemInvitePage)
  await typeInto('.invite__code', 'abcd')
  await tap('.invite__submit')
  await waitFor(() => expect(fieldError('code')).toBe('邀请码是 8 位字母和数字，请核对'))
  expect(ops).not.toContain('invites.redeem')

  await typeInto('.invite__code', 'abcd2345')
  // Shown in two groups of four.
  await waitFor(() => expect((document.querySelector('.invite__code input') as HTMLInputElement).value).toBe('ABCD 2345'))
  await tap('.invite__submit')
  await waitFor(() => expect(fieldError('code')).toBe('邀请码不正确，请核对后重试'))

  const zhang = await w.client('u-zhang')
  const invite = await zhang.invites.create({ role: 'grid_worker', gridIds: ['g-2'], buildingIds: [], note: '王秀兰 · 第二网格', expiresInHours: 24 })
  await typeInto('.invite__code', invite.code)
  await tap('.invite__submit')
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/staff/workspace/index' }))
  expect(root.session.user?.roles).toContain('grid_worker')
  await waitFor(() => expect(toasts()).toContain('已成为网格员'))
})

test('输入邀请码 opened with a code fills it in', async () => {
  const w = world()
  const { root } = await w.app('u-wang')
  renderPage(root, RedeemInvitePage, { code: 'ab23cd45' })
  await waitFor(() => expect((document.querySelector('.invite__code input') as HTMLInputElement).value).toBe('AB23 CD45'))
})

test('首页 opened by a mini-program code goes where its scene says', async () => {
  const w = world()
  const { root } = await w.app('u-wang')
  renderPage(root, HomePage, { scene: 'i%3DAB23CD45' })
  await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/onboarding/invite/index?code=AB23CD45' }))
  cleanup()
  renderPage(root, HomePage, { scene: encodeURIComponent('c=YYDEMO') })
  await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/onboarding/community/index?code=YYDEMO' }))
  // A verified resident sees no banner.
  expect(document.querySelector('.membership-banner')).toBeNull()
  expect(screen.queryByText('请先选择您所在的社区')).toBeNull()
})

test('a tower’s rooms are found by typing part of the number, not shown all at once', async () => {
  const w = world()
  const { root } = await newcomer(w)
  const found = await root.membership.findByCode('YYDEMO')
  if (!found.ok) throw new Error(found.message)
  await act(async () => {
    const joined = await root.membership.join(found.value.id)
    if (!joined.ok) throw new Error(joined.message)
    root.session.replaceUser(joined.value)
  })
  await waitFor(() => expect(root.directory.directory).not.toBeNull())
  // A 30-floor tower with four flats a floor, as an import would give it.
  const rooms = Array.from({ length: 30 }, (_, f) => ['01', '02', '03', '04'].map((n) => `${f + 1}${n}`)).flat()
  runInAction(() => {
    const d = root.directory.directory!
    root.directory.directory = { ...d, buildings: [...d.buildings, { id: 'b-tower', communityId: d.community.id, gridId: d.grids[0].id, name: '12号楼', rooms }] }
  })
  renderPage(root, ClaimHouseholdPage)
  await waitFor(() => expect(document.querySelector('[data-chips="building"] [data-value="b-tower"]')).not.toBeNull())
  await tap('[data-chips="building"] [data-value="b-tower"]')
  expect(all('[data-chips="room"] [data-value]')).toHaveLength(0)
  await typeInto('.household__room-filter', '150')
  await waitFor(() => expect(all('[data-chips="room"] [data-value]').map((c) => c.textContent)).toEqual(['1501', '1502', '1503', '1504']))
  await tap('[data-chips="room"] [data-value="1503"]')
  expect(one('[data-chips="room"] [data-value="1503"]').getAttribute('aria-checked')).toBe('true')
  await typeInto('.household__room-filter', '9999')
  await waitFor(() => expect(document.querySelector('.household')?.textContent).toContain('没有这个房号，请核对'))
})
