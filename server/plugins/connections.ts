import type { Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify'
import { bodyOf, HttpError } from '../errors'

/**
 * What one client may hold of the server's connections, and for how long. Without these a client
 * trickling a body one byte every few seconds holds its connection forever, and enough of them
 * take the server off the air (issue 13).
 */
export interface ConnectionLimits {
  /** To receive a request's headers, from its first byte (Node's `headersTimeout`; ≤ `requestTimeoutMs`). */
  headersTimeoutMs: number
  /**
   * To receive a whole request, headers and body (Node's `requestTimeout`). A photo of 10 MB must
   * arrive within it; `wx.uploadFile` gives up after 60 s too.
   */
  requestTimeoutMs: number
  /**
   * How long an idle keep-alive connection stays open between requests. Longer than a reverse
   * proxy's own idle timeout (nginx 60 s, AWS ALB 60 s), or the proxy may reuse a connection as it closes.
   */
  keepAliveTimeoutMs: number
  /** A connection on which nothing moves (a client that does not read its answer) is closed after this (Fastify's `connectionTimeout`). */
  idleTimeoutMs: number
  /**
   * Open connections per client address (an IPv6 client: per /64); the excess is closed as it is
   * accepted. 0: no cap. Default 128, or 0 behind a proxy (`trustProxy`), where every connection
   * comes from the proxy's address: the proxy caps its clients (nginx `limit_conn`).
   */
  maxConnectionsPerAddress: number
  /** Open connections in all; the excess is closed as it is accepted (Node's `server.maxConnections`). 0: no cap. */
  maxConnections: number
}

export const DEFAULT_CONNECTION_LIMITS: Readonly<ConnectionLimits> = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 72_000,
  idleTimeoutMs: 60_000,
  maxConnectionsPerAddress: 128,
  maxConnections: 4_096,
}

/** The limits to apply: the defaults, `trustProxy`'s per-address default, and what was given. */
export function connectionLimits(given: Partial<ConnectionLimits> = {}, trustProxy = false): ConnectionLimits {
  const limits: ConnectionLimits = {
    ...DEFAULT_CONNECTION_LIMITS,
    maxConnectionsPerAddress: trustProxy ? 0 : DEFAULT_CONNECTION_LIMITS.maxConnectionsPerAddress,
  }
  for (const [key, value] of Object.entries(given) as [keyof ConnectionLimits, number | undefined][]) {
    if (value !== undefined) limits[key] = value
  }
  // Node refuses a headers timeout longer than the request's (both bound the same request).
  if (limits.requestTimeoutMs > 0 && limits.headersTimeoutMs > limits.requestTimeoutMs) limits.headersTimeoutMs = limits.requestTimeoutMs
  return limits
}

/**
 * The Fastify constructor's options for the limits: the timeouts, and answering a client error
 * (431, 400, 408) with our error body and `Connection: close` before closing the connection.
 */
export function connectionServerOptions(limits: ConnectionLimits): Pick<FastifyServerOptions, 'connectionTimeout' | 'keepAliveTimeout' | 'requestTimeout' | 'clientErrorHandler'> & {
  http: { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number }
} {
  const shortest = Math.min(...[limits.headersTimeoutMs, limits.requestTimeoutMs].filter((ms) => ms > 0))
  return {
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Node looks for expired requests every 30 s by default: a request is cut at most a quarter of
      // the shortest timeout late (and never checked more often than every 100 ms).
      connectionsCheckingInterval: Number.isFinite(shortest) ? Math.min(30_000, Math.max(100, Math.floor(shortest / 4))) : 30_000,
    },
    clientErrorHandler: answerClientError,
  }
}

/** How long a client answered with a client error has to read it and close before its connection is destroyed. */
const CLOSE_GRACE_MS = 2_000

const answered = new WeakSet<Socket>()

/** The answer to a request the HTTP parser refused, or that did not arrive in time. */
function clientErrorAnswer(code: string | undefined): { status: number; reason: string; error: HttpError } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, reason: 'Request Header Fields Too Large', error: new HttpError('validation', '请求头太大', { status: 431 }) }
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, reason: 'Payload Too Large', error: new HttpError('validation', '请求内容太大', { status: 413 }) }
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, reason: 'Request Timeout', error: new HttpError('validation', '请求超时，请重试', { status: 408 }) }
    default:
      return { status: 400, reason: 'Bad Request', error: new HttpError('validation', '请求格式不正确', { status: 400 }) }
  }
}

/**
 * Fastify's `clientErrorHandler`: answer where an answer is possible (no answer of this connection
 * has started), with `Connection: close` so the client does not send its next request on it, then
 * end the connection. Ended rather than destroyed at once: destroying a socket with unread bytes
 * (the rest of an oversized header) resets it, and the client would lose the answer too.
 */
function answerClientError(this: { log: FastifyBaseLogger }, error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || answered.has(socket)) return
  answered.add(socket)
  const { status, reason, error: answer } = clientErrorAnswer(error.code)
  this.log.debug({ err: error, status }, 'client error: connection closed')
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage
  if (socket.writable && !inFlight?.headersSent) {
    const body = JSON.stringify(bodyOf(answer))
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\n` +
        'Connection: close\r\n' +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Cache-Control: no-store\r\n' +
        'X-Content-Type-Options: nosniff\r\n' +
        '\r\n' +
        body,
    )
  }
  // Whatever the client still sends is read and dropped; it has CLOSE_GRACE_MS to close its side.
  socket.on('data', () => undefined)
  socket.end()
  const destroy = setTimeout(() => socket.destroy(), CLOSE_GRACE_MS)
  destroy.unref()
  socket.once('close', () => clearTimeout(destroy))
}

/**
 * The key a connection is counted under: its address, an IPv4-mapped IPv6 address as IPv4, any
 * other IPv6 address by its /64 (what one subscriber is given, so a client cannot spread over it).
 */
export function addressKey(address: string | undefined): string {
  if (!address) return ''
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return mapped[1]
  if (!address.includes(':')) return address
  const [head, tail = ''] = address.split('%')[0].toLowerCase().split('::')
  const groups = (part: string) => (part === '' ? [] : part.split(':'))
  const before = groups(head)
  const after = address.includes('::') ? groups(tail) : []
  const full = [...before, ...Array<string>(Math.max(0, 8 - before.length - after.length)).fill('0'), ...after]
  return `${full
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}

/** How often a refusal is logged while connections are being refused. */
const REFUSAL_LOG_EVERY_MS = 60_000

/**
 * Cap the server's open connections, in all (Node closes the excess before it is a socket) and per
 * client address (the excess is destroyed as it is accepted, before a byte of it is read).
 */
export function limitConnections(server: Server, limits: ConnectionLimits, log: FastifyBaseLogger): void {
  if (limits.maxConnections > 0) server.maxConnections = limits.maxConnections
  const perAddress = limits.maxConnectionsPerAddress
  if (perAddress <= 0) return
  const open = new Map<string, number>()
  let refused = 0
  let loggedAt = -Infinity
  server.on('connection', (socket: Socket) => {
    const key = addressKey(socket.remoteAddress)
    const count = open.get(key) ?? 0
    if (count >= perAddress) {
      socket.destroy()
      refused++
      const now = Date.now()
      if (now - loggedAt >= REFUSAL_LOG_EVERY_MS) {
        log.warn({ address: key, open: count, refused, maxConnectionsPerAddress: perAddress }, 'connections refused: too many open from one address')
        loggedAt = now
        refused = 0
      }
      return
    }
    open.set(key, count + 1)
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1
      if (left > 0) open.set(key, left)
      else open.delete(key)
    })
  })
}
