import type { ApiClient } from '../../client'
import { adminApi } from './admin'
import type { HttpContext } from './context'
import { conventionsApi } from './conventions'
import { dashboardApi } from './dashboard'
import { handlingApi } from './handling'
import { invitesApi, peopleApi } from './invites'
import { auditApi, moderationApi } from './moderation'
import { servicesApi } from './services'

/** The groups of the HTTP adapter only subpackage pages call: a lazy chunk of their own (../client.ts, ADR 37). */
export type LaterGroups = Pick<ApiClient, 'handling' | 'dashboard' | 'invites' | 'people' | 'admin' | 'moderation' | 'audit' | 'conventions' | 'services'>

export function laterGroups(context: HttpContext): LaterGroups {
  return {
    handling: handlingApi(context),
    dashboard: dashboardApi(context),
    invites: invitesApi(context),
    people: peopleApi(context),
    admin: adminApi(context),
    moderation: moderationApi(context),
    audit: auditApi(context),
    conventions: conventionsApi(context),
    services: servicesApi(context),
  }
}
