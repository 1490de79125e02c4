/**
 * The statement budget: how many SQL statements one request runs, per endpoint, counted on the
 * database the app is given. A budget is a ceiling a list must keep whatever its length — a
 * service that loops over rows calling a repository (N+1) goes over it as the data grows. Each
 * request is a signed-in user's first (its session is looked up, not cached), so the figures hold
 * for a cold request. The table is printed.
 */
import type { LightMyRequestResponse } from 'fastify'
import { API } from '../../types/routes'
import { buildApp, seedDemo } from '../app'
import type { Database, Transaction } from '../db'
import { issuePartnerKey } from '../admin/partners'
import { createSqlStore } from '../repositories'
import { freshDatabase } from './support/database'
import { DEMO, newKey, validReport } from './support/world'

interface Counter {
  statements: number
  transactions: number
}

/** The database with every statement counted, inside transactions too. */
function counting(db: Database, counter: Counter): Database {
  const countTx = (tx: Transaction): Transaction => ({
    query: (sql, params) => {
      counter.statements++
      return tx.query(sql, params)
    },
    exec: (sql) => tx.exec(sql),
  })
  return {
    kind: db.kind,
    query: (sql, params) => {
      counter.statements++
      return db.query(sql, params)
    },
    exec: (sql) => db.exec(sql),
    transaction: (fn) => {
      counter.transactions++
      return db.transaction((tx) => fn(countTx(tx)))
    },
    close: () => db.close(),
  }
}

const counter: Counter = { statements: 0, transactions: 0 }
let db: Database
let app: ReturnType<typeof buildApp>
const figures: Array<{ endpoint: string; statements: number; transactions: number; budget: number }> = []

beforeAll(async () => {
  db = await freshDatabase()
  await seedDemo(db)
  app = buildApp({ db: counting(db, counter), demo: true, rateLimits: { submit: { max: 10_000, timeWindowMs: 60_000 }, signIn: { max: 10_000, timeWindowMs: 60_000 } } })
  await app.ready()
})
afterAll(async () => {
  console.log(
    `statements per request (budget):\n${figures
      .map((f) => `  ${f.endpoint.padEnd(44)} ${String(f.statements).padStart(3)} (≤ ${f.budget})${f.transactions ? `  in ${f.transactions} transaction` : ''}`)
      .join('\n')}`,
  )
  await app.close()
  await db.close()
})

/** A fresh session's headers (so the request pays for its session lookup). */
async function as(userId: string): Promise<Record<string, string>> {
  const response = await app.inject({ method: 'POST', url: `${API.prefix}${API.demoSignIn}`, payload: { userId } })
  return { authorization: `Bearer ${response.json().token}` }
}

/** Sign in as `userId` afresh, then run one request as them and count what it ran; fails on an error answer. */
async function measure(
  endpoint: string,
  budget: number,
  userId: string,
  send: (headers: Record<string, string>) => Promise<LightMyRequestResponse>,
): Promise<LightMyRequestResponse> {
  const headers = await as(userId)
  counter.statements = 0
  counter.transactions = 0
  const response = await send(headers)
  if (response.statusCode >= 400) throw new Error(`${endpoint}: ${response.statusCode} ${response.body}`)
  figures.push({ endpoint, statements: counter.statements, transactions: counter.transactions, budget })
  expect({ endpoint, statements: counter.statements }).toEqual({ endpoint, statements: expect.any(Number) })
  if (counter.statements > budget) throw new Error(`${endpoint} ran ${counter.statements} statements; its budget is ${budget}`)
  return response
}

const url = (path: string) => `${API.prefix}${path}`

async function fileAs(headers: Record<string, string>, description: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: url(API.reports), headers: { ...headers, 'idempotency-key': newKey() }, payload: validReport({ description }) })
  return response.json().id
}

describe('the statement budget', () => {
  it('keeps the unread count of a resident with 25 threads at 3 statements, whatever the number of threads', async () => {
    const wang = await as(DEMO.owner)
    const zhang = await as(DEMO.staff)
    for (let i = 0; i < 25; i++) {
      const id = await fileAs(wang, `南门口第${i + 1}处路面破损，雨天积水很深`)
      const posted = await app.inject({ method: 'POST', url: url(API.reportMessages(id)), headers: zhang, payload: { body: `已收到第${i + 1}条，马上安排。` } })
      expect(posted.statusCode).toBe(201)
    }
    const response = await measure('GET /messages/unread-count (25 threads)', 3, DEMO.owner, (headers) => app.inject({ url: url(API.messagesUnreadCount), headers }))
    expect(response.json().count).toBeGreaterThanOrEqual(25)
    const threads = await measure('GET /threads (25 threads)', 3, DEMO.owner, (headers) => app.inject({ url: url(API.threads), headers }))
    expect(threads.json().length).toBeGreaterThanOrEqual(25)
    await measure('GET /threads (staff, whole community)', 3, DEMO.staff, (headers) => app.inject({ url: url(API.threads), headers }))
  })

  it('keeps every endpoint within its budget', async () => {
    const wang = await as(DEMO.owner)
    const id = await fileAs(wang, '3号楼门口的路灯坏了，晚上很黑')
    const read = (path: string) => (headers: Record<string, string>) => app.inject({ url: url(path), headers })
    await measure('GET /session', 1, DEMO.owner, read(API.session))
    await measure('GET /community (resident)', 6, DEMO.owner, read(API.community))
    await measure('GET /community (staff)', 7, DEMO.staff, read(API.community))
    await measure('GET /reports/mine', 2, DEMO.owner, read(API.myReports))
    await measure('GET /reports/public', 2, DEMO.owner, read(API.publicReports))
    await measure('GET /reports/:id', 3, DEMO.owner, read(API.report(id)))
    await measure('POST /reports', 8, DEMO.owner, (headers) =>
      app.inject({ method: 'POST', url: url(API.reports), headers: { ...headers, 'idempotency-key': newKey() }, payload: validReport({ description: '楼下的井盖松动了，走上去会响' }) }),
    )
    await measure('GET /inbox', 2, DEMO.staff, read(API.inbox))
    // A handler's detail names whom to call (one statement: UserRepository.findContact).
    await measure('GET /reports/:id (staff)', 4, DEMO.staff, read(API.report(id)))
    // A reveal writes its audit event in its own transaction (ADR 0025).
    await measure('POST /reports/:id/reporter-phone', 4, DEMO.staff, (headers) => app.inject({ method: 'POST', url: url(API.reporterPhone(id)), headers, payload: { reason: 'follow_up' } }))
    // A handler's move writes its audit event in its own transaction (issue 13): one more statement.
    await measure('POST /reports/:id/actions/accept', 9, DEMO.staff, (headers) => app.inject({ method: 'POST', url: url(API.move(id, 'accept')), headers, payload: {} }))
    await measure('GET /threads/:id/messages', 3, DEMO.owner, read(API.threadMessages(`report:${id}`)))
    // The thread, the insert and the read mark, and the sender's messages this hour and today (the quota: one statement).
    await measure('POST /reports/:id/messages', 5, DEMO.owner, (headers) =>
      app.inject({ method: 'POST', url: url(API.reportMessages(id)), headers, payload: { body: '谢谢，麻烦尽快。' } }),
    )
    const notices = await measure('GET /notices', 2, DEMO.owner, read(API.notices))
    const noticeId = notices.json().items[0].id
    await measure('GET /notices/unread-count', 2, DEMO.owner, read(API.noticesUnreadCount))
    await measure('GET /notices/:id', 2, DEMO.owner, read(API.notice(noticeId)))
    await measure('GET /notices/:id/receipts', 5, DEMO.staff, read(API.noticeReceipts(noticeId)))
    // With the author's notices of the day (the quota: one statement).
    await measure('POST /notices', 5, DEMO.staff, (headers) =>
      app.inject({
        method: 'POST',
        url: url(API.notices),
        headers,
        payload: { title: '停水通知', body: '明天上午9点到11点停水。', scope: { kind: 'community' }, urgent: false, pinned: false },
      }),
    )
    // 我发的通知 with read counts: one statement for the page, however many notices it holds.
    const staffHeaders = await as(DEMO.staff)
    for (let i = 0; i < 12; i++) {
      const published = await app.inject({
        method: 'POST',
        url: url(API.notices),
        headers: staffHeaders,
        payload: { title: `第${i + 1}号通知`, body: '请各位居民留意。', scope: { kind: 'community' }, urgent: false, pinned: false },
      })
      expect(published.statusCode).toBe(201)
    }
    const sent = await measure('GET /notices/sent (staff, 14 notices)', 2, DEMO.staff, read(`${API.noticesSent}?limit=20`))
    expect(sent.json().items.length).toBeGreaterThanOrEqual(14)
    const to = new Date()
    const from = new Date(to.getTime() - 30 * 86_400_000)
    await measure('GET /dashboard', 3, DEMO.staff, read(`${API.dashboard}?from=${from.toISOString()}&to=${to.toISOString()}`))
  })

  it('keeps the lists of belonging flat: 12 claims, 12 invites, the people, my household and my data', async () => {
    const store = createSqlStore(db)
    for (let i = 0; i < 12; i++) {
      const id = `u-claimant-${i}`
      await store.users.upsertWeChatUser({ id, openid: `o-claimant-${i}`, name: '微信用户', at: new Date().toISOString() })
      await store.users.setCommunity(id, 'c-yingyue')
      await store.claims.insert({ id: `hc_${i}`, communityId: 'c-yingyue', userId: id, buildingId: 'b-3', room: '402', name: `申请人${i}`, phone: '13900000000', status: 'pending', createdAt: new Date(Date.now() + i).toISOString() })
    }
    const admin = await as(DEMO.admin)
    for (let i = 0; i < 12; i++) {
      const made = await app.inject({ method: 'POST', url: url(API.invites), headers: admin, payload: { role: 'grid_worker', gridIds: ['g-1'], buildingIds: [], note: `第${i + 1}位`, expiresInHours: 24 } })
      expect(made.statusCode).toBe(201)
    }
    const read = (path: string) => (headers: Record<string, string>) => app.inject({ url: url(path), headers })
    const claims = await measure('GET /household-claims (12 pending)', 2, DEMO.staff, read(`${API.claims}?limit=20`))
    expect(claims.json().items.length).toBe(12)
    const invites = await measure('GET /invites (12)', 2, DEMO.admin, read(API.invites))
    expect(invites.json().length).toBeGreaterThanOrEqual(12)
    await measure('GET /people', 2, DEMO.admin, read(API.people))
    await measure('GET /households/mine', 4, DEMO.owner, read(API.myHousehold))
    await measure('GET /profile', 6, DEMO.owner, read(API.profile))
    // One statement per kind of record (about a dozen tables), whatever their number; the names of booked services one more.
    await measure('GET /profile/export', 16, DEMO.owner, read(API.profileExport))
    await measure('GET /communities?q=', 2, DEMO.owner, read(`${API.communities}?q=${encodeURIComponent('社区')}`))
  })

  it('keeps the consultation’s lists flat: proposals, discussions, disclosures, conventions and votes', async () => {
    const [wang, staff] = await Promise.all([as(DEMO.owner), as(DEMO.staff)])
    const post = (headers: Record<string, string>, path: string, payload: object) =>
      app.inject({ method: 'POST', url: url(path), headers: { ...headers, 'idempotency-key': newKey() }, payload })
    const read = (path: string) => (headers: Record<string, string>) => app.inject({ url: url(path), headers })
    const lists: Array<[string, string, string]> = [
      ['GET /proposals', DEMO.owner, `${API.proposals}?limit=50`],
      ['GET /votes', DEMO.owner, `${API.votes}?limit=50`],
      ['GET /disclosures', DEMO.owner, `${API.disclosures}?limit=50`],
      ['GET /conventions', DEMO.owner, API.conventions],
      ['GET /consultation/overview', DEMO.owner, API.consultationOverview],
    ]
    // On the demo's data, then with 12 more of each.
    const votesNow = async () => (await app.inject({ url: url(`${API.votes}?limit=50`), headers: wang })).json().items.length as number
    // The vote views read counts, my household's receipts and roll, the buildings, the titles of what
    // the votes decide and the tallies of the results I may see: one statement each, for any number of votes.
    const budgets: Record<string, number> = {
      'GET /proposals': 3,
      'GET /disclosures': 4,
      'GET /conventions': 6,
      'GET /votes': 8,
      'GET /consultation/overview': 14,
    }
    const before = new Map<string, number>()
    const demoVotes = await votesNow()
    for (const [endpoint, userId, path] of lists) {
      await measure(`${endpoint} (demo, ${endpoint === 'GET /votes' ? `${demoVotes} votes` : 'as seeded'})`, budgets[endpoint], userId, read(path))
      before.set(endpoint, figures[figures.length - 1].statements)
    }
    let proposalId = ''
    // Three residents raise them: five proposals a week each is the quota (ADR 20).
    const authors = [wang, ...(await Promise.all([as(DEMO.neighbour), as(DEMO.chen)]))]
    for (let i = 0; i < 12; i++) {
      const p = await post(authors[i % 3], API.proposals, { title: `第${i + 1}个议题：增设休息座椅`, body: '老人买菜回来想歇一歇都没地方，建议增设休息座椅。', photoIds: [] })
      expect(p.statusCode).toBe(201)
      proposalId = p.json().id
      // Every other vote, the newest among them, decides a proposal put on the agenda (its title is read with the vote).
      const decides = i % 2 === 1
      if (decides) expect((await post(staff, API.proposalAnswer(proposalId), { kind: 'agenda', reason: '列入议事会' })).statusCode).toBe(200)
      const closesAt = new Date(Date.now() + 2 * 3_600_000).toISOString()
      const v = await post(staff, API.votes, {
        title: `第${i + 1}项表决`,
        description: '',
        kind: 'approval',
        options: [],
        scope: { kind: 'community' },
        closesAt,
        quorumPercent: 50,
        majority: 'simple',
        publicityDays: 7,
        ...(decides ? { proposalId } : {}),
      })
      expect(v.statusCode).toBe(201)
      const d = await post(staff, API.disclosures, { category: 'affairs', period: { year: 2026, month: 11 }, title: `第${i + 1}期居务公开`, body: '本期公开内容。', photoIds: [] })
      expect(d.statusCode).toBe(201)
      const c = await post(wang, `${API.discussions}?kind=proposal&id=${proposalId}`, { body: `第${i + 1}条发言`, stance: 'for' })
      expect(c.statusCode).toBe(201)
    }
    // The same budget with 12 more of each: a list that loops over its rows would grow.
    const growth: Record<string, number> = {}
    for (const [endpoint, userId, path] of lists) {
      await measure(`${endpoint} (+12 each${endpoint === 'GET /votes' ? `, ${demoVotes + 12} votes` : ''})`, budgets[endpoint], userId, read(path))
      growth[endpoint] = figures[figures.length - 1].statements - before.get(endpoint)!
    }
    console.log(`consultation lists, statements added by 12 more of each: ${JSON.stringify(growth)}`)
    expect(await votesNow()).toBe(demoVotes + 12)
    expect(growth).toEqual({ 'GET /proposals': 0, 'GET /votes': 0, 'GET /disclosures': 0, 'GET /conventions': 0, 'GET /consultation/overview': 0 })
    // A page of 1 vote and a page of 12 cost the same (the newest: the first on a proposal, then half of them;
    // what a page costs depends on the kinds of votes it holds — on a proposal, with a result I may see — never on how many).
    const one = await measure('GET /votes?limit=1', budgets['GET /votes'], DEMO.owner, read(`${API.votes}?limit=1`))
    const oneCount = figures[figures.length - 1].statements
    const twelve = await measure('GET /votes?limit=12', budgets['GET /votes'], DEMO.owner, read(`${API.votes}?limit=12`))
    expect([one.json().items.length, twelve.json().items.length]).toEqual([1, 12])
    expect(twelve.json().items.filter((v: { proposal?: { title: string } }) => v.proposal?.title.includes('增设休息座椅'))).toHaveLength(6)
    expect(figures[figures.length - 1].statements).toBe(oneCount)
    await measure('GET /discussions (12 contributions)', 4, DEMO.owner, read(`${API.discussions}?kind=proposal&id=${proposalId}`))
    await measure('GET /proposals/:id', 5, DEMO.owner, read(API.proposal(proposalId)))
  })

  it('keeps the Open311 endpoint flat: a key lookup and one list, however many requests (ADR 27)', async () => {
    const { key } = await issuePartnerKey(db, 'YYDEMO', '统计用合作系统')
    const v2 = (path: string, query = '') => () => app.inject({ url: `/open311/v2/${path}?api_key=${key}${query}` })
    const post = () =>
      app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ api_key: key, service_code: 'cat-road', address_string: '映月社区南门口', description: '南门口的路面有一个大坑' }).toString(),
      })
    const posted = await measure('POST /open311/v2/requests.json', 9, DEMO.owner, post)
    const number = posted.json()[0].service_request_id
    await measure('GET /open311/v2/services.json', 2, DEMO.owner, v2('services.json'))
    await measure('GET /open311/v2/services/:code.json', 2, DEMO.owner, v2('services/cat-road.json'))
    const few = await measure('GET /open311/v2/requests.json', 2, DEMO.owner, v2('requests.json', '&extensions=true'))
    for (let i = 0; i < 12; i++) expect((await post()).statusCode).toBe(201)
    const many = await measure('GET /open311/v2/requests.json (+12)', 2, DEMO.owner, v2('requests.json', '&extensions=true'))
    expect(many.json().length).toBe(few.json().length + 12)
    await measure('GET /open311/v2/requests/:id.json', 2, DEMO.owner, v2(`requests/${number}.json`))
  })

  it('keeps booking and cancelling a seat at their budgets (a write on the hot path of the booking desk)', async () => {
    const staff = await as(DEMO.staff)
    const service = await app.inject({
      method: 'POST',
      url: url(API.services),
      headers: { ...staff, 'idempotency-key': newKey() },
      payload: {
        name: '法律咨询（计数）',
        kind: 'legal',
        description: '统计语句用的坐班服务。',
        location: { kind: 'address', address: '映月社区党群服务中心' },
        provider: '王律师',
        durationMinutes: 30,
        bufferMinutes: 0,
        capacity: 5,
        eligibility: [],
        questions: [],
        requiresConfirmation: false,
        rules: { minNoticeMinutes: 0, maxDaysAhead: 14, changeCutoffMinutes: 0 },
        hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
        exceptions: [],
        status: 'published',
      },
    })
    expect(service.statusCode).toBe(201)
    const day = new Date(Date.now() + 8 * 3_600_000 + 2 * 86_400_000).toISOString().slice(0, 10)
    const days = await app.inject({ url: url(`${API.serviceSlots(service.json().id)}?from=${day}&to=${day}`), headers: staff })
    const slot = days.json()[0].slots.find((s: { bookable: boolean }) => s.bookable).startsAt as string
    // The line's look, the seat under the household's and the slot's locks, the reminders in one
    // write; the answer shaped from what was written (no read back) and the community's buildings.
    const booked = await measure('POST /bookings', 15, DEMO.owner, (headers) =>
      app.inject({ method: 'POST', url: url(API.bookings), headers: { ...headers, 'idempotency-key': newKey() }, payload: { serviceId: service.json().id, startsAt: slot, answers: {} } }),
    )
    expect(booked.json()).toMatchObject({ status: 'confirmed', startsAt: slot, service: { id: service.json().id } })
    const cancelled = await measure('POST /bookings/:id/cancel', 8, DEMO.owner, (headers) =>
      app.inject({ method: 'POST', url: url(API.bookingStep(booked.json().id, 'cancel')), headers, payload: { reason: '临时有事' } }),
    )
    expect(cancelled.json()).toMatchObject({ id: booked.json().id, status: 'cancelled' })
  })

  it('counts the statements the app runs, and only those', async () => {
    counter.statements = 0
    await app.inject({ url: url(API.session), headers: await as(DEMO.owner) })
    const one = counter.statements
    counter.statements = 0
    await db.query('SELECT 1')
    expect(counter.statements).toBe(0) // the raw database is not counted, the app's is
    expect(one).toBeGreaterThan(0)
  })
})
