import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { contentTypeOf, formatTimestamp, HTML_ERROR_PAGE, toXml, withNulls, type Format } from './open311-fake-format'
import { checkReport, dateParam, refuse, Refusal, selectRequests } from './open311-fake-rules'
import { CLOSED_FAMILY, DEMO_SERVICES, SPEC_SWITCHES, type FakeRequest, type FakeService, type Open311Fake, type Open311FakeOptions, type Open311Switches, type ReceivedCall } from './open311-fake-types'

/**
 * An in-repo Open311 GeoReport v2 server for the tests (issue 14, ADR 26): node's http on 127.0.0.1
 * and an ephemeral port. It follows the spec (discovery, services, service definitions, requests GET
 * and POST, one request, tokens; JSON and XML; errors as `[{code, description}]`), keeps mySociety's
 * extended statuses behind a switch, and has a switch for every way real servers deviate (issue 14,
 * point 2), so a client can be tested against each. Test controls are methods, never HTTP.
 */

export * from './open311-fake-types'

const REQUEST_NULLABLE = ['status_notes', 'agency_responsible', 'service_notice', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url', 'expected_datetime', 'description', 'account_id']
const SERVICE_NULLABLE = ['description', 'keywords', 'group']
/**
 * A city endpoint an H5 app calls from its own origin must allow it (the README says so); the fake
 * does, so the browser test can run the open311 H5 build against it. A form POST and a GET with an
 * `accept` header are "simple" requests: no preflight is needed.
 */
const CORS = { 'access-control-allow-origin': '*' }

export async function startOpen311Fake(options: Open311FakeOptions = {}): Promise<Open311Fake> {
  const apiKeys = options.apiKeys ?? ['test-key']
  const prefix = options.prefix ?? '/georeport/v2'
  const now = options.now ?? (() => new Date())
  const switches: Open311Switches = { ...SPEC_SWITCHES, ...options.switches }
  let services = options.services ?? DEMO_SERVICES
  const stored: FakeRequest[] = []
  const polls = new Map<string, number>()
  const received: ReceivedCall[] = []
  const updates: Array<{ id: number; requestId: number; status: string; notes: string | null; at: Date }> = []
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
    res.writeHead(status, { 'content-type': contentTypeOf(format), ...CORS })
    res.end(format === 'json' ? JSON.stringify(value) : toXml(root, value))
  }

  function sendRefusal(res: ServerResponse, format: Format, refusal: Refusal): void {
    if (switches.errors === 'html') {
      res.writeHead(500, { 'content-type': 'text/html; charset=utf-8', ...CORS })
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

  function create(fields: URLSearchParams): { request: FakeRequest; service: FakeService } {
    checkKey(fields)
    const report = checkReport(fields, services)
    const at = now()
    const request: FakeRequest = {
      id: nextId++,
      token: `tok-${Math.random().toString(36).slice(2, 10)}`,
      serviceCode: report.service.service_code,
      status: 'open',
      statusNotes: null,
      description: report.description,
      address: report.address,
      lat: report.lat,
      long: report.long,
      mediaUrl: fields.get('media_url') || null,
      deviceId: fields.get('device_id') || null,
      accountId: fields.get('account_id') || null,
      agency: null,
      attributes: report.answers,
      requestedAt: at,
      updatedAt: at,
      expectedAt: null,
    }
    stored.push(request)
    return { request, service: report.service }
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
    if (method === 'GET' && resource === '/requests') return send(res, 200, format, 'service_requests', selectRequests(stored, query, now(), switches.paging, statusOut).map(requestOut))
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
    if (method === 'GET' && resource === '/servicerequestupdates') {
      // mySociety's extension: every change of a request since start_date (default: a day), oldest first.
      if (!switches.updates) throw refuse(404, `${method} ${path} not found`)
      const end = dateParam(query, 'end_date') ?? now()
      const start = dateParam(query, 'start_date') ?? new Date(end.getTime() - 86_400_000)
      const list = updates
        .filter((u) => u.at >= start && u.at <= end)
        .map((u) =>
          withNulls(
            { update_id: idOut(u.id), service_request_id: idOut(u.requestId), status: statusOut(u.status), updated_datetime: stamp(u.at), description: u.notes, media_url: null },
            ['description', 'media_url'],
            switches.nulls,
          ),
        )
      return send(res, 200, format, 'service_request_updates', list)
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
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
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
      updates.push({ id: 5000 + updates.length + 1, requestId: request.id, status, notes: request.statusNotes, at: request.updatedAt })
    },
    forget(id) {
      const index = stored.findIndex((r) => String(r.id) === id)
      if (index < 0) throw new Error(`open311 fake: no request ${id}`)
      stored.splice(index, 1)
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
