import type { VoteInput } from '../../types/api'
import type { Vote } from '../../types/domain'
import type { Caller, ConsultationEvent } from '../../src/core/context'
import { createWorld, DEMO, failure, outcomeOf, shapeOf, type World } from './support/world'

/**
 * Conventions and consultation (issue 11) at service level over the memory store, in the demo
 * community (映月社区, threshold 5 households in 30 days): proposals from raising to the agenda and
 * their answers; votes with the clock, one ballot per household by phone or on paper, quorum,
 * publication and what it decides; conventions' versions and acknowledgement by household;
 * evaluation; disclosures; discussions; idempotency; secrecy of ballots; ballots cast at once.
 */

const DAY = 86_400_000
const STAFF = DEMO.zhang
const GAO = 'u-gao' // 3号楼102
const LIN = 'u-lin' // 3号楼202
const XIN = 'u-xin' // the newcomer
/** The verified households of 3号楼 (101 周桂芳, 102 高志强, 201 王秀兰, 202 林淑珍, 302 李明). */
const B3_PEOPLE = [DEMO.zhou, GAO, DEMO.wang, LIN, DEMO.li]
const OFF_ROLL = '您家不在本次表决的名册中（名册在表决开启时按范围内已认证的住户确定）'

/** `11月30日 20:15` in China time, as the services write instants in messages. */
function china(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
}

const c = (world: World) => world.core.consultation
const staff = (world: World) => world.caller(STAFF)

/** Consultation events handed to the world's notifier. */
function recordConsult(world: World): ConsultationEvent[] {
  const events: ConsultationEvent[] = []
  world.notifier.consult = async (event) => void events.push(event)
  return events
}
const to = (events: ConsultationEvent[], kind: ConsultationEvent['kind']) => events.filter((e) => e.kind === kind).map((e) => e.recipient.userId).sort()

/** `userId` joins 映月社区 (signing in first when new) and staff approve their claim of `home`. */
async function verify(world: World, userId: string, home: { buildingId: string; room: string }, name: string): Promise<Caller> {
  if (!(await world.store.users.find(userId))) {
    await world.store.users.upsertWeChatUser({ id: userId, openid: `o-${userId}`, name: '微信用户', at: world.clock.now().toISOString() })
  }
  await world.core.communities.join(await world.caller(userId), DEMO.community)
  const claim = await world.core.households.claim(await world.caller(userId), { ...home, name, phone: '13900000999' })
  await world.core.households.approve(await staff(world), claim.id)
  return world.caller(userId)
}

async function conventionId(world: World, title: string): Promise<string> {
  return (await world.store.conventions.list(DEMO.community)).find((x) => x.title === title)!.id
}
async function proposalId(world: World, title: string): Promise<string> {
  return (await world.store.proposals.list({ communityId: DEMO.community }, null, 50)).find((p) => p.title === title)!.id
}

const GATE = { title: '3号楼单元门加装电子门禁', body: '3号楼单元门经常被外来人员随意进出，建议加装电子门禁，住户刷卡进出。', photoIds: [] }

async function propose(world: World, by: string = DEMO.wang, input = GATE) {
  return c(world).propose(await world.caller(by), input, { idempotencyKey: world.key() })
}

/** A proposal of 王秀兰's put on the agenda by staff. */
async function onAgenda(world: World) {
  const p = await propose(world)
  return c(world).answer(await staff(world), p.id, { kind: 'agenda', reason: '列入本月议事会' })
}

function voteInput(world: World, over: Partial<VoteInput> = {}): VoteInput {
  return {
    title: '是否同意3号楼单元门加装电子门禁',
    description: '费用约6,000元，从社区公益金列支。',
    kind: 'approval',
    options: [],
    scope: { kind: 'buildings', buildingIds: ['b-3'] },
    closesAt: new Date(world.clock.peek().getTime() + 2 * DAY).toISOString(),
    quorumPercent: 60,
    majority: 'simple',
    publicityDays: 7,
    ...over,
  }
}

async function openVote(world: World, over: Partial<VoteInput> = {}): Promise<Vote> {
  return c(world).openVote(await staff(world), voteInput(world, over), { idempotencyKey: world.key() })
}

async function cast(world: World, userId: string, voteId: string, optionId = 'o1'): Promise<Vote> {
  return c(world).castBallot(await world.caller(userId), voteId, optionId)
}

const closeVote = (world: World, vote: Vote) => world.clock.set(Date.parse(vote.closesAt) + 1000)

/** A proposal of 王秀兰's adopted by a 3号楼 vote (3 of 5 households for). */
async function adopted(world: World) {
  const p = await onAgenda(world)
  const vote = await openVote(world, { proposalId: p.id })
  for (const who of [DEMO.wang, DEMO.li, GAO]) await cast(world, who, vote.id)
  closeVote(world, vote)
  await c(world).publishResult(await staff(world), vote.id)
  return c(world).getProposal(await staff(world), p.id)
}

// ── 民事民提 ─────────────────────────────────────────────────────────────────────────────────

describe('民事民提: a proposal from raising to the agenda, and its answers', () => {
  let world: World
  let events: ConsultationEvent[]
  beforeEach(async () => {
    world = await createWorld()
    events = recordConsult(world)
  })

  it('reaches the agenda with the fifth co-signing household, and its author is told', async () => {
    const p = await propose(world)
    expect(p).toMatchObject({ status: 'collecting', cosigns: 0, threshold: 5, mine: true, authorName: '王秀兰', authorBuildingName: '3号楼' })
    expect(Date.parse(p.deadline) - Date.parse(p.createdAt)).toBe(30 * DAY)
    // 王秀兰's own household cannot co-sign it.
    expect(shapeOf(await failure(c(world).cosign(await world.caller(DEMO.wang), p.id)))).toMatchObject({ kind: 'forbidden', message: '这是您家提出的议题，不用再附议' })

    const signers = [DEMO.li, DEMO.zhao, DEMO.chen, DEMO.zhou]
    for (const who of signers) await c(world).cosign(await world.caller(who), p.id)
    // 李明 again: his household counted once.
    const again = await c(world).cosign(await world.caller(DEMO.li), p.id)
    expect(again).toMatchObject({ status: 'collecting', cosigns: 4, cosignedByMyHousehold: true, canCosign: false })
    await c(world).notifications.settled()
    expect(events).toEqual([])

    const fifth = await c(world).cosign(await world.caller(GAO), p.id)
    expect(fifth).toMatchObject({ status: 'agenda', cosigns: 5 })
    await c(world).notifications.settled()
    expect(events).toEqual([
      { recipient: { userId: DEMO.wang }, kind: 'proposal_threshold', subject: { kind: 'proposal', id: p.id, title: GATE.title }, at: expect.any(String), note: '已有5户附议，列入议程' },
    ])
    // On the agenda it may still be co-signed, without telling anyone twice.
    await c(world).cosign(await world.caller(LIN), p.id)
    await c(world).notifications.settled()
    expect(events).toHaveLength(1)
  })

  it('is answered 不予采纳 only with a reason, which the author is told and everyone reads', async () => {
    const p = await propose(world)
    const zhang = await staff(world)
    expect(shapeOf(await failure(c(world).answer(zhang, p.id, { kind: 'declined', reason: '' })))).toMatchObject({
      kind: 'validation',
      fields: { reason: '不予采纳请写明理由，居民会看到' },
    })
    const declined = await c(world).answer(zhang, p.id, { kind: 'declined', reason: '单元门属于业主共有部分，须由业主大会决定' })
    expect(declined).toMatchObject({ status: 'declined', answered: true, answer: { kind: 'declined', reason: '单元门属于业主共有部分，须由业主大会决定', byName: '张敏' } })
    await c(world).notifications.settled()
    expect(events).toEqual([{ recipient: { userId: DEMO.wang }, kind: 'proposal_answered', subject: { kind: 'proposal', id: p.id, title: GATE.title }, at: expect.any(String), note: '不予采纳' }])
    expect((await c(world).getProposal(await world.caller(DEMO.zhao), p.id)).answer?.reason).toBe('单元门属于业主共有部分，须由业主大会决定')
    expect(shapeOf(await failure(c(world).answer(zhang, p.id, { kind: 'agenda', reason: '' })))).toMatchObject({ kind: 'forbidden', message: '该议题已答复或已进入表决，不能再更改答复' })
    expect(shapeOf(await failure(c(world).cosign(await world.caller(DEMO.li), p.id)))).toMatchObject({ kind: 'forbidden', message: '该议题已不再征集附议' })
  })

  it('is merged into another open proposal, shown with it; not into itself or a closed one', async () => {
    const charging = await proposalId(world, '在小区东门增设电动自行车充电棚')
    const handrail = await proposalId(world, '3号楼楼道加装扶手') // voting
    const repeat = await propose(world, DEMO.zhao, { title: '东门再建一个电动车充电点', body: '北门充电点太少，建议东门也建一个电动车充电点。', photoIds: [] })
    const zhang = await staff(world)
    for (const into of [repeat.id, handrail, 'pp_nowhere']) {
      expect(shapeOf(await failure(c(world).answer(zhang, repeat.id, { kind: 'merged', reason: '', intoProposalId: into })))).toMatchObject({
        kind: 'validation',
        fields: { intoProposalId: '请选择本社区另一个仍在征集或已列入议程的议题' },
      })
    }
    const merged = await c(world).answer(zhang, repeat.id, { kind: 'merged', reason: '与东门充电棚议题相同', intoProposalId: charging })
    expect(merged).toMatchObject({ status: 'merged', answer: { kind: 'merged', mergedInto: { id: charging, title: '在小区东门增设电动自行车充电棚' } } })
    await c(world).notifications.settled()
    expect(events.map((e) => [e.recipient.userId, e.kind, e.note])).toEqual([[DEMO.zhao, 'proposal_answered', '已合并到其他议题']])
  })

  it('suggests similar open proposals before submitting, and only open ones', async () => {
    const wang = await world.caller(DEMO.wang)
    const similar = await c(world).similarProposals(wang, '东门 电动自行车 充电')
    expect(similar.map((p) => p.title)).toEqual(['在小区东门增设电动自行车充电棚'])
    expect(similar[0]).toMatchObject({ status: 'collecting', cosigns: 3, threshold: 5, cosignedByMyHousehold: false })
    // 周桂芳's household co-signed it: she is shown so.
    expect((await c(world).similarProposals(await world.caller(DEMO.zhou), '东门充电棚'))[0].cosignedByMyHousehold).toBe(true)
    expect(await c(world).similarProposals(wang, '垃圾分类')).toEqual([])
    expect(await c(world).similarProposals(wang, '门')).toEqual([])
    // The adopted 坡道 (东门) is no longer open: not suggested.
    expect((await c(world).similarProposals(wang, '小区东门增设无障碍坡道')).map((p) => p.title)).not.toContain('小区东门增设无障碍坡道')
    const charging = await proposalId(world, '在小区东门增设电动自行车充电棚')
    await c(world).answer(await staff(world), charging, { kind: 'declined', reason: '东门空地是消防通道' })
    expect(await c(world).similarProposals(wang, '东门 电动自行车 充电')).toEqual([])
  })
})

// ── 民事民决 ─────────────────────────────────────────────────────────────────────────────────

describe('民事民决: a vote of 3号楼 on an agenda item, along the clock', () => {
  let world: World
  let events: ConsultationEvent[]
  let proposal: string
  let vote: Vote
  let wangBallotAt: string
  let paperAt: string

  beforeAll(async () => {
    world = await createWorld()
    events = recordConsult(world)
    proposal = (await onAgenda(world)).id
    await c(world).notifications.settled()
    events.length = 0
    vote = await openVote(world, { proposalId: proposal })
  })

  it('fixes its roll when it opens — the five households of 3号楼 — and tells them', async () => {
    expect(vote).toMatchObject({ status: 'open', eligible: 5, voted: 0, scopeLabel: '3号楼', proposal: { id: proposal, title: GATE.title }, options: [{ id: 'o1', label: '同意' }, { id: 'o2', label: '不同意' }, { id: 'o3', label: '弃权' }] })
    const roll = await c(world).voteRoll(await staff(world), vote.id)
    expect(roll.rows.map((r) => [r.buildingName, r.room, r.voted])).toEqual([
      ['3号楼', '101', false],
      ['3号楼', '102', false],
      ['3号楼', '201', false],
      ['3号楼', '202', false],
      ['3号楼', '302', false],
    ])
    expect((await c(world).getProposal(await staff(world), proposal)).status).toBe('voting')
    await c(world).notifications.settled()
    expect(to(events, 'vote_opened')).toEqual([...B3_PEOPLE].sort())
    for (const e of events) expect(e).toMatchObject({ subject: { kind: 'vote', id: vote.id, title: vote.title }, note: `请于${china(vote.closesAt)}前投票` })
  })

  it('does not take a household verified after it opened, and says why', async () => {
    const late = await verify(world, 'u-late', { buildingId: 'b-3', room: '301' }, '赵新民')
    expect(shapeOf(await failure(c(world).castBallot(late, vote.id, 'o1')))).toMatchObject({ kind: 'forbidden', message: OFF_ROLL })
    expect((await c(world).getVote(late, vote.id)).myHousehold).toEqual({ eligible: false })
    expect((await c(world).getVote(late, vote.id)).eligible).toBe(5)
    expect((await c(world).overview(late)).votesToCast).toEqual([])
  })

  it('counts a phone ballot; the same person again gets the vote as it is', async () => {
    const wang = await world.caller(DEMO.wang)
    expect((await c(world).overview(wang)).votesToCast.map((v) => v.id)).toContain(vote.id)
    const cast1 = await c(world).castBallot(wang, vote.id, 'o1')
    expect(cast1).toMatchObject({ voted: 1, myHousehold: { eligible: true, ballot: { castByName: '王秀兰', channel: 'phone' } } })
    wangBallotAt = cast1.myHousehold.ballot!.at
    const cast2 = await c(world).castBallot(wang, vote.id, 'o2')
    expect(cast2).toEqual(cast1)
    expect((await c(world).overview(wang)).votesToCast.map((v) => v.id)).not.toContain(vote.id)
  })

  it('refuses a second member of the same household, naming who cast its ballot', async () => {
    const xin = await verify(world, XIN, { buildingId: 'b-3', room: '201' }, '王小明')
    expect(xin.user.home).toEqual({ buildingId: 'b-3', room: '201' })
    expect(shapeOf(await failure(c(world).castBallot(xin, vote.id, 'o2')))).toMatchObject({ kind: 'conflict', message: `您家的王秀兰已于${china(wangBallotAt)}投票，每户只计一票` })
    // The household sees who cast it.
    expect((await c(world).getVote(xin, vote.id)).myHousehold).toEqual({ eligible: true, ballot: { castByName: '王秀兰', at: wangBallotAt, channel: 'phone' } })
    expect((await c(world).getVote(xin, vote.id)).voted).toBe(1)
  })

  it('records a paper ballot with who entered it and when, and never twice for a household', async () => {
    const zhang = await staff(world)
    expect(shapeOf(await failure(c(world).enterPaperBallot(zhang, vote.id, { buildingId: 'b-3', room: '301', optionId: 'o1', note: '本人交回' })))).toMatchObject({
      kind: 'validation',
      fields: { room: '该户不在本次表决的名册中，请核对楼栋和房号' },
    })
    expect(shapeOf(await failure(c(world).enterPaperBallot(zhang, vote.id, { buildingId: 'b-3', room: '202', optionId: 'o1', note: '' })))).toMatchObject({ kind: 'validation', fields: { note: expect.any(String) } })
    const entered = await c(world).enterPaperBallot(zhang, vote.id, { buildingId: 'b-3', room: '202', optionId: 'o1', note: '林淑珍本人交回' })
    expect(entered.voted).toBe(2)
    const row = (await c(world).voteRoll(zhang, vote.id)).rows.find((r) => r.room === '202')!
    expect(row).toMatchObject({ voted: true, channel: 'paper', castByName: '林淑珍本人交回', enteredByName: '张敏', at: expect.any(String) })
    paperAt = row.at!
    expect(shapeOf(await failure(c(world).enterPaperBallot(zhang, vote.id, { buildingId: 'b-3', room: '202', optionId: 'o2', note: '其子代交' })))).toMatchObject({
      kind: 'conflict',
      message: `张敏已于${china(paperAt)}录入过该户的纸质选票，每户只计一票`,
    })
    expect(shapeOf(await failure(cast(world, LIN, vote.id, 'o2')))).toMatchObject({ kind: 'conflict', message: `社区已于${china(paperAt)}录入您家的纸质选票，每户只计一票` })
    // A household that voted by phone gets no paper ballot either.
    expect(shapeOf(await failure(c(world).enterPaperBallot(zhang, vote.id, { buildingId: 'b-3', room: '201', optionId: 'o2', note: '本人交回' })))).toMatchObject({
      kind: 'conflict',
      message: `该户的王秀兰已于${china(wangBallotAt)}在手机上投票，每户只计一票`,
    })
    // The leader of 3号楼 sees the same roll: who voted, never how.
    expect((await c(world).voteRoll(await world.caller(DEMO.zhou), vote.id)).rows.map((r) => [r.room, r.voted, r.channel ?? null])).toEqual([
      ['101', false, null],
      ['102', false, null],
      ['201', true, 'phone'],
      ['202', true, 'paper'],
      ['302', false, null],
    ])
  })

  it('hides the result from everyone while open, and refuses to publish it', async () => {
    await cast(world, DEMO.li, vote.id, 'o1')
    for (const who of [DEMO.wang, DEMO.zhou, STAFF]) expect((await c(world).getVote(await world.caller(who), vote.id)).result).toBeUndefined()
    expect(shapeOf(await failure(c(world).publishResult(await staff(world), vote.id)))).toMatchObject({ kind: 'forbidden', message: `表决将于${china(vote.closesAt)}截止，截止后才能公布结果` })
  })

  it('once closed, shows staff the result (residents not yet) and takes no more ballots', async () => {
    closeVote(world, vote)
    const seen = await c(world).getVote(await staff(world), vote.id)
    expect(seen.status).toBe('closed')
    expect(seen.result).toMatchObject({ eligible: 5, voted: 3, quorumPercent: 60, quorumMet: true, paperBallots: 1, winningOptionId: 'o1', passed: true })
    expect(seen.result!.tally.map((t) => [t.label, t.count])).toEqual([
      ['同意', 3],
      ['不同意', 0],
      ['弃权', 0],
    ])
    expect((await c(world).getVote(await world.caller(DEMO.wang), vote.id)).result).toBeUndefined()
    expect(shapeOf(await failure(cast(world, GAO, vote.id)))).toMatchObject({ kind: 'forbidden', message: '表决已截止' })
    expect(shapeOf(await failure(c(world).enterPaperBallot(await staff(world), vote.id, { buildingId: 'b-3', room: '102', optionId: 'o1', note: '本人交回' })))).toMatchObject({
      kind: 'forbidden',
      message: '表决已截止，不能再录入纸质选票',
    })
  })

  it('publishes: the proposal adopted, 公示 for its days, everyone sees it, the roll’s people told', async () => {
    events.length = 0
    const published = await c(world).publishResult(await staff(world), vote.id)
    expect(published.status).toBe('published')
    expect(published.publicityEndsAt).toBe(new Date(Date.parse(published.publishedAt!) + 7 * DAY).toISOString())
    expect((await c(world).getProposal(await world.caller(DEMO.wang), proposal)).status).toBe('adopted')
    expect((await c(world).getVote(await world.caller(DEMO.zhao), vote.id)).result).toMatchObject({ voted: 3, passed: true })
    await c(world).notifications.settled()
    // The verified members of the roll's households now: 王小明 joined 201 after it opened; 赵新民's 301 was never on it.
    expect(to(events, 'vote_result')).toEqual([...B3_PEOPLE, XIN].sort())
    expect(events.every((e) => e.note === '表决通过，结果公示中')).toBe(true)
    expect(shapeOf(await failure(c(world).publishResult(await staff(world), vote.id)))).toMatchObject({ kind: 'forbidden', message: '结果已经公布' })
    expect(shapeOf(await failure(cast(world, GAO, vote.id)))).toMatchObject({ kind: 'forbidden', message: '表决已结束，结果已公示' })
  })
})

describe('quorum', () => {
  it.each([
    [3, true, 'adopted'],
    [2, false, 'not_adopted'],
  ] as const)('%i of 5 households with a quorum of 60 %%: met %s → %s', async (ballots, met, status) => {
    const world = await createWorld()
    const events = recordConsult(world)
    const p = await onAgenda(world)
    const vote = await openVote(world, { proposalId: p.id })
    for (const who of [DEMO.wang, DEMO.li, GAO].slice(0, ballots)) await cast(world, who, vote.id)
    closeVote(world, vote)
    const published = await c(world).publishResult(await staff(world), vote.id)
    // All for, yet without the quorum nothing passes.
    expect(published.result).toMatchObject({ eligible: 5, voted: ballots, quorumMet: met, passed: met })
    expect((await c(world).getProposal(await staff(world), p.id)).status).toBe(status)
    await c(world).notifications.settled()
    expect(events.filter((e) => e.kind === 'vote_result').map((e) => e.note)[0]).toBe(met ? '表决通过，结果公示中' : '表决未通过，结果公示中')
  })
})

// ── conventions ──────────────────────────────────────────────────────────────────────────────

describe('a convention amendment put to a vote', () => {
  async function draftToVote(world: World) {
    const id = await conventionId(world, '映月社区居民公约')
    const zhang = await staff(world)
    const v1 = await c(world).getVersion(zhang, id, 1)
    const articles = v1.articles.map((a) => ({ id: a.id, title: a.title, text: a.number === 3 ? '电动自行车到集中充电点充电，严禁“飞线”充电和推车进楼入户；充电点晚上10点后断电。' : a.text }))
    await c(world).saveDraft(zhang, id, { articles, changeNote: '修改消防安全一条，经居民代表会议讨论提请表决' })
    const vote = await openVote(world, { title: '是否同意修改居民公约消防安全一条', conventionId: id, scope: { kind: 'community' }, quorumPercent: 50 })
    return { id, vote, v1 }
  }

  it('is adopted: version 2 in force from the publication, the first left in the record', async () => {
    const world = await createWorld()
    const { id, vote, v1 } = await draftToVote(world)
    const zhang = await staff(world)
    expect(vote).toMatchObject({ eligible: 7, convention: { id, title: '映月社区居民公约', version: 2 } })
    expect((await c(world).get(zhang, id)).versions.map((v) => [v.version, v.status, v.voteId ?? null])).toEqual([
      [1, 'published', null],
      [2, 'draft', vote.id],
    ])
    expect(shapeOf(await failure(c(world).saveDraft(zhang, id, { articles: [{ title: '新', text: '新的条款内容' }], changeNote: '再改一次' })))).toMatchObject({
      kind: 'forbidden',
      message: '草案正在表决，表决结束前不能修改',
    })
    expect(shapeOf(await failure(c(world).publishDraft(zhang, id, {})))).toMatchObject({ kind: 'forbidden', message: '草案已提交表决，表决通过并公示后自动生效' })
    // Residents read the version in force only, while the draft is voted on.
    expect((await c(world).get(await world.caller(DEMO.wang), id)).inForce?.version).toBe(1)
    expect(shapeOf(await failure(c(world).getVersion(await world.caller(DEMO.wang), id, 2)))).toMatchObject({ kind: 'not_found', message: '该版本不存在' })

    for (const who of [DEMO.wang, DEMO.li, DEMO.zhao, DEMO.chen]) await cast(world, who, vote.id) // 4 of 7
    closeVote(world, vote)
    const published = await c(world).publishResult(zhang, vote.id)
    expect(published.result).toMatchObject({ eligible: 7, voted: 4, quorumMet: true, passed: true })
    const now = await c(world).get(await world.caller(DEMO.wang), id)
    expect(now.inForce).toMatchObject({ version: 2, status: 'published', effectiveFrom: published.publishedAt, voteId: vote.id })
    expect(now.versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'published'],
      [2, 'published'],
    ])
    // A new version: no household has acknowledged it yet.
    expect([now.acknowledgedHouseholds, now.myAcknowledgement]).toEqual([0, undefined])
    const changes = await c(world).diff(await world.caller(DEMO.wang), id, 1, 2)
    expect(changes.map((x) => [x.after?.number, x.change])).toEqual(v1.articles.map((a) => [a.number, a.number === 3 ? 'changed' : 'unchanged']))
    expect((await c(world).overview(await world.caller(DEMO.li))).conventionsToAcknowledge.map((x) => x.id)).toContain(id)
  })

  it('is rejected when the vote fails: version 1 stays in force, the draft rejected', async () => {
    const world = await createWorld()
    const { id, vote } = await draftToVote(world)
    for (const [who, option] of [[DEMO.wang, 'o2'], [DEMO.li, 'o2'], [DEMO.zhao, 'o1'], [DEMO.chen, 'o3']]) await cast(world, who, vote.id, option)
    closeVote(world, vote)
    const published = await c(world).publishResult(await staff(world), vote.id)
    expect(published.result).toMatchObject({ voted: 4, quorumMet: true, passed: false })
    expect(published.result?.winningOptionId).toBeUndefined()
    const zhang = await staff(world)
    const now = await c(world).get(zhang, id)
    expect(now.inForce?.version).toBe(1)
    expect(now.versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'published'],
      [2, 'rejected'],
    ])
    expect((await c(world).getVersion(zhang, id, 2)).status).toBe('rejected')
    expect((await failure(c(world).getVersion(await world.caller(DEMO.wang), id, 2))).kind).toBe('not_found')
  })
})

describe('a 微公约 amendment put to a vote', () => {
  it('is voted on by its buildings only, never by the whole community', async () => {
    const world = await createWorld()
    const id = await conventionId(world, '3号楼文明公约')
    const zhou = await world.caller(DEMO.zhou) // the leader of 3号楼 writes its draft
    await c(world).saveDraft(zhou, id, { articles: [{ title: '楼道', text: '楼道内不堆放杂物。' }], changeNote: '3号楼议事会修订' })
    for (const scope of [{ kind: 'community' as const }, { kind: 'buildings' as const, buildingIds: ['b-3', 'b-8'] }]) {
      expect(shapeOf(await failure(openVote(world, { conventionId: id, scope })))).toMatchObject({ kind: 'validation', fields: { scope: '微公约的表决范围只能是它适用的楼栋' } })
    }
    const vote = await openVote(world, { conventionId: id })
    expect(vote).toMatchObject({ eligible: 5, scopeLabel: '3号楼', convention: { id, version: 3 } })
  })
})

describe('承诺遵守 by household, and who has not', () => {
  let world: World
  beforeEach(async () => {
    world = await createWorld()
  })

  it('is one acknowledgement per household: a second member sees who of theirs did it', async () => {
    const id = await conventionId(world, '映月社区居民公约')
    const wang = await world.caller(DEMO.wang)
    // Both bind 3号楼201; 李明 acknowledged the 微公约's version 2, not her household.
    expect((await c(world).overview(wang)).conventionsToAcknowledge.map((x) => x.title).sort()).toEqual(['3号楼文明公约', '映月社区居民公约'].sort())
    const acked = await c(world).acknowledge(wang, id)
    expect(acked).toMatchObject({ myAcknowledgement: { byName: '王秀兰' }, acknowledgedHouseholds: 4, households: 7 })
    const xin = await verify(world, XIN, { buildingId: 'b-3', room: '201' }, '王小明')
    expect((await c(world).get(xin, id)).myAcknowledgement).toEqual(acked.myAcknowledgement)
    // Again, by the other member: the first stands.
    expect((await c(world).acknowledge(xin, id)).myAcknowledgement).toEqual(acked.myAcknowledgement)
    expect((await c(world).overview(xin)).conventionsToAcknowledge.map((x) => x.title)).not.toContain('映月社区居民公约')
    const sheet = await c(world).acknowledgements(await staff(world), id)
    expect([sheet.households, sheet.acknowledged]).toEqual([7, 4])
    expect(sheet.rows.find((r) => r.room === '201' && r.buildingId === 'b-3')).toMatchObject({ acknowledged: true, byName: '王秀兰' })
  })

  it('shows the leader the households of 3号楼 and 5号楼 only, staff every household', async () => {
    const id = await conventionId(world, '映月社区居民公约')
    const leader = await c(world).acknowledgements(await world.caller(DEMO.zhou), id)
    expect(leader.rows.every((r) => ['b-3', 'b-5'].includes(r.buildingId))).toBe(true)
    expect(leader.rows.map((r) => [r.buildingName, r.room, r.acknowledged])).toEqual([
      ['3号楼', '101', false],
      ['3号楼', '102', false],
      ['3号楼', '201', false],
      ['3号楼', '202', false],
      ['3号楼', '302', true],
    ])
    expect([leader.households, leader.acknowledged]).toEqual([5, 1])
    const all = await c(world).acknowledgements(await staff(world), id)
    expect(all.rows.map((r) => `${r.buildingName}${r.room}`)).toEqual(['1号楼102', '3号楼101', '3号楼102', '3号楼201', '3号楼202', '3号楼302', '8号楼101'])
    // The 3号楼 微公约 binds 3号楼 only.
    const b3 = await c(world).acknowledgements(await world.caller(DEMO.zhou), await conventionId(world, '3号楼文明公约'))
    expect([b3.version, b3.households, b3.acknowledged]).toEqual([2, 5, 1])
    expect(shapeOf(await failure(c(world).acknowledge(await world.caller(DEMO.zhao), await conventionId(world, '3号楼文明公约'))))).toMatchObject({ kind: 'not_found' })
  })
})

describe('修订记录: the differences between versions', () => {
  it('of the 3号楼 微公约: 楼道 changed, 宠物 added', async () => {
    const world = await createWorld()
    const changes = await c(world).diff(await world.caller(DEMO.wang), await conventionId(world, '3号楼文明公约'), 1, 2)
    expect(changes.map((x) => [x.change, x.before?.title ?? null, x.after?.title ?? null])).toEqual([
      ['changed', '楼道', '楼道'],
      ['unchanged', '电梯', '电梯'],
      ['unchanged', '互助', '互助'],
      ['added', null, '宠物'],
    ])
    expect(changes[0].after?.text).toBe('楼道内不堆放杂物、不停放电动自行车，鞋柜等物品放在自家门内。')
    expect(shapeOf(await failure(c(world).diff(await world.caller(DEMO.wang), await conventionId(world, '3号楼文明公约'), 1, 3)))).toMatchObject({ kind: 'not_found', message: '该版本不存在' })
  })

  it('article by article: moved, removed, changed and added', async () => {
    const world = await createWorld()
    const zhang = await staff(world)
    const made = await c(world).create(
      zhang,
      {
        kind: 'building',
        title: '5号楼微公约',
        buildingIds: ['b-5'],
        articles: [
          { title: '甲', text: '第一条的内容' },
          { title: '乙', text: '第二条的内容' },
          { title: '丙', text: '第三条的内容' },
        ],
        changeNote: '5号楼议事会制定',
        publish: true,
      },
      { idempotencyKey: world.key() },
    )
    const [a, b] = made.inForce!.articles
    await c(world).saveDraft(zhang, made.id, {
      articles: [
        { id: b.id, title: '乙', text: '第二条的内容' },
        { id: a.id, title: '甲', text: '第一条改过的内容' },
        { title: '丁', text: '新加的一条' },
      ],
      changeNote: '调整顺序，删去丙条',
    })
    await c(world).publishDraft(zhang, made.id, {})
    const changes = await c(world).diff(await world.caller(DEMO.zhou), made.id, 1, 2)
    expect(changes.map((x) => [x.change, x.before?.title ?? null, x.before?.number ?? null, x.after?.number ?? null])).toEqual([
      ['renumbered', '乙', 2, 1],
      ['removed', '丙', 3, null],
      ['changed', '甲', 1, 2],
      ['added', null, null, 3],
    ])
  })
})

// ── 民事民评 ─────────────────────────────────────────────────────────────────────────────────

describe('民事民评: progress of an adopted decision and its rating', () => {
  it('goes forward to 100 %, which marks it done; households rate it once', async () => {
    const world = await createWorld()
    const p = await adopted(world)
    expect(p).toMatchObject({ status: 'adopted', evaluation: { responsible: '', percent: 0, updates: [] }, canRate: false })
    const zhang = await staff(world)
    const progress = (percent: number, over: Record<string, unknown> = {}) =>
      c(world).addProgress(zhang, p.id, { percent, text: `已完成${percent}%`, photoIds: [], ...over }, { idempotencyKey: world.key() })
    expect(shapeOf(await failure(progress(30)))).toMatchObject({ kind: 'validation', fields: { responsible: '请填写负责落实的人或部门' } })
    expect((await progress(30, { responsible: '物业服务中心' })).evaluation).toMatchObject({ responsible: '物业服务中心', percent: 30 })
    expect(shapeOf(await failure(progress(20)))).toMatchObject({ kind: 'validation', fields: { percent: '进度不能低于上次的30%' } })
    expect(shapeOf(await failure(c(world).rate(await world.caller(DEMO.li), p.id, { level: 'satisfied', comment: '' })))).toMatchObject({
      kind: 'forbidden',
      message: '事项落实完毕后才能评价',
    })
    const done = await progress(100)
    expect(done).toMatchObject({ status: 'done', evaluation: { percent: 100 } })
    expect(done.evaluation!.updates.map((u) => u.percent)).toEqual([30, 100])
    expect(shapeOf(await failure(progress(100)))).toMatchObject({ kind: 'forbidden', message: '该事项已落实完毕' })

    const wang = await world.caller(DEMO.wang)
    expect((await c(world).getProposal(wang, p.id)).canRate).toBe(true)
    const rated = await c(world).rate(wang, p.id, { level: 'satisfied', comment: '门禁很好用' })
    expect(rated.evaluation!.ratings).toEqual({ satisfied: 1, basically_satisfied: 0, unsatisfied: 0, mine: { level: 'satisfied', byName: '王秀兰' } })
    expect(rated.canRate).toBe(false)
    // 王秀兰 again, and a second member of her household: the household's first rating stands.
    await c(world).rate(wang, p.id, { level: 'unsatisfied', comment: '' })
    const xin = await verify(world, XIN, { buildingId: 'b-3', room: '201' }, '王小明')
    const second = await c(world).rate(xin, p.id, { level: 'unsatisfied', comment: '' })
    expect(second.evaluation!.ratings).toEqual({ satisfied: 1, basically_satisfied: 0, unsatisfied: 0, mine: { level: 'satisfied', byName: '王秀兰' } })
    expect(second.canRate).toBe(false)
    const third = await c(world).rate(await world.caller(DEMO.li), p.id, { level: 'basically_satisfied', comment: '' })
    expect(third.evaluation!.ratings).toMatchObject({ satisfied: 1, basically_satisfied: 1, unsatisfied: 0 })
  })
})

// ── 村务公开 ─────────────────────────────────────────────────────────────────────────────────

describe('村务公开', () => {
  const finance = (totalIncomeFen: number) => ({
    category: 'finance' as const,
    period: { year: 2026, quarter: 4 },
    title: '2026年第四季度社区公益金收支公开',
    body: '现将第四季度社区公益金收支情况公开如下。',
    photoIds: [],
    finance: {
      items: [
        { kind: 'income' as const, name: '上级拨付社区公益金', amountFen: 5_000_000 },
        { kind: 'income' as const, name: '党群活动经费', amountFen: 700_000 },
        { kind: 'expense' as const, name: '楼道扶手', amountFen: 800_000 },
      ],
      totalIncomeFen,
      totalExpenseFen: 800_000,
    },
  })

  it('refuses a finance table whose items do not add up, on the line that is wrong', async () => {
    const world = await createWorld()
    const error = await failure(c(world).publishDisclosure(await staff(world), finance(5_800_000), { idempotencyKey: world.key() }))
    expect(shapeOf(error)).toEqual({
      kind: 'validation',
      message: '收入合计为58,000.00元，但各项相加为57,000.00元，多了1,000.00元，请核对',
      fields: { 'finance.totalIncomeFen': '收入合计为58,000.00元，但各项相加为57,000.00元，多了1,000.00元，请核对' },
      malformed: false,
    })
    expect((await c(world).listDisclosures(await staff(world))).items).toHaveLength(2)
  })

  it('counts reads by household, for staff', async () => {
    const world = await createWorld()
    const zhang = await staff(world)
    const d = await c(world).publishDisclosure(zhang, finance(5_700_000), { idempotencyKey: world.key() })
    expect(d).toMatchObject({ category: 'finance', periodLabel: '2026年第4季度', households: 7, readHouseholds: 0, readByMe: true })
    const xin = await verify(world, XIN, { buildingId: 'b-3', room: '201' }, '王小明')
    const wang = await world.caller(DEMO.wang)
    expect((await c(world).getDisclosure(wang, d.id)).readByMe).toBe(false)
    await c(world).markDisclosureRead(wang, d.id)
    await c(world).markDisclosureRead(wang, d.id)
    expect((await c(world).getDisclosure(zhang, d.id)).readHouseholds).toBe(1)
    await c(world).markDisclosureRead(xin, d.id) // the same household
    expect((await c(world).getDisclosure(zhang, d.id)).readHouseholds).toBe(1)
    await c(world).markDisclosureRead(await world.caller(DEMO.li), d.id)
    // Grid workers read too, but are no household.
    await c(world).markDisclosureRead(await world.caller(DEMO.sun), d.id)
    expect((await c(world).getDisclosure(zhang, d.id)).readHouseholds).toBe(2)
    const mine = await c(world).getDisclosure(wang, d.id)
    expect(mine.readByMe).toBe(true)
    expect(mine.households).toBeUndefined()
    expect(mine.readHouseholds).toBeUndefined()
    expect((await c(world).listDisclosures(wang, { category: 'finance' })).items.map((x) => [x.title, x.readByMe])).toEqual([
      ['2026年第四季度社区公益金收支公开', true],
      ['2026年第三季度社区公益金收支公开', false],
    ])
  })
})

// ── 民事民议 ─────────────────────────────────────────────────────────────────────────────────

describe('民事民议: a discussion of a proposal', () => {
  it('wants a stance at the top, nests replies one level, hides with a reason', async () => {
    const world = await createWorld()
    const p = await propose(world)
    const subject = { kind: 'proposal' as const, id: p.id }
    const say = async (who: string, input: { body: string; stance?: 'for' | 'against' | 'neutral'; parentId?: string }) =>
      c(world).contribute(await world.caller(who), subject, input, { idempotencyKey: world.key() })

    expect(shapeOf(await failure(say(DEMO.li, { body: '我觉得可以' })))).toMatchObject({ kind: 'validation', fields: { stance: '请选择您的态度：支持、反对或中立' } })
    const top = await say(DEMO.li, { body: '支持加装门禁，外来人员太多了', stance: 'for' })
    expect(top).toMatchObject({ stance: 'for', official: false, mine: true, authorName: '李明' })
    expect(shapeOf(await failure(say(GAO, { body: '同意楼上', stance: 'for', parentId: top.id })))).toMatchObject({ kind: 'validation', fields: { stance: '回复不用再选择态度' } })
    const reply = await say(GAO, { body: '你这人真是多管闲事', parentId: top.id })
    const replyToReply = await say(DEMO.wang, { body: '大家好好说话', parentId: reply.id })
    expect([reply.parentId, replyToReply.parentId]).toEqual([top.id, top.id])
    const official = await say(STAFF, { body: '社区会在议事会上讨论，请大家继续发表意见。' })
    expect(official).toMatchObject({ official: true })
    expect(official.stance).toBeUndefined()
    await say(DEMO.zhou, { body: '门禁卡要收费的话我反对', stance: 'against' })

    const zhang = await staff(world)
    expect(shapeOf(await failure(c(world).hideContribution(zhang, reply.id, '')))).toMatchObject({ kind: 'validation', fields: { reason: expect.any(String) } })
    const hidden = await c(world).hideContribution(zhang, reply.id, '含有人身攻击')
    expect(hidden).toMatchObject({ hidden: { reason: '含有人身攻击', byName: '张敏' }, body: '你这人真是多管闲事' })
    expect(shapeOf(await failure(c(world).hideContribution(zhang, reply.id, '再次隐藏')))).toMatchObject({ kind: 'forbidden', message: '这条发言已经隐藏' })

    const forResident = await c(world).listContributions(await world.caller(DEMO.zhao), subject)
    const shown = forResident.items.find((x) => x.id === reply.id)!
    expect(shown).toMatchObject({ body: '', hidden: { reason: '含有人身攻击', byName: '张敏' }, parentId: top.id })
    expect(JSON.stringify(forResident)).not.toContain('多管闲事')
    // Still shown to its author as hidden, without the text.
    expect((await c(world).listContributions(await world.caller(GAO), subject)).items.find((x) => x.id === reply.id)!.body).toBe('')
    expect((await c(world).listContributions(zhang, subject)).items.find((x) => x.id === reply.id)!.body).toBe('你这人真是多管闲事')
    expect(forResident.items).toHaveLength(5)
    expect(forResident.stances).toEqual({ for: 1, against: 1, neutral: 0 })
    expect((await c(world).getProposal(await world.caller(DEMO.zhao), p.id)).contributions).toBeGreaterThan(0)
  })
})

// ── idempotency ──────────────────────────────────────────────────────────────────────────────

describe('a retried submission', () => {
  it('creates one proposal for one key; the same key with another body is a field error', async () => {
    const world = await createWorld()
    const wang = await world.caller(DEMO.wang)
    const key = world.key()
    const first = await c(world).propose(wang, GATE, { idempotencyKey: key })
    const again = await c(world).propose(wang, { ...GATE }, { idempotencyKey: key })
    expect(again.id).toBe(first.id)
    expect((await c(world).listProposals(wang, { filter: 'mine' })).items.map((p) => p.id)).toEqual([first.id])
    expect(shapeOf(await failure(c(world).propose(wang, { ...GATE, body: `${GATE.body}另外再加装监控。` }, { idempotencyKey: key })))).toMatchObject({
      kind: 'validation',
      fields: { idempotencyKey: '同一提交编号对应了不同的内容，请重新提交' },
    })
    expect((await c(world).listProposals(wang, { filter: 'mine' })).items).toHaveLength(1)
    // A key is one person's: 李明 with the same key makes his own.
    const li = await c(world).propose(await world.caller(DEMO.li), GATE, { idempotencyKey: key })
    expect(li.id).not.toBe(first.id)
    expect(shapeOf(await failure(c(world).propose(wang, GATE, { idempotencyKey: 'x' })))).toMatchObject({ kind: 'validation', malformed: true })
  })

  it('opens one vote for one key', async () => {
    const world = await createWorld()
    const zhang = await staff(world)
    const input = voteInput(world, { scope: { kind: 'community' } })
    const key = world.key()
    const [a, b] = await Promise.all([c(world).openVote(zhang, input, { idempotencyKey: key }), c(world).openVote(zhang, input, { idempotencyKey: key })])
    expect(a.id).toBe(b.id)
    expect((await c(world).listVotes(zhang)).items.filter((v) => v.title === input.title)).toHaveLength(1)
  })
})

// ── secrecy ──────────────────────────────────────────────────────────────────────────────────

describe('secret ballots', () => {
  it('never tells anyone which option a household chose — not the vote, the roll, nor the export of personal data', async () => {
    const world = await createWorld()
    const vote = await openVote(world, { title: '3号楼外墙粉刷选色', kind: 'choice', options: ['暖杏黄', '浅湖蓝'], quorumPercent: 20 })
    await cast(world, DEMO.wang, vote.id, 'o1')
    await cast(world, DEMO.li, vote.id, 'o2')
    await c(world).enterPaperBallot(await staff(world), vote.id, { buildingId: 'b-3', room: '202', optionId: 'o2', note: '林淑珍本人交回' })
    const chosen = /"o1"|"o2"|暖杏黄|浅湖蓝/

    const look = async () => {
      for (const who of [DEMO.wang, DEMO.li, LIN, DEMO.zhou, STAFF, DEMO.zhao]) {
        const caller = await world.caller(who)
        const { options: _options, result: _result, ...rest } = await c(world).getVote(caller, vote.id)
        expect(JSON.stringify(rest)).not.toMatch(chosen)
        for (const listed of (await c(world).listVotes(caller)).items) {
          const { options: _o, result: _r, ...others } = listed
          expect(JSON.stringify(others)).not.toMatch(chosen)
        }
        const { votesToCast } = await c(world).overview(caller)
        expect(JSON.stringify(votesToCast.map(({ options: _o, result: _r, ...others }) => others))).not.toMatch(chosen)
        expect(JSON.stringify(await world.core.profile.exportData(caller))).not.toMatch(chosen)
      }
      for (const who of [STAFF, DEMO.zhou]) expect(JSON.stringify(await c(world).voteRoll(await world.caller(who), vote.id))).not.toMatch(chosen)
    }
    await look()
    expect(JSON.stringify((await world.core.profile.exportData(await world.caller(DEMO.wang))).consultation)).toContain(vote.id)
    closeVote(world, vote)
    await c(world).publishResult(await staff(world), vote.id)
    await look()
    // Only the counts are told, once published.
    expect((await c(world).getVote(await world.caller(DEMO.wang), vote.id)).result!.tally.map((t) => [t.label, t.count])).toEqual([
      ['暖杏黄', 1],
      ['浅湖蓝', 2],
    ])
  })
})

// ── at once ──────────────────────────────────────────────────────────────────────────────────

describe('ballots cast at once (memory store)', () => {
  it('counts exactly one ballot for each of 20 households when 50 of their members cast at once', async () => {
    const world = await createWorld()
    const at = () => world.clock.now().toISOString()
    // The community's 7 verified households, and 13 more in 2号楼 and 5号楼.
    const existing = (await world.store.users.listResidents(DEMO.community)).map((r) => ({ home: r.home, members: [r.id] }))
    expect(existing).toHaveLength(7)
    const rooms = ['101', '102', '201', '202', '301', '302', '401', '402']
    const fresh = [...rooms.map((room) => ({ buildingId: 'b-2', room })), ...rooms.slice(0, 5).map((room) => ({ buildingId: 'b-5', room }))].map((home) => ({ home, members: [] as string[] }))
    const households = [...existing, ...fresh]
    expect(households).toHaveLength(20)
    let n = 0
    for (const [i, h] of households.entries()) {
      const size = i < 10 ? 3 : 2
      while (h.members.length < size) {
        const id = `u-member-${++n}`
        await world.store.users.upsertWeChatUser({ id, openid: `o-member-${n}`, name: `住户${n}`, at: at() })
        await world.store.users.setCommunity(id, DEMO.community)
        await world.store.users.setHome(id, h.home, at(), { name: `住户${n}`, phone: '' })
        h.members.push(id)
      }
    }
    const members = households.flatMap((h) => h.members)
    expect(members).toHaveLength(50)

    const vote = await openVote(world, { scope: { kind: 'community' }, title: '是否同意更换小区门禁系统' })
    expect(vote.eligible).toBe(20)
    const callers = await Promise.all(members.map((id) => world.caller(id)))
    const outcomes = await Promise.all(callers.map((caller, i) => outcomeOf(c(world).castBallot(caller, vote.id, ['o1', 'o2', 'o3'][i % 3]))))
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(20)
    expect(outcomes.filter((o) => o === 'conflict')).toHaveLength(30)

    const roll = await c(world).voteRoll(await staff(world), vote.id)
    expect(roll.rows.filter((r) => r.voted)).toHaveLength(20)
    closeVote(world, vote)
    const seen = await c(world).getVote(await staff(world), vote.id)
    expect(seen.voted).toBe(20)
    expect(seen.result!.voted).toBe(20)
    expect(seen.result!.tally.reduce((sum, t) => sum + t.count, 0)).toBe(20)
    const { counts } = await world.store.votes.tally(vote.id)
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(20)
  })

  it('counts one of a paper and a phone ballot for the same household entered at once', async () => {
    const world = await createWorld()
    const vote = await openVote(world)
    const zhang = await staff(world)
    const people: Array<[string, string]> = [
      [DEMO.wang, '201'],
      [DEMO.li, '302'],
      [GAO, '102'],
      [LIN, '202'],
    ]
    for (const [who, room] of people) {
      const resident = await world.caller(who)
      const [paper, phone] = await Promise.all([
        outcomeOf(c(world).enterPaperBallot(zhang, vote.id, { buildingId: 'b-3', room, optionId: 'o2', note: '本人交回' })),
        outcomeOf(c(world).castBallot(resident, vote.id, 'o1')),
      ])
      expect([paper, phone].sort()).toEqual(['conflict', 'ok'])
    }
    const roll = await c(world).voteRoll(zhang, vote.id)
    expect(roll.rows.filter((r) => r.voted)).toHaveLength(4)
    closeVote(world, vote)
    const result = (await c(world).getVote(zhang, vote.id)).result!
    expect(result.voted).toBe(4)
    expect(result.tally.reduce((sum, t) => sum + t.count, 0)).toBe(4)
    expect(result.paperBallots).toBe(roll.rows.filter((r) => r.channel === 'paper').length)
  })
})
