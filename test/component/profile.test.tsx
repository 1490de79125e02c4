/**
 * 我的 on the demo backend: the profile with the community, the household and its members (phones
 * masked, who is 户代表), making another member the representative, moving out, 我的数据 with its
 * counts and download, and deleting the account (asked twice, then signed out).
 */
import { act, waitFor } from '@testing-library/react'
import MyDataPage from '../../src/onboarding/my-data/index'
import MePage from '../../src/pages/me/index'
import { fakeNetwork } from '../../src/platform/network'
import { memoryStorage } from '../../src/platform/storage'
import { RootStore } from '../../src/stores/root-store'
import Taro from '../support/taro-jsdom'
import { recordingClient } from '../unit/support/memory-world'
import { all, one, renderPage, tap, usePageTests, world, type World } from './support/app'

usePageTests()

const text = (selector: string) => one(selector).textContent ?? ''
const modals = () => Taro.showModal.mock.calls.map(([o]) => o as { title: string; content: string })

/** 辛晓梅 (the newcomer u-xin) approved into 王秀兰's 3号楼201: a household of two. */
async function secondMember(w: World): Promise<string> {
  const xin = await w.client('u-xin')
  await xin.communities.join((await xin.communities.byCode('YYDEMO')).id)
  const claim = await xin.households.claim({ buildingId: 'b-3', room: '201', name: '辛晓梅', phone: '13900000011' })
  const zhou = await w.client('u-zhou')
  await zhou.households.approve(claim.id)
  return claim.userId
}

test('我的 shows the community and the household with its members; a member makes another the 户代表', async () => {
  const w = world()
  const xinId = await secondMember(w)
  const { root } = await w.app('u-wang')
  renderPage(root, MePage)

  await waitFor(() => expect(all('.me__member')).toHaveLength(2))
  expect(text('.me__card')).toContain('王秀兰')
  expect(text('.me__phone')).toContain('138****0001')
  expect(text('.me__community')).toContain('映月社区')
  expect(text('.me__home')).toContain('3号楼201')
  expect(text('.me__household .section-title')).toContain('我的家庭 · 3号楼201')
  const wang = one('.me__member[data-user="u-wang"]')
  const xin = one(`.me__member[data-user="${xinId}"]`)
  const isRep = (el: Element) => el.querySelector('.me__rep')?.textContent === '户代表'
  expect(isRep(wang)).toBe(true)
  expect(wang.querySelector('.me__tag--self')?.textContent).toBe('我')
  // She is the representative: no button to make her one.
  expect(wang.querySelector('.me__make-rep')).toBeNull()
  expect(xin.textContent).toContain('辛晓梅')
  expect(xin.textContent).toContain('139****0011')
  expect(isRep(xin)).toBe(false)
  // The links and the parts 我的 always had.
  expect(document.querySelector('.me__elder')).not.toBeNull()
  expect(document.querySelector('.me__signout')).not.toBeNull()
  expect(all('.me__link').map((l) => l.querySelector('.me__link-title')?.textContent)).toEqual(['我的数据', '输入邀请码', '隐私政策'])

  await tap(`.me__member[data-user="${xinId}"] .me__make-rep`)
  await waitFor(() => expect(isRep(one(`.me__member[data-user="${xinId}"]`))).toBe(true))
  expect(modals()[0].content).toContain('把辛晓梅设为户代表')
  expect(isRep(one('.me__member[data-user="u-wang"]'))).toBe(false)
  const seenByXin = await (await w.client('u-xin')).households.mine()
  expect(seenByXin.household?.members.find((m) => m.userId === xinId)?.representative).toBe(true)
})

test('退出住户 asks first, then the household is gone from 我的 and from the session', async () => {
  const w = world()
  const { root } = await w.app('u-wang')
  renderPage(root, MePage)
  await waitFor(() => expect(document.querySelector('.me__leave')).not.toBeNull())

  // Not confirmed: nothing changes.
  Taro.showModal.mockResolvedValueOnce({ errMsg: 'ok', confirm: false, cancel: true })
  await tap('.me__leave')
  await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(1))
  expect(modals()[0].content).toContain('3号楼201')
  expect(root.session.user?.home).toEqual({ buildingId: 'b-3', room: '201' })

  await tap('.me__leave')
  await waitFor(() => expect(document.querySelector('.me__household')).toBeNull())
  await waitFor(() => expect(root.session.user?.home).toBeUndefined())
  // Now an unverified member: 我的 offers the claim.
  await waitFor(() => expect(one('.membership-banner').dataset.stage).toBe('unverified'))
})

test('注销账号 explains what is erased, asks twice, then signs out and opens sign-in', async () => {
  const w = world()
  const { root } = await w.app('u-wang')
  renderPage(root, MePage)
  await waitFor(() => expect(document.querySelector('.me__delete')).not.toBeNull())

  // The second question answered 不注销: the account stays.
  Taro.showModal.mockResolvedValueOnce({ errMsg: 'ok', confirm: true, cancel: false }).mockResolvedValueOnce({ errMsg: 'ok', confirm: false, cancel: true })
  await tap('.me__delete')
  await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(2))
  expect(root.session.status).toBe('signed_in')

  await tap('.me__delete')
  await waitFor(() => expect(root.session.status).toBe('signed_out'))
  const [first, second] = modals().slice(2)
  expect(first.title).toBe('注销账号')
  // As erasePerson does it (ADR 12, src/domain/privacy-policy.ts): the phone and WeChat identity go,
  // reports and messages stay under 已注销用户.
  expect(first.content).toContain('手机号、微信身份')
  expect(first.content).toContain('诉求和写过的留言会保留')
  expect(first.content).toContain('已注销用户')
  expect(second.title).toBe('再次确认')
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/auth/sign-in/index' })

  // Gone on the backend: her reports stay for the community, under the erased name.
  const zhang = await w.client('u-zhang')
  const inbox = await zhang.handling.listInbox({ limit: 50, status: ['submitted', 'accepted', 'in_progress', 'resolved', 'closed', 'rejected', 'transferred', 'reopened', 'merged'] })
  expect(inbox.items.some((r) => r.reporterName === '已注销用户')).toBe(true)
  expect(inbox.items.some((r) => r.reporterName.startsWith('王'))).toBe(false)
})

test('我的 of a newcomer asks them to choose their community', async () => {
  const w = world()
  const xin = await w.client('u-xin')
  expect((await xin.session.current())?.user.communityId).toBeNull()
  // The page needs no directory for them: render with a root signed in as u-xin.
  const { api } = recordingClient({ backend: w.backend, storage: memoryStorage(), network: fakeNetwork(true) })
  const root = new RootStore({ api, storage: memoryStorage(), network: fakeNetwork(true) })
  try {
    await act(async () => {
      await root.session.signInDemo('u-xin')
    })
    renderPage(root, MePage)
    await waitFor(() => expect(text('.me__choose')).toContain('请先选择您所在的社区'))
    await tap('.me__choose .community-prompt__go')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/onboarding/community/index' })
    expect(document.querySelector('.membership-banner')).toBeNull()
    expect(document.querySelector('.me__household')).toBeNull()
  } finally {
    root.dispose()
  }
})

test('我的数据 counts what is held, and downloads it as linli-my-data.json', async () => {
  const w = world()
  const { root, api } = await w.app('u-wang')
  const held = await api.profile.exportData()
  renderPage(root, MyDataPage)
  await waitFor(() => expect(all('.my-data__section').length).toBeGreaterThan(5))
  const section = (key: string) => one(`.my-data__section[data-section="${key}"]`).textContent ?? ''
  expect(section('person')).toContain('王秀兰')
  expect(section('person')).toContain('138****0001')
  expect(section('community')).toContain('映月社区')
  expect(section('community')).toContain('3号楼201')
  expect(section('reports')).toContain(`反映的诉求${held.reports.length} 件`)
  expect(section('messages')).toContain(`留言${held.messages.length} 条`)
  expect(section('claims')).toContain(`住户认证申请${held.claims.length} 条`)

  const created: Blob[] = []
  const urls = URL as unknown as { createObjectURL?: (b: Blob) => string; revokeObjectURL?: (u: string) => void }
  const saved = { create: urls.createObjectURL, revoke: urls.revokeObjectURL }
  urls.createObjectURL = (b: Blob) => {
    created.push(b)
    return 'blob:linli-test'
  }
  urls.revokeObjectURL = () => undefined
  const clicked: HTMLAnchorElement[] = []
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push(this)
  })
  try {
    await tap('.my-data__download')
    await waitFor(() => expect(clicked).toHaveLength(1))
    expect(clicked[0].download).toBe('linli-my-data.json')
    const json = JSON.parse(
      await new Promise<string>((resolve) => {
        const reader = new FileReader()
        reader.onload = () => resolve(String(reader.result))
        reader.readAsText(created[0])
      }),
    )
    expect(json.person).toMatchObject({ id: 'u-wang', phone: '13800000001' })
    expect(json.reports).toHaveLength(held.reports.length)
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已下载 linli-my-data.json' })))
  } finally {
    click.mockRestore()
    urls.createObjectURL = saved.create
    urls.revokeObjectURL = saved.revoke
  }
})
