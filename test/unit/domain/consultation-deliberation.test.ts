import type { ContributionInput } from '../../../types/api'
import type { DiscussionSubject } from '../../../types/domain'
import {
  countStances,
  DISCUSSION_LIMITS,
  isOfficial,
  parseSubject,
  refuseContribute,
  refuseHide,
  STANCE_LABEL,
  subjectKey,
  validateContribution,
  visibleBody,
} from '../../../src/domain/consultation/deliberation'
import { actor } from '../support/domain-fixtures'

const proposal: DiscussionSubject = { kind: 'proposal', id: 'p_1' }
const article: DiscussionSubject = { kind: 'article', conventionId: 'c_1', articleId: 'a_2' }
const disclosure: DiscussionSubject = { kind: 'disclosure', id: 'd_1' }
const SUBJECTS = { proposal, article, disclosure }

const resident = actor('u-res', ['resident'], { home: { buildingId: 'b-1', room: '101' } })
const unverified = actor('u-new', ['resident'])
const noCommunity = actor('u-none', ['resident'], { communityId: null })
const staff = actor('u-staff', ['staff'])
const leader = actor('u-leader', ['resident', 'building_leader'], { leadsBuildingIds: ['b-1'], home: { buildingId: 'b-1', room: '201' } })
const gridWorker = actor('u-grid', ['grid_worker'])

describe('labels', () => {
  it('names each stance', () => {
    expect(STANCE_LABEL).toEqual({ for: '支持', against: '反对', neutral: '中立' })
  })
})

describe('subjectKey and parseSubject', () => {
  it('keys each kind of subject', () => {
    expect(subjectKey(proposal)).toBe('proposal:p_1')
    expect(subjectKey(article)).toBe('article:c_1:a_2')
    expect(subjectKey(disclosure)).toBe('disclosure:d_1')
  })

  it.each(Object.entries(SUBJECTS))('round-trips a %s subject', (_k, s) => {
    expect(parseSubject({ ...s })).toEqual(s)
    expect(subjectKey(parseSubject({ ...s })!)).toBe(subjectKey(s))
  })

  it('drops extra fields', () => {
    expect(parseSubject({ kind: 'proposal', id: 'p_1', conventionId: 'c_1', extra: true })).toEqual(proposal)
    expect(parseSubject({ kind: 'article', conventionId: 'c_1', articleId: 'a_2', id: 'x' })).toEqual(article)
  })

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'proposal:p_1'],
    ['a number', 7],
    ['an empty object', {}],
    ['an unknown kind', { kind: 'notice', id: 'n_1' }],
    ['a proposal without id', { kind: 'proposal' }],
    ['a proposal with an empty id', { kind: 'proposal', id: '' }],
    ['a proposal with a numeric id', { kind: 'proposal', id: 1 }],
    ['a disclosure without id', { kind: 'disclosure' }],
    ['an article without articleId', { kind: 'article', conventionId: 'c_1' }],
    ['an article without conventionId', { kind: 'article', articleId: 'a_2' }],
    ['an article with an empty conventionId', { kind: 'article', conventionId: '', articleId: 'a_2' }],
    ['an article with an empty articleId', { kind: 'article', conventionId: 'c_1', articleId: '' }],
    ['an article given only an id', { kind: 'article', id: 'a_2' }],
  ])('rejects %s', (_n, value) => {
    expect(parseSubject(value)).toBeNull()
  })
})

describe('refuseContribute', () => {
  it.each(Object.entries(SUBJECTS))('lets a verified resident speak on a %s', (_k, s) => {
    expect(refuseContribute(resident, s, false)).toBeNull()
    expect(refuseContribute(leader, s, false)).toBeNull()
  })

  it.each(Object.entries(SUBJECTS))('lets staff (official) speak on a %s without a home', (_k, s) => {
    expect(refuseContribute(staff, s, true)).toBeNull()
  })

  it('refuses someone without a community first', () => {
    for (const s of Object.values(SUBJECTS)) expect(refuseContribute(noCommunity, s, false)).toEqual({ code: 'forbidden', message: '请先选择您所在的社区' })
    expect(refuseContribute({ ...staff, communityId: null }, proposal, true)?.message).toBe('请先选择您所在的社区')
  })

  it('refuses an unverified person on a proposal or an article', () => {
    expect(refuseContribute(unverified, proposal, false)).toEqual({ code: 'forbidden', message: '完成房屋认证后才能参与议事' })
    expect(refuseContribute(unverified, article, false)).toEqual({ code: 'forbidden', message: '完成房屋认证后才能参与议事' })
    expect(refuseContribute(gridWorker, proposal, false)?.code).toBe('forbidden')
  })

  it('refuses an unverified person’s question on a disclosure, saying so', () => {
    expect(refuseContribute(unverified, disclosure, false)).toEqual({ code: 'forbidden', message: '完成房屋认证后才能对公开内容提问' })
  })
})

describe('isOfficial', () => {
  it('staff speak officially, others not', () => {
    expect(isOfficial(staff)).toBe(true)
    expect(isOfficial(resident)).toBe(false)
    expect(isOfficial(leader)).toBe(false)
    expect(isOfficial(gridWorker)).toBe(false)
  })
})

describe('validateContribution', () => {
  const check = (input: Partial<ContributionInput>, subject: DiscussionSubject = proposal, official = false) => validateContribution(input, subject, official)

  it('body: 2–1000 characters after trimming', () => {
    expect(check({ body: '好', stance: 'for' }).body).toBe('请写下您的意见（至少2个字）')
    expect(check({ body: '  好  ', stance: 'for' }).body).toBe('请写下您的意见（至少2个字）')
    expect(check({ stance: 'for' }).body).toBe('请写下您的意见（至少2个字）')
    expect(check({ body: '好的', stance: 'for' })).toEqual({})
    expect(check({ body: '言'.repeat(DISCUSSION_LIMITS.bodyMax), stance: 'for' })).toEqual({})
    expect(check({ body: '言'.repeat(1001), stance: 'for' }).body).toBe('发言不能超过1000个字')
  })

  it.each(['for', 'against', 'neutral'] as const)('accepts stance %s on a resident’s top-level contribution', (stance) => {
    expect(check({ body: '我的意见', stance }, proposal)).toEqual({})
    expect(check({ body: '我的意见', stance }, article)).toEqual({})
  })

  it('a resident’s top-level contribution to a proposal or an article needs a stance', () => {
    expect(check({ body: '我的意见' }, proposal).stance).toBe('请选择您的态度：支持、反对或中立')
    expect(check({ body: '我的意见' }, article).stance).toBe('请选择您的态度：支持、反对或中立')
  })

  it('an unknown stance is refused', () => {
    expect(check({ body: '我的意见', stance: 'maybe' as never }).stance).toBe('请选择支持、反对或中立')
    expect(check({ body: '我的意见', stance: null as never }).stance).toBe('请选择支持、反对或中立')
    expect(check({ body: '我的意见', stance: 'maybe' as never, parentId: 'x' }).stance).toBe('请选择支持、反对或中立')
  })

  it('a reply needs no stance, and takes none', () => {
    expect(check({ body: '同意楼上', parentId: 'k-1' }, proposal)).toEqual({})
    expect(check({ body: '同意楼上', parentId: 'k-1' }, article)).toEqual({})
    expect(check({ body: '同意楼上', parentId: 'k-1', stance: 'for' }, proposal).stance).toBe('回复不用再选择态度')
    expect(check({ body: '同意楼上', parentId: 'k-1', stance: 'for' }, disclosure).stance).toBe('回复不用再选择态度')
  })

  it('a question on a disclosure needs no stance, and takes none', () => {
    expect(check({ body: '这笔支出是什么？' }, disclosure)).toEqual({})
    expect(check({ body: '这笔支出是什么？', stance: 'against' }, disclosure).stance).toBe('提问不用选择态度')
    expect(check({ body: '这笔支出是什么？', stance: 'against' }, disclosure, true).stance).toBe('提问不用选择态度')
  })

  it('staff (official) may stay without a stance on a proposal or an article, or take one', () => {
    expect(check({ body: '社区将于下周答复' }, proposal, true)).toEqual({})
    expect(check({ body: '社区将于下周答复' }, article, true)).toEqual({})
    expect(check({ body: '社区支持', stance: 'for' }, proposal, true)).toEqual({})
  })

  it('parentId, when given, is an id', () => {
    expect(check({ body: '同意楼上', parentId: 5 as never }).parentId).toBe('要回复的发言不存在')
    expect(check({ body: '同意楼上', parentId: null as never }).parentId).toBe('要回复的发言不存在')
  })

  it('reports body and stance together', () => {
    expect(Object.keys(check({})).sort()).toEqual(['body', 'stance'])
  })
})

describe('refuseHide', () => {
  it('lets staff hide a visible contribution with a reason of 2–100 characters', () => {
    expect(refuseHide(staff, '人身攻击', false)).toBeNull()
    expect(refuseHide(staff, '广告', false)).toBeNull()
    expect(refuseHide(staff, '因'.repeat(100), false)).toBeNull()
  })

  it('refuses anyone but staff', () => {
    for (const who of [resident, leader, gridWorker]) expect(refuseHide(who, '人身攻击', false)).toEqual({ code: 'forbidden', message: '只有社区工作者可以隐藏发言' })
  })

  it('refuses hiding twice', () => {
    expect(refuseHide(staff, '人身攻击', true)).toEqual({ code: 'forbidden', message: '这条发言已经隐藏' })
  })

  it.each<[string, unknown]>([
    ['one character', '广'],
    ['blank', '   '],
    ['missing', undefined],
    ['not text', 42],
    ['over 100 characters', '因'.repeat(101)],
  ])('refuses a reason %s', (_n, reason) => {
    expect(refuseHide(staff, reason, false)).toEqual({ code: 'validation', field: 'reason', message: '请写明隐藏的理由（2–100字），大家会看到' })
  })
})

describe('visibleBody', () => {
  it('shows a visible contribution to everyone', () => {
    for (const who of [resident, staff, gridWorker]) expect(visibleBody({ body: '我的意见' }, who)).toBe('我的意见')
    expect(visibleBody({ body: '我的意见', hidden: undefined }, resident)).toBe('我的意见')
  })

  it('shows a hidden one only to staff', () => {
    const hidden = { body: '不当言论', hidden: { reason: '人身攻击', byName: '张敏', at: '2026-11-21T08:00:00.000Z' } }
    expect(visibleBody(hidden, staff)).toBe('不当言论')
    expect(visibleBody(hidden, resident)).toBe('')
    expect(visibleBody(hidden, leader)).toBe('')
    expect(visibleBody(hidden, gridWorker)).toBe('')
  })

  it('treats a true hidden flag as hidden', () => {
    expect(visibleBody({ body: '不当言论', hidden: true }, resident)).toBe('')
    expect(visibleBody({ body: '我的意见', hidden: false }, resident)).toBe('我的意见')
  })
})

describe('countStances', () => {
  it('counts nothing in an empty discussion', () => {
    expect(countStances([])).toEqual({ for: 0, against: 0, neutral: 0 })
  })

  it('counts visible top-level stances; hidden contributions, replies and stance-less ones are not counted', () => {
    expect(
      countStances([
        { stance: 'for' },
        { stance: 'for' },
        { stance: 'against' },
        { stance: 'neutral' },
        { stance: 'for', hidden: true },
        { stance: 'against', hidden: { reason: '广告' } },
        { stance: 'for', parentId: 'k-1' },
        { parentId: 'k-1' },
        {},
        { stance: 'against', hidden: false },
      ]),
    ).toEqual({ for: 2, against: 2, neutral: 1 })
  })
})
