import type { InvitesApi, PeopleApi } from '../../client'
import { invites, people } from '../endpoints/invites'
import type { HttpContext } from './context'

export function invitesApi({ call }: HttpContext): InvitesApi {
  return {
    create: ({ role, gridIds, buildingIds, note, expiresInHours }) =>
      call(invites.create, { body: { role, gridIds: [...gridIds], buildingIds: [...buildingIds], note, expiresInHours } }),
    list: () => call(invites.list),
    cancel: (inviteId) => call(invites.cancel, { params: { id: inviteId } }),
    qrCode: (inviteId) => call(invites.qrCode, { params: { id: inviteId } }),
    redeem: (code) => call(invites.redeem, { body: { code } }),
  }
}

export function peopleApi({ call }: HttpContext): PeopleApi {
  return {
    list: () => call(people.list),
    revokeRole: (userId, role) => call(people.revokeRole, { params: { userId }, body: { role } }),
  }
}
