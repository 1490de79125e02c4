import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  IdParamsSchema,
  MinutesInputSchema,
  ProgressInputSchema,
  ProposalAnswerInputSchema,
  ProposalInputSchema,
  ProposalPageSchema,
  ProposalQuerySchema,
  ProposalSchema,
  ProposalSummaryListSchema,
  RatingSchema,
  SimilarQuerySchema,
} from '../../types/contract'
import { API } from '../../types/routes'
import { callerOf } from '../plugins/auth'
import { errorResponses, ref } from '../schemas'
import { KEYED, KeyHeaders, keyOf, secured } from './consultation'
import type { RouteDeps } from './deps'

const tags = ['proposals']

/**
 * 民事民提 and 民事民评: proposals, 附议 by household, staff's answers, 议事会纪要, progress of an
 * adopted decision and its rating. Another community's proposal answers 404.
 */
export const proposalRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core, rateLimits }) => {
  const c = core.consultation
  // Per user, like filing a report.
  const submitLimit = {
    max: rateLimits.submit.max,
    timeWindow: rateLimits.submit.timeWindowMs,
    keyGenerator: (r: { caller: { actor: { id: string } } | null; ip: string }) => (r.caller ? `user:${r.caller.actor.id}` : `ip:${r.ip}`),
  }

  app.get(
    API.proposals,
    {
      schema: {
        tags,
        summary: '本社区的议题（新的在前，游标分页）',
        description: '`filter`：open 征集中或已列入议程、mine 我提出的、unanswered 尚未答复、decided 已有结果；不填为全部。',
        security: secured,
        querystring: ProposalQuerySchema,
        response: { 200: ref(ProposalPageSchema), ...errorResponses },
      },
    },
    async (request) => c.listProposals(callerOf(request), request.query),
  )

  app.get(
    API.similarProposals,
    {
      schema: {
        tags,
        summary: '与我要写的内容相近、仍在征集或已列入议程的议题（最多 5 条），可以直接附议',
        description: '少于 2 个字时答空列表。',
        security: secured,
        querystring: SimilarQuerySchema,
        response: { 200: ref(ProposalSummaryListSchema), ...errorResponses },
      },
    },
    async (request) => c.similarProposals(callerOf(request), request.query.q ?? ''),
  )

  app.post(
    API.proposals,
    {
      config: { rateLimit: submitLimit },
      schema: {
        tags,
        summary: '提出议题（民事民提，已认证住户）',
        description: `未认证住户答 403；标题 4–40 字、内容 10–2000 字、最多 9 张照片、要修改的公约条款须在现行版本中（422）。${KEYED}`,
        security: secured,
        headers: KeyHeaders,
        body: ref(ProposalInputSchema),
        response: { 201: ref(ProposalSchema), ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await c.propose(callerOf(request), request.body, keyOf(request.headers))),
  )

  app.get(
    '/proposals/:id',
    {
      schema: {
        tags,
        summary: '议题详情：附议进度、答复、纪要、落实进展与评价，以及我家现在能做什么',
        security: secured,
        params: IdParamsSchema,
        response: { 200: ref(ProposalSchema), ...errorResponses },
      },
    },
    async (request) => c.getProposal(callerOf(request), request.params.id),
  )

  app.post(
    '/proposals/:id/cosign',
    {
      schema: {
        tags,
        summary: '附议：我家支持把这个议题列入议程（每户一次）',
        description: '重复附议答同样的结果。提出议题的那一户、工作人员、未认证住户、已不再征集的议题答 403；达到门槛即列入议程。',
        security: secured,
        params: IdParamsSchema,
        response: { 200: ref(ProposalSchema), ...errorResponses },
      },
    },
    async (request) => c.cosign(callerOf(request), request.params.id),
  )

  app.post(
    '/proposals/:id/answer',
    {
      schema: {
        tags,
        summary: '答复议题（社区工作者）：列入议程、不予采纳（须写明理由）或合并到另一议题',
        description: '非社区工作者、已答复或已进入表决的议题答 403；不予采纳没有理由、合并目标无效答 422。',
        security: secured,
        params: IdParamsSchema,
        body: ref(ProposalAnswerInputSchema),
        response: { 200: ref(ProposalSchema), ...errorResponses },
      },
    },
    async (request) => c.answer(callerOf(request), request.params.id, request.body),
  )

  app.post(
    '/proposals/:id/minutes',
    {
      schema: {
        tags,
        summary: '发布议事会纪要（社区工作者）',
        description: `纪要 10–5000 字、最多 9 张照片（422）；非社区工作者答 403。${KEYED}`,
        security: secured,
        params: IdParamsSchema,
        headers: KeyHeaders,
        body: ref(MinutesInputSchema),
        response: { 201: ref(ProposalSchema), ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await c.addMinutes(callerOf(request), request.params.id, request.body, keyOf(request.headers))),
  )

  app.post(
    '/proposals/:id/progress',
    {
      schema: {
        tags,
        summary: '更新表决通过事项的落实进展（社区工作者），100% 即落实完毕、居民可以评价',
        description: `只有表决通过、尚未落实完毕的事项可以更新（403）；进度不能倒退，第一次须写明负责人（422）。${KEYED}`,
        security: secured,
        params: IdParamsSchema,
        headers: KeyHeaders,
        body: ref(ProgressInputSchema),
        response: { 201: ref(ProposalSchema), ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await c.addProgress(callerOf(request), request.params.id, request.body, keyOf(request.headers))),
  )

  app.post(
    '/proposals/:id/rating',
    {
      schema: {
        tags,
        summary: '评价落实情况（民事民评，每户一次，先评的为准）',
        description: '落实完毕之前、未认证住户答 403。',
        security: secured,
        params: IdParamsSchema,
        body: ref(RatingSchema),
        response: { 200: ref(ProposalSchema), ...errorResponses },
      },
    },
    async (request) => c.rate(callerOf(request), request.params.id, request.body),
  )
}
