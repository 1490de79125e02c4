import type { Building, Notice } from '../../../types/domain'
import type { NoticeInput } from '../../../types/api'
import {
  canSeeNotice,
  canSeeReceipts,
  compareNotices,
  computeReceipts,
  isExpired,
  NOTICE_LIMITS,
  refusePublish,
  validateNotice,
  type Resident,
} from '../../../src/domain/notices'
import { actor, COMMUNITY, OTHER_COMMUNITY } from '../support/domain-fixtures'

const NOW = new Date('2026-11-21T08:00:00.000Z')
const rooms = ['101', '102', '201', '202']

const BUILDINGS: Building[] = [
  { id: 'b-home', communityId: COMMUNITY, gridId: 'g-home', name: '1号楼', rooms },
  { id: 'b-next', communityId: COMMUNITY, gridId: 'g-home', name: '2号楼', rooms },
  { id: 'b-far', communityId: OTHER_COMMUNITY, gridId: 'g-far', name: '9号楼', rooms },
]

const P = {
  staff: actor('u-staff', ['staff']),
  staffElsewhere: actor('u-staff-far', ['staff'], { communityId: OTHER_COMMUNITY }),
  leader: actor('u-leader', ['resident', 'building_leader'], { leadsBuildingIds: ['b-home'], home: { buildingId: 'b-home', room: '101' } }),
  /** Leads b-next, lives nowhere in scope of a b-home broadcast. */
  otherLeader: actor('u-leader-next', ['building_leader'], { leadsBuildingIds: ['b-next'] }),
  /** A leader whose list (wrongly) names a building of another community. */
  leaderOfFar: actor('u-leader-far', ['building_leader'], { leadsBuildingIds: ['b-far'] }),
  residentHome: actor('u-home', ['resident'], { home: { buildingId: 'b-home', room: '201' } }),
  residentNext: actor('u-next', ['resident'], { home: { buildingId: 'b-next', room: '101' } }),
  residentFar: actor('u-far', ['resident'], { communityId: OTHER_COMMUNITY, home: { buildingId: 'b-far', room: '101' } }),
  gridWorker: actor('u-grid', ['grid_worker'], { gridIds: ['g-home'] }),
  admin: actor('u-admin', ['admin']),
}
type Person = keyof typeof P

const community: Notice['scope'] = { kind: 'community' }
const home: Notice['scope'] = { kind: 'buildings', buildingIds: ['b-home'] }

function input(over: Partial<NoticeInput> = {}): Partial<NoticeInput> {
  return { title: '停水通知', body: '明天上午9点到12点停水检修，请提前储水。', scope: community, urgent: false, pinned: false, ...over }
}

function notice(over: Partial<Notice> = {}): Notice {
  return {
    id: 'n-1',
    communityId: COMMUNITY,
    scope: community,
    title: '停水通知',
    body: '明天停水',
    urgent: false,
    pinned: false,
    publishedAt: '2026-11-20T08:00:00.000Z',
    authorId: P.staff.id,
    authorName: '张敏',
    read: false,
    ...over,
  }
}

describe('validateNotice', () => {
  it('accepts a complete notice, with or without a future expiry', () => {
    expect(validateNotice(input(), NOW)).toEqual({})
    expect(validateNotice(input({ expiresAt: '2026-11-22T08:00:00.000Z', scope: home }), NOW)).toEqual({})
  })

  it('counts characters as people do, after trimming', () => {
    expect(validateNotice(input({ title: '🚧🚧' }), NOW)).toEqual({})
    expect(validateNotice(input({ title: '  停  ' }), NOW).title).toBe('请填写标题（至少2个字）')
    expect(validateNotice(input({ title: '通'.repeat(NOTICE_LIMITS.titleMax) }), NOW)).toEqual({})
  })

  it.each([
    ['no title', { title: undefined }, 'title', '请填写标题（至少2个字）'],
    ['a blank title', { title: '   ' }, 'title', '请填写标题（至少2个字）'],
    ['a title of 51', { title: '通'.repeat(51) }, 'title', '标题不能超过50个字'],
    ['no body', { body: '' }, 'body', '请填写通知内容'],
    ['a body of one', { body: '停' }, 'body', '请填写通知内容'],
    ['a body of 2001', { body: '水'.repeat(2001) }, 'body', '内容不能超过2000个字'],
    ['no scope', { scope: undefined }, 'scope', '请选择发送范围'],
    ['an unknown scope', { scope: { kind: 'street' } as unknown as Notice['scope'] }, 'scope', '请选择发送范围'],
    ['no buildings', { scope: { kind: 'buildings', buildingIds: [] } }, 'scope', '请至少选择一栋楼'],
    ['51 buildings', { scope: { kind: 'buildings', buildingIds: Array.from({ length: 51 }, (_, i) => `b-${i}`) } }, 'scope', '选择的楼栋太多'],
    ['an unreadable expiry', { expiresAt: 'next week' }, 'expiresAt', '截止时间格式不正确'],
    ['an expiry now', { expiresAt: NOW.toISOString() }, 'expiresAt', '截止时间必须晚于现在'],
    ['an expiry in the past', { expiresAt: '2026-11-20T08:00:00.000Z' }, 'expiresAt', '截止时间必须晚于现在'],
  ] as const)('refuses %s on the field, in Chinese', (_name, over, field, message) => {
    expect(validateNotice(input(over as Partial<NoticeInput>), NOW)).toEqual({ [field]: message })
  })

  it('reports every broken field at once', () => {
    expect(Object.keys(validateNotice({}, NOW)).sort()).toEqual(['body', 'scope', 'title'])
  })
})

describe('refusePublish: who may publish where', () => {
  const scopes = {
    community,
    ownBuilding: home,
    otherBuilding: { kind: 'buildings', buildingIds: ['b-next'] },
    ownAndOther: { kind: 'buildings', buildingIds: ['b-home', 'b-next'] },
    otherCommunity: { kind: 'buildings', buildingIds: ['b-far'] },
    unknown: { kind: 'buildings', buildingIds: ['b-nowhere'] },
  } as const satisfies Record<string, Notice['scope']>
  type ScopeName = keyof typeof scopes
  const ok = null
  const F = 'forbidden'

  /*
   * By hand: staff publish to the whole community or to any of its buildings, never to a building
   * elsewhere; a building leader only to buildings they lead (all of them, in this community) and
   * never to the whole community; residents, grid workers and admins never publish.
   */
  const EXPECTED: Partial<Record<Person, Record<ScopeName, null | 'forbidden'>>> = {
    staff: { community: ok, ownBuilding: ok, otherBuilding: ok, ownAndOther: ok, otherCommunity: F, unknown: F },
    leader: { community: F, ownBuilding: ok, otherBuilding: F, ownAndOther: F, otherCommunity: F, unknown: F },
    otherLeader: { community: F, ownBuilding: F, otherBuilding: ok, ownAndOther: F, otherCommunity: F, unknown: F },
    leaderOfFar: { community: F, ownBuilding: F, otherBuilding: F, ownAndOther: F, otherCommunity: F, unknown: F },
    residentHome: { community: F, ownBuilding: F, otherBuilding: F, ownAndOther: F, otherCommunity: F, unknown: F },
    gridWorker: { community: F, ownBuilding: F, otherBuilding: F, ownAndOther: F, otherCommunity: F, unknown: F },
    admin: { community: F, ownBuilding: F, otherBuilding: F, ownAndOther: F, otherCommunity: F, unknown: F },
  }
  const cases = (Object.keys(EXPECTED) as Person[]).flatMap((who) =>
    (Object.keys(scopes) as ScopeName[]).map((scope) => [who, scope, EXPECTED[who]![scope]] as const),
  )

  it.each(cases)('%s → %s: %s', (who, scope, expected) => {
    expect(refusePublish(P[who], scopes[scope], BUILDINGS)?.code ?? null).toBe(expected)
  })

  it('tells each refusal in Chinese', () => {
    expect(refusePublish(P.leader, community, BUILDINGS)?.message).toBe('楼栋长只能向自己负责的楼栋发布通知')
    expect(refusePublish(P.leader, scopes.otherBuilding, BUILDINGS)?.message).toBe('只能向您负责的楼栋发布通知')
    expect(refusePublish(P.residentHome, community, BUILDINGS)?.message).toBe('只有社区工作者和楼栋长可以发布通知')
    expect(refusePublish(P.staff, scopes.otherCommunity, BUILDINGS)?.message).toBe('只能向本社区的楼栋发布')
  })
})

describe('isExpired', () => {
  it('is never expired without an expiry, expired from the instant itself on', () => {
    expect(isExpired({}, NOW)).toBe(false)
    expect(isExpired({ expiresAt: '2026-11-21T08:00:00.001Z' }, NOW)).toBe(false)
    expect(isExpired({ expiresAt: NOW.toISOString() }, NOW)).toBe(true)
    expect(isExpired({ expiresAt: '2026-11-21T07:59:59.999Z' }, NOW)).toBe(true)
  })
})

describe('canSeeNotice: who sees what', () => {
  const expired = '2026-11-21T07:00:00.000Z'
  const notices = {
    community: notice(),
    communityExpired: notice({ expiresAt: expired }),
    broadcast: notice({ scope: home, authorId: P.leader.id }),
    broadcastExpired: notice({ scope: home, authorId: P.leader.id, expiresAt: expired }),
    elsewhere: notice({ communityId: OTHER_COMMUNITY, authorId: P.staffElsewhere.id }),
  }
  type NoticeName = keyof typeof notices
  const y = true
  const n = false

  /*
   * By hand: staff and the author see everything of their community, expired or not; a community
   * notice reaches everyone of that community while live; a broadcast to b-home reaches the
   * residents of b-home and the leaders of b-home only; nobody sees another community's notices.
   */
  const EXPECTED: Record<Person, Record<NoticeName, boolean>> = {
    staff: { community: y, communityExpired: y, broadcast: y, broadcastExpired: y, elsewhere: n },
    staffElsewhere: { community: n, communityExpired: n, broadcast: n, broadcastExpired: n, elsewhere: y },
    leader: { community: y, communityExpired: n, broadcast: y, broadcastExpired: y, elsewhere: n },
    otherLeader: { community: y, communityExpired: n, broadcast: n, broadcastExpired: n, elsewhere: n },
    leaderOfFar: { community: y, communityExpired: n, broadcast: n, broadcastExpired: n, elsewhere: n },
    residentHome: { community: y, communityExpired: n, broadcast: y, broadcastExpired: n, elsewhere: n },
    residentNext: { community: y, communityExpired: n, broadcast: n, broadcastExpired: n, elsewhere: n },
    residentFar: { community: n, communityExpired: n, broadcast: n, broadcastExpired: n, elsewhere: y },
    gridWorker: { community: y, communityExpired: n, broadcast: n, broadcastExpired: n, elsewhere: n },
    admin: { community: y, communityExpired: n, broadcast: n, broadcastExpired: n, elsewhere: n },
  }
  const cases = (Object.keys(EXPECTED) as Person[]).flatMap((who) =>
    (Object.keys(notices) as NoticeName[]).map((name) => [who, name, EXPECTED[who][name]] as const),
  )

  it.each(cases)('%s sees %s: %s', (who, name, expected) => {
    expect(canSeeNotice(P[who], notices[name], NOW)).toBe(expected)
  })

  it('reaches a leader of a scoped building who lives elsewhere', () => {
    const leaderLivingNext = actor('u-l2', ['resident', 'building_leader'], { leadsBuildingIds: ['b-home'], home: { buildingId: 'b-next', room: '202' } })
    expect(canSeeNotice(leaderLivingNext, notices.broadcast, NOW)).toBe(true)
    expect(canSeeNotice(leaderLivingNext, notices.broadcastExpired, NOW)).toBe(false)
  })
})

describe('canSeeReceipts', () => {
  const broadcast = notice({ scope: home, authorId: P.leader.id })
  it.each([
    ['leader', true],
    ['staff', true],
    ['staffElsewhere', false],
    ['otherLeader', false],
    ['residentHome', false],
    ['gridWorker', false],
    ['admin', false],
  ] as const)('%s: %s', (who, expected) => {
    expect(canSeeReceipts(P[who], broadcast)).toBe(expected)
  })
})

describe('computeReceipts: by household', () => {
  /*
   * Homes of registered residents: b-home 101 (the leader), b-home 201 (two people: 王 and 李),
   * b-home 202, b-next 101; u-staff has no home and is no household. A broadcast to b-home reaches
   * 3 households (101, 201, 202); the whole community reaches 4.
   */
  const residents: Resident[] = [
    { id: 'u-202', home: { buildingId: 'b-home', room: '202' } },
    { id: 'u-wang', home: { buildingId: 'b-home', room: '201' } },
    { id: 'u-next', home: { buildingId: 'b-next', room: '101' } },
    { id: 'u-staff' },
    { id: 'u-li', home: { buildingId: 'b-home', room: '201' } },
    { id: 'u-leader', home: { buildingId: 'b-home', room: '101' } },
  ]

  it('counts two people of one room as one household, read when either of them read it', () => {
    const byWang = computeReceipts({ id: 'n-1', scope: home }, BUILDINGS, residents, new Set(['u-wang']))
    const byLi = computeReceipts({ id: 'n-1', scope: home }, BUILDINGS, residents, new Set(['u-li']))
    const byBoth = computeReceipts({ id: 'n-1', scope: home }, BUILDINGS, residents, new Set(['u-wang', 'u-li']))
    for (const receipts of [byWang, byLi, byBoth]) {
      expect(receipts).toEqual({
        noticeId: 'n-1',
        households: 3,
        read: 1,
        unreadHouseholds: [
          { buildingId: 'b-home', buildingName: '1号楼', room: '101' },
          { buildingId: 'b-home', buildingName: '1号楼', room: '202' },
        ],
      })
    }
  })

  it('leaves out homes outside the scope and readers without a home', () => {
    const receipts = computeReceipts({ id: 'n-1', scope: home }, BUILDINGS, residents, new Set(['u-next', 'u-staff']))
    expect(receipts.households).toBe(3)
    expect(receipts.read).toBe(0)
    expect(receipts.unreadHouseholds.map((h) => h.room)).toEqual(['101', '201', '202'])
  })

  it('covers every home of the community for a community notice, unread sorted by building then room', () => {
    const receipts = computeReceipts({ id: 'n-2', scope: community }, BUILDINGS, residents, new Set(['u-leader']))
    expect(receipts.households).toBe(4)
    expect(receipts.read).toBe(1)
    expect(receipts.unreadHouseholds).toEqual([
      { buildingId: 'b-home', buildingName: '1号楼', room: '201' },
      { buildingId: 'b-home', buildingName: '1号楼', room: '202' },
      { buildingId: 'b-next', buildingName: '2号楼', room: '101' },
    ])
  })

  it('is all read when every household has a reader, and empty when nobody lives in scope', () => {
    const all = computeReceipts({ id: 'n-1', scope: home }, BUILDINGS, residents, new Set(['u-202', 'u-li', 'u-leader']))
    expect(all).toMatchObject({ households: 3, read: 3, unreadHouseholds: [] })
    const empty = computeReceipts({ id: 'n-3', scope: { kind: 'buildings', buildingIds: ['b-far'] } }, BUILDINGS, residents, new Set())
    expect(empty).toEqual({ noticeId: 'n-3', households: 0, read: 0, unreadHouseholds: [] })
  })

  it('names a building it does not know by its id', () => {
    const receipts = computeReceipts({ id: 'n-4', scope: { kind: 'buildings', buildingIds: ['b-new'] } }, BUILDINGS, [{ id: 'u-x', home: { buildingId: 'b-new', room: '1' } }], new Set())
    expect(receipts.unreadHouseholds).toEqual([{ buildingId: 'b-new', buildingName: 'b-new', room: '1' }])
  })
})

describe('compareNotices', () => {
  it('puts pinned first, then urgent, then the newest, ties by id', () => {
    const list = [
      notice({ id: 'old-plain', publishedAt: '2026-11-01T00:00:00.000Z' }),
      notice({ id: 'new-plain', publishedAt: '2026-11-20T00:00:00.000Z' }),
      notice({ id: 'old-urgent', urgent: true, publishedAt: '2026-11-02T00:00:00.000Z' }),
      notice({ id: 'old-pinned', pinned: true, publishedAt: '2026-10-01T00:00:00.000Z' }),
      notice({ id: 'pinned-urgent', pinned: true, urgent: true, publishedAt: '2026-09-01T00:00:00.000Z' }),
      notice({ id: 'a-same', publishedAt: '2026-11-10T00:00:00.000Z' }),
      notice({ id: 'b-same', publishedAt: '2026-11-10T00:00:00.000Z' }),
    ]
    expect([...list].sort(compareNotices).map((n) => n.id)).toEqual([
      'pinned-urgent',
      'old-pinned',
      'old-urgent',
      'new-plain',
      'b-same',
      'a-same',
      'old-plain',
    ])
  })
})
