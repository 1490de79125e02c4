import type { DisclosureInput } from '../../../types/api'
import { disposeApps, signedInApp } from '../support/app'
import { loseFirstResponse, newKey } from '../support/memory-world'
import { failOnChangesOutsideActions } from './support/strict-actions'

failOnChangesOutsideActions()
afterEach(disposeApps)

const article = (title: string, text: string) => ({ title, text })
const PHOTO = { path: 'data:image/png;base64,iVBORw0KGgo=', bytes: 8, width: 1, height: 1 }

const finance = (over: Partial<NonNullable<DisclosureInput['finance']>> = {}): DisclosureInput => ({
  category: 'finance',
  period: { year: 2026, month: 11 },
  title: '11月公益金收支',
  body: '现将11月社区公益金收支公开如下。',
  photoIds: [],
  finance: {
    items: [
      { kind: 'income', name: '上级拨付', amountFen: 100_000 },
      { kind: 'expense', name: '楼道照明', amountFen: 40_000 },
    ],
    totalIncomeFen: 100_000,
    totalExpenseFen: 40_000,
    ...over,
  },
})

describe('ConventionsStore', () => {
  it('lists the conventions and what my household has yet to acknowledge; 承诺遵守 changes the list and the detail', async () => {
    const { root } = await signedInApp('u-wang')
    await root.conventions.load()
    expect(root.conventions.items.map((c) => c.title).sort()).toEqual(['3号楼文明公约', '映月社区居民公约'])
    expect(root.conventions.toAcknowledge).toHaveLength(2)
    const c = root.conventions.items.find((x) => x.title === '映月社区居民公约')!
    await root.conventions.open(c.id)
    const outcome = await root.conventions.acknowledge(c.id)
    expect(outcome.ok).toBe(true)
    expect(root.conventions.get(c.id)!.myAcknowledgement?.byName).toBe('王秀兰')
    expect(root.conventions.items.find((x) => x.id === c.id)!.myAcknowledgement?.byName).toBe('王秀兰')
    expect(root.conventions.toAcknowledge.map((x) => x.title)).toEqual(['3号楼文明公约'])
    expect(root.conventions.busy).toBeNull()
  })

  it('refuses a convention that breaks the rules without asking the backend', async () => {
    const { root, ops } = await signedInApp('u-zhang')
    const sent = ops.length
    const outcome = await root.conventions.create(
      { kind: 'building', title: '楼', buildingIds: [], articles: [article('', '')], changeNote: '', publish: true },
      newKey(),
      root.directory.directory!.buildings.map((b) => b.id),
    )
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.fields).toMatchObject({ buildingIds: '微公约请至少选择一栋楼', 'articles.0.text': '请填写第1条的内容' })
    expect(ops.slice(sent)).toEqual([])
  })

  it('a lost answer retried under the same key makes one convention', async () => {
    const { root, api, faults } = await signedInApp('u-zhang')
    await root.conventions.load()
    const before = root.conventions.items.length
    const key = newKey()
    const input = { kind: 'community' as const, title: '映月社区停车公约', buildingIds: [], articles: [article('车位', '车辆停放在划定车位。')], changeNote: '经居民会议通过', publish: true }
    loseFirstResponse(faults, 'conventions.create')
    const ids = root.directory.directory!.buildings.map((b) => b.id)
    const lost = await root.conventions.create(input, key, ids)
    expect(lost.ok).toBe(false)
    const retried = await root.conventions.create(input, key, ids)
    expect(retried.ok).toBe(true)
    expect((await api.conventions.list()).filter((c) => c.title === '映月社区停车公约')).toHaveLength(1)
    expect(root.conventions.items).toHaveLength(before + 1)
  })

  it('a draft of the next version, published, is the version in force; the diff and the sheet follow it', async () => {
    const { root } = await signedInApp('u-zhang')
    await root.conventions.load()
    const c = root.conventions.items.find((x) => x.title === '映月社区居民公约')!
    const articles = c.inForce!.articles.map((a) => ({ id: a.id, title: a.title, text: a.text }))
    articles[0] = { ...articles[0], text: `${articles[0].text}邻里节每年举办一次。` }
    const saved = await root.conventions.saveDraft(c.id, { articles: articles.slice(0, 6), changeNote: '第1条增加邻里节；删去第7条' })
    expect(saved.ok).toBe(true)
    expect(root.conventions.draftOf(c.id)).toMatchObject({ version: 2, status: 'draft' })
    await root.conventions.loadSheet(c.id)
    expect(root.conventions.sheets.get(c.id)!.acknowledged).toBe(3)

    const published = await root.conventions.publishDraft(c.id)
    expect(published.ok).toBe(true)
    expect(root.conventions.get(c.id)!.inForce!.version).toBe(2)
    // A new version in force: the sheet read before no longer holds.
    expect(root.conventions.sheets.has(c.id)).toBe(false)
    await root.conventions.loadDiff(c.id, 1, 2)
    expect(root.conventions.diff(c.id, 1, 2)!.map((d) => d.change)).toEqual(['changed', 'unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged', 'removed'])
    await root.conventions.loadSheet(c.id)
    expect(root.conventions.sheets.get(c.id)!).toMatchObject({ version: 2, acknowledged: 0 })
  })

  it('a draft names its mistakes by article; a resident may not write one', async () => {
    const { root } = await signedInApp('u-wang')
    await root.conventions.load()
    const c = root.conventions.items.find((x) => x.title === '映月社区居民公约')!
    const refused = await root.conventions.saveDraft(c.id, { articles: [{ title: '', text: '好' }], changeNote: '修订' })
    expect(refused).toMatchObject({ ok: false, fields: { 'articles.0.text': '请填写第1条的内容' } })
    const forbidden = await root.conventions.saveDraft(c.id, { articles: [{ title: '', text: '好好相处' }], changeNote: '修订一下' })
    expect(forbidden).toMatchObject({ ok: false, message: '只有社区工作者可以修订社区公约' })
  })

  it('forgets everything when the user signs out, and drops an answer that arrives after', async () => {
    const { root, api } = await signedInApp('u-wang')
    await root.conventions.load()
    const id = root.conventions.items[0].id
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const real = api.conventions.get.bind(api.conventions)
    jest.spyOn(api.conventions, 'get').mockImplementationOnce(async (x) => {
      const answer = await real(x)
      await gate
      return answer
    })
    const opening = root.conventions.open(id)
    await root.session.signOut()
    release()
    await opening
    expect(root.conventions.items).toEqual([])
    expect(root.conventions.loaded).toBe(false)
    expect(root.conventions.get(id)).toBeUndefined()
  })
})

describe('DisclosuresStore', () => {
  it('lists by category, and opening one marks it read for my household', async () => {
    const { root, api } = await signedInApp('u-wang')
    await root.disclosures.refresh()
    expect(root.disclosures.items.map((d) => d.category)).toEqual(['affairs', 'finance'])
    await root.disclosures.setCategory('finance')
    expect(root.disclosures.items.map((d) => d.category)).toEqual(['finance'])
    const id = root.disclosures.items[0].id
    expect(root.disclosures.items[0].readByMe).toBe(false)
    await root.disclosures.open(id)
    expect(root.disclosures.get(id)!.finance!.totalIncomeFen).toBe(5_800_000)
    expect(root.disclosures.summary(id)!.readByMe).toBe(true)
    expect((await api.conventions.getDisclosure(id)).readByMe).toBe(true)
    await root.disclosures.setCategory(null)
    expect(root.disclosures.items).toHaveLength(2)
  })

  it('a finance table that does not add up is refused on its line, without a request', async () => {
    const { root, ops } = await signedInApp('u-zhang')
    const sent = ops.length
    const outcome = await root.disclosures.publish(finance({ totalExpenseFen: 41_000 }), [], newKey())
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(Object.keys(outcome.fields)).toEqual(['finance.totalExpenseFen'])
    expect(ops.slice(sent)).toEqual([])
  })

  it('a lost answer retried under the same key publishes once, its photo uploaded once', async () => {
    const { root, api, faults, ops } = await signedInApp('u-zhang')
    await root.disclosures.refresh()
    const key = newKey()
    loseFirstResponse(faults, 'conventions.publishDisclosure')
    expect((await root.disclosures.publish(finance(), [PHOTO], key)).ok).toBe(false)
    const retried = await root.disclosures.publish(finance(), [PHOTO], key)
    expect(retried.ok).toBe(true)
    expect(ops.filter((o) => o === 'media.uploadPhoto')).toHaveLength(1)
    const listed = (await api.conventions.listDisclosures({ limit: 50 })).items.filter((d) => d.title === '11月公益金收支')
    expect(listed).toHaveLength(1)
    expect(root.disclosures.items[0].title).toBe('11月公益金收支')
    if (retried.ok) expect(retried.disclosure.photos).toHaveLength(1)
  })

  it('only staff publish', async () => {
    const { root } = await signedInApp('u-wang')
    const outcome = await root.disclosures.publish(finance(), [], newKey())
    expect(outcome).toMatchObject({ ok: false, message: '只有社区工作者可以发布公开内容' })
  })
})

describe('ConsultationStore', () => {
  it('reads what waits for my household; an acknowledged convention leaves it at once', async () => {
    const { root } = await signedInApp('u-wang')
    await root.consultation.refresh()
    const o = root.consultation.overview!
    expect(o.votesToCast.map((v) => v.title)).toEqual(['3号楼楼道加装扶手'])
    expect(o.conventionsToAcknowledge).toHaveLength(2)
    expect(o.latestDisclosure?.title).toBe('11月居务公开：民生实事进展')
    expect(root.consultation.hasAnything).toBe(true)
    root.consultation.acknowledged(o.conventionsToAcknowledge[0].id)
    expect(root.consultation.overview!.conventionsToAcknowledge).toHaveLength(1)
  })

  it('the latest request wins, and a failure keeps what is shown', async () => {
    const { root, api } = await signedInApp('u-wang')
    await root.consultation.refresh()
    const shown = root.consultation.overview
    jest.spyOn(api.conventions, 'overview').mockRejectedValueOnce(new Error('offline'))
    await root.consultation.refresh()
    expect(root.consultation.overview).toBe(shown)
    expect(root.consultation.error).toBeTruthy()
    await root.consultation.refresh()
    expect(root.consultation.error).toBeNull()
  })

  it('the settings: staff change the threshold; others are refused', async () => {
    const { root } = await signedInApp('u-zhang')
    await root.consultation.loadSettings()
    expect(root.consultation.settings).toMatchObject({ proposalThreshold: expect.any(Number) })
    const saved = await root.consultation.updateSettings({ proposalThreshold: 8, proposalWindowDays: 20 })
    expect(saved).toMatchObject({ ok: true, settings: { proposalThreshold: 8, proposalWindowDays: 20 } })
    const resident = await signedInApp('u-wang')
    const refused = await resident.root.consultation.updateSettings({ proposalThreshold: 1, proposalWindowDays: 20 })
    expect(refused.ok).toBe(false)
  })
})
