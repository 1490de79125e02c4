// Runs before each component test file (jest.config.js, project "component"): what Taro's H5
// runtime, its web components and NutUI expect from a browser that jsdom does not provide.

// The app branches on the platform at runtime (src/platform/*): these tests are the H5 build.
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'

if (!window.matchMedia) {
  window.matchMedia = (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList
}

class NoopObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
  takeRecords(): [] {
    return []
  }
}
const g = globalThis as Record<string, unknown>
if (!g.ResizeObserver) g.ResizeObserver = NoopObserver
if (!g.IntersectionObserver) g.IntersectionObserver = NoopObserver

if (!window.scrollTo || /not implemented/i.test(String(window.scrollTo))) {
  window.scrollTo = (() => undefined) as typeof window.scrollTo
}
if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined

// Taro H5's addPhoneCalendar pulls in `ics`, whose `nanoid` resolves to an ES module under jsdom's
// "browser" condition. The app never adds calendar events; give Taro an inert `ics`.
jest.mock('ics', () => ({
  createEvent: () => ({ error: new Error('ics is not available in component tests'), value: undefined }),
  createEvents: () => ({ error: new Error('ics is not available in component tests'), value: undefined }),
}))

// Taro's <Swiper> web component imports `swiper/bundle`, shipped only as .mjs (which the shared
// babel transform does not match). No screen under test uses a Swiper: give it an inert class.
jest.mock('swiper/bundle', () => {
  class SwiperStub {
    activeIndex = 0
    realIndex = 0
    slides: unknown[] = []
    params: Record<string, unknown> = {}
    on(): void {}
    off(): void {}
    update(): void {}
    slideTo(): void {}
    slideToLoop(): void {}
    destroy(): void {}
  }
  return { __esModule: true, default: SwiperStub }
})

// jsdom has no canvas (without the native `canvas` package). NutUI's bundle includes lottie, which
// draws into a 1×1 canvas as it loads; give every canvas an inert 2D context: drawing does nothing,
// reading answers an empty image.
HTMLCanvasElement.prototype.getContext = function getContext(this: HTMLCanvasElement) {
  const canvas = this
  const state: Record<string | symbol, unknown> = { canvas }
  return new Proxy(state, {
    get(target, key) {
      if (key in target) return target[key]
      if (key === 'getImageData' || key === 'createImageData') {
        return () => ({ data: new Uint8ClampedArray(4 * Math.max(1, canvas.width * canvas.height)), width: canvas.width, height: canvas.height })
      }
      if (key === 'measureText') return () => ({ width: 0 })
      return () => undefined
    },
    set(target, key, value) {
      target[key] = value
      return true
    },
  })
} as unknown as typeof HTMLCanvasElement.prototype.getContext

// …and warns, once per canvas it creates while loading, that mini-programs cannot create canvases.
// True, and irrelevant to H5 in jsdom: drop exactly that message.
const warn = console.warn.bind(console)
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].includes('Lottie 动态创建 canvas')) return
  warn(...args)
}
