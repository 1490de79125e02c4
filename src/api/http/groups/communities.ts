import type { CommunitiesApi } from '../../client'
import { communities } from '../endpoints/communities'
import type { HttpContext } from './context'

export function communitiesApi({ call }: HttpContext): CommunitiesApi {
  return {
    // An empty query is left out of the URL; the server answers it as the core does (no community).
    search: (query) => call(communities.search, { query: { q: query } }),
    byCode: (code) => call(communities.byCode, { params: { code } }),
    join: (communityId) => call(communities.join, { body: { communityId } }),
    listStreet: () => call(communities.listStreet),
    joinCode: () => call(communities.joinCode),
  }
}
