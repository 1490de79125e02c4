// babel-preset-taro switches to commonjs under NODE_ENV=test, so jest reuses this file as is.
const nutuiImport = [
  'import',
  {
    libraryName: '@nutui/nutui-react-taro',
    libraryDirectory: 'dist/es/packages',
    camel2DashComponentName: false,
    // NutUI 3 lays its packages out in lowercase folders; Linux is case-sensitive.
    customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
    customStyleName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}/style/css`,
  },
  'nutui-react-taro',
]

module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        // The weapp keeps `import()`: its lazy chunks load by require.async (config/weapp-async-chunks.ts,
        // ADR 33). Taro's preset would turn it into a plain require, putting the chunk back in the main package.
        ...(process.env.TARO_ENV === 'weapp' && process.env.NODE_ENV !== 'test' ? { 'dynamic-import-node': false } : {}),
      },
    ],
  ],
  plugins: process.env.NODE_ENV === 'test' ? [] : [nutuiImport],
}
