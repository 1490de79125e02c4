import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  IdParamsSchema,
  InviteInputSchema,
  InviteListSchema,
  InviteSchema,
  MemberListSchema,
  QrCodeSchema,
  RedeemInviteSchema,
  RevokeRoleSchema,
  UserIdParamsSchema,
  UserSchema,
} from '../../types/contract'
import { API } from '../../types/routes'
import { callerOf } from '../plugins/auth'
import { errorResponses, ref } from '../schemas'
import type { RouteDeps } from './deps'

const secured = [{ bearerAuth: [] }]
const tags = ['people']

/**
 * Invitations (邀请) to a role in the community, and people's roles (人员与角色). An invite or a
 * person of another community answers 404. Using a code is limited per person (a guessing guard).
 */
export const inviteRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core, rateLimits }) => {
  const { invites, people } = core
  const redeemLimit = {
    max: rateLimits.redeem.max,
    timeWindow: rateLimits.redeem.timeWindowMs,
    keyGenerator: (r: { caller: { actor: { id: string } } | null; ip: string }) => (r.caller ? `redeem:${r.caller.actor.id}` : `redeem-ip:${r.ip}`),
  }

  app.post(
    API.invites,
    {
      schema: {
        tags,
        summary: '发出邀请：管理员邀请社区工作者和管理员，社区工作者邀请网格员和楼栋长',
        description:
          '网格员须选本社区的网格，楼栋长须选本社区的楼栋，其他角色不选；备注最多 40 个字；有效期 1 小时到 30 天（422）。不能邀请的角色答 403。',
        security: secured,
        body: ref(InviteInputSchema),
        response: { 201: ref(InviteSchema), ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await invites.create(callerOf(request), request.body)),
  )

  app.get(
    API.invites,
    {
      schema: {
        tags,
        summary: '本社区的邀请（最新的 50 条），各带状态：未使用、已使用、已过期、已撤销',
        description: '管理员和社区工作者可以查看（其他人 403）。',
        security: secured,
        response: { 200: ref(InviteListSchema), ...errorResponses },
      },
    },
    async (request) => invites.list(callerOf(request)),
  )

  app.post(
    '/invites/:id/cancel',
    {
      schema: {
        tags,
        summary: '撤销一个未使用的邀请',
        description: '其他社区的邀请答 404；已使用、已过期或已撤销答 409。',
        security: secured,
        params: IdParamsSchema,
        response: { 200: ref(InviteSchema), ...errorResponses },
      },
    },
    async (request) => invites.cancel(callerOf(request), request.params.id),
  )

  app.get(
    '/invites/:id/qr-code',
    {
      schema: {
        tags,
        summary: '邀请的小程序码（PNG 的 data URL），扫码打开小程序并填好邀请码',
        description: '服务器未开通小程序码答 501（把邀请码告诉对方即可）；微信接口失败答 502，太频繁答 429。',
        security: secured,
        params: IdParamsSchema,
        response: { 200: ref(QrCodeSchema), ...errorResponses },
      },
    },
    async (request, reply) => reply.header('cache-control', 'no-store').send(await invites.qrCode(callerOf(request), request.params.id)),
  )

  app.post(
    API.redeemInvite,
    {
      config: { rateLimit: redeemLimit },
      schema: {
        tags,
        summary: '使用邀请码：答获得角色后的本人',
        description:
          '邀请码为 8 位字母和数字（格式不对答 400），没有这个邀请码答 404，已使用、已撤销或已过期答 409；在其他社区担任职务或是认证住户答 409。每人每段时间内尝试次数有限（429）。',
        security: secured,
        body: ref(RedeemInviteSchema),
        response: { 200: ref(UserSchema), ...errorResponses },
      },
    },
    async (request) => invites.redeem(callerOf(request), request.body.code),
  )

  app.get(
    API.people,
    {
      schema: {
        tags,
        summary: '本社区担任职务的人（社区工作者、网格员、楼栋长、管理员）',
        description: '管理员和社区工作者可以查看（其他人 403）。',
        security: secured,
        response: { 200: ref(MemberListSchema), ...errorResponses },
      },
    },
    async (request) => people.list(callerOf(request)),
  )

  app.post(
    '/people/:userId/revoke',
    {
      schema: {
        tags,
        summary: '取消某人的一个角色，立即生效；答取消后的人员列表',
        description: '管理员可取消任何职务，社区工作者可取消网格员和楼栋长（其他 403）；不是本社区的人答 404；此人没有这个角色、取消自己的管理员角色答 422。',
        security: secured,
        params: UserIdParamsSchema,
        body: ref(RevokeRoleSchema),
        response: { 200: ref(MemberListSchema), ...errorResponses },
      },
    },
    async (request) => people.revokeRole(callerOf(request), request.params.userId, request.body.role),
  )
}
