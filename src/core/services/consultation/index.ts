import type {
  ContributionInput,
  ConventionDraftInput,
  ConventionInput,
  DisclosureInput,
  DisclosureQuery,
  MinutesInput,
  PageQuery,
  PaperBallotInput,
  ProgressInput,
  ProposalAnswerInput,
  ProposalInput,
  ProposalQuery,
  RatingInput,
  VoteInput,
} from '../../../../types/api'
import type { ConsultationOverview, ConsultationSettings } from '../../../../types/domain'
import { hasRole } from '../../../domain/actor'
import { canSeeConvention } from '../../../domain/consultation/conventions'
import { nearThreshold, validateSettings } from '../../../domain/consultation/proposals'
import { hasErrors } from '../../../domain/validation'
import { passEverything, type Caller, type Log, type Notifier, type Runtime } from '../../context'
import { forbidden, requireCommunity, validationError } from '../../errors'
import type { Store } from '../../ports'
import { ContentScreen } from '../moderation'
import { ConventionService, conventionViews } from './conventions'
import { DiscussionService } from './deliberation'
import { DisclosureService, summaryOf as disclosureSummary } from './disclosures'
import { ConsultationNotifications } from './notify'
import { ProposalService, summaryOf as proposalSummary } from './proposals'
import { settingsOf } from './shared'
import { VoteService, voteViews } from './votes'

type Key = { idempotencyKey: unknown }

/**
 * Conventions and consultation, one entry per method of the app's ConventionsApi port (the same
 * names, the caller first): what the memory adapter calls in-process and the server's routes call
 * over HTTP. The work is done by the five services below.
 */
export class ConsultationService {
  readonly conventions: ConventionService
  readonly proposals: ProposalService
  readonly discussions: DiscussionService
  readonly votes: VoteService
  readonly disclosures: DisclosureService
  /** Notifications started and not yet handed to the notifier (tests wait on `settled()`). */
  readonly notifications: ConsultationNotifications

  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
    options: { notifier: Notifier; log: Log; screen?: ContentScreen },
  ) {
    this.notifications = new ConsultationNotifications(store, options.notifier, options.log)
    // Proposals, contributions and questions pass the content check (issue 13).
    const screen = options.screen ?? new ContentScreen(passEverything, store)
    this.conventions = new ConventionService(store, rt)
    this.proposals = new ProposalService(store, rt, this.notifications, screen)
    this.discussions = new DiscussionService(store, rt, screen)
    this.votes = new VoteService(store, rt, this.notifications)
    this.disclosures = new DisclosureService(store, rt)
  }

  /** The front door: votes my household has yet to cast, conventions to acknowledge, proposals near their threshold, the newest disclosure. */
  async overview(caller: Caller): Promise<ConsultationOverview> {
    const { actor } = caller
    const communityId = requireCommunity(actor)
    const now = this.rt.now()
    const [open, conventions, proposals, disclosures] = await Promise.all([
      this.store.votes.listOpen(communityId, now.toISOString()),
      this.store.conventions.list(communityId),
      this.store.proposals.list({ communityId, statuses: ['collecting'] }, null, 50, actor.home),
      this.store.disclosures.list({ communityId }, null, 1, actor.id),
    ])
    const votes = await voteViews(this.store, actor, open, now)
    const binding = await conventionViews(this.store, actor, conventions.filter((c) => canSeeConvention(actor, c)), now)
    return {
      votesToCast: votes.filter((v) => v.status === 'open' && v.myHousehold.eligible && !v.myHousehold.ballot),
      conventionsToAcknowledge: binding.filter((c) => c.bindsMe && c.inForce && !c.myAcknowledgement),
      nearThreshold: nearThreshold(proposals.map((p) => proposalSummary(p, actor, now)), now),
      ...(disclosures[0] ? { latestDisclosure: disclosureSummary(disclosures[0], 0) } : {}),
    }
  }

  settings(caller: Caller): Promise<ConsultationSettings> {
    return settingsOf(this.store, requireCommunity(caller.actor))
  }

  async updateSettings(caller: Caller, input: { proposalThreshold: number; proposalWindowDays: number }): Promise<ConsultationSettings> {
    const communityId = requireCommunity(caller.actor)
    if (!hasRole(caller.actor, 'staff')) throw forbidden('只有社区工作者可以修改议事规则')
    const errors = validateSettings(input && typeof input === 'object' ? input : {})
    if (hasErrors(errors)) throw validationError(errors)
    await this.store.settings.save(communityId, { proposalThreshold: input.proposalThreshold, proposalWindowDays: input.proposalWindowDays }, this.rt.now().toISOString())
    return this.settings(caller)
  }

  list = (caller: Caller) => this.conventions.list(caller)
  get = (caller: Caller, id: unknown) => this.conventions.get(caller, id)
  getVersion = (caller: Caller, id: unknown, version: unknown) => this.conventions.getVersion(caller, id, version)
  diff = (caller: Caller, id: unknown, from: unknown, to: unknown) => this.conventions.diff(caller, id, from, to)
  create = (caller: Caller, input: ConventionInput, options: Key) => this.conventions.create(caller, input, options)
  saveDraft = (caller: Caller, id: unknown, input: ConventionDraftInput) => this.conventions.saveDraft(caller, id, input)
  publishDraft = (caller: Caller, id: unknown, input: { effectiveFrom?: string } = {}) => this.conventions.publishDraft(caller, id, input)
  acknowledge = (caller: Caller, id: unknown) => this.conventions.acknowledge(caller, id)
  acknowledgements = (caller: Caller, id: unknown) => this.conventions.acknowledgements(caller, id)

  listProposals = (caller: Caller, query?: ProposalQuery) => this.proposals.list(caller, query)
  similarProposals = (caller: Caller, text: unknown) => this.proposals.similar(caller, text)
  getProposal = (caller: Caller, id: unknown) => this.proposals.get(caller, id)
  propose = (caller: Caller, input: ProposalInput, options: Key) => this.proposals.propose(caller, input, options)
  cosign = (caller: Caller, id: unknown) => this.proposals.cosign(caller, id)
  answer = (caller: Caller, id: unknown, input: ProposalAnswerInput) => this.proposals.answer(caller, id, input)
  addMinutes = (caller: Caller, id: unknown, input: MinutesInput, options: Key) => this.proposals.addMinutes(caller, id, input, options)
  addProgress = (caller: Caller, id: unknown, input: ProgressInput, options: Key) => this.proposals.addProgress(caller, id, input, options)
  rate = (caller: Caller, id: unknown, input: RatingInput) => this.proposals.rate(caller, id, input)

  listContributions = (caller: Caller, subject: unknown, query?: PageQuery) => this.discussions.list(caller, subject, query)
  contribute = (caller: Caller, subject: unknown, input: ContributionInput, options: Key) => this.discussions.contribute(caller, subject, input, options)
  hideContribution = (caller: Caller, id: unknown, reason: unknown) => this.discussions.hide(caller, id, reason)

  listVotes = (caller: Caller, query?: PageQuery) => this.votes.list(caller, query)
  getVote = (caller: Caller, id: unknown) => this.votes.get(caller, id)
  openVote = (caller: Caller, input: VoteInput, options: Key) => this.votes.open(caller, input, options)
  castBallot = (caller: Caller, id: unknown, optionId: unknown) => this.votes.cast(caller, id, optionId)
  enterPaperBallot = (caller: Caller, id: unknown, input: PaperBallotInput) => this.votes.enterPaper(caller, id, input)
  voteRoll = (caller: Caller, id: unknown) => this.votes.roll(caller, id)
  publishResult = (caller: Caller, id: unknown) => this.votes.publish(caller, id)

  listDisclosures = (caller: Caller, query?: DisclosureQuery) => this.disclosures.list(caller, query)
  getDisclosure = (caller: Caller, id: unknown) => this.disclosures.get(caller, id)
  markDisclosureRead = (caller: Caller, id: unknown) => this.disclosures.markRead(caller, id)
  publishDisclosure = (caller: Caller, input: DisclosureInput, options: Key) => this.disclosures.publish(caller, input, options)
}
