import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'

type Factory = ReturnType<typeof SerializerSelector>
type Compiler = ReturnType<Factory>
type Serializer = ReturnType<Compiler>

const buildDefault = SerializerSelector()
/** Serializers already built in this process: by the external schemas and options, then by the route's schema. */
const built = new Map<string, Map<string, Serializer>>()

/**
 * Fastify's own response serializer factory (fast-json-stringify), remembering what it built for the
 * life of the process. Fastify compiles a serializer for every route's response schemas when an
 * instance gets ready — about 1.2 s for our ~150 routes, nearly all of `buildApp().ready()` — and
 * an instance never shares them with the next. The schemas are the same constants in every instance
 * (routes, `SHARED_SCHEMAS`), so an instance built after the first one (a test's new world, a second
 * app in one process) reuses the functions: a serializer is a pure function of its schema, the
 * shared schemas and the options, which are the cache's key. A schema with an `$id` of its own is
 * compiled as Fastify would (fast-json-stringify treats it against the shared set).
 */
export const cachedSerializers: Factory = (externalSchemas, options) => {
  const compile = buildDefault(externalSchemas, options)
  const setKey = JSON.stringify([externalSchemas ?? null, options ?? null])
  let forSet = built.get(setKey)
  if (!forSet) built.set(setKey, (forSet = new Map()))
  const cache = forSet
  return (route) => {
    const schema = route.schema as { $id?: unknown } | undefined
    if (!schema || schema.$id !== undefined) return compile(route)
    const key = JSON.stringify(schema)
    let serializer = cache.get(key)
    if (!serializer) cache.set(key, (serializer = compile(route)))
    return serializer
  }
}
