// `npm start`: run Linli on its embedded defaults — the demo backend inside the app (memory mode).
// Builds the weapp bundle into dist/ (open the project folder in WeChat DevTools) and the H5 app into
// dist-h5/, then serves the H5 app at a local URL until Ctrl+C.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { serveStatic } = require('./static-server.cjs')

const env = { ...process.env, NODE_ENV: 'production', TARO_APP_API_MODE: process.env.TARO_APP_API_MODE || 'memory' }

function build(type) {
  console.log(`\n▶ building ${type} …`)
  const started = Date.now()
  const run = spawnSync('npx', ['taro', 'build', '--type', type], { env, stdio: ['ignore', 'ignore', 'inherit'] })
  if (run.status !== 0) {
    console.error(`✖ taro build --type ${type} failed (exit ${run.status})`)
    process.exit(run.status || 1)
  }
  console.log(`✔ ${type} built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

build('weapp')
build('h5')

const port = Number(process.env.PORT || 10086)
const host = process.env.HOST || '127.0.0.1'
const { url } = await serveStatic(new URL('../dist-h5', import.meta.url).pathname, port, host)
console.log(`
Linli is running on the embedded demo backend (${env.TARO_APP_API_MODE} mode).
  H5 app:     ${url}
  weapp:      dist/ — open the project folder in WeChat DevTools (project.config.json points at dist/)
Press Ctrl+C to stop.`)
