import type { TSchema } from 'typebox'
import Type from 'typebox'
import * as Contract from '../types/contract'
import type { StructureCounts } from '../src/core/services/structure'
import type { StructureInput } from '../src/domain/structure'

/**
 * The contract's named schemas (those with an `$id`), registered once with Fastify so validation,
 * serialisation and the OpenAPI document share them under their real names. A named schema nested
 * in another (Photo inside Report) becomes a `$ref`, because one schema may not define an `$id`
 * twice. Routes point at them with `ref()`, which keeps the schema's static type for the type
 * provider while sending Fastify only the reference.
 */
type Json = Record<string, unknown>

function collect(roots: unknown[]): Json[] {
  const registry = new Map<string, Json>()
  const visit = (node: unknown, top: boolean): unknown => {
    if (Array.isArray(node)) return node.map((n) => visit(n, false))
    if (!node || typeof node !== 'object') return node
    const schema = node as Json
    if (!top && typeof schema.$id === 'string') {
      register(schema)
      return { $ref: `${schema.$id}#` }
    }
    const copy: Json = {}
    for (const key of Object.keys(schema)) copy[key] = visit(schema[key], false)
    return copy
  }
  const register = (schema: Json) => {
    const id = schema.$id as string
    if (registry.has(id)) return
    registry.set(id, {}) // placeholder first: a schema may (indirectly) contain itself
    registry.set(id, visit(schema, true) as Json)
  }
  for (const root of roots) if (root && typeof root === 'object' && typeof (root as Json).$id === 'string') register(root as Json)
  return [...registry.values()]
}

export const SHARED_SCHEMAS: Json[] = collect(Object.values(Contract))

/** A reference to a registered contract schema, typed as the schema itself. */
export function ref<T extends TSchema>(schema: T): T {
  const id = (schema as unknown as Json).$id
  if (typeof id !== 'string') throw new Error('ref() needs a schema with an $id')
  return { $ref: `${id}#` } as unknown as T
}

/** Every error answer, whatever the status: `{ error: { kind, message, fields? } }`. */
export const errorResponses = {
  '4xx': ref(Contract.ErrorBodySchema),
  '5xx': ref(Contract.ErrorBodySchema),
} as const

export const NoContent = Type.Null()

// ── contract schemas for shapes declared outside types/ (types may import only types) ─────────────

type Equal<X, Y> = [X] extends [Y] ? ([Y] extends [X] ? true : false) : false
type Assert<T extends true> = T

export type ContractMatchesStructure = [
  Assert<Equal<Type.Static<typeof Contract.StructureInputSchema>, StructureInput>>,
  Assert<Equal<Type.Static<typeof Contract.StructureCountsSchema>, StructureCounts>>,
]
