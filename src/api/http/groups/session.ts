import type { SessionApi } from '../../client'
import { isApiError } from '../../errors'
import type { SessionBody } from '../contract-types'
import { session } from '../endpoints/session'
import { isTransient } from '../policy'
import type { HttpContext } from './context'

export function sessionApi({ call, vault, offline, timeoutMs }: HttpContext): SessionApi {
  const signedIn = (body: SessionBody): SessionBody => {
    vault.remember(body)
    return body
  }
  return {
    listDemoAccounts: () =>
      call(session.demoAccounts).catch((error: unknown) => {
        if (isApiError(error) && error.kind === 'not_found') return []
        throw error
      }),
    signInDemo: (userId) => call(session.signInDemo, { body: { userId } }).then(signedIn),
    signInWithWeChat: (code, via) => call(session.signInWeChat, { body: via ? { code, via } : { code } }).then(signedIn),

    /**
     * The server's word on the stored token; when the server cannot be reached, the session it last
     * confirmed (until that expires), so the app opens signed in offline and the outbox can wait.
     */
    current: async () => {
      if (!vault.token()) return null
      const cached = vault.cached()
      if (offline()) return cached
      try {
        // One quick try when there is a cached session to fall back on: do not hold up app start.
        const overrides = cached ? { retry: false, timeoutMs: Math.min(timeoutMs, 5_000) } : {}
        return signedIn(await call(session.current, overrides))
      } catch (error) {
        if (isApiError(error) && error.kind === 'unauthorized') return null
        if (isApiError(error) && isTransient(error) && cached) return cached
        throw error
      }
    },

    /** Signing out always works on the device; telling the server is best effort. */
    signOut: async () => {
      if (vault.token() && !offline()) await call(session.signOut).catch(() => undefined)
      vault.forget()
    },
  }
}
