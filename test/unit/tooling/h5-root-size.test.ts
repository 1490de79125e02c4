import { runInNewContext } from 'node:vm'
import { ROOT_SIZE, rootSizeScript } from '../../../config/h5-root-size'

/** index.html's root-size script (config/h5-root-size.ts) in a window of the given viewport. */
function windowOf(width: number, height: number) {
  const listeners: Record<string, () => void> = {}
  const root = {
    clientWidth: width,
    clientHeight: height,
    style: { fontSize: '' },
    // What Taro's own script measured: the root's box, a few pixels tall before the page has content.
    getBoundingClientRect: () => ({ width, height: 8 }),
  }
  const window = {
    document: { documentElement: root },
    innerWidth: width,
    innerHeight: height,
    addEventListener: (type: string, fn: () => void) => (listeners[type] = fn),
  }
  const timers: Array<() => void> = []
  runInNewContext(rootSizeScript(), { window, setTimeout: (fn: () => void) => timers.push(fn) })
  return { root, resize: (w: number, h: number) => { root.clientWidth = w; root.clientHeight = h; listeners.resize?.(); timers.splice(0).forEach((t) => t()) } }
}

describe('the H5 root font size (index.html)', () => {
  it('is the phone width’s share of the 750 design from the first paint, not the 20 px floor', () => {
    // 40 px at 750 design px: a 412 px phone gets 21.97 px at once, though the page has no height yet.
    expect(parseFloat(windowOf(412, 823).root.style.fontSize)).toBeCloseTo((40 * 412) / 750, 3)
    expect(windowOf(375, 812).root.style.fontSize).toBe('20px')
  })

  it('keeps Taro’s floor and ceiling, and takes the smaller side (a phone on its side, a desktop)', () => {
    expect(windowOf(320, 568).root.style.fontSize).toBe(`${ROOT_SIZE.min}px`)
    expect(parseFloat(windowOf(823, 412).root.style.fontSize)).toBeCloseTo((40 * 412) / 750, 3)
    expect(windowOf(1920, 1080).root.style.fontSize).toBe(`${ROOT_SIZE.max}px`)
  })

  it('stays put when a portrait phone’s address bar moves, and follows a real resize', () => {
    const page = windowOf(412, 823)
    const first = page.root.style.fontSize
    page.resize(412, 870)
    expect(page.root.style.fontSize).toBe(first)
    page.resize(600, 900)
    expect(parseFloat(page.root.style.fontSize)).toBeCloseTo(32, 3)
  })

  it('falls back to the window when the root reports no size', () => {
    const listeners = {}
    const root = { clientWidth: 0, clientHeight: 0, style: { fontSize: '' } }
    runInNewContext(rootSizeScript(), {
      window: { document: { documentElement: root }, innerWidth: 412, innerHeight: 823, addEventListener: (t: string, f: unknown) => Object.assign(listeners, { [t]: f }) },
      setTimeout: () => undefined,
    })
    expect(parseFloat(root.style.fontSize)).toBeCloseTo((40 * 412) / 750, 3)
  })
})
