import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Static } from 'typebox'
import { ContributionInputSchema, ContributionSchema, DiscussionPageSchema, DiscussionQuerySchema, IdParamsSchema, ReasonSchema } from '../../types/contract'
import { API } from '../../types/routes'
import { callerOf } from '../plugins/auth'
import { errorResponses, ref } from '../schemas'
import { KEYED, KeyHeaders, keyOf, secured } from './consultation'
import type { RouteDeps } from './deps'

const tags = ['discussions']

/** The subject the query names, in the core's words (a malformed one is the core's 400, as on every adapter). */
function subjectOf(query: Static<typeof DiscussionQuerySchema>): Record<string, string> {
  const { kind, id, conventionId, articleId } = query
  return kind === 'article' ? { kind, ...(conventionId ? { conventionId } : {}), ...(articleId ? { articleId } : {}) } : { kind, ...(id ? { id } : {}) }
}

const SUBJECT = '讨论对象在查询参数中：`kind=proposal&id=` 议题、`kind=disclosure&id=` 公开内容、`kind=article&conventionId=&articleId=` 公约条款。'

/**
 * 民事民议: the discussion of a proposal, a convention article or a disclosure (its questions).
 * Who may read the subject may read and join its discussion; anything else answers 404.
 */
export const discussionRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core, rateLimits }) => {
  const c = core.consultation
  const submitLimit = {
    max: rateLimits.submit.max,
    timeWindow: rateLimits.submit.timeWindowMs,
    keyGenerator: (r: { caller: { actor: { id: string } } | null; ip: string }) => (r.caller ? `user:${r.caller.actor.id}` : `ip:${r.ip}`),
  }

  app.get(
    API.discussions,
    {
      schema: {
        tags,
        summary: '讨论：发言与回复（游标分页），以及支持、反对、中立的人数',
        description: `${SUBJECT}被隐藏的发言仍然列出，内容为空并写明隐藏理由（社区工作者能看到原文）。`,
        security: secured,
        querystring: DiscussionQuerySchema,
        response: { 200: ref(DiscussionPageSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { cursor, limit } = request.query
      return c.listContributions(callerOf(request), subjectOf(request.query), { cursor, limit })
    },
  )

  app.post(
    API.discussions,
    {
      config: { rateLimit: submitLimit },
      schema: {
        tags,
        summary: '发言或回复',
        description: `${SUBJECT}议题与条款的发言须选择支持、反对或中立，回复和对公开内容的提问不用（422）；未认证住户答 403。${KEYED}`,
        security: secured,
        querystring: DiscussionQuerySchema,
        headers: KeyHeaders,
        body: ref(ContributionInputSchema),
        response: { 201: ref(ContributionSchema), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await c.contribute(callerOf(request), subjectOf(request.query), request.body, keyOf(request.headers))),
  )

  app.post(
    '/contributions/:id/hide',
    {
      schema: {
        tags,
        summary: '隐藏发言（社区工作者），须写明理由，大家都能看到',
        description: '发言不会被删除：其他人看到“已隐藏”和理由。非社区工作者、已隐藏答 403；理由 2–100 字（422）。',
        security: secured,
        params: IdParamsSchema,
        body: ref(ReasonSchema),
        response: { 200: ref(ContributionSchema), ...errorResponses },
      },
    },
    async (request) => c.hideContribution(callerOf(request), request.params.id, request.body.reason),
  )
}
