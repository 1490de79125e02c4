/** Invitations to a role, and people's roles. Using a code is not repeated: it is used once. */
import type { InviteInputBody, RedeemInviteBody, RevokeRoleBody } from '../contract-types'
import { GET, POST } from '../endpoint'
import * as shape from '../shapes'

export const invites = {
  create: POST('/invites').body<InviteInputBody>().returns(shape.invite),
  list: GET('/invites').returns(shape.invites),
  cancel: POST('/invites/{id}/cancel').returns(shape.invite),
  qrCode: GET('/invites/{id}/qr-code').returns(shape.qrCode),
  redeem: POST('/invites/redeem').body<RedeemInviteBody>().returns(shape.user),
}

export const people = {
  list: GET('/people').returns(shape.members),
  revokeRole: POST('/people/{userId}/revoke').body<RevokeRoleBody>().returns(shape.members),
}
