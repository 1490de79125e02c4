/**
 * The one-way import rule (docs/adr/0001, ADR 9), for dependency-cruiser (`npx depcruise src types
 * server`; test/unit/architecture runs it, so `npm test` enforces it):
 *
 *   types ← domain ← core ← api ← stores ← screens
 *
 * - `src/core/` (the backend's use cases, shared by the memory adapter and the server) may import
 *   types, domain and core only, and no package.
 * - `src/api/` (the ApiClient port and its adapters) may import types, domain, core, platform, api
 *   and env.
 * - stores may import types, domain, platform, stores and of api only the port: `api/client`,
 *   `api/errors`, `api/capabilities`, `api/outbox`; never core.
 * - screens are the feature folders (`src/auth`, `src/reports`, `src/staff`, `src/notices`, `src/onboarding`, `src/admin`, `src/consult`, `src/booking`,
 *   `src/messages`: subpackages) and the tab pages (`src/pages`). They may import stores,
 *   components, ui, domain, platform and types; never api (not even `api/errors`: what a screen
 *   needs of a failure, the store's outcome says) and never core. A feature never imports another
 *   feature: what two need goes to `src/ui/`.
 * - `src/ui/` and `src/navigation.ts` are the parts screens share (see src/ui/README.md): like a
 *   screen, but they never import a feature. `src/custom-tab-bar/` (weapp's tab bar, a component
 *   WeChat finds by that name) is one of them.
 * - components import only types, domain and components (and React, Taro's components, NutUI).
 * - the server (`server/`) may import types, `src/domain`, `src/core` and server; never `src/api`,
 *   `src/stores` or a screen.
 * - `src/app.tsx`, `src/app.config.ts` and `src/bootstrap.ts` are the composition root.
 *
 * Type-only imports count like any other.
 */

/** Where each layer's files are, relative to the project root (apiPort and appStyles: targets only). */
const LAYERS = {
  types: '^types/',
  domain: '^src/domain/',
  core: '^src/core/',
  env: '^src/env\\.ts$',
  platform: '^src/platform/',
  api: '^src/api/',
  apiPort: '^src/api/(client|errors|capabilities|outbox)\\.ts$',
  stores: '^src/stores/',
  components: '^src/components/',
  ui: '^src/(ui/|custom-tab-bar/|navigation\\.ts$)',
  features: '^src/(auth|reports|staff|notices|messages|pages|onboarding|admin|consult|booking)/',
  composition: '^src/(app|app\\.config|bootstrap)\\.tsx?$',
  appStyles: '^src/app\\.css$',
  server: '^server/',
}

/** What each layer's files may import (itself included where listed). */
const MAY_IMPORT = {
  types: ['types'],
  domain: ['types', 'domain'],
  core: ['types', 'domain', 'core'],
  env: [],
  platform: ['types', 'platform'],
  api: ['types', 'domain', 'core', 'platform', 'api', 'env'],
  stores: ['types', 'domain', 'platform', 'apiPort', 'stores'],
  components: ['types', 'domain', 'components'],
  ui: ['types', 'domain', 'platform', 'stores', 'components', 'ui'],
  features: ['types', 'domain', 'platform', 'stores', 'components', 'ui', 'features'],
  composition: ['types', 'domain', 'core', 'env', 'platform', 'api', 'stores', 'components', 'ui', 'features', 'composition', 'appStyles'],
  server: ['types', 'domain', 'core', 'server'],
}

/** The packages (and Node built-ins) a layer may use; a layer left out may use any. */
const PACKAGES = {
  types: ['typebox'],
  domain: [],
  core: [],
  env: [],
  platform: ['@tarojs/taro', 'dayjs'],
  api: ['@tarojs/taro'],
  stores: ['mobx', 'react'],
  components: ['react', '@tarojs/components', '@nutui/nutui-react-taro'],
}

/** Files a layer's package rule leaves alone, and why. */
const PACKAGES_EXEMPT = {
  // The project's ambient declarations: `/// <reference types="@tarojs/taro" />` types Taro's globals.
  types: '^types/global\\.d\\.ts$',
}

const PACKAGE_TYPES = ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown', 'core']

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

const layerRules = Object.entries(MAY_IMPORT).map(([layer, allowed]) => ({
  name: `${layer}-imports`,
  comment: `${layer} may import ${allowed.join(', ') || 'nothing of the project'}`,
  severity: 'error',
  from: { path: LAYERS[layer] },
  to: {
    couldNotResolve: false,
    dependencyTypesNot: PACKAGE_TYPES,
    ...(allowed.length ? { pathNot: allowed.map((l) => LAYERS[l]) } : {}),
  },
}))

const packageRules = Object.entries(PACKAGES).map(([layer, allowed]) => ({
  name: `${layer}-packages`,
  comment: `${layer} may use ${allowed.length ? `only the packages ${allowed.join(', ')}` : 'no package'}`,
  severity: 'error',
  from: { path: LAYERS[layer], ...(PACKAGES_EXEMPT[layer] ? { pathNot: PACKAGES_EXEMPT[layer] } : {}) },
  to: {
    dependencyTypes: PACKAGE_TYPES,
    ...(allowed.length ? { pathNot: allowed.map((name) => `(^|/)node_modules/${escape(name)}/`) } : {}),
  },
}))

module.exports = {
  forbidden: [
    ...layerRules,
    ...packageRules,
    {
      name: 'features-not-each-other',
      comment: 'a feature folder never imports another one: what two share goes to src/ui',
      severity: 'error',
      from: { path: '^src/(auth|reports|staff|notices|messages|pages|onboarding|admin|consult|booking)/' },
      to: { path: '^src/(auth|reports|staff|notices|messages|pages|onboarding|admin|consult|booking)/', pathNot: '^src/$1/' },
    },
    {
      name: 'in-a-layer',
      comment: 'every file of src/ belongs to a layer above; a new folder is added there first',
      severity: 'error',
      from: { path: '^src/', pathNot: Object.values(LAYERS) },
      to: {},
    },
    {
      name: 'resolvable',
      comment: 'an import that resolves to nothing is a typo or a missing package',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/components/native/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
}
