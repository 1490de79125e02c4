import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import {
  IdParamsSchema,
  NewReportSchema,
  OnBehalfReportSchema,
  PageQuerySchema,
  PublicQuerySchema,
  RatingSchema,
  ReportDetailSchema,
  ReportPageSchema,
  ReportSchema,
  ReportSummarySchema,
} from '../../types/contract'
import { API, IDEMPOTENCY_HEADER } from '../../types/routes'
import { callerOf } from '../plugins/auth'
import { errorResponses, ref } from '../schemas'
import type { RouteDeps } from './deps'

const secured = [{ bearerAuth: [] }]

// The key's rule (8–100 of A–Z a–z 0–9 - _) is the core's: it decides who may file before it looks at the key.
const IdempotencyHeaders = Type.Object({
  [IDEMPOTENCY_HEADER]: Type.String({
    maxLength: 200,
    description: '8–100 个字母、数字、- 或 _；同一用户同一编号只会创建一条诉求',
  }),
})

/** A resident's reports: submit, list, read, rate, 附议. */
export const reportRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core, rateLimits }) => {
  // Per user, on each submission route.
  const submitLimit = {
    max: rateLimits.submit.max,
    timeWindow: rateLimits.submit.timeWindowMs,
    keyGenerator: (r: { caller: { actor: { id: string } } | null; ip: string }) => (r.caller ? `user:${r.caller.actor.id}` : `ip:${r.ip}`),
  }
  app.post(
    API.reports,
    {
      config: { rateLimit: submitLimit },
      schema: {
        tags: ['reports'],
        summary: '提交诉求（需 Idempotency-Key）',
        description: '首次提交答 201；同一用户、同一编号、同样内容的重试答 200 并给出原诉求；同一编号不同内容答 422。',
        security: secured,
        headers: IdempotencyHeaders,
        body: ref(NewReportSchema),
        response: { 200: ref(ReportSchema), 201: ref(ReportSchema), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { report, created } = await core.reports.submit(callerOf(request), request.body, request.headers[IDEMPOTENCY_HEADER])
      return reply.code(created ? 201 : 200).send(report)
    },
  )

  app.post(
    API.onBehalf,
    {
      config: { rateLimit: submitLimit },
      schema: {
        tags: ['handling'],
        summary: '代报：楼栋长为自己负责楼栋的住户、社区工作者为本社区住户反映问题（需 Idempotency-Key）',
        description:
          '诉求归该户所有（住在该户的居民可查看、评价）；代报人可查看。居民或负责范围外答 403；楼栋、房号、手机号不符合规则答 422。重试规则同提交诉求。',
        security: secured,
        headers: IdempotencyHeaders,
        body: ref(OnBehalfReportSchema),
        response: { 200: ref(ReportSchema), 201: ref(ReportSchema), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { report, created } = await core.reports.submitOnBehalf(callerOf(request), request.body, request.headers[IDEMPOTENCY_HEADER])
      return reply.code(created ? 201 : 200).send(report)
    },
  )

  app.get(
    API.myReports,
    {
      schema: {
        tags: ['reports'],
        summary: '我的诉求（新的在前，游标分页）',
        security: secured,
        querystring: PageQuerySchema,
        response: { 200: ref(ReportPageSchema), ...errorResponses },
      },
    },
    async (request) => core.reports.listMine(callerOf(request), request.query),
  )

  app.get(
    API.publicReports,
    {
      schema: {
        tags: ['reports'],
        summary: '本社区未结束的诉求（匿名化，用于附议）',
        security: secured,
        querystring: PublicQuerySchema,
        response: { 200: ref(ReportPageSchema), ...errorResponses },
      },
    },
    async (request) => core.reports.listPublic(callerOf(request), request.query),
  )

  app.get(
    '/reports/:id',
    {
      schema: {
        tags: ['reports'],
        summary: '诉求详情：时间线与当前用户可做的操作',
        description: '无权查看的诉求答 404（不透露是否存在）。',
        security: secured,
        params: IdParamsSchema,
        response: { 200: ref(ReportDetailSchema), ...errorResponses },
      },
    },
    async (request) => core.reports.get(callerOf(request), request.params.id),
  )

  app.post(
    '/reports/:id/rating',
    {
      schema: {
        tags: ['reports'],
        summary: '评价已办结的诉求（不满意则重办）',
        security: secured,
        params: IdParamsSchema,
        body: ref(RatingSchema),
        response: { 200: ref(ReportDetailSchema), ...errorResponses },
      },
    },
    async (request) => core.handling.move(callerOf(request), request.params.id, 'rate', { rating: request.body }),
  )

  app.post(
    '/reports/:id/me-too',
    {
      schema: {
        tags: ['reports'],
        summary: '附议：我也遇到了这个问题（仅限居民；工作人员与管理员 403）',
        security: secured,
        params: IdParamsSchema,
        response: { 200: ref(ReportSummarySchema), ...errorResponses },
      },
    },
    async (request) => core.reports.meToo(callerOf(request), request.params.id),
  )
}
