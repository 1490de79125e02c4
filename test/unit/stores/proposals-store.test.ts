import { SignOutRegistry } from '../../../src/stores/sign-out'
import { cosignRefusal, ProposalsStore } from '../../../src/stores/proposals-store'
import { memoryStorage } from '../../../src/platform/storage'
import { loseFirstResponse, memoryWorld, newKey } from '../support/memory-world'
import { failOnChangesOutsideActions } from './support/strict-actions'

failOnChangesOutsideActions()

const body = '3号楼楼下电动车很多，晚上只能拉线回家充电，希望增设充电桩。'

async function setUp(userId = 'u-li') {
  const world = memoryWorld()
  const wang = await world.signedIn('u-wang')
  const p = await wang.api.conventions.propose({ title: '3号楼下增设电动车充电桩', body, photoIds: [] }, { idempotencyKey: newKey() })
  const device = await world.signedIn(userId)
  const signOut = new SignOutRegistry()
  const storage = memoryStorage()
  const store = new ProposalsStore(device.api, signOut.onSignOut, storage)
  return { world, wang, p, device, store, signOut, storage }
}

describe('ProposalsStore', () => {
  it('lists proposals by filter; an answer to an earlier filter is dropped', async () => {
    const { store, p } = await setUp()
    await store.refresh()
    expect(store.items.map((i) => i.id)).toContain(p.id)
    const mine = store.setFilter('mine')
    const all = store.setFilter('open')
    await Promise.all([mine, all])
    expect(store.filter).toBe('open')
    expect(store.items.map((i) => i.id)).toContain(p.id)
    expect(store.items.every((i) => i.status === 'collecting' || i.status === 'agenda')).toBe(true)
    await store.setFilter('mine')
    expect(store.items.map((i) => i.id)).not.toContain(p.id)
    expect(store.items.every((i) => i.mine)).toBe(true)
  })

  it('co-signs: the detail and its row move, and the household cannot co-sign again', async () => {
    const { store, p } = await setUp()
    await store.refresh()
    await store.load(p.id)
    expect(store.get(p.id)!.canCosign).toBe(true)
    expect(cosignRefusal(store.get(p.id)!)).toBeNull()
    const outcome = await store.cosign(p.id)
    expect(outcome.ok).toBe(true)
    expect(store.get(p.id)!.cosigns).toBe(1)
    expect(store.items.find((i) => i.id === p.id)!.cosigns).toBe(1)
    expect(store.items.find((i) => i.id === p.id)).not.toHaveProperty('body')
    expect(cosignRefusal(store.get(p.id)!)).toBe('您家已附议')
    expect(store.busy).toBeNull()
  })

  it('says why a household cannot co-sign, in the backend’s words', async () => {
    const { wang, p } = await setUp()
    const own = await wang.api.conventions.getProposal(p.id)
    expect(own).toMatchObject({ canCosign: false, cosignRefusal: '这是您家提出的议题，不用再附议' })
    expect(cosignRefusal(own)).toBe('这是您家提出的议题，不用再附议')
    // An older backend that gives no reason still gets a sentence.
    expect(cosignRefusal({ ...own, cosignRefusal: undefined })).toBe('您家暂时不能附议该议题')
  })

  it('keeps the draft in storage, brings it back, and sends it once under its key across a lost answer', async () => {
    const { world, storage } = await setUp()
    const device = await world.signedIn('u-chen')
    const first = new ProposalsStore(device.api, new SignOutRegistry().onSignOut, storage)
    first.openDraft('u-chen')
    first.setTitle('1号楼门口增设休息座椅')
    first.setBody('老人在门口等车没有地方坐，希望增设两张座椅。')
    // The app is killed: a new store reads the same storage.
    const store = new ProposalsStore(device.api, new SignOutRegistry().onSignOut, storage)
    store.openDraft('u-chen')
    expect(store.draft.title).toBe('1号楼门口增设休息座椅')
    expect(store.draft.key).toBe(first.draft.key)

    loseFirstResponse(device.faults, 'conventions.propose')
    const lost = await store.propose()
    expect(lost.ok).toBe(false)
    expect(store.draft.key).toBe(first.draft.key)
    const sent = await store.propose()
    expect(sent.ok).toBe(true)
    const mine = await device.api.conventions.listProposals({ filter: 'mine' })
    expect(mine.items.filter((i) => i.title === '1号楼门口增设休息座椅')).toHaveLength(1)
    expect(store.draft.title).toBe('')
    expect(storage.keys().filter((k) => k.startsWith('linli.proposal-draft.'))).toEqual([])
  })

  it('refuses a proposal with mistakes locally, field by field, without a request', async () => {
    const { world } = await setUp()
    const device = await world.signedIn('u-chen')
    const store = new ProposalsStore(device.api, new SignOutRegistry().onSignOut, memoryStorage())
    store.openDraft('u-chen')
    expect(store.visibleDraftErrors).toEqual({})
    store.setTitle('座椅')
    store.touch('title')
    expect(Object.keys(store.visibleDraftErrors)).toEqual(['title'])
    const outcome = await store.propose()
    expect(outcome.ok).toBe(false)
    expect(Object.keys(store.visibleDraftErrors).sort()).toEqual(['body', 'title'])
    expect(device.ops).not.toContain('conventions.propose')
  })

  it('a draft opened from an article asks for the wording and shows the article in force', async () => {
    const { world } = await setUp()
    const staff = await world.signedIn('u-zhang')
    const convention = await staff.api.conventions.create(
      { kind: 'community', title: '映月社区居民公约', buildingIds: [], articles: [{ title: '养犬', text: '遛狗请牵绳，及时清理粪便。' }], changeNote: '首版', publish: true },
      { idempotencyKey: newKey() },
    )
    const articleId = convention.inForce!.articles[0].id
    const device = await world.signedIn('u-chen')
    const store = new ProposalsStore(device.api, new SignOutRegistry().onSignOut, memoryStorage())
    store.openDraft('u-chen', { conventionId: convention.id, articleId })
    await store.loadArticle(convention.id, articleId)
    expect(store.articles.get(`${convention.id}:${articleId}`)).toEqual({ conventionTitle: '映月社区居民公约', number: 1, title: '养犬', text: '遛狗请牵绳，及时清理粪便。' })
    store.setTitle('遛狗时间限制')
    store.setBody('建议早7点前、晚9点后不在儿童游乐区遛狗。')
    expect(store.draftErrors['article.proposedText']).toBe('请写出建议修改后的条款内容')
    store.setProposedText('遛狗请牵绳，及时清理粪便；儿童游乐区内不得遛狗。')
    const outcome = await store.propose()
    expect(outcome.ok).toBe(true)
    if (outcome.ok) expect(outcome.proposal.article).toMatchObject({ conventionId: convention.id, articleId, number: 1 })
  })

  it('offers similar open proposals; the latest request wins', async () => {
    const { store, p } = await setUp('u-chen')
    const first = store.findSimilar('完全无关的内容比如绿化')
    const second = store.findSimilar('增设电动车充电桩')
    await Promise.all([first, second])
    expect(store.similar.map((s) => s.id)).toContain(p.id)
    await store.findSimilar('充电')
    expect(store.similar).toEqual([])
  })

  it('staff: a decline needs a reason; a merge needs a target; the answer shows on the proposal', async () => {
    const { world, p, wang } = await setUp('u-zhang')
    const staff = await world.signedIn('u-zhang')
    const store = new ProposalsStore(staff.api, new SignOutRegistry().onSignOut, memoryStorage())
    expect(await store.answer(p.id, { kind: 'declined', reason: ' ' })).toMatchObject({ ok: false, fields: { reason: '不予采纳请写明理由，居民会看到' } })
    expect(await store.answer(p.id, { kind: 'merged', reason: '', intoProposalId: '' })).toMatchObject({ ok: false, fields: { intoProposalId: '请选择合并到的议题' } })
    const other = await wang.api.conventions.propose({ title: '小区里增加充电桩', body, photoIds: [] }, { idempotencyKey: newKey() })
    await store.loadOpenProposals(p.id)
    expect(store.openProposals.map((o) => o.id)).toContain(other.id)
    expect(store.openProposals.map((o) => o.id)).not.toContain(p.id)
    const merged = await store.answer(other.id, { kind: 'merged', reason: '与已有议题相同', intoProposalId: p.id })
    expect(merged.ok && merged.proposal.status).toBe('merged')
    expect(store.get(other.id)?.answer?.mergedInto?.id).toBe(p.id)
  })

  it('forgets everything on sign-out', async () => {
    const { store, p, signOut } = await setUp()
    await store.refresh()
    await store.load(p.id)
    store.openDraft('u-li')
    store.setTitle('别人看不到')
    signOut.clearAll()
    expect(store.items).toEqual([])
    expect(store.get(p.id)).toBeUndefined()
    expect(store.draft.title).toBe('')
    expect(store.filter).toBe('all')
  })
})
