import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { contentTypeOf, formatTimestamp, HTML_ERROR_PAGE, toXml, withNulls, type Format, type NullStyle } from './open311-fake-format'

/**
 * An in-repo Open311 GeoReport v2 server for the tests (issue 14, ADR 26): node's http on 127.0.0.1
 * and an ephemeral port. It follows the spec (discovery, services, service definitions, requests GET
 * and POST, one request, tokens; JSON and XML; errors as `[{code, description}]`), keeps mySociety's
 * extended statuses behind a switch, and has a switch for every way real servers deviate (issue 14,
 * point 2), so a client can be tested against each. Test controls are methods, never HTTP.
 */

export interface FakeAttribute {
  code: string
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist'
  description: string
  required?: boolean
  order?: number
  variable?: boolean
  datatype_description?: string
  values?: Array<{ key: string; name: string }>
}

export interface FakeService {
  service_code: string
  service_name: string
  description?: string
  type?: 'realtime' | 'batch' | 'blackbox'
  /** Comma-separated, as the spec has it. */
  keywords?: string
  group?: string
  /** A definition makes `metadata: true`. */
  attributes?: FakeAttribute[]
}

/** The statuses of the spec and of mySociety's extension; the latter are written as open/closed unless switched on. */
export const CLOSED_FAMILY = ['closed', 'fixed', 'duplicate', 'not_councils_responsibility', 'no_further_action', 'unable_to_fix', 'internal_referral']
export const OPEN_FAMILY = ['open', 'in_progress', 'action_scheduled', 'investigating', 'reopen']
export type FakeStatus = string

export interface FakeRequest {
  id: number
  token: string
  serviceCode: string
  status: FakeStatus
  statusNotes: string | null
  description: string | null
  address: string | null
  lat: number | null
  long: number | null
  mediaUrl: string | null
  deviceId: string | null
  accountId: string | null
  agency: string | null
  attributes: Record<string, string | string[]>
  requestedAt: Date
  updatedAt: Date
  expectedAt: Date | null
}

/** How the fake deviates from the spec; the defaults are the spec. */
export interface Open311Switches {
  /** `service_request_id` as a JSON number instead of a string. */
  idsAsIntegers: boolean
  /** The HTTP status of a successful POST. */
  postStatus: 200 | 201
  /** POST answered with the spec's short object, or with the full request. */
  postAnswer: 'short' | 'full'
  /** How an empty optional field is written. */
  nulls: NullStyle
  /** `requests/{id}` of an unknown id: a 404 with the spec's error, or a 200 with `[]`. */
  unknownId: 404 | 'empty'
  /** Errors as the spec's array, as an object (`{error: {code, description}}`), or as an HTML page with a 500. */
  errors: 'spec' | 'object' | 'html'
  /** The status a missing or wrong `api_key` gets. */
  keyRefusal: 400 | 403
  /** The offset of every timestamp written (minutes from UTC: 480 is +08:00, -300 is -05:00). */
  offsetMinutes: number
  fractionDigits: 0 | 3 | 6
  /** Every request is read and never answered (the socket stays open). */
  silent: boolean
  /** `page`/`page_size` honoured on GET requests.json, or null: no paging (up to 1,000, params ignored). */
  paging: { pageSize: number; maxPageSize: number } | null
  /** POST answers a token; `tokens/{token}` answers without an id this many times, then with it. Off: false. */
  tokenFirst: false | { pendingPolls: number }
  /** Write mySociety's extended statuses instead of folding them into open/closed. */
  extendedStatuses: boolean
}

export const SPEC_SWITCHES: Open311Switches = {
  idsAsIntegers: false,
  postStatus: 201,
  postAnswer: 'short',
  nulls: 'null',
  unknownId: 404,
  errors: 'spec',
  keyRefusal: 403,
  offsetMinutes: 0,
  fractionDigits: 0,
  silent: false,
  paging: null,
  tokenFirst: false,
  extendedStatuses: false,
}

export interface ReceivedCall {
  method: string
  path: string
  query: URLSearchParams
  body: string
}

export interface Open311FakeOptions {
  apiKeys?: string[]
  /** When set, a request naming another `jurisdiction_id` gets a 404. */
  jurisdictionId?: string
  services?: FakeService[]
  switches?: Partial<Open311Switches>
  /** The server's clock (default: the real one). */
  now?: () => Date
  /** The path the API is served under (default `/georeport/v2`). */
  prefix?: string
}

export interface Open311Fake {
  /** The base URL a client is configured with, e.g. `http://127.0.0.1:41234/georeport/v2`. */
  url: string
  apiKey: string
  switches: Open311Switches
  /** Switch deviations on or off (the others keep their value). */
  set(switches: Partial<Open311Switches>): void
  /** Replace the service list. */
  seedServices(services: FakeService[]): void
  /** Add a request as if posted earlier; answers its id. */
  seedRequest(request: Partial<FakeRequest> & { serviceCode: string }): string
  /** Move a request as the city's staff would: status (spec or extended), notes, expected time. */
  move(id: string, status: FakeStatus, notes?: string | null, expectedAt?: Date | null): void
  requests(): readonly FakeRequest[]
  /** Every call received, in order. */
  received: ReceivedCall[]
  close(): Promise<void>
}

export const DEMO_SERVICES: FakeService[] = [
  { service_code: 'pothole', service_name: '道路坑洼', description: '路面破损、坑洼', group: '道路', keywords: '路面,坑,洞', type: 'realtime' },
  {
    service_code: 'streetlight',
    service_name: '路灯故障',
    description: '路灯不亮或常亮',
    group: '照明',
    keywords: '路灯,灯',
    attributes: [
      { code: 'pole', datatype: 'string', description: '灯杆编号', required: true, order: 1, datatype_description: '灯杆上的白色编号' },
      {
        code: 'kind',
        datatype: 'singlevaluelist',
        description: '故障情况',
        required: true,
        order: 2,
        values: [
          { key: 'off', name: '不亮' },
          { key: 'on', name: '白天常亮' },
          { key: 'flicker', name: '闪烁' },
        ],
      },
      { code: 'count', datatype: 'number', description: '几盏灯', order: 3 },
      { code: 'since', datatype: 'datetime', description: '从什么时候开始', order: 4 },
      { code: 'more', datatype: 'text', description: '补充说明', order: 5 },
      {
        code: 'hazards',
        datatype: 'multivaluelist',
        description: '存在的隐患',
        order: 6,
        values: [
          { key: 'wire', name: '电线外露' },
          { key: 'dark', name: '路段太黑' },
        ],
      },
      { code: 'note', datatype: 'string', description: '夜间抢修电话 12345', variable: false, order: 0 },
    ],
  },
  { service_code: 'graffiti', service_name: '乱涂乱画', group: '市容', keywords: '涂鸦,小广告', type: 'batch' },
]

const DAY_MS = 24 * 60 * 60 * 1000
const REQUEST_NULLABLE = ['status_notes', 'agency_responsible', 'service_notice', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url', 'expected_datetime', 'description', 'account_id']
const SERVICE_NULLABLE = ['description', 'keywords', 'group']

class Refusal {
  constructor(
    readonly status: number,
    readonly errors: Array<{ code: number; description: string }>,
  ) {}
}

function refuse(status: number, description: string): Refusal {
  return new Refusal(status, [{ code: status, description }])
}

export async function startOpen311Fake(options: Open311FakeOptions = {}): Promise<Open311Fake> {
  const apiKeys = options.apiKeys ?? ['test-key']
  const prefix = options.prefix ?? '/georeport/v2'
  const now = options.now ?? (() => new Date())
  const switches: Open311Switches = { ...SPEC_SWITCHES, ...options.switches }
  let services = options.services ?? DEMO_SERVICES
  const stored: FakeRequest[] = []
  const polls = new Map<string, number>()
  const received: ReceivedCall[] = []
  const sockets = new Set<Socket>()
  let nextId = 1001

  const stamp = (date: Date) => formatTimestamp(date, switches.offsetMinutes, switches.fractionDigits)
  const idOut = (id: number) => (switches.idsAsIntegers ? id : String(id))
  const statusOut = (status: string) => (switches.extendedStatuses ? status : CLOSED_FAMILY.includes(status) ? 'closed' : 'open')
  const serviceOf = (code: string) => services.find((s) => s.service_code === code)

  function requestOut(r: FakeRequest): Record<string, unknown> {
    const service = serviceOf(r.serviceCode)
    return withNulls(
      {
        service_request_id: idOut(r.id),
        status: statusOut(r.status),
        status_notes: r.statusNotes,
        service_name: service?.service_name ?? r.serviceCode,
        service_code: r.serviceCode,
        description: r.description,
        agency_responsible: r.agency,
        service_notice: null,
        requested_datetime: stamp(r.requestedAt),
        updated_datetime: stamp(r.updatedAt),
        expected_datetime: r.expectedAt ? stamp(r.expectedAt) : null,
        address: r.address,
        address_id: null,
        zipcode: null,
        lat: r.lat,
        long: r.long,
        media_url: r.mediaUrl,
      },
      REQUEST_NULLABLE,
      switches.nulls,
    )
  }

  function serviceOut(s: FakeService): Record<string, unknown> {
    return withNulls(
      {
        service_code: s.service_code,
        service_name: s.service_name,
        description: s.description ?? null,
        metadata: (s.attributes?.length ?? 0) > 0,
        type: s.type ?? 'realtime',
        keywords: s.keywords ?? null,
        group: s.group ?? null,
      },
      SERVICE_NULLABLE,
      switches.nulls,
    )
  }

  function send(res: ServerResponse, status: number, format: Format, root: string, value: unknown): void {
    res.writeHead(status, { 'content-type': contentTypeOf(format) })
    res.end(format === 'json' ? JSON.stringify(value) : toXml(root, value))
  }

  function sendRefusal(res: ServerResponse, format: Format, refusal: Refusal): void {
    if (switches.errors === 'html') {
      res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' })
      res.end(HTML_ERROR_PAGE)
    } else if (switches.errors === 'object') {
      send(res, refusal.status, format, 'error', { error: refusal.errors[0] })
    } else {
      send(res, refusal.status, format, 'errors', refusal.errors)
    }
  }

  function checkKey(fields: URLSearchParams): void {
    const key = fields.get('api_key')
    if (!key || !apiKeys.includes(key)) throw refuse(switches.keyRefusal, key ? 'api_key is invalid' : 'api_key is required')
  }

  function dateParam(query: URLSearchParams, name: string): Date | null {
    const text = query.get(name)
    if (text === null || text === '') return null
    const ms = Date.parse(text)
    if (Number.isNaN(ms)) throw refuse(400, `${name} is not a valid date`)
    return new Date(ms)
  }

  function listRequests(query: URLSearchParams): FakeRequest[] {
    const ids = (query.get('service_request_id') ?? '').split(',').map((s) => s.trim()).filter(Boolean)
    // The spec: a service_request_id list overrides every other argument.
    if (ids.length > 0) return stored.filter((r) => ids.includes(String(r.id)))
    const codes = (query.get('service_code') ?? '').split(',').map((s) => s.trim()).filter(Boolean)
    const statuses = (query.get('status') ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)
    const start = dateParam(query, 'start_date')
    const end = dateParam(query, 'end_date') ?? now()
    const from = start ?? new Date(end.getTime() - 90 * DAY_MS)
    let list = stored.filter((r) => r.requestedAt >= from && r.requestedAt <= end)
    if (codes.length) list = list.filter((r) => codes.includes(r.serviceCode))
    if (statuses.length) list = list.filter((r) => statuses.includes(statusOut(r.status)) || statuses.includes(r.status))
    list = [...list].sort((a, b) => b.requestedAt.getTime() - a.requestedAt.getTime() || b.id - a.id)
    if (!switches.paging) return list.slice(0, 1000)
    const page = Math.max(1, Number(query.get('page')) || 1)
    const size = Math.min(switches.paging.maxPageSize, Math.max(1, Number(query.get('page_size')) || switches.paging.pageSize))
    return list.slice((page - 1) * size, page * size)
  }

  function attributesOf(fields: URLSearchParams, service: FakeService): Record<string, string | string[]> {
    const answers: Record<string, string | string[]> = {}
    for (const [key, value] of fields) {
      const multi = /^attribute\[([^\]]+)\]\[\]$/.exec(key)
      const single = /^attribute\[([^\]]+)\]$/.exec(key)
      if (multi) answers[multi[1]] = [...((answers[multi[1]] as string[] | undefined) ?? []), value]
      else if (single) answers[single[1]] = value
    }
    const problems: Array<{ code: number; description: string }> = []
    for (const attribute of service.attributes ?? []) {
      if (attribute.variable === false) continue
      const answer = answers[attribute.code]
      const keys = (attribute.values ?? []).map((v) => v.key)
      const given = answer === undefined ? [] : Array.isArray(answer) ? answer : [answer]
      if (given.length === 0 || given.every((v) => v.trim() === '')) {
        if (attribute.required) problems.push({ code: 400, description: `attribute[${attribute.code}] is required` })
        continue
      }
      const bad =
        (attribute.datatype === 'number' && given.some((v) => Number.isNaN(Number(v)))) ||
        (attribute.datatype === 'datetime' && given.some((v) => Number.isNaN(Date.parse(v)))) ||
        (attribute.datatype === 'singlevaluelist' && (given.length !== 1 || !keys.includes(given[0]))) ||
        (attribute.datatype === 'multivaluelist' && given.some((v) => !keys.includes(v)))
      if (bad) problems.push({ code: 400, description: `attribute[${attribute.code}] is invalid` })
    }
    if (problems.length) throw new Refusal(400, problems)
    return answers
  }

  function create(fields: URLSearchParams): { request: FakeRequest; service: FakeService } {
    checkKey(fields)
    const problems: Array<{ code: number; description: string }> = []
    const code = fields.get('service_code') ?? ''
    const service = serviceOf(code)
    if (!code) problems.push({ code: 400, description: 'service_code is required' })
    else if (!service) problems.push({ code: 400, description: `service_code ${code} is invalid` })
    const lat = fields.get('lat')
    const long = fields.get('long')
    const address = fields.get('address_string')
    const hasPoint = lat !== null && lat !== '' && long !== null && long !== ''
    if (hasPoint && (Number.isNaN(Number(lat)) || Number.isNaN(Number(long)) || Math.abs(Number(lat)) > 90 || Math.abs(Number(long)) > 180)) {
      problems.push({ code: 400, description: 'lat/long is invalid' })
    }
    if (!hasPoint && !address && !fields.get('address_id')) problems.push({ code: 400, description: 'a location (lat & long, address_string or address_id) is required' })
    const description = fields.get('description')
    if (description && Array.from(description).length > 4000) problems.push({ code: 400, description: 'description is longer than 4000 characters' })
    if (problems.length || !service) throw new Refusal(400, problems)
    const attributes = attributesOf(fields, service)
    const at = now()
    const request: FakeRequest = {
      id: nextId++,
      token: `tok-${Math.random().toString(36).slice(2, 10)}`,
      serviceCode: code,
      status: 'open',
      statusNotes: null,
      description: description || null,
      address: address || null,
      lat: hasPoint ? Number(lat) : null,
      long: hasPoint ? Number(long) : null,
      mediaUrl: fields.get('media_url') || null,
      deviceId: fields.get('device_id') || null,
      accountId: fields.get('account_id') || null,
      agency: null,
      attributes,
      requestedAt: at,
      updatedAt: at,
      expectedAt: null,
    }
    stored.push(request)
    return { request, service }
  }

  function route(method: string, path: string, query: URLSearchParams, body: string, res: ServerResponse): void {
    const match = /^(.*)\.(json|xml)$/.exec(path)
    if (!match) throw refuse(404, 'format (.json or .xml) is required')
    const [, resource, fmt] = match
    const format = fmt as Format
    const jurisdiction = method === 'POST' ? new URLSearchParams(body).get('jurisdiction_id') ?? query.get('jurisdiction_id') : query.get('jurisdiction_id')
    if (options.jurisdictionId && jurisdiction && jurisdiction !== options.jurisdictionId) throw refuse(404, 'jurisdiction_id not found')
    const parts = resource.split('/').filter(Boolean)
    if (method === 'GET' && resource === '/discovery') {
      const endpoint = { specification: 'http://wiki.open311.org/GeoReport_v2', url: `${fake.url}`, changeset: stamp(new Date(Date.UTC(2026, 0, 1))), type: 'test', formats: ['application/json', 'text/xml'] }
      return send(res, 200, format, 'discovery', { changeset: endpoint.changeset, contact: '测试用 GeoReport v2 服务', key_service: '向管理员申请 api_key', endpoints: [endpoint] })
    }
    if (method === 'GET' && resource === '/services') return send(res, 200, format, 'services', services.map(serviceOut))
    if (method === 'GET' && parts[0] === 'services' && parts.length === 2) {
      const service = serviceOf(decodeURIComponent(parts[1]))
      if (!service || !service.attributes?.length) throw refuse(404, `service_code ${parts[1]} not found`)
      const attributes = service.attributes.map((a) => ({
        variable: a.variable ?? true,
        code: a.code,
        datatype: a.datatype,
        required: a.required ?? false,
        datatype_description: a.datatype_description ?? null,
        order: a.order ?? 0,
        description: a.description,
        ...(a.values ? { values: a.values } : {}),
      }))
      return send(res, 200, format, 'service_definition', { service_code: service.service_code, attributes })
    }
    if (method === 'GET' && resource === '/requests') return send(res, 200, format, 'service_requests', listRequests(query).map(requestOut))
    if (method === 'POST' && resource === '/requests') {
      const { request, service } = create(new URLSearchParams(body))
      const tokenFirst = switches.tokenFirst !== false || service.type === 'batch'
      if (tokenFirst) polls.set(request.token, 0)
      const answer = tokenFirst
        ? withNulls({ token: request.token, service_notice: null, account_id: request.accountId }, REQUEST_NULLABLE, switches.nulls)
        : switches.postAnswer === 'full'
          ? requestOut(request)
          : withNulls({ service_request_id: idOut(request.id), service_notice: null, account_id: request.accountId }, REQUEST_NULLABLE, switches.nulls)
      return send(res, switches.postStatus, format, 'service_requests', [answer])
    }
    if (method === 'GET' && parts[0] === 'requests' && parts.length === 2) {
      const request = stored.find((r) => String(r.id) === decodeURIComponent(parts[1]))
      if (!request) {
        if (switches.unknownId === 'empty') return send(res, 200, format, 'service_requests', [])
        throw refuse(404, `service_request_id ${parts[1]} not found`)
      }
      return send(res, 200, format, 'service_requests', [requestOut(request)])
    }
    if (method === 'GET' && parts[0] === 'tokens' && parts.length === 2) {
      const token = decodeURIComponent(parts[1])
      const request = stored.find((r) => r.token === token)
      if (!request || !polls.has(token)) throw refuse(404, `token ${token} not found`)
      const seen = polls.get(token) ?? 0
      polls.set(token, seen + 1)
      const pending = switches.tokenFirst === false ? 0 : switches.tokenFirst.pendingPolls
      const answer = seen < pending ? { token } : { service_request_id: idOut(request.id), token }
      return send(res, 200, format, 'service_requests', [answer])
    }
    throw refuse(404, `${method} ${path} not found`)
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const body = Buffer.concat(chunks).toString('utf8')
      const method = req.method ?? 'GET'
      received.push({ method, path: url.pathname, query: url.searchParams, body })
      if (switches.silent) return // read, never answered
      const format: Format = url.pathname.endsWith('.xml') ? 'xml' : 'json'
      try {
        if (!url.pathname.startsWith(`${prefix}/`)) throw refuse(404, 'not found')
        route(method, url.pathname.slice(prefix.length), url.searchParams, body, res)
      } catch (error) {
        if (error instanceof Refusal) sendRefusal(res, format, error)
        else {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
          res.end(String(error))
        }
      }
    })
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  const fake: Open311Fake = {
    url: `http://127.0.0.1:${port}${prefix}`,
    apiKey: apiKeys[0],
    switches,
    set(changes) {
      Object.assign(switches, changes)
    },
    seedServices(list) {
      services = list
    },
    seedRequest(partial) {
      const at = partial.requestedAt ?? now()
      const request: FakeRequest = {
        id: nextId++,
        token: `tok-seed-${nextId}`,
        status: 'open',
        statusNotes: null,
        description: null,
        address: null,
        lat: null,
        long: null,
        mediaUrl: null,
        deviceId: null,
        accountId: null,
        agency: null,
        attributes: {},
        updatedAt: at,
        expectedAt: null,
        ...partial,
        requestedAt: at,
      }
      stored.push(request)
      return String(request.id)
    },
    move(id, status, notes, expectedAt) {
      const request = stored.find((r) => String(r.id) === id)
      if (!request) throw new Error(`open311 fake: no request ${id}`)
      request.status = status
      if (notes !== undefined) request.statusNotes = notes
      if (expectedAt !== undefined) request.expectedAt = expectedAt
      request.updatedAt = now()
    },
    requests: () => stored,
    received,
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
    },
  }
  return fake
}
