import type { Server } from 'node:http'

// The same server `npm start` uses, so the browser tests exercise what a person runs.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { serveStatic: serve } = require('../../scripts/static-server.cjs') as {
  serveStatic: (root: string, port?: number, host?: string, apiTarget?: string) => Promise<{ url: string; server: Server }>
}

/**
 * Serve a built H5 folder on 127.0.0.1 (an ephemeral port unless one is given); with `apiTarget`,
 * API paths are proxied to that server (the H5 app in http mode talks to its own origin).
 */
export function serveStatic(root: string, port = 0, apiTarget?: string): Promise<{ url: string; server: Server }> {
  return serve(root, port, '127.0.0.1', apiTarget)
}
