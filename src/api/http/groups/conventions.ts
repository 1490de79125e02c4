import type {
  ArticleInput,
  ContributionInput,
  ConventionInput,
  DisclosureInput,
  ProgressInput,
  ProposalAnswerInput,
  ProposalInput,
  VoteInput,
} from '../../../../types/api'
import type { DiscussionSubject, FinanceTable } from '../../../../types/domain'
import type { ConventionsApi } from '../../client'
import type {
  ArticleInputBody,
  ContributionInputBody,
  ConventionInputBody,
  DisclosureInputBody,
  DiscussionQueryBody,
  ProgressInputBody,
  ProposalAnswerInputBody,
  ProposalInputBody,
  VoteInputBody,
} from '../contract-types'
import { conventions as e } from '../endpoints/conventions'
import { compact, pageQuery } from './bodies'
import type { HttpContext } from './context'

// The contract's bodies, field by field: a stray field (say a view's own) would be a 400.

const articleBody = ({ id, title, text }: ArticleInput): ArticleInputBody => compact({ id, title, text })

const conventionBody = (input: ConventionInput): ConventionInputBody =>
  compact({
    kind: input.kind,
    title: input.title,
    buildingIds: [...input.buildingIds],
    articles: input.articles.map(articleBody),
    changeNote: input.changeNote,
    publish: input.publish,
    effectiveFrom: input.effectiveFrom,
  })

const proposalBody = (input: ProposalInput): ProposalInputBody =>
  compact({
    title: input.title,
    body: input.body,
    photoIds: [...input.photoIds],
    article: input.article ? { conventionId: input.article.conventionId, articleId: input.article.articleId, proposedText: input.article.proposedText } : undefined,
  })

function answerBody(input: ProposalAnswerInput): ProposalAnswerInputBody {
  if (input.kind === 'merged') return { kind: 'merged', reason: input.reason, intoProposalId: input.intoProposalId }
  return { kind: input.kind, reason: input.reason }
}

const progressBody = (input: ProgressInput): ProgressInputBody =>
  compact({ percent: input.percent, text: input.text, photoIds: [...input.photoIds], responsible: input.responsible })

const contributionBody = (input: ContributionInput): ContributionInputBody => compact({ body: input.body, stance: input.stance, parentId: input.parentId })

/** The subject of a discussion as the query names it. */
const subjectQuery = (subject: DiscussionSubject): DiscussionQueryBody =>
  subject.kind === 'article' ? { kind: 'article', conventionId: subject.conventionId, articleId: subject.articleId } : { kind: subject.kind, id: subject.id }

const voteBody = (input: VoteInput): VoteInputBody =>
  compact({
    title: input.title,
    description: input.description,
    kind: input.kind,
    options: [...input.options],
    scope: input.scope.kind === 'community' ? { kind: 'community' as const } : { kind: 'buildings' as const, buildingIds: [...input.scope.buildingIds] },
    closesAt: input.closesAt,
    quorumPercent: input.quorumPercent,
    majority: input.majority,
    publicityDays: input.publicityDays,
    proposalId: input.proposalId,
    conventionId: input.conventionId,
  })

const financeBody = (f: FinanceTable): NonNullable<DisclosureInputBody['finance']> =>
  compact({
    items: f.items.map(({ kind, name, amountFen }) => ({ kind, name, amountFen })),
    totalIncomeFen: f.totalIncomeFen,
    totalExpenseFen: f.totalExpenseFen,
    openingBalanceFen: f.openingBalanceFen,
    closingBalanceFen: f.closingBalanceFen,
  })

const disclosureBody = (input: DisclosureInput): DisclosureInputBody =>
  compact({
    category: input.category,
    period: 'month' in input.period ? { year: input.period.year, month: input.period.month } : { year: input.period.year, quarter: input.period.quarter },
    title: input.title,
    body: input.body,
    photoIds: [...input.photoIds],
    finance: input.finance ? financeBody(input.finance) : undefined,
  })

/** Conventions and consultation over the reference server's routes (types/routes.ts, issue 11). */
export function conventionsApi({ call }: HttpContext): ConventionsApi {
  return {
    overview: () => call(e.overview),
    settings: () => call(e.settings),
    updateSettings: ({ proposalThreshold, proposalWindowDays }) => call(e.updateSettings, { body: { proposalThreshold, proposalWindowDays } }),

    list: () => call(e.list),
    get: (id) => call(e.get, { params: { id } }),
    getVersion: (id, version) => call(e.getVersion, { params: { id, version: String(version) } }),
    diff: (id, from, to) => call(e.diff, { params: { id }, query: { from, to } }),
    create: (input, { idempotencyKey }) => call(e.create, { body: conventionBody(input), idempotencyKey }),
    saveDraft: (id, input) => call(e.saveDraft, { params: { id }, body: { articles: input.articles.map(articleBody), changeNote: input.changeNote } }),
    publishDraft: (id, input = {}) => call(e.publishDraft, { params: { id }, body: compact({ effectiveFrom: input.effectiveFrom }) }),
    acknowledge: (id) => call(e.acknowledge, { params: { id } }),
    acknowledgements: (id) => call(e.acknowledgements, { params: { id } }),

    listProposals: (query = {}) => call(e.listProposals, { query: { ...pageQuery(query), filter: query.filter } }),
    similarProposals: (text) => call(e.similarProposals, { query: { q: text } }),
    getProposal: (id) => call(e.getProposal, { params: { id } }),
    propose: (input, { idempotencyKey }) => call(e.propose, { body: proposalBody(input), idempotencyKey }),
    cosign: (id) => call(e.cosign, { params: { id } }),
    answer: (id, input) => call(e.answer, { params: { id }, body: answerBody(input) }),
    addMinutes: (id, input, { idempotencyKey }) => call(e.addMinutes, { params: { id }, body: { text: input.text, photoIds: [...input.photoIds] }, idempotencyKey }),
    addProgress: (id, input, { idempotencyKey }) => call(e.addProgress, { params: { id }, body: progressBody(input), idempotencyKey }),
    rate: (id, input) => call(e.rate, { params: { id }, body: { level: input.level, comment: input.comment } }),

    listContributions: (subject, query) => call(e.listContributions, { query: { ...subjectQuery(subject), ...pageQuery(query) } }),
    contribute: (subject, input, { idempotencyKey }) =>
      call(e.contribute, { query: subjectQuery(subject), body: contributionBody(input), idempotencyKey }),
    hideContribution: (id, reason) => call(e.hideContribution, { params: { id }, body: { reason } }),

    listVotes: (query) => call(e.listVotes, { query: pageQuery(query) }),
    getVote: (id) => call(e.getVote, { params: { id } }),
    openVote: (input, { idempotencyKey }) => call(e.openVote, { body: voteBody(input), idempotencyKey }),
    castBallot: (voteId, optionId) => call(e.castBallot, { params: { id: voteId }, body: { optionId } }),
    enterPaperBallot: (voteId, { buildingId, room, optionId, note }) =>
      call(e.enterPaperBallot, { params: { id: voteId }, body: { buildingId, room, optionId, note } }),
    voteRoll: (voteId) => call(e.voteRoll, { params: { id: voteId } }),
    publishResult: (voteId) => call(e.publishResult, { params: { id: voteId } }),

    listDisclosures: (query = {}) => call(e.listDisclosures, { query: { ...pageQuery(query), category: query.category } }),
    getDisclosure: (id) => call(e.getDisclosure, { params: { id } }),
    markDisclosureRead: async (id) => {
      await call(e.markDisclosureRead, { params: { id } })
    },
    publishDisclosure: (input, { idempotencyKey }) => call(e.publishDisclosure, { body: disclosureBody(input), idempotencyKey }),
  }
}
