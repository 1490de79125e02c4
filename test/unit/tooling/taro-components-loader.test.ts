import { TARO_COMPONENTS } from '../../../config/h5-production'

// eslint-disable-next-line @typescript-eslint/no-var-requires
const loader: (this: unknown) => string = require('../../../config/h5/taro-components-loader.js')

/** What the loader writes for the stand-in module, with or without a component's query. */
function run(resourceQuery: string): string {
  return loader.call({ cacheable: () => undefined, resourcePath: TARO_COMPONENTS, resourceQuery })
}

describe("Taro's React wrappers one module per component (config/h5/taro-components-loader.js)", () => {
  it('re-exports every wrapper from its own module, and Block as React’s Fragment', () => {
    const index = run('')
    expect(index).toContain("export { Fragment as Block } from 'react'")
    expect(index).toContain('export { View } from "./taro-components.js?c=View"')
    expect(index).toContain('export { Picker } from "./taro-components.js?c=Picker"')
    // Nothing but re-exports: webpack can link each import straight to the wrapper's module.
    expect(index.split('\n').every((line) => line.startsWith('export {'))).toBe(true)
    expect(index.split('\n').length).toBeGreaterThan(90)
  })

  it('makes one wrapper with Taro’s tag and only its own web component', () => {
    const view = run('?c=View')
    expect(view).toContain("createReactComponent(\"taro-view-core\", undefined, manipulatePropsFunction, defineCustomElementTaroViewCore)")
    expect(view).toContain("import { defineCustomElementTaroViewCore } from '@tarojs/components/dist/components'")
    expect(view).not.toContain('Picker')
  })

  it('fails on a name Taro does not have', () => {
    expect(() => run('?c=Nope')).toThrow(/no wrapper Nope/)
  })
})
