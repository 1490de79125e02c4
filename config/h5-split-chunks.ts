/**
 * How the H5 build is split (H5 only; the weapp build splits by subpackage, config/index.ts's `mini`).
 *
 * Taro's H5 runner loads each page with a lazy `import()` from the router, and splits only the
 * initial chunks (`chunks: 'initial'`): every page chunk carried its own copy of the NutUI, Taro and
 * shared src modules it used (four page chunks of 315–333 KB repeated the same modules, issue 15).
 * Here async chunks are split too: a module that several chunks use goes to a chunk of its own, named
 * by nothing but its id, shared by exactly the chunks that need it (webpack groups modules by the set
 * of chunks they are in), and loaded once. A page downloads what it uses and nothing of the others.
 */
/** A module's path lies in node_modules. No `g` flag: `test` keeps no state between calls. */
export const NODE_MODULES = /[\\/]node_modules[\\/]/
/** Taro's own packages (@tarojs/runtime, router, taro-h5, components …), as Taro's runner names them. */
export const TARO_PACKAGE = /@tarojs[\\/][a-z]+/

interface Module {
  resource?: string
  context?: string | null
}

/** Whether a module comes from node_modules (Taro's packages included). */
export function isPackage(module: Module): boolean {
  return NODE_MODULES.test(module.resource ?? '')
}

/** Whether a module is one of Taro's packages. */
export function isTaro(module: Module): boolean {
  return TARO_PACKAGE.test(module.context ?? '')
}

/**
 * Below this many bytes (of module source, before minifying) a group shared by the same chunks stays
 * inside each of them: another request costs more than the repeated bytes.
 */
export const MIN_SHARED_BYTES = 8_000

/** `optimization.splitChunks` of the H5 build (config/index.ts applies it in `h5.webpackChain`). */
export function h5SplitChunks() {
  return {
    chunks: 'all' as const,
    hidePathInfo: true,
    minSize: MIN_SHARED_BYTES,
    // A page may wait on a few shared chunks at once (HTTP/1.1 keeps six connections per origin).
    maxAsyncRequests: 12,
    maxInitialRequests: 6,
    cacheGroups: {
      default: false as const,
      defaultVendors: false as const,
      // Taro's runtime, router and H5 APIs the app starts with: one initial chunk, as Taro has it.
      taro: { name: false as const, chunks: 'initial' as const, test: isTaro, priority: 100, minSize: 0 },
      // Packages (NutUI, Taro's components and APIs a page needs, dayjs …) used by two chunks or more.
      vendors: { name: false as const, test: isPackage, minChunks: 2, priority: 10, reuseExistingChunk: true },
      // The app's own modules (src/ui, src/components, domain …) used by two pages or more.
      common: { name: false as const, minChunks: 2, priority: 1, reuseExistingChunk: true },
    },
  }
}
