import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  AcknowledgementSheetSchema,
  ArticleChangeListSchema,
  ConventionDraftInputSchema,
  ConventionInputSchema,
  ConventionListSchema,
  ConventionSchema,
  ConventionVersionSchema,
  DiffQuerySchema,
  IdParamsSchema,
  PublishDraftInputSchema,
  VersionParamsSchema,
} from '../../types/contract'
import { API } from '../../types/routes'
import { callerOf } from '../plugins/auth'
import { errorResponses, ref } from '../schemas'
import { KEYED, KeyHeaders, keyOf, secured } from './consultation'
import type { RouteDeps } from './deps'

const tags = ['conventions']

/**
 * 社区公约 / 村规民约 / 微公约: versions, 修订记录, 承诺遵守 by household. A convention one may not
 * read (another community's, a 微公约 of other buildings) answers 404.
 */
export const conventionRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core }) => {
  const c = core.consultation
  app.get(
    API.conventions,
    {
      schema: {
        tags,
        summary: '我能看到的公约：社区公约、村规民约，以及我家楼栋（或我负责楼栋）的微公约',
        description: '每份公约带现行版本、修订记录（草案只有能修订的人看到）、我家是否已承诺遵守和按户统计的承诺数。',
        security: secured,
        response: { 200: ref(ConventionListSchema), ...errorResponses },
      },
    },
    async (request) => c.list(callerOf(request)),
  )

  app.post(
    API.conventions,
    {
      schema: {
        tags,
        summary: '制定公约：第一版立即发布或保存为草案（社区工作者；微公约也可由这些楼栋的楼栋长制定）',
        description: `无权制定答 403；名称、条款、修订说明、楼栋不符合规则答 422（逐项说明）。${KEYED}`,
        security: secured,
        headers: KeyHeaders,
        body: ref(ConventionInputSchema),
        response: { 201: ref(ConventionSchema), ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await c.create(callerOf(request), request.body, keyOf(request.headers))),
  )

  app.get(
    '/conventions/:id',
    {
      schema: {
        tags,
        summary: '公约详情：现行版本的条款与修订记录',
        description: '无权查看答 404（不透露是否存在）。',
        security: secured,
        params: IdParamsSchema,
        response: { 200: ref(ConventionSchema), ...errorResponses },
      },
    },
    async (request) => c.get(callerOf(request), request.params.id),
  )

  app.get(
    '/conventions/:id/versions/:version',
    {
      schema: {
        tags,
        summary: '公约的某一版本（含条款）',
        description: '草案只有能修订的人可以查看；不存在的版本答 404。',
        security: secured,
        params: VersionParamsSchema,
        response: { 200: ref(ConventionVersionSchema), ...errorResponses },
      },
    },
    async (request) => c.getVersion(callerOf(request), request.params.id, request.params.version),
  )

  app.get(
    '/conventions/:id/diff',
    {
      schema: {
        tags,
        summary: '修订记录：两个版本之间逐条的变化（新增、删除、修改、调整序号、未变）',
        security: secured,
        params: IdParamsSchema,
        querystring: DiffQuerySchema,
        response: { 200: ref(ArticleChangeListSchema), ...errorResponses },
      },
    },
    async (request) => c.diff(callerOf(request), request.params.id, request.query.from, request.query.to),
  )

  app.put(
    '/conventions/:id/draft',
    {
      schema: {
        tags,
        summary: '写（或重写）下一版草案',
        description: '保留原条款请带上它的 id，新条款不带 id。正在表决的草案不能修改（403）；无权修订答 403；条款不符合规则答 422。',
        security: secured,
        params: IdParamsSchema,
        body: ref(ConventionDraftInputSchema),
        response: { 200: ref(ConventionSchema), ...errorResponses },
      },
    },
    async (request) => c.saveDraft(callerOf(request), request.params.id, request.body),
  )

  app.post(
    '/conventions/:id/draft/publish',
    {
      schema: {
        tags,
        summary: '不经表决直接发布草案（如已由居民会议通过），自生效日期起施行',
        description: '没有草案、草案已提交表决答 403；生效日期无效答 422。',
        security: secured,
        params: IdParamsSchema,
        body: ref(PublishDraftInputSchema),
        response: { 200: ref(ConventionSchema), ...errorResponses },
      },
    },
    async (request) => c.publishDraft(callerOf(request), request.params.id, request.body),
  )

  app.post(
    '/conventions/:id/acknowledge',
    {
      schema: {
        tags,
        summary: '承诺遵守：我家承诺遵守现行版本',
        description: '每户一次，先承诺的为准，重复承诺答同样的结果。未认证住户、不适用于我家楼栋的微公约、尚无生效版本答 403。',
        security: secured,
        params: IdParamsSchema,
        response: { 200: ref(ConventionSchema), ...errorResponses },
      },
    },
    async (request) => c.acknowledge(callerOf(request), request.params.id),
  )

  app.get(
    '/conventions/:id/acknowledgements',
    {
      schema: {
        tags,
        summary: '按户的承诺情况：哪些户已承诺、哪些还没有（楼栋长看自己负责的楼栋，社区工作者看全社区）',
        description: '居民、网格员答 403；尚无生效版本答 403。',
        security: secured,
        params: IdParamsSchema,
        response: { 200: ref(AcknowledgementSheetSchema), ...errorResponses },
      },
    },
    async (request) => c.acknowledgements(callerOf(request), request.params.id),
  )
}
