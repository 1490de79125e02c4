import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import postcss from 'postcss'
import ts from 'typescript'
import { CHILDLESS, ONE_LEVEL, TRIMMED_PROPS, reactPropName, trimTemplate } from '../../../config/weapp-template-trim'
// eslint-disable-next-line @typescript-eslint/no-var-requires
const iconTrim = require('../../../config/postcss-nutui-icon-trim.js')

const root = join(__dirname, '..', '..', '..')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name)
    if (statSync(file).isDirectory()) return sources(file)
    return /\.tsx$/.test(name) ? [file] : []
  })
}

/** Which template component a JSX tag of the app draws on the weapp (NutUI's Button and TextArea draw Taro's). */
const TAGS: Record<string, string> = {
  View: 'view',
  Text: 'text',
  Image: 'image',
  ScrollView: 'scroll-view',
  Button: 'button',
  Input: 'input',
  Textarea: 'textarea',
  TextArea: 'textarea',
}

/** Every JSX element of src/ with its tag and attribute names. */
function jsxTags(): Array<{ file: string; tag: string; props: string[] }> {
  const found: Array<{ file: string; tag: string; props: string[] }> = []
  for (const file of sources(join(root, 'src'))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
    const visit = (node: ts.Node): void => {
      if (ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) {
        const props = node.attributes.properties.flatMap((p) => (ts.isJsxAttribute(p) ? [p.name.getText(source)] : []))
        found.push({ file: file.slice(root.length + 1), tag: node.tagName.getText(source), props })
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return found
}

describe('base.wxml without the attributes nothing sets (config/weapp-template-trim.ts; ADR 39)', () => {
  it('drops the listed props of a component, whatever Taro’s spelling, and keeps the others', () => {
    const template: Parameters<typeof trimTemplate>[0] = { nestElements: new Map([['scroll-view', 4]]), voidElements: new Set() }
    trimTemplate(template)
    const kept = template.modifyCompProps!('view', {
      'hover-class': "'none'",
      bindTouchStart: '',
      animation: '',
      bindAnimationEnd: '',
      style: 'i.st',
    })
    expect(kept).toEqual({ style: 'i.st' })
    expect(template.modifyCompProps!('image', { 'hover-class': 'x' })).toEqual({ 'hover-class': 'x' })
    expect(template.modifyCompProps!('text', { selectable: 'false', 'user-select': 'false', space: '' })).toEqual({
      selectable: 'false',
      'user-select': 'false',
    })
    for (const name of ONE_LEVEL) expect(template.nestElements!.get(name)).toBe(1)
    for (const name of CHILDLESS) expect(template.voidElements!.has(name)).toBe(true)
    expect(template.modifyTemplateResult!('<template name="tmpl_0_0">…</template>', 'catch-view', 0, '')).toBe('')
    expect(template.modifyTemplateResult!('<x/>', 'view', 0, '')).toBe('<x/>')
  })

  it('runs a hook Taro’s template already has before its own', () => {
    const template: Parameters<typeof trimTemplate>[0] = {
      modifyCompProps: (_name, props) => ({ ...props, extra: '1' }),
      modifyTemplateResult: (res) => `${res}!`,
    }
    trimTemplate(template)
    expect(template.modifyCompProps!('view', { animation: '' })).toEqual({ extra: '1' })
    expect(template.modifyTemplateResult!('a', 'view', 0, '')).toBe('a!')
  })

  it('has no View, Text, ScrollView, Button or text field in src/ that sets a dropped prop or catchMove', () => {
    const offending: string[] = []
    for (const { file, tag, props } of jsxTags()) {
      const component = TAGS[tag]
      if (!component) continue
      const dropped = new Set((TRIMMED_PROPS[component] ?? []).map(reactPropName))
      if (component === 'view') dropped.add('catchMove')
      // Taro's React names: onLongTap is also written onLongPress.
      if (dropped.has('onLongTap')) dropped.add('onLongPress')
      for (const prop of props) if (dropped.has(prop)) offending.push(`${file}: <${tag} ${prop}>`)
    }
    expect(offending).toEqual([])
    // The app's only scroll views are the virtual list's, which sets none of them either (below).
    expect(jsxTags().filter((t) => t.tag === 'ScrollView')).toEqual([])
  })

  it('has none of those props in Taro’s virtual list or the NutUI components the app imports', () => {
    const imported = new Set<string>()
    for (const file of sources(join(root, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/import \{([^}]*)\} from '@nutui\/nutui-react-taro'/g)) {
        for (const name of m[1].split(',')) if (name.trim()) imported.add(name.trim().toLowerCase())
      }
    }
    expect([...imported].sort()).toEqual(['button', 'switch', 'textarea'])
    const files = [...imported].map((name) =>
      join(root, 'node_modules', '@nutui', 'nutui-react-taro', 'dist', 'es', 'packages', name, `${name}.js`),
    )
    const list = join(root, 'node_modules', '@tarojs', 'components-advanced', 'dist', 'components', 'virtual-list', 'react')
    files.push(join(list, 'list.js'), join(list, 'wrapper.js'), join(list, 'index.js'))
    // Names only a dropped prop has (a plain word such as `type` or `padding` would match other code).
    const names = new Set(['catchMove', 'onLongPress'])
    for (const props of Object.values(TRIMMED_PROPS)) {
      for (const prop of props) if (/[A-Z]/.test(prop)) names.add(reactPropName(prop))
    }
    const offending = files.flatMap((file) => {
      const code = readFileSync(file, 'utf8')
      return [...names].filter((name) => new RegExp(`\\b${name}\\b`).test(code)).map((name) => `${file}: ${name}`)
    })
    expect(offending).toEqual([])
  })
})

describe('config/postcss-nutui-icon-trim.js', () => {
  const SHEET = '/x/node_modules/@nutui/icons-react-taro/dist/style_icon.css'
  const run = (css: string, from = SHEET) => postcss([iconTrim()]).process(css, { from }).css

  it('drops the animation classes and the keyframes only they name; the loading icon keeps its rotation', () => {
    const css =
      '.nut-icon-Loading{animation:rotation 1s infinite linear}.nut-icon-am-jump{animation-name:nutJump}' +
      '.nut-icon-am-jump.nut-icon-am-infinite{-webkit-animation-name:nutJump}' +
      '@keyframes rotation{to{opacity:1}}@keyframes nutJump{to{opacity:0}}@-webkit-keyframes nutJump{to{opacity:0}}'
    expect(run(css)).toBe('.nut-icon-Loading{animation:rotation 1s infinite linear}@keyframes rotation{to{opacity:1}}')
  })

  it('leaves any other stylesheet alone', () => {
    const css = '.nut-icon-am-jump{animation-name:nutJump}@keyframes nutJump{to{opacity:0}}'
    expect(run(css, '/x/src/app.css')).toBe(css)
  })

  it('has no icon animation class in src/', () => {
    const users = sources(join(root, 'src')).filter((file) => /nut-icon-am-/.test(readFileSync(file, 'utf8')))
    expect(users).toEqual([])
  })
})

