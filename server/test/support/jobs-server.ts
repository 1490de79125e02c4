/**
 * The reference server as `server.ts` runs it — configuration from the environment (DATABASE_URL or
 * LINLI_DATA_DIR, WECHAT_*, LINLI_SUBSCRIBE_*, LINLI_JOBS_EVERY_MS), WeChat sign-in and subscribe
 * messages — but on a test clock, for the reminder tests (booking-reminders.test.ts). Run with tsx
 * in a process of its own; prints `{"port":N}` on its first stdout line; logs go to stderr (JSON).
 *
 * The clock stands still at LINLI_TEST_CLOCK_AT (an ISO instant); a stdin line `set <ISO instant>`
 * moves it there, answered by `clock <ISO>` once it holds. Closes gracefully when stdin ends or on
 * SIGTERM (the tests also kill it with SIGKILL, as a crash would).
 */
import type { AddressInfo } from 'node:net'
import { buildApp, createDatabase, createWeChatAuth, migrate, WeChatSubscribeNotifier } from '../../app'
import { loadConfig } from '../../config'

async function main(): Promise<void> {
  const config = loadConfig(process.env, { serving: true })
  const start = Date.parse(process.env.LINLI_TEST_CLOCK_AT ?? '')
  if (Number.isNaN(start)) throw new Error('jobs-server.ts: LINLI_TEST_CLOCK_AT must be an ISO instant')
  let clock = new Date(start)
  const weChat = config.weChat
  if (!weChat || !config.subscribe) throw new Error('jobs-server.ts: WeChat and LINLI_SUBSCRIBE_TEMPLATE_ID must be configured')
  const db = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  await migrate(db)
  const app = buildApp({
    db,
    demo: config.demo,
    publicUrl: config.publicUrl,
    weChatAuth: createWeChatAuth({ appId: weChat.appId, secret: weChat.secret, baseUrl: weChat.baseUrl }),
    // WeChat given 30 s (not 5) to answer: a test holding a send must kill its process before it gives up, on a busy machine too.
    notifier: new WeChatSubscribeNotifier({ appId: weChat.appId, secret: weChat.secret, baseUrl: weChat.baseUrl, timeoutMs: 30_000, ...config.subscribe }),
    now: () => clock,
    jobsEveryMs: config.jobsEveryMs,
    rateLimits: { submit: { max: 100_000, timeWindowMs: 60_000 }, signIn: { max: 100_000, timeWindowMs: 60_000 } },
    logger: { level: config.logLevel, stream: process.stderr },
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  process.stdout.write(`${JSON.stringify({ port: (app.server.address() as AddressInfo).port, db: db.kind })}\n`)

  let closing = false
  const stop = () => {
    if (closing) return
    closing = true
    app
      .close()
      .then(() => db.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error)
          process.exit(1)
        },
      )
  }
  let pending = ''
  process.stdin.setEncoding('utf8')
  process.stdin.on('data', (chunk: string) => {
    pending += chunk
    for (let newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n')) {
      const line = pending.slice(0, newline).trim()
      pending = pending.slice(newline + 1)
      const set = /^set (\S+)$/.exec(line)
      if (set && !Number.isNaN(Date.parse(set[1]))) {
        clock = new Date(set[1])
        process.stdout.write(`clock ${clock.toISOString()}\n`)
      } else if (line) console.error(`jobs-server.ts: unknown stdin line ${JSON.stringify(line)}`)
    }
  })
  process.stdin.on('end', stop)
  process.stdin.resume()
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
