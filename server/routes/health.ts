import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { databaseUnavailable } from '../errors'
import { errorResponses } from '../schemas'
import type { RouteDeps } from './deps'

const HealthSchema = Type.Object({ ok: Type.Literal(true), db: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]) })

/** GET /health: the process answers and its database does. */
export const healthRoutes: FastifyPluginAsyncTypebox<Pick<RouteDeps, 'db'>> = async (app, { db }) => {
  app.get(
    '/health',
    { schema: { tags: ['health'], summary: '存活与数据库检查', response: { 200: HealthSchema, ...errorResponses } } },
    async () => {
      try {
        await db.query('SELECT 1')
      } catch {
        throw databaseUnavailable('数据库不可用')
      }
      return { ok: true as const, db: db.kind }
    },
  )
}
