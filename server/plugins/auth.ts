import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Session } from '../../types/domain'
import { actorOf } from '../../src/domain/actor'
import { HttpError } from '../errors'
import type { PhotoStorage } from '../photos/storage'
import type { Caller } from '../../src/core/context'
import type { SessionService } from '../../src/core/services/sessions'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in caller on authenticated routes (set by `requireSession`). */
    caller: Caller | null
    session: Session | null
  }
}

const BEARER = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/i

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  const match = typeof header === 'string' ? BEARER.exec(header) : null
  return match ? match[1] : null
}

export function decorateAuth(app: FastifyInstance): void {
  app.decorateRequest('caller', null)
  app.decorateRequest('session', null)
}

/** The base of absolute photo URLs: the configured public URL, or the host the request came to. */
export function baseUrlOf(request: FastifyRequest, publicUrl?: string): string {
  return publicUrl ? publicUrl.replace(/\/+$/, '') : `${request.protocol}://${request.host}`
}

export function photoUrlFor(storage: PhotoStorage, base: string): (id: string) => string {
  return (id) => {
    const url = storage.url(id)
    return /^https?:\/\//.test(url) ? url : `${base}${url}`
  }
}

/**
 * An onRequest hook for a scope of authenticated routes: a valid, unexpired bearer token or 401,
 * before the body is even read.
 */
export function requireSession(sessions: SessionService, storage: PhotoStorage, publicUrl?: string) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request)
    if (!token) throw new HttpError('unauthorized', '请先登录')
    const session = await sessions.authenticate(token)
    if (!session) throw new HttpError('unauthorized')
    request.session = session
    request.caller = { user: session.user, actor: actorOf(session.user), photoUrl: photoUrlFor(storage, baseUrlOf(request, publicUrl)) }
  }
}

/** The caller of an authenticated route (the hook guarantees it). */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new HttpError('unauthorized')
  return request.caller
}
