import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/**
 * The one-way import rule is .dependency-cruiser.cjs; this runs it on the project, and on a small
 * fixture tree to prove it refuses each edge it is for (or the first test would prove nothing).
 */

const root = join(__dirname, '../../..')
const config = join(root, '.dependency-cruiser.cjs')
const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs')

interface Violation {
  from: string
  to: string
  rule: { name: string; severity: string }
}

/** Cruise `dirs` of the tree at `cwd` with the project's rules; the violations found. */
function cruise(cwd: string, dirs: string[]): Violation[] {
  const run = spawnSync(process.execPath, [depcruise, ...dirs, '--config', config, '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (!run.stdout) throw new Error(`depcruise did not answer: ${run.stderr}`)
  return (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations
}

const shown = (vs: Violation[]) => vs.map((v) => `${v.from} → ${v.to} (${v.rule.name})`)

jest.setTimeout(60_000)

describe('the one-way import rule', () => {
  it('holds across src/, types/ and server/', () => {
    expect(shown(cruise(root, ['src', 'types', 'server']))).toEqual([])
  })
})

// ---- the checker refuses what it is for -------------------------------------------------------

/** Files every case can import: one of each layer, empty. */
const TARGETS = [
  'types/domain.ts',
  'src/domain/labels.ts',
  'src/domain/validation.ts',
  'src/core/errors.ts',
  'src/env.ts',
  'src/platform/time.ts',
  'src/api/index.ts',
  'src/api/client.ts',
  'src/api/errors.ts',
  'src/api/memory/backend.ts',
  'src/stores/context.tsx',
  'src/stores/root-store.ts',
  'src/components/report-row/index.tsx',
  'src/components/report-row/index.css',
  'src/ui/screen.tsx',
  'src/pages/home/index.tsx',
  'src/pages/texts.ts',
  'src/messages/texts.ts',
  'src/reports/texts.ts',
  'server/app.ts',
]

/** Packages of the fixture, as node_modules would hold them. */
const PACKAGES = ['mobx', 'mobx-react-lite', 'react', '@tarojs/taro', '@tarojs/components', 'dayjs', 'fastify']

/** [file, its import, the rule that refuses it]. */
const REFUSED: Array<[string, string, string]> = [
  ['src/components/report-row/a.tsx', "import { useStores } from '../../stores/context'", 'components-imports'],
  ['src/components/report-row/b.tsx', "import { createApiClient } from '../../api'", 'components-imports'],
  ['src/components/report-row/c.tsx', "import { Screen } from '../../ui/screen'", 'components-imports'],
  ['src/components/report-row/d.tsx', "import { observer } from 'mobx-react-lite'", 'components-packages'],
  ['src/domain/a.ts', "import Taro from '@tarojs/taro'", 'domain-packages'],
  ['src/domain/b.ts', "import { ApiError } from '../api/errors'", 'domain-imports'],
  ['src/domain/c.ts', "import { ApiError } from '../core/errors'", 'domain-imports'],
  ['src/core/a.ts', "import type { ApiClient } from '../api/client'", 'core-imports'],
  ['src/core/b.ts', "import { formatTime } from '../platform/time'", 'core-imports'],
  ['src/core/c.ts', "import { randomUUID } from 'node:crypto'", 'core-packages'],
  ['src/core/d.ts', "import dayjs from 'dayjs'", 'core-packages'],
  ['src/api/memory/a.ts', "import { RootStore } from '../../stores/root-store'", 'api-imports'],
  ['src/stores/a.ts', "import Home from '../pages/home'", 'stores-imports'],
  ['src/stores/b.ts', "import { View } from '@tarojs/components'", 'stores-packages'],
  ['src/stores/c.ts', "import { ApiError } from '../core/errors'", 'stores-imports'],
  ['src/stores/d.ts', "import { MemoryBackend } from '../api/memory/backend'", 'stores-imports'],
  ['src/pages/home/a.tsx', "import { messageOf } from '../../api/errors'", 'features-imports'],
  ['src/pages/home/b.tsx', "import type { ApiClient } from '@/api/client'", 'features-imports'],
  ['src/pages/home/c.tsx', "import { ApiError } from '../../core/errors'", 'features-imports'],
  ['src/reports/detail/a.tsx', "import { M } from '../../messages/texts'", 'features-not-each-other'],
  ['src/staff/handle/a.tsx', "import Home from '../../pages/home'", 'features-not-each-other'],
  ['src/ui/a.tsx', "import { P } from '../pages/texts'", 'ui-imports'],
  ['src/ui/b.tsx', "import { createApiClient } from '../api'", 'ui-imports'],
  ['src/navigation.ts', "import { T } from './reports/texts'", 'ui-imports'],
  ['src/widgets/a.ts', "import { LIMITS } from '../domain/validation'", 'in-a-layer'],
  ['types/a.ts', "import { STATUS_LABEL } from '../src/domain/labels'", 'types-imports'],
  ['server/routes/a.ts', "import { MemoryBackend } from '../../src/api/memory/backend'", 'server-imports'],
  ['server/b.ts', "const s = require('../src/stores/root-store')", 'server-imports'],
  ['server/c.ts', "import Home from '../src/pages/home'", 'server-imports'],
  ['src/platform/a.ts', "import { LIMITS } from '../domain/validation'", 'platform-imports'],
  ['src/pages/home/d.tsx', "import { nothing } from './no-such-file'", 'resolvable'],
]

/** Files whose imports the rule allows: none of them may show up. */
const ALLOWED: Array<[string, string]> = [
  ['src/stores/ok.ts', "import { LIMITS } from '../domain/validation'\nimport type { ApiClient } from '../api/client'\nimport { messageOf } from '../api/errors'\nimport { makeAutoObservable } from 'mobx'"],
  ['server/ok.ts', "import { LIMITS } from '../src/domain/validation'\nimport { ApiError } from '../src/core/errors'\nimport type { Report } from '../types/domain'\nimport Fastify from 'fastify'"],
  ['src/components/report-row/ok.tsx', "import { STATUS_LABEL } from '../../domain/labels'\nimport { View } from '@tarojs/components'\nimport './index.css'"],
  ['src/core/ok.ts', "import { LIMITS } from '../domain/validation'\nimport type { Report } from '../../types/domain'\nimport { ApiError } from './errors'"],
  ['src/api/ok.ts', "import { ApiError } from '../core/errors'\nimport { readEnv } from '../env'\nimport Taro from '@tarojs/taro'"],
  ['src/reports/detail/ok.tsx', "import { T } from '../texts'\nimport { Screen } from '../../ui/screen'\nimport { useStores } from '../../stores/context'\nimport { formatTime } from '../../platform/time'\nimport { observer } from 'mobx-react-lite'"],
  ['src/ui/ok.tsx', "import { useStores } from '../stores/context'\nimport { ReportRow } from '../components/report-row'\nimport { formatTime } from '../platform/time'"],
  ['src/bootstrap.ts', "import { createApiClient } from './api'\nimport { RootStore } from './stores/root-store'"],
]

describe('the checker', () => {
  let fixture: string
  let found: Violation[]

  beforeAll(() => {
    fixture = mkdtempSync(join(tmpdir(), 'linli-imports-'))
    const write = (file: string, text: string) => {
      mkdirSync(dirname(join(fixture, file)), { recursive: true })
      writeFileSync(join(fixture, file), text)
    }
    for (const file of TARGETS) write(file, file.endsWith('.css') ? '' : 'export {}\n')
    for (const name of PACKAGES) {
      write(`node_modules/${name}/package.json`, JSON.stringify({ name, version: '1.0.0', main: 'index.js' }))
      write(`node_modules/${name}/index.js`, 'module.exports = {}\n')
    }
    write('tsconfig.json', JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./src/*'] } } }))
    for (const [file, source] of [...REFUSED, ...ALLOWED]) write(file, `${source}\n`)
    found = cruise(fixture, ['src', 'types', 'server'])
  })

  afterAll(() => rmSync(fixture, { recursive: true, force: true }))

  it.each(REFUSED)('refuses %s: %s (%s)', (file, _source, rule) => {
    expect(found.filter((v) => v.from === file).map((v) => v.rule.name)).toContain(rule)
  })

  it.each(ALLOWED)('allows %s', (file) => {
    expect(shown(found.filter((v) => v.from === file))).toEqual([])
  })

  it('finds nothing wrong in the fixture but the refused files', () => {
    const refused = new Set(REFUSED.map(([file]) => file))
    expect(shown(found.filter((v) => !refused.has(v.from)))).toEqual([])
  })
})
