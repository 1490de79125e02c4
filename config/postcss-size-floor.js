/**
 * A weapp-only PostCSS step (after Taro's pxtransform): the sizes that carry the MIIT numbers keep
 * them on phones narrower than the 375 px the design is drawn at.
 *
 * rpx scales with the screen: 36rpx is 18 px at 375 px wide but 17.3 px at 360 (most Android phones)
 * and 15.4 px at 320. So, written as `max(<the 375 px value>px, <n>rpx)`:
 * - in elder-mode rules (a selector with the class `.elder`/`.linli-elder` or an `--elder` modifier):
 *   font sizes, line heights, heights and widths, and the NutUI custom properties that carry them;
 * - in every rule: min-height and min-width of 88rpx or more (the 44 px normal-mode targets).
 * Wider phones still grow with rpx. H5 needs none of this: Taro's root-size script never goes below
 * the 375 px size (it clamps the root font at 20 px).
 */
const ELDER = /(\.|--)(linli-)?elder\b/
const ELDER_PROPS = /^(font-size|line-height|height|min-height|width|min-width|--.*(font-size|height|width)(-base)?)$/
const TARGET_PROPS = /^(min-height|min-width)$/
const RPX = /^(\d+(?:\.\d+)?)rpx$/

/** The design value at 375 px: 750rpx are the screen's width. */
const at375 = (rpx) => `${Number((rpx / 2).toFixed(2))}px`

module.exports = () => ({
  postcssPlugin: 'linli-size-floor',
  Declaration(decl) {
    const m = RPX.exec(decl.value.trim())
    if (!m) return
    const rpx = Number(m[1])
    const rule = decl.parent
    const selector = rule && rule.type === 'rule' ? rule.selector : ''
    const elder = ELDER.test(selector) && ELDER_PROPS.test(decl.prop)
    const target = TARGET_PROPS.test(decl.prop) && rpx >= 88
    if (elder || target) decl.value = `max(${at375(rpx)}, ${rpx}rpx)`
  },
})
module.exports.postcss = true
