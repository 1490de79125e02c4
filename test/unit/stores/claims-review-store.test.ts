import { fakeNetwork } from '../../../src/platform/network'
import { memoryStorage } from '../../../src/platform/storage'
import { disposeApps, signedInApp } from '../support/app'
import { recordingClient } from '../support/memory-world'
import { failOnChangesOutsideActions } from './support/strict-actions'

failOnChangesOutsideActions()
afterEach(disposeApps)

/** A newcomer on the same backend joins 映月社区 and claims a room. */
async function newcomerClaims(backend: Parameters<typeof recordingClient>[0]['backend'], room = '301', name = '辛晓梅') {
  const { api } = recordingClient({ backend, storage: memoryStorage(), network: fakeNetwork(true) })
  await api.session.signInDemo('u-xin')
  const found = await api.communities.byCode('YYDEMO')
  await api.communities.join(found.id)
  return api.households.claim({ buildingId: 'b-3', room, name, phone: '13900000011' })
}

describe('ClaimsReviewStore', () => {
  it('lists the pending claims, counts them, and a decided one leaves the list', async () => {
    const { root, backend } = await signedInApp('u-zhang')
    const claim = await newcomerClaims(backend)
    await root.claimsReview.load()
    expect(root.claimsReview.items.map((c) => c.id)).toEqual([claim.id])
    expect(root.claimsReview.items[0].phoneMasked).toBe('139****0011')
    expect(root.claimsReview.pendingCount).toBe(1)

    const outcome = await root.claimsReview.approve(claim.id)
    expect(outcome.ok).toBe(true)
    expect(root.claimsReview.items).toEqual([])
    expect(root.claimsReview.pendingCount).toBe(0)

    await root.claimsReview.setStatus('approved')
    expect(root.claimsReview.items.map((c) => [c.id, c.status, c.decidedByName])).toEqual([[claim.id, 'approved', '张敏']])
  })

  it('refuses a rejection without a reason before asking the backend, then sends one with it', async () => {
    const { root, backend, ops } = await signedInApp('u-zhang')
    const claim = await newcomerClaims(backend)
    await root.claimsReview.load()
    const sent = ops.length
    expect(await root.claimsReview.reject(claim.id, ' ')).toEqual({ ok: false, message: '请写明原因（至少 2 个字），对方会看到', field: 'reason' })
    expect(ops.length).toBe(sent)

    const outcome = await root.claimsReview.reject(claim.id, '房号与登记信息不符')
    expect(outcome.ok && outcome.claim.status).toBe('rejected')
    await root.claimsReview.setStatus('rejected')
    expect(root.claimsReview.items.map((c) => c.reason)).toEqual(['房号与登记信息不符'])
  })

  it('keeps the core refusal at the row, and reads the list again when the claim was decided elsewhere', async () => {
    const { root, backend } = await signedInApp('u-zhang')
    const claim = await newcomerClaims(backend)
    await root.claimsReview.load()
    // The building leader of 3号楼 approves it first.
    const { api: zhou } = recordingClient({ backend, storage: memoryStorage(), network: fakeNetwork(true) })
    await zhou.session.signInDemo('u-zhou')
    await zhou.households.approve(claim.id)

    const outcome = await root.claimsReview.approve(claim.id)
    expect(outcome).toEqual({ ok: false, message: '这条申请已经审核过了' })
    expect(root.claimsReview.rowErrors[claim.id]).toBe('这条申请已经审核过了')
    await new Promise((r) => setTimeout(r, 20))
    expect(root.claimsReview.items).toEqual([])
  })

  it('keeps the open 驳回 form in the store: quick reasons add up, a missing one is named, sent it closes', async () => {
    const { root, backend } = await signedInApp('u-zhang')
    const claim = await newcomerClaims(backend)
    await root.claimsReview.load()
    root.claimsReview.openReject(claim.id)
    expect((await root.claimsReview.rejectOpen()).ok).toBe(false)
    expect(root.claimsReview.reasonError).toBe('请写明原因（至少 2 个字），对方会看到')
    root.claimsReview.addReason('房号与登记信息不符')
    expect(root.claimsReview.reasonError).toBeNull()
    root.claimsReview.addReason('请携带证件到社区核实')
    expect(root.claimsReview.reason).toBe('房号与登记信息不符；请携带证件到社区核实')
    expect((await root.claimsReview.rejectOpen()).ok).toBe(true)
    expect(root.claimsReview.rejectingId).toBeNull()
    expect(root.claimsReview.reason).toBe('')
  })

  it('a building leader sees only the buildings they lead', async () => {
    const { root, backend } = await signedInApp('u-zhou')
    await newcomerClaims(backend)
    await root.claimsReview.load()
    expect(root.claimsReview.items.map((c) => c.buildingName)).toEqual(['3号楼'])
    const other = await signedInApp('u-liu')
    await other.root.claimsReview.load()
    expect(other.root.claimsReview.error).toBe('只有社区工作者和楼栋长可以审核住户认证')
  })

  it('forgets everything on sign-out', async () => {
    const { root, backend } = await signedInApp('u-zhang')
    await newcomerClaims(backend)
    await root.claimsReview.setStatus('rejected')
    await root.session.signOut()
    expect(root.claimsReview.status).toBe('pending')
    expect(root.claimsReview.items).toEqual([])
    expect(root.claimsReview.pendingCount).toBeNull()
  })
})
