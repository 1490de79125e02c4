// A tiny static file server for the built H5 app (npm start, browser tests). Binds 127.0.0.1.
const { createReadStream, existsSync, statSync } = require('node:fs')
const { createServer, request } = require('node:http')
const { extname, join, normalize } = require('node:path')

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

const API_PREFIXES = ['/api/', '/files/', '/openapi.json', '/docs', '/health']

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
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' })
    createReadStream(file).pipe(res)
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve({ url: `http://${host}:${server.address().port}/`, server }))
  })
}

module.exports = { serveStatic }
