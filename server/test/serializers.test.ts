import { cachedSerializers } from '../plugins/serializers'

const shared = { Place: { $id: 'Place', type: 'object', properties: { name: { type: 'string' } } } }
const route = (schema: unknown) => ({ method: 'GET', url: '/x', httpStatus: '200', schema })
const reportSchema = () => ({ type: 'object', properties: { id: { type: 'string' }, place: { $ref: 'Place#' } } })

describe('response serializers built once per process', () => {
  it('serializes as fast-json-stringify does: what the schema names, nothing else', () => {
    const serialize = cachedSerializers(shared, {})(route(reportSchema()))
    expect(serialize({ id: 'r-1', secret: 'x', place: { name: '南门', phone: '138' } })).toBe('{"id":"r-1","place":{"name":"南门"}}')
  })

  it('a second instance with the same shared schemas gets the same function for an equal schema', () => {
    const first = cachedSerializers(shared, {})(route(reportSchema()))
    const second = cachedSerializers(structuredClone(shared), {})(route(reportSchema()))
    expect(second).toBe(first)
  })

  it('other shared schemas, other options or another schema are compiled anew', () => {
    const first = cachedSerializers(shared, {})(route(reportSchema()))
    const otherShared = { Place: { ...shared.Place, properties: { name: { type: 'string' }, phone: { type: 'string' } } } }
    const withOther = cachedSerializers(otherShared, {})(route(reportSchema()))
    expect(withOther).not.toBe(first)
    expect(withOther({ id: 'r-1', place: { name: '南门', phone: '138' } })).toBe('{"id":"r-1","place":{"name":"南门","phone":"138"}}')
    expect(cachedSerializers(shared, { rounding: 'ceil' })(route(reportSchema()))).not.toBe(first)
    expect(cachedSerializers(shared, {})(route({ type: 'object', properties: { id: { type: 'string' } } }))).not.toBe(first)
  })

  it('a schema with an $id of its own is not remembered', () => {
    const own = () => route({ $id: 'own#', type: 'object', properties: { id: { type: 'string' } } })
    expect(cachedSerializers(shared, {})(own())).not.toBe(cachedSerializers(shared, {})(own()))
  })
})
