import { appendPage } from '../../../src/domain/pages'

describe('appendPage', () => {
  it('puts the next page after the list, in its order', () => {
    expect(appendPage([{ id: 'a' }, { id: 'b' }], [{ id: 'c' }, { id: 'd' }]).map((i) => i.id)).toEqual(['a', 'b', 'c', 'd'])
  })

  it('leaves out a row the list already shows (it moved between the two reads), keeping the shown one', () => {
    const shown = { id: 'b', v: 1 }
    const merged = appendPage([{ id: 'a', v: 1 }, shown], [{ id: 'b', v: 2 }, { id: 'c', v: 1 }])
    expect(merged.map((i) => i.id)).toEqual(['a', 'b', 'c'])
    expect(merged[1]).toBe(shown)
  })

  it('leaves both inputs as they were', () => {
    const items = [{ id: 'a' }]
    const next = [{ id: 'a' }, { id: 'b' }]
    appendPage(items, next)
    expect(items).toEqual([{ id: 'a' }])
    expect(next).toHaveLength(2)
  })
})
