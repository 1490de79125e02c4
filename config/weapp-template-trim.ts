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
/** No View, Text, Image, ScrollView or Button of the app (nor of the NutUI components it imports) listens to touches. */
const TOUCH = ['bindTouchStart', 'bindTouchMove', 'bindTouchEnd', 'bindTouchCancel', 'bindLongTap']
/** Nor gives a View or ScrollView an `animation` object or listens to its animation and transition events. */
const ANIMATION = ['animation', 'bindAnimationStart', 'bindAnimationIteration', 'bindAnimationEnd', 'bindTransitionEnd']

export const TRIMMED_PROPS: Record<string, readonly string[]> = {
  // No hover styles, `animation` objects or animation/transition events on a View.
  view: [
    'hoverClass',
    'hoverStopPropagation',
    'hoverStartTime',
    'hoverStayTime',
    ...ANIMATION,
    ...TOUCH,
  ],
  // Photos: no touch events, webp decoding, long-press menu or fade-in.
  image: ['webp', 'showMenuByLongpress', 'fadeIn', ...TOUCH],
  // A Text may be selectable (userSelect, selectable); the others are never set.
  text: ['space', 'decode', 'overflow', 'maxLines', ...TOUCH],
  // The virtual list's scroll view: Skyline's and the enhanced mode's extras, which nothing sets.
  'scroll-view': [
    ...ANIMATION,
    ...TOUCH,
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
  // Neither the privacy dialog's agree button nor the share button needs WeChat's contact, phone,
  // avatar, launch-app or message-card props.
  button: [
    'hoverStopPropagation',
    'hoverStartTime',
    'hoverStayTime',
    'lang',
    'sessionFrom',
    'sendMessageTitle',
    'sendMessagePath',
    'sendMessageImg',
    'appParameter',
    'showMessageCard',
    'businessId',
    'bindGetUserInfo',
    'bindContact',
    'bindGetPhoneNumber',
    'bindGetRealTimePhoneNumber',
    'bindChooseAvatar',
    'bindError',
    'bindOpenSetting',
    'bindLaunchApp',
    ...TOUCH,
  ],
  // Plain text fields: no safe-password keyboard, nickname review, selection or composition events.
  input: [
    'safePasswordCertPath',
    'safePasswordLength',
    'safePasswordTimeStamp',
    'safePasswordNonce',
    'safePasswordSalt',
    'safePasswordCustomHash',
    'autoFill',
    'cursorColor',
    'bindNicknameReview',
    'bindSelectionChange',
    'bindKeyboardCompositionStart',
    'bindKeyboardCompositionUpdate',
    'bindKeyboardCompositionEnd',
  ],
  textarea: ['bindSelectionChange', 'bindKeyboardCompositionStart', 'bindKeyboardCompositionUpdate', 'bindKeyboardCompositionEnd'],
}

/**
 * Components drawn through base.wxml's level-0 template whatever their depth (a nesting limit of 1,
 * as Taro has for components that never hold themselves): none of them holds another of its kind.
 * Taro's default gives the scroll view 4 levels and a custom component every level (14).
 * `status-timeline` (components/native) has no children at all.
 */
export const ONE_LEVEL = ['scroll-view', 'status-timeline'] as const
export const CHILDLESS = ['status-timeline'] as const

/**
 * Templates not written at all: Taro draws a View with `catchMove` through `catch-view`, and no View
 * of the app has it (the unit test holds src/ to that).
 */
export const UNUSED_TEMPLATES = ['catch-view'] as const

/** The React prop a trimmed template prop stands for (`bindAnimationEnd` → `onAnimationEnd`). */
export function reactPropName(prop: string): string {
  return prop.startsWith('bind') ? `on${prop.slice(4)}` : prop
}

type Props = Record<string, string>
type TemplateLike = {
  modifyCompProps?: (name: string, props: Props) => Props
  modifyTemplateResult?: (res: string, nodeName: string, level: number, children: string) => string
  nestElements?: Map<string, number>
  voidElements?: Set<string>
}

/** Sets the template's hook (a hook already set, none in Taro's weapp template, still runs first) and the nesting limits. */
export function trimTemplate(template: TemplateLike): void {
  for (const name of ONE_LEVEL) template.nestElements?.set(name, 1)
  for (const name of CHILDLESS) template.voidElements?.add(name)
  const result = template.modifyTemplateResult
  const unused = new Set<string>(UNUSED_TEMPLATES)
  template.modifyTemplateResult = (res, nodeName, level, children) =>
    unused.has(nodeName) ? '' : result ? result(res, nodeName, level, children) : res
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
