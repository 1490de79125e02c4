import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Session } from '../../types/domain'
import { actorOf } from '../../src/domain/actor'
import { HttpError } from '../errors'
import type { PhotoUrlSigner } from '../photos/signing'
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

/** What photo URLs are made of: where the bytes are, the signer, and the base of this server's URLs. */
export interface PhotoUrls {
  storage: PhotoStorage
  signer: PhotoUrlSigner
  /** The configured public base (LINLI_PUBLIC_URL); required outside demo mode. */
  publicUrl?: string
  demo: boolean
}

/**
 * The base of absolute photo URLs: the configured public URL — never the request's Host header, which
 * the client writes. Only a demo server without one (`npm start`, a phone on the LAN) uses the host
 * the request came to, and only when that is this machine or a private network address; any other
 * Host gets the address the connection arrived at.
 */
export function baseUrlOf(request: FastifyRequest, publicUrl: string | undefined, demo: boolean): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '')
  if (!demo) throw new Error('photo URLs need a public URL outside demo mode (LINLI_PUBLIC_URL)')
  const host = request.host
  if (isLocalHost(hostnameOf(host))) return `${request.protocol}://${host}`
  const address = (request.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:(?=\d+\.)/, '')
  const port = request.socket.localPort
  return `${request.protocol}://${address.includes(':') ? `[${address}]` : address}${port ? `:${port}` : ''}`
}

/** The host name of a Host header that is a name or an IP literal with an optional port; '' for anything else. */
function hostnameOf(host: string): string {
  const match = /^(?:([A-Za-z0-9.-]+)|\[([0-9A-Fa-f:.]+)\])(?::\d{1,5})?$/.exec(host)
  return match ? (match[1] ?? match[2]).toLowerCase() : ''
}

/** localhost, loopback, and the private and link-local ranges (IPv4 and IPv6 literals only). */
export function isLocalHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(hostname)
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])]
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)
  }
  return hostname === '::1' || /^f[cd][0-9a-f]{2}:/.test(hostname) || /^fe[89ab][0-9a-f]:/.test(hostname)
}

/** The URL of a photo for this request: signed, on this server's base (an object store's own URLs are its own). */
export function photoUrlFor(photos: PhotoUrls, base: string): (id: string) => string {
  return (id) => {
    const url = photos.storage.url(id)
    return /^https?:\/\//.test(url) ? url : `${base}${url}?${photos.signer.query(id)}`
  }
}

/**
 * An onRequest hook for a scope of authenticated routes: a valid, unexpired bearer token or 401,
 * before the body is even read.
 */
export function requireSession(sessions: SessionService, photos: PhotoUrls) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request)
    if (!token) throw new HttpError('unauthorized', '请先登录')
    const session = await sessions.authenticate(token)
    if (!session) throw new HttpError('unauthorized')
    request.session = session
    request.caller = { user: session.user, actor: actorOf(session.user), photoUrl: photoUrlFor(photos, baseUrlOf(request, photos.publicUrl, photos.demo)) }
  }
}

/** The caller of an authenticated route (the hook guarantees it). */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new HttpError('unauthorized')
  return request.caller
}
