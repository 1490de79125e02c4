/**
 * Conventions and consultation (issue 11). Keyed creations and changes that are the same twice
 * (承诺遵守, 附议, my household's ballot, a rating, marking read) are repeated after a transient
 * failure; answering a proposal, a paper ballot, publishing a draft or a result are not (a second
 * try after a lost answer would meet a refusal).
 */
import type {
  BallotInputBody,
  ContributionInputBody,
  ConventionDraftInputBody,
  ConventionInputBody,
  DiffQueryBody,
  DisclosureInputBody,
  DisclosureQueryBody,
  DiscussionQueryBody,
  MinutesInputBody,
  PageQueryBody,
  PaperBallotInputBody,
  ProgressInputBody,
  ProposalAnswerInputBody,
  ProposalInputBody,
  ProposalQueryBody,
  PublishDraftInputBody,
  RatingBody,
  ReasonBody,
  SettingsInputBody,
  SimilarQueryBody,
  VoteInputBody,
} from '../contract-types'
import { GET, POST, PUT } from '../endpoint'
import * as shape from '../shapes'

export const conventions = {
  overview: GET('/consultation/overview').returns(shape.overview),
  settings: GET('/consultation/settings').returns(shape.settings),
  updateSettings: PUT('/consultation/settings').body<SettingsInputBody>().returns(shape.settings),

  list: GET('/conventions').returns(shape.conventions),
  get: GET('/conventions/{id}').returns(shape.convention),
  getVersion: GET('/conventions/{id}/versions/{version}').returns(shape.conventionVersion),
  diff: GET('/conventions/{id}/diff').query<DiffQueryBody>().returns(shape.articleChanges),
  create: POST('/conventions').body<ConventionInputBody>().idempotencyKey().returns(shape.convention),
  saveDraft: PUT('/conventions/{id}/draft').body<ConventionDraftInputBody>().returns(shape.convention),
  publishDraft: POST('/conventions/{id}/draft/publish').body<PublishDraftInputBody>().returns(shape.convention),
  /** 承诺遵守: the household's first acknowledgement stands. */
  acknowledge: POST('/conventions/{id}/acknowledge').harmlessToRepeat().returns(shape.convention),
  acknowledgements: GET('/conventions/{id}/acknowledgements').returns(shape.acknowledgementSheet),

  listProposals: GET('/proposals').query<ProposalQueryBody>().returns(shape.proposalPage),
  similarProposals: GET('/proposals/similar').query<SimilarQueryBody>().returns(shape.proposalSummaries),
  getProposal: GET('/proposals/{id}').returns(shape.proposal),
  propose: POST('/proposals').body<ProposalInputBody>().idempotencyKey().returns(shape.proposal),
  /** 附议: the household's co-sign is counted once. */
  cosign: POST('/proposals/{id}/cosign').harmlessToRepeat().returns(shape.proposal),
  answer: POST('/proposals/{id}/answer').body<ProposalAnswerInputBody>().returns(shape.proposal),
  addMinutes: POST('/proposals/{id}/minutes').body<MinutesInputBody>().idempotencyKey().returns(shape.proposal),
  addProgress: POST('/proposals/{id}/progress').body<ProgressInputBody>().idempotencyKey().returns(shape.proposal),
  /** The household's first rating stands. */
  rate: POST('/proposals/{id}/rating').body<RatingBody>().harmlessToRepeat().returns(shape.proposal),

  /** The subject is in the query (`kind` with `id`, or `conventionId` and `articleId`). */
  listContributions: GET('/discussions').query<DiscussionQueryBody>().returns(shape.discussionPage),
  contribute: POST('/discussions').query<DiscussionQueryBody>().body<ContributionInputBody>().idempotencyKey().returns(shape.contribution),
  hideContribution: POST('/contributions/{id}/hide').body<ReasonBody>().returns(shape.contribution),

  listVotes: GET('/votes').query<PageQueryBody>().returns(shape.votePage),
  getVote: GET('/votes/{id}').returns(shape.vote),
  openVote: POST('/votes').body<VoteInputBody>().idempotencyKey().returns(shape.vote),
  /** The household's first ballot counts; the same person again answers the vote as it is. */
  castBallot: POST('/votes/{id}/ballot').body<BallotInputBody>().harmlessToRepeat().returns(shape.vote),
  enterPaperBallot: POST('/votes/{id}/paper-ballots').body<PaperBallotInputBody>().returns(shape.vote),
  voteRoll: GET('/votes/{id}/roll').returns(shape.voteRoll),
  publishResult: POST('/votes/{id}/publish').returns(shape.vote),

  listDisclosures: GET('/disclosures').query<DisclosureQueryBody>().returns(shape.disclosurePage),
  getDisclosure: GET('/disclosures/{id}').returns(shape.disclosure),
  markDisclosureRead: POST('/disclosures/{id}/read').harmlessToRepeat().returns(shape.nothing),
  publishDisclosure: POST('/disclosures').body<DisclosureInputBody>().idempotencyKey().returns(shape.disclosure),
}
