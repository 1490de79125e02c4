import type { ProgressInput, ProposalInput } from '../../../types/api'
import type { ProposalStatus } from '../../../types/domain'
import {
  answeredStatus,
  DEFAULT_SETTINGS,
  isLapsed,
  isOpenProposal,
  nearThreshold,
  PROPOSAL_STATUS_LABEL,
  proposalDeadline,
  rankSimilar,
  reachesThreshold,
  refuseAnswer,
  refuseCosign,
  refuseProgress,
  refusePropose,
  refuseRate,
  similarity,
  validateMinutes,
  validateProgress,
  validateProposal,
  validateRatingComment,
  validateSettings,
  type CosignContext,
} from '../../../src/domain/consultation/proposals'
import { LIMITS } from '../../../src/domain/validation'
import { actor, COMMUNITY, OTHER_COMMUNITY } from '../support/domain-fixtures'

const NOW = new Date('2026-11-21T08:00:00.000Z')
const DAY = 86_400_000
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString()

const ALL_STATUSES: ProposalStatus[] = ['collecting', 'agenda', 'declined', 'merged', 'voting', 'adopted', 'not_adopted', 'done']

const AUTHOR_HOME = { buildingId: 'b-1', room: '101' }
const author = actor('u-author', ['resident'], { home: AUTHOR_HOME })
/** Another member of the author's household. */
const authorSpouse = actor('u-spouse', ['resident'], { home: { ...AUTHOR_HOME } })
const neighbour = actor('u-neighbour', ['resident'], { home: { buildingId: 'b-1', room: '102' } })
const sameRoomOtherBuilding = actor('u-b2', ['resident'], { home: { buildingId: 'b-2', room: '101' } })
const unverified = actor('u-new', ['resident'])
const staff = actor('u-staff', ['staff'])
/** Staff with a home on their account, but not a resident role. */
const staffWithHome = actor('u-staff-home', ['staff'], { home: { buildingId: 'b-3', room: '301' } })
const staffResident = actor('u-staff-res', ['staff', 'resident'], { home: { buildingId: 'b-3', room: '302' } })
const leader = actor('u-leader', ['resident', 'building_leader'], { leadsBuildingIds: ['b-1'], home: { buildingId: 'b-1', room: '201' } })
const elsewhere = actor('u-far', ['resident'], { communityId: OTHER_COMMUNITY, home: { buildingId: 'b-far', room: '101' } })
const noCommunity = actor('u-none', ['resident'], { communityId: null })

describe('labels and statuses', () => {
  it('labels every status', () => {
    for (const s of ALL_STATUSES) expect(PROPOSAL_STATUS_LABEL[s]).toEqual(expect.any(String))
  })

  it('only collecting and agenda proposals are open', () => {
    expect(ALL_STATUSES.filter(isOpenProposal)).toEqual(['collecting', 'agenda'])
  })

  it('defaults to 10 households within 30 days', () => {
    expect(DEFAULT_SETTINGS).toEqual({ proposalThreshold: 10, proposalWindowDays: 30 })
  })
})

describe('validateSettings', () => {
  it('accepts integers within the bounds', () => {
    expect(validateSettings({ proposalThreshold: 1, proposalWindowDays: 1 })).toEqual({})
    expect(validateSettings({ proposalThreshold: 500, proposalWindowDays: 180 })).toEqual({})
  })

  it.each([0, 501, 2.5, '10', undefined, null])('refuses threshold %p', (t) => {
    expect(validateSettings({ proposalThreshold: t, proposalWindowDays: 30 })).toEqual({ proposalThreshold: '附议户数须为1–500之间的整数' })
  })

  it.each([0, 181, 7.5, '30', undefined])('refuses window %p', (d) => {
    expect(validateSettings({ proposalThreshold: 10, proposalWindowDays: d })).toEqual({ proposalWindowDays: '征集期须为1–180天' })
  })
})

describe('refusePropose', () => {
  it('lets a verified resident propose', () => {
    expect(refusePropose(author)).toBeNull()
  })

  it('refuses someone without a community, then someone without a home', () => {
    expect(refusePropose(noCommunity)).toEqual({ code: 'forbidden', message: '请先选择您所在的社区' })
    expect(refusePropose(unverified)).toEqual({ code: 'forbidden', message: expect.stringContaining('完成房屋认证后才能提出议题') })
  })
})

describe('validateProposal', () => {
  const good = (over: Partial<ProposalInput> = {}): Partial<ProposalInput> => ({
    title: '小区东门加装路灯',
    body: '东门到3号楼之间晚上很黑，老人出行不便，建议加装两盏路灯。',
    photoIds: [],
    ...over,
  })

  it('accepts a complete proposal', () => {
    expect(validateProposal(good())).toEqual({})
  })

  it('title: 4–40 characters after trimming', () => {
    expect(validateProposal(good({ title: '加装路' })).title).toBe('请用一句话写明议题（至少4个字）')
    expect(validateProposal(good({ title: '  加装路  ' })).title).toBe('请用一句话写明议题（至少4个字）')
    expect(validateProposal(good({ title: undefined })).title).toBe('请用一句话写明议题（至少4个字）')
    expect(validateProposal(good({ title: '加装路灯' })).title).toBeUndefined()
    expect(validateProposal(good({ title: '灯'.repeat(40) })).title).toBeUndefined()
    expect(validateProposal(good({ title: '灯'.repeat(41) })).title).toBe('议题标题不能超过40个字')
  })

  it('body: 10–2000 characters', () => {
    expect(validateProposal(good({ body: '太黑了' })).body).toBe('请说明情况和您的建议（至少10个字）')
    expect(validateProposal(good({ body: undefined })).body).toBe('请说明情况和您的建议（至少10个字）')
    expect(validateProposal(good({ body: '黑'.repeat(10) })).body).toBeUndefined()
    expect(validateProposal(good({ body: '黑'.repeat(2000) })).body).toBeUndefined()
    expect(validateProposal(good({ body: '黑'.repeat(2001) })).body).toBe('内容不能超过2000个字')
  })

  it('photos: 9 are fine, 10 are refused', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `ph-${i}`)
    expect(validateProposal(good({ photoIds: ids(9) })).photoIds).toBeUndefined()
    expect(validateProposal(good({ photoIds: ids(10) })).photoIds).toBe('最多上传9张照片')
  })

  it('photos: must be a list of ids', () => {
    expect(validateProposal(good({ photoIds: undefined })).photoIds).toBe('照片格式不正确')
    expect(validateProposal(good({ photoIds: ['ph-1', 2 as never] })).photoIds).toBe('照片格式不正确')
  })

  it('article: a convention and an article to change', () => {
    expect(validateProposal(good({ article: { conventionId: 'c-1', articleId: 'a-1', proposedText: '晚十点后不得装修' } }))).toEqual({})
    expect(validateProposal(good({ article: { conventionId: 'c-1', proposedText: '晚十点后不得装修' } as never })).article).toBe('请选择要修改的公约条款')
    expect(validateProposal(good({ article: null as never })).article).toBe('请选择要修改的公约条款')
  })

  it('article: the proposed text is 2–1000 characters', () => {
    const article = (proposedText: unknown) => validateProposal(good({ article: { conventionId: 'c-1', articleId: 'a-1', proposedText: proposedText as string } }))
    expect(article('改')['article.proposedText']).toBe('请写出建议修改后的条款内容')
    expect(article(undefined)['article.proposedText']).toBe('请写出建议修改后的条款内容')
    expect(article('改动')['article.proposedText']).toBeUndefined()
    expect(article('改'.repeat(1000))['article.proposedText']).toBeUndefined()
    expect(article('改'.repeat(1001))['article.proposedText']).toBe('条款内容不能超过1000个字')
  })

  it('reports every wrong field at once', () => {
    expect(Object.keys(validateProposal({})).sort()).toEqual(['body', 'photoIds', 'title'])
  })
})

describe('deadline, lapse and threshold', () => {
  const deadline = at(DAY)
  const p = (over: Partial<{ status: ProposalStatus; deadline: string; threshold: number }> = {}) => ({ status: 'collecting' as ProposalStatus, deadline, threshold: 10, ...over })

  it('proposalDeadline is windowDays after creation', () => {
    expect(proposalDeadline('2026-11-01T08:00:00.000Z', 30)).toBe('2026-12-01T08:00:00.000Z')
    expect(proposalDeadline('2026-11-01T08:00:00.000Z', 1)).toBe('2026-11-02T08:00:00.000Z')
  })

  it('isLapsed: a collecting proposal lapses exactly at its deadline, not a millisecond before', () => {
    expect(isLapsed(p({ deadline: at(1) }), NOW)).toBe(false)
    expect(isLapsed(p({ deadline: NOW.toISOString() }), NOW)).toBe(true)
    expect(isLapsed(p({ deadline: at(-1) }), NOW)).toBe(true)
  })

  it('isLapsed: only collecting proposals lapse', () => {
    for (const status of ALL_STATUSES.filter((s) => s !== 'collecting')) expect(isLapsed(p({ status, deadline: at(-DAY) }), NOW)).toBe(false)
  })

  it('reachesThreshold: exactly at the threshold before the deadline', () => {
    expect(reachesThreshold(p(), 10, NOW)).toBe(true)
    expect(reachesThreshold(p(), 11, NOW)).toBe(true)
  })

  it('reachesThreshold: not one below', () => {
    expect(reachesThreshold(p(), 9, NOW)).toBe(false)
  })

  it('reachesThreshold: not after (or at) the deadline', () => {
    expect(reachesThreshold(p({ deadline: NOW.toISOString() }), 10, NOW)).toBe(false)
    expect(reachesThreshold(p({ deadline: at(-DAY) }), 12, NOW)).toBe(false)
  })

  it('reachesThreshold: not when no longer collecting', () => {
    for (const status of ALL_STATUSES.filter((s) => s !== 'collecting')) expect(reachesThreshold(p({ status }), 50, NOW)).toBe(false)
  })

  it('reachesThreshold: a threshold of 1 is reached by one co-sign', () => {
    expect(reachesThreshold(p({ threshold: 1 }), 1, NOW)).toBe(true)
    expect(reachesThreshold(p({ threshold: 1 }), 0, NOW)).toBe(false)
  })
})

describe('refuseCosign', () => {
  const ctx = (over: Partial<CosignContext> = {}): CosignContext => ({ status: 'collecting', deadline: at(DAY), communityId: COMMUNITY, author: AUTHOR_HOME, ...over })

  it('lets another household of the community co-sign', () => {
    expect(refuseCosign(neighbour, ctx(), NOW)).toBeNull()
    expect(refuseCosign(leader, ctx(), NOW)).toBeNull()
    expect(refuseCosign(staffResident, ctx(), NOW)).toBeNull()
  })

  it('the same room number in another building is another household', () => {
    expect(refuseCosign(sameRoomOtherBuilding, ctx(), NOW)).toBeNull()
  })

  it('lets a household co-sign a proposal on the agenda, even after the collecting deadline', () => {
    expect(refuseCosign(neighbour, ctx({ status: 'agenda', deadline: at(-DAY) }), NOW)).toBeNull()
  })

  it('refuses a person of another community, or of none', () => {
    expect(refuseCosign(elsewhere, ctx(), NOW)).toEqual({ code: 'forbidden', message: '只能附议本社区的议题' })
    expect(refuseCosign(noCommunity, ctx(), NOW)).toEqual({ code: 'forbidden', message: '只能附议本社区的议题' })
  })

  it('refuses a person without a verified home', () => {
    expect(refuseCosign(unverified, ctx(), NOW)).toEqual({ code: 'forbidden', message: '完成房屋认证后才能附议（每户一票）' })
  })

  it('refuses staff without the resident role, even with a home on their account', () => {
    expect(refuseCosign(staffWithHome, ctx(), NOW)).toEqual({ code: 'forbidden', message: '附议是居民的权利，工作人员请以居民身份参与' })
  })

  it('refuses the author, and another member of the author’s household', () => {
    const own = { code: 'forbidden', message: '这是您家提出的议题，不用再附议' }
    expect(refuseCosign(author, ctx(), NOW)).toEqual(own)
    expect(refuseCosign(authorSpouse, ctx(), NOW)).toEqual(own)
  })

  it.each<ProposalStatus>(['declined', 'merged', 'voting', 'adopted', 'not_adopted', 'done'])('refuses a %s proposal', (status) => {
    expect(refuseCosign(neighbour, ctx({ status }), NOW)).toEqual({ code: 'forbidden', message: '该议题已不再征集附议' })
  })

  it('refuses a collecting proposal exactly at and after its deadline', () => {
    const closed = { code: 'forbidden', message: '该议题的附议征集期已结束' }
    expect(refuseCosign(neighbour, ctx({ deadline: NOW.toISOString() }), NOW)).toEqual(closed)
    expect(refuseCosign(neighbour, ctx({ deadline: at(-1) }), NOW)).toEqual(closed)
    expect(refuseCosign(neighbour, ctx({ deadline: at(1) }), NOW)).toBeNull()
  })
})

describe('refuseAnswer and answeredStatus', () => {
  it('lets staff answer an open proposal each way', () => {
    for (const status of ['collecting', 'agenda'] as const) {
      expect(refuseAnswer(staff, status, { kind: 'agenda', reason: '' })).toBeNull()
      expect(refuseAnswer(staff, status, { kind: 'declined', reason: '不在社区职责范围' })).toBeNull()
      expect(refuseAnswer(staff, status, { kind: 'merged', reason: '', intoProposalId: 'p-2' })).toBeNull()
    }
  })

  it('lets an agenda answer go without a reason (undefined too)', () => {
    expect(refuseAnswer(staff, 'collecting', { kind: 'agenda' })).toBeNull()
  })

  it('refuses anyone but staff', () => {
    for (const who of [author, leader, actor('u-grid', ['grid_worker'])]) {
      expect(refuseAnswer(who, 'collecting', { kind: 'agenda', reason: '' })).toEqual({ code: 'forbidden', message: '只有社区工作者可以答复议题' })
    }
  })

  it.each<ProposalStatus>(['declined', 'merged', 'voting', 'adopted', 'not_adopted', 'done'])('refuses to answer a %s proposal', (status) => {
    expect(refuseAnswer(staff, status, { kind: 'agenda', reason: '' })).toEqual({ code: 'forbidden', message: '该议题已答复或已进入表决，不能再更改答复' })
  })

  it('refuses an answer without a known kind', () => {
    const kindError = { code: 'validation', field: 'kind', message: '请选择答复方式' }
    expect(refuseAnswer(staff, 'collecting', undefined)).toEqual(kindError)
    expect(refuseAnswer(staff, 'collecting', {})).toEqual(kindError)
    expect(refuseAnswer(staff, 'collecting', { kind: 'ignored' } as never)).toEqual(kindError)
  })

  it('refuses declining without a reason (of at least 2 characters)', () => {
    const reasonError = { code: 'validation', field: 'reason', message: '不予采纳请写明理由，居民会看到' }
    expect(refuseAnswer(staff, 'collecting', { kind: 'declined', reason: '' })).toEqual(reasonError)
    expect(refuseAnswer(staff, 'collecting', { kind: 'declined', reason: '  否 ' })).toEqual(reasonError)
    expect(refuseAnswer(staff, 'collecting', { kind: 'declined' })).toEqual(reasonError)
    expect(refuseAnswer(staff, 'collecting', { kind: 'declined', reason: '重复' })).toBeNull()
  })

  it('refuses a reason over 300 characters, whatever the kind', () => {
    const long = '理'.repeat(301)
    const tooLong = { code: 'validation', field: 'reason', message: '答复不能超过300个字' }
    expect(refuseAnswer(staff, 'collecting', { kind: 'agenda', reason: long })).toEqual(tooLong)
    expect(refuseAnswer(staff, 'collecting', { kind: 'declined', reason: long })).toEqual(tooLong)
    expect(refuseAnswer(staff, 'collecting', { kind: 'merged', reason: long, intoProposalId: 'p-2' })).toEqual(tooLong)
    expect(refuseAnswer(staff, 'collecting', { kind: 'declined', reason: '理'.repeat(300) })).toBeNull()
  })

  it('refuses merging without the proposal to merge into', () => {
    const target = { code: 'validation', field: 'intoProposalId', message: '请选择合并到的议题' }
    expect(refuseAnswer(staff, 'collecting', { kind: 'merged', reason: '' } as never)).toEqual(target)
    expect(refuseAnswer(staff, 'collecting', { kind: 'merged', reason: '', intoProposalId: 7 } as never)).toEqual(target)
  })

  it('answeredStatus: each kind leads to its status', () => {
    expect(answeredStatus('agenda')).toBe('agenda')
    expect(answeredStatus('declined')).toBe('declined')
    expect(answeredStatus('merged')).toBe('merged')
  })
})

describe('validateMinutes', () => {
  it('accepts minutes of 10+ characters with up to 9 photos', () => {
    expect(validateMinutes({ text: '11月20日居民议事会议定加装路灯', photoIds: [] })).toEqual({})
    expect(validateMinutes({ text: '纪'.repeat(10), photoIds: Array.from({ length: 9 }, (_, i) => `p${i}`) })).toEqual({})
  })

  it('refuses short, long text and too many or missing photos', () => {
    expect(validateMinutes({ text: '纪'.repeat(9), photoIds: [] }).text).toContain('至少10个字')
    expect(validateMinutes({ text: '纪'.repeat(5001), photoIds: [] }).text).toBe('纪要不能超过5000个字')
    expect(validateMinutes({ text: '纪'.repeat(10), photoIds: Array.from({ length: 10 }, (_, i) => `p${i}`) }).photoIds).toBe('最多上传9张照片')
    expect(validateMinutes({ text: '纪'.repeat(10) }).photoIds).toBe('最多上传9张照片')
  })
})

describe('validateProgress', () => {
  const good = (over: Partial<ProgressInput> = {}): Partial<ProgressInput> => ({ percent: 50, text: '已采购灯具', photoIds: [], ...over })

  it('accepts an update with a responsible named before, or named now', () => {
    expect(validateProgress(good(), 30, true)).toEqual({})
    expect(validateProgress(good({ responsible: '物业王经理' }), null, false)).toEqual({})
  })

  it('percent: an integer 0–100', () => {
    const msg = '进度须为0–100之间的整数（%）'
    for (const p of [-1, 101, 50.5, undefined, '50']) expect(validateProgress(good({ percent: p as number }), null, true).percent).toBe(msg)
    expect(validateProgress(good({ percent: 0 }), null, true).percent).toBeUndefined()
    expect(validateProgress(good({ percent: 100 }), null, true).percent).toBeUndefined()
  })

  it('percent: not below the last update; equal to it is fine', () => {
    expect(validateProgress(good({ percent: 29 }), 30, true).percent).toBe('进度不能低于上次的30%')
    expect(validateProgress(good({ percent: 30 }), 30, true).percent).toBeUndefined()
    expect(validateProgress(good({ percent: 0 }), 0, true).percent).toBeUndefined()
  })

  it('text: 2–500 characters', () => {
    expect(validateProgress(good({ text: '做' }), null, true).text).toBe('请写明这次做了什么')
    expect(validateProgress(good({ text: undefined }), null, true).text).toBe('请写明这次做了什么')
    expect(validateProgress(good({ text: '做'.repeat(501) }), null, true).text).toBe('进展说明不能超过500个字')
    expect(validateProgress(good({ text: '做'.repeat(500) }), null, true).text).toBeUndefined()
  })

  it('responsible: required on the first update, optional after', () => {
    expect(validateProgress(good(), null, false).responsible).toBe('请填写负责落实的人或部门')
    expect(validateProgress(good(), 30, false).responsible).toBe('请填写负责落实的人或部门')
    expect(validateProgress(good(), 30, true).responsible).toBeUndefined()
  })

  it('responsible: when given, 2–30 characters (even if one was named before)', () => {
    const msg = '负责人2–30个字'
    expect(validateProgress(good({ responsible: '王' }), null, false).responsible).toBe(msg)
    expect(validateProgress(good({ responsible: '' }), null, false).responsible).toBe(msg)
    expect(validateProgress(good({ responsible: '  ' }), 10, true).responsible).toBe(msg)
    expect(validateProgress(good({ responsible: '王'.repeat(31) }), 10, true).responsible).toBe(msg)
    expect(validateProgress(good({ responsible: '王'.repeat(30) }), 10, true).responsible).toBeUndefined()
  })

  it('photos: at most 9, and a list', () => {
    expect(validateProgress(good({ photoIds: Array.from({ length: 10 }, (_, i) => `p${i}`) }), null, true).photoIds).toBe('最多上传9张照片')
    expect(validateProgress(good({ photoIds: undefined }), null, true).photoIds).toBe('最多上传9张照片')
  })
})

describe('refuseProgress', () => {
  it('lets staff update an adopted decision', () => {
    expect(refuseProgress(staff, 'adopted')).toBeNull()
  })

  it('refuses others', () => {
    expect(refuseProgress(leader, 'adopted')).toEqual({ code: 'forbidden', message: '只有社区工作者可以更新落实进展' })
  })

  it('refuses a done decision, saying it is done', () => {
    expect(refuseProgress(staff, 'done')).toEqual({ code: 'forbidden', message: '该事项已落实完毕' })
  })

  it.each<ProposalStatus>(['collecting', 'agenda', 'declined', 'merged', 'voting', 'not_adopted'])('refuses a %s proposal', (status) => {
    expect(refuseProgress(staff, status)).toEqual({ code: 'forbidden', message: '表决通过的事项才能更新落实进展' })
  })
})

describe('refuseRate and validateRatingComment', () => {
  const done = { communityId: COMMUNITY, status: 'done' as ProposalStatus }

  it('lets a verified household of the community rate a done decision', () => {
    expect(refuseRate(neighbour, done)).toBeNull()
    expect(refuseRate(author, done)).toBeNull()
  })

  it('refuses another community, and someone without a home', () => {
    const msg = { code: 'forbidden', message: '完成房屋认证的住户才能评价' }
    expect(refuseRate(elsewhere, done)).toEqual(msg)
    expect(refuseRate(unverified, done)).toEqual(msg)
    expect(refuseRate(staff, done)).toEqual(msg)
  })

  it.each<ProposalStatus>(['collecting', 'agenda', 'voting', 'adopted', 'not_adopted'])('refuses rating a %s proposal', (status) => {
    expect(refuseRate(neighbour, { communityId: COMMUNITY, status })).toEqual({ code: 'forbidden', message: '事项落实完毕后才能评价' })
  })

  it('a comment is a string (may be empty) up to the limit', () => {
    expect(validateRatingComment('')).toBeUndefined()
    expect(validateRatingComment('很好'.repeat(1))).toBeUndefined()
    expect(validateRatingComment(undefined)).toBe('请填写评价（可以为空）')
    expect(validateRatingComment('好'.repeat(LIMITS.ratingCommentMax))).toBeUndefined()
    expect(validateRatingComment('好'.repeat(LIMITS.ratingCommentMax + 1))).toBe(`评价不能超过${LIMITS.ratingCommentMax}个字`)
  })
})

describe('similarity and rankSimilar', () => {
  it('similarity: identical texts are 1, texts sharing no character pair are 0', () => {
    expect(similarity('东门加装路灯', '东门加装路灯')).toBe(1)
    expect(similarity('东门加装路灯', '垃圾分类宣传')).toBe(0)
  })

  it('similarity: ignores spaces, punctuation and case', () => {
    expect(similarity('东门，加装 路灯！', '东门加装路灯')).toBe(1)
    expect(similarity('WiFi覆盖', 'wifi覆盖')).toBe(1)
  })

  it('similarity: is symmetric and between 0 and 1', () => {
    const a = '东门加装路灯'
    const b = '小区东门路灯太暗'
    expect(similarity(a, b)).toBeCloseTo(similarity(b, a))
    expect(similarity(a, b)).toBeGreaterThan(0)
    expect(similarity(a, b)).toBeLessThan(1)
  })

  it('similarity: empty or punctuation-only text is 0', () => {
    expect(similarity('', '东门加装路灯')).toBe(0)
    expect(similarity('东门加装路灯', '')).toBe(0)
    expect(similarity('，。！', '东门')).toBe(0)
  })

  it('similarity: a single character compares as itself', () => {
    expect(similarity('灯', '灯')).toBe(1)
    expect(similarity('灯', '路灯')).toBe(0)
  })

  const candidates = [
    { id: 'p-unrelated', title: '垃圾分类宣传活动', body: '建议每月组织一次垃圾分类宣传。' },
    { id: 'p-close', title: '东门加装路灯', body: '东门晚上太黑，建议加装路灯。' },
    { id: 'p-body', title: '晚上出行安全', body: '东门路灯坏了，加装路灯很有必要。' },
    { id: 'p-partial', title: '西门路灯维修', body: '西门路灯坏了一周。' },
  ]

  it('rankSimilar: the most similar title first, unrelated proposals below the cut-off left out', () => {
    const ranked = rankSimilar('东门加装路灯', candidates).map((p) => p.id)
    expect(ranked[0]).toBe('p-close')
    expect(ranked).not.toContain('p-unrelated')
    expect(ranked).toEqual(['p-close', 'p-partial'])
  })

  it('rankSimilar: a match in the body only weighs a third, below the default cut-off but found with a lower one', () => {
    expect(rankSimilar('东门加装路灯', candidates).map((p) => p.id)).not.toContain('p-body')
    expect(rankSimilar('东门加装路灯', candidates, 5, 0.1).map((p) => p.id)).toEqual(['p-close', 'p-partial', 'p-body'])
  })

  it('rankSimilar: the title weighs more than the body', () => {
    const [first] = rankSimilar('西门路灯维修', candidates)
    expect(first.id).toBe('p-partial')
  })

  it('rankSimilar: empty text finds nothing', () => {
    expect(rankSimilar('', candidates)).toEqual([])
    expect(rankSimilar('   ', candidates)).toEqual([])
  })

  it('rankSimilar: nothing to compare with finds nothing', () => {
    expect(rankSimilar('东门加装路灯', [])).toEqual([])
  })

  it('rankSimilar: respects the limit and the minimum', () => {
    expect(rankSimilar('东门加装路灯', candidates, 1).map((p) => p.id)).toEqual(['p-close'])
    expect(rankSimilar('东门加装路灯', candidates, 5, 0.99).map((p) => p.id)).toEqual(['p-close'])
    expect(rankSimilar('东门加装路灯', candidates, 5, 0).map((p) => p.id)).toHaveLength(4)
  })

  it('rankSimilar: equal scores tie on the id', () => {
    const twins = [
      { id: 'p-b', title: '东门加装路灯', body: '' },
      { id: 'p-a', title: '东门加装路灯', body: '' },
    ]
    expect(rankSimilar('东门加装路灯', twins).map((p) => p.id)).toEqual(['p-a', 'p-b'])
  })
})

describe('nearThreshold', () => {
  const p = (id: string, cosigns: number, threshold: number, deadlineMs: number, status: ProposalStatus = 'collecting') => ({ id, cosigns, threshold, deadline: at(deadlineMs), status })

  it('includes collecting proposals at least half-way (exactly half included, just below not)', () => {
    const list = [p('p-half', 5, 10, DAY), p('p-below', 4, 10, DAY), p('p-odd', 2, 3, DAY), p('p-odd-below', 1, 3, DAY)]
    expect(nearThreshold(list, NOW).map((x) => x.id).sort()).toEqual(['p-half', 'p-odd'])
  })

  it('excludes proposals that reached their threshold, lapsed ones and those not collecting', () => {
    const list = [
      p('p-reached', 10, 10, DAY),
      p('p-over', 12, 10, DAY),
      p('p-lapsed', 9, 10, -1),
      p('p-lapsing-now', 9, 10, 0),
      p('p-agenda', 9, 10, DAY, 'agenda'),
      p('p-ok', 9, 10, DAY),
    ]
    expect(nearThreshold(list, NOW).map((x) => x.id)).toEqual(['p-ok'])
  })

  it('orders by co-signs missing, then the nearest deadline, then the id; at most 3 by default', () => {
    const list = [
      p('p-missing3', 7, 10, DAY),
      p('p-missing1-late', 9, 10, 5 * DAY),
      p('p-missing1-soon', 4, 5, 2 * DAY),
      p('p-missing2', 8, 10, DAY),
      p('p-b-missing1-soon', 9, 10, 2 * DAY),
    ]
    expect(nearThreshold(list, NOW).map((x) => x.id)).toEqual(['p-b-missing1-soon', 'p-missing1-soon', 'p-missing1-late'])
    expect(nearThreshold(list, NOW, 10).map((x) => x.id)).toEqual(['p-b-missing1-soon', 'p-missing1-soon', 'p-missing1-late', 'p-missing2', 'p-missing3'])
  })

  it('is empty when nothing is near', () => {
    expect(nearThreshold([], NOW)).toEqual([])
    expect(nearThreshold([p('p-0', 0, 10, DAY)], NOW)).toEqual([])
  })
})
