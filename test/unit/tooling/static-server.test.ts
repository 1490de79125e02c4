import { createServer, request, type Server } from 'node:http'
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'

/**
 * The static server `npm start` and the browser tests put in front of the H5 build
 * (scripts/static-server.cjs): text is answered compressed (brotli where the browser takes it, else
 * gzip), images as they are, and the API, its files and the Open311 endpoint are proxied to the server.
 */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { serveStatic, encodingFor } = require('../../../scripts/static-server.cjs') as {
  serveStatic: (root: string, port?: number, host?: string, apiTarget?: string) => Promise<{ url: string; server: Server }>
  encodingFor: (header: string | undefined) => string | null
}

let dir: string
let web: Server | undefined
let api: Server | undefined
const JS = `var app = ${JSON.stringify('邻里'.repeat(5000))};\n`.repeat(4)

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'linli-static-'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>邻里</title>')
  writeFileSync(join(dir, 'app.js'), JS)
  writeFileSync(join(dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]))
})
afterEach(async () => {
  for (const server of [web, api]) if (server) await new Promise((resolve) => server.close(resolve))
  web = api = undefined
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
      .on('error', reject)
      .end()
  })
}

test('answers JavaScript gzipped to a browser over http, and prints how much smaller it is', async () => {
  const served = await serveStatic(dir)
  web = served.server
  const res = await get(`${served.url}app.js`, { 'accept-encoding': 'gzip, deflate' })
  expect([res.status, res.headers['content-encoding'], res.headers.vary]).toEqual([200, 'gzip', 'accept-encoding'])
  expect(gunzipSync(res.body).toString('utf8')).toBe(JS)
  console.log(`app.js: ${Buffer.byteLength(JS)} bytes raw, ${res.body.length} gzipped`)
  expect(res.body.length).toBeLessThan(Buffer.byteLength(JS) / 10)
})

test('answers brotli where the browser takes it, and the page itself compressed too', async () => {
  const served = await serveStatic(dir)
  web = served.server
  const js = await get(`${served.url}app.js`, { 'accept-encoding': 'gzip, deflate, br' })
  expect(js.headers['content-encoding']).toBe('br')
  expect(brotliDecompressSync(js.body).toString('utf8')).toBe(JS)
  const page = await get(`${served.url}#/pages/home/index`, { 'accept-encoding': 'gzip' })
  expect(page.headers['content-encoding']).toBe('gzip')
  expect(gunzipSync(page.body).toString('utf8')).toContain('<title>邻里</title>')
})

test('answers as it is to a client that takes no encoding, and images always as they are', async () => {
  const served = await serveStatic(dir)
  web = served.server
  const plain = await get(`${served.url}app.js`)
  expect(plain.headers['content-encoding']).toBeUndefined()
  expect(plain.body.toString('utf8')).toBe(JS)
  const png = await get(`${served.url}logo.png`, { 'accept-encoding': 'gzip, br' })
  expect(png.headers['content-encoding']).toBeUndefined()
  expect(png.body).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]))
})

test('compresses a file again once a rebuild changed it', async () => {
  const served = await serveStatic(dir)
  web = served.server
  const file = join(dir, 'chunk.js')
  writeFileSync(file, 'var v = 1;'.repeat(200))
  expect(gunzipSync((await get(`${served.url}chunk.js`, { 'accept-encoding': 'gzip' })).body).toString()).toBe('var v = 1;'.repeat(200))
  writeFileSync(file, 'var v = 2;'.repeat(200))
  utimesSync(file, new Date(), new Date(Date.now() + 5_000))
  expect(gunzipSync((await get(`${served.url}chunk.js`, { 'accept-encoding': 'gzip' })).body).toString()).toBe('var v = 2;'.repeat(200))
})

test('proxies the API and the Open311 endpoint to the server, on the same origin', async () => {
  const seen: string[] = []
  api = createServer((req, res) => {
    seen.push(req.url ?? '')
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
  })
  await new Promise<void>((resolve) => api!.listen(0, '127.0.0.1', resolve))
  const target = `http://127.0.0.1:${(api.address() as { port: number }).port}`
  const served = await serveStatic(dir, 0, '127.0.0.1', target)
  web = served.server
  for (const path of ['api/v1/community', 'open311/v2/discovery.json', 'health']) expect((await get(`${served.url}${path}`)).status).toBe(200)
  expect(seen).toEqual(['/api/v1/community', '/open311/v2/discovery.json', '/health'])
})

test.each([
  ['gzip, deflate', 'gzip'],
  ['gzip, deflate, br', 'br'],
  ['br;q=0, gzip', 'gzip'],
  ['GZIP;q=0.5', 'gzip'],
  ['gzip;q=0', null],
  ['identity', null],
  ['', null],
])('Accept-Encoding “%s” is answered in %s', (header, encoding) => {
  expect(encodingFor(header)).toBe(encoding)
})
