import type { ConventionsApi, ServicesApi } from '../../client'
import { conventions } from '../endpoints/conventions'
import { services } from '../endpoints/services'
import { compact } from './bodies'
import type { HttpContext } from './context'

/**
 * The calls of the consultation and booking groups the tab pages make on their first show (the
 * home page's cards, 办事's service tiles and bookings): answered without loading the rest of those
 * groups, which only subpackage pages call (./later.ts, ADR 37). Each is the same call as in
 * ./conventions.ts and ./services.ts.
 */
export function conventionsFront({ call }: HttpContext): Pick<ConventionsApi, 'overview'> {
  return { overview: () => call(conventions.overview) }
}

export function servicesFront({ call }: HttpContext): Pick<ServicesApi, 'list' | 'mine'> {
  return {
    list: (query = {}) => call(services.list, { query: compact({ kind: query.kind, all: query.all }) }),
    mine: () => call(services.mine),
  }
}
