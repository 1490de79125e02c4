import type { FastifyInstance, FastifyRequest } from 'fastify'
import { IDEMPOTENCY_HEADER } from '../../types/routes'
import type { Open311Service } from '../../src/core/services/open311'
import { discoveryOut, georeportTime, requestOut, serviceDefinitionOut, servicesOut } from '../../src/domain/open311/serve'
import { readRequestQuery, wantsExtensions } from '../../src/domain/open311/serve-query'
import { readSubmission } from '../../src/domain/open311/serve-submit'
import { hashToken } from '../ids'
import { baseUrlOf } from '../plugins/auth'
import { perPerson } from '../rate-limits'
import type { RateLimit, RouteDeps } from './deps'
import { acceptForms, Open311Refusal, refuse, send, speakGeoReportErrors, splitFormat, type Format } from './open311-http'

/**
 * Open311 GeoReport v2 under `/open311/v2/` (issue 14, point 3; ADR 27): discovery, services, a
 * service's definition, requests (GET and POST), one request and tokens, each as `.json` and
 * `.xml`. Every call but discovery carries a partner's `api_key`, which names one community: what
 * it reads and files is that community's. Hidden from the API's OpenAPI document (its errors are
 * GeoReport's, not the contract's); server/test/open311-*.test.ts hold it to the spec's tables.
 */

export const OPEN311_PREFIX = '/open311/v2'

/** When this server's GeoReport interface last changed (the discovery's changeset). */
export const OPEN311_CHANGESET = '2026-12-02T00:00:00+08:00'

export interface Open311Deps extends Pick<RouteDeps, 'rateLimits' | 'publicUrl'> {
  open311: Open311Service
  demo: boolean
  now: () => Date
}

const FORMATS: Format[] = ['json', 'xml']
type Params = Record<string, string>
type Fields = Record<string, unknown>

const textOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined)

/** A partner system is limited by its key (many may share an address); without one, by address. */
function partnerKey(request: FastifyRequest): string {
  const key = textOf((request.query as Fields | undefined)?.api_key)
  return key ? `open311:${hashToken(key).slice(0, 32)}` : `open311-ip:${request.ip}`
}

function limited(limit: RateLimit, byKey: boolean) {
  return { rateLimit: byKey ? { ...perPerson(limit), keyGenerator: partnerKey } : { ...perPerson(limit), keyGenerator: (r: FastifyRequest) => `open311-ip:${r.ip}` } }
}

export async function open311Routes(app: FastifyInstance, deps: Open311Deps): Promise<void> {
  const { open311 } = deps
  speakGeoReportErrors(app)
  acceptForms(app)
  const hidden = { hide: true }
  // Reads: the API's write class (120 a minute per key); a POST: a submission's class, per address
  // (its key is in the body, read after the limit).
  const read = limited(deps.rateLimits.write, true)
  const post = limited(deps.rateLimits.submit, false)
  const query = (request: FastifyRequest) => (request.query ?? {}) as Fields
  const authenticate = (fields: Fields) => open311.authenticate(textOf(fields.api_key), textOf(fields.jurisdiction_id))
  const fileOf = (request: FastifyRequest) => {
    const split = splitFormat((request.params as Params).file ?? '')
    if (!split) throw refuse(404, '请在地址末尾加上格式：.json 或 .xml')
    return split
  }

  for (const format of FORMATS) {
    app.get(`/discovery.${format}`, { schema: hidden, config: read }, async (request, reply) => {
      const base = `${baseUrlOf(request, deps.publicUrl, deps.demo)}${OPEN311_PREFIX}`
      return send(reply, 200, format, 'discovery', discoveryOut(base, OPEN311_CHANGESET, '邻里 Linli 社区诉求平台：由社区所在平台的管理员发放 api_key'))
    })

    app.get(`/services.${format}`, { schema: hidden, config: read }, async (request, reply) => {
      const partner = await authenticate(query(request))
      return send(reply, 200, format, 'services', servicesOut(await open311.categories(partner)))
    })

    app.get(`/requests.${format}`, { schema: hidden, config: read }, async (request, reply) => {
      const fields = query(request)
      const partner = await authenticate(fields)
      const parsed = readRequestQuery(fields, deps.now())
      if ('errors' in parsed) throw new Open311Refusal(400, parsed.errors)
      const served = await open311.listRequests(partner, parsed.query)
      return send(reply, 200, format, 'service_requests', served.map((r) => requestOut(r, parsed.query.extensions)))
    })

    app.post(`/requests.${format}`, { schema: hidden, config: post }, async (request, reply) => {
      const body = request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Fields) : {}
      // The spec puts api_key and jurisdiction_id in the body; a client that puts them in the query is read too.
      const fields = { ...query(request), ...body }
      const partner = await authenticate(fields)
      const parsed = readSubmission(fields)
      if ('errors' in parsed) throw new Open311Refusal(400, parsed.errors)
      const header = request.headers[IDEMPOTENCY_HEADER]
      const key = typeof header === 'string' ? header : null
      const { report, created } = await open311.submit(partner, parsed.submission, key)
      const deadline = georeportTime(report.deadlineAt).slice(0, 16).replace('T', ' ')
      const answer = {
        service_request_id: report.number,
        service_notice: `已进入${partner.communityName}的诉求受理，限时办结：${deadline}（北京时间）前`,
        account_id: parsed.submission.accountId,
      }
      return send(reply, created ? 201 : 200, format, 'service_requests', [answer])
    })
  }

  app.get('/services/:file', { schema: hidden, config: read }, async (request, reply) => {
    const { name, format } = fileOf(request)
    const partner = await authenticate(query(request))
    return send(reply, 200, format, 'service_definition', serviceDefinitionOut(await open311.category(partner, name)))
  })

  app.get('/requests/:file', { schema: hidden, config: read }, async (request, reply) => {
    const { name, format } = fileOf(request)
    const fields = query(request)
    const partner = await authenticate(fields)
    return send(reply, 200, format, 'service_requests', [requestOut(await open311.getRequest(partner, name), wantsExtensions(fields))])
  })

  // Every service is realtime: a POST answers the request's id at once and issues no token, so
  // every token is unknown (after the key is checked, like every other call).
  app.get('/tokens/:file', { schema: hidden, config: read }, async (request) => {
    const { name } = fileOf(request)
    await authenticate(query(request))
    throw refuse(404, `token ${name.slice(0, 60)} 不存在：本系统的服务都是实时的，提交后直接返回 service_request_id`)
  })
}
