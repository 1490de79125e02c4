/** @jest-environment jsdom */
import { systemTextSize } from '../../../src/platform/text-size'

// H5: the browser's own text size is what `font-size: medium` resolves to (the root element's size is
// Taro's, for rem). jsdom lays nothing out: its computed style is stood in for here.
const env = process.env.TARO_ENV
const realComputed = window.getComputedStyle
/** `medium` resolves to `px`; `font: -apple-system-body` (iOS Dynamic Type) to `appleBody` ('' where unknown). */
function browserDefault(px: string, appleBody = ''): void {
  window.getComputedStyle = ((el: Element) => {
    const style = (el as HTMLElement).style
    return { fontSize: style.font.includes('-apple-system-body') ? appleBody : style.fontSize === 'medium' ? px : '' } as CSSStyleDeclaration
  }) as typeof window.getComputedStyle
}
beforeEach(() => {
  process.env.TARO_ENV = 'h5'
})
afterEach(() => {
  process.env.TARO_ENV = env
  window.getComputedStyle = realComputed
})

test('a browser at its standard 16 px, and one set to 大 (20 px)', () => {
  browserDefault('16px')
  expect(systemTextSize()).toEqual({ px: 16, standardPx: 16 })
  browserDefault('20px')
  expect(systemTextSize()).toEqual({ px: 20, standardPx: 16 })
})

test('iOS Safari: Dynamic Type set larger than its 17 px body counts when it says more than medium', () => {
  browserDefault('16px', '23px')
  expect(systemTextSize()).toEqual({ px: 23, standardPx: 17 })
  browserDefault('20px', '17px')
  expect(systemTextSize()).toEqual({ px: 20, standardPx: 16 })
})

test('the probe leaves nothing behind in the page', () => {
  browserDefault('20px')
  const before = document.body.childElementCount
  systemTextSize()
  expect(document.body.childElementCount).toBe(before)
})

test('a size the browser does not answer is no reading', () => {
  browserDefault('')
  expect(systemTextSize()).toBeNull()
})
