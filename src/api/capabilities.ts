import { ApiError } from './errors'

/**
 * What an adapter can do. Screens hide what is missing instead of failing (an Open311 backend has
 * reports but no notices; the memory adapter of the foundation has no booking yet).
 */
export interface Capabilities {
  demoSignIn: boolean
  wechatSignIn: boolean
  reports: boolean
  photoUpload: boolean
  meToo: boolean
  handling: boolean
  messages: boolean
  notices: boolean
  conventions: boolean
  services: boolean
  dashboard: boolean
  /**
   * Communities as real deployments run them: joining one, claiming a household and its review,
   * invitations and people's roles, my profile and data, the admin screens (issue 10).
   */
  membership: boolean
  /** The moderation queue of held texts (issue 13). */
  moderation: boolean
  /** The audit log of staff actions (issue 13). */
  audit: boolean
}

/**
 * A stand-in for a group of the port an adapter does not offer: every method rejects with
 * `not_supported`, so a screen that forgot to check `capabilities` fails clearly, not silently.
 */
export function unsupported<T extends object>(area: string): T {
  return new Proxy({} as T, {
    get(_target, method) {
      if (typeof method !== 'string' || method === 'then') return undefined
      return () => Promise.reject(new ApiError('not_supported', `当前后端暂不支持${area}`))
    },
  })
}
