import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { WeChatLoginError } from '../../src/core/context'
import { DEMO_SERVICES } from '../../src/domain/demo-booking'
import { DEMO_STRUCTURE } from '../../src/domain/demo-structure'
import { buildApp, seedDemo, type Database } from '../app'
import { onEveryDatabase } from './support/each-database'
import {
  derivedVariants,
  describeRequest,
  genericVariants,
  multipartFile,
  operationsOf,
  Sampler,
  Schemas,
  seeded,
  shuffled,
  validParts,
  compose,
  type Examples,
  type FuzzRequest,
  type Json,
  type OpenApiDocument,
  type Operation,
} from './support/fuzz'
import { png } from './support/images'
import { DEMO, validReport, type Headers } from './support/world'

/**
 * The schema-driven fuzzer (issue 13): every operation of the OpenAPI document × every role of the
 * demo community (and no session, and a resident of another community) × at least 20 malformed
 * variants derived from the operation's schemas, plus a valid request of each built from the
 * schemas and the seeded data. Every answer is below 500, and every 4xx is the contract's typed
 * error `{ error: { kind, message } }` with a Chinese message. On PGlite and on PostgreSQL; each
 * prints its counts. Deterministic: a fixed seed and clock (only the seeded ids are random).
 */

const SEED = 0x1e11
/** The clock of the app and of the seed: the requests' dates are the same on every run. */
const NOW = new Date('2026-11-10T02:00:00.000Z')
const DAY = 86_400_000
/** Malformed variants every role sends per operation: generic ones and its share of the derived ones. */
const MIN_VARIANTS_PER_ROLE = 20
/** Derived from the operation's schemas, per role the valid request does not admit (where there are that many). */
const DERIVED_PER_ROLE = 10
/** Generic variants per role at least (broken URLs, tokens, content types and JSON). */
const GENERIC_PER_ROLE = 6
/** Derived variants per operation at most, shared by the roles the valid request admits. */
const DERIVED_PER_OPERATION = 120
const GENEROUS = { max: 1_000_000_000, timeWindowMs: 60_000 }

interface Role {
  name: string
  user: string | null
}

const ROLES: Role[] = [
  { name: 'resident', user: DEMO.owner },
  { name: 'building leader', user: DEMO.leader },
  { name: 'grid worker', user: DEMO.gridWorker2 },
  { name: 'staff', user: DEMO.staff },
  { name: 'admin', user: DEMO.admin },
  { name: 'no session', user: null },
  // 春晖社区, seeded beside 映月社区 by the demo seed.
  { name: 'resident of another community', user: 'ch-u-lin' },
]

/**
 * Operations whose valid requests take something away (a session, an account, a home, a role, the
 * structure): fuzzed last, in this order, so that the others run against the seeded data.
 */
const LAST = [
  'PUT /api/v1/admin/structure',
  'POST /api/v1/people/{userId}/revoke',
  'POST /api/v1/households/members/{userId}/remove',
  'POST /api/v1/households/mine/leave',
  'POST /api/v1/me/community',
  'DELETE /api/v1/session',
  // Its first variant that the route accepts (an unknown query parameter is not refused) deletes the account.
  'DELETE /api/v1/profile',
]

/**
 * Not in the document on purpose: the API's documentation itself, and Open311 GeoReport v2 for
 * partner systems (ADR 27), whose errors are GeoReport's `[{code, description}]`, not the
 * contract's: server/test/open311-*.test.ts hold it to the spec's field tables and bad input.
 */
const isDocumentation = (route: string) => /^GET \/(docs(\/|$)|openapi\.json$)/.test(route) || /^[A-Z]+ \/open311\/v2(\/|$)/.test(route)
/** Hidden from the document but taking input: fuzzed as if it were documented. */
const HIDDEN_OPERATIONS: Operation[] = [
  { key: 'GET /files/photos/{id}', method: 'GET', path: '/files/photos/{id}', parameters: [{ in: 'path', name: 'id', required: true, schema: { type: 'string', minLength: 1, maxLength: 64 } }], body: null },
]

type Kind = 'report' | 'notice' | 'convention' | 'proposal' | 'contribution' | 'vote' | 'disclosure' | 'service' | 'booking' | 'claim' | 'invite' | 'thread' | 'photo'

/** The path segment before an `{id}`: what kind of object it names. */
const SEGMENT: Record<string, Kind> = {
  reports: 'report',
  notices: 'notice',
  conventions: 'convention',
  proposals: 'proposal',
  contributions: 'contribution',
  votes: 'vote',
  disclosures: 'disclosure',
  services: 'service',
  bookings: 'booking',
  'household-claims': 'claim',
  invites: 'invite',
  threads: 'thread',
  photos: 'photo',
}

/** Ids of the seeded data, in a fixed order, with the person an object is theirs (`owner`) where there is one. */
const TABLES: Record<Kind, { sql: string }> = {
  report: { sql: 'SELECT id, reporter_id AS owner FROM reports WHERE community_id = $1 ORDER BY number' },
  notice: { sql: 'SELECT id FROM notices WHERE community_id = $1 ORDER BY published_at, title' },
  convention: { sql: 'SELECT id FROM conventions WHERE community_id = $1 ORDER BY created_at, title' },
  proposal: { sql: 'SELECT id, author_id AS owner FROM proposals WHERE community_id = $1 ORDER BY created_at, title' },
  contribution: { sql: 'SELECT id, author_id AS owner FROM contributions WHERE community_id = $1 ORDER BY created_at, body' },
  vote: { sql: 'SELECT id FROM votes WHERE community_id = $1 ORDER BY created_at, title' },
  disclosure: { sql: 'SELECT id FROM disclosures WHERE community_id = $1 ORDER BY published_at, title' },
  service: { sql: 'SELECT id FROM services WHERE community_id = $1 ORDER BY created_at, name' },
  booking: { sql: 'SELECT id, person_id AS owner FROM bookings WHERE community_id = $1 ORDER BY starts_at, person_id, created_at' },
  claim: { sql: 'SELECT id, user_id AS owner FROM household_claims WHERE community_id = $1 ORDER BY created_at, room' },
  invite: { sql: 'SELECT id, created_by_id AS owner FROM invites WHERE community_id = $1 ORDER BY created_at, note' },
  thread: { sql: 'SELECT thread_id AS id, min(owner_id) AS owner FROM messages WHERE community_id = $1 GROUP BY thread_id ORDER BY min(seq)' },
  photo: { sql: 'SELECT p.id FROM photos p JOIN users u ON u.id = p.owner_id WHERE u.community_id = $1 ORDER BY p.created_at, p.bytes' },
}

interface Fixtures {
  own: Record<Kind, Array<{ id: string; owner?: string }>>
  foreign: Record<Kind, string[]>
  joinCode: string
  foreignJoinCode: string
  voteOption: string | null
  /** A bookable slot of the first published service. */
  slot: { serviceId: string; startsAt: string } | null
}

const DEMO_COMMUNITY = 'c-yingyue'
const OTHER_COMMUNITY = 'c-chunhui'

async function loadFixtures(db: Database): Promise<Omit<Fixtures, 'slot'>> {
  const own = {} as Fixtures['own']
  const foreign = {} as Fixtures['foreign']
  for (const [kind, table] of Object.entries(TABLES) as Array<[Kind, (typeof TABLES)[Kind]]>) {
    own[kind] = await db.query<{ id: string; owner?: string }>(table.sql, [DEMO_COMMUNITY])
    foreign[kind] = (await db.query<{ id: string }>(table.sql, [OTHER_COMMUNITY])).slice(0, 1).map((r) => r.id)
  }
  const codes = await db.query<{ id: string; join_code: string }>('SELECT id, join_code FROM communities WHERE id IN ($1, $2)', [DEMO_COMMUNITY, OTHER_COMMUNITY])
  const [option] = await db.query<{ id: string }>(`SELECT options -> 0 ->> 'id' AS id FROM votes WHERE community_id = $1 ORDER BY created_at, title LIMIT 1`, [DEMO_COMMUNITY])
  return {
    own,
    foreign,
    joinCode: codes.find((c) => c.id === DEMO_COMMUNITY)?.join_code ?? 'ZZZZZZ',
    foreignJoinCode: codes.find((c) => c.id === OTHER_COMMUNITY)?.join_code ?? 'ZZZZZZ',
    voteOption: option?.id ?? null,
  }
}

/** The first bookable slot a resident sees in the next two weeks, of the first published service. */
async function findSlot(app: FastifyInstance, headers: Headers, services: Array<{ id: string }>): Promise<Fixtures['slot']> {
  for (const { id } of services) {
    const response = await app.inject({ url: `/api/v1/services/${id}/slots?from=${dateIn(1)}&to=${dateIn(14)}`, headers })
    if (response.statusCode !== 200) continue
    for (const day of response.json() as Array<{ slots: Array<{ startsAt: string; bookable: boolean }> }>) {
      const slot = day.slots.find((s) => s.bookable)
      if (slot) return { serviceId: id, startsAt: slot.startsAt }
    }
  }
  return null
}

/** A date in Beijing `days` after NOW (YYYY-MM-DD). */
const dateIn = (days: number) => new Date(NOW.getTime() + 8 * 3_600_000 + days * DAY).toISOString().slice(0, 10)
const instantIn = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString()

/** Valid values the schemas cannot tell: real ids of the seeded data (the role's own where there is one), dates in range. */
function examplesFor(role: Role, fx: Fixtures, keys: () => string): Examples {
  const pick = (kind: Kind): string | undefined => (fx.own[kind].find((o) => o.owner !== undefined && o.owner === role.user) ?? fx.own[kind][0])?.id
  return ({ op, in: where, name }) => {
    if (where === 'header' && name === 'idempotency-key') return keys()
    if (where === 'path') {
      const segments = op.path.split('/')
      const before = segments[segments.indexOf(`{${name}}`) - 1]
      if (name === 'userId') return DEMO.neighbour
      if (name === 'version') return '1'
      if (name === 'date') return dateIn(3)
      if (name === 'code') return fx.joinCode
      const kind = SEGMENT[before]
      return kind ? (pick(kind) ?? 'zz-none-seeded') : undefined
    }
    if (where === 'query') {
      const slots = op.path.endsWith('/slots')
      switch (name) {
        case 'from':
          return op.path.endsWith('/diff') ? 1 : slots ? dateIn(0) : instantIn(-30)
        case 'to':
          return op.path.endsWith('/diff') ? 1 : slots ? dateIn(13) : instantIn(0)
        case 'kind':
          return op.path === '/api/v1/discussions' ? 'proposal' : undefined
        case 'id':
          return op.path === '/api/v1/discussions' ? (pick('proposal') ?? null) : undefined
        case 'q':
          return '停车'
        case 'buildingId':
          return 'b-3'
        case 'room':
          return '301'
        case 'period':
          return dateIn(0).slice(0, 7)
        default:
          return undefined
      }
    }
    if (where !== 'body') return undefined
    // Whole bodies the seed already knows to be valid.
    if (name === '') {
      if (op.key === 'POST /api/v1/reports') return validReport() as unknown as Json
      if (op.key === 'POST /api/v1/reports/on-behalf') return { ...validReport(), onBehalfOf: { buildingId: 'b-3', room: '302', name: '代报居民', phone: '13800000009' } } as unknown as Json
      if (op.key === 'POST /api/v1/services' || op.key === 'PUT /api/v1/services/{id}') return { ...DEMO_SERVICES[0].input, name: '模糊测试服务' } as unknown as Json
      if (op.key === 'PUT /api/v1/admin/structure') return DEMO_STRUCTURE as unknown as Json
      if (op.key === 'POST /api/v1/bookings' && fx.slot) return { serviceId: fx.slot.serviceId, startsAt: fx.slot.startsAt, answers: { purpose: '咨询租房合同', phone: '13800000009' } }
      if (op.key === 'POST /api/v1/session/wechat') return { code: `fuzz-code-${keys()}` }
      if (op.key === 'POST /api/v1/discussions') return { body: '模糊测试的发言，请忽略', stance: 'for' }
      return undefined
    }
    switch (name) {
      case 'userId':
        return DEMO.neighbour
      case 'categoryId':
        return 'cat-road'
      case 'buildingId':
        return 'b-3'
      case 'room':
        return '302'
      case 'phone':
        return '13800000009'
      case 'name':
        return '模糊测试'
      case 'title':
        return '模糊测试标题'
      case 'body':
      case 'text':
      case 'description':
      case 'reason':
      case 'comment':
      case 'note':
      case 'changeNote':
        return '模糊测试的内容，请忽略'
      case 'communityId':
        return OTHER_COMMUNITY
      case 'code':
        return op.path.endsWith('/redeem') ? 'ZZZZZZZZ' : op.path.endsWith('/check-in') ? '123456' : fx.joinCode
      case 'expiresAt':
      case 'closesAt':
      case 'effectiveFrom':
        return instantIn(7)
      case 'startsAt':
        return fx.slot?.startsAt ?? instantIn(3)
      case 'serviceId':
        return fx.slot?.serviceId ?? pick('service') ?? null
      case 'optionId':
        return fx.voteOption
      case 'intoReportId':
        return fx.own.report[1]?.id ?? null
      case 'intoProposalId':
        return fx.own.proposal[1]?.id ?? null
      case 'options':
        return [] // an approval vote's options are fixed
      case 'articles':
        return [{ title: '第一条', text: '模糊测试的条款' }]
      case 'year':
        return 2026
      case 'month':
        return 10
      case 'stars':
        return 5
      case 'percent':
      case 'quorumPercent':
        return 50
      case 'publicityDays':
      case 'expiresInHours':
        return 24
      case 'proposalThreshold':
        return 10
      case 'proposalWindowDays':
        return 30
      default:
        return undefined
    }
  }
}

interface Failure {
  op: string
  role: string
  label: string
  text: string
}

interface Tally {
  valid: number
  malformed: number
}

interface Run {
  database: string
  operations: Operation[]
  routes: string[]
  documentKeys: string[]
  /** Requests per operation and role. */
  sent: Map<string, Map<string, Tally>>
  counts: Record<'2xx' | '3xx' | '4xx' | '5xx', number>
  failures: Failure[]
  ms: number
}

/** The contract's error kinds, read from the document's ErrorBody. */
function errorKinds(doc: OpenApiDocument, schemas: Schemas): Set<string> {
  const body = doc.components?.schemas?.ErrorBody
  const kind = body?.properties?.error?.properties?.kind
  const values = kind ? schemas.enumOf(kind) : null
  if (!values?.length) throw new Error('the document has no ErrorBody.error.kind enum')
  return new Set(values.map(String))
}

const CJK = /[\u3400-\u9fff]/

/** What is wrong with an answer, or null. */
function problemOf(response: LightMyRequestResponse, kinds: Set<string>): string | null {
  const status = response.statusCode
  if (status >= 500) return `a ${status}`
  if (status < 400) return null
  let body: unknown
  try {
    body = response.json()
  } catch {
    return `a ${status} whose body is not JSON`
  }
  const error = (body as { error?: { kind?: unknown; message?: unknown } } | null)?.error
  if (!body || typeof body !== 'object' || Object.keys(body).join() !== 'error' || !error || typeof error !== 'object') return `a ${status} without the typed error body`
  if (typeof error.kind !== 'string' || !kinds.has(error.kind)) return `a ${status} of unknown kind ${JSON.stringify(error.kind)}`
  if (typeof error.message !== 'string' || !CJK.test(error.message)) return `a ${status} whose message is not Chinese: ${JSON.stringify(error.message)}`
  return null
}

async function fuzz(database: string, db: Database): Promise<{ run: Run; close: () => Promise<void> }> {
  await seedDemo(db, NOW)
  const app = buildApp({
    db,
    demo: true,
    now: () => NOW,
    rateLimits: { submit: GENEROUS, signIn: GENEROUS, redeem: GENEROUS },
    jobsEveryMs: 0,
    housekeepingEveryMs: 0,
    // A WeChat that knows the codes this file makes (fuzz-code-…) and no others, and draws mini-program codes.
    weChatAuth: {
      code2Session: async (code) => {
        if (!code.startsWith('fuzz-code-')) throw new WeChatLoginError('invalid_code', 'invalid code')
        return { openid: `openid-${code}` }
      },
    },
    weChatCodes: { unlimitedCode: async () => ({ contentType: 'image/png', bytes: png() }) },
  })
  const routes: string[] = []
  let documented: FastifyInstance | null = null
  app.addHook('onRoute', function (route) {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push(`${method} ${route.url.replace(/:([A-Za-z]+)/g, '{$1}')}`)
    // The instance @fastify/swagger decorated (the app's plugin, not the root): its swagger() is the document.
    if (!documented && typeof (this as { swagger?: unknown }).swagger === 'function') documented = this
  })
  await app.ready()
  const close = () => app.close()
  const swaggerOf = documented as (FastifyInstance & { swagger?: () => unknown }) | null
  if (!swaggerOf?.swagger) throw new Error('no instance carries swagger(): is @fastify/swagger registered?')
  const doc = swaggerOf.swagger() as OpenApiDocument
  const schemas = new Schemas(doc)
  const kinds = errorKinds(doc, schemas)

  const tokens = new Map<string, Headers>()
  const signIn = async (user: string): Promise<Headers | null> => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/session/demo', payload: { userId: user } })
    if (response.statusCode !== 200) return null
    const headers = { authorization: `Bearer ${response.json().token}` }
    tokens.set(user, headers)
    return headers
  }
  for (const role of ROLES) if (role.user && !(await signIn(role.user))) throw new Error(`cannot sign in as ${role.user}`)

  const loaded = await loadFixtures(db)
  const fx: Fixtures = { ...loaded, slot: await findSlot(app, tokens.get(DEMO.owner)!, loaded.own.service) }

  const documentOperations = operationsOf(doc)
  const operations = [...documentOperations, ...HIDDEN_OPERATIONS]
  const ordered = [...operations.filter((o) => !LAST.includes(o.key)), ...LAST.map((key) => operations.find((o) => o.key === key)).filter((o): o is Operation => Boolean(o))]

  let keyCount = 0
  const keys = () => `fuzz-${SEED.toString(16)}-${(++keyCount).toString(36).padStart(5, '0')}`
  const upload = () => multipartFile('file', 'photo.png', 'image/png', png())
  const sent = new Map<string, Map<string, Tally>>()
  const counts: Run['counts'] = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 }
  const failures: Failure[] = []
  const started = Date.now()

  /** Send one request as `role`; count it, check it, and sign the role in again if its session ended. */
  const send = async (op: Operation, role: Role, request: FuzzRequest, perRole: Map<string, Tally>): Promise<LightMyRequestResponse> => {
    const own = role.user ? tokens.get(role.user) : undefined
    const headers = { ...(own ?? {}), ...request.headers }
    const response = await app.inject({ method: request.method, url: request.url, headers, ...(request.payload !== undefined ? { payload: request.payload } : {}) })
    const tally = perRole.get(role.name) ?? { valid: 0, malformed: 0 }
    tally[request.label === 'valid' ? 'valid' : 'malformed']++
    perRole.set(role.name, tally)
    const status = response.statusCode
    counts[status >= 500 ? '5xx' : status >= 400 ? '4xx' : status >= 300 ? '3xx' : '2xx']++
    const problem = problemOf(response, kinds)
    if (problem) failures.push({ op: op.key, role: role.name, label: request.label, text: `${describeRequest({ ...request, headers }, role.name)}\n  → ${problem}: ${response.body.slice(0, 300)}` })
    // The role's own token refused: its session ended (a sign-out, a deleted account): sign in again if it can.
    if (status === 401 && role.user && own && headers.authorization === own.authorization && !(await signIn(role.user))) tokens.delete(role.user)
    return response
  }

  for (const op of ordered) {
    const random = seeded(SEED ^ hash(op.key))
    const perRole = new Map<string, Tally>()
    sent.set(op.key, perRole)
    const plans = ROLES.map((role) => {
      const valid = validParts(op, new Sampler(schemas, examplesFor(role, fx, keys)), upload)
      return { role, valid, generic: genericVariants(op, valid), derived: derivedVariants(op, valid, schemas, (name) => foreignIdsOf(op, name, fx)) }
    })
    // The same variants in the same order for every role (only ids and keys differ): one shuffle each.
    const genericOrder = shuffled(plans[0].generic.map((_, i) => i), random)
    const derivedOrder = shuffled(plans[0].derived.map((_, i) => i), random).slice(0, DERIVED_PER_OPERATION)
    const last = LAST.includes(op.key)

    // The valid request first (last for what takes something away): the roles it admits (not 401,
    // 403 or 404) share the derived variants.
    const admitted = new Set<number>()
    const valid = async (index: number) => {
      const response = await send(op, plans[index].role, compose(op, plans[index].valid, 'valid'), perRole)
      const status = response.statusCode
      if (![401, 403, 404].includes(status)) admitted.add(index)
      remember(fx, op, plans[index].role, response)
    }
    if (!last) for (const index of plans.keys()) await valid(index)
    if (admitted.size === 0) for (const [index, plan] of plans.entries()) if (plan.role.user) admitted.add(index)

    // Every derived variant goes to one of the roles the valid request admits (where the checks
    // behind the permission are reached); every other role sends a rotating share of them. Generic
    // variants fill each role up to the minimum, rotating, so that together the roles send them all.
    const admittedList = [...admitted].sort((a, b) => a - b)
    const derivedShares = plans.map(() => [] as number[])
    derivedOrder.forEach((d, i) => derivedShares[admittedList[i % admittedList.length]].push(d))
    let derivedCursor = 0
    let genericCursor = 0
    for (const [index, plan] of plans.entries()) {
      if (!admitted.has(index)) {
        const count = Math.min(DERIVED_PER_ROLE, derivedOrder.length)
        for (let k = 0; k < count; k++) derivedShares[index].push(derivedOrder[derivedCursor++ % derivedOrder.length])
      }
      const genericCount = Math.max(GENERIC_PER_ROLE, MIN_VARIANTS_PER_ROLE - derivedShares[index].length)
      const generic = Array.from({ length: genericCount }, () => plan.generic[genericOrder[genericCursor++ % genericOrder.length]])
      for (const request of [...generic, ...derivedShares[index].map((i) => plan.derived[i])]) if (request) await send(op, plan.role, request, perRole)
      if (last) await valid(index)
    }
  }
  const run: Run = { database, operations, routes, documentKeys: documentOperations.map((o) => o.key), sent, counts, failures, ms: Date.now() - started }
  return { run, close }
}

/**
 * What a valid request created (a photo, a household claim, an invite): the role's own, for the
 * operations after it (an upload's file, a claim to withdraw or approve).
 */
function remember(fx: Fixtures, op: Operation, role: Role, response: LightMyRequestResponse): void {
  const collection = /^\/api\/v1\/([a-z-]+)$/.exec(op.path)?.[1]
  const kind = collection ? SEGMENT[collection] : undefined
  if (op.method !== 'POST' || !kind || response.statusCode < 200 || response.statusCode >= 300) return
  const id = (response.json() as { id?: unknown }).id
  if (typeof id === 'string' && role.user) fx.own[kind].push({ id, owner: role.user })
}

function foreignIdsOf(op: Operation, name: string, fx: Fixtures): string[] {
  if (name === 'userId') return ['ch-u-lin']
  if (name === 'code') return [fx.foreignJoinCode]
  const segments = op.path.split('/')
  const kind = SEGMENT[segments[segments.indexOf(`{${name}}`) - 1]]
  return kind ? fx.foreign[kind] : []
}

function hash(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return h >>> 0
}

const n = (value: number) => value.toLocaleString('en-US')

function summary(run: Run): string {
  const total = run.counts['2xx'] + run.counts['3xx'] + run.counts['4xx'] + run.counts['5xx']
  return `fuzz ${run.database}: ${n(total)} requests, ${run.operations.length} operations × ${ROLES.length} roles, 2xx ${n(run.counts['2xx'])} · 4xx ${n(run.counts['4xx'])} · 5xx ${n(run.counts['5xx'])} in ${Math.round(run.ms / 1000)} s`
}

function failureReport(failures: Failure[]): string {
  if (failures.length === 0) return ''
  const SHOWN = 200
  const tally = new Map<string, number>()
  for (const f of failures) tally.set(`${f.op} — ${f.label}`, (tally.get(`${f.op} — ${f.label}`) ?? 0) + 1)
  const lines = [...tally.entries()].map(([what, count]) => `  ${count} × ${what}`)
  return [
    `${failures.length} answers break the contract (by operation and variant):`,
    ...lines,
    '',
    `The first ${Math.min(SHOWN, failures.length)} in full:`,
    ...failures.slice(0, SHOWN).map((f) => f.text),
  ].join('\n')
}

onEveryDatabase('the fuzzer', (name, open) => {
  describe(`the schema-driven fuzzer on ${name}`, () => {
    let run: Run | null = null
    let close: (() => Promise<void>) | null = null
    let stop: (() => Promise<void>) | undefined
    let db: Database | null = null

    beforeAll(async () => {
      const opened = await open()
      if (!opened) return
      db = opened.db
      stop = opened.stop
      const result = await fuzz(name, opened.db)
      run = result.run
      close = result.close
      console.log(summary(run))
    }, 480_000)

    afterAll(async () => {
      await close?.()
      await db?.close()
      await stop?.()
    }, 60_000)

    it('answers no request with a 5xx, and every 4xx with the typed error body and a Chinese message', () => {
      if (!run) return
      // The report as the error's message: each request exactly as sent, not escaped by a matcher.
      if (run.failures.length > 0) throw new Error(failureReport(run.failures))
      expect(run.counts['5xx']).toBe(0)
    })

    it('covers every operation of the document and every API route, with at least 20 variants per role', () => {
      if (!run) return
      // Every route the app registered is in the document (or deliberately not: the docs themselves).
      const documented = new Set([...run.documentKeys, ...HIDDEN_OPERATIONS.map((o) => o.key)])
      expect(run.routes.filter((route) => !documented.has(route) && !isDocumentation(route))).toEqual([])
      // Every operation of the document was fuzzed, by every role, with at least 20 variants.
      const short: string[] = []
      for (const key of documented) {
        for (const role of ROLES) {
          const tally = run.sent.get(key)?.get(role.name) ?? { valid: 0, malformed: 0 }
          if (tally.malformed < MIN_VARIANTS_PER_ROLE || tally.valid < 1) short.push(`${key} as ${role.name}: ${tally.malformed} malformed, ${tally.valid} valid`)
        }
      }
      expect(short).toEqual([])
      expect(run.documentKeys.length).toBeGreaterThan(100)
    })
  })
})
