/**
 * Households: claims and their review, members leaving or removed, the representative. A decision
 * is not repeated after a lost answer (a second try would only meet a conflict).
 */
import type { ClaimInputBody, ClaimQueryBody, ReasonBody, UserIdBody } from '../contract-types'
import { GET, POST, PUT } from '../endpoint'
import * as shape from '../shapes'

export const households = {
  mine: GET('/households/mine').returns(shape.myHome),
  claim: POST('/household-claims').body<ClaimInputBody>().returns(shape.claim),
  withdraw: POST('/household-claims/{id}/withdraw').returns(shape.claim),
  listClaims: GET('/household-claims').query<ClaimQueryBody>().returns(shape.claimPage),
  approve: POST('/household-claims/{id}/approve').returns(shape.claim),
  reject: POST('/household-claims/{id}/reject').body<ReasonBody>().returns(shape.claim),
  leave: POST('/households/mine/leave').returns(shape.myHome),
  removeMember: POST('/households/members/{userId}/remove').body<ReasonBody>().returns(shape.householdOrNone),
  setRepresentative: PUT('/households/representative').body<UserIdBody>().returns(shape.household),
}
