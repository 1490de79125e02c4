import type { HouseholdsApi } from '../../client'
import { households } from '../endpoints/households'
import { pageQuery } from './bodies'
import type { HttpContext } from './context'

export function householdsApi({ call }: HttpContext): HouseholdsApi {
  return {
    mine: () => call(households.mine),
    claim: ({ buildingId, room, name, phone }) => call(households.claim, { body: { buildingId, room, name, phone } }),
    withdraw: (claimId) => call(households.withdraw, { params: { id: claimId } }),
    listClaims: (query = {}) => call(households.listClaims, { query: { ...pageQuery(query), status: query.status } }),
    approve: (claimId) => call(households.approve, { params: { id: claimId } }),
    reject: (claimId, reason) => call(households.reject, { params: { id: claimId }, body: { reason } }),
    leave: () => call(households.leave),
    removeMember: (userId, reason) => call(households.removeMember, { params: { userId }, body: { reason } }),
    setRepresentative: (userId) => call(households.setRepresentative, { body: { userId } }),
  }
}
