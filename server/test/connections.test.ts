import { request as httpRequest } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { buildApp, type AppOptions, type Database } from '../app'
import { ConfigError, loadConfig } from '../config'
import { addressKey, connectionLimits, DEFAULT_CONNECTION_LIMITS } from '../plugins/connections'
import { freshDatabase } from './support/database'

// Connection hardening (issue 13) over real sockets on loopback, with timeouts short enough to watch.
jest.setTimeout(30_000)

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

// One server for the file (a Fastify instance with every route takes seconds to get ready on a busy
// machine), its timeouts short and its caps small; each test starts with no connection open.
const LIMITS = { headersTimeoutMs: 500, requestTimeoutMs: 1_000, keepAliveTimeoutMs: 2_500, idleTimeoutMs: 5_000, maxConnectionsPerAddress: 4, maxConnections: 8 }
let db: Database
let server: Listening
beforeAll(async () => {
  db = await freshDatabase()
  server = await listen(LIMITS)
}, 120_000)
afterAll(async () => {
  await server?.close()
  await db?.close()
})
beforeEach(() => server.drained())

interface Listening {
  port: number
  /** Resolves once the server holds `count` connections or fewer (default none: each test starts from none). */
  drained(count?: number): Promise<void>
  close(): Promise<void>
}

async function listen(connections: AppOptions['connections']): Promise<Listening> {
  const app = buildApp({ db, demo: true, connections, jobsEveryMs: 0, housekeepingEveryMs: 0 })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const open = () => new Promise<number>((resolve, reject) => app.server.getConnections((error, count) => (error ? reject(error) : resolve(count))))
  return {
    port: (app.server.address() as AddressInfo).port,
    drained: (count = 0) =>
      within(2_000, (async () => {
        while ((await open()) > count) await sleep(10)
      })(), `the server down to ${count} connections`),
    close: () => app.close(),
  }
}

/** A raw client connection: everything it received, and when (and how) it ended. */
interface RawClient {
  socket: Socket
  received(): string
  /** Resolves when the server's side is closed: with the time it took from `openedAt`, whether it ended cleanly (FIN) or was reset. */
  closed: Promise<{ afterMs: number; ended: boolean; error?: string }>
  openedAt: number
}

/** Every raw client of the running test, destroyed after it (passed or failed). */
const clients: Socket[] = []
afterEach(() => {
  for (const socket of clients.splice(0)) socket.destroy()
})

function raw(port: number, localAddress = '127.0.0.1'): RawClient {
  const socket = connect({ port, host: '127.0.0.1', localAddress })
  clients.push(socket)
  const openedAt = Date.now()
  let data = ''
  let ended = false
  let error: string | undefined
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => (data += chunk))
  socket.on('end', () => (ended = true))
  socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message))
  const closed = new Promise<{ afterMs: number; ended: boolean; error?: string }>((resolve) =>
    socket.on('close', () => resolve({ afterMs: Date.now() - openedAt, ended, ...(error ? { error } : {}) })),
  )
  return { socket, received: () => data, closed, openedAt }
}

/** Wait for `promise`, or fail with `what` after `ms`. */
async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)))
  try {
    return await Promise.race([promise, late])
  } finally {
    clearTimeout(timer)
  }
}

/** One answer parsed from raw bytes: status, headers (lower-case names), body. */
function parseAnswer(text: string): { status: number; headers: Record<string, string>; body: string } {
  const split = text.indexOf('\r\n\r\n')
  if (split < 0) throw new Error(`no complete answer in ${JSON.stringify(text.slice(0, 200))}`)
  const [statusLine, ...lines] = text.slice(0, split).split('\r\n')
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: text.slice(split + 4) }
}

/** The contract's error body, with a Chinese message, on a closing connection. */
function expectClosingError(answer: ReturnType<typeof parseAnswer>, status: number): void {
  expect(answer.status).toBe(status)
  expect(answer.headers.connection).toBe('close')
  expect(answer.headers['content-type']).toMatch(/^application\/json/)
  expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.body))
  const body = JSON.parse(answer.body)
  expect(Object.keys(body)).toEqual(['error'])
  expect(body.error.kind).toBe('validation')
  expect(body.error.message).toMatch(/[\u4e00-\u9fff]/)
}

/** GET /health on a connection of its own (no keep-alive), from `localAddress`. */
function health(port: number, localAddress = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/health', localAddress, agent: false, timeout: 2_000 }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('timeout', () => req.destroy(new Error('GET /health timed out')))
    req.on('error', reject)
    req.end()
  })
}

/** `count` keep-alive connections from `localAddress`, each answered once (so they are known to be open). */
async function openAnswered(port: number, count: number, localAddress = '127.0.0.1'): Promise<RawClient[]> {
  const clients = Array.from({ length: count }, () => raw(port, localAddress))
  for (const client of clients) client.socket.write('GET /health HTTP/1.1\r\nHost: linli.test\r\n\r\n')
  await within(3_000, waitFor(() => clients.every((c) => c.received().includes('\r\n\r\n{'))), 'the first connections answered')
  return clients
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(10)
}

describe('timeouts', () => {
  it('cuts off a client trickling its body within the request timeout (408 and closed), while /health answers throughout', async () => {
    const slow = raw(server.port)
    slow.socket.write('POST /api/v1/session/demo HTTP/1.1\r\nHost: linli.test\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n')
    // The probe's client sent a byte every 2 s; here every 200 ms against a 1 s request timeout.
    const trickle = setInterval(() => slow.socket.writable && slow.socket.write(' '), 200)
    const statuses: number[] = []
    let done = false
    const polling = (async () => {
      while (!done) {
        statuses.push(await health(server.port, '127.0.0.2'))
        await sleep(50)
      }
    })()
    try {
      const end = await within(3_000, slow.closed, 'the slow client cut off')
      expect(end.afterMs).toBeGreaterThanOrEqual(1_000)
      expect(end.afterMs).toBeLessThan(2_500)
      expect(end.ended).toBe(true)
      expectClosingError(parseAnswer(slow.received()), 408)
    } finally {
      clearInterval(trickle)
      done = true
      await polling
    }
    expect(statuses.length).toBeGreaterThanOrEqual(5)
    expect(statuses.every((status) => status === 200)).toBe(true)
  })

  it('cuts off a client trickling its headers, and one that sends nothing, within the headers timeout', async () => {
    const trickler = raw(server.port)
    trickler.socket.write('GET /health HTTP/1.1\r\nHost: linli.test\r\nX-Slow: ')
    const trickle = setInterval(() => trickler.socket.writable && trickler.socket.write('a'), 100)
    const silent = raw(server.port)
    try {
      const [trickled, waited] = await within(2_000, Promise.all([trickler.closed, silent.closed]), 'both cut off')
      for (const end of [trickled, waited]) {
        expect(end.afterMs).toBeGreaterThanOrEqual(500)
        // Before the request timeout (1 s): the headers' own timeout cut them.
        expect(end.afterMs).toBeLessThan(1_000)
      }
      expectClosingError(parseAnswer(trickler.received()), 408)
      expectClosingError(parseAnswer(silent.received()), 408)
    } finally {
      clearInterval(trickle)
    }
  })

  it('keeps a keep-alive connection between requests for the keep-alive timeout (not the headers one), then closes it', async () => {
    const client = raw(server.port)
    client.socket.write('GET /health HTTP/1.1\r\nHost: linli.test\r\n\r\n')
    await sleep(800) // longer than the headers timeout
    client.socket.write('GET /health HTTP/1.1\r\nHost: linli.test\r\n\r\n')
    await within(1_000, waitFor(() => client.received().split('HTTP/1.1 200 OK').length === 3), 'two answers on one connection')
    const secondAt = Date.now() - client.openedAt
    const end = await within(5_000, client.closed, 'the idle keep-alive connection closed')
    expect(end.afterMs - secondAt).toBeGreaterThanOrEqual(2_300)
    expect(end.afterMs - secondAt).toBeLessThan(4_000)
    expect(end.ended).toBe(true)
  })
})

describe('connection caps', () => {
  it('closes the connections one address opens beyond its cap as they are accepted, while another client is served', async () => {
    const held = await openAnswered(server.port, 4)
    const extra = [raw(server.port), raw(server.port)]
    for (const client of extra) client.socket.write('GET /health HTTP/1.1\r\nHost: linli.test\r\n\r\n')
    const refused = await within(2_000, Promise.all(extra.map((c) => c.closed)), 'the extra connections closed')
    for (const [i, end] of refused.entries()) {
      expect(end.afterMs).toBeLessThan(1_000)
      expect(extra[i].received()).toBe('')
    }
    // Another client (127.0.0.2) is served meanwhile, and the held connections still are.
    expect(await health(server.port, '127.0.0.2')).toBe(200)
    held[0].socket.write('GET /health HTTP/1.1\r\nHost: linli.test\r\n\r\n')
    await within(1_000, waitFor(() => held[0].received().split('HTTP/1.1 200 OK').length === 3), 'a held connection answered again')
    // One of the four closes: the address may open one again.
    held[3].socket.destroy()
    await server.drained(3)
    const again = await openAnswered(server.port, 1)
    expect(parseAnswer(again[0].received()).status).toBe(200)
  })

  it('closes any connection beyond the total cap, whatever its address', async () => {
    const first = await openAnswered(server.port, 4, '127.0.0.1')
    const second = await openAnswered(server.port, 4, '127.0.0.2')
    const third = raw(server.port, '127.0.0.3')
    third.socket.write('GET /health HTTP/1.1\r\nHost: linli.test\r\n\r\n')
    const end = await within(2_000, third.closed, 'the connection beyond the total closed')
    expect(end.afterMs).toBeLessThan(1_000)
    expect(third.received()).toBe('')
    for (const client of [...first, ...second]) client.socket.destroy()
    await server.drained()
    expect(await health(server.port, '127.0.0.3')).toBe(200)
  })
})

describe('client errors', () => {
  it('answers 17 KB of headers on a keep-alive connection with a 431 and Connection: close, then ends the connection', async () => {
    const client = raw(server.port)
    client.socket.write(`GET /health HTTP/1.1\r\nHost: linli.test\r\nConnection: keep-alive\r\nX-Padding: ${'a'.repeat(17 * 1024)}\r\n\r\n`)
    const end = await within(3_000, client.closed, 'the connection ended')
    expect(end.ended).toBe(true)
    expect(end.error).toBeUndefined()
    const answer = parseAnswer(client.received())
    expectClosingError(answer, 431)
    expect(answer.headers['cache-control']).toBe('no-store')
    expect(answer.headers['x-content-type-options']).toBe('nosniff')
    expect(client.received().split('HTTP/1.1').length).toBe(2)
  })

  it('answers a malformed request after a good one on the same connection with a 400 and Connection: close', async () => {
    const client = raw(server.port)
    client.socket.write('GET /health HTTP/1.1\r\nHost: linli.test\r\n\r\n')
    await within(1_000, waitFor(() => client.received().includes('"ok":true')), 'the good request answered')
    const good = client.received()
    client.socket.write('BREW /pot HTCPCP/1.0 and then some\r\n\r\n')
    const end = await within(3_000, client.closed, 'the connection ended')
    expect(end.ended).toBe(true)
    expect(end.error).toBeUndefined()
    expect(parseAnswer(good).status).toBe(200)
    expectClosingError(parseAnswer(client.received().slice(good.length)), 400)
  })
})

describe('the limits applied', () => {
  it('defaults to production values, drops the per-address cap behind a proxy, and keeps the headers timeout within the request timeout', () => {
    expect(connectionLimits()).toEqual(DEFAULT_CONNECTION_LIMITS)
    expect(DEFAULT_CONNECTION_LIMITS.maxConnectionsPerAddress).toBeGreaterThan(0)
    expect(DEFAULT_CONNECTION_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(DEFAULT_CONNECTION_LIMITS.requestTimeoutMs)
    expect(connectionLimits({}, true).maxConnectionsPerAddress).toBe(0)
    expect(connectionLimits({ maxConnectionsPerAddress: 10 }, true).maxConnectionsPerAddress).toBe(10)
    expect(connectionLimits({ requestTimeoutMs: 2_000, headersTimeoutMs: 5_000 })).toMatchObject({ requestTimeoutMs: 2_000, headersTimeoutMs: 2_000 })
  })

  it('counts IPv4 by address and IPv6 by /64', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7')
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7')
    expect(addressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:0DB8:0001:0002:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64')
    expect(addressKey(undefined)).toBe('')
  })
})

describe('the environment', () => {
  it('reads LINLI_DOCS, the timeouts and the caps, with the defaults when unset', () => {
    const defaults = loadConfig({})
    expect(defaults.docs).toBeUndefined()
    const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs, idleTimeoutMs, maxConnections } = DEFAULT_CONNECTION_LIMITS
    // The per-address cap is left to the app, whose default depends on LINLI_TRUST_PROXY.
    expect(defaults.connections).toEqual({ headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs, idleTimeoutMs, maxConnections })
    expect(loadConfig({ LINLI_DOCS: '1' }).docs).toBe(true)
    expect(loadConfig({ LINLI_DOCS: '0' }).docs).toBe(false)
    expect(
      loadConfig({
        LINLI_HEADERS_TIMEOUT_MS: '5000',
        LINLI_REQUEST_TIMEOUT_MS: '120000',
        LINLI_KEEP_ALIVE_TIMEOUT_MS: '65000',
        LINLI_IDLE_TIMEOUT_MS: '30000',
        LINLI_MAX_CONNECTIONS_PER_ADDRESS: '0',
        LINLI_MAX_CONNECTIONS: '10000',
      }).connections,
    ).toEqual({ headersTimeoutMs: 5_000, requestTimeoutMs: 120_000, keepAliveTimeoutMs: 65_000, idleTimeoutMs: 30_000, maxConnectionsPerAddress: 0, maxConnections: 10_000 })
  })

  it('refuses values out of range, and a headers timeout longer than the request timeout', () => {
    expect(() => loadConfig({ LINLI_DOCS: 'maybe' })).toThrow(/LINLI_DOCS/)
    expect(() => loadConfig({ LINLI_REQUEST_TIMEOUT_MS: '0' })).toThrow(/LINLI_REQUEST_TIMEOUT_MS/)
    expect(() => loadConfig({ LINLI_KEEP_ALIVE_TIMEOUT_MS: '10ms' })).toThrow(/LINLI_KEEP_ALIVE_TIMEOUT_MS/)
    expect(() => loadConfig({ LINLI_MAX_CONNECTIONS_PER_ADDRESS: '-1' })).toThrow(/LINLI_MAX_CONNECTIONS_PER_ADDRESS/)
    expect(() => loadConfig({ LINLI_MAX_CONNECTIONS: '1.5' })).toThrow(ConfigError)
    expect(() => loadConfig({ LINLI_HEADERS_TIMEOUT_MS: '30000', LINLI_REQUEST_TIMEOUT_MS: '20000' })).toThrow(/LINLI_HEADERS_TIMEOUT_MS must not be longer/)
  })
})
