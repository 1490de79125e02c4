import { when } from 'mobx'
import { memoryStorage } from '../../../src/platform/storage'
import { buildApp, disposeApps, settle, signedInApp } from '../support/app'
import { recordingClient } from '../support/memory-world'
import { failOnChangesOutsideActions } from './support/strict-actions'

failOnChangesOutsideActions()

afterEach(disposeApps)

/** The newcomer 新用户 (u-xin, in no community), signed in on a fresh device. */
async function newcomer() {
  const app = buildApp()
  await app.root.start()
  expect(await app.root.session.signInDemo('u-xin')).toBe(true)
  const other = async (userId: string) => {
    const { api } = recordingClient({ backend: app.backend, storage: memoryStorage(), network: app.network })
    await api.session.signInDemo(userId)
    return api
  }
  return { ...app, other }
}

describe('MembershipStore', () => {
  it('takes a newcomer from no community to a pending claim, and follows its review', async () => {
    const { root, other } = await newcomer()
    const m = root.membership
    expect(m.stageOf(root.session.user)).toEqual({ kind: 'no_community' })

    await m.search('映月')
    expect(m.searched).toBe(true)
    expect(m.results.map((c) => c.name)).toEqual(['映月社区'])
    // The street finds both of its communities.
    await m.search('东亭')
    expect(m.results.map((c) => c.name).sort()).toEqual(['映月社区', '春晖社区'].sort())

    const joined = await m.join(m.results.find((c) => c.name === '映月社区')!.id)
    if (!joined.ok) throw new Error(joined.message)
    root.session.replaceUser(joined.value)
    // Joining changes the community: the root clears the stores and opens the new community's.
    await when(() => root.directory.directory !== null)
    expect(m.results).toEqual([])
    await m.loadHome()
    expect(m.stageOf(root.session.user)).toEqual({ kind: 'unverified' })

    const claimed = await m.claim({ buildingId: 'b-3', room: '301', name: '辛晓梅', phone: '13900000011' })
    if (!claimed.ok) throw new Error(claimed.message)
    expect(m.pendingClaim).toMatchObject({ buildingName: '3号楼', room: '301', status: 'pending', phoneMasked: '139****0011' })
    expect(m.stageOf(root.session.user)).toMatchObject({ kind: 'pending' })

    // A second claim while one waits: the backend's words.
    const twice = await m.claim({ buildingId: 'b-3', room: '302', name: '辛晓梅', phone: '13900000011' })
    expect(twice).toMatchObject({ ok: false, message: '您已有一条住户认证申请在审核中，请等待审核或先撤回' })

    // 周桂芳 leads 3号楼: she rejects it with a reason.
    const zhou = await other('u-zhou')
    await zhou.households.reject(claimed.value.id, '房号与物业登记不符，请核对')
    await m.loadHome()
    expect(m.stageOf(root.session.user)).toMatchObject({ kind: 'rejected', claim: { reason: '房号与物业登记不符，请核对' } })

    // Claimed again and approved: verified before the session knows, and after it does.
    const again = await m.claim({ buildingId: 'b-3', room: '301', name: '辛晓梅', phone: '13900000011' })
    if (!again.ok) throw new Error(again.message)
    await zhou.households.approve(again.value.id)
    await m.loadHome()
    expect(m.stageOf(root.session.user)).toMatchObject({ kind: 'verified', home: { buildingId: 'b-3', room: '301', buildingName: '3号楼' } })
    await root.session.refresh()
    expect(root.session.user?.home).toEqual({ buildingId: 'b-3', room: '301' })
    expect(m.household?.members.map((member) => member.name)).toEqual(['辛晓梅'])
  })

  it('withdraws a waiting claim', async () => {
    const { root } = await newcomer()
    const m = root.membership
    const found = await m.findByCode('yy-demo')
    if (!found.ok) throw new Error(found.message)
    const joined = await m.join(found.value.id)
    if (!joined.ok) throw new Error(joined.message)
    root.session.replaceUser(joined.value)
    const claimed = await m.claim({ buildingId: 'b-1', room: '101', name: '辛晓梅', phone: '13900000011' })
    if (!claimed.ok) throw new Error(claimed.message)
    const withdrawn = await m.withdraw(claimed.value.id)
    expect(withdrawn).toMatchObject({ ok: true, value: { status: 'withdrawn' } })
    expect(m.claims.map((c) => c.status)).toEqual(['withdrawn'])
    expect(m.stageOf(root.session.user)).toEqual({ kind: 'unverified' })
  })

  it('refuses a code that cannot be one before asking, and says what the backend says of one it does not know', async () => {
    const { root, ops } = await newcomer()
    const m = root.membership
    expect(await m.findByCode('YYDE')).toEqual({ ok: false, message: '社区码是 6 位字母和数字，请核对', fields: { code: '社区码是 6 位字母和数字，请核对' } })
    expect(await m.redeem('ABCD')).toEqual({ ok: false, message: '邀请码是 8 位字母和数字，请核对', fields: { code: '邀请码是 8 位字母和数字，请核对' } })
    expect(ops).not.toContain('communities.byCode')
    expect(ops).not.toContain('invites.redeem')
    expect(await m.findByCode('ZZZZZZ')).toMatchObject({ ok: false, message: '没有找到这个社区码对应的社区，请核对后重试' })
    expect(await m.redeem('ABCD 2345')).toMatchObject({ ok: false, message: '邀请码不正确，请核对后重试' })
  })

  it('redeems an invite: the answer is the person with the role', async () => {
    const { root, other } = await newcomer()
    const zhang = await other('u-zhang')
    const invite = await zhang.invites.create({ role: 'grid_worker', gridIds: ['g-1'], buildingIds: [], note: '新网格员', expiresInHours: 24 })
    const redeemed = await root.membership.redeem(invite.code.toLowerCase().replace(/(.{4})/, '$1 '))
    if (!redeemed.ok) throw new Error(redeemed.message)
    expect(redeemed.value.roles).toContain('grid_worker')
    expect(redeemed.value.communityId).not.toBeNull()
  })

  it('reads my profile, makes another member the representative, and moves out', async () => {
    const app = await signedInApp('u-wang')
    const { root } = app
    const m = root.membership
    // 新用户 joins and is approved into 王秀兰's household (3号楼201).
    const { api: xin } = recordingClient({ backend: app.backend, storage: memoryStorage(), network: app.network })
    await xin.session.signInDemo('u-xin')
    await xin.communities.join((await xin.communities.byCode('YYDEMO')).id)
    const claim = await xin.households.claim({ buildingId: 'b-3', room: '201', name: '辛晓梅', phone: '13900000011' })
    const { api: zhou } = recordingClient({ backend: app.backend, storage: memoryStorage(), network: app.network })
    await zhou.session.signInDemo('u-zhou')
    await zhou.households.approve(claim.id)

    await m.loadProfile()
    expect(m.profile?.community?.name).toBe('映月社区')
    expect(m.household).toMatchObject({ buildingName: '3号楼', room: '201' })
    const members = m.household!.members
    expect(members.map((x) => [x.name, x.representative])).toEqual([
      ['王秀兰', true],
      ['辛晓梅', false],
    ])
    expect(members.every((x) => /\*{4}/.test(x.phoneMasked))).toBe(true)
    expect(m.stageOf(root.session.user)).toMatchObject({ kind: 'verified' })

    const set = await m.setRepresentative(claim.userId)
    expect(set).toMatchObject({ ok: true })
    expect(m.household!.members.map((x) => [x.name, x.representative])).toEqual([
      ['王秀兰', false],
      ['辛晓梅', true],
    ])

    const left = await m.leave()
    expect(left).toEqual({ ok: true, value: undefined })
    expect(m.household).toBeUndefined()
    await root.session.refresh()
    expect(root.session.user?.home).toBeUndefined()
    expect(m.stageOf(root.session.user)).toEqual({ kind: 'unverified' })
  })

  it('counts my data, and deletes my account', async () => {
    const { root, api } = await signedInApp('u-wang')
    const m = root.membership
    await m.loadData()
    expect(m.data?.person).toMatchObject({ id: 'u-wang', name: '王秀兰', phone: '13800000001' })
    expect(m.data!.reports.length).toBeGreaterThan(0)

    expect(await m.deleteAccount()).toEqual({ ok: true, value: undefined })
    expect(await api.session.current()).toBeNull()
  })

  it('forgets everything on sign-out, and drops an answer that arrives after it', async () => {
    const { root, api } = await signedInApp('u-wang')
    const m = root.membership
    await m.loadProfile()
    await m.search('映月')
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const real = api.profile.exportData.bind(api.profile)
    jest.spyOn(api.profile, 'exportData').mockImplementationOnce(async () => {
      const data = await real()
      await gate
      return data
    })
    const late = m.loadData()
    await root.session.signOut()
    await settle()
    release()
    await late
    expect(m.profile).toBeNull()
    expect(m.home).toBeNull()
    expect(m.data).toBeNull()
    expect(m.results).toEqual([])
    expect(m.query).toBe('')
    expect(m.stageOf(root.session.user)).toEqual({ kind: 'signed_out' })
  })
})
