// A tiny static file server for the built H5 app (npm start, browser tests). Binds 127.0.0.1.
const { createReadStream, existsSync, statSync } = require('node:fs')
const { createServer } = require('node:http')
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

/** Serve `root` (falling back to index.html); resolves to { url, server }. Port 0 = any free port. */
function serveStatic(root, port = 0, host = '127.0.0.1') {
  const base = normalize(root)
  const server = createServer((req, res) => {
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
