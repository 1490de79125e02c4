import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import type { CommunitySetup, PersonRecord } from '../../src/core/ports'
import { DEMO_STREET, DEMO_USERS } from '../../src/domain/demo-community'
import { onEveryDatabase, raceWorld, type RaceWorld } from './support/each-database'
import { expectError, newKey, startWorld, type Headers, type World } from './support/world'

/**
 * Conventions and consultation at the HTTP edge (issue 11): who may call each route (the
 * authorization table), creations under an Idempotency-Key, a vote closing and its result published
 * (the clock is moved), and one ballot per household under concurrency on PGlite and PostgreSQL.
 * The answers' exact contents are the contract suite's (test/contract/consultation-suite.ts).
 */

jest.setTimeout(120_000)

const API = '/api/v1'
const HOUR = 3_600_000
const GENEROUS = { max: 100_000, timeWindowMs: 60_000 }

/** Real time plus an offset the tests move forward (a vote's window is at least an hour). */
let offset = 0
const now = () => new Date(Date.now() + offset)

let world: World
beforeAll(async () => {
  world = await startWorld({ now, rateLimits: { submit: GENEROUS, signIn: GENEROUS } })
})
afterAll(() => world?.close())

const send = (headers: Headers, method: InjectOptions['method'], url: string, payload?: unknown, key?: string) =>
  world.inject({ method, url: `${API}${url}`, headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) }, ...(payload !== undefined ? { payload: payload as object } : {}) })

function json<T = Record<string, unknown>>(response: LightMyRequestResponse, status: number): T {
  if (response.statusCode !== status) throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body}`)
  return response.json() as T
}

const conventionBody = (title: string) => ({
  kind: 'community',
  title,
  buildingIds: [],
  articles: [{ title: '爱护环境', text: '垃圾分类投放，不乱扔杂物' }],
  changeNote: '经居民会议通过',
  publish: true,
})
const proposalBody = (title: string) => ({ title, body: '小区南门晚上太暗，建议增设两盏路灯，方便老人夜间出行。', photoIds: [] })
const voteBody = (over: Record<string, unknown> = {}) => ({
  title: '是否在南门增设路灯',
  description: '费用从社区公益金列支',
  kind: 'approval',
  options: [],
  scope: { kind: 'community' },
  closesAt: new Date(now().getTime() + 2 * HOUR).toISOString(),
  quorumPercent: 50,
  majority: 'simple',
  publicityDays: 7,
  ...over,
})
const disclosureBody = (title: string) => ({ category: 'affairs', period: { year: 2026, month: 11 }, title, body: '11月居务公开内容', photoIds: [] })

// ── who may call what ───────────────────────────────────────────────────────────────────────────

type Actor = 'resident' | 'newcomer' | 'leader' | 'grid' | 'other' | 'staff'
/** Staff last: their successful calls (answering, hiding) must not change what the others meet. */
const ACTORS: Actor[] = ['resident', 'newcomer', 'leader', 'grid', 'other', 'staff']

describe('the authorization table', () => {
  const h = {} as Record<Actor, Headers>
  const ids = { convention: '', proposal: '', contribution: '', vote: '', disclosure: '' }

  beforeAll(async () => {
    ;[h.resident, h.newcomer, h.leader, h.grid, h.other, h.staff] = await Promise.all(['u-wang', 'u-xin', 'u-zhou', 'u-sun', 'ch-u-lin', 'u-zhang'].map((u) => world.as(u)))
    // The newcomer has joined 映月社区 and claimed nothing: a member of the community without a home.
    json(await send(h.newcomer, 'POST', '/me/community', { communityId: 'c-yingyue' }), 200)
    const li = await world.as('u-li')
    ids.convention = json<{ id: string }>(await send(h.staff, 'POST', '/conventions', conventionBody('授权表测试公约'), newKey()), 201).id
    ids.proposal = json<{ id: string }>(await send(li, 'POST', '/proposals', proposalBody('南门增设路灯（授权表）'), newKey()), 201).id
    ids.contribution = json<{ id: string }>(
      await send(li, 'POST', `/discussions?kind=proposal&id=${ids.proposal}`, { body: '支持增设路灯', stance: 'for' }, newKey()),
      201,
    ).id
    ids.vote = json<{ id: string }>(await send(h.staff, 'POST', '/votes', voteBody(), newKey()), 201).id
    ids.disclosure = json<{ id: string }>(await send(h.staff, 'POST', '/disclosures', disclosureBody('授权表测试公开'), newKey()), 201).id
  })

  // [route, method, url, body, keyed, expected status per actor]
  type Row = [string, InjectOptions['method'], () => string, unknown, boolean, Record<Actor, number>]
  const all = (status: number, over: Partial<Record<Actor, number>> = {}): Record<Actor, number> => ({
    resident: status,
    newcomer: status,
    leader: status,
    grid: status,
    other: status,
    staff: status,
    ...over,
  })
  /** Readable by the community's people; another community's person is told it does not exist. */
  const members = (status: number) => all(status, { other: 404 })
  /** Only staff may; another community's person is told it does not exist. */
  const staffOnly = (status: number) => all(403, { other: 404, staff: status })

  const rows: Row[] = [
    ['overview', 'GET', () => '/consultation/overview', undefined, false, all(200)],
    ['settings', 'GET', () => '/consultation/settings', undefined, false, all(200)],
    // The demo's own values: the table changes no rule.
    ['update settings', 'PUT', () => '/consultation/settings', { proposalThreshold: 5, proposalWindowDays: 30 }, false, all(403, { staff: 200 })],
    ['list conventions', 'GET', () => '/conventions', undefined, false, all(200)],
    ['create a convention', 'POST', () => '/conventions', conventionBody('授权表新公约'), true, all(403, { staff: 201 })],
    ['read a convention', 'GET', () => `/conventions/${ids.convention}`, undefined, false, members(200)],
    ['read a version', 'GET', () => `/conventions/${ids.convention}/versions/1`, undefined, false, members(200)],
    ['diff', 'GET', () => `/conventions/${ids.convention}/diff?from=1&to=1`, undefined, false, members(200)],
    ['write a draft', 'PUT', () => `/conventions/${ids.convention}/draft`, { articles: [{ title: '爱护环境', text: '垃圾分类投放' }], changeNote: '修订第一条' }, false, staffOnly(200)],
    ['publish the draft', 'POST', () => `/conventions/${ids.convention}/draft/publish`, {}, false, staffOnly(200)],
    ['acknowledge', 'POST', () => `/conventions/${ids.convention}/acknowledge`, undefined, false, all(403, { resident: 200, leader: 200, other: 404 })],
    ['acknowledgement sheet', 'GET', () => `/conventions/${ids.convention}/acknowledgements`, undefined, false, all(403, { leader: 200, other: 404, staff: 200 })],
    ['list proposals', 'GET', () => '/proposals?filter=open', undefined, false, all(200)],
    ['similar proposals', 'GET', () => `/proposals/similar?q=${encodeURIComponent('南门路灯')}`, undefined, false, all(200)],
    // Another community's resident proposes in their own community.
    ['propose', 'POST', () => '/proposals', proposalBody('北门增设快递柜'), true, all(403, { resident: 201, leader: 201, other: 201 })],
    ['read a proposal', 'GET', () => `/proposals/${ids.proposal}`, undefined, false, members(200)],
    ['co-sign', 'POST', () => `/proposals/${ids.proposal}/cosign`, undefined, false, all(403, { resident: 200, leader: 200, other: 404 })],
    ['answer', 'POST', () => `/proposals/${ids.proposal}/answer`, { kind: 'agenda', reason: '列入下月议事会' }, false, staffOnly(200)],
    ['minutes', 'POST', () => `/proposals/${ids.proposal}/minutes`, { text: '12月议事会纪要：议定增设两盏路灯。', photoIds: [] }, true, staffOnly(201)],
    // Not adopted: progress and ratings are refused to everyone.
    ['progress', 'POST', () => `/proposals/${ids.proposal}/progress`, { percent: 10, text: '已联系施工方', photoIds: [], responsible: '张敏' }, true, staffOnly(403)],
    ['rate', 'POST', () => `/proposals/${ids.proposal}/rating`, { level: 'satisfied', comment: '' }, false, all(403, { other: 404 })],
    ['read a discussion', 'GET', () => `/discussions?kind=proposal&id=${ids.proposal}`, undefined, false, members(200)],
    ['contribute', 'POST', () => `/discussions?kind=proposal&id=${ids.proposal}`, { body: '我也支持', stance: 'for' }, true, all(403, { resident: 201, leader: 201, other: 404, staff: 201 })],
    ['hide a contribution', 'POST', () => `/contributions/${ids.contribution}/hide`, { reason: '与议题无关' }, false, staffOnly(200)],
    ['list votes', 'GET', () => '/votes', undefined, false, all(200)],
    ['open a vote', 'POST', () => '/votes', voteBody({ title: '授权表新表决' }), true, all(403, { staff: 201 })],
    ['read a vote', 'GET', () => `/votes/${ids.vote}`, undefined, false, members(200)],
    ['cast a ballot', 'POST', () => `/votes/${ids.vote}/ballot`, { optionId: 'o1' }, false, all(403, { resident: 200, leader: 200, other: 404 })],
    ['enter a paper ballot', 'POST', () => `/votes/${ids.vote}/paper-ballots`, { buildingId: 'b-1', room: '102', optionId: 'o2', note: '本人交回' }, false, staffOnly(200)],
    ['the roll', 'GET', () => `/votes/${ids.vote}/roll`, undefined, false, all(403, { leader: 200, other: 404, staff: 200 })],
    // Still open: refused to staff too.
    ['publish the result', 'POST', () => `/votes/${ids.vote}/publish`, undefined, false, staffOnly(403)],
    ['list disclosures', 'GET', () => '/disclosures?category=affairs', undefined, false, all(200)],
    ['publish a disclosure', 'POST', () => '/disclosures', disclosureBody('授权表新公开'), true, all(403, { staff: 201 })],
    ['read a disclosure', 'GET', () => `/disclosures/${ids.disclosure}`, undefined, false, members(200)],
    ['mark a disclosure read', 'POST', () => `/disclosures/${ids.disclosure}/read`, undefined, false, members(204)],
  ]

  it.each(rows)('%s (%s)', async (_name, method, url, body, keyed, expected) => {
    const got: Partial<Record<Actor, number>> = {}
    for (const actor of ACTORS) {
      const response = await send(h[actor], method, url(), body, keyed ? newKey() : undefined)
      got[actor] = response.statusCode
      if (response.statusCode >= 400) {
        // Typed refusals with a Chinese message, never a 500.
        expect(response.json().error).toEqual(expect.objectContaining({ kind: expect.any(String), message: expect.stringMatching(/[\u4e00-\u9fff]/) }))
      }
    }
    expect(got).toEqual(expected)
  })

  it('answers 401 without a session and 400 for a malformed request, never 500', async () => {
    expectError(await world.inject({ url: `${API}/proposals` }), 401, 'unauthorized')
    const staff = await world.as('u-zhang')
    const resident = await world.as('u-wang')
    // No Idempotency-Key, a body with a field the contract does not name, a subject that is none.
    expectError(await send(resident, 'POST', '/proposals', proposalBody('没有提交编号的议题')), 400, 'validation', ['idempotencyKey'])
    expectError(await send(resident, 'POST', '/proposals', { ...proposalBody('带多余字段的议题'), status: 'agenda' }, newKey()), 400, 'validation', ['status'])
    expectError(await send(resident, 'GET', '/discussions?kind=report&id=r_1'), 400, 'validation', ['subject'])
    expectError(await send(resident, 'GET', '/conventions/cv_none/diff?from=a&to=2'), 400, 'validation', ['from'])
    expectError(await send(staff, 'POST', '/votes', { ...voteBody(), quorumPercent: '50' }, newKey()), 400, 'validation', ['quorumPercent'])
    expectError(await send(resident, 'GET', '/votes/vt_none'), 404, 'not_found')
    expectError(await send(resident, 'GET', '/conventions/cv_none/versions/x'), 404, 'not_found')
  })
})

// ── idempotency ─────────────────────────────────────────────────────────────────────────────────

describe('creations under an Idempotency-Key', () => {
  const creations: Array<[string, string, () => Promise<[string, unknown, unknown]>]> = [
    ['a proposal', 'u-chen', async () => ['/proposals', proposalBody('东门增设休息座椅'), proposalBody('东门增设休息长椅')]],
    ['a convention', 'u-zhang', async () => ['/conventions', conventionBody('幂等测试公约'), conventionBody('幂等测试公约二')]],
    ['a vote', 'u-zhang', async () => ['/votes', voteBody({ title: '幂等测试表决' }), voteBody({ title: '幂等测试表决二' })]],
    ['a disclosure', 'u-zhang', async () => ['/disclosures', disclosureBody('幂等测试公开'), disclosureBody('幂等测试公开二')]],
    [
      'a contribution',
      'u-chen',
      async () => {
        const proposal = json<{ id: string }>(await send(await world.as('u-zhao'), 'POST', '/proposals', proposalBody('幂等测试议题'), newKey()), 201)
        return [`/discussions?kind=proposal&id=${proposal.id}`, { body: '支持', stance: 'for' }, { body: '反对', stance: 'against' }]
      },
    ],
  ]

  it.each(creations)('%s: the same key twice is one object; the same key with another body is 422', async (_what, userId, make) => {
    const headers = await world.as(userId)
    const [url, body, other] = await make()
    const key = newKey()
    const first = json<{ id: string }>(await send(headers, 'POST', url, body, key), 201)
    const again = json<{ id: string }>(await send(headers, 'POST', url, body, key), 201)
    expect(again).toEqual(first)
    const fields = expectError(await send(headers, 'POST', url, other, key), 422, 'validation', ['idempotencyKey'])
    expect(fields.idempotencyKey).toBe('同一提交编号对应了不同的内容，请重新提交')
    // Keys are per person: another resident's same key makes their own.
    if (userId !== 'u-zhang') expect(json<{ id: string }>(await send(await world.as('u-li'), 'POST', url, body, key), 201).id).not.toBe(first.id)
  })

  it('minutes and progress under a key are written once', async () => {
    const staff = await world.as('u-zhang')
    const proposal = json<{ id: string }>(await send(await world.as('u-zhao'), 'POST', '/proposals', proposalBody('纪要幂等测试'), newKey()), 201)
    const key = newKey()
    const minutes = { text: '议事会纪要：参加人若干，议定事项如下。', photoIds: [] }
    json(await send(staff, 'POST', `/proposals/${proposal.id}/minutes`, minutes, key), 201)
    const again = json<{ minutes: unknown[] }>(await send(staff, 'POST', `/proposals/${proposal.id}/minutes`, minutes, key), 201)
    expect(again.minutes).toHaveLength(1)
  })
})

// ── a vote closes; its result is published (the clock moves) ─────────────────────────────────────

describe('a vote after its close', () => {
  it('takes no more ballots, shows staff the result, publishes it for its 公示 period and adopts the proposal', async () => {
    // 高志强 of 3号楼 has not voted when the vote closes.
    const gao = DEMO_USERS.find((u) => u.id === 'u-gao')!
    const [staff, wang, li, late] = await Promise.all(['u-zhang', 'u-wang', 'u-li', gao.id].map((u) => world.as(u)))
    const proposal = json<{ id: string }>(await send(wang, 'POST', '/proposals', proposalBody('3号楼增设晾衣架'), newKey()), 201)
    json(await send(staff, 'POST', `/proposals/${proposal.id}/answer`, { kind: 'agenda', reason: '列入议事会' }), 200)
    const vote = json<{ id: string; eligible: number; closesAt: string }>(
      await send(staff, 'POST', '/votes', voteBody({ title: '3号楼增设晾衣架', scope: { kind: 'buildings', buildingIds: ['b-3'] }, proposalId: proposal.id, quorumPercent: 40 }), newKey()),
      201,
    )
    json(await send(wang, 'POST', `/votes/${vote.id}/ballot`, { optionId: 'o1' }), 200)
    json(await send(li, 'POST', `/votes/${vote.id}/ballot`, { optionId: 'o1' }), 200)
    json(await send(staff, 'POST', `/votes/${vote.id}/paper-ballots`, { buildingId: 'b-3', room: '101', optionId: 'o2', note: '本人交回' }), 200)

    offset += 3 * HOUR
    try {
      const closed = json<{ status: string; result?: unknown }>(await send(wang, 'GET', `/votes/${vote.id}`), 200)
      expect(closed.status).toBe('closed')
      expect(closed.result).toBeUndefined()
      const phone = await send(late, 'POST', `/votes/${vote.id}/ballot`, { optionId: 'o1' })
      expectError(phone, 403, 'forbidden')
      expect(phone.json().error.message).toBe('表决已截止')
      const paper = await send(staff, 'POST', `/votes/${vote.id}/paper-ballots`, { ...gao.home!, optionId: 'o1', note: '本人交回' })
      expectError(paper, 403, 'forbidden')
      expect(paper.json().error.message).toBe('表决已截止，不能再录入纸质选票')
      const forStaff = json<{ result: Record<string, unknown> }>(await send(staff, 'GET', `/votes/${vote.id}`), 200)
      const tally = [
        { optionId: 'o1', label: '同意', count: 2 },
        { optionId: 'o2', label: '不同意', count: 1 },
        { optionId: 'o3', label: '弃权', count: 0 },
      ]
      expect(forStaff.result).toEqual({
        voteId: vote.id,
        eligible: vote.eligible,
        voted: 3,
        quorumPercent: 40,
        quorumMet: 3 * 100 >= 40 * vote.eligible,
        majority: 'simple',
        tally,
        paperBallots: 1,
        ...(3 * 100 >= 40 * vote.eligible ? { winningOptionId: 'o1' } : {}),
        passed: 3 * 100 >= 40 * vote.eligible,
      })

      const published = json<{ status: string; publishedAt: string; publicityEndsAt: string }>(await send(staff, 'POST', `/votes/${vote.id}/publish`), 200)
      expect(published.status).toBe('published')
      expect(Date.parse(published.publicityEndsAt) - Date.parse(published.publishedAt)).toBe(7 * 86_400_000)
      expect(json<{ result: { tally: unknown } }>(await send(wang, 'GET', `/votes/${vote.id}`), 200).result.tally).toEqual(tally)
      expect((await send(staff, 'POST', `/votes/${vote.id}/publish`)).json().error).toEqual({ kind: 'forbidden', message: '结果已经公布' })
      const adopted = json<{ status: string }>(await send(wang, 'GET', `/proposals/${proposal.id}`), 200)
      expect(adopted.status).toBe(forStaff.result.passed ? 'adopted' : 'not_adopted')

      // 民事民评: progress to 100 % makes it done; households rate it once.
      if (forStaff.result.passed) {
        json(await send(staff, 'POST', `/proposals/${proposal.id}/progress`, { percent: 100, text: '晾衣架已安装完毕', photoIds: [], responsible: '社区居委会' }, newKey()), 201)
        const rated = json<{ status: string; evaluation: { ratings: Record<string, unknown> } }>(
          await send(li, 'POST', `/proposals/${proposal.id}/rating`, { level: 'satisfied', comment: '很方便' }),
          200,
        )
        expect(rated.status).toBe('done')
        expect(rated.evaluation.ratings).toEqual({ satisfied: 1, basically_satisfied: 0, unsatisfied: 0, mine: { level: 'satisfied', byName: '李明' } })
      }
    } finally {
      offset -= 3 * HOUR
    }
  })
})

// ── one ballot per household under concurrency ──────────────────────────────────────────────────

const ROOMS = Array.from({ length: 20 }, (_, i) => `${101 + i}`)

/** A community of one building, 20 households and 50 members (rooms 101–110 three each, 111–120 two each), and its staff. */
function raceCommunity(): CommunitySetup {
  const person = (id: string, name: string, room?: string): PersonRecord => ({
    id,
    name,
    phone: '',
    roles: room ? ['resident'] : ['staff'],
    ...(room ? { home: { buildingId: 'b-race', room } } : {}),
    gridIds: [],
    leadsBuildingIds: [],
    description: '并发测试',
  })
  const members = ROOMS.flatMap((room, i) => Array.from({ length: i < 10 ? 3 : 2 }, (_, m) => person(`u-race-${room}-${m}`, `住户${room}之${m + 1}`, room)))
  return {
    community: { id: 'c-race', name: '并发社区', kind: 'community', district: '无锡市锡山区东亭街道', streetId: DEMO_STREET.id, streetName: DEMO_STREET.name },
    street: DEMO_STREET,
    joinCode: 'BF2026',
    reportPrefix: 'BF',
    grids: [{ id: 'g-race', communityId: 'c-race', name: '并发网格' }],
    buildings: [{ id: 'b-race', communityId: 'c-race', gridId: 'g-race', name: '并发1号楼', rooms: ROOMS }],
    departments: [],
    categories: [{ id: 'cat-race', name: '路灯故障', guidance: '请写明位置', deadlineHours: 48 }],
    replyTemplates: [],
    people: [person('u-race-staff', '并发员'), ...members],
  }
}

function defineRace(name: string, open: () => Promise<RaceWorld | null>): void {
  describe(`one ballot per household under concurrency (${name})`, () => {
    let race: RaceWorld | null = null
    let staff: Headers
    const members = raceCommunity().people.filter((p) => p.home)
    const heads = new Map<string, Headers>()

    beforeAll(async () => {
      race = await open()
      if (!race) return
      staff = await race.as('u-race-staff')
      for (const m of members) heads.set(m.id, await race.as(m.id))
    })
    afterAll(() => race?.close())

    const openVote = async (title: string) => {
      const r = await race!.inject({ method: 'POST', url: `${API}/votes`, headers: { ...staff, 'idempotency-key': newKey() }, payload: voteBody({ title }) })
      return json<{ id: string; eligible: number }>(r, 201)
    }
    const roll = async (voteId: string) =>
      json<{ rows: Array<{ room: string; voted: boolean; channel?: string; castByName?: string }> }>(await race!.inject({ url: `${API}/votes/${voteId}/roll`, headers: staff }), 200).rows

    it('50 members of 20 households casting at once: exactly 20 ballots, one per household', async () => {
      if (!race) return
      const vote = await openVote('并发投票')
      expect(vote.eligible).toBe(20)
      const answers = await Promise.all(
        members.map((m, i) =>
          race!.inject({ method: 'POST', url: `${API}/votes/${vote.id}/ballot`, headers: heads.get(m.id)!, payload: { optionId: i % 2 ? 'o1' : 'o2' } }),
        ),
      )
      const statuses = answers.map((a) => a.statusCode)
      expect(statuses.filter((s) => s === 200)).toHaveLength(20)
      expect(statuses.filter((s) => s === 409)).toHaveLength(30)
      for (const a of answers.filter((x) => x.statusCode === 409)) expect(a.json().error.message).toMatch(/^您家的住户\d{3}之\d已于.+投票，每户只计一票$/)
      const rows = await roll(vote.id)
      expect(rows.map((r) => [r.room, r.voted, r.channel])).toEqual(ROOMS.map((room) => [room, true, 'phone']))
      // The ballot counted is the one its caster was told about.
      const winners = new Map(answers.flatMap((a, i) => (a.statusCode === 200 ? [[members[i].home!.room, members[i].name] as const] : [])))
      for (const r of rows) expect(r.castByName).toBe(winners.get(r.room))
      expect(json<{ voted: number }>(await race!.inject({ url: `${API}/votes/${vote.id}`, headers: staff }), 200).voted).toBe(20)
    })

    it('a paper ballot and a phone ballot for the same household racing: one is counted', async () => {
      if (!race) return
      const vote = await openVote('纸质与手机并发')
      const answers = await Promise.all(
        ROOMS.flatMap((room) => [
          race!.inject({ method: 'POST', url: `${API}/votes/${vote.id}/paper-ballots`, headers: staff, payload: { buildingId: 'b-race', room, optionId: 'o1', note: '本人交回' } }),
          race!.inject({ method: 'POST', url: `${API}/votes/${vote.id}/ballot`, headers: heads.get(`u-race-${room}-0`)!, payload: { optionId: 'o2' } }),
        ]),
      )
      for (let i = 0; i < ROOMS.length; i++) {
        const pair = [answers[2 * i].statusCode, answers[2 * i + 1].statusCode].sort()
        expect([ROOMS[i], pair]).toEqual([ROOMS[i], [200, 409]])
      }
      const rows = await roll(vote.id)
      expect(rows.filter((r) => r.voted)).toHaveLength(20)
      for (let i = 0; i < ROOMS.length; i++) expect(rows[i].channel).toBe(answers[2 * i].statusCode === 200 ? 'paper' : 'phone')
      expect(json<{ voted: number }>(await race!.inject({ url: `${API}/votes/${vote.id}`, headers: staff }), 200).voted).toBe(20)
    })
  })
}

onEveryDatabase('one ballot per household under concurrency', (name, open) =>
  defineRace(name, async () => {
    const opened = await open()
    return opened ? raceWorld(opened.db, raceCommunity(), opened.stop) : null
  }),
)
