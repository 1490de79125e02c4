/**
 * 我的 and the phone's text size (H5: the browser's default size, read through `font-size: medium`):
 * a person whose phone shows large text finds elder mode already on, with a word on why; their own
 * tap on the switch is their choice from then on.
 */
import { screen, waitFor } from '@testing-library/react'
import MePage from '../../src/pages/me/index'
import { renderPage, tap, usePageTests, world } from './support/app'

usePageTests()

const AUTO_HINT = '已按系统大字体自动开启'
const realComputed = window.getComputedStyle
/** The browser's default text size, as the probe in src/platform/text-size.ts reads it. */
function browserTextSize(px: string): void {
  window.getComputedStyle = ((el: Element, pseudo?: string | null) => {
    const style = (el as HTMLElement).style
    if (style?.fontSize === 'medium' && !style.font.includes('-apple-system-body')) return { fontSize: px } as CSSStyleDeclaration
    return realComputed.call(window, el, pseudo)
  }) as typeof window.getComputedStyle
}
afterEach(() => {
  window.getComputedStyle = realComputed
})

test('large browser text (20 px): 我的 opens in elder mode, saying it was turned on automatically', async () => {
  browserTextSize('20px')
  const { root } = await world().app('u-wang')
  expect(root.ui.elderMode).toBe(true)
  renderPage(root, MePage)

  await waitFor(() => expect(screen.getByText(AUTO_HINT)).toBeTruthy())
  expect(document.querySelector('.page')!.classList.contains('elder')).toBe(true)

  // The person turns it off: their choice, no more hint.
  await tap('.me__elder')
  expect(root.ui.elderMode).toBe(false)
  expect(screen.queryByText(AUTO_HINT)).toBeNull()
})

test('standard browser text (16 px): normal mode, no hint', async () => {
  browserTextSize('16px')
  const { root } = await world().app('u-wang')
  renderPage(root, MePage)
  await waitFor(() => expect(screen.getByText('长辈模式')).toBeTruthy())
  expect(root.ui.elderMode).toBe(false)
  expect(screen.queryByText(AUTO_HINT)).toBeNull()
})
