import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = join(__dirname, '..', '..', '..')
const nutui = join(root, 'node_modules', '@nutui', 'nutui-react-taro', 'dist', 'es')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name)
    if (statSync(file).isDirectory()) return sources(file)
    return /\.tsx?$/.test(name) ? [file] : []
  })
}

describe('NutUI’s zh-CN texts on the weapp (config/nutui-locale-zh-cn.js; ADR 39)', () => {
  it('holds every text the NutUI components the app imports read, worded as NutUI words them', () => {
    const imported = new Set<string>()
    for (const file of sources(join(root, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/import \{([^}]*)\} from '@nutui\/nutui-react-taro'/g)) {
        for (const name of m[1].split(',')) if (name.trim()) imported.add(name.trim().toLowerCase())
      }
    }
    const read = new Set<string>()
    for (const name of imported) {
      const code = readFileSync(join(nutui, 'packages', name, `${name}.js`), 'utf8')
      for (const m of code.matchAll(/\blocale\.([A-Za-z.]+)/g)) read.add(m[1])
    }
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const ours: Record<string, string> = require('../../../config/nutui-locale-zh-cn.js').default
    expect([...read].sort()).toEqual(Object.keys(ours).sort())
    const theirs = readFileSync(join(nutui, 'locales', 'zh-CN.js'), 'utf8')
    for (const [key, text] of Object.entries(ours)) expect(theirs).toContain(`    ${key}: '${text}',`)
  })

  it('replaces only ConfigProvider’s import of it', () => {
    const config = readFileSync(join(root, 'config', 'index.ts'), 'utf8')
    expect(config).toContain(String.raw`const NUTUI_LOCALE = /^\.\.\/\.\.\/locales\/zh-CN$/`)
    const js = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const file = join(dir, name)
        return statSync(file).isDirectory() ? js(file) : /\.js$/.test(name) ? [file] : []
      })
    const users = js(nutui).filter((file) => readFileSync(file, 'utf8').includes(`from "../../locales/zh-CN"`))
    expect(users.map((f) => f.slice(nutui.length + 1))).toEqual(['packages/configprovider/configprovider.js'])
  })
})
