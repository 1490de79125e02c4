/**
 * A weapp-only PostCSS step (ADR 37): NutUI Button's stylesheet without the rules of the variants no
 * Button of the app can have (config/nutui-button-variants.js reads them from src/). The sheet is in
 * the main package's common.wxss, as the tab pages draw Buttons; it styles six types, four fills,
 * five sizes and two shapes, the app uses three types, two fills and four sizes. A rule goes when
 * each of its selectors names a class of such a variant; any other rule stays as it is.
 */
const path = require('node:path')
const { unusedButtonClasses } = require('./nutui-button-variants')

const BUTTON_SHEET = /@nutui[\\/]nutui-react-taro[\\/].*[\\/]button[\\/]style[\\/]/

module.exports = (options = {}) => {
  const src = options.src || path.resolve(__dirname, '..', 'src')
  let unused
  return {
    postcssPlugin: 'linli-nutui-button-trim',
    Once(root) {
      const file = root.source && root.source.input && root.source.input.file
      if (!file || !BUTTON_SHEET.test(file)) return
      if (!unused) unused = new Set(options.unused || unusedButtonClasses(src))
      root.walkRules((rule) => {
        const names = (selector) => [...selector.matchAll(/\.(nut-button-[a-z-]+)/g)].map((m) => m[1])
        if (rule.selectors.every((s) => names(s).some((n) => unused.has(n)))) rule.remove()
      })
    },
  }
}
module.exports.postcss = true
