import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { ConsultationOverviewSchema, ConsultationSettingsSchema, SettingsInputSchema } from '../../types/contract'
import { API, IDEMPOTENCY_HEADER } from '../../types/routes'
import { callerOf } from '../plugins/auth'
import { errorResponses, ref } from '../schemas'
import type { RouteDeps } from './deps'

/** What the consultation's route files share. */
export const secured = [{ bearerAuth: [] }]

/**
 * The Idempotency-Key of a creation (a proposal, a vote, a contribution …). Its rule (8–100 of
 * A–Z a–z 0–9 - _) is the core's, checked after who may create: the same key with the same body
 * answers the first object, with another body 422.
 */
export const KeyHeaders = Type.Object({
  [IDEMPOTENCY_HEADER]: Type.String({
    maxLength: 200,
    description: '8–100 个字母、数字、- 或 _；同一用户同一编号只会创建一次，重试答同一对象',
  }),
})

/** The creation's key, as the core's `createOnce` takes it. */
export const keyOf = (headers: Record<string, unknown>) => ({ idempotencyKey: headers[IDEMPOTENCY_HEADER] })

/** How every keyed creation answers, for the route descriptions. */
export const KEYED = '需 Idempotency-Key：首次答 201；同一用户、同一编号、同样内容的重试也答 201 并给出同一对象；同一编号不同内容答 422。'

const tags = ['consultation']

/** The front door's consultation part, and the community's rules for proposals. */
export const consultationRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core }) => {
  const c = core.consultation
  app.get(
    API.consultationOverview,
    {
      schema: {
        tags,
        summary: '首页议事概览：待我家投票的表决、待承诺遵守的公约、接近附议门槛的议题、最新一期公开',
        description: '只列出与我家相关、现在就能去做的事；尚未加入社区答 403。',
        security: secured,
        response: { 200: ref(ConsultationOverviewSchema), ...errorResponses },
      },
    },
    async (request) => c.overview(callerOf(request)),
  )

  app.get(
    API.consultationSettings,
    {
      schema: {
        tags,
        summary: '本社区的议事规则：多少户附议、多少天内列入议程',
        description: '未设置时为默认的 30 天内 10 户。',
        security: secured,
        response: { 200: ref(ConsultationSettingsSchema), ...errorResponses },
      },
    },
    async (request) => c.settings(callerOf(request)),
  )

  app.put(
    API.consultationSettings,
    {
      schema: {
        tags,
        summary: '修改议事规则（社区工作者）',
        description: '附议户数 1–500 的整数、征集期 1–180 天（422）；非社区工作者答 403。新规则只适用于之后提出的议题。',
        security: secured,
        body: ref(SettingsInputSchema),
        response: { 200: ref(ConsultationSettingsSchema), ...errorResponses },
      },
    },
    async (request) => c.updateSettings(callerOf(request), request.body),
  )
}
