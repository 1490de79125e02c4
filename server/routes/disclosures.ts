import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DisclosureInputSchema, DisclosurePageSchema, DisclosureQuerySchema, DisclosureSchema, IdParamsSchema } from '../../types/contract'
import { API } from '../../types/routes'
import { callerOf } from '../plugins/auth'
import { errorResponses, NoContent, ref } from '../schemas'
import { KEYED, KeyHeaders, keyOf, secured } from './consultation'
import type { RouteDeps } from './deps'

const tags = ['disclosures']

/** 村务公开 / 居务公开: disclosures by period, finance tables checked, read by household. */
export const disclosureRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core }) => {
  const c = core.consultation
  app.get(
    API.disclosures,
    {
      schema: {
        tags,
        summary: '本社区的公开内容（最新在前，游标分页），可按类别筛选：party 党务、affairs 居务、finance 财务',
        security: secured,
        querystring: DisclosureQuerySchema,
        response: { 200: ref(DisclosurePageSchema), ...errorResponses },
      },
    },
    async (request) => c.listDisclosures(callerOf(request), request.query),
  )

  app.post(
    API.disclosures,
    {
      schema: {
        tags,
        summary: '发布公开内容（社区工作者），财务公开须附收支明细表',
        description: `金额以分为单位；收入合计、支出合计须等于各项相加，期末余额须等于期初余额加收入减支出，不符时答 422 并指出哪一行或哪一项。非社区工作者答 403。${KEYED}`,
        security: secured,
        headers: KeyHeaders,
        body: ref(DisclosureInputSchema),
        response: { 201: ref(DisclosureSchema), ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await c.publishDisclosure(callerOf(request), request.body, keyOf(request.headers))),
  )

  app.get(
    '/disclosures/:id',
    {
      schema: {
        tags,
        summary: '公开内容详情；社区工作者另见按户统计的已读数',
        security: secured,
        params: IdParamsSchema,
        response: { 200: ref(DisclosureSchema), ...errorResponses },
      },
    },
    async (request) => c.getDisclosure(callerOf(request), request.params.id),
  )

  app.post(
    '/disclosures/:id/read',
    { schema: { tags, summary: '标记公开内容已读', security: secured, params: IdParamsSchema, response: { 204: NoContent, ...errorResponses } } },
    async (request, reply) => {
      await c.markDisclosureRead(callerOf(request), request.params.id)
      return reply.code(204).send(null)
    },
  )
}
