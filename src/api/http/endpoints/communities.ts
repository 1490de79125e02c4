/** Finding and joining a community, a street's communities, and the community's own code. */
import type { CommunitySearchQueryBody, JoinCommunityBody } from '../contract-types'
import { GET, POST } from '../endpoint'
import * as shape from '../shapes'

export const communities = {
  search: GET('/communities').query<CommunitySearchQueryBody>().returns(shape.communitySummaries),
  byCode: GET('/communities/by-code/{code}').returns(shape.communitySummary),
  /** Joining the community one is in already changes nothing: repeated like a read. */
  join: POST('/me/community').body<JoinCommunityBody>().harmlessToRepeat().returns(shape.user),
  listStreet: GET('/street/communities').returns(shape.communities),
  joinCode: GET('/community/join-code').returns(shape.joinCode),
}
