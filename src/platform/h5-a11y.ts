/**
 * H5 only: the mini-program's accessibility attributes, spoken by a browser. WeChat reads
 * `aria-role` on a view; a browser reads `role`, and a view with a role of a control must also be
 * reachable from the keyboard (tabindex, Enter and Space click it). Images get the alt text of
 * their element's `aria-label` (or 照片). Taro's own button element is given the role and tabindex of one. Installed once by app.tsx; the weapp build never has it.
 */
const CONTROLS = new Set(['button', 'checkbox', 'radio', 'switch', 'tab', 'link'])

/** Taro H5 draws <Button> (NutUI's too) as a custom element a keyboard cannot reach: it is a button. */
const TARO_BUTTON = 'TARO-BUTTON-CORE'

function fix(el: Element): void {
  if (el.tagName === TARO_BUTTON && !el.hasAttribute('role') && !el.hasAttribute('aria-role') && !insideControl(el)) el.setAttribute('role', 'button')
  const role = el.getAttribute('aria-role')
  if (role !== null) {
    el.setAttribute('role', role)
    el.removeAttribute('aria-role')
  }
  const r = el.getAttribute('role')
  if (r && CONTROLS.has(r) && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0')
  if (el.tagName === 'IMG' && !el.hasAttribute('alt')) {
    const host = el.closest('[aria-label]')
    el.setAttribute('alt', host?.getAttribute('aria-label') ?? '照片')
  }
}

/** Within a view that is a control already (a card that opens): a button of its own would be nested in it. */
function insideControl(el: Element): boolean {
  for (let up = el.parentElement; up; up = up.parentElement) {
    const role = up.getAttribute('role') ?? up.getAttribute('aria-role')
    if (role && CONTROLS.has(role)) return true
  }
  return false
}

function fixTree(node: Node): void {
  if (!(node instanceof Element)) return
  fix(node)
  node.querySelectorAll('[aria-role], [role], img:not([alt]), taro-button-core').forEach(fix)
}

export function installH5Accessibility(doc: Document = document): void {
  fixTree(doc.body)
  new MutationObserver((records) => {
    for (const m of records) {
      if (m.type === 'attributes') fix(m.target as Element)
      else m.addedNodes.forEach(fixTree)
    }
  }).observe(doc.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-role', 'role'] })
  // A view acting as a control: Enter and Space tap it, as they would a button.
  doc.addEventListener('keydown', (event) => {
    const el = event.target as HTMLElement | null
    if (!el || (event.key !== 'Enter' && event.key !== ' ')) return
    const role = el.getAttribute?.('role')
    if (role && CONTROLS.has(role) && !/^(BUTTON|INPUT|TEXTAREA|A)$/.test(el.tagName)) {
      event.preventDefault()
      el.click()
    }
  })
}
