import { join } from 'node:path'
import { checkFile, checkTree, layerOf } from './import-rules'

const root = join(__dirname, '../../..')

describe('the one-way import rule', () => {
  it('holds across src/, types/ and server/', () => {
    const violations = checkTree(root, ['src', 'types', 'server'])
    expect(violations).toEqual([])
  })

  it('places files in their layers', () => {
    expect(layerOf('src/domain/report-status.ts')).toBe('domain')
    expect(layerOf('src/api/memory/backend.ts')).toBe('api')
    expect(layerOf('src/components/photo-grid/index.tsx')).toBe('components')
    expect(layerOf('src/reports/new/report-form.tsx')).toBe('screens')
    expect(layerOf('src/pages/home/index.tsx')).toBe('screens')
    expect(layerOf('server/routes/reports.ts')).toBe('server')
  })

  // The checker itself must catch what it is for, or the test above proves nothing.
  it.each([
    ['src/components/report-row/index.tsx', "import { useStores } from '../../stores/context'", 'components may not import stores'],
    ['src/components/report-row/index.tsx', "import { createApiClient } from '../../api'", 'components may not import api'],
    ['src/components/report-row/index.tsx', "import { observer } from 'mobx-react-lite'", 'components may not use the package'],
    ['src/domain/report-status.ts', "import Taro from '@tarojs/taro'", 'domain may not use the package'],
    ['src/domain/report-status.ts', "import { ApiError } from '../api/errors'", 'domain may not import api'],
    ['src/api/memory/backend.ts', "import { RootStore } from '../../stores/root-store'", 'api may not import stores'],
    ['src/stores/session-store.ts', "import Home from '../pages/home'", 'stores may not import screens'],
    ['src/stores/session-store.ts', "import { View } from '@tarojs/components'", 'stores may not use the package'],
    ['server/routes/reports.ts', "import { MemoryBackend } from '../../src/api/memory/backend'", 'server may not import api'],
    ['server/app.ts', "const s = require('../src/stores/root-store')", 'server may not import stores'],
  ])('refuses %s importing: %s', (file, source, reason) => {
    const violations = checkFile(root, file, source)
    expect(violations.map((v) => v.reason).join('\n')).toContain(reason)
  })

  it('allows the imports the rule allows', () => {
    expect(checkFile(root, 'src/stores/draft-store.ts', "import { LIMITS } from '../domain/validation'\nimport { makeAutoObservable } from 'mobx'")).toEqual([])
    expect(checkFile(root, 'server/app.ts', "import { decideMove } from '../src/domain/report-moves'\nimport type { Report } from '../types/domain'")).toEqual([])
    expect(checkFile(root, 'src/components/status-badge/index.tsx', "import { STATUS_LABEL } from '../../domain/labels'\nimport './index.css'")).toEqual([])
  })
})
