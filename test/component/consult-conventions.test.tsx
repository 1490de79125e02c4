import { act, cleanup, waitFor } from '@testing-library/react'
import ConventionPage from '../../src/consult/convention/index'
import ConventionDiffPage from '../../src/consult/convention-diff/index'
import ConventionEditPage from '../../src/consult/convention-edit/index'
import ConventionSheetPage from '../../src/consult/convention-sheet/index'
import ConsultPage from '../../src/consult/index/index'
import Taro from '../support/taro-jsdom'
import { all, fieldError, one, renderPage, tap, typeInto, usePageTests, world } from './support/app'

usePageTests()
beforeEach(() => localStorage.clear())

const text = () => document.body.textContent ?? ''

async function conventionId(w: ReturnType<typeof world>, title: string): Promise<string> {
  const api = await w.client('u-zhang')
  const found = (await api.conventions.list()).find((c) => c.title === title)
  if (!found) throw new Error(`no convention ${title}`)
  return found.id
}

test('the hub lists the conventions: kind, version, effective date, and what my household has to do', async () => {
  const { root } = await world().app('u-wang') // 3号楼201: bound by both, acknowledged neither
  renderPage(root, ConsultPage, { tab: 'conventions' })
  await waitFor(() => expect(all('.conv-row')).toHaveLength(2))
  const rows = all('.conv-row').map((r) => r.textContent ?? '')
  const community = rows.find((r) => r.includes('映月社区居民公约'))!
  expect(community).toMatch(/社区公约 · 第1版 · \d{4}年\d{1,2}月\d{1,2}日起施行/)
  expect(community).toContain('请承诺遵守')
  const b3 = rows.find((r) => r.includes('3号楼文明公约'))!
  expect(b3).toContain('微公约 · 第2版')
  expect(b3).toContain('适用：3号楼')
  // A resident sees no household counts, and no way to write a convention.
  expect(text()).not.toContain('已承诺 ')
  expect(all('.consult__new')).toHaveLength(0)
  expect(one('[data-tab="conventions"]').getAttribute('aria-selected')).toBe('true')
})

test('staff see how many households acknowledged each convention, and may write a new one', async () => {
  const { root } = await world().app('u-zhang')
  renderPage(root, ConsultPage)
  await waitFor(() => expect(all('.conv-row')).toHaveLength(2))
  const community = all('.conv-row').find((r) => r.textContent?.includes('映月社区居民公约'))!
  expect(community.textContent).toMatch(/已承诺 3 \/ \d+ 户/)
  expect(all('.consult__new')).toHaveLength(1)
})

test('承诺遵守: my household acknowledges the version in force, and the page says who did it and when', async () => {
  const w = world()
  const id = await conventionId(w, '映月社区居民公约')
  const { root } = await w.app('u-wang')
  renderPage(root, ConventionPage, { id })
  await waitFor(() => expect(all('.convention__ack-btn')).toHaveLength(1))
  // The articles of the version in force, each open to discussion and to a proposed change.
  // (a virtual list: the first ones are drawn)
  expect(all('.article').length).toBeGreaterThan(2)
  expect(all('.article')[0].textContent).toContain('第1条邻里和睦')
  expect(text()).toContain('经2026年1月居民代表会议讨论通过')
  await act(async () => {
    all('.article')[0].querySelectorAll<HTMLElement>('.article__action')[1].click()
  })
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: expect.stringMatching(new RegExp(`^/consult/proposal-new/index\\?conventionId=${id}&articleId=`)) })

  const before = (await (await w.client('u-zhang')).conventions.get(id)).acknowledgedHouseholds
  await tap('.convention__ack-btn')
  await waitFor(() => expect(all('.convention__acked')).toHaveLength(1))
  expect(one('.convention__acked').textContent).toMatch(/^王秀兰已于.+代表您家承诺遵守$/)
  expect(all('.convention__ack-btn')).toHaveLength(0)
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已承诺遵守，谢谢您' }))
  expect((await (await w.client('u-zhang')).conventions.get(id)).acknowledgedHouseholds).toBe(before + 1)
  // A resident does not see the sheet of households.
  expect(all('.convention__sheet')).toHaveLength(0)
})

test('修订记录: the versions, newest first, each compared with the one before it', async () => {
  const w = world()
  const id = await conventionId(w, '3号楼文明公约')
  const { root } = await w.app('u-wang')
  renderPage(root, ConventionPage, { id })
  await waitFor(() => expect(all('.version')).toHaveLength(2))
  expect(all('.version').map((v) => v.getAttribute('data-version'))).toEqual(['2', '1'])
  expect(all('.version')[0].textContent).toContain('现行')
  await act(async () => {
    all('.version')[0].querySelector<HTMLElement>('.version__compare')!.click()
  })
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `/consult/convention-diff/index?id=${id}&from=1&to=2` })
  expect(all('.version')[1].querySelector('.version__compare')).toBeNull()
})

test('the diff shows each article’s change, the changed characters marked, the unchanged folded away', async () => {
  const w = world()
  const id = await conventionId(w, '3号楼文明公约')
  const { root } = await w.app('u-wang')
  renderPage(root, ConventionDiffPage, { id, from: '1', to: '2' })
  await waitFor(() => expect(all('.diff__change').length).toBeGreaterThan(0))
  expect(one('.diff__summary').textContent).toBe('新增1条，修改1条')
  expect(all('.diff__change').map((c) => c.getAttribute('data-change'))).toEqual(['changed', 'added'])

  const changed = one('.diff__change--changed')
  expect(changed.textContent).toContain('第1条 楼道')
  expect(changed.querySelector('.diff__side--before')!.textContent).toBe('修改前楼道内不堆放杂物、不停放电动自行车。')
  expect(changed.querySelector('.diff__side--after')!.textContent).toBe('修改后楼道内不堆放杂物、不停放电动自行车，鞋柜等物品放在自家门内。')
  const added = Array.from(changed.querySelectorAll('.diff__mark--added')).map((m) => m.textContent).join('')
  const removed = Array.from(changed.querySelectorAll('.diff__mark--removed')).map((m) => m.textContent).join('')
  expect(added).toBe('，鞋柜等物品放在自家门内')
  expect(removed).toBe('')
  expect(one('.diff__change--added').textContent).toContain('新增第4条 宠物带宠物乘梯请抱起或牵紧')

  // 其余2条未改动: shown on request.
  expect(one('.diff__toggle').textContent).toContain('其余2条未改动')
  await tap('.diff__toggle')
  await waitFor(() => expect(all('.diff__change--unchanged')).toHaveLength(2))
})

test('a building leader sees which doors to knock on, by building, the households that have not acknowledged first', async () => {
  const w = world()
  const id = await conventionId(w, '3号楼文明公约')
  const { root } = await w.app('u-zhou') // leads 3号楼 and 5号楼
  renderPage(root, ConventionSheetPage, { id })
  await waitFor(() => expect(all('.sheet__count')).toHaveLength(1))
  expect(one('.sheet__count').textContent).toMatch(/^已承诺 1 \/ \d+ 户$/)
  const sections = all('.sheet__section').map((s) => s.textContent)
  expect(sections).toEqual(['还没有承诺的住户（上门提醒）', '已承诺的住户'])
  const waiting = all('.sheet__room--waiting').map((r) => r.textContent)
  expect(waiting).toContain('201')
  expect(waiting).not.toContain('302')
  expect(all('.sheet__room--done').map((r) => r.textContent)).toEqual(['302'])
  expect(all('.sheet__done')[0].textContent).toContain('李*')
})

test('staff write a new convention: each article’s mistake on its own line, then it is published', async () => {
  const { root } = await world().app('u-zhang')
  renderPage(root, ConventionEditPage)
  await waitFor(() => expect(all('[data-chips="kind"] [data-value]')).toHaveLength(3))
  await tap('.conv-edit__submit')
  await waitFor(() => expect(fieldError('articles.0.text')).toBe('请填写第1条的内容'))
  expect(fieldError('kind')).toBe('请选择公约类型')
  expect(fieldError('title')).toMatch(/^请填写公约名称/)

  await tap('[data-chips="kind"] [data-value="community"]')
  await typeInto('.conv-edit__title', '映月社区垃圾分类公约')
  await typeInto('.conv-edit__article-text', '按四分类投放生活垃圾。')
  await tap('.conv-edit__add')
  await waitFor(() => expect(all('.conv-edit__article')).toHaveLength(2))
  await waitFor(() => expect(fieldError('articles.1.text')).toBe('请填写第2条的内容'))
  await typeInto('.conv-edit__article[data-index="1"] .conv-edit__article-text', '大件垃圾预约清运。')
  // 上移: the second article becomes the first.
  await act(async () => {
    all('.conv-edit__article')[1].querySelector<HTMLElement>('.conv-edit__tool')!.click()
  })
  await typeInto('.conv-edit__note', '经2026年12月居民会议通过')
  await tap('[data-chips="publish"] [data-value="publish"]')
  expect(fieldError('articles.1.text')).toBeNull()
  await tap('.conv-edit__submit')
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled())
  const created = root.conventions.items.find((c) => c.title === '映月社区垃圾分类公约') ?? [...root.conventions.details.values()].find((c) => c.title === '映月社区垃圾分类公约')!
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/consult/convention/index?id=${encodeURIComponent(created.id)}` })
  expect(created.inForce?.articles.map((a) => a.text)).toEqual(['大件垃圾预约清运。', '按四分类投放生活垃圾。'])
})

test('the next version’s draft starts from the version in force, and the detail offers to publish it or put it to a vote', async () => {
  const w = world()
  const id = await conventionId(w, '映月社区居民公约')
  const { root } = await w.app('u-zhang')
  renderPage(root, ConventionEditPage, { id })
  await waitFor(() => expect(all('.conv-edit__article')).toHaveLength(7))
  expect(text()).toContain('在第1版的基础上修订')
  // Remove the last article, add the change note, save.
  await act(async () => {
    all('.conv-edit__article')[6].querySelector<HTMLElement>('.conv-edit__tool--danger')!.click()
  })
  await waitFor(() => expect(all('.conv-edit__article')).toHaveLength(6))
  await tap('.conv-edit__submit')
  await waitFor(() => expect(fieldError('changeNote')).toMatch(/^请说明本版的制定或修订情况/))
  await typeInto('.conv-edit__note', '删去第7条，并入社区议事规则')
  await tap('.conv-edit__submit')
  await waitFor(() => expect(root.conventions.get(id)?.versions).toHaveLength(2))
  expect(root.conventions.get(id)!.versions[1]).toMatchObject({ version: 2, status: 'draft', changeNote: '删去第7条，并入社区议事规则' })

  cleanup()
  renderPage(root, ConventionPage, { id })
  await waitFor(() => expect(all('.convention__publish')).toHaveLength(1))
  expect(one('.convention__draft').textContent).toBe('第2版草案待发布')
  await tap('.convention__vote')
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `/consult/vote-new/index?conventionId=${id}` })
  Taro.showModal.mockResolvedValueOnce({ errMsg: 'showModal:ok', confirm: true, cancel: false })
  await tap('.convention__publish')
  await waitFor(() => expect(root.conventions.get(id)?.inForce?.version).toBe(2))
  expect(root.conventions.get(id)!.inForce!.articles).toHaveLength(6)
})

test('a convention draws every article, 修订记录 and 与上一版比较 as a plain page (no virtual list to stop drawing on H5)', async () => {
  const w = world()
  const id = await conventionId(w, '映月社区居民公约')
  const building = await conventionId(w, '3号楼文明公约')
  const api = await w.client('u-wang')
  const articles = (await api.conventions.get(id)).inForce!.articles
  expect(articles.length).toBeGreaterThan(5)
  const { root } = await w.app('u-wang')
  renderPage(root, ConventionPage, { id })
  await waitFor(() => expect(all('.convention__ack-btn')).toHaveLength(1))
  // Nothing scrolled: all of it is in the page, the last article and the history below it too.
  expect(all('.article')).toHaveLength(articles.length)
  expect(all('.article').pop()!.textContent).toContain(`第${articles.length}条`)
  expect(all('.convention__history')).toHaveLength(1)
  expect(one('.convention__history').textContent).toContain('修订记录')
  expect(all('.virtual-page')).toHaveLength(0)
  cleanup()
  const versions = (await api.conventions.get(building)).versions.length
  renderPage(root, ConventionPage, { id: building })
  await waitFor(() => expect(all('.version')).toHaveLength(versions))
  expect(all('.version__compare').length).toBeGreaterThan(0)
  expect(one('.version__compare').textContent).toBe('与上一版比较')
})
