import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = join(__dirname, '..', '..', '..')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name)
    if (statSync(file).isDirectory()) return sources(file)
    return /\.(tsx?|jsx?)$/.test(name) ? [file] : []
  })
}

describe('the weapp build without Taro’s innerHTML (config/index.ts, config/taro-index.js; ADR 37)', () => {
  it('keeps @tarojs/taro’s index: the same two steps, the hook from @tarojs/shared, no require of the runtime', () => {
    const ours = readFileSync(join(root, 'config', 'taro-index.js'), 'utf8').replace(/^\s*\/\/.*$/gm, '')
    const theirs = readFileSync(join(root, 'node_modules', '@tarojs', 'taro', 'index.js'), 'utf8')
    // If Taro's index changes, ours must follow it.
    expect(theirs).toContain(`const { hooks } = require('@tarojs/runtime')`)
    expect(theirs).toContain(`hooks.call('initNativeApi', taro)`)
    expect(ours).toContain(`hooks.call('initNativeApi', taro)`)
    expect(ours).toContain(`require('@tarojs/shared').hooks`)
    expect(ours).not.toMatch(/require\('@tarojs\/runtime'\)/)
  })

  it('has no code in src/ that sets HTML: innerHTML is off on the weapp', () => {
    const config = readFileSync(join(root, 'config', 'index.ts'), 'utf8')
    expect(config).toContain('enableInnerHTML: false')
    const setsHtml = sources(join(root, 'src')).filter((file) =>
      /dangerouslySetInnerHTML|innerHTML|insertAdjacentHTML/.test(readFileSync(file, 'utf8')),
    )
    expect(setsHtml).toEqual([])
  })
})
