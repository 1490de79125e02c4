import type { PageSpec } from './page-check'

/** The page check's views of consult/ — conventions, disclosures and the 议事 hub — each as a role that can reach it. */
export const CONVENTION_PAGES: PageSpec[] = [
  // A resident (3号楼201): reads, acknowledges, compares, asks.
  { role: 'u-wang', name: 'consult/index (conventions)', route: '/consult/index/index', ready: '.conv-row', chrome: true },
  { role: 'u-wang', name: 'consult/index (disclosures)', route: '/consult/index/index?tab=disclosures', ready: '.disc-row' },
  { role: 'u-wang', name: 'consult/index (proposals)', route: '/consult/index/index?tab=proposals', ready: '.consult__tab--on' },
  { role: 'u-wang', name: 'consult/index (votes)', route: '/consult/index/index?tab=votes', ready: '.consult__tab--on' },
  { role: 'u-wang', name: 'consult/convention', route: (ids) => ids.cvCommunity && `/consult/convention/index?id=${ids.cvCommunity}`, ready: '.convention__ack-btn' },
  {
    role: 'u-wang',
    name: 'consult/convention (acknowledged)',
    route: (ids) => ids.cvBuilding && `/consult/convention/index?id=${ids.cvBuilding}`,
    ready: '.convention__ack-btn',
    act: async (_page, shown) => {
      await shown('.convention__ack-btn').click()
      await shown('.convention__acked').waitFor()
    },
  },
  { role: 'u-wang', name: 'consult/convention-diff', route: (ids) => ids.cvBuilding && `/consult/convention-diff/index?id=${ids.cvBuilding}&from=1&to=2`, ready: '.diff__change--changed' },
  {
    role: 'u-wang',
    name: 'consult/convention-diff (all articles)',
    route: (ids) => ids.cvBuilding && `/consult/convention-diff/index?id=${ids.cvBuilding}&from=1&to=2`,
    ready: '.diff__toggle',
    act: async (_page, shown) => {
      await shown('.diff__toggle').click()
      await shown('.diff__change--unchanged').waitFor()
    },
  },
  { role: 'u-wang', name: 'consult/disclosure (finance)', route: (ids) => ids.cvFinance && `/consult/disclosure/index?id=${ids.cvFinance}`, ready: '.finance-table' },
  // A building leader (3号楼, 5号楼): the doors to knock on, the 微公约 of their buildings.
  { role: 'u-zhou', name: 'consult/convention (leader)', route: (ids) => ids.cvBuilding && `/consult/convention/index?id=${ids.cvBuilding}`, ready: '.convention__manage' },
  { role: 'u-zhou', name: 'consult/convention-sheet', route: (ids) => ids.cvBuilding && `/consult/convention-sheet/index?id=${ids.cvBuilding}`, ready: '.sheet__room--waiting' },
  { role: 'u-zhou', name: 'consult/convention-edit (new building convention)', route: '/consult/convention-edit/index', ready: '.conv-edit__submit' },
  // Staff: the community's counts, drafts, publishing.
  { role: 'u-zhang', name: 'consult/index (conventions, staff)', route: '/consult/index/index', ready: '.consult__new' },
  { role: 'u-zhang', name: 'consult/index (disclosures, staff)', route: '/consult/index/index?tab=disclosures', ready: '.consult__publish' },
  { role: 'u-zhang', name: 'consult/convention (staff)', route: (ids) => ids.cvCommunity && `/consult/convention/index?id=${ids.cvCommunity}`, ready: '.convention__manage' },
  { role: 'u-zhang', name: 'consult/convention-sheet (community)', route: (ids) => ids.cvCommunity && `/consult/convention-sheet/index?id=${ids.cvCommunity}`, ready: '.sheet__count' },
  { role: 'u-zhang', name: 'consult/convention-edit (next version)', route: (ids) => ids.cvCommunity && `/consult/convention-edit/index?id=${ids.cvCommunity}`, ready: '.conv-edit__article' },
  {
    role: 'u-zhang',
    name: 'consult/convention-edit (new, refused)',
    route: '/consult/convention-edit/index',
    ready: '.conv-edit__submit',
    act: async (_page, shown) => {
      await shown('[data-chips="publish"] [data-value="publish"]').click()
      await shown('.conv-edit__submit').click()
      await shown('.field-error[data-field="articles.0.text"]').waitFor()
    },
  },
  {
    role: 'u-zhang',
    name: 'consult/convention (draft to publish)',
    route: (ids) => ids.cvCommunity && `/consult/convention/index?id=${ids.cvCommunity}`,
    ready: '.convention__manage',
    act: async (page, shown) => {
      // A draft of the next version, written through the API; the page reads it again.
      await page.evaluate(`(async () => {
        const { api, root } = window.__linli
        const c = await api.conventions.get(new URLSearchParams(location.hash.split('?')[1]).get('id'))
        const articles = c.inForce.articles.map((a) => ({ id: a.id, title: a.title, text: a.text }))
        await api.conventions.saveDraft(c.id, { articles: articles.slice(0, -1), changeNote: '删去最后一条，并入社区议事规则' })
        await root.conventions.open(c.id)
      })()`)
      await shown('.convention__publish').waitFor()
    },
  },
  { role: 'u-zhang', name: 'consult/disclosure (staff)', route: (ids) => ids.cvFinance && `/consult/disclosure/index?id=${ids.cvFinance}`, ready: '[data-reads="count"]' },
  { role: 'u-zhang', name: 'consult/disclosure-publish', route: '/consult/disclosure-publish/index', ready: '.dpub__submit' },
  {
    role: 'u-zhang',
    name: 'consult/disclosure-publish (finance, refused)',
    route: '/consult/disclosure-publish/index',
    ready: '.dpub__submit',
    act: async (_page, shown) => {
      await shown('[data-chips="category"] [data-value="finance"]').click()
      await shown('.dpub__title input').fill('11月社区公益金收支公开')
      await shown('.dpub__line[data-line="0"] .dpub__line-name input').fill('上级拨付')
      await shown('.dpub__line[data-line="0"] .dpub__line-amount input').fill('1000')
      await shown('.dpub__line[data-line="1"] .dpub__line-name input').fill('楼道照明维修')
      await shown('.dpub__line[data-line="1"] .dpub__line-amount input').fill('300')
      // 收入合计 does not add up: the message under the total, and the wrong line's own message.
      await shown('.dpub__total-income input').fill('900')
      await shown('.dpub__total-expense input').fill('300')
      await shown('.dpub__submit').click()
      await shown('.field-error[data-field="finance.totalIncomeFen"]').waitFor()
    },
  },
]

/**
 * Ids these views need, looked up in the page (a script body run inside page-check's lookUpIds,
 * with `api`, `ids` and `safe` in scope): e.g. `ids.convention = ...`.
 */
export const CONVENTION_IDS = `
    const conventions = await safe(() => api.conventions.list())
    if (conventions) {
      ids.cvCommunity = (conventions.find((c) => c.kind !== 'building' && c.inForce) || {}).id
      ids.cvBuilding = (conventions.find((c) => c.kind === 'building' && c.versions.filter((v) => v.status === 'published').length > 1) || {}).id
    }
    const disclosures = await safe(() => api.conventions.listDisclosures({ limit: 50 }))
    if (disclosures) ids.cvFinance = (disclosures.items.find((d) => d.category === 'finance') || {}).id
`
