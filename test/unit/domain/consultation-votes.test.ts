import type { VoteInput } from '../../../types/api'
import type { VoteOption, VoteStatus } from '../../../types/domain'
import {
  APPROVAL_LABELS,
  canSeeResult,
  computeResult,
  inVoteScope,
  isMajority,
  reachesPercent,
  refuseBallot,
  refuseOpenVote,
  refusePaperBallot,
  rollRowsFor,
  sameHousehold,
  validateVote,
  VOTE_LIMITS,
  voteOptions,
  voteStatus,
  type BallotContext,
  type TallyInput,
} from '../../../src/domain/consultation/votes'
import { householdKey, householdsOf, type HouseholdKey } from '../../../src/domain/consultation/households'
import { actor } from '../support/domain-fixtures'

const NOW = new Date('2026-11-21T08:00:00.000Z')
const HOUR = 3_600_000
const DAY = 86_400_000
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString()

const APPROVAL: VoteOption[] = voteOptions('approval', [])
const CHOICE: VoteOption[] = voteOptions('choice', ['东门', '西门', '南门'])

function tally(over: Partial<Omit<TallyInput, 'counts'>> & { counts?: Record<string, number> } = {}) {
  const { counts, ...rest } = over
  return computeResult({
    voteId: 'v-1',
    kind: 'approval',
    options: APPROVAL,
    quorumPercent: 60,
    majority: 'simple',
    eligible: 5,
    paperBallots: 0,
    ...rest,
    counts: new Map(Object.entries(counts ?? {})),
  })
}

const staff = actor('u-staff', ['staff'])
const resident = actor('u-res', ['resident'], { home: { buildingId: 'b-1', room: '101' } })
const leader = actor('u-leader', ['resident', 'building_leader'], { leadsBuildingIds: ['b-1'], home: { buildingId: 'b-1', room: '201' } })
const gridWorker = actor('u-grid', ['grid_worker'])

describe('voteOptions', () => {
  it('gives an approval vote the fixed options 同意 / 不同意 / 弃权 as o1..o3, whatever labels were passed', () => {
    expect(voteOptions('approval', ['甲', '乙'])).toEqual([
      { id: 'o1', label: '同意' },
      { id: 'o2', label: '不同意' },
      { id: 'o3', label: '弃权' },
    ])
    expect(APPROVAL_LABELS).toEqual(['同意', '不同意', '弃权'])
  })

  it('numbers a choice vote’s labels in order, trimmed', () => {
    expect(voteOptions('choice', ['  东门 ', '西门'])).toEqual([
      { id: 'o1', label: '东门' },
      { id: 'o2', label: '西门' },
    ])
  })

  it('gives a choice vote without labels no options', () => {
    expect(voteOptions('choice', [])).toEqual([])
  })
})

describe('reachesPercent', () => {
  it('counts exactly at the percent as reached (3 of 5 at 60 %)', () => {
    expect(reachesPercent(3, 5, 60)).toBe(true)
  })

  it('is not reached just below (2 of 5 at 60 %, 59 of 100 at 60 %)', () => {
    expect(reachesPercent(2, 5, 60)).toBe(false)
    expect(reachesPercent(59, 100, 60)).toBe(false)
    expect(reachesPercent(60, 100, 60)).toBe(true)
  })

  it('works in integers: 1 of 3 reaches 33 % but not 34 %', () => {
    expect(reachesPercent(1, 3, 33)).toBe(true)
    expect(reachesPercent(1, 3, 34)).toBe(false)
  })

  it('has no float errors where a division would (7 of 10 at 70 %, 29 of 100 at 29 %, 57 of 100 at 57 %)', () => {
    expect(reachesPercent(7, 10, 70)).toBe(true)
    expect(reachesPercent(29, 100, 29)).toBe(true)
    expect(reachesPercent(57, 100, 57)).toBe(true)
  })

  it('needs every household at 100 %', () => {
    expect(reachesPercent(5, 5, 100)).toBe(true)
    expect(reachesPercent(4, 5, 100)).toBe(false)
  })

  it('is never reached with nobody on the roll, even by 0 of 0', () => {
    expect(reachesPercent(0, 0, 1)).toBe(false)
    expect(reachesPercent(3, 0, 60)).toBe(false)
  })

  it('is not reached by zero turnout', () => {
    expect(reachesPercent(0, 5, 1)).toBe(false)
  })
})

describe('isMajority', () => {
  it('simple: exactly half is not a majority, more than half is', () => {
    expect(isMajority(2, 4, 'simple')).toBe(false)
    expect(isMajority(3, 4, 'simple')).toBe(true)
    expect(isMajority(3, 5, 'simple')).toBe(true)
    expect(isMajority(1, 1, 'simple')).toBe(true)
  })

  it('two thirds: exactly 2/3 is a majority (2 of 3, 4 of 6), just below is not', () => {
    expect(isMajority(2, 3, 'two_thirds')).toBe(true)
    expect(isMajority(4, 6, 'two_thirds')).toBe(true)
    expect(isMajority(66, 100, 'two_thirds')).toBe(false)
    expect(isMajority(67, 100, 'two_thirds')).toBe(true)
    expect(isMajority(3, 5, 'two_thirds')).toBe(false)
    expect(isMajority(1, 2, 'two_thirds')).toBe(false)
  })

  it('is never a majority of no ballots, or with no ballots for the top option', () => {
    expect(isMajority(0, 0, 'simple')).toBe(false)
    expect(isMajority(0, 0, 'two_thirds')).toBe(false)
    expect(isMajority(0, 3, 'simple')).toBe(false)
  })
})

describe('computeResult', () => {
  it('meets quorum exactly at it (3 of 5 at 60 %) and passes when 同意 has the majority', () => {
    const r = tally({ counts: { o1: 2, o2: 1 } })
    expect(r).toMatchObject({ eligible: 5, voted: 3, quorumPercent: 60, quorumMet: true, majority: 'simple', winningOptionId: 'o1', passed: true })
  })

  it('misses quorum just below it (2 of 5 at 60 %): no winner, not passed, even if unanimous', () => {
    const r = tally({ counts: { o1: 2 } })
    expect(r.quorumMet).toBe(false)
    expect(r.winningOptionId).toBeUndefined()
    expect(r).not.toHaveProperty('winningOptionId')
    expect(r.passed).toBe(false)
  })

  it('zero turnout: voted 0, no quorum, every option listed with 0, not passed', () => {
    const r = tally({ counts: {} })
    expect(r.voted).toBe(0)
    expect(r.quorumMet).toBe(false)
    expect(r.tally).toEqual([
      { optionId: 'o1', label: '同意', count: 0 },
      { optionId: 'o2', label: '不同意', count: 0 },
      { optionId: 'o3', label: '弃权', count: 0 },
    ])
    expect(r.passed).toBe(false)
    expect(r).not.toHaveProperty('winningOptionId')
  })

  it('zero eligible: no quorum and not passed (no division by zero)', () => {
    const r = tally({ eligible: 0, counts: {} })
    expect(r).toMatchObject({ eligible: 0, voted: 0, quorumMet: false, passed: false })
    expect(r).not.toHaveProperty('winningOptionId')
  })

  it('a tie between two options: no winner, not passed, quorum still met', () => {
    const r = tally({ eligible: 4, quorumPercent: 50, counts: { o1: 2, o2: 2 } })
    expect(r.quorumMet).toBe(true)
    expect(r).not.toHaveProperty('winningOptionId')
    expect(r.passed).toBe(false)
  })

  it('a tie between two choices: no winner', () => {
    const r = tally({ kind: 'choice', options: CHOICE, eligible: 10, quorumPercent: 50, counts: { o1: 3, o2: 3, o3: 1 } })
    expect(r).not.toHaveProperty('winningOptionId')
    expect(r.passed).toBe(false)
  })

  it('simple majority: exactly half of the ballots cast is not a majority', () => {
    const r = tally({ eligible: 4, quorumPercent: 100, counts: { o1: 2, o2: 1, o3: 1 } })
    expect(r.quorumMet).toBe(true)
    expect(r).not.toHaveProperty('winningOptionId')
    expect(r.passed).toBe(false)
  })

  it('simple majority: more than half is', () => {
    const r = tally({ eligible: 5, quorumPercent: 100, counts: { o1: 3, o2: 1, o3: 1 } })
    expect(r.winningOptionId).toBe('o1')
    expect(r.passed).toBe(true)
  })

  it('two thirds: exactly 2/3 of the ballots is a majority', () => {
    const r = tally({ majority: 'two_thirds', eligible: 6, quorumPercent: 50, counts: { o1: 4, o2: 2 } })
    expect(r).toMatchObject({ majority: 'two_thirds', quorumMet: true, winningOptionId: 'o1', passed: true })
  })

  it('two thirds: 2 of 3 is a majority, just below 2/3 (5 of 8) is not', () => {
    expect(tally({ majority: 'two_thirds', eligible: 3, quorumPercent: 100, counts: { o1: 2, o2: 1 } }).passed).toBe(true)
    const below = tally({ majority: 'two_thirds', eligible: 8, quorumPercent: 100, counts: { o1: 5, o2: 3 } })
    expect(below.quorumMet).toBe(true)
    expect(below).not.toHaveProperty('winningOptionId')
    expect(below.passed).toBe(false)
  })

  it('counts abstentions in the ballots cast: 同意 3, 弃权 3 of 6 is no simple majority', () => {
    const r = tally({ eligible: 6, quorumPercent: 50, counts: { o1: 3, o3: 3 } })
    expect(r.voted).toBe(6)
    expect(r).not.toHaveProperty('winningOptionId')
    expect(r.passed).toBe(false)
  })

  it('abstentions also count towards quorum', () => {
    const r = tally({ eligible: 5, quorumPercent: 60, counts: { o1: 1, o3: 2 } })
    expect(r.voted).toBe(3)
    expect(r.quorumMet).toBe(true)
    // 弃权 has 2 of 3: the abstention wins, and the approval is not passed.
    expect(r.winningOptionId).toBe('o3')
    expect(r.passed).toBe(false)
  })

  it('an approval vote where 不同意 wins has a winner but is not passed', () => {
    const r = tally({ eligible: 5, counts: { o1: 1, o2: 3 } })
    expect(r.quorumMet).toBe(true)
    expect(r.winningOptionId).toBe('o2')
    expect(r.passed).toBe(false)
  })

  it('an approval vote where 弃权 has the majority is not passed', () => {
    const r = tally({ eligible: 5, counts: { o1: 1, o3: 4 } })
    expect(r.winningOptionId).toBe('o3')
    expect(r.passed).toBe(false)
  })

  it('a choice vote passes with any winner (not only the first option)', () => {
    const r = tally({ kind: 'choice', options: CHOICE, eligible: 10, quorumPercent: 50, counts: { o1: 1, o2: 1, o3: 4 } })
    expect(r.voted).toBe(6)
    expect(r.winningOptionId).toBe('o3')
    expect(r.passed).toBe(true)
  })

  it('a choice vote whose top option has only a plurality has no winner', () => {
    const r = tally({ kind: 'choice', options: CHOICE, eligible: 10, quorumPercent: 50, counts: { o1: 2, o2: 2, o3: 3 } })
    expect(r).not.toHaveProperty('winningOptionId')
    expect(r.passed).toBe(false)
  })

  it('lists every option in the options’ order, those without ballots with 0, whatever the map’s order', () => {
    const r = computeResult({
      voteId: 'v-2',
      kind: 'choice',
      options: CHOICE,
      quorumPercent: 50,
      majority: 'simple',
      eligible: 4,
      paperBallots: 0,
      counts: new Map([
        ['o3', 3],
        ['o1', 1],
      ]),
    })
    expect(r.tally).toEqual([
      { optionId: 'o1', label: '东门', count: 1 },
      { optionId: 'o2', label: '西门', count: 0 },
      { optionId: 'o3', label: '南门', count: 3 },
    ])
  })

  it('ignores counts for ids that are not options of the vote', () => {
    const r = tally({ counts: { o1: 3, stray: 10 } })
    expect(r.voted).toBe(3)
    expect(r.tally.map((t) => t.optionId)).toEqual(['o1', 'o2', 'o3'])
  })

  it('passes the vote id and the paper ballots through', () => {
    const r = tally({ voteId: 'v-paper', paperBallots: 2, counts: { o1: 3 } })
    expect(r.voteId).toBe('v-paper')
    expect(r.paperBallots).toBe(2)
    expect(r.voted).toBe(3)
  })

  it('a household with several members counts once on the roll and in the quorum', () => {
    // Four people, three households: the roll is 3, and two ballots (one per household) are 2 of 3.
    const residents = [
      { home: { buildingId: 'b-1', room: '101' } },
      { home: { buildingId: 'b-1', room: '101' } },
      { home: { buildingId: 'b-1', room: '102' } },
      { home: { buildingId: 'b-2', room: '101' } },
    ]
    const roll = householdsOf(residents)
    expect(roll).toHaveLength(3)
    const r = tally({ eligible: roll.length, quorumPercent: 67, counts: { o1: 2 } })
    expect(r.eligible).toBe(3)
    expect(r.quorumMet).toBe(false)
    expect(tally({ eligible: roll.length, quorumPercent: 66, counts: { o1: 2 } }).quorumMet).toBe(true)
  })
})

describe('households', () => {
  it('householdsOf: several members of a household give one household, in first-seen order', () => {
    const residents = [
      { home: { buildingId: 'b-2', room: '301' }, name: '王' },
      { home: { buildingId: 'b-1', room: '101' }, name: '李' },
      { home: { buildingId: 'b-2', room: '301' }, name: '王之子' },
      { home: { buildingId: 'b-1', room: '101' }, name: '李之妻' },
    ]
    expect(householdsOf(residents)).toEqual([
      { buildingId: 'b-2', room: '301' },
      { buildingId: 'b-1', room: '101' },
    ])
  })

  it('householdsOf: the same room in two buildings is two households', () => {
    expect(householdsOf([{ home: { buildingId: 'b-1', room: '101' } }, { home: { buildingId: 'b-2', room: '101' } }])).toHaveLength(2)
  })

  it('householdsOf of nobody is empty', () => {
    expect(householdsOf([])).toEqual([])
  })

  it('householdsOf returns only the key, not the resident', () => {
    const [h] = householdsOf([{ home: { buildingId: 'b-1', room: '101' }, name: '李', id: 'u-1' } as { home: HouseholdKey }])
    expect(Object.keys(h).sort()).toEqual(['buildingId', 'room'])
  })

  it('sameHousehold and householdKey compare building and room', () => {
    expect(sameHousehold({ buildingId: 'b-1', room: '101' }, { buildingId: 'b-1', room: '101' })).toBe(true)
    expect(sameHousehold({ buildingId: 'b-1', room: '101' }, { buildingId: 'b-1', room: '102' })).toBe(false)
    expect(sameHousehold({ buildingId: 'b-1', room: '101' }, { buildingId: 'b-2', room: '101' })).toBe(false)
    expect(householdKey({ buildingId: 'b-1', room: '101' })).not.toBe(householdKey({ buildingId: 'b-11', room: '01' }))
  })
})

describe('refuseBallot', () => {
  const home: HouseholdKey = { buildingId: 'b-1', room: '101' }
  const ctx = (over: Partial<BallotContext> = {}): BallotContext => ({ status: 'open', home, onRoll: true, optionIds: ['o1', 'o2', 'o3'], optionId: 'o1', ...over })

  it('lets a household on the roll cast a ballot for one of the options while open', () => {
    expect(refuseBallot(ctx())).toBeNull()
    expect(refuseBallot(ctx({ optionId: 'o3' }))).toBeNull()
  })

  it('refuses a person without a verified home first', () => {
    expect(refuseBallot(ctx({ home: undefined, onRoll: false, status: 'closed' }))).toEqual({ code: 'forbidden', message: expect.stringContaining('完成房屋认证') })
  })

  it('refuses a household not on the roll', () => {
    expect(refuseBallot(ctx({ onRoll: false }))).toEqual({ code: 'forbidden', message: expect.stringContaining('不在本次表决的名册中') })
  })

  it('a household that moved in after the vote opened is not on the roll (it is fixed at opening)', () => {
    const atOpening = [{ home: { buildingId: 'b-1', room: '101' } }, { home: { buildingId: 'b-1', room: '102' } }]
    const newcomer: HouseholdKey = { buildingId: 'b-1', room: '201' }
    const later = [...atOpening, { home: newcomer }]
    const roll = householdsOf(atOpening)
    const onRoll = (h: HouseholdKey) => roll.some((r) => sameHousehold(r, h))
    // Today the newcomer is a verified household of the building...
    expect(householdsOf(later).some((h) => sameHousehold(h, newcomer))).toBe(true)
    // ...but the roll taken when the vote opened does not hold it, so its ballot is refused.
    expect(onRoll(newcomer)).toBe(false)
    expect(refuseBallot(ctx({ home: newcomer, onRoll: onRoll(newcomer) }))?.message).toContain('名册在表决开启时')
    expect(refuseBallot(ctx({ home: atOpening[1].home, onRoll: onRoll(atOpening[1].home) }))).toBeNull()
  })

  it('refuses a closed vote', () => {
    expect(refuseBallot(ctx({ status: 'closed' }))).toEqual({ code: 'forbidden', message: '表决已截止' })
  })

  it('refuses a published vote, saying the result is published', () => {
    expect(refuseBallot(ctx({ status: 'published' }))).toEqual({ code: 'forbidden', message: '表决已结束，结果已公示' })
  })

  it.each([['o9'], [''], [undefined], [null], [1], [['o1']]])('refuses option %p as a validation error on optionId', (optionId) => {
    expect(refuseBallot(ctx({ optionId }))).toEqual({ code: 'validation', field: 'optionId', message: '请选择一个选项' })
  })
})

describe('refusePaperBallot', () => {
  const ctx = (over: Partial<Omit<BallotContext, 'home'> & { note: unknown }> = {}) => ({ status: 'open' as VoteStatus, onRoll: true, optionIds: ['o1', 'o2'], optionId: 'o2', note: '本人交回', ...over })

  it('lets staff enter a ballot of a household on the roll while open', () => {
    expect(refusePaperBallot(staff, ctx())).toBeNull()
  })

  it.each([['resident', resident], ['building leader', leader], ['grid worker', gridWorker]] as const)('refuses a %s', (_n, person) => {
    expect(refusePaperBallot(person, ctx())).toEqual({ code: 'forbidden', message: '只有社区工作者可以录入纸质选票' })
  })

  it('refuses a household not on the roll, on the room field', () => {
    expect(refusePaperBallot(staff, ctx({ onRoll: false }))).toEqual({ code: 'validation', field: 'room', message: expect.stringContaining('不在本次表决的名册中') })
  })

  it.each<VoteStatus>(['closed', 'published'])('refuses a %s vote', (status) => {
    expect(refusePaperBallot(staff, ctx({ status }))).toEqual({ code: 'forbidden', message: '表决已截止，不能再录入纸质选票' })
  })

  it('refuses an option not of the vote', () => {
    expect(refusePaperBallot(staff, ctx({ optionId: 'o3' }))).toEqual({ code: 'validation', field: 'optionId', message: '请选择该户所投的选项' })
  })

  it('refuses a note too short, missing, or too long; takes 2 and 50 characters', () => {
    const noteError = { code: 'validation', field: 'note', message: expect.stringContaining('2–50字') }
    expect(refusePaperBallot(staff, ctx({ note: '我' }))).toEqual(noteError)
    expect(refusePaperBallot(staff, ctx({ note: '   ' }))).toEqual(noteError)
    expect(refusePaperBallot(staff, ctx({ note: undefined }))).toEqual(noteError)
    expect(refusePaperBallot(staff, ctx({ note: '交'.repeat(51) }))).toEqual(noteError)
    expect(refusePaperBallot(staff, ctx({ note: '本人' }))).toBeNull()
    expect(refusePaperBallot(staff, ctx({ note: '交'.repeat(50) }))).toBeNull()
    expect(refusePaperBallot(staff, ctx({ note: ` ${'交'.repeat(50)} ` }))).toBeNull()
  })
})

describe('refuseOpenVote', () => {
  it('lets staff open votes, nobody else', () => {
    expect(refuseOpenVote(staff)).toBeNull()
    expect(refuseOpenVote(leader)).toEqual({ code: 'forbidden', message: '只有社区工作者可以发起表决' })
    expect(refuseOpenVote(resident)?.code).toBe('forbidden')
  })
})

describe('validateVote', () => {
  const good = (over: Partial<VoteInput> = {}): Partial<VoteInput> => ({
    title: '是否加装电梯',
    description: '2号楼加装电梯方案',
    kind: 'approval',
    options: [],
    scope: { kind: 'community' },
    closesAt: at(7 * DAY),
    quorumPercent: 60,
    majority: 'simple',
    publicityDays: 7,
    ...over,
  })

  it('accepts a complete approval vote and a complete choice vote', () => {
    expect(validateVote(good(), NOW)).toEqual({})
    expect(validateVote(good({ kind: 'choice', options: ['东门', '西门'], scope: { kind: 'buildings', buildingIds: ['b-1'] }, majority: 'two_thirds' }), NOW)).toEqual({})
  })

  it('accepts an approval vote without options at all', () => {
    const { options: _o, ...rest } = good()
    expect(validateVote(rest, NOW)).toEqual({})
  })

  it('title: too short, missing, too long; bounds accepted', () => {
    expect(validateVote(good({ title: '电' }), NOW).title).toBe('请填写表决事项（至少2个字）')
    expect(validateVote(good({ title: '   ' }), NOW).title).toBe('请填写表决事项（至少2个字）')
    expect(validateVote(good({ title: undefined }), NOW).title).toBe('请填写表决事项（至少2个字）')
    expect(validateVote(good({ title: '电'.repeat(51) }), NOW).title).toBe('表决事项不能超过50个字')
    expect(validateVote(good({ title: '电梯' }), NOW).title).toBeUndefined()
    expect(validateVote(good({ title: '电'.repeat(50) }), NOW).title).toBeUndefined()
  })

  it('description: required as a string (may be empty), at most 2000', () => {
    expect(validateVote(good({ description: undefined }), NOW).description).toBe('请填写表决说明')
    expect(validateVote(good({ description: '' }), NOW).description).toBeUndefined()
    expect(validateVote(good({ description: '说'.repeat(2001) }), NOW).description).toBe('说明不能超过2000个字')
    expect(validateVote(good({ description: '说'.repeat(2000) }), NOW).description).toBeUndefined()
  })

  it('kind must be approval or choice', () => {
    expect(validateVote(good({ kind: 'ranked' as never }), NOW).kind).toBe('请选择表决方式')
    expect(validateVote(good({ kind: undefined }), NOW).kind).toBe('请选择表决方式')
  })

  it('choice options: 2–10, each 1–20 characters, no duplicates', () => {
    const choice = (options: unknown) => validateVote(good({ kind: 'choice', options: options as string[] }), NOW).options
    expect(choice(['东门'])).toBe('请设置2–10个选项')
    expect(choice(undefined)).toBe('请设置2–10个选项')
    expect(choice(Array.from({ length: 11 }, (_, i) => `方案${i}`))).toBe('请设置2–10个选项')
    expect(choice(Array.from({ length: 10 }, (_, i) => `方案${i}`))).toBeUndefined()
    expect(choice(['东门', '  '])).toBe('每个选项1–20个字')
    expect(choice(['东门', 3])).toBe('每个选项1–20个字')
    expect(choice(['东门', '门'.repeat(21)])).toBe('每个选项1–20个字')
    expect(choice(['东门', '门'.repeat(20)])).toBeUndefined()
    expect(choice(['东门', ' 东门 '])).toBe('选项不能重复')
  })

  it('approval votes take no options of their own', () => {
    expect(validateVote(good({ options: ['同意', '反对'] }), NOW).options).toBe('赞成式表决的选项固定为“同意、不同意、弃权”，请不要另设选项')
  })

  it('closesAt: required, at least 1 hour ahead, at most 60 days ahead (bounds included)', () => {
    expect(validateVote(good({ closesAt: undefined }), NOW).closesAt).toBe('请选择截止时间')
    expect(validateVote(good({ closesAt: 'next week' }), NOW).closesAt).toBe('请选择截止时间')
    expect(validateVote(good({ closesAt: at(HOUR - 1) }), NOW).closesAt).toBe('截止时间至少在1小时之后')
    expect(validateVote(good({ closesAt: at(HOUR) }), NOW).closesAt).toBeUndefined()
    expect(validateVote(good({ closesAt: at(60 * DAY) }), NOW).closesAt).toBeUndefined()
    expect(validateVote(good({ closesAt: at(60 * DAY + 1) }), NOW).closesAt).toBe('表决期不能超过60天')
  })

  it('quorumPercent: an integer 1–100', () => {
    const msg = '参与率要求须为1–100之间的整数（%）'
    for (const q of [0, 101, 50.5, undefined, '60']) expect(validateVote(good({ quorumPercent: q as number }), NOW).quorumPercent).toBe(msg)
    for (const q of [1, 100]) expect(validateVote(good({ quorumPercent: q }), NOW).quorumPercent).toBeUndefined()
  })

  it('majority: simple or two_thirds', () => {
    expect(validateVote(good({ majority: 'unanimous' as never }), NOW).majority).toBe('请选择通过规则（过半数或三分之二）')
    expect(validateVote(good({ majority: undefined }), NOW).majority).toBe('请选择通过规则（过半数或三分之二）')
  })

  it('publicityDays: an integer 1–30', () => {
    const msg = `公示期须为${VOTE_LIMITS.publicityMinDays}–${VOTE_LIMITS.publicityMaxDays}天`
    expect(msg).toBe('公示期须为1–30天')
    for (const d of [0, 31, 1.5, undefined]) expect(validateVote(good({ publicityDays: d as number }), NOW).publicityDays).toBe(msg)
    for (const d of [1, 30]) expect(validateVote(good({ publicityDays: d }), NOW).publicityDays).toBeUndefined()
  })

  it('scope: community, or 1–50 buildings', () => {
    expect(validateVote(good({ scope: undefined }), NOW).scope).toBe('请选择参与表决的范围')
    expect(validateVote(good({ scope: { kind: 'grid' } as never }), NOW).scope).toBe('请选择参与表决的范围')
    expect(validateVote(good({ scope: { kind: 'buildings', buildingIds: [] } }), NOW).scope).toBe('请至少选择一栋楼')
    expect(validateVote(good({ scope: { kind: 'buildings' } as never }), NOW).scope).toBe('请至少选择一栋楼')
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `b-${i}`)
    expect(validateVote(good({ scope: { kind: 'buildings', buildingIds: ids(51) } }), NOW).scope).toBe('最多选择50栋楼')
    expect(validateVote(good({ scope: { kind: 'buildings', buildingIds: ids(50) } }), NOW).scope).toBeUndefined()
  })

  it('decides a proposal or a convention draft, not both', () => {
    expect(validateVote(good({ proposalId: 'p-1' }), NOW)).toEqual({})
    expect(validateVote(good({ conventionId: 'c-1' }), NOW)).toEqual({})
    expect(validateVote(good({ proposalId: 'p-1', conventionId: 'c-1' }), NOW).form).toBe('一次表决只能针对一项议题或一份公约草案')
  })

  it('reports every wrong field at once', () => {
    expect(Object.keys(validateVote({}, NOW)).sort()).toEqual(['closesAt', 'description', 'kind', 'majority', 'publicityDays', 'quorumPercent', 'scope', 'title'])
  })
})

describe('voteStatus', () => {
  it('is open before closesAt', () => {
    expect(voteStatus({ closesAt: at(1) }, NOW)).toBe('open')
  })

  it('is closed exactly at closesAt, and after', () => {
    expect(voteStatus({ closesAt: NOW.toISOString() }, NOW)).toBe('closed')
    expect(voteStatus({ closesAt: at(-1) }, NOW)).toBe('closed')
  })

  it('is published once published, whatever the time', () => {
    expect(voteStatus({ closesAt: at(-DAY), publishedAt: at(-HOUR) }, NOW)).toBe('published')
    expect(voteStatus({ closesAt: at(DAY), publishedAt: at(-HOUR) }, NOW)).toBe('published')
  })
})

describe('inVoteScope', () => {
  const home = { buildingId: 'b-1', room: '101' }

  it('holds every household for a community vote', () => {
    expect(inVoteScope({ kind: 'community' }, home)).toBe(true)
  })

  it('holds the households of the chosen buildings only', () => {
    expect(inVoteScope({ kind: 'buildings', buildingIds: ['b-1', 'b-2'] }, home)).toBe(true)
    expect(inVoteScope({ kind: 'buildings', buildingIds: ['b-2'] }, home)).toBe(false)
    expect(inVoteScope({ kind: 'buildings', buildingIds: [] }, home)).toBe(false)
  })
})

describe('canSeeResult', () => {
  const who = { staff, resident, leader }
  it.each<[keyof typeof who, VoteStatus, boolean]>([
    ['staff', 'open', false],
    ['staff', 'closed', true],
    ['staff', 'published', true],
    ['resident', 'open', false],
    ['resident', 'closed', false],
    ['resident', 'published', true],
    ['leader', 'closed', false],
    ['leader', 'published', true],
  ])('%s, %s vote → %p', (name, status, expected) => {
    expect(canSeeResult(who[name], status)).toBe(expected)
  })
})

describe('rollRowsFor', () => {
  const rows = [
    { buildingId: 'b-1', room: '101', voted: true },
    { buildingId: 'b-2', room: '101', voted: false },
    { buildingId: 'b-1', room: '102', voted: false },
  ]

  it('gives staff every row (a copy)', () => {
    const seen = rollRowsFor(staff, rows)
    expect(seen).toEqual(rows)
    expect(seen).not.toBe(rows)
  })

  it('gives a building leader the rows of the buildings they lead', () => {
    expect(rollRowsFor(leader, rows)).toEqual([rows[0], rows[2]])
    expect(rollRowsFor(actor('u-l2', ['building_leader'], { leadsBuildingIds: ['b-9'] }), rows)).toEqual([])
  })

  it('gives a resident and a grid worker nothing (null)', () => {
    expect(rollRowsFor(resident, rows)).toBeNull()
    expect(rollRowsFor(gridWorker, rows)).toBeNull()
  })
})
