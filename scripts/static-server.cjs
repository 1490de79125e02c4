// A tiny static file server for the built H5 app (npm start, browser tests). Binds 127.0.0.1.
const { createReadStream, existsSync, readFileSync, statSync } = require('node:fs')
const { createServer, request } = require('node:http')
const { extname, join, normalize } = require('node:path')
const { brotliCompressSync, constants, gzipSync } = require('node:zlib')

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
}

/** Forward a request to the API server unchanged (same origin for the H5 app: no CORS needed). */
function forward(req, res, target) {
  // The Host header stays the browser's, so URLs the server builds (photos) point at this origin.
  const headers = { ...req.headers, 'x-forwarded-host': req.headers.host, 'x-forwarded-proto': 'http' }
  const upstream = request(new URL(req.url || '/', target), { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode || 502, answer.headers)
    answer.pipe(res)
  })
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify({ error: { kind: 'server', message: '服务器暂时无法连接' } }))
  })
  req.pipe(upstream)
}

// The API, its photos and docs, and the Open311 GeoReport v2 endpoint partner systems call (ADR 27).
const API_PREFIXES = ['/api/', '/files/', '/openapi.json', '/docs', '/health', '/open311/']

/** Text worth compressing (images are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json'])

/**
 * The encoding to answer in: brotli where the browser takes it (browsers send `br` over https only),
 * else gzip, else none. `q=0` refuses an encoding.
 */
function encodingFor(header) {
  const offered = new Map(
    String(header || '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([name]) => name)
      .map(([name, ...params]) => {
        const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
        return [name.trim().toLowerCase(), q ? Number(q.slice(2)) : 1]
      }),
  )
  for (const name of ['br', 'gzip']) if ((offered.get(name) ?? 0) > 0) return name
  return null
}

/**
 * Each built file compressed once per encoding and kept (a build's files do not change while it is
 * served; a rebuild changes the modification time, and the file is compressed again).
 */
const compressedCache = new Map()
function compressed(file, encoding) {
  const key = `${file}\0${statSync(file).mtimeMs}\0${encoding}`
  let body = compressedCache.get(key)
  if (!body) {
    const raw = readFileSync(file)
    body = encoding === 'br' ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }) : gzipSync(raw, { level: 9 })
    compressedCache.set(key, body)
  }
  return body
}

/**
 * Serve `root` (falling back to index.html); resolves to { url, server }. Port 0 = any free port.
 * With `apiTarget`, API paths are proxied there, so the H5 app and the API share one origin.
 */
function serveStatic(root, port = 0, host = '127.0.0.1', apiTarget = undefined) {
  const base = normalize(root)
  const server = createServer((req, res) => {
    if (apiTarget && API_PREFIXES.some((p) => (req.url || '').startsWith(p))) return forward(req, res, apiTarget)
    const path = decodeURIComponent((req.url || '/').split('?')[0])
    let file = normalize(join(base, path))
    if (!file.startsWith(base)) {
      res.writeHead(403).end()
      return
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(base, 'index.html')
    const headers = { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' }
    const encoding = COMPRESSIBLE.has(extname(file)) ? encodingFor(req.headers['accept-encoding']) : null
    if (encoding) {
      const body = compressed(file, encoding)
      res.writeHead(200, { ...headers, 'content-encoding': encoding, 'content-length': body.length, vary: 'accept-encoding' })
      res.end(body)
      return
    }
    res.writeHead(200, headers)
    createReadStream(file).pipe(res)
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve({ url: `http://${host}:${server.address().port}/`, server }))
  })
}

module.exports = { serveStatic, encodingFor }
