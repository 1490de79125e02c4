import type { Caller } from '../../src/core/context'
import { ConsultationService } from '../../src/core/services/consultation'
import { expectCell, type Cell } from './support/matrix'
import { createWorld, DEMO, outcomeOf, type Outcome, type World } from './support/world'

/**
 * The service-level authorization matrix of conventions and consultation (issue 11): every method
 * of ConsultationService × the people it distinguishes — a verified resident (王秀兰, 3号楼201), an
 * unverified member (the newcomer after joining 映月社区), the leader of 3号楼 and 5号楼 (周桂芳,
 * herself of 3号楼101), a grid worker (孙丽), staff (张敏) and staff of another community (春晖社区's
 * 高峰) — as the outcome's kind, with the message a refusal shows. Each cell runs in a fresh world.
 */

const ROLES = ['resident', 'unverified', 'leader', 'grid', 'staff', 'otherStaff'] as const
type Role = (typeof ROLES)[number]
const PERSON: Record<Role, string> = { resident: DEMO.wang, unverified: 'u-xin', leader: DEMO.zhou, grid: DEMO.sun, staff: DEMO.zhang, otherStaff: 'ch-u-gao' }
const CHUNHUI = 'c-chunhui'
const DAY = 86_400_000

type Expected = Record<Role, Cell>

const all = (cell: Cell): Expected => Object.fromEntries(ROLES.map((r) => [r, cell])) as Expected
const only = (named: Partial<Expected>, rest: Cell): Expected => ({ ...all(rest), ...named })

/** The ids the demo seed made (src/domain/demo-consultation.ts). */
interface Seeded {
  communityConvention: string
  b3Convention: string
  b3Article: string // 楼道, in both versions of the 3号楼 微公约
  charging: string // collecting: 陈建国's, co-signed by 8号楼101, 3号楼302, 3号楼101
  handrail: string // voting, its vote open for 3号楼
  ramp: string // adopted, 60 %
  handrailVote: string // open, 3号楼, 周桂芳 voted
  rampVote: string // published, the community
  financeDisclosure: string
}

async function seeded(world: World): Promise<Seeded> {
  const conventions = await world.store.conventions.list(DEMO.community)
  const proposals = await world.store.proposals.list({ communityId: DEMO.community }, null, 50)
  const votes = await world.store.votes.list(DEMO.community, null, 50)
  const disclosures = await world.store.disclosures.list({ communityId: DEMO.community }, null, 50, DEMO.zhang)
  const convention = (title: string) => conventions.find((c) => c.title === title)!.id
  const proposal = (title: string) => proposals.find((p) => p.title === title)!.id
  const handrail = proposal('3号楼楼道加装扶手')
  const b3 = convention('3号楼文明公约')
  const b3Versions = await world.store.conventions.listVersions([b3])
  const ramp = proposal('小区东门增设无障碍坡道')
  return {
    communityConvention: convention('映月社区居民公约'),
    b3Convention: b3,
    b3Article: b3Versions.find((v) => v.version === 2)!.articles[0].id,
    charging: proposal('在小区东门增设电动自行车充电棚'),
    handrail,
    ramp,
    handrailVote: votes.find((v) => v.proposalId === handrail)!.id,
    rampVote: votes.find((v) => v.proposalId === ramp)!.id,
    financeDisclosure: disclosures.find((d) => d.category === 'finance')!.id,
  }
}

interface Cx {
  world: World
  s: Seeded
  caller: Caller
  role: Role
  /** What the row's setup made. */
  made: Record<string, string>
}

interface Row {
  name: string
  expected: Expected
  setup?(world: World, s: Seeded): Promise<Record<string, string>>
  call(cx: Cx): Promise<unknown>
  check?(result: never, cx: Cx): void | Promise<void>
}

const c = (world: World) => world.core.consultation
const staff = (world: World) => world.caller(DEMO.zhang)

const STAFF_ONLY = (message: string): Expected => only({ staff: 'ok', otherStaff: 'not_found' }, ['forbidden', message])
/** Staff anywhere, each in their own community (a call naming no object of 映月社区). */
const ANY_STAFF = (message: string): Expected => only({ staff: 'ok', otherStaff: 'ok' }, ['forbidden', message])
const READERS = (notFound: string): Expected => only({ otherStaff: ['not_found', notFound] }, 'ok')

const B3_READERS: Expected = only({ unverified: ['not_found', '公约不存在或您无权查看'], grid: ['not_found', '公约不存在或您无权查看'], otherStaff: ['not_found', '公约不存在或您无权查看'] }, 'ok')

const communityArticles = [{ title: '邻里和睦', text: '邻里之间互谅互让、守望相助。' }]
const draftInput = { articles: [{ title: '邻里和睦', text: '邻里之间互谅互让、守望相助，有事好商量。' }], changeNote: '经居民代表会议讨论修订' }

const voteInput = (world: World) => ({
  title: '是否同意更换小区门禁系统',
  description: '现有门禁老化，拟更换为刷卡加人脸识别门禁。',
  kind: 'approval' as const,
  options: [],
  scope: { kind: 'community' as const },
  closesAt: new Date(world.clock.peek().getTime() + 3 * DAY).toISOString(),
  quorumPercent: 50,
  majority: 'simple' as const,
  publicityDays: 7,
})

const NO_HOME_VOTE = '完成房屋认证后才能参与表决（我的 → 认证房屋）'
const OFF_ROLL = '您家不在本次表决的名册中（名册在表决开启时按范围内已认证的住户确定）'

const ROWS: Row[] = [
  // ── the front door and the rules ──────────────────────────────────────────────────────────
  {
    name: 'overview',
    expected: all('ok'),
    call: ({ world, caller }) => c(world).overview(caller),
    check: (r: { votesToCast: Array<{ communityId: string }> }, { role }) => {
      expect(r.votesToCast.every((v) => v.communityId === (role === 'otherStaff' ? CHUNHUI : DEMO.community))).toBe(true)
      // 王秀兰's household is on the roll of the open 3号楼 vote and has not voted; 周桂芳's has.
      expect(r.votesToCast.length).toBe(role === 'resident' ? 1 : 0)
    },
  },
  {
    name: 'settings',
    expected: all('ok'),
    call: ({ world, caller }) => c(world).settings(caller),
    check: (r: { communityId: string; proposalThreshold: number }, { role }) =>
      expect(r).toMatchObject(role === 'otherStaff' ? { communityId: CHUNHUI, proposalThreshold: 10 } : { communityId: DEMO.community, proposalThreshold: 5 }),
  },
  {
    name: 'updateSettings',
    expected: ANY_STAFF('只有社区工作者可以修改议事规则'),
    call: ({ world, caller }) => c(world).updateSettings(caller, { proposalThreshold: 8, proposalWindowDays: 20 }),
    check: (r: { communityId: string; proposalThreshold: number }, { role }) => expect(r).toEqual({ communityId: role === 'otherStaff' ? CHUNHUI : DEMO.community, proposalThreshold: 8, proposalWindowDays: 20 }),
  },

  // ── conventions ───────────────────────────────────────────────────────────────────────────
  {
    name: 'list',
    expected: all('ok'),
    call: ({ world, caller }) => c(world).list(caller),
    check: (r: Array<{ title: string }>, { role }) => {
      const titles = r.map((x) => x.title).sort()
      if (role === 'otherStaff') expect(titles).toEqual([])
      else if (role === 'unverified' || role === 'grid') expect(titles).toEqual(['映月社区居民公约'])
      else expect(titles).toEqual(['3号楼文明公约', '映月社区居民公约'].sort())
    },
  },
  { name: 'get the community convention', expected: READERS('公约不存在或您无权查看'), call: ({ world, caller, s }) => c(world).get(caller, s.communityConvention) },
  { name: 'get the 3号楼 微公约', expected: B3_READERS, call: ({ world, caller, s }) => c(world).get(caller, s.b3Convention) },
  {
    name: 'getVersion 1 of the community convention',
    expected: READERS('公约不存在或您无权查看'),
    call: ({ world, caller, s }) => c(world).getVersion(caller, s.communityConvention, 1),
    check: (r: { version: number; articles: unknown[] }) => expect(r).toMatchObject({ version: 1, status: 'published' }),
  },
  {
    name: 'getVersion of a draft',
    expected: only({ staff: 'ok', otherStaff: ['not_found', '公约不存在或您无权查看'] }, ['not_found', '该版本不存在']),
    setup: async (world, s) => {
      await c(world).saveDraft(await staff(world), s.communityConvention, draftInput)
      return {}
    },
    call: ({ world, caller, s }) => c(world).getVersion(caller, s.communityConvention, 2),
    check: (r: { status: string }) => expect(r.status).toBe('draft'),
  },
  {
    name: 'diff of the 3号楼 微公约 1 → 2',
    expected: B3_READERS,
    call: ({ world, caller, s }) => c(world).diff(caller, s.b3Convention, 1, 2),
    check: (r: Array<{ change: string }>) => expect(r.map((x) => x.change)).toEqual(['changed', 'unchanged', 'unchanged', 'added']),
  },
  {
    name: 'create a community convention',
    expected: ANY_STAFF('只有社区工作者可以修订社区公约'),
    call: ({ world, caller }) =>
      c(world).create(caller, { kind: 'community', title: '文明养宠公约', buildingIds: [], articles: communityArticles, changeNote: '经居民会议讨论通过', publish: true }, { idempotencyKey: world.key() }),
    check: (r: { communityId: string }, { role }) => expect(r.communityId).toBe(role === 'otherStaff' ? CHUNHUI : DEMO.community),
  },
  {
    name: 'create a 微公约 of 3号楼',
    // Another community's staff may write 微公约, but 3号楼 (b-3) is no building of theirs.
    expected: only({ staff: 'ok', leader: 'ok', otherStaff: ['validation', '所选楼栋不在本社区，请重新选择'] }, ['forbidden', '只有社区工作者或这些楼栋的楼栋长可以修订微公约']),
    call: ({ world, caller }) =>
      c(world).create(caller, { kind: 'building', title: '3号楼停车公约', buildingIds: ['b-3'], articles: communityArticles, changeNote: '3号楼议事会制定', publish: false }, { idempotencyKey: world.key() }),
  },
  {
    name: 'saveDraft of the community convention',
    expected: only({ staff: 'ok', otherStaff: ['not_found', '公约不存在或您无权查看'] }, ['forbidden', '只有社区工作者可以修订社区公约']),
    call: ({ world, caller, s }) => c(world).saveDraft(caller, s.communityConvention, draftInput),
    check: (r: { versions: Array<{ version: number; status: string }> }) => expect(r.versions.map((v) => [v.version, v.status])).toEqual([[1, 'published'], [2, 'draft']]),
  },
  {
    name: 'saveDraft of the 3号楼 微公约',
    expected: { ...B3_READERS, resident: ['forbidden', '只有社区工作者或这些楼栋的楼栋长可以修订微公约'], leader: 'ok', staff: 'ok' },
    call: ({ world, caller, s }) => c(world).saveDraft(caller, s.b3Convention, { articles: [{ title: '楼道', text: '楼道内不堆放杂物。' }], changeNote: '3号楼议事会修订' }),
  },
  {
    name: 'publishDraft of the community convention',
    expected: only({ staff: 'ok', otherStaff: ['not_found', '公约不存在或您无权查看'] }, ['forbidden', '只有社区工作者可以修订社区公约']),
    setup: async (world, s) => {
      await c(world).saveDraft(await staff(world), s.communityConvention, draftInput)
      return {}
    },
    call: ({ world, caller, s }) => c(world).publishDraft(caller, s.communityConvention, {}),
    check: (r: { inForce?: { version: number } }) => expect(r.inForce?.version).toBe(2),
  },
  {
    name: 'publishDraft without a draft',
    expected: only({ staff: ['forbidden', '没有待发布的草案'], otherStaff: ['not_found', '公约不存在或您无权查看'] }, ['forbidden', '只有社区工作者可以修订社区公约']),
    call: ({ world, caller, s }) => c(world).publishDraft(caller, s.communityConvention, {}),
  },
  {
    name: 'acknowledge the community convention',
    expected: only({ resident: 'ok', leader: 'ok', otherStaff: ['not_found', '公约不存在或您无权查看'] }, ['forbidden', '完成房屋认证后，才能代表您家承诺遵守']),
    call: ({ world, caller, s }) => c(world).acknowledge(caller, s.communityConvention),
    check: (r: { myAcknowledgement?: { byName: string } }, { role }) => expect(r.myAcknowledgement?.byName).toBe(role === 'resident' ? '王秀兰' : '周桂芳'),
  },
  {
    name: 'acknowledgements of the community convention',
    expected: only({ staff: 'ok', leader: 'ok', otherStaff: ['not_found', '公约不存在或您无权查看'] }, ['forbidden', '只有社区工作者和楼栋长可以查看各户的承诺情况']),
    call: ({ world, caller, s }) => c(world).acknowledgements(caller, s.communityConvention),
    check: (r: { rows: Array<{ buildingId: string }> }, { role }) => {
      const buildings = [...new Set(r.rows.map((x) => x.buildingId))].sort()
      expect(buildings).toEqual(role === 'leader' ? ['b-3'] : ['b-1', 'b-3', 'b-8'])
    },
  },

  // ── proposals ─────────────────────────────────────────────────────────────────────────────
  {
    name: 'listProposals',
    expected: all('ok'),
    call: ({ world, caller }) => c(world).listProposals(caller),
    check: (r: { items: Array<{ communityId: string }> }, { role }) => expect(r.items.length).toBe(role === 'otherStaff' ? 0 : 3),
  },
  {
    name: 'similarProposals',
    expected: all('ok'),
    call: ({ world, caller }) => c(world).similarProposals(caller, '东门增设电动自行车充电点'),
    check: (r: Array<{ title: string }>, { role }) =>
      role === 'otherStaff' ? expect(r).toEqual([]) : expect(r.map((p) => p.title)).toContain('在小区东门增设电动自行车充电棚'),
  },
  { name: 'getProposal', expected: READERS('议题不存在或您无权查看'), call: ({ world, caller, s }) => c(world).getProposal(caller, s.charging) },
  {
    name: 'propose',
    expected: only({ resident: 'ok', leader: 'ok' }, ['forbidden', '完成房屋认证后才能提出议题（我的 → 认证房屋）']),
    call: ({ world, caller }) =>
      c(world).propose(caller, { title: '小区北门加装路灯', body: '北门外的小路晚上太黑，老人走路容易摔倒，建议加装两盏路灯。', photoIds: [] }, { idempotencyKey: world.key() }),
    check: (r: { status: string; mine: boolean }) => expect(r).toMatchObject({ status: 'collecting', mine: true }),
  },
  {
    name: 'cosign',
    // 周桂芳's household co-signed already: the same answer again.
    expected: only({ resident: 'ok', leader: 'ok', otherStaff: ['not_found', '议题不存在或您无权查看'] }, ['forbidden', '完成房屋认证后才能附议（每户一票）']),
    call: ({ world, caller, s }) => c(world).cosign(caller, s.charging),
    check: (r: { cosigns: number; cosignedByMyHousehold: boolean }, { role }) => expect(r).toMatchObject({ cosigns: role === 'resident' ? 4 : 3, cosignedByMyHousehold: true }),
  },
  {
    name: 'answer 不予采纳',
    expected: STAFF_ONLY('只有社区工作者可以答复议题'),
    call: ({ world, caller, s }) => c(world).answer(caller, s.charging, { kind: 'declined', reason: '东门空地是消防通道，不能建设充电棚' }),
    check: (r: { status: string }) => expect(r.status).toBe('declined'),
  },
  {
    name: 'addMinutes',
    expected: STAFF_ONLY('只有社区工作者可以发布议事纪要'),
    call: ({ world, caller, s }) => c(world).addMinutes(caller, s.charging, { text: '11月议事会纪要：讨论东门充电棚选址，待物业测量后再议。', photoIds: [] }, { idempotencyKey: world.key() }),
  },
  {
    name: 'addProgress',
    expected: STAFF_ONLY('只有社区工作者可以更新落实进展'),
    call: ({ world, caller, s }) => c(world).addProgress(caller, s.ramp, { percent: 80, text: '扶手已安装，正在验收。', photoIds: [] }, { idempotencyKey: world.key() }),
  },
  {
    name: 'rate a done decision',
    expected: only({ resident: 'ok', leader: 'ok', otherStaff: ['not_found', '议题不存在或您无权查看'] }, ['forbidden', '完成房屋认证的住户才能评价']),
    setup: async (world, s) => {
      await c(world).addProgress(await staff(world), s.ramp, { percent: 100, text: '坡道完工，已通过验收。', photoIds: [] }, { idempotencyKey: world.key() })
      return {}
    },
    call: ({ world, caller, s }) => c(world).rate(caller, s.ramp, { level: 'satisfied', comment: '坡道很好用' }),
  },

  // ── deliberation ──────────────────────────────────────────────────────────────────────────
  {
    name: 'listContributions of a proposal',
    expected: READERS('议题不存在或您无权查看'),
    call: ({ world, caller, s }) => c(world).listContributions(caller, { kind: 'proposal', id: s.charging }),
    check: (r: { items: unknown[] }) => expect(r.items.length).toBe(3),
  },
  {
    name: 'contribute to a proposal',
    expected: only({ resident: 'ok', leader: 'ok', staff: 'ok', otherStaff: ['not_found', '议题不存在或您无权查看'] }, ['forbidden', '完成房屋认证后才能参与议事']),
    call: ({ world, caller, s }) => c(world).contribute(caller, { kind: 'proposal', id: s.charging }, { body: '支持在东门建充电棚', stance: 'for' }, { idempotencyKey: world.key() }),
    check: (r: { official: boolean }, { role }) => expect(r.official).toBe(role === 'staff'),
  },
  {
    name: 'contribute to an article of the 3号楼 微公约',
    expected: { ...B3_READERS, resident: 'ok', leader: 'ok', staff: 'ok' },
    call: ({ world, caller, s }) =>
      c(world).contribute(caller, { kind: 'article', conventionId: s.b3Convention, articleId: s.b3Article }, { body: '鞋柜放门内很好', stance: 'for' }, { idempotencyKey: world.key() }),
  },
  {
    name: 'listContributions of an article of the 3号楼 微公约',
    expected: B3_READERS,
    call: ({ world, caller, s }) => c(world).listContributions(caller, { kind: 'article', conventionId: s.b3Convention, articleId: s.b3Article }),
  },
  {
    name: 'contribute a question on a disclosure',
    expected: only({ resident: 'ok', leader: 'ok', staff: 'ok', otherStaff: ['not_found', '公开内容不存在或您无权查看'] }, ['forbidden', '完成房屋认证后才能对公开内容提问']),
    call: ({ world, caller, s }) => c(world).contribute(caller, { kind: 'disclosure', id: s.financeDisclosure }, { body: '老年食堂每天几点开饭？' }, { idempotencyKey: world.key() }),
  },
  {
    name: 'hideContribution',
    expected: only({ staff: 'ok', otherStaff: ['not_found', '发言不存在'] }, ['forbidden', '只有社区工作者可以隐藏发言']),
    setup: async (world, s) => {
      const made = await c(world).contribute(await world.caller(DEMO.li), { kind: 'proposal', id: s.charging }, { body: '这个提议太蠢了', stance: 'against' }, { idempotencyKey: world.key() })
      return { contribution: made.id }
    },
    call: ({ world, caller, made }) => c(world).hideContribution(caller, made.contribution, '含有不文明用语'),
    check: (r: { hidden?: { reason: string } }) => expect(r.hidden?.reason).toBe('含有不文明用语'),
  },

  // ── votes ─────────────────────────────────────────────────────────────────────────────────
  {
    name: 'listVotes',
    expected: all('ok'),
    call: ({ world, caller }) => c(world).listVotes(caller),
    check: (r: { items: unknown[] }, { role }) => expect(r.items.length).toBe(role === 'otherStaff' ? 0 : 2),
  },
  {
    name: 'getVote of the open vote',
    expected: READERS('表决不存在或您无权查看'),
    call: ({ world, caller, s }) => c(world).getVote(caller, s.handrailVote),
    // Open: nobody sees the result, staff neither.
    check: (r: { status: string; result?: unknown; voted: number }) => expect([r.status, r.result, r.voted]).toEqual(['open', undefined, 1]),
  },
  {
    name: 'openVote for the community',
    expected: ANY_STAFF('只有社区工作者可以发起表决'),
    call: ({ world, caller }) => c(world).openVote(caller, voteInput(world), { idempotencyKey: world.key() }),
    check: (r: { communityId: string; eligible: number }, { role }) => expect(r.communityId).toBe(role === 'otherStaff' ? CHUNHUI : DEMO.community),
  },
  {
    name: 'castBallot on the 3号楼 vote',
    // 周桂芳 cast her household's ballot herself: the vote as it is.
    expected: only({ resident: 'ok', leader: 'ok', otherStaff: ['not_found', '表决不存在或您无权查看'] }, ['forbidden', NO_HOME_VOTE]),
    call: ({ world, caller, s }) => c(world).castBallot(caller, s.handrailVote, 'o1'),
    check: (r: { voted: number; myHousehold: { ballot?: { castByName: string } } }, { role }) =>
      expect([r.voted, r.myHousehold.ballot?.castByName]).toEqual([role === 'resident' ? 2 : 1, role === 'resident' ? '王秀兰' : '周桂芳']),
  },
  {
    name: 'castBallot by a resident off the roll',
    expected: only(
      { resident: ['forbidden', OFF_ROLL], leader: ['forbidden', OFF_ROLL], otherStaff: ['not_found', '表决不存在或您无权查看'] },
      ['forbidden', NO_HOME_VOTE],
    ),
    setup: async (world) => {
      // A vote for 8号楼 only: 王秀兰 and 周桂芳 (3号楼) are not on its roll.
      const vote = await c(world).openVote(await staff(world), { ...voteInput(world), scope: { kind: 'buildings', buildingIds: ['b-8'] } }, { idempotencyKey: world.key() })
      return { vote: vote.id }
    },
    call: ({ world, caller, made }) => c(world).castBallot(caller, made.vote, 'o1'),
  },
  {
    name: 'enterPaperBallot for 3号楼202',
    expected: STAFF_ONLY('只有社区工作者可以录入纸质选票'),
    call: ({ world, caller, s }) => c(world).enterPaperBallot(caller, s.handrailVote, { buildingId: 'b-3', room: '202', optionId: 'o1', note: '本人交回' }),
    check: (r: { voted: number }) => expect(r.voted).toBe(2),
  },
  {
    name: 'enterPaperBallot for 3号楼101, which voted by phone',
    expected: only({ staff: ['conflict', '该户的周桂芳已于11月20日 16:00在手机上投票，每户只计一票'], otherStaff: 'not_found' }, ['forbidden', '只有社区工作者可以录入纸质选票']),
    call: ({ world, caller, s }) => c(world).enterPaperBallot(caller, s.handrailVote, { buildingId: 'b-3', room: '101', optionId: 'o2', note: '本人交回' }),
  },
  {
    name: 'voteRoll of the 3号楼 vote',
    expected: only({ staff: 'ok', leader: 'ok', otherStaff: ['not_found', '表决不存在或您无权查看'] }, ['forbidden', '只有社区工作者和楼栋长可以查看投票名册']),
    call: ({ world, caller, s }) => c(world).voteRoll(caller, s.handrailVote),
    check: (r: { rows: Array<{ room: string; voted: boolean }> }) =>
      expect(r.rows.map((x) => [x.room, x.voted])).toEqual([
        ['101', true],
        ['102', false],
        ['201', false],
        ['202', false],
        ['302', false],
      ]),
  },
  {
    name: 'voteRoll of the community vote',
    expected: only({ staff: 'ok', leader: 'ok', otherStaff: ['not_found', '表决不存在或您无权查看'] }, ['forbidden', '只有社区工作者和楼栋长可以查看投票名册']),
    call: ({ world, caller, s }) => c(world).voteRoll(caller, s.rampVote),
    check: (r: { rows: Array<{ buildingId: string }> }, { role }) =>
      expect([...new Set(r.rows.map((x) => x.buildingId))].sort()).toEqual(role === 'leader' ? ['b-3'] : ['b-1', 'b-3', 'b-8']),
  },
  {
    name: 'publishResult while the vote is open',
    expected: only({ staff: ['forbidden', '表决将于11月24日 16:00截止，截止后才能公布结果'], otherStaff: ['not_found', '表决不存在或您无权查看'] }, ['forbidden', '只有社区工作者可以公布表决结果']),
    call: ({ world, caller, s }) => c(world).publishResult(caller, s.handrailVote),
  },
  {
    name: 'publishResult once the vote closed',
    expected: only({ staff: 'ok', otherStaff: ['not_found', '表决不存在或您无权查看'] }, ['forbidden', '只有社区工作者可以公布表决结果']),
    setup: async (world) => {
      world.clock.advanceHours(4 * 24)
      return {}
    },
    call: ({ world, caller, s }) => c(world).publishResult(caller, s.handrailVote),
    check: (r: { status: string }) => expect(r.status).toBe('published'),
  },
  {
    name: 'publishResult of a published vote',
    expected: only({ staff: ['forbidden', '结果已经公布'], otherStaff: ['not_found', '表决不存在或您无权查看'] }, ['forbidden', '只有社区工作者可以公布表决结果']),
    call: ({ world, caller, s }) => c(world).publishResult(caller, s.rampVote),
  },

  // ── disclosures ───────────────────────────────────────────────────────────────────────────
  {
    name: 'listDisclosures',
    expected: all('ok'),
    call: ({ world, caller }) => c(world).listDisclosures(caller),
    check: (r: { items: unknown[] }, { role }) => expect(r.items.length).toBe(role === 'otherStaff' ? 0 : 2),
  },
  {
    name: 'getDisclosure',
    expected: READERS('公开内容不存在或您无权查看'),
    call: ({ world, caller, s }) => c(world).getDisclosure(caller, s.financeDisclosure),
    // Read counts by household: staff only.
    check: (r: { households?: number }, { role }) => expect(r.households !== undefined).toBe(role === 'staff'),
  },
  {
    name: 'markDisclosureRead',
    expected: READERS('公开内容不存在或您无权查看'),
    call: ({ world, caller, s }) => c(world).markDisclosureRead(caller, s.financeDisclosure),
  },
  {
    name: 'publishDisclosure',
    expected: ANY_STAFF('只有社区工作者可以发布公开内容'),
    call: ({ world, caller }) =>
      c(world).publishDisclosure(caller, { category: 'affairs', period: { year: 2026, month: 11 }, title: '11月居务公开补充', body: '冬季供暖设备检修已完成。', photoIds: [] }, { idempotencyKey: world.key() }),
    check: (r: { communityId: string }, { role }) => expect(r.communityId).toBe(role === 'otherStaff' ? CHUNHUI : DEMO.community),
  },
]

/** Every ConventionsApi method appears in some row. */
const METHODS = [
  'overview', 'settings', 'updateSettings', 'list', 'get', 'getVersion', 'diff', 'create', 'saveDraft', 'publishDraft', 'acknowledge', 'acknowledgements',
  'listProposals', 'similarProposals', 'getProposal', 'propose', 'cosign', 'answer', 'addMinutes', 'addProgress', 'rate',
  'listContributions', 'contribute', 'hideContribution',
  'listVotes', 'getVote', 'openVote', 'castBallot', 'enterPaperBallot', 'voteRoll', 'publishResult',
  'listDisclosures', 'getDisclosure', 'markDisclosureRead', 'publishDisclosure',
]

async function callerAs(world: World, role: Role): Promise<Caller> {
  if (role === 'unverified') await world.core.communities.join(await world.caller(PERSON.unverified), DEMO.community)
  return world.caller(PERSON[role])
}

const cells = ROWS.flatMap((row) => ROLES.map((role) => [row.name, role, row.expected[role], row] as [string, Role, Cell, Row]))

describe('the consultation matrix: method × role', () => {
  it('has a row for every method of ConventionsApi', () => {
    const service = Object.keys(createProbe())
    for (const m of METHODS) expect(service).toContain(m)
    const called = ROWS.map((r) => r.call.toString())
    for (const m of METHODS) expect(called.some((text) => text.includes(`.${m}(`))).toBe(true)
  })

  it.each(cells)('%s as %s → %j', async (_name, role, cell, row) => {
    const world = await createWorld()
    const s = await seeded(world)
    const made = row.setup ? await row.setup(world, s) : {}
    const caller = await callerAs(world, role)
    const cx: Cx = { world, s, caller, role, made }
    await expectCell(cell, () => row.call(cx), (result) => row.check?.(result as never, cx))
  })
})

describe('a refusal leaves no trace', () => {
  it.each(['resident', 'unverified', 'grid', 'otherStaff'] as Role[])('answer, progress, paper ballot, hiding and publishing refused to %s change nothing', async (role) => {
    const world = await createWorld()
    const s = await seeded(world)
    const made = await c(world).contribute(await world.caller(DEMO.li), { kind: 'proposal', id: s.charging }, { body: '不同意', stance: 'against' }, { idempotencyKey: world.key() })
    const caller = await callerAs(world, role)
    const before = JSON.stringify([
      await world.store.proposals.find(s.charging),
      await world.store.proposals.listProgress(s.ramp),
      await world.store.votes.listRoll(s.handrailVote),
      await world.store.contributions.find(made.id),
      await world.store.conventions.listVersions([s.communityConvention]),
    ])
    const outcomes: Outcome[] = [
      await outcomeOf(c(world).answer(caller, s.charging, { kind: 'declined', reason: '不予采纳的理由' })),
      await outcomeOf(c(world).addProgress(caller, s.ramp, { percent: 90, text: '快完工了', photoIds: [] }, { idempotencyKey: world.key() })),
      await outcomeOf(c(world).enterPaperBallot(caller, s.handrailVote, { buildingId: 'b-3', room: '202', optionId: 'o1', note: '本人交回' })),
      await outcomeOf(c(world).hideContribution(caller, made.id, '不文明用语')),
      await outcomeOf(c(world).saveDraft(caller, s.communityConvention, draftInput)),
    ]
    expect(outcomes.every((o) => o === 'forbidden' || o === 'not_found')).toBe(true)
    const after = JSON.stringify([
      await world.store.proposals.find(s.charging),
      await world.store.proposals.listProgress(s.ramp),
      await world.store.votes.listRoll(s.handrailVote),
      await world.store.contributions.find(made.id),
      await world.store.conventions.listVersions([s.communityConvention]),
    ])
    expect(after).toBe(before)
  })
})

/** The service's own keys (its methods are instance properties or prototype methods). */
function createProbe(): Record<string, unknown> {
  // A ConsultationService over nothing: only its shape is looked at.
  const service = new ConsultationService({} as never, { now: () => new Date(), newId: () => 'x', newToken: () => 't', hashToken: (t) => t }, { notifier: { notify: async () => undefined }, log: { warn: () => undefined } })
  const own = Object.keys(service)
  const proto = Object.getOwnPropertyNames(Object.getPrototypeOf(service)).filter((k) => k !== 'constructor')
  return Object.fromEntries([...own, ...proto].map((k) => [k, true]))
}
