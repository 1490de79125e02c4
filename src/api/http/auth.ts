import { readJson, writeJson, type KeyValueStorage } from '../../platform/storage'
import type { SessionBody } from './contract-types'
import { SESSION_KEY, TOKEN_KEY } from './identity'
import { withHeaders, type Middleware } from './middleware'

export { SESSION_KEY, TOKEN_KEY } from './identity'

/**
 * The bearer token and the cached session, in device storage.
 *
 * There is no refresh token: a session lasts until it expires or the user signs out, and a 401
 * means it is over — the token is dropped and the UI goes back to sign-in.
 */
export class SessionVault {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly now: () => Date,
  ) {}

  token(): string | null {
    return this.storage.get(TOKEN_KEY)
  }

  remember(session: SessionBody): void {
    this.storage.set(TOKEN_KEY, session.token)
    writeJson(this.storage, SESSION_KEY, session)
  }

  /** The cached session of the current token, unless it has expired. */
  cached(): SessionBody | null {
    const token = this.token()
    const session = readJson<SessionBody>(this.storage, SESSION_KEY)
    if (!token || !session || session.token !== token || typeof session.user !== 'object') return null
    const expires = Date.parse(session.expiresAt)
    return Number.isFinite(expires) && expires > this.now().getTime() ? session : null
  }

  forget(): void {
    this.storage.remove(TOKEN_KEY)
    this.storage.remove(SESSION_KEY)
  }

  /**
   * Forget the session a 401 answered for — unless the user has signed in again meanwhile, in which
   * case a late 401 for the old token must not sign the new session out.
   */
  forgetToken(token: string): void {
    if (this.token() === token) this.forget()
  }
}

export function authHeader(token: string | null): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {}
}

/**
 * The pipeline's auth link: an endpoint that needs the session gets the stored token as a bearer
 * header (read on every try: a sign-in meanwhile counts), and a 401 answer for that token ends the
 * session on the device (the UI goes back to sign-in). Public endpoints (sign-in) are left alone.
 */
export function auth(vault: SessionVault): Middleware {
  return async (request, next) => {
    if (!request.endpoint.auth) return next(request)
    const token = vault.token()
    const res = await next(token ? withHeaders(request, authHeader(token)) : request)
    if (res.status === 401 && token) vault.forgetToken(token)
    return res
  }
}
