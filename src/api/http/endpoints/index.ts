/**
 * Every endpoint of the reference server the HTTP adapter calls, declared once (./<resource>.ts)
 * and grouped by resource. Paths are written out as templates (`/reports/{id}`) rather than taken
 * from the server's route table in types/routes.ts, whose path functions would all ship in the app
 * bundle; test/unit/api/http-endpoints.test.ts proves the two agree.
 */
import { admin } from './admin'
import { communities } from './communities'
import { conventions } from './conventions'
import { dashboard } from './dashboard'
import { directory } from './directory'
import { handling } from './handling'
import { households } from './households'
import { invites, people } from './invites'
import { media } from './media'
import { messages } from './messages'
import { audit, moderation } from './moderation'
import { notices } from './notices'
import { profile } from './profile'
import { reports } from './reports'
import { services } from './services'
import { session } from './session'

export const ENDPOINTS = { session, directory, media, reports, handling, messages, notices, dashboard, communities, households, invites, people, profile, admin, conventions, services, moderation, audit }
export type Endpoints = typeof ENDPOINTS

export { API_ROOT } from './root'
