import type { Capabilities } from '../capabilities'

/**
 * What the memory adapter is, apart from the backend itself: small enough for the app's first chunk
 * on H5, where the backend loads on the first call (src/api/lazy.ts, ./lazy.ts).
 */

/** Where the app's client keeps its session token on the device. */
export const TOKEN_KEY = 'linli.mem.token'

/** Everything: the demo backend implements the whole contract. */
export const MEMORY_CAPABILITIES: Capabilities = {
  demoSignIn: true,
  wechatSignIn: false,
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
