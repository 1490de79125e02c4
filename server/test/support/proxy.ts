import { connect, createServer, type Socket } from 'node:net'

/**
 * A TCP proxy in front of a test database that can lose its connections without a word: what a
 * failover, a restarted pooler or a NAT that forgot a connection does to a pool. `sever()` closes
 * every proxied connection towards the database (its backend ends) but leaves the client's side
 * open and silent; the client learns of it only when it next writes, from a reset (ECONNRESET). So a
 * statement sent on such a connection never reaches the database.
 */
export interface SeveringProxy {
  port: number
  /** Loses every current connection silently; the number lost. New connections go through as before. */
  sever(): number
  close(): Promise<void>
}

const ignore = () => undefined

export async function startProxy(targetPort: number): Promise<SeveringProxy> {
  const links = new Set<{ severed: boolean; client: Socket; upstream: Socket }>()
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1')
    const link = { severed: false, client, upstream }
    links.add(link)
    client.on('error', ignore)
    upstream.on('error', ignore)
    client.on('data', (chunk) => (link.severed ? client.resetAndDestroy() : upstream.write(chunk)))
    upstream.on('data', (chunk) => {
      if (!link.severed) client.write(chunk)
    })
    // An end on either side (PostgreSQL stopping, the pool closing a client) is passed on as it is.
    client.on('end', () => upstream.end())
    upstream.on('end', () => {
      if (!link.severed) client.end()
    })
    client.on('close', () => {
      links.delete(link)
      upstream.destroy()
    })
    upstream.on('close', () => {
      if (!link.severed) client.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    port,
    sever() {
      let lost = 0
      for (const link of links) {
        if (link.severed) continue
        link.severed = true
        link.upstream.destroy()
        lost += 1
      }
      return lost
    },
    async close() {
      for (const link of links) {
        link.client.destroy()
        link.upstream.destroy()
      }
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
