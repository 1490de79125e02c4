import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { BallotInputSchema, IdParamsSchema, PageQuerySchema, PaperBallotInputSchema, VoteInputSchema, VotePageSchema, VoteRollSchema, VoteSchema } from '../../types/contract'
import { API } from '../../types/routes'
import { callerOf } from '../plugins/auth'
import { errorResponses, ref } from '../schemas'
import { KEYED, KeyHeaders, keyOf, secured } from './consultation'
import type { RouteDeps } from './deps'

const tags = ['votes']

/**
 * 民事民决: one ballot per household on the roll (fixed when the vote opens), by phone or on paper;
 * how a household voted is never shown. Another community's vote answers 404.
 */
export const voteRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core }) => {
  const c = core.consultation
  app.get(
    API.votes,
    {
      schema: {
        tags,
        summary: '本社区的表决（新的在前，游标分页），每项带我家是否在名册中、是否已投',
        description: '结果在公布后人人可见；截止后、公布前只有社区工作者可见。',
        security: secured,
        querystring: PageQuerySchema,
        response: { 200: ref(VotePageSchema), ...errorResponses },
      },
    },
    async (request) => c.listVotes(callerOf(request), request.query),
  )

  app.post(
    API.votes,
    {
      schema: {
        tags,
        summary: '发起表决（社区工作者）：针对已列入议程的议题、公约草案或其他事项',
        description: `名册在发起时按范围内已认证的住户确定。非社区工作者、议题未列入议程答 403；标题、选项、截止时间（1 小时至 60 天后）、参与率、公示期、范围不符合规则答 422。${KEYED}`,
        security: secured,
        headers: KeyHeaders,
        body: ref(VoteInputSchema),
        response: { 201: ref(VoteSchema), ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await c.openVote(callerOf(request), request.body, keyOf(request.headers))),
  )

  app.get(
    '/votes/:id',
    {
      schema: { tags, summary: '表决详情', security: secured, params: IdParamsSchema, response: { 200: ref(VoteSchema), ...errorResponses } },
    },
    async (request) => c.getVote(callerOf(request), request.params.id),
  )

  app.post(
    '/votes/:id/ballot',
    {
      schema: {
        tags,
        summary: '投票：代表我家投一票（每户只计第一票）',
        description:
          '同一人重复投票答表决现状；家里其他人或社区已录入纸质选票时答 409 并说明是谁、何时投的。未认证、不在名册中、已截止答 403；选项无效答 422。',
        security: secured,
        params: IdParamsSchema,
        body: ref(BallotInputSchema),
        response: { 200: ref(VoteSchema), ...errorResponses },
      },
    },
    async (request) => c.castBallot(callerOf(request), request.params.id, request.body.optionId),
  )

  app.post(
    '/votes/:id/paper-ballots',
    {
      schema: {
        tags,
        summary: '录入纸质选票（社区工作者），记录录入人和时间',
        description: '该户已投过（手机或纸质）答 409；不在名册中、选项无效、未注明交票人答 422；已截止或非社区工作者答 403。',
        security: secured,
        params: IdParamsSchema,
        body: ref(PaperBallotInputSchema),
        response: { 200: ref(VoteSchema), ...errorResponses },
      },
    },
    async (request) => c.enterPaperBallot(callerOf(request), request.params.id, request.body),
  )

  app.get(
    '/votes/:id/roll',
    {
      schema: {
        tags,
        summary: '投票名册：哪些户已投（不显示投了什么），社区工作者看全部、楼栋长看自己负责的楼栋',
        description: '居民、网格员答 403。',
        security: secured,
        params: IdParamsSchema,
        response: { 200: ref(VoteRollSchema), ...errorResponses },
      },
    },
    async (request) => c.voteRoll(callerOf(request), request.params.id),
  )

  app.post(
    '/votes/:id/publish',
    {
      schema: {
        tags,
        summary: '公布表决结果（社区工作者，截止后），进入公示期',
        description: '截止前、已公布答 403。通过的议题转为落实中，通过的公约草案成为现行版本。',
        security: secured,
        params: IdParamsSchema,
        response: { 200: ref(VoteSchema), ...errorResponses },
      },
    },
    async (request) => c.publishResult(callerOf(request), request.params.id),
  )
}
