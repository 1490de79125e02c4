// One jest config, a project per test layer (see docs/testing.md). `npm test` runs them in order.
const taroGlobals = {
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: true,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_MUTATION_OBSERVER: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  DEPRECATED_ADAPTER_COMPONENT: false,
  __TARO_FRAMEWORK__: 'react',
}

// Taro packages nest node_modules inside node_modules: look ahead over the whole path.
const transformIgnorePatterns = [
  '^(?!.*/node_modules/(@tarojs|@nutui|@stencil|@swc/helpers|lodash-es|swiper|query-string|decode-uri-component|split-on-first|filter-obj)/).*/node_modules/',
]

const base = {
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  transformIgnorePatterns,
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'json'],
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
}

module.exports = {
  // Files known to be long start first (test/support/sequencer.js).
  testSequencer: '<rootDir>/test/support/sequencer.js',
  projects: [
    {
      ...base,
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/support/feature-stores.ts'],
      moduleNameMapper: { ...base.moduleNameMapper, '^@tarojs/taro$': '<rootDir>/test/support/taro-node.ts' },
    },
    {
      ...base,
      displayName: 'core',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/core/**/*.test.ts'],
      moduleNameMapper: { ...base.moduleNameMapper, '^@tarojs/taro$': '<rootDir>/test/support/taro-node.ts' },
    },
    {
      ...base,
      displayName: 'component',
      testEnvironment: 'jsdom',
      // 20 s per test (test/support/component-timeout.ts): a screen test is slow beside the build lane.
      setupFilesAfterEnv: ['<rootDir>/test/support/component-timeout.ts'],
      testMatch: ['<rootDir>/test/component/**/*.test.tsx'],
      globals: taroGlobals,
      setupFiles: ['<rootDir>/test/support/jsdom-setup.ts'],
      moduleNameMapper: {
        ...base.moduleNameMapper,
        '^@tarojs/components$': '@tarojs/components/lib/react',
        '^@tarojs/taro$': '<rootDir>/test/support/taro-jsdom.ts',
        '\\.(css|less|scss)$': '<rootDir>/test/support/style-stub.js',
      },
    },
    {
      ...base,
      displayName: 'simulate',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/simulate/**/*.test.ts'],
    },
    {
      ...base,
      displayName: 'weapp',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/weapp/**/*.test.ts'],
      // The bundle runs from dist/; what a test imports of src (support/long-storage.ts) gets Node's stand-in for Taro.
      moduleNameMapper: { ...base.moduleNameMapper, '^@tarojs/taro$': '<rootDir>/test/support/taro-node.ts' },
    },
    {
      ...base,
      displayName: 'contract',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/contract/**/*.test.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
    },
    {
      ...base,
      displayName: 'start',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/start/**/*.test.ts'],
    },
    {
      ...base,
      displayName: 'server',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/server/test/**/*.test.ts'],
      // typebox 1.x and cookie 2 (under light-my-request) ship ES modules only, and PGlite's
      // CommonJS build loads Node built-ins with import(), which jest's module system refuses:
      // babel-jest turns them into plain CommonJS.
      transform: { '^.+\\.[mc]?[jt]sx?$': 'babel-jest' },
      transformIgnorePatterns: ['^(?!.*/node_modules/(typebox|cookie|@electric-sql/pglite)/).*/node_modules/'],
      moduleFileExtensions: [...base.moduleFileExtensions, 'mjs'],
    },
    {
      ...base,
      displayName: 'repositories',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/repositories/**/*.test.ts'],
      moduleNameMapper: { ...base.moduleNameMapper, '^@tarojs/taro$': '<rootDir>/test/support/taro-node.ts' },
      // As the server project: typebox, cookie and PGlite's ESM through babel-jest (the SQL store runs here).
      transform: { '^.+\\.[mc]?[jt]sx?$': 'babel-jest' },
      transformIgnorePatterns: ['^(?!.*/node_modules/(typebox|cookie|@electric-sql/pglite)/).*/node_modules/'],
      moduleFileExtensions: [...base.moduleFileExtensions, 'mjs'],
    },
  ],
}
