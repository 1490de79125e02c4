import type { Capabilities } from '../capabilities'

/** Where the HTTP adapter keeps the session token in device storage (./auth.ts; config/h5-preload-backend.ts reads it too). */
export const TOKEN_KEY = 'linli.http.token'
/** The last session the server confirmed, so the app opens signed in while offline. */
export const SESSION_KEY = 'linli.http.session'

/** What the HTTP adapter offers: the whole port. Known before the adapter is loaded (./lazy.ts). */
export const HTTP_CAPABILITIES: Capabilities = {
  demoSignIn: true,
  wechatSignIn: true,
  reports: true,
  photoUpload: true,
  meToo: true,
  handling: true,
  messages: true,
  notices: true,
  conventions: true,
  services: true,
  dashboard: true,
  membership: true,
  moderation: true,
  audit: true,
}
