/**
 * The reference server for the contract tests, in a process of its own (run with tsx): jest's
 * CommonJS module system cannot load the ESM-only `typebox` the server uses at run time, and a real
 * process is what the app talks to anyway. Listens on a free loopback port and prints
 * `{"port":N}` on its first stdout line. `DATABASE_URL` set: PostgreSQL; unset: in-memory PGlite.
 * Exits when its stdin closes (the test process ended, however it ended) or on SIGTERM.
 *
 * `LINLI_TEST_CLOCK=1`: the server's clock (every rule's `now`) is real time plus an offset that
 * starts at 0; a stdin line `advance <ms>` moves it on by that much and is answered by the stdout line
 * `clock <ISO time now>`, once the new time holds (so a test can close a vote or end a window).
 *
 * `LINLI_TEST_OPEN311_PARTNER=<社区码>`: an Open311 partner key is issued for that community, as an
 * admin does (`npm run admin -- open311-key`), and given on the first line as `open311Key`.
 */
import type { AddressInfo } from 'node:net'
import { issuePartnerKey } from '../../../server/admin/partners'
import { buildApp, createDatabase, migrate, seedDemo } from '../../../server/app'
import { loadContentWords } from '../../../server/content-words'
import { createSqlStore } from '../../../server/repositories'
import { strictestOf, type ContentCheck } from '../../../src/core/context'
import { wordList, wordListCheck } from '../../../src/domain/moderation/words'
import { keywordCheck } from '../../support/keyword-check'
import { CONTRACT_COMMUNITIES } from './fixtures'

// The suite signs in and files far more often per minute than a person would.
const GENEROUS = { max: 100_000, timeWindowMs: 60_000 }

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL || undefined
  const db = await createDatabase({ databaseUrl })
  await migrate(db)
  await seedDemo(db)
  // The communities the suite needs besides the demo one (another one, and one with no grid yet).
  for (const setup of CONTRACT_COMMUNITIES) await createSqlStore(db).directory.createCommunity(setup, new Date().toISOString())
  const partnerOf = process.env.LINLI_TEST_OPEN311_PARTNER
  const open311Key = partnerOf ? (await issuePartnerKey(db, partnerOf, '契约测试城市服务平台')).key : undefined
  const testClock = process.env.LINLI_TEST_CLOCK === '1'
  let offsetMs = 0
  const now = () => new Date(Date.now() + offsetMs)
  // The tests' content check (issue 13): 【审核】 holds a text, 【拒绝】 refuses it, as on the memory adapter;
  // with LINLI_CONTENT_WORDS, also the word list file the server reads (server/content-words.ts), as it does.
  const contentCheck = withWordList(keywordCheck(), process.env.LINLI_CONTENT_WORDS)
  const app = buildApp({ db, demo: true, rateLimits: { submit: GENEROUS, signIn: GENEROUS, redeem: GENEROUS, upload: GENEROUS, write: GENEROUS }, contentCheck, ...(testClock ? { now } : {}) })
  await app.listen({ port: 0, host: '127.0.0.1' })
  process.stdout.write(`${JSON.stringify({ port: (app.server.address() as AddressInfo).port, db: db.kind, ...(open311Key ? { open311Key } : {}) })}\n`)

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
  process.stdin.on('end', stop)
  if (testClock) {
    let pending = ''
    process.stdin.setEncoding('utf8')
    process.stdin.on('data', (chunk: string) => {
      pending += chunk
      let newline = pending.indexOf('\n')
      while (newline >= 0) {
        const line = pending.slice(0, newline).trim()
        pending = pending.slice(newline + 1)
        newline = pending.indexOf('\n')
        const advance = /^advance (\d+)$/.exec(line)
        if (advance) {
          offsetMs += Number(advance[1])
          process.stdout.write(`clock ${now().toISOString()}\n`)
        } else if (line) console.error(`serve.ts: unknown stdin line ${JSON.stringify(line)}`)
      }
    })
  }
  process.stdin.resume()
  process.once('SIGTERM', stop)
}

/** The keyword check, and the word list file when one is named (a bad file stops the server, as server/config.ts does). */
function withWordList(check: ContentCheck, path: string | undefined): ContentCheck {
  if (!path) return check
  const problems: string[] = []
  const words = loadContentWords(path, problems)
  if (problems.length) throw new Error(problems.join('\n'))
  return strictestOf([check, wordListCheck(wordList(words.entries))])
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
