import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AuditPageSchema, AuditQuerySchema, IdParamsSchema, ModerationItemSchema, ModerationPageSchema, ModerationRejectInputSchema, PageQuerySchema } from '../../types/contract'
import type { AuditQuery } from '../../types/api'
import { API } from '../../types/routes'
import { callerOf } from '../plugins/auth'
import { errorResponses, ref } from '../schemas'
import type { RouteDeps } from './deps'

const secured = [{ bearerAuth: [] }]
const tags = ['moderation']

/**
 * Content security (issue 13): the moderation queue of texts the content check held, and the
 * audit log of staff actions. Staff and admins decide on their community's items only (another
 * community's answer 404, anyone else 403).
 */
export const moderationRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core }) => {
  const { moderation, audit } = core
  app.get(
    API.moderationItems,
    {
      schema: {
        tags,
        summary: '待审核内容：本社区被内容检查拦下待人工审核的诉求、留言、通知、议题、发言和提问，等得最久的在前（游标分页）',
        description: '社区工作者和管理员可以查看（其他人 403）。',
        security: secured,
        querystring: PageQuerySchema,
        response: { 200: ref(ModerationPageSchema), ...errorResponses },
      },
    },
    async (request) => moderation.list(callerOf(request), request.query),
  )

  app.post(
    '/moderation/items/:id/approve',
    {
      schema: {
        tags,
        summary: '审核通过：内容发布，其他人从此可以看到，并告知发布人',
        description: '本社区的社区工作者和管理员（其他人 403；其他社区的内容 404；已审核过的 409）。留言排到对话末尾、通知以此刻为发布时间、议题的征集期从此刻起算。',
        security: secured,
        params: IdParamsSchema,
        response: { 200: ref(ModerationItemSchema), ...errorResponses },
      },
    },
    async (request) => moderation.approve(callerOf(request), request.params.id),
  )

  app.post(
    '/moderation/items/:id/reject',
    {
      schema: {
        tags,
        summary: '审核未通过：只有发布人能看到该内容（标为未通过审核）和原因',
        description: '原因 2–200 字（422），发布人会看到。权限同审核通过。',
        security: secured,
        params: IdParamsSchema,
        body: ref(ModerationRejectInputSchema),
        response: { 200: ref(ModerationItemSchema), ...errorResponses },
      },
    },
    async (request) => moderation.reject(callerOf(request), request.params.id, request.body.reason),
  )

  app.get(
    API.audit,
    {
      schema: {
        tags,
        summary: '操作记录：与居民相关的工作人员操作（诉求处置、隐藏发言、纸质选票、内容审核、角色变动），最新在前（游标分页）',
        description:
          '只增不改。社区工作者和管理员看本社区（指定其他社区答 404）；街道工作人员须以 `communityId` 指定本街道的一个社区（不指定答 422，其他街道的答 404）；其他人答 403。' +
          '可按 `action`（如 report.reject）与 `subjectKind`、`subjectId` 筛选；未知的操作或对象类型答 400。',
        security: secured,
        querystring: AuditQuerySchema,
        response: { 200: ref(AuditPageSchema), ...errorResponses },
      },
    },
    // The filters are the core's to check (400 for an unknown action, as on every adapter).
    async (request) => audit.list(callerOf(request), request.query as AuditQuery),
  )
}
