import { fillPath, queryString, type ArgsOf, type Endpoint, type PathParams, type ResponseOf } from '../../../src/api/http/endpoint'
import { API_ROOT, ENDPOINTS } from '../../../src/api/http/endpoints'
import type { Call } from '../../../src/api/http/groups/context'
import type { ReportDetailBody } from '../../../src/api/http/contract-types'
import { API } from '../../../types/routes'

/** Every endpoint of the table, as `group.name`. */
const all: Array<[string, Endpoint]> = Object.entries(ENDPOINTS).flatMap(([group, endpoints]) =>
  Object.entries(endpoints as Record<string, Endpoint>).map(([name, endpoint]): [string, Endpoint] => [`${group}.${name}`, endpoint]),
)
const names = (keep: (e: Endpoint) => boolean) => all.filter(([, e]) => keep(e)).map(([name]) => name)

describe('the endpoint table', () => {
  it('names each route of types/routes.ts the way the server registers it, and every one of them', () => {
    const id = 'r 1/x:y'
    type Route = Exclude<keyof typeof API, 'prefix'>
    // Endpoints with path parameters, by the route function of types/routes.ts they stand for.
    const templated: Record<string, [Route, string]> = {
      'reports.get': ['report', API.report(id)],
      'reports.rate': ['rating', API.rating(id)],
      'reports.meToo': ['meToo', API.meToo(id)],
      'handling.move': ['move', API.move(id, 'assign')],
      'handling.reporterPhone': ['reporterPhone', API.reporterPhone(id)],
      'messages.list': ['threadMessages', API.threadMessages(id)],
      'messages.postToThread': ['threadMessages', API.threadMessages(id)],
      'messages.postToReport': ['reportMessages', API.reportMessages(id)],
      'messages.markRead': ['threadRead', API.threadRead(id)],
      'notices.get': ['notice', API.notice(id)],
      'notices.markRead': ['noticeRead', API.noticeRead(id)],
      'notices.receipts': ['noticeReceipts', API.noticeReceipts(id)],
      'communities.byCode': ['communityByCode', API.communityByCode(id)],
      'households.withdraw': ['claimWithdraw', API.claimWithdraw(id)],
      'households.approve': ['claimApprove', API.claimApprove(id)],
      'households.reject': ['claimReject', API.claimReject(id)],
      'households.removeMember': ['removeMember', API.removeMember(id)],
      'invites.cancel': ['inviteCancel', API.inviteCancel(id)],
      'invites.qrCode': ['inviteQrCode', API.inviteQrCode(id)],
      'people.revokeRole': ['revokeRole', API.revokeRole(id)],
      'conventions.get': ['convention', API.convention(id)],
      'conventions.getVersion': ['conventionVersion', API.conventionVersion(id, 2)],
      'conventions.diff': ['conventionDiff', API.conventionDiff(id)],
      'conventions.saveDraft': ['conventionDraft', API.conventionDraft(id)],
      'conventions.publishDraft': ['conventionPublishDraft', API.conventionPublishDraft(id)],
      'conventions.acknowledge': ['conventionAcknowledge', API.conventionAcknowledge(id)],
      'conventions.acknowledgements': ['conventionAcknowledgements', API.conventionAcknowledgements(id)],
      'conventions.getProposal': ['proposal', API.proposal(id)],
      'conventions.cosign': ['proposalCosign', API.proposalCosign(id)],
      'conventions.answer': ['proposalAnswer', API.proposalAnswer(id)],
      'conventions.addMinutes': ['proposalMinutes', API.proposalMinutes(id)],
      'conventions.addProgress': ['proposalProgress', API.proposalProgress(id)],
      'conventions.rate': ['proposalRating', API.proposalRating(id)],
      'conventions.hideContribution': ['contributionHide', API.contributionHide(id)],
      'conventions.getVote': ['vote', API.vote(id)],
      'conventions.castBallot': ['voteBallot', API.voteBallot(id)],
      'conventions.enterPaperBallot': ['votePaperBallots', API.votePaperBallots(id)],
      'conventions.voteRoll': ['voteRoll', API.voteRoll(id)],
      'conventions.publishResult': ['votePublish', API.votePublish(id)],
      'conventions.getDisclosure': ['disclosure', API.disclosure(id)],
      'conventions.markDisclosureRead': ['disclosureRead', API.disclosureRead(id)],
      'services.get': ['service', API.service(id)],
      'services.update': ['service', API.service(id)],
      'services.listSlots': ['serviceSlots', API.serviceSlots(id)],
      'services.day': ['serviceDay', API.serviceDay(id, '2026-12-08')],
      'services.booking': ['booking', API.booking(id)],
      'services.cancel': ['bookingStep', API.bookingStep(id, 'cancel')],
      'services.reschedule': ['bookingStep', API.bookingStep(id, 'reschedule')],
      'services.rate': ['bookingStep', API.bookingStep(id, 'rating')],
      'services.confirm': ['bookingStep', API.bookingStep(id, 'confirm')],
      'services.reject': ['bookingStep', API.bookingStep(id, 'reject')],
      'services.complete': ['bookingStep', API.bookingStep(id, 'complete')],
      'services.markNoShow': ['bookingStep', API.bookingStep(id, 'no-show')],
      'moderation.approve': ['moderationApprove', API.moderationApprove(id)],
      'moderation.reject': ['moderationReject', API.moderationReject(id)],
    }
    const notCalled: string[] = []
    expect(API_ROOT).toBe(API.prefix)
    const covered = new Set<string>()
    for (const [name, endpoint] of all) {
      if (name in templated) {
        const [route, path] = templated[name]
        expect([name, fillPath(endpoint.path, { id, threadId: id, reportId: id, move: 'assign', code: id, userId: id, version: '2', date: '2026-12-08' })]).toEqual([name, path])
        covered.add(route)
      } else {
        const route = (Object.keys(API) as Route[]).find((key) => API[key] === endpoint.path)
        expect([name, route]).toEqual([name, expect.any(String)])
        covered.add(route!)
      }
    }
    expect(Object.keys(API).filter((key) => key !== 'prefix' && !covered.has(key))).toEqual(notCalled)
  })

  it('repeats reads, keyed submissions, marking read, replacements and changes that are the same twice, and nothing else', () => {
    expect(names((e) => e.repeatable && e.method !== 'GET')).toEqual([
      'reports.submit',
      'handling.submitOnBehalf',
      'messages.markRead',
      'notices.markRead',
      // Joining the community one is in, the same name and phone, the same representative or structure: no change the second time.
      'communities.join',
      'households.setRepresentative',
      'profile.update',
      'admin.saveStructure',
      // Consultation: the same settings or draft twice; keyed creations; one per household (the first stands); marking read.
      'conventions.updateSettings',
      'conventions.create',
      'conventions.saveDraft',
      'conventions.acknowledge',
      'conventions.propose',
      'conventions.cosign',
      'conventions.addMinutes',
      'conventions.addProgress',
      'conventions.rate',
      'conventions.contribute',
      'conventions.openVote',
      'conventions.castBallot',
      'conventions.markDisclosureRead',
      'conventions.publishDisclosure',
      // Booking: keyed creations; a whole service and a household's tags, the same state twice.
      'services.create',
      'services.update',
      'services.setHouseholdTags',
      'services.book',
    ])
    expect(names((e) => e.method === 'PUT')).toEqual([
      'households.setRepresentative',
      'admin.saveStructure',
      'conventions.updateSettings',
      'conventions.saveDraft',
      'services.update',
      'services.setHouseholdTags',
    ])
    // A decision, a use of a code, a deletion: a second try after a lost answer would meet a conflict (or a gone account).
    for (const name of [
      'households.approve',
      'households.reject',
      'invites.redeem',
      'invites.create',
      'profile.deleteAccount',
      'people.revokeRole',
      'conventions.answer',
      'conventions.enterPaperBallot',
      'conventions.publishDraft',
      'conventions.publishResult',
      'conventions.hideContribution',
      'services.cancel',
      'services.reschedule',
      'services.rate',
      'services.confirm',
      'services.reject',
      'services.checkIn',
      'services.complete',
      'services.markNoShow',
      'moderation.approve',
      'moderation.reject',
    ]) {
      expect(names((e) => !e.repeatable)).toContain(name)
    }
    expect(names((e) => e.method === 'GET' && !e.repeatable)).toEqual([])
    expect(names((e) => e.idempotent)).toEqual([
      'reports.submit',
      'handling.submitOnBehalf',
      'conventions.create',
      'conventions.propose',
      'conventions.addMinutes',
      'conventions.addProgress',
      'conventions.contribute',
      'conventions.openVote',
      'conventions.publishDisclosure',
      'services.create',
      'services.book',
    ])
  })

  it('needs the session everywhere but on the way in, and uploads with the upload timeout', () => {
    expect(names((e) => !e.auth)).toEqual(['session.demoAccounts', 'session.signInDemo', 'session.signInWeChat'])
    expect(names((e) => e.timeout === 'upload')).toEqual(['media.uploadPhoto'])
    expect(ENDPOINTS.media.uploadPhoto.file).toBe('file')
  })

  it('fills path parameters encoded and refuses a missing one', () => {
    expect(fillPath('/threads/{threadId}/read', { threadId: 'report:r 1' })).toBe('/threads/report%3Ar%201/read')
    expect(() => fillPath('/reports/{id}', {})).toThrow('{id}')
  })

  it('leaves undefined and empty values out of the query string', () => {
    expect(queryString({ cursor: undefined, limit: 10, q: '', overdueOnly: true })).toBe('?limit=10&overdueOnly=true')
    expect(queryString({})).toBe('')
  })
})

// ── the declarations type their calls (checked by tsc) ────────────────────────────────────────────

type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false
type Assert<T extends true> = T
export type Typing = [
  Assert<Equal<PathParams<'/reports/{id}/actions/{move}'>, { id: string; move: string }>>,
  Assert<Equal<PathParams<'/community'>, {}>>,
  Assert<Equal<ResponseOf<typeof ENDPOINTS.reports.get>, ReportDetailBody>>,
  Assert<Equal<ArgsOf<typeof ENDPOINTS.session.current>, [input?: { retry?: boolean; timeoutMs?: number }]>>,
]

/** Never run: tsc checks that a call must give what its endpoint declares. */
export function typedCalls(call: Call): void {
  void call(ENDPOINTS.reports.get, { params: { id: 'r-1' } })
  // @ts-expect-error the path parameter is missing
  void call(ENDPOINTS.reports.get)
  // @ts-expect-error a parameter the path does not have
  void call(ENDPOINTS.reports.get, { params: { reportId: 'r-1' } })
  // @ts-expect-error a submission needs its idempotency key
  void call(ENDPOINTS.reports.submit, { body: { categoryId: 'c', description: 'd', photoIds: [], location: { kind: 'text', address: 'a' }, anonymous: false } })
  // @ts-expect-error the rating body is the contract's
  void call(ENDPOINTS.reports.rate, { params: { id: 'r-1' }, body: { stars: 5 } })
  // @ts-expect-error an upload takes a file
  void call(ENDPOINTS.media.uploadPhoto, {})
  void call(ENDPOINTS.media.uploadPhoto, { file: 'wxfile://a.jpg' })
}
