/**
 * H5 only: the inline script in index.html that sets the root font size every `rem` is measured by
 * (pxtransform turns our 750-wide sizes into rem). Taro's own script (webpack5-runner's
 * H5WebpackPlugin) takes the smaller of the root element's *box* width and height: in <head>, before
 * the page has any content, that box is a few pixels tall, so every phone started at the 20 px floor
 * and jumped to its real size (21.97 px on a 412 px phone) at the first `resize` — which a phone
 * fires when its address bar hides, and Chromium's mobile emulation fires once the app has drawn.
 * Every element grew at once: a layout shift of 0.26–0.67 on the report form and the inbox (ADR 34).
 * Here the viewport (`clientWidth` / `clientHeight` of the root, which in standards mode are the
 * viewport's) is measured instead: the size is right from the first paint, and a phone in portrait
 * keeps it when its address bar moves (the width is the smaller side).
 */

/** Taro's defaults for our design: 40 px of root size at 750 design px, held between 20 and 40 px. */
export const ROOT_SIZE = { rootValue: 40, designWidth: 750, min: 20, max: 40 }

/** The script (index.html's `htmlWebpackPlugin.options.script`, config/index.ts `h5.htmlPluginOption`). */
export function rootSizeScript({ rootValue, designWidth, min, max } = ROOT_SIZE): string {
  return (
    `!function(n){function f(){var e=n.document.documentElement,a=[e.clientWidth||n.innerWidth,e.clientHeight||n.innerHeight]` +
    `.filter(function(v){return v>0}),w=a.length?Math.min.apply(Math,a):0,x=${rootValue}*w/${designWidth};` +
    `e.style.fontSize=x>=${max}?"${max}px":x<=${min}?"${min}px":x+"px"}` +
    `n.addEventListener("resize",function(){f();setTimeout(f,500)});f()}(window);`
  )
}
