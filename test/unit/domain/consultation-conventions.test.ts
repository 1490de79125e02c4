import type { ArticleInput, ConventionInput } from '../../../types/api'
import type { ConventionArticle, ConventionVersion } from '../../../types/domain'
import {
  amendArticle,
  bindsHousehold,
  canSeeConvention,
  canSeeDrafts,
  CONVENTION_KIND_LABEL,
  currentDraft,
  diffArticles,
  numberArticles,
  refuseAcknowledge,
  refuseManageConvention,
  validateConvention,
  validateDraft,
  versionInForce,
  type ConventionScope,
} from '../../../src/domain/consultation/conventions'
import { actor, COMMUNITY, OTHER_COMMUNITY } from '../support/domain-fixtures'

const NOW = new Date('2026-11-21T08:00:00.000Z')
const DAY = 86_400_000
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString()

type V = Pick<ConventionVersion, 'version' | 'status' | 'effectiveFrom'>
const v = (version: number, status: V['status'], effectiveFrom?: string): V => ({ version, status, ...(effectiveFrom ? { effectiveFrom } : {}) })

const community: ConventionScope = { communityId: COMMUNITY, kind: 'community', buildingIds: [] }
const village: ConventionScope = { communityId: COMMUNITY, kind: 'village', buildingIds: [] }
const micro: ConventionScope = { communityId: COMMUNITY, kind: 'building', buildingIds: ['b-1', 'b-2'] }

const inB1 = actor('u-b1', ['resident'], { home: { buildingId: 'b-1', room: '101' } })
const inB2 = actor('u-b2', ['resident'], { home: { buildingId: 'b-2', room: '101' } })
const inB3 = actor('u-b3', ['resident'], { home: { buildingId: 'b-3', room: '101' } })
const unverified = actor('u-new', ['resident'])
const leaderB1 = actor('u-lead1', ['building_leader'], { leadsBuildingIds: ['b-1'] })
const leaderB1B2 = actor('u-lead12', ['resident', 'building_leader'], { leadsBuildingIds: ['b-1', 'b-2'], home: { buildingId: 'b-3', room: '201' } })
const leaderB3 = actor('u-lead3', ['resident', 'building_leader'], { leadsBuildingIds: ['b-3'], home: { buildingId: 'b-3', room: '202' } })
const staff = actor('u-staff', ['staff'])
const staffElsewhere = actor('u-staff-far', ['staff'], { communityId: OTHER_COMMUNITY })
const elsewhere = actor('u-far', ['resident'], { communityId: OTHER_COMMUNITY, home: { buildingId: 'b-1', room: '101' } })
const gridWorker = actor('u-grid', ['grid_worker'])

const art = (id: string, number: number, text: string, title = ''): ConventionArticle => ({ id, number, title, text })

describe('labels', () => {
  it('names each kind', () => {
    expect(CONVENTION_KIND_LABEL).toEqual({ community: '社区公约', village: '村规民约', building: '微公约' })
  })
})

describe('versionInForce', () => {
  it('is undefined without versions, or without a published one in effect', () => {
    expect(versionInForce([], NOW)).toBeUndefined()
    expect(versionInForce([v(1, 'draft'), v(2, 'rejected', at(-DAY))], NOW)).toBeUndefined()
  })

  it('ignores a published version whose effective date is in the future', () => {
    expect(versionInForce([v(1, 'published', at(-DAY)), v(2, 'published', at(DAY))], NOW)?.version).toBe(1)
    expect(versionInForce([v(1, 'published', at(1))], NOW)).toBeUndefined()
  })

  it('takes a version effective exactly now', () => {
    expect(versionInForce([v(1, 'published', at(-DAY)), v(2, 'published', NOW.toISOString())], NOW)?.version).toBe(2)
  })

  it('ignores drafts and rejected versions, even with a later date or version', () => {
    expect(versionInForce([v(1, 'published', at(-5 * DAY)), v(2, 'rejected', at(-DAY)), v(3, 'draft', at(-DAY))], NOW)?.version).toBe(1)
  })

  it('ignores a published version without an effective date', () => {
    expect(versionInForce([v(1, 'published')], NOW)).toBeUndefined()
  })

  it('the latest effective date wins, whatever the order of the list or the version numbers', () => {
    const list = [v(3, 'published', at(-3 * DAY)), v(1, 'published', at(-10 * DAY)), v(2, 'published', at(-DAY))]
    expect(versionInForce(list, NOW)?.version).toBe(2)
    expect(versionInForce([...list].reverse(), NOW)?.version).toBe(2)
  })

  it('on a tie of effective dates, the higher version wins, whatever the order', () => {
    const when = at(-DAY)
    expect(versionInForce([v(1, 'published', when), v(2, 'published', when)], NOW)?.version).toBe(2)
    expect(versionInForce([v(2, 'published', when), v(1, 'published', when)], NOW)?.version).toBe(2)
  })

  it('returns the version object itself', () => {
    const list = [{ ...v(1, 'published', at(-DAY)), articles: [], changeNote: '初版' }]
    expect(versionInForce(list, NOW)).toBe(list[0])
  })
})

describe('currentDraft', () => {
  it('is the latest version when it is a draft', () => {
    expect(currentDraft([v(1, 'published', at(-DAY)), v(2, 'draft')])?.version).toBe(2)
    expect(currentDraft([v(2, 'draft'), v(1, 'published', at(-DAY))])?.version).toBe(2)
  })

  it('is undefined when the latest is published or rejected, or there is none', () => {
    expect(currentDraft([v(1, 'draft'), v(2, 'published', at(-DAY))])).toBeUndefined()
    expect(currentDraft([v(1, 'published', at(-DAY)), v(2, 'rejected')])).toBeUndefined()
    expect(currentDraft([])).toBeUndefined()
  })

  it('a first version kept as a draft is the draft', () => {
    expect(currentDraft([v(1, 'draft')])?.version).toBe(1)
  })
})

describe('bindsHousehold', () => {
  const home = { buildingId: 'b-1', room: '101' }

  it('a community convention and a 村规民约 bind every household of the community', () => {
    expect(bindsHousehold(community, COMMUNITY, home)).toBe(true)
    expect(bindsHousehold(village, COMMUNITY, { buildingId: 'b-9', room: '1' })).toBe(true)
  })

  it('a 微公约 binds the households of its buildings only', () => {
    expect(bindsHousehold(micro, COMMUNITY, home)).toBe(true)
    expect(bindsHousehold(micro, COMMUNITY, { buildingId: 'b-2', room: '301' })).toBe(true)
    expect(bindsHousehold(micro, COMMUNITY, { buildingId: 'b-3', room: '101' })).toBe(false)
  })

  it('binds nobody without a home, or of another community (or none)', () => {
    expect(bindsHousehold(community, COMMUNITY, undefined)).toBe(false)
    expect(bindsHousehold(community, OTHER_COMMUNITY, home)).toBe(false)
    expect(bindsHousehold(micro, OTHER_COMMUNITY, home)).toBe(false)
    expect(bindsHousehold(community, null, home)).toBe(false)
  })
})

describe('canSeeConvention', () => {
  it('everyone of the community reads its community convention and 村规民约, verified or not', () => {
    for (const who of [inB1, inB3, unverified, leaderB3, staff, gridWorker]) {
      expect(canSeeConvention(who, community)).toBe(true)
      expect(canSeeConvention(who, village)).toBe(true)
    }
  })

  it('nobody of another community reads it, staff included', () => {
    expect(canSeeConvention(elsewhere, community)).toBe(false)
    expect(canSeeConvention(staffElsewhere, community)).toBe(false)
    expect(canSeeConvention(staffElsewhere, micro)).toBe(false)
    expect(canSeeConvention(elsewhere, micro)).toBe(false)
  })

  it('a 微公约: the people of its buildings read it, others of the community do not', () => {
    expect(canSeeConvention(inB1, micro)).toBe(true)
    expect(canSeeConvention(inB2, micro)).toBe(true)
    expect(canSeeConvention(inB3, micro)).toBe(false)
    expect(canSeeConvention(unverified, micro)).toBe(false)
    expect(canSeeConvention(gridWorker, micro)).toBe(false)
  })

  it('a 微公约: the leader of one of its buildings reads it, a leader of another building does not', () => {
    expect(canSeeConvention(leaderB1, micro)).toBe(true)
    expect(canSeeConvention(leaderB1B2, micro)).toBe(true)
    expect(canSeeConvention(leaderB3, micro)).toBe(false)
  })

  it('a 微公约: staff of the community read it', () => {
    expect(canSeeConvention(staff, micro)).toBe(true)
  })
})

describe('refuseManageConvention and canSeeDrafts', () => {
  it('staff manage every kind', () => {
    for (const c of [community, village, micro]) {
      expect(refuseManageConvention(staff, c)).toBeNull()
      expect(canSeeDrafts(staff, c)).toBe(true)
    }
  })

  it('a leader of all of a 微公约’s buildings manages it', () => {
    expect(refuseManageConvention(leaderB1B2, micro)).toBeNull()
    expect(canSeeDrafts(leaderB1B2, micro)).toBe(true)
  })

  it('a leader of only some of its buildings does not', () => {
    expect(refuseManageConvention(leaderB1, micro)).toEqual({ code: 'forbidden', message: '只有社区工作者或这些楼栋的楼栋长可以修订微公约' })
    expect(canSeeDrafts(leaderB1, micro)).toBe(false)
  })

  it('a leader does not manage a 微公约 without buildings', () => {
    expect(refuseManageConvention(leaderB1, { kind: 'building', buildingIds: [] })?.code).toBe('forbidden')
  })

  it('a leader does not manage the community’s conventions', () => {
    expect(refuseManageConvention(leaderB1B2, community)).toEqual({ code: 'forbidden', message: '只有社区工作者可以修订社区公约' })
    expect(refuseManageConvention(leaderB1B2, village)?.code).toBe('forbidden')
  })

  it('residents do not manage any', () => {
    expect(refuseManageConvention(inB1, micro)?.message).toBe('只有社区工作者或这些楼栋的楼栋长可以修订微公约')
    expect(refuseManageConvention(inB1, community)?.message).toBe('只有社区工作者可以修订社区公约')
    expect(canSeeDrafts(inB1, community)).toBe(false)
  })
})

describe('validateConvention', () => {
  const good = (over: Partial<ConventionInput> = {}): Partial<ConventionInput> => ({
    kind: 'community',
    title: '幸福社区居民公约',
    buildingIds: [],
    articles: [{ title: '爱护环境', text: '不乱扔垃圾，垃圾分类投放。' }],
    changeNote: '经2026年11月居民会议通过',
    publish: true,
    ...over,
  })
  const buildings = ['b-1', 'b-2', 'b-3']
  const check = (over: Partial<ConventionInput> = {}) => validateConvention(good(over), buildings, NOW)

  it('accepts a community convention, a 村规民约 and a 微公约', () => {
    expect(check()).toEqual({})
    expect(check({ kind: 'village', publish: false })).toEqual({})
    expect(check({ kind: 'building', buildingIds: ['b-1', 'b-2'], effectiveFrom: '2026-12-01T00:00:00.000Z' })).toEqual({})
  })

  it('kind must be known', () => {
    expect(check({ kind: 'street' as never }).kind).toBe('请选择公约类型')
    expect(check({ kind: undefined }).kind).toBe('请选择公约类型')
  })

  it('title: 2–40 characters', () => {
    expect(check({ title: '约' }).title).toBe('请填写公约名称（至少2个字）')
    expect(check({ title: undefined }).title).toBe('请填写公约名称（至少2个字）')
    expect(check({ title: '公约' }).title).toBeUndefined()
    expect(check({ title: '约'.repeat(40) }).title).toBeUndefined()
    expect(check({ title: '约'.repeat(41) }).title).toBe('公约名称不能超过40个字')
  })

  it('buildings: a list is required', () => {
    expect(check({ buildingIds: undefined }).buildingIds).toBe('请选择楼栋')
  })

  it('buildings: a 微公约 takes 1–50 buildings of the community', () => {
    expect(check({ kind: 'building', buildingIds: [] }).buildingIds).toBe('微公约请至少选择一栋楼')
    const many = Array.from({ length: 51 }, (_, i) => `b-${i}`)
    expect(validateConvention(good({ kind: 'building', buildingIds: many }), many, NOW).buildingIds).toBe('最多选择50栋楼')
    expect(validateConvention(good({ kind: 'building', buildingIds: many.slice(0, 50) }), many, NOW).buildingIds).toBeUndefined()
    expect(check({ kind: 'building', buildingIds: ['b-1', 'b-far'] }).buildingIds).toBe('所选楼栋不在本社区，请重新选择')
  })

  it('buildings: the community’s kinds take none', () => {
    expect(check({ kind: 'community', buildingIds: ['b-1'] }).buildingIds).toBe('社区公约和村规民约适用于全社区，不用选择楼栋')
    expect(check({ kind: 'village', buildingIds: ['b-1'] }).buildingIds).toBe('社区公约和村规民约适用于全社区，不用选择楼栋')
  })

  it('articles: at least one, at most 60', () => {
    expect(check({ articles: [] }).articles).toBe('请至少写一条条款')
    expect(check({ articles: undefined }).articles).toBe('请至少写一条条款')
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ title: '', text: `第${i}条内容` }))
    expect(check({ articles: many(61) }).articles).toBe('条款不能超过60条')
    expect(check({ articles: many(60) })).toEqual({})
  })

  it('articles: each is an object with a text of 2–1000 characters and a title of at most 30, errors on its line', () => {
    const errors = check({
      articles: [
        { title: '', text: '好的条款' },
        null as never,
        { title: '', text: '短' },
        { title: '题'.repeat(31), text: '内'.repeat(1001) },
        { title: '题'.repeat(30), text: '内'.repeat(1000) },
        { title: undefined as never, text: undefined as never },
      ],
    })
    expect(errors).toEqual({
      'articles.1': '第2条格式不正确',
      'articles.2.text': '请填写第3条的内容',
      'articles.3.title': '第4条的标题不能超过30个字',
      'articles.3.text': '第4条不能超过1000个字',
      'articles.5.text': '请填写第6条的内容',
    })
  })

  it('articles: a new convention has no articles to keep, so any id is unknown', () => {
    expect(check({ articles: [{ id: 'a-1', title: '', text: '内容内容' }] })['articles.0.id']).toBe('第1条不是本公约原有的条款，请刷新后重试')
  })

  it('changeNote: 2–300 characters', () => {
    expect(check({ changeNote: '' }).changeNote).toBe('请说明本版的制定或修订情况（如“经2026年11月居民会议通过”）')
    expect(check({ changeNote: undefined }).changeNote).toBe('请说明本版的制定或修订情况（如“经2026年11月居民会议通过”）')
    expect(check({ changeNote: '初版' }).changeNote).toBeUndefined()
    expect(check({ changeNote: '注'.repeat(300) }).changeNote).toBeUndefined()
    expect(check({ changeNote: '注'.repeat(301) }).changeNote).toBe('修订说明不能超过300个字')
  })

  it('publish must be chosen', () => {
    expect(check({ publish: undefined }).publish).toBe('请选择立即发布还是保存为草案')
    expect(check({ publish: 'yes' as never }).publish).toBe('请选择立即发布还是保存为草案')
  })

  it('effectiveFrom, when given, must be an instant with its offset, in years 2000–2100', () => {
    expect(check({ effectiveFrom: 'soon' }).effectiveFrom).toBe('请选择生效日期')
    // A date alone was read as midnight UTC: 08:00 in Beijing.
    expect(check({ effectiveFrom: '2026-12-01' }).effectiveFrom).toBe('请选择生效日期')
    expect(check({ effectiveFrom: '2026-12-01T00:00:00+08:00' }).effectiveFrom).toBeUndefined()
    expect(check({ effectiveFrom: '+010000-01-01T00:00:00Z' }).effectiveFrom).toBe('时间超出范围')
  })
})

describe('validateDraft', () => {
  const existing = new Set(['a-1', 'a-2'])
  const note = '根据居民议事会意见修订'

  it('accepts kept and new articles', () => {
    expect(validateDraft({ articles: [{ id: 'a-2', title: '', text: '修改后的第二条' }, { title: '新增', text: '新增一条内容' }], changeNote: note }, existing)).toEqual({})
  })

  it('refuses an id that is not an article of the convention', () => {
    expect(validateDraft({ articles: [{ id: 'a-9', title: '', text: '内容内容' }], changeNote: note }, existing)).toEqual({
      'articles.0.id': '第1条不是本公约原有的条款，请刷新后重试',
    })
    expect(validateDraft({ articles: [{ id: 7 as never, title: '', text: '内容内容' }], changeNote: note }, existing)['articles.0.id']).toBe('第1条不是本公约原有的条款，请刷新后重试')
  })

  it('refuses an article kept twice, on the second', () => {
    expect(
      validateDraft(
        {
          articles: [
            { id: 'a-1', title: '', text: '内容内容' },
            { id: 'a-2', title: '', text: '内容内容' },
            { id: 'a-1', title: '', text: '再一次' },
          ],
          changeNote: note,
        },
        existing,
      ),
    ).toEqual({ 'articles.2.id': '第3条与前面的条款重复' })
  })

  it('refuses missing articles and a missing change note', () => {
    expect(validateDraft({}, existing)).toEqual({ articles: '请至少写一条条款', changeNote: expect.any(String) })
  })
})

describe('numberArticles', () => {
  it('keeps ids, gives new articles new ids, numbers from 1 in order, and trims', () => {
    let n = 0
    const newId = jest.fn(() => `a-new-${++n}`)
    const input: ArticleInput[] = [
      { title: ' 新增 ', text: ' 第一条新内容 ' },
      { id: 'a-1', title: '原一', text: '原第一条' },
      { title: '', text: '又一条新的' },
    ]
    expect(numberArticles(input, newId)).toEqual([
      { id: 'a-new-1', number: 1, title: '新增', text: '第一条新内容' },
      { id: 'a-1', number: 2, title: '原一', text: '原第一条' },
      { id: 'a-new-2', number: 3, title: '', text: '又一条新的' },
    ])
    expect(newId).toHaveBeenCalledTimes(2)
  })

  it('a missing title becomes empty', () => {
    expect(numberArticles([{ id: 'a-1', text: '内容' } as ArticleInput], () => 'x')[0].title).toBe('')
  })

  it('no articles, no ids asked', () => {
    const newId = jest.fn(() => 'x')
    expect(numberArticles([], newId)).toEqual([])
    expect(newId).not.toHaveBeenCalled()
  })
})

describe('diffArticles', () => {
  const before = [art('a-1', 1, '不乱扔垃圾', '环境'), art('a-2', 2, '不高空抛物', '安全'), art('a-3', 3, '晚十点后不装修', '安宁')]
  const view = (a: ConventionArticle) => ({ number: a.number, title: a.title, text: a.text })

  it('unchanged articles are unchanged', () => {
    expect(diffArticles(before, before).map((c) => c.change)).toEqual(['unchanged', 'unchanged', 'unchanged'])
    expect(diffArticles(before, before)[0]).toEqual({ articleId: 'a-1', change: 'unchanged', before: view(before[0]), after: view(before[0]) })
  })

  it('an added article is added, with only its after', () => {
    const after = [...before, art('a-4', 4, '文明养犬', '宠物')]
    const changes = diffArticles(before, after)
    expect(changes.map((c) => [c.articleId, c.change])).toEqual([
      ['a-1', 'unchanged'],
      ['a-2', 'unchanged'],
      ['a-3', 'unchanged'],
      ['a-4', 'added'],
    ])
    expect(changes[3]).toEqual({ articleId: 'a-4', change: 'added', after: { number: 4, title: '宠物', text: '文明养犬' } })
  })

  it('a removed article comes right after the article that preceded it, with only its before', () => {
    const after = [art('a-1', 1, '不乱扔垃圾', '环境'), art('a-3', 2, '晚十点后不装修', '安宁')]
    const changes = diffArticles(before, after)
    expect(changes.map((c) => [c.articleId, c.change])).toEqual([
      ['a-1', 'unchanged'],
      ['a-2', 'removed'],
      ['a-3', 'renumbered'],
    ])
    expect(changes[1]).toEqual({ articleId: 'a-2', change: 'removed', before: view(before[1]) })
  })

  it('a removed first article comes first', () => {
    const after = [art('a-2', 1, '不高空抛物', '安全'), art('a-3', 2, '晚十点后不装修', '安宁')]
    expect(diffArticles(before, after).map((c) => [c.articleId, c.change])).toEqual([
      ['a-1', 'removed'],
      ['a-2', 'renumbered'],
      ['a-3', 'renumbered'],
    ])
  })

  it('a removed last article comes last; several removed in a row keep their order', () => {
    expect(diffArticles(before, [before[0]]).map((c) => [c.articleId, c.change])).toEqual([
      ['a-1', 'unchanged'],
      ['a-2', 'removed'],
      ['a-3', 'removed'],
    ])
  })

  it('everything removed: the removed articles in their order', () => {
    expect(diffArticles(before, []).map((c) => [c.articleId, c.change])).toEqual([
      ['a-1', 'removed'],
      ['a-2', 'removed'],
      ['a-3', 'removed'],
    ])
  })

  it('a first version: every article added', () => {
    expect(diffArticles([], before).map((c) => c.change)).toEqual(['added', 'added', 'added'])
  })

  it('a changed text is changed, with before and after', () => {
    const after = [before[0], art('a-2', 2, '严禁高空抛物', '安全'), before[2]]
    const changes = diffArticles(before, after)
    expect(changes[1]).toEqual({ articleId: 'a-2', change: 'changed', before: view(before[1]), after: { number: 2, title: '安全', text: '严禁高空抛物' } })
  })

  it('a changed title alone is changed', () => {
    const after = [before[0], art('a-2', 2, '不高空抛物', '高空安全'), before[2]]
    expect(diffArticles(before, after)[1].change).toBe('changed')
  })

  it('a changed and renumbered article is changed', () => {
    const after = [art('a-new', 1, '新增第一条'), art('a-1', 2, '不乱扔垃圾，分类投放', '环境')]
    expect(diffArticles([before[0]], after).map((c) => [c.articleId, c.change])).toEqual([
      ['a-new', 'added'],
      ['a-1', 'changed'],
    ])
  })

  it('only renumbered (same title and text, new number) is renumbered', () => {
    const after = [art('a-0', 1, '新增条款'), ...before.map((a) => ({ ...a, number: a.number + 1 }))]
    const changes = diffArticles(before, after)
    expect(changes.map((c) => c.change)).toEqual(['added', 'renumbered', 'renumbered', 'renumbered'])
    expect(changes[1]).toEqual({ articleId: 'a-1', change: 'renumbered', before: view(before[0]), after: { ...view(before[0]), number: 2 } })
  })

  it('reordered articles follow the order of the new version', () => {
    const after = [art('a-3', 1, '晚十点后不装修', '安宁'), art('a-1', 2, '不乱扔垃圾', '环境'), art('a-2', 3, '不高空抛物', '安全')]
    expect(diffArticles(before, after).map((c) => [c.articleId, c.change])).toEqual([
      ['a-3', 'renumbered'],
      ['a-1', 'renumbered'],
      ['a-2', 'renumbered'],
    ])
  })

  it('removed, added and changed together', () => {
    const after = [art('a-1', 1, '不乱扔垃圾', '环境'), art('a-4', 2, '文明养犬', '宠物'), art('a-3', 3, '晚九点后不装修', '安宁')]
    expect(diffArticles(before, after).map((c) => [c.articleId, c.change])).toEqual([
      ['a-1', 'unchanged'],
      ['a-2', 'removed'],
      ['a-4', 'added'],
      ['a-3', 'changed'],
    ])
  })
})

describe('amendArticle', () => {
  const articles = [art('a-1', 1, '不乱扔垃圾', '环境'), art('a-2', 2, '不高空抛物', '安全')]

  it('replaces the text of the one article (trimmed), keeping ids, titles and the others', () => {
    expect(amendArticle(articles, 'a-2', '  严禁高空抛物  ')).toEqual([
      { id: 'a-1', title: '环境', text: '不乱扔垃圾' },
      { id: 'a-2', title: '安全', text: '严禁高空抛物' },
    ])
  })

  it('changes nothing for an unknown article', () => {
    expect(amendArticle(articles, 'a-9', '新内容')).toEqual(articles.map((a) => ({ id: a.id, title: a.title, text: a.text })))
  })

  it('gives the next draft: numbered again it shows as one changed article', () => {
    const next = numberArticles(amendArticle(articles, 'a-1', '不乱扔垃圾，分类投放'), () => 'never')
    expect(diffArticles(articles, next).map((c) => c.change)).toEqual(['changed', 'unchanged'])
  })
})

describe('refuseAcknowledge', () => {
  it('lets a bound household acknowledge the version in force', () => {
    expect(refuseAcknowledge(inB3, community, true)).toBeNull()
    expect(refuseAcknowledge(inB1, micro, true)).toBeNull()
  })

  it('refuses someone without a home first', () => {
    expect(refuseAcknowledge(unverified, community, false)).toEqual({ code: 'forbidden', message: '完成房屋认证后，才能代表您家承诺遵守' })
    expect(refuseAcknowledge(staff, micro, true)?.message).toBe('完成房屋认证后，才能代表您家承诺遵守')
  })

  it('refuses a household the 微公约 does not bind', () => {
    expect(refuseAcknowledge(inB3, micro, true)).toEqual({ code: 'forbidden', message: '这份微公约不适用于您所在的楼栋' })
    expect(refuseAcknowledge(leaderB1B2, micro, true)?.code).toBe('forbidden')
  })

  it('refuses a household of another community', () => {
    expect(refuseAcknowledge(elsewhere, community, true)?.code).toBe('forbidden')
  })

  it('refuses when no version is in force', () => {
    expect(refuseAcknowledge(inB1, community, false)).toEqual({ code: 'forbidden', message: '这份公约还没有生效的版本' })
  })
})

describe('versionInForce with one moment written two ways', () => {
  it('takes the higher version when two take effect at the same moment', () => {
    const versions = [
      { version: 1, status: 'published' as const, effectiveFrom: '2026-11-01T00:00:00.000Z' },
      { version: 2, status: 'published' as const, effectiveFrom: '2026-11-01T00:00:00Z' },
    ]
    expect(versionInForce(versions, new Date('2026-11-21T00:00:00Z'))?.version).toBe(2)
  })
})
