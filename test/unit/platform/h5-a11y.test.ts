/** @jest-environment jsdom */
import { installH5Accessibility } from '../../../src/platform/h5-a11y'

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('H5 accessibility', () => {
  it('makes Taro’s button element a keyboard button (role, tabindex, Enter), but not inside a control', async () => {
    document.body.innerHTML = '<taro-button-core id="ask"></taro-button-core><div aria-role="button" id="card"><taro-button-core id="inner"></taro-button-core></div>'
    installH5Accessibility(document)
    const ask = document.getElementById('ask')!
    expect([ask.getAttribute('role'), ask.getAttribute('tabindex')]).toEqual(['button', '0'])
    expect(document.getElementById('card')!.getAttribute('role')).toBe('button')
    // A button inside a card that is a control already would be a control nested in a control.
    expect(document.getElementById('inner')!.hasAttribute('role')).toBe(false)
    expect(document.getElementById('inner')!.hasAttribute('tabindex')).toBe(false)

    // One drawn later (a page opened after start) too, and Enter taps it.
    const later = document.createElement('taro-button-core')
    document.body.appendChild(later)
    await tick()
    expect([later.getAttribute('role'), later.getAttribute('tabindex')]).toEqual(['button', '0'])
    const tapped = jest.fn()
    later.addEventListener('click', tapped)
    later.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    expect(tapped).toHaveBeenCalledTimes(1)
  })
})
