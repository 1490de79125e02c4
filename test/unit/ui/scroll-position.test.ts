import { scrollPosition } from '../../../src/ui/scroll-position'

describe('where a virtual page is scrolled to', () => {
  it('is read from Taro’s scroll event', () => {
    expect(scrollPosition({ detail: { scrollTop: 120, scrollHeight: 4000 } })).toEqual({ scrollTop: 120, scrollHeight: 4000 })
    expect(scrollPosition({ detail: { scrollTop: 0, scrollHeight: 0 } })).toEqual({ scrollTop: 0, scrollHeight: 0 })
  })

  it('is nothing for an event without it (a dialog scrolling over the list on H5 threw here)', () => {
    expect(scrollPosition({} as never)).toBeNull()
    expect(scrollPosition(undefined)).toBeNull()
    expect(scrollPosition({ detail: { scrollTop: 5 } })).toBeNull()
  })
})
