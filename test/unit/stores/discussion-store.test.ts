import { DiscussionStore } from '../../../src/stores/discussion-store'
import { SignOutRegistry } from '../../../src/stores/sign-out'
import { loseFirstResponse, memoryWorld, newKey } from '../support/memory-world'
import { failOnChangesOutsideActions } from './support/strict-actions'

failOnChangesOutsideActions()

async function setUp(userId = 'u-li') {
  const world = memoryWorld()
  const wang = await world.signedIn('u-wang')
  const p = await wang.api.conventions.propose({ title: '3号楼下增设电动车充电桩', body: '3号楼楼下电动车很多，希望增设充电桩。', photoIds: [] }, { idempotencyKey: newKey() })
  const subject = { kind: 'proposal' as const, id: p.id }
  const device = await world.signedIn(userId)
  const signOut = new SignOutRegistry()
  const store = new DiscussionStore(device.api, signOut.onSignOut)
  return { world, wang, p, subject, device, store, signOut }
}

describe('DiscussionStore', () => {
  it('a resident’s top-level contribution needs a stance; a reply needs none and is drawn under its parent', async () => {
    const { store, subject, device, wang } = await setUp()
    await store.open(subject)
    expect(store.loaded).toBe(true)
    const refused = await store.contribute({ body: '支持，充电太难了' }, false)
    expect(refused).toMatchObject({ ok: false, fields: { stance: '请选择您的态度：支持、反对或中立' } })
    expect(device.ops).not.toContain('conventions.contribute')

    const first = await store.contribute({ body: '支持，充电太难了', stance: 'for' }, false)
    if (!first.ok) throw new Error(first.message)
    await wang.api.conventions.contribute(subject, { body: '我担心消防安全', stance: 'against' }, { idempotencyKey: newKey() })
    await store.refresh()
    const reply = await store.contribute({ body: '充电桩有自动断电', parentId: first.contribution.id, stance: 'for' }, false)
    if (!reply.ok) throw new Error(reply.message)
    expect(reply.contribution.stance).toBeUndefined()
    expect(store.threaded.map((t) => [t.contribution.body, t.reply])).toEqual([
      ['支持，充电太难了', false],
      ['充电桩有自动断电', true],
      ['我担心消防安全', false],
    ])
    expect(store.stances).toEqual({ for: 1, against: 1, neutral: 0 })
  })

  it('a lost answer is retried under the same key: one contribution', async () => {
    const { store, subject, device } = await setUp()
    await store.open(subject)
    loseFirstResponse(device.faults, 'conventions.contribute')
    expect((await store.contribute({ body: '中立，看大家意见', stance: 'neutral' }, false)).ok).toBe(false)
    expect((await store.contribute({ body: '中立，看大家意见', stance: 'neutral' }, false)).ok).toBe(true)
    const page = await device.api.conventions.listContributions(subject)
    expect(page.items.filter((c) => c.body === '中立，看大家意见')).toHaveLength(1)
    expect(store.items.filter((c) => c.body === '中立，看大家意见')).toHaveLength(1)
  })

  it('staff hide with a reason: kept in the list as hidden, out of the stances', async () => {
    const { world, subject } = await setUp()
    const li = await world.signedIn('u-li')
    const rude = await li.api.conventions.contribute(subject, { body: '说这种话的人没素质', stance: 'against' }, { idempotencyKey: newKey() })
    const staff = await world.signedIn('u-zhang')
    const store = new DiscussionStore(staff.api, new SignOutRegistry().onSignOut)
    await store.open(subject)
    expect(store.stances.against).toBe(1)
    expect(await store.hide(rude.id, ' ')).toMatchObject({ ok: false, fields: { reason: expect.stringMatching(/请写明隐藏的理由/) } })
    const hidden = await store.hide(rude.id, '含有人身攻击')
    expect(hidden.ok).toBe(true)
    const row = store.items.find((c) => c.id === rude.id)!
    expect(row.hidden?.reason).toBe('含有人身攻击')
    expect(row.body).toBe('说这种话的人没素质') // staff still read it
    expect(store.stances.against).toBe(0)
    // Staff speak officially, without a stance.
    const official = await store.contribute({ body: '请大家文明发言' }, true)
    expect(official.ok && official.contribution.official).toBe(true)
  })

  it('another subject starts afresh; sign-out forgets the discussion', async () => {
    const { store, subject, signOut, wang } = await setUp()
    await store.open(subject)
    await store.contribute({ body: '支持，充电太难了', stance: 'for' }, false)
    const other = await wang.api.conventions.propose({ title: '小区增设快递柜', body: '快递常常堆在门口，希望增设快递柜。', photoIds: [] }, { idempotencyKey: newKey() })
    await store.open({ kind: 'proposal', id: other.id })
    expect(store.items).toEqual([])
    expect(store.stances).toEqual({ for: 0, against: 0, neutral: 0 })
    signOut.clearAll()
    expect(store.subject).toBeNull()
  })
})
