import type { PageSpec } from './page-check'

// Each role's specs share one browser context (one demo backend): a spec's act leaves the data as it
// was (a dialog opened, a form refused, a chip chosen), never a cast ballot or a sent form.

/** The page check's views of consult/ — proposals, discussions and votes — each as a role that can reach it. */
export const PROPOSAL_PAGES: PageSpec[] = [
  // A resident (王秀兰, 3号楼201): the lists, a proposal to co-sign, an adopted one, proposing, discussing, voting.
  { role: 'u-wang', name: 'consult/proposal-list (hub)', route: '/consult/index/index?tab=proposals', ready: '.pl-row' },
  { role: 'u-wang', name: 'consult/vote-list (hub)', route: '/consult/index/index?tab=votes', ready: '.vl-row' },
  { role: 'u-wang', name: 'consult/proposal (cosign)', route: (ids) => ids.proposalOpen && `/consult/proposal/index?id=${ids.proposalOpen}`, ready: '.proposal__cosign' },
  { role: 'u-wang', name: 'consult/proposal (evaluation)', route: (ids) => ids.proposalAdopted && `/consult/proposal/index?id=${ids.proposalAdopted}`, ready: '.proposal__evaluation' },
  { role: 'u-wang', name: 'consult/proposal (voting)', route: (ids) => ids.proposalVoting && `/consult/proposal/index?id=${ids.proposalVoting}`, ready: '.proposal__vote' },
  { role: 'u-wang', name: 'consult/proposal-new', route: '/consult/proposal-new/index', ready: '.proposal-new__submit' },
  {
    role: 'u-wang',
    name: 'consult/proposal-new (refused, similar ones)',
    route: '/consult/proposal-new/index',
    ready: '.proposal-new__submit',
    act: async (_page, shown) => {
      await shown('.proposal-new__submit').click()
      await shown('.field-error').first().waitFor()
      await shown('.proposal-new__title input').fill('东门增设电动自行车充电棚')
      await shown('.proposal-new__similar').waitFor()
    },
  },
  {
    role: 'u-wang',
    name: 'consult/proposal-new (an article)',
    route: (ids) => ids.convention && ids.article && `/consult/proposal-new/index?conventionId=${ids.convention}&articleId=${ids.article}`,
    ready: '.proposal-new__current',
  },
  { role: 'u-wang', name: 'consult/discussion', route: (ids) => ids.proposalOpen && `/consult/discussion/index?kind=proposal&id=${ids.proposalOpen}&title=${encodeURIComponent('议题讨论')}`, ready: '.dc-row' },
  {
    role: 'u-wang',
    name: 'consult/discussion (replying, refused)',
    route: (ids) => ids.proposalOpen && `/consult/discussion/index?kind=proposal&id=${ids.proposalOpen}`,
    ready: '.dc-row',
    act: async (page, shown) => {
      await shown('.dc-row__reply').first().click()
      await shown('.dc-compose__reply').waitFor()
      await shown('.dc-compose__cancel').click()
      await shown('.dc-compose__send').click()
      await shown('.dc-compose .field-error').first().waitFor()
      await page.waitForTimeout(300)
    },
  },
  { role: 'u-wang', name: 'consult/discussion (disclosure questions)', route: (ids) => ids.disclosureForQuestions && `/consult/discussion/index?kind=disclosure&id=${ids.disclosureForQuestions}`, ready: '.dc-compose__send' },
  { role: 'u-wang', name: 'consult/vote (to cast)', route: (ids) => ids.voteOpen && `/consult/vote/index?id=${ids.voteOpen}`, ready: '.vote__option' },
  {
    role: 'u-wang',
    name: 'consult/vote (confirm asked)',
    route: (ids) => ids.voteOpen && `/consult/vote/index?id=${ids.voteOpen}`,
    ready: '.vote__option',
    overlay: '.taro__modal',
    act: async (page, shown) => {
      await shown('.vote__option').first().click()
      await page.locator('.taro__modal .taro-modal__title').locator('visible=true').first().waitFor()
    },
  },
  { role: 'u-wang', name: 'consult/vote (result published)', route: (ids) => ids.votePublished && `/consult/vote/index?id=${ids.votePublished}`, ready: '.vote__result' },

  // Staff (张敏): answering, minutes, progress, hiding, paper ballots, the roll, opening a vote.
  { role: 'u-zhang', name: 'consult/proposal-list (hub)', route: '/consult/index/index?tab=proposals', ready: '.pl-row' },
  { role: 'u-zhang', name: 'consult/vote-list (hub)', route: '/consult/index/index?tab=votes', ready: '.vl-head__new' },
  { role: 'u-zhang', name: 'consult/proposal (staff)', route: (ids) => ids.proposalOpen && `/consult/proposal/index?id=${ids.proposalOpen}`, ready: '.proposal__staff' },
  { role: 'u-zhang', name: 'consult/proposal-staff (answer)', route: (ids) => ids.proposalOpen && `/consult/proposal-staff/index?id=${ids.proposalOpen}&action=answer`, ready: '.staff-form__submit' },
  {
    role: 'u-zhang',
    name: 'consult/proposal-staff (declined, refused)',
    route: (ids) => ids.proposalOpen && `/consult/proposal-staff/index?id=${ids.proposalOpen}&action=answer`,
    ready: '.staff-form__submit',
    act: async (_page, shown) => {
      await shown('[data-chips="answer-kind"] [data-value="declined"]').click()
      await shown('.staff-form__submit').click()
      await shown('.field-error').first().waitFor()
    },
  },
  {
    role: 'u-zhang',
    name: 'consult/proposal-staff (merge target)',
    route: (ids) => ids.proposalOpen && `/consult/proposal-staff/index?id=${ids.proposalOpen}&action=answer`,
    ready: '.staff-form__submit',
    act: async (_page, shown) => {
      await shown('[data-chips="answer-kind"] [data-value="merged"]').click()
      await shown('[data-options="merge-target"], .option-list__empty').first().waitFor()
    },
  },
  { role: 'u-zhang', name: 'consult/proposal-staff (minutes)', route: (ids) => ids.proposalOpen && `/consult/proposal-staff/index?id=${ids.proposalOpen}&action=minutes`, ready: '.staff-form__submit' },
  { role: 'u-zhang', name: 'consult/proposal-staff (progress)', route: (ids) => ids.proposalAdopted && `/consult/proposal-staff/index?id=${ids.proposalAdopted}&action=progress`, ready: '.staff-form__submit' },
  {
    role: 'u-zhang',
    name: 'consult/discussion (hiding)',
    route: (ids) => ids.proposalOpen && `/consult/discussion/index?kind=proposal&id=${ids.proposalOpen}`,
    ready: '.dc-row',
    act: async (_page, shown) => {
      await shown('.dc-row__hide').first().click()
      await shown('.dc-hide__confirm').click()
      await shown('.dc-hide .field-error').waitFor()
    },
  },
  {
    role: 'u-zhang',
    name: 'consult/vote (paper ballot)',
    route: (ids) => ids.voteOpen && `/consult/vote/index?id=${ids.voteOpen}`,
    ready: '.vote__paper',
    act: async (_page, shown) => {
      await shown('[data-chips="paper-building"] .chip').first().click()
      await shown('[data-chips="paper-room"] .chip').first().waitFor()
    },
  },
  { role: 'u-zhang', name: 'consult/vote (published, staff)', route: (ids) => ids.votePublished && `/consult/vote/index?id=${ids.votePublished}`, ready: '.vote__result' },
  { role: 'u-zhang', name: 'consult/vote-roll', route: (ids) => ids.voteOpen && `/consult/vote-roll/index?id=${ids.voteOpen}`, ready: '.roll-row' },
  { role: 'u-zhang', name: 'consult/vote-new', route: '/consult/vote-new/index', ready: '.vote-new__submit' },
  {
    role: 'u-zhang',
    name: 'consult/vote-new (choices, buildings, refused)',
    route: '/consult/vote-new/index',
    ready: '.vote-new__submit',
    act: async (_page, shown) => {
      await shown('[data-chips="vote-kind"] [data-value="choice"]').click()
      await shown('[data-chips="vote-scope"] [data-value="buildings"]').click()
      await shown('.vote-new__submit').click()
      await shown('.field-error').first().waitFor()
    },
  },
  { role: 'u-zhang', name: 'consult/vote-new (from a proposal)', route: (ids) => ids.proposalOpen && `/consult/vote-new/index?proposalId=${ids.proposalOpen}`, ready: '.vote-new__about' },

  // A building leader (周桂芳, 3号楼101, leads 3号楼 and 5号楼): their household's ballot, their buildings' roll.
  { role: 'u-zhou', name: 'consult/vote (voted)', route: (ids) => ids.voteOpen && `/consult/vote/index?id=${ids.voteOpen}`, ready: '.vote__voted' },
  { role: 'u-zhou', name: 'consult/vote-roll (leader)', route: (ids) => ids.voteOpen && `/consult/vote-roll/index?id=${ids.voteOpen}`, ready: '.roll-row' },
  { role: 'u-zhou', name: 'consult/proposal (co-signed)', route: (ids) => ids.proposalOpen && `/consult/proposal/index?id=${ids.proposalOpen}`, ready: '.proposal__cosign-refusal' },
]

/**
 * Ids these views need, looked up in the page (a script body run inside page-check's lookUpIds,
 * with `api`, `ids` and `safe` in scope): e.g. `ids.convention = ...`.
 */
export const PROPOSAL_IDS = `
    const proposals = await safe(() => api.conventions.listProposals({ limit: 50 }))
    if (proposals) {
      ids.proposalOpen = (proposals.items.find((p) => p.status === 'collecting' && !p.lapsed) || {}).id
      ids.proposalVoting = (proposals.items.find((p) => p.status === 'voting') || {}).id
      ids.proposalAdopted = (proposals.items.find((p) => p.status === 'adopted' || p.status === 'done') || {}).id
    }
    const votes = await safe(() => api.conventions.listVotes({ limit: 50 }))
    if (votes) {
      ids.voteOpen = (votes.items.find((v) => v.status === 'open') || {}).id
      ids.votePublished = (votes.items.find((v) => v.status === 'published') || {}).id
    }
    const conventionsForProposals = await safe(() => api.conventions.list())
    const inForce = conventionsForProposals && conventionsForProposals.find((c) => c.inForce && c.inForce.articles && c.inForce.articles.length)
    if (inForce) {
      ids.convention = ids.convention || inForce.id
      if (ids.convention === inForce.id) ids.article = ids.article || inForce.inForce.articles[0].id
    }
    const disclosuresForQuestions = await safe(() => api.conventions.listDisclosures({ limit: 10 }))
    if (disclosuresForQuestions && disclosuresForQuestions.items.length) ids.disclosureForQuestions = disclosuresForQuestions.items[0].id
`
