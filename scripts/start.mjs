// `npm start`: run Linli on its embedded defaults — the reference server on embedded PGlite with the
// demo community, the H5 app on the HTTP adapter (same origin: /api is proxied to the server), and a
// weapp build in dist/ pointed at the server. `TARO_APP_API_MODE=memory npm start` runs the app on its
// in-app demo backend instead, with no server.
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { serveStatic } = require('./static-server.cjs')

const mode = process.env.TARO_APP_API_MODE || 'http'
const host = process.env.HOST || '127.0.0.1'
const webPort = Number(process.env.PORT || 10086)
const apiPort = Number(process.env.API_PORT || 3000)
const apiUrl = `http://${host}:${apiPort}`

function build(type, extraEnv) {
  console.log(`\n▶ building ${type} (${mode}) …`)
  const started = Date.now()
  const env = { ...process.env, NODE_ENV: 'production', TARO_APP_API_MODE: mode, ...extraEnv }
  const run = spawnSync('npx', ['taro', 'build', '--type', type], { env, stdio: ['ignore', 'ignore', 'inherit'] })
  if (run.status !== 0) {
    console.error(`✖ taro build --type ${type} failed (exit ${run.status})`)
    process.exit(run.status || 1)
  }
  console.log(`✔ ${type} built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

async function startServer() {
  const server = spawn('npx', ['tsx', 'server/server.ts'], {
    env: { LINLI_DEMO: '1', LINLI_DATA_DIR: '.linli-data', ...process.env, PORT: String(apiPort), HOST: host },
    stdio: 'inherit',
  })
  server.on('exit', (code) => {
    console.error(`✖ the server stopped (exit ${code})`)
    process.exit(code || 1)
  })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${apiUrl}/health`)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  console.error(`✖ the server did not answer on ${apiUrl}/health within 30 s`)
  process.exit(1)
}

if (mode === 'http') {
  await startServer()
  build('weapp', { TARO_APP_API_BASE_URL: apiUrl })
  build('h5', { TARO_APP_API_BASE_URL: '' })
  const { url } = await serveStatic(new URL('../dist-h5-http', import.meta.url).pathname, webPort, host, apiUrl)
  console.log(`
Linli is running on its embedded defaults.
  H5 app:     ${url}   (demo sign-in: pick any account of 映月社区)
  API server: ${apiUrl}   (PGlite in .linli-data/, OpenAPI at ${apiUrl}/openapi.json, docs at ${apiUrl}/docs)
  weapp:      dist/ — open the project folder in WeChat DevTools (project.config.json points at dist/);
              it calls ${apiUrl}: tick “不校验合法域名” in DevTools' local settings.
Press Ctrl+C to stop.`)
} else {
  build('weapp', {})
  build('h5', {})
  const { url } = await serveStatic(new URL('../dist-h5', import.meta.url).pathname, webPort, host)
  console.log(`
Linli is running on the in-app demo backend (memory mode; data stays in the browser/device).
  H5 app:     ${url}
  weapp:      dist/ — open the project folder in WeChat DevTools (project.config.json points at dist/)
Press Ctrl+C to stop.`)
}
