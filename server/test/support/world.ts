import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { buildApp, seedDemo, type AppOptions } from '../../app'
import type { Database } from '../../db'
import { freshDatabase } from './database'

// A world starts an embedded PostgreSQL: allow more than jest's 5 s default for hooks and tests.
jest.setTimeout(30_000)

export const DEMO = {
  chen: 'u-chen', // resident, 1号楼 (grid g-1)
  owner: 'u-wang', // resident, 3号楼 (grid g-2)
  neighbour: 'u-li', // resident, 3号楼 (grid g-2)
  zhao: 'u-zhao', // resident, 8号楼 (grid g-3)
  leader: 'u-zhou', // building leader of 3号楼 and 5号楼
  gridWorker1: 'u-liu', // grid g-1
  gridWorker2: 'u-sun', // grid g-2
  gridWorker3: 'u-wu', // grid g-3
  staff: 'u-zhang',
  admin: 'u-he',
} as const

export type Headers = Record<string, string>

export interface World {
  app: FastifyInstance
  db: Database
  /** Sign in as a demo account: the headers of its requests. */
  as(userId: string): Promise<Headers>
  inject(options: InjectOptions): Promise<LightMyRequestResponse>
  /** File a report as `headers`' user; the report's id. */
  file(headers: Headers, body?: Partial<NewReportBody>): Promise<string>
  close(): Promise<void>
}

export interface NewReportBody {
  categoryId: string
  description: string
  photoIds: string[]
  location: { kind: 'text'; address: string } | { kind: 'point'; latitude: number; longitude: number; name: string; address: string }
  anonymous: boolean
}

export const validReport = (over: Partial<NewReportBody> = {}): NewReportBody => ({
  categoryId: 'cat-road',
  description: '小区南门口的路面有一个大坑，雨天积水',
  photoIds: [],
  location: { kind: 'text', address: '映月社区南门口' },
  anonymous: false,
  ...over,
})

let keys = 0
export const newKey = () => `key-${Date.now().toString(36)}-${(++keys).toString(36)}-${Math.random().toString(36).slice(2, 8)}`

/** A fresh database (seeded with the demo community unless `seed: false`) and an app on it. */
export async function startWorld(options: Partial<AppOptions> & { seed?: boolean } = {}): Promise<World> {
  const { seed = true, ...appOptions } = options
  const db = await freshDatabase()
  if (seed) await seedDemo(db, appOptions.now?.() ?? new Date())
  // Outside demo mode photo URLs need a public base (never the request's Host): a test one unless given.
  const publicUrl = appOptions.demo === false && !appOptions.publicUrl ? { publicUrl: 'https://linli.test' } : {}
  const app = buildApp({ demo: true, ...appOptions, ...publicUrl, db })
  await app.ready()
  const tokens = new Map<string, Headers>()
  const world: World = {
    app,
    db,
    inject: (o) => app.inject(o),
    async as(userId) {
      const known = tokens.get(userId)
      if (known) return known
      const response = await app.inject({ method: 'POST', url: '/api/v1/session/demo', payload: { userId } })
      if (response.statusCode !== 200) throw new Error(`sign-in as ${userId}: ${response.statusCode} ${response.body}`)
      const headers = { authorization: `Bearer ${response.json().token}` }
      tokens.set(userId, headers)
      return headers
    },
    async file(headers, body = {}) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: { ...headers, 'idempotency-key': newKey() },
        payload: validReport(body),
      })
      if (response.statusCode !== 201) throw new Error(`file: ${response.statusCode} ${response.body}`)
      return response.json().id
    },
    async close() {
      await app.close()
      await db.close()
    },
  }
  return world
}

/** Assert the typed error body of the contract: `{ error: { kind, message, fields? } }`. */
export function expectError(response: LightMyRequestResponse, status: number, kind: string, fields?: string[]): Record<string, string> {
  if (response.statusCode !== status) throw new Error(`expected ${status} ${kind}, got ${response.statusCode}: ${response.body}`)
  const body = response.json()
  expect(Object.keys(body)).toEqual(['error'])
  expect(body.error.kind).toBe(kind)
  expect(typeof body.error.message).toBe('string')
  expect(body.error.message.length).toBeGreaterThan(0)
  if (fields) {
    expect(Object.keys(body.error.fields ?? {}).sort()).toEqual(expect.arrayContaining([...fields].sort()))
    for (const field of fields) expect(body.error.fields[field]).toMatch(/[\u4e00-\u9fff]/)
  }
  return body.error.fields ?? {}
}
