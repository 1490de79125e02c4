// Taro's React wrappers of its web components, one module per component (H5, ADR 36).
//
// `@tarojs/components` resolves on H5 to one module, lib/react/components.js, that creates all 99
// wrappers and imports each one's Stencil component. Webpack keeps the wrappers some page uses, and
// every chunk holding that module holds all of them: 首页 downloaded Picker, Textarea, Input and
// ScrollView because other pages draw them. config/h5/taro-components.js stands in for the package
// (config/h5-production.ts): without a query this loader makes it re-export every wrapper from
// `taro-components.js?c=<Name>`, and with one it makes that wrapper alone. The stand-in is free of
// side effects, so webpack links each import straight to the wrapper's own module and a chunk gets
// only the components its modules draw. The wrappers are read from Taro's file, so they follow Taro.
const fs = require('node:fs')
const path = require('node:path')

const LIB = path.join(path.dirname(require.resolve('@tarojs/components')), '..', 'lib', 'react')
const WRAPPER = /^const (\w+) = \/\*@__PURE__\*\/ createReactComponent\('([\w-]+)', undefined, manipulatePropsFunction, (\w+)\);$/

/** Every wrapper of Taro's file: name, tag, the function defining its web component. */
function wrappers() {
  const source = fs.readFileSync(path.join(LIB, 'components.js'), 'utf8')
  const found = []
  for (const line of source.split('\n')) {
    const m = WRAPPER.exec(line.trim())
    if (m) found.push({ name: m[1], tag: m[2], define: m[3] })
  }
  if (found.length < 90 || !/^const Block = Fragment;$/m.test(source)) {
    throw new Error(`taro-components-loader: ${path.join(LIB, 'components.js')} no longer has the expected wrappers (found ${found.length})`)
  }
  return found
}

const lib = (file) => JSON.stringify(path.join(LIB, file).replace(/\\/g, '/'))

module.exports = function taroComponents() {
  this.cacheable(true)
  const list = wrappers()
  const name = new URLSearchParams(this.resourceQuery.replace(/^\?/, '')).get('c')
  if (!name) {
    const self = `./${path.basename(this.resourcePath)}`
    return [
      "export { Fragment as Block } from 'react'",
      ...list.map((w) => `export { ${w.name} } from ${JSON.stringify(`${self}?c=${w.name}`)}`),
    ].join('\n')
  }
  const w = list.find((x) => x.name === name)
  if (!w) throw new Error(`taro-components-loader: no wrapper ${name}`)
  return [
    `import { manipulatePropsFunction } from ${lib('helper.js')}`,
    `import { createReactComponent } from ${lib('react-component-lib/createComponent.js')}`,
    `import { ${w.define} } from '@tarojs/components/dist/components'`,
    `export const ${w.name} = /*@__PURE__*/ createReactComponent(${JSON.stringify(w.tag)}, undefined, manipulatePropsFunction, ${w.define})`,
  ].join('\n')
}
