import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { StructureCountsSchema, StructureInputSchema } from '../../types/contract'
import { API } from '../../types/routes'
import { callerOf } from '../plugins/auth'
import { errorResponses, ref } from '../schemas'
import type { RouteDeps } from './deps'

const secured = [{ bearerAuth: [] }]
const tags = ['admin']

/** Admins: the community's structure (grids, buildings and rooms, departments, categories, reply templates). */
export const adminRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core }) => {
  const { structure } = core
  app.get(
    API.adminStructure,
    {
      schema: {
        tags,
        summary: '本社区的设置：网格、楼栋与房号、部门、问题类型、回复模板（每行带 key）',
        description: '只有社区管理员可以查看（403）。',
        security: secured,
        response: { 200: ref(StructureInputSchema), ...errorResponses },
      },
    },
    async (request) => structure.get(callerOf(request)),
  )

  app.put(
    API.adminStructure,
    {
      schema: {
        tags,
        summary: '保存本社区的设置（与导入表格同一套规则）；答各项新增、修改、删除、不变的数量',
        description:
          '带 key 的行按 key 修改，没有 key 的按名称匹配或新增，没写的删除（仍有诉求、住户使用的不能删）。有任何问题时什么都不改，答 422，`fields` 以“表!行!列”列出每个问题。只有社区管理员可以保存（403）。',
        security: secured,
        body: ref(StructureInputSchema),
        response: { 200: ref(StructureCountsSchema), ...errorResponses },
      },
    },
    async (request) => structure.save(callerOf(request), request.body),
  )
}
