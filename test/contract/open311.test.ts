/**
 * The report contract over the Open311 adapter (src/api/open311) talking, over real sockets, to the
 * in-repo GeoReport v2 fake (test/support/open311-fake.ts): once as the spec says, then once with
 * each way real servers deviate switched on (issue 14, point 2). The same suite runs on Linli's own
 * backends (memory.test.ts, http-pglite.test.ts, http-postgres.test.ts) and on our server's `/open311/v2/` (open311-own-server.test.ts).
 */
import { createOpen311Client } from '../../src/api/open311/client'
import { fetchTextTransport } from '../../src/api/open311/transport'
import { memoryStorage } from '../../src/platform/storage'
import { startOpen311Fake, type Open311Switches } from '../support/open311-fake'
import { defineReportSuite, type ReportBackend } from './report-suite'

jest.mock('@tarojs/taro', () => require('../support/taro-node'))
jest.setTimeout(30_000)

async function fakeBackend(switches: Partial<Open311Switches>): Promise<ReportBackend> {
  const fake = await startOpen311Fake({ switches, jurisdictionId: 'city.example' })
  const transport = fetchTextTransport()
  const requestOf = (number: string) => {
    const found = fake.requests().find((r) => String(r.id) === number)
    if (!found) throw new Error(`the fake has no request ${number}`)
    return found
  }
  return {
    async resident() {
      return createOpen311Client({
        baseUrl: fake.url,
        apiKey: fake.apiKey,
        jurisdictionId: 'city.example',
        name: '测试市城市服务平台',
        storage: memoryStorage(),
        transport,
        timeoutMs: 5_000,
        // Every read asks the city again (the polling interval has its own test).
        pollIntervalMs: 0,
        tokenWaitMs: 5,
      })
    },
    categoryId: 'open311:pothole',
    location: { kind: 'point', latitude: 31.5912, longitude: 120.3011, name: '人民路口', address: '人民路与解放路交叉口' },
    async handle(report, step, note) {
      const request = requestOf(report.number)
      if (step === 'start') {
        fake.move(String(request.id), 'in_progress', note)
        // Folded into `open` by a server without mySociety's statuses: still 已提交, with the city's words.
        return fake.switches.extendedStatuses ? 'in_progress' : 'submitted'
      }
      fake.move(String(request.id), fake.switches.extendedStatuses ? 'fixed' : 'closed', note)
      return 'resolved'
    },
    questions: {
      categoryId: 'open311:streetlight',
      answers: { pole: 'A-17', kind: 'off', count: '2', since: '2026-11-30T20:00:00+08:00', more: '灯罩掉了', hazards: ['wire', 'dark'] },
      required: 'pole',
      received: async (report) => requestOf(report.number).attributes,
    },
    teardown: () => fake.close(),
  }
}

const DEVIATIONS: Array<[string, Partial<Open311Switches>]> = [
  ['ids as integers', { idsAsIntegers: true }],
  ['POST answered 200', { postStatus: 200 }],
  ['POST answered with the full request', { postAnswer: 'full' }],
  ['absent keys instead of null', { nulls: 'absent' }],
  ['"" instead of null', { nulls: 'empty' }],
  ['an unknown id answered 200 []', { unknownId: 'empty' }],
  ['errors as an object', { errors: 'object' }],
  ['errors as an HTML page with a 500', { errors: 'html' }],
  ['a refused key answered 400', { keyRefusal: 400 }],
  ['timestamps at +08:00 with milliseconds', { offsetMinutes: 480, fractionDigits: 3 }],
  ['timestamps at -05:00 with microseconds', { offsetMinutes: -300, fractionDigits: 6 }],
  ['paging by page/page_size', { paging: { pageSize: 2, maxPageSize: 5 } }],
  ['a token before the id', { tokenFirst: { pendingPolls: 2 } }],
  ['mySociety extended statuses', { extendedStatuses: true }],
  ['mySociety servicerequestupdates', { updates: true }],
]

defineReportSuite('Open311 adapter + GeoReport v2 fake (as the spec says)', () => fakeBackend({}))
for (const [name, switches] of DEVIATIONS) defineReportSuite(`Open311 adapter + GeoReport v2 fake (${name})`, () => fakeBackend(switches))
