/** The rules of a compiled wxss file, for tests that read the sizes and colours a build gives. */
export interface WxssRule {
  /** The selector list as written (`.a, .b .c`). */
  selector: string
  selectors: string[]
  /** What applies: the last value of each property. */
  declarations: Record<string, string>
  /** Every declaration as written, in order (a property set twice is here twice). */
  written: Array<[prop: string, value: string]>
}

/** Every rule of `wxss` in source order; comments and statement at-rules (@import "…";) are not rules. */
export function wxssRules(wxss: string): WxssRule[] {
  const css = wxss.replace(/\/\*[\s\S]*?\*\//g, '').replace(/@[^{};]+;/g, '')
  return [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => {
    const written: Array<[string, string]> = []
    for (const d of m[2].split(';')) {
      const i = d.indexOf(':')
      if (i > 0) written.push([d.slice(0, i).trim(), d.slice(i + 1).trim()])
    }
    return { selector: m[1].trim(), selectors: m[1].split(',').map((s) => s.trim()), declarations: Object.fromEntries(written), written }
  })
}
