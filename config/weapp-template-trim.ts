/**
 * base.wxml without the attributes no component of the app sets (ADR 39).
 *
 * Taro writes one template per component and level into base.wxml, each with every attribute the
 * component has on WeChat, and base.wxml is in the main package. Its template class calls
 * `modifyCompProps(name, props)` for each component before writing the attributes; the plugin sets it
 * to drop the props listed here. The props' aliases (`p0`, `p1` …) are numbered before that call,
 * from the whole component table, so the runtime's aliases (built from the same table) still match.
 *
 * A prop dropped here is drawn by nothing: setting it on a View, Text or ScrollView does nothing on
 * the weapp. `test/unit/tooling/weapp-template-trim.test.ts` fails when `src/` (or a NutUI component
 * the app imports) sets one of them.
 */
export const TRIMMED_PROPS: Record<string, readonly string[]> = {
  // No hover styles, `animation` objects or animation/transition events on a View.
  view: [
    'hoverClass',
    'hoverStopPropagation',
    'hoverStartTime',
    'hoverStayTime',
    'animation',
    'bindAnimationStart',
    'bindAnimationIteration',
    'bindAnimationEnd',
    'bindTransitionEnd',
    'bindLongTap',
  ],
  // A Text may be selectable (userSelect, selectable); the others are never set.
  text: ['space', 'decode', 'overflow', 'maxLines', 'bindLongTap'],
  // The virtual list's scroll view: Skyline's and the enhanced mode's extras, which nothing sets.
  'scroll-view': [
    'animation',
    'bindAnimationStart',
    'bindAnimationIteration',
    'bindAnimationEnd',
    'bindTransitionEnd',
    'bindLongTap',
    'scrollAnchoring',
    'usingSticky',
    'pagingEnabled',
    'enablePassive',
    'fastDeceleration',
    'type',
    'associativeContainer',
    'reverse',
    'clip',
    'cacheExtent',
    'minDragDistance',
    'scrollIntoViewWithinExtent',
    'scrollIntoViewAlignment',
    'padding',
    'refresherTwoLevelEnabled',
    'refresherTwoLevelTriggered',
    'refresherTwoLevelThreshold',
    'refresherTwoLevelCloseThreshold',
    'refresherTwoLevelScrollEnabled',
    'refresherBallisticRefreshEnabled',
    'refresherTwoLevelPinned',
    'bindDragStart',
    'bindDragging',
    'bindDragEnd',
    'bindScrollStart',
    'bindScrollEnd',
    'bindRefresherWillRefresh',
    'bindRefresherStatusChange',
  ],
}

/** The React prop a trimmed template prop stands for (`bindAnimationEnd` → `onAnimationEnd`). */
export function reactPropName(prop: string): string {
  return prop.startsWith('bind') ? `on${prop.slice(4)}` : prop
}

type Props = Record<string, string>
type TemplateLike = { modifyCompProps?: (name: string, props: Props) => Props }

/** Sets the template's hook; a hook already set (none in Taro's weapp template) still runs first. */
export function trimTemplate(template: TemplateLike): void {
  const previous = template.modifyCompProps
  template.modifyCompProps = (name, props) => {
    const given = previous ? previous(name, props) : props
    const drop = TRIMMED_PROPS[name]
    if (!drop) return given
    const lower = new Set(drop.map((p) => p.toLowerCase()))
    const kept: Props = {}
    for (const key of Object.keys(given)) {
      if (!lower.has(key.toLowerCase()) && !lower.has(key.replace(/-/g, '').toLowerCase())) kept[key] = given[key]
    }
    return kept
  }
}

/** The webpack-chain step: Taro's mini plugin carries the platform's template in its options. */
export function trimTemplateInChain(chain: { plugin(name: string): { tap(fn: (args: unknown[]) => unknown[]): unknown } }): void {
  chain.plugin('miniPlugin').tap((args) => {
    const options = args[0] as { combination?: { config?: { template?: TemplateLike } } }
    const template = options?.combination?.config?.template
    if (!template) throw new Error('weapp-template-trim: Taro’s mini plugin has no template (Taro changed?)')
    trimTemplate(template)
    return args
  })
}
