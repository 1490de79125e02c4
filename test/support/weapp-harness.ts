/**
 * Runs the REAL weapp bundle (dist/, from `npm run build:weapp`) under miniprogram-simulate.
 *
 * What a WeChat client would provide and miniprogram-simulate does not, this harness provides:
 *  - `App`, `getApp`, `getCurrentPages` globals, and `Page`, mapped onto simulate's `Component`
 *    (page functions become methods; `attached` runs onLoad(query) then onShow, `ready` onReady,
 *    `detached` onUnload);
 *  - a CommonJS loader for dist/*.js. The files are executed with `new Function` in the jsdom
 *    global, not through jest's `require`, so jest neither babel-transforms the bundle nor caches it.
 *    Its `require.async(path)` (WeChat's 分包异步化) runs the file on a later task and resolves, as a
 *    client does once the subpackage has been downloaded (config/weapp-async-chunks.ts);
 *  - a replay cache for component/page files. A webpack chunk runs only once per app process (the
 *    jsonp runtime ignores a chunk id it has already installed), so the second `simulate.load()` of
 *    a page would never see `Page()` again. The harness patches miniprogram-simulate's `runJs` to
 *    remember which `Page`/`Component` definitions each file registered and replays them later;
 *  - the `wx` APIs Taro and the app call that simulate leaves as no-ops: storage backed by a Map,
 *    network status, navigation and toast spies.
 */
import fs from 'fs'
import path from 'path'
import { inertIntersectionObserver, selectorQuery } from './selector-query'

/** The weapp build under test; WEAPP_DIST points elsewhere (e.g. to check the "not built" message). */
export const DIST = path.resolve(process.env.WEAPP_DIST || path.join(__dirname, '../../dist'))

type AnyFn = (...args: any[]) => any
type Query = Record<string, string>

/** The j-component wrapper simulate.render() returns (only what the tests use). */
export interface SimNode {
  dom: Element
  instance: any
  querySelector(selector: string): SimNode | undefined
  querySelectorAll(selector: string): SimNode[]
  dispatchEvent(name: string, options?: Record<string, unknown>): void
  attach(parent: Element): void
  detach(): void
  toJSON(): any
}

export interface PageHandle {
  route: string
  comp: SimNode
  /** The page's `this`: what WeChat's Page instance would be (has data, setData, $taroPath…). */
  instance: any
  text(): string
  close(): void
}

export interface WeappApp {
  /** The object the bundle passed to App(). */
  appConfig: any
  storage: Map<string, string>
  wx: any
  /** Spies on the wx APIs the app calls for navigation and feedback. */
  spies: Record<'navigateTo' | 'redirectTo' | 'switchTab' | 'navigateBack' | 'reLaunch' | 'showToast', jest.Mock>
  /** What the app and the runtime wrote to console.error. */
  errors: unknown[]
  /** What they wrote to console.warn (wcc's runtime reports e.g. "Template `tmpl_0_i` not found."). */
  warnings: unknown[][]
  /** Names of the templates the WXML runtime could not find while rendering (nodes that draw nothing). */
  missingTemplates(): string[]
  /** The dist/ files the bundle has run so far, relative to dist/ (e.g. `auth/demo-backend.js` once required async). */
  loadedFiles(): string[]
  openPage(route: string, query?: Query): Promise<PageHandle>
  /** What getCurrentPages() answers: the open pages' instances, oldest first. */
  currentPages(): any[]
  /** The deepest Taro node seen on the pages opened so far (root's children are depth 1). */
  deepestNode(): { depth: number; route: string }
  /**
   * Detaches every open page (onUnload) and restores console.error. Throws if a page's node tree
   * reached past base.wxml's levels (config/index.ts `baseLevel`, ADR 37): such nodes are drawn through
   * the `comp` component, which the levels are sized to avoid.
   */
  close(): void
}

export function assertBuilt(dist = DIST, expected: 'memory' | 'open311' = 'memory'): void {
  const missing = ['app.js', 'app.json', 'runtime.js', 'taro.js', 'base.wxml'].filter((f) => !fs.existsSync(path.join(dist, f)))
  if (missing.length) {
    throw new Error(`dist/ has no weapp build (missing ${missing.join(', ')} in ${dist}): run npm run build:weapp first`)
  }
  const appJson = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
  if (!Array.isArray(appJson.pages) || !fs.existsSync(path.join(dist, `${appJson.pages[0]}.js`))) {
    throw new Error('dist/ is not a complete weapp build (pages missing): run npm run build:weapp first')
  }
  const mode = buildMode(dist)
  if (expected === 'open311' && mode !== 'open311') {
    throw new Error(`${dist} is not an open311-mode build (${mode}): scripts/test-all.mjs builds it (TARO_APP_API_MODE=open311)`)
  }
  if (expected === 'memory' && mode !== 'memory') {
    throw new Error(
      `dist/ is ${mode === 'http' ? 'an HTTP-mode build' : `not a memory-mode build (${mode})`} (${dist}); the weapp bundle tests run the ` +
        'embedded demo backend: NODE_ENV=production TARO_APP_API_MODE=memory npx taro build --type weapp',
    )
  }
}

/**
 * The API mode the weapp build in `dist` was made in (TARO_APP_API_MODE), read off the adapter it
 * carries: src/api/index.ts keeps only one at build time. The markers are the memory backend's
 * storage key prefix and the HTTP adapter's route prefix (the same scripts/budget.mjs checks for).
 */
export function buildMode(dist = DIST): 'memory' | 'http' | 'open311' | 'both adapters' | 'no adapter found' {
  const main = fs
    .readdirSync(dist)
    .filter((f) => f.endsWith('.js'))
    .map((f) => fs.readFileSync(path.join(dist, f), 'utf8'))
    .join('\n')
  const memory = main.includes('linli.mem')
  const http = main.includes('/api/v1')
  const open311 = main.includes('linli.open311')
  if ([memory, http, open311].filter(Boolean).length > 1) return 'both adapters'
  return memory ? 'memory' : http ? 'http' : open311 ? 'open311' : 'no adapter found'
}

/**
 * The rows of one collection of the memory store as the bundle left them in wx storage
 * (src/api/memory/store.ts): the meta key `linli.mem.meta` names each collection's chunks, each
 * chunk `linli.mem.<name>.<i>` a JSON array of rows. Throws when nothing was stored.
 */
export function storedRows<Row = any>(storage: Map<string, string>, name: string): Row[] {
  const raw = storage.get('linli.mem.meta')
  if (!raw) throw new Error('linli.mem.meta is not in storage: the memory store has not written anything')
  const meta = JSON.parse(raw) as { chunks?: Record<string, unknown[]> }
  const chunks = meta.chunks?.[name]?.length ?? 0
  const rows: Row[] = []
  for (let i = 0; i < chunks; i++) rows.push(...(JSON.parse(storage.get(`linli.mem.${name}.${i}`) ?? '[]') as Row[]))
  return rows
}

/** Where the memory backend keeps the signed-in token on the device. */
export const TOKEN_KEY = 'linli.mem.token'

/**
 * Signs in as a demo account the way a person does: opens the sign-in page and taps the account.
 * Answers the sign-in page, still open (close it, or look at what it shows after the tap).
 */
export async function signInByTap(app: WeappApp, name: string): Promise<PageHandle> {
  const page = await app.openPage('auth/sign-in/index')
  await waitFor(() => page.text().includes(name), `demo account ${name} on the sign-in page`)
  const account = page.comp.querySelectorAll('.sign-in__account').find((a) => (a.dom.textContent ?? '').includes(name))
  if (!account) throw new Error(`no .sign-in__account for ${name}`)
  account.dispatchEvent('tap')
  await waitFor(() => app.storage.get(TOKEN_KEY), `${TOKEN_KEY} to be written after tapping ${name}`)
  return page
}

/** Polls until `check` returns a truthy value (or throws with `what`). */
export async function waitFor<T>(check: () => T, what: string, timeoutMs = 5000): Promise<NonNullable<T>> {
  const started = Date.now()
  let last: unknown
  for (;;) {
    try {
      const value = check()
      if (value) return value as NonNullable<T>
    } catch (error) {
      last = error
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** How deep a Taro render tree goes: 0 for a node without children. */
export function taroDepth(node: any): number {
  const children: any[] = (node && node.cn) || []
  return children.length ? 1 + Math.max(...children.map(taroDepth)) : 0
}

/**
 * The deepest node base.wxml draws with its own templates: nodes at depth d use level d - 1, and the
 * last level (`tmpl_<N>_container`) hands deeper nodes to the `comp` component.
 */
export function nativeDepth(dist = DIST): number {
  const levels = [...fs.readFileSync(path.join(dist, 'base.wxml'), 'utf8').matchAll(/<template name="tmpl_(\d+)_container"/g)]
  return Math.min(...levels.map((m) => Number(m[1])))
}

/** Depth-first search of Taro's render tree (page.data.root): nodes carry nn (node name), sid, cl, cn. */
export function findTaroNodes(root: any, predicate: (node: any) => boolean): any[] {
  const out: any[] = []
  const walk = (node: any) => {
    if (!node || typeof node !== 'object') return
    if (predicate(node)) out.push(node)
    ;(node.cn || []).forEach(walk)
  }
  walk(root)
  return out
}

/** Launches the app from dist/ once per call: a fresh miniprogram-simulate, a fresh bundle run. */
export async function launchWeapp(
  options: {
    storage?: Record<string, string>
    /** More `wx` APIs, there before the bundle loads (Taro reads wx's functions once, at start). */
    wx?: Record<string, unknown>
    /** Another build than dist/'s memory one: the open311 build in dist-open311/. */
    build?: { dist: string; mode: 'open311' }
  } = {},
): Promise<WeappApp> {
  const dist = options.build?.dist ?? DIST
  assertBuilt(dist, options.build?.mode ?? 'memory')
  const g = globalThis as any

  // A fresh miniprogram-simulate (its compiled-template and component caches are module state) and a
  // fresh `wx`: simulate merges an existing global wx into its own, which would hand a previous
  // launch's webpackJsonp chunk list to this launch's webpack runtime.
  delete g.wx
  jest.resetModules()
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const simulate = require('miniprogram-simulate')
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const simUtils = require('miniprogram-simulate/src/utils')
  const simComponent: AnyFn = g.Component

  const storage = new Map<string, string>(Object.entries(options.storage ?? {}))
  const errors: unknown[] = []
  const warnings: unknown[][] = []
  const pages: any[] = []
  let appConfig: any = null

  // ── wx: what simulate leaves as no-ops or lacks ──────────────────────────────────────────────
  const ok = (name: string, opts: any, res: Record<string, unknown> = {}) => {
    const result = { errMsg: `${name}:ok`, ...res }
    opts?.success?.(result)
    opts?.complete?.(result)
    return result
  }
  const asyncApi = (name: string, res: (opts: any) => Record<string, unknown> = () => ({})) =>
    jest.fn((opts: any = {}) => {
      setTimeout(() => ok(name, opts, res(opts)), 0)
    })
  const networkListeners = new Set<AnyFn>()
  const spies = {
    navigateTo: asyncApi('navigateTo'),
    redirectTo: asyncApi('redirectTo'),
    switchTab: asyncApi('switchTab'),
    navigateBack: asyncApi('navigateBack'),
    reLaunch: asyncApi('reLaunch'),
    showToast: asyncApi('showToast'),
  }
  const read = (key: string) => (storage.has(key) ? storage.get(key) : '')
  Object.assign(g.wx, spies, {
    getStorageSync: (key: string) => read(key),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value as string),
    removeStorageSync: (key: string) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),
    getStorage: (opts: any) => setTimeout(() => (storage.has(opts.key) ? ok('getStorage', opts, { data: read(opts.key) }) : opts.fail?.({ errMsg: 'getStorage:fail data not found' })), 0),
    setStorage: (opts: any) => setTimeout(() => (storage.set(opts.key, opts.data), ok('setStorage', opts)), 0),
    removeStorage: (opts: any) => setTimeout(() => (storage.delete(opts.key), ok('removeStorage', opts)), 0),
    getNetworkType: (opts: any) => setTimeout(() => ok('getNetworkType', opts, { networkType: 'wifi' }), 0),
    onNetworkStatusChange: (cb: AnyFn) => void networkListeners.add(cb),
    offNetworkStatusChange: (cb: AnyFn) => void networkListeners.delete(cb),
    login: (opts: any) => setTimeout(() => ok('login', opts, { code: 'test-login-code' }), 0),
    stopPullDownRefresh: jest.fn(),
    hideToast: jest.fn(),
    showLoading: jest.fn(),
    hideLoading: jest.fn(),
    previewImage: jest.fn(),
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: 603, screenWidth: 375, screenHeight: 667, pixelRatio: 2, statusBarHeight: 20, safeArea: { top: 20, bottom: 667, left: 0, right: 375, width: 375, height: 647 } }),
    // simulate's SelectorQuery answers nothing (its select() returns undefined, so a caller's
    // .boundingClientRect() throws): this one finds the node by id in the rendered pages and answers
    // its box as jsdom lays it out, which is no layout at all (every size 0).
    createSelectorQuery: () => selectorQuery(),
    createIntersectionObserver: () => inertIntersectionObserver(),
  }, options.wx ?? {})

  // ── App / getApp / getCurrentPages / Page ────────────────────────────────────────────────────
  g.App = (config: any) => {
    appConfig = config
  }
  g.getApp = () => appConfig
  g.getCurrentPages = () => pages.slice()

  let pending: { route: string; query: Query } | null = null
  g.Page = (config: Record<string, any>) => {
    const methods: Record<string, AnyFn> = {}
    for (const key of Object.keys(config)) if (typeof config[key] === 'function') methods[key] = config[key]
    simComponent({
      data: config.data,
      methods,
      lifetimes: {
        attached(this: any) {
          const opening = pending ?? { route: '', query: {} }
          pending = null
          this.route = this.__route__ = opening.route
          this.options = opening.query
          pages.push(this)
          this.onLoad(opening.query)
          this.onShow()
        },
        ready(this: any) {
          this.onReady?.()
        },
        detached(this: any) {
          const i = pages.indexOf(this)
          if (i >= 0) pages.splice(i, 1)
          this.onUnload?.()
        },
      },
    })
  }

  // ── loading dist/*.js ────────────────────────────────────────────────────────────────────────
  const modules = new Map<string, { exports: any }>()
  const loadJs = (file: string): any => {
    const abs = file.endsWith('.js') ? file : `${file}.js`
    const cached = modules.get(abs)
    if (cached) return cached.exports
    const mod = { exports: {} as any }
    modules.set(abs, mod)
    const code = fs.readFileSync(abs, 'utf8')
    // eslint-disable-next-line no-new-func
    const run = new Function('require', 'module', 'exports', '__filename', '__dirname', `${code}\n//# sourceURL=${abs}`)
    const req = Object.assign((rel: string) => loadJs(path.resolve(path.dirname(abs), rel)), {
      async: (rel: string) => new Promise((resolve) => setTimeout(resolve, 0)).then(() => loadJs(path.resolve(path.dirname(abs), rel))),
    })
    run.call(mod.exports, req, mod, mod.exports, abs, path.dirname(abs))
    return mod.exports
  }

  // Remember what each page/component file registered, and replay it on the next load.
  const definitions = new Map<string, Array<{ kind: 'Page' | 'Component'; config: any }>>()
  let recording: Array<{ kind: 'Page' | 'Component'; config: any }> | null = null
  const pageCtor = g.Page
  g.Component = (config: any) => {
    recording?.push({ kind: 'Component', config })
    return simComponent(config)
  }
  g.Page = (config: any) => {
    recording?.push({ kind: 'Page', config })
    return pageCtor(config)
  }
  simUtils.runJs = (filePath: string) => {
    const abs = path.resolve(filePath)
    const known = definitions.get(abs)
    if (known) {
      known.forEach((d) => g[d.kind](d.config))
      return
    }
    recording = []
    try {
      loadJs(abs)
      definitions.set(abs, recording)
    } finally {
      recording = null
    }
  }

  // ── launch ───────────────────────────────────────────────────────────────────────────────────
  // Recorded, and still printed (from here: jest's code frame of a call site inside the minified
  // bundle would print a whole 100 kB line).
  const originalConsoleError = console.error
  const originalConsoleWarn = console.warn
  const errorSpy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args)
    originalConsoleError.apply(console, args)
  })
  const warnSpy = jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    warnings.push(args)
    originalConsoleWarn.apply(console, args)
  })

  try {
    loadJs(path.join(dist, 'app.js'))
    if (!appConfig) throw new Error('dist/app.js did not call App()')
    const launchOptions = { path: 'pages/home/index', query: {}, scene: 1001 }
    appConfig.onLaunch(launchOptions)
    appConfig.onShow(launchOptions)
  } catch (error) {
    errorSpy.mockRestore()
    warnSpy.mockRestore()
    throw error
  }

  const opened: SimNode[] = []
  const deepest = { depth: 0, route: '' }
  const measure = (route: string, comp: SimNode) => {
    const depth = taroDepth(comp.instance?.data?.root)
    if (depth > deepest.depth) Object.assign(deepest, { depth, route })
  }
  const openPage = async (route: string, query: Query = {}): Promise<PageHandle> => {
    const id = simulate.load(path.join(dist, route), { compiler: 'official', rootPath: dist })
    pending = { route, query }
    const comp: SimNode = simulate.render(id)
    const parent = document.createElement('parent-wrapper')
    document.body.appendChild(parent)
    comp.attach(parent)
    opened.push(comp)
    await waitFor(() => comp.instance.data.root.cn.length > 0, `${route} to render into data.root`)
    measure(route, comp)
    const detach = comp.detach.bind(comp)
    comp.detach = () => {
      measure(route, comp)
      return detach()
    }
    return {
      route,
      comp,
      instance: comp.instance,
      text: () => {
        measure(route, comp)
        return comp.dom.textContent ?? ''
      },
      close: () => {
        const i = opened.indexOf(comp)
        if (i >= 0) {
          opened.splice(i, 1)
          comp.detach()
        }
      },
    }
  }

  return {
    appConfig,
    storage,
    wx: g.wx,
    spies,
    errors,
    warnings,
    missingTemplates: () =>
      warnings.flatMap((args) => [...String(args[0]).matchAll(/Template `([^`]+)` not found/g)].map((m) => m[1])),
    loadedFiles: () => [...modules.keys()].map((file) => path.relative(DIST, file).split(path.sep).join('/')),
    openPage,
    currentPages: () => pages.slice(),
    deepestNode: () => ({ ...deepest }),
    close: () => {
      opened.splice(0).reverse().forEach((comp) => comp.detach())
      errorSpy.mockRestore()
      warnSpy.mockRestore()
      const levels = nativeDepth(dist)
      if (deepest.depth > levels) {
        throw new Error(`${deepest.route} drew a node at depth ${deepest.depth}, past base.wxml's ${levels} levels (config/index.ts baseLevel)`)
      }
    },
  }
}
