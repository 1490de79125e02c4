/**
 * The report contract over a round trip between our client and our server: the Open311 adapter
 * (src/api/open311) talking, over real sockets, to the reference server's own `/open311/v2/`
 * (ADR 27) with a partner key an admin issued for 映月社区 — on PGlite, and on PostgreSQL where it
 * is installed (required in CI). The handler side is the community's staff member 张敏 through the
 * HTTP adapter: what she writes reaches the city-side client as `status_notes` and extended statuses.
 */
import type { ApiClient } from '../../src/api/client'
import { createHttpClient } from '../../src/api/http/client'
import { fetchTransport } from '../../src/api/http/fetch-transport'
import { createOpen311Client } from '../../src/api/open311/client'
import { fetchTextTransport } from '../../src/api/open311/transport'
import { memoryStorage } from '../../src/platform/storage'
import type { Report, ReportSummary } from '../../types/domain'
import { onPostgres } from '../../server/test/support/on-postgres'
import { startPostgresFor } from '../../server/test/support/pg'
import { defineReportSuite, type ReportBackend } from './report-suite'
import { startServer } from './support/server-process'

jest.mock('@tarojs/taro', () => require('../support/taro-node'))
jest.setTimeout(60_000)

/** 映月社区's 社区码 (src/domain/demo-community.ts). */
const YINGYUE = 'YYDEMO'

async function ownServer(databaseUrl?: string, stopDatabase?: () => Promise<void>): Promise<ReportBackend> {
  const server = await startServer({ databaseUrl, open311Partner: YINGYUE })
  const key = server.open311Key
  if (!key) throw new Error('the server issued no Open311 partner key')
  let staff: ApiClient | null = null
  const staffClient = async () => {
    if (!staff) {
      staff = createHttpClient({ baseUrl: server.baseUrl, storage: memoryStorage(), transport: fetchTransport(), timeoutMs: 10_000 })
      await staff.session.signInDemo('u-zhang')
    }
    return staff
  }
  /** The report behind a city-side report: its number is the request's id. */
  const linliReport = async (report: Report): Promise<ReportSummary> => {
    const api = await staffClient()
    let cursor: string | undefined
    for (let page = 0; page < 100; page++) {
      const got = await api.handling.listInbox({ cursor, limit: 50 })
      const found = got.items.find((r) => r.number === report.number)
      if (found) return found
      cursor = got.nextCursor
      if (!cursor) break
    }
    throw new Error(`staff's inbox has no report ${report.number}`)
  }
  return {
    async resident() {
      return createOpen311Client({
        baseUrl: `${server.baseUrl}/open311/v2`,
        apiKey: key,
        jurisdictionId: YINGYUE,
        name: '映月社区',
        storage: memoryStorage(),
        transport: fetchTextTransport(),
        timeoutMs: 10_000,
        pollIntervalMs: 0,
      })
    },
    categoryId: 'open311:cat-light',
    location: { kind: 'text', address: '映月社区3号楼北侧路口' },
    async handle(report, step, note) {
      const api = await staffClient()
      const { id } = await linliReport(report)
      if (step === 'start') {
        await api.handling.accept(id, { note })
        return 'accepted' // investigating, read with extensions=true
      }
      await api.handling.assign(id, { assignee: { kind: 'user', id: 'u-zhang' } })
      await api.handling.resolve(id, { note })
      return 'resolved' // fixed
    },
    teardown: async () => {
      await server.stop()
      await stopDatabase?.()
    },
  }
}

defineReportSuite('Open311 adapter + our own /open311/v2/ on PGlite', () => ownServer())

onPostgres('the report contract (Open311 adapter + our own /open311/v2/)', () => {
  defineReportSuite('Open311 adapter + our own /open311/v2/ on PostgreSQL', () => startPostgresFor((pg) => ownServer(pg.url, pg.stop)))
})
