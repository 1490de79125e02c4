import type { VoteInput } from '../../../types/api'
import { SignOutRegistry } from '../../../src/stores/sign-out'
import { VotesStore } from '../../../src/stores/votes-store'
import { loseFirstResponse, memoryWorld, newKey } from '../support/memory-world'
import { failOnChangesOutsideActions } from './support/strict-actions'

failOnChangesOutsideActions()

async function setUp() {
  const world = memoryWorld()
  const staff = await world.signedIn('u-zhang')
  const store = new VotesStore(staff.api, new SignOutRegistry().onSignOut)
  const input = (over: Partial<VoteInput> = {}): VoteInput => ({
    title: '是否同意3号楼下增设充电桩',
    description: '在3号楼东侧空地安装6个充电桩。',
    kind: 'approval',
    options: [],
    scope: { kind: 'buildings', buildingIds: ['b-3'] },
    closesAt: new Date(world.clock.peek().getTime() + 3 * 86_400_000).toISOString(),
    quorumPercent: 60,
    majority: 'simple',
    publicityDays: 7,
    ...over,
  })
  return { world, staff, store, input }
}

describe('VotesStore', () => {
  it('opens a vote once across a lost answer, after checking it locally', async () => {
    const { world, staff, store, input } = await setUp()
    const now = world.clock.peek()
    const refused = await store.open(input({ title: '', scope: { kind: 'buildings', buildingIds: [] } }), newKey(), now)
    expect(refused).toMatchObject({ ok: false, fields: { title: '请填写表决事项（至少2个字）', scope: '请至少选择一栋楼' } })
    expect(staff.ops).not.toContain('conventions.openVote')

    const key = newKey()
    const same = input()
    loseFirstResponse(staff.faults, 'conventions.openVote')
    expect((await store.open(same, key, now)).ok).toBe(false)
    const outcome = await store.open(same, key, now)
    expect(outcome.ok).toBe(true)
    const listed = await staff.api.conventions.listVotes()
    expect(listed.items.filter((v) => v.title === '是否同意3号楼下增设充电桩')).toHaveLength(1)
    if (outcome.ok) expect(store.items[0]?.id).toBe(outcome.vote.id)
  })

  it('casts my household’s ballot: the vote says who, when and how — not the choice', async () => {
    const { world, store, input } = await setUp()
    const opened = await store.open(input(), newKey(), world.clock.peek())
    if (!opened.ok) throw new Error(opened.message)
    const wang = await world.signedIn('u-wang')
    const mine = new VotesStore(wang.api, new SignOutRegistry().onSignOut)
    await mine.refresh()
    await mine.load(opened.vote.id)
    expect(mine.get(opened.vote.id)!.myHousehold).toEqual({ eligible: true })
    const cast = await mine.cast(opened.vote.id, 'o1')
    expect(cast.ok).toBe(true)
    const ballot = mine.get(opened.vote.id)!.myHousehold.ballot!
    expect(ballot).toEqual({ castByName: '王秀兰', at: expect.any(String), channel: 'phone' })
    expect(JSON.stringify(mine.get(opened.vote.id)!.myHousehold)).not.toContain('o1')
    expect(mine.items.find((v) => v.id === opened.vote.id)!.voted).toBe(1)
  })

  it('refuses a paper ballot locally without a note, and for a household that already voted with the reason', async () => {
    const { world, store, input, staff } = await setUp()
    const opened = await store.open(input(), newKey(), world.clock.peek())
    if (!opened.ok) throw new Error(opened.message)
    await (await world.signedIn('u-wang')).api.conventions.castBallot(opened.vote.id, 'o1')
    const before = staff.ops.length
    expect(await store.enterPaper(opened.vote.id, { buildingId: 'b-3', room: '201', optionId: 'o2', note: '' })).toMatchObject({ ok: false, fields: { note: expect.stringMatching(/由谁交来/) } })
    expect(staff.ops.length).toBe(before)
    const refused = await store.enterPaper(opened.vote.id, { buildingId: 'b-3', room: '201', optionId: 'o2', note: '本人交回' })
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.message).toMatch(/^该户的王秀兰已于.+在手机上投票，每户只计一票$/)

    await store.loadRoll(opened.vote.id)
    const free = store.rolls.get(opened.vote.id)!.rows.find((r) => !r.voted)!
    const entered = await store.enterPaper(opened.vote.id, { buildingId: free.buildingId, room: free.room, optionId: 'o1', note: '其子代交' })
    expect(entered.ok).toBe(true)
    await new Promise((r) => setTimeout(r, 10))
    const row = store.rolls.get(opened.vote.id)!.rows.find((r) => r.room === free.room && r.buildingId === free.buildingId)!
    expect(row).toMatchObject({ voted: true, channel: 'paper', enteredByName: '张敏' })
    expect(store.get(opened.vote.id)!.voted).toBe(2)
  })

  it('publishes the result once the vote closed', async () => {
    const { world, store, input } = await setUp()
    const opened = await store.open(input({ closesAt: new Date(world.clock.peek().getTime() + 2 * 3_600_000).toISOString() }), newKey(), world.clock.peek())
    if (!opened.ok) throw new Error(opened.message)
    const early = await store.publish(opened.vote.id)
    expect(early.ok).toBe(false)
    world.clock.advanceHours(3)
    const published = await store.publish(opened.vote.id)
    expect(published.ok).toBe(true)
    expect(store.get(opened.vote.id)!.status).toBe('published')
    expect(store.get(opened.vote.id)!.result).toMatchObject({ voted: 0, quorumMet: false, passed: false })
  })

  it('a roll is for staff and leaders only', async () => {
    const { world, store, input } = await setUp()
    const opened = await store.open(input(), newKey(), world.clock.peek())
    if (!opened.ok) throw new Error(opened.message)
    const resident = new VotesStore((await world.signedIn('u-wang')).api, new SignOutRegistry().onSignOut)
    await resident.loadRoll(opened.vote.id)
    expect(resident.rolls.get(opened.vote.id)).toBeUndefined()
    expect(resident.rollErrors.get(opened.vote.id)).toBeTruthy()
    const leader = new VotesStore((await world.signedIn('u-zhou')).api, new SignOutRegistry().onSignOut)
    await leader.loadRoll(opened.vote.id)
    expect(leader.rolls.get(opened.vote.id)!.rows.every((r) => r.buildingId === 'b-3')).toBe(true)
  })
})
