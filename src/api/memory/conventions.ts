import type { Caller } from '../../core/context'
import type { Core } from '../../core/core'
import type { ConventionsApi } from '../client'

type Call = <T>(op: string, run: (caller: Caller) => Promise<T>) => Promise<T>

/** The memory adapter's ConventionsApi: each method is the core's method of the same name, as the signed-in user. */
export function memoryConventions(call: Call, core: Core): ConventionsApi {
  const c = core.consultation
  return {
    overview: () => call('conventions.overview', (caller) => c.overview(caller)),
    settings: () => call('conventions.settings', (caller) => c.settings(caller)),
    updateSettings: (input) => call('conventions.updateSettings', (caller) => c.updateSettings(caller, input)),
    list: () => call('conventions.list', (caller) => c.list(caller)),
    get: (id) => call('conventions.get', (caller) => c.get(caller, id)),
    getVersion: (id, version) => call('conventions.getVersion', (caller) => c.getVersion(caller, id, version)),
    diff: (id, from, to) => call('conventions.diff', (caller) => c.diff(caller, id, from, to)),
    create: (input, options) => call('conventions.create', (caller) => c.create(caller, input, options)),
    saveDraft: (id, input) => call('conventions.saveDraft', (caller) => c.saveDraft(caller, id, input)),
    publishDraft: (id, input) => call('conventions.publishDraft', (caller) => c.publishDraft(caller, id, input)),
    acknowledge: (id) => call('conventions.acknowledge', (caller) => c.acknowledge(caller, id)),
    acknowledgements: (id) => call('conventions.acknowledgements', (caller) => c.acknowledgements(caller, id)),
    listProposals: (query) => call('conventions.listProposals', (caller) => c.listProposals(caller, query)),
    similarProposals: (text) => call('conventions.similarProposals', (caller) => c.similarProposals(caller, text)),
    getProposal: (id) => call('conventions.getProposal', (caller) => c.getProposal(caller, id)),
    propose: (input, options) => call('conventions.propose', (caller) => c.propose(caller, input, options)),
    cosign: (id) => call('conventions.cosign', (caller) => c.cosign(caller, id)),
    answer: (id, input) => call('conventions.answer', (caller) => c.answer(caller, id, input)),
    addMinutes: (id, input, options) => call('conventions.addMinutes', (caller) => c.addMinutes(caller, id, input, options)),
    addProgress: (id, input, options) => call('conventions.addProgress', (caller) => c.addProgress(caller, id, input, options)),
    rate: (id, input) => call('conventions.rate', (caller) => c.rate(caller, id, input)),
    listContributions: (subject, query) => call('conventions.listContributions', (caller) => c.listContributions(caller, subject, query)),
    contribute: (subject, input, options) => call('conventions.contribute', (caller) => c.contribute(caller, subject, input, options)),
    hideContribution: (id, reason) => call('conventions.hideContribution', (caller) => c.hideContribution(caller, id, reason)),
    listVotes: (query) => call('conventions.listVotes', (caller) => c.listVotes(caller, query)),
    getVote: (id) => call('conventions.getVote', (caller) => c.getVote(caller, id)),
    openVote: (input, options) => call('conventions.openVote', (caller) => c.openVote(caller, input, options)),
    castBallot: (voteId, optionId) => call('conventions.castBallot', (caller) => c.castBallot(caller, voteId, optionId)),
    enterPaperBallot: (voteId, input) => call('conventions.enterPaperBallot', (caller) => c.enterPaperBallot(caller, voteId, input)),
    voteRoll: (voteId) => call('conventions.voteRoll', (caller) => c.voteRoll(caller, voteId)),
    publishResult: (voteId) => call('conventions.publishResult', (caller) => c.publishResult(caller, voteId)),
    listDisclosures: (query) => call('conventions.listDisclosures', (caller) => c.listDisclosures(caller, query)),
    getDisclosure: (id) => call('conventions.getDisclosure', (caller) => c.getDisclosure(caller, id)),
    markDisclosureRead: (id) => call('conventions.markDisclosureRead', (caller) => c.markDisclosureRead(caller, id)),
    publishDisclosure: (input, options) => call('conventions.publishDisclosure', (caller) => c.publishDisclosure(caller, input, options)),
  }
}
