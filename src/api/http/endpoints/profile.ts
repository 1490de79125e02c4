/**
 * My profile and my data. The change of name or phone is the server's PATCH, sent as its POST twin
 * (wx.request has no PATCH); the same change twice is the same profile, so it is repeated.
 */
import type { ProfileUpdateBody } from '../contract-types'
import { DELETE, GET, POST } from '../endpoint'
import * as shape from '../shapes'

export const profile = {
  get: GET('/profile').returns(shape.profile),
  update: POST('/profile').body<ProfileUpdateBody>().harmlessToRepeat().returns(shape.profile),
  exportData: GET('/profile/export').returns(shape.personalData),
  /** Not repeated: after a lost answer the account may be gone (the next call says unauthorized). */
  deleteAccount: DELETE('/profile').returns(shape.nothing),
}
