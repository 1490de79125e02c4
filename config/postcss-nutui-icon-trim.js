/**
 * A weapp-only PostCSS step (ADR 39): NutUI's icon stylesheet without its animation classes
 * (`nut-icon-am-*`: jump, rotate, blink, breathe, flash, bounce, shake) and the keyframes only they
 * use. The sheet is in the main package's common.wxss (NutUI Button imports it for its loading icon);
 * no icon of the app is animated that way (the app imports no icon itself, and the unit test holds
 * src/ to no `nut-icon-am-` class). The loading icon's own `rotation` keyframes stay.
 */
const ICON_SHEET = /@nutui[\\/]icons-react-taro[\\/]dist[\\/]style_icon\.css$/

module.exports = () => ({
  postcssPlugin: 'linli-nutui-icon-trim',
  Once(root) {
    const file = root.source && root.source.input && root.source.input.file
    if (!file || !ICON_SHEET.test(file)) return
    root.walkRules((rule) => {
      if (rule.selectors.every((s) => s.includes('nut-icon-am-'))) rule.remove()
    })
    // Keyframes no remaining declaration names.
    const named = new Set()
    root.walkDecls(/^(-webkit-)?animation(-name)?$/, (decl) => {
      for (const word of decl.value.split(/[\s,]+/)) named.add(word)
    })
    root.walkAtRules(/^(-webkit-)?keyframes$/, (rule) => {
      if (!named.has(rule.params.trim())) rule.remove()
    })
  },
})
module.exports.postcss = true
