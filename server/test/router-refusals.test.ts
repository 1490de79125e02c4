import { DEMO, expectError, startWorld, type Headers, type World } from './support/world'

/**
 * Paths the router refuses before any route, hook or error handler runs still answer the
 * contract's typed body (found by the fuzzer: they answered Fastify's `{ error, code, message }`).
 */

let world: World
let resident: Headers
beforeAll(async () => {
  world = await startWorld()
  resident = await world.as(DEMO.owner)
})
afterAll(() => world.close())

it.each([
  ['broken percent-encoding', '/api/v1/reports/%E0%A4%A'],
  ['a lone surrogate (WTF-8 bytes)', '/api/v1/reports/%ED%A0%80'],
  ['broken percent-encoding in a middle segment', '/api/v1/reports/%E0%A4%A/messages'],
])('a path parameter of %s is a 400 validation error', async (_, url) => {
  for (const headers of [resident, {}]) {
    const response = await world.inject({ url, headers })
    expectError(response, 400, 'validation')
    expect(response.json().error.message).toBe('请求地址包含无效字符')
  }
})

it('a path parameter over the router limit is a 414 validation error', async () => {
  for (const headers of [resident, {}]) {
    const response = await world.inject({ method: 'POST', url: `/api/v1/reports/${'r'.repeat(201)}/me-too`, headers })
    expectError(response, 414, 'validation')
    expect(response.json().error.message).toBe('请求地址太长')
  }
  // At the limit, the route answers (an id of 200 characters is merely too long for the schema).
  expectError(await world.inject({ url: `/api/v1/reports/${'r'.repeat(200)}`, headers: resident }), 400, 'validation', ['id'])
})

describe('a query parameter a route does not take', () => {
  it('is a 400 naming it, and the request does nothing (DELETE /profile?fuzz=1 keeps the account)', async () => {
    const neighbour = await world.as(DEMO.neighbour)
    const refused = await world.inject({ method: 'DELETE', url: '/api/v1/profile?fuzz=1', headers: neighbour })
    expectError(refused, 400, 'validation', ['fuzz'])
    expect(refused.json().error.message).toBe('不支持此查询参数')
    expect((await world.inject({ url: '/api/v1/profile', headers: neighbour })).statusCode).toBe(200)
  })

  it('is refused on a read too, while a route with a query schema still takes its own', async () => {
    expectError(await world.inject({ url: '/api/v1/profile?x=', headers: resident }), 400, 'validation', ['x'])
    expect((await world.inject({ url: '/api/v1/reports/mine?limit=5', headers: resident })).statusCode).toBe(200)
    expectError(await world.inject({ url: '/api/v1/reports/mine?limit=5&x=1', headers: resident }), 400, 'validation')
  })
})
