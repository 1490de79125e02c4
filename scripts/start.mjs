// `npm start`: run Linli on its embedded defaults — the reference server on embedded PGlite with the
// demo community, the H5 app on the HTTP adapter (same origin: /api is proxied to the server), and a
// weapp build in dist/ pointed at the server. `TARO_APP_API_MODE=memory npm start` runs the app on its
// in-app demo backend instead, with no server. `LINLI_START_SKIP_WEAPP=1` skips the weapp build.
//
// Stopping: every child (the two taro builds, the server) runs node directly (no npx/tsx launcher
// in between) as the leader of a process group of its own, so that it and whatever it started can be
// signalled as one. SIGINT, SIGTERM or SIGHUP here is passed to every group; once they have exited
// (SIGKILL after GRACE_MS) the static server closes and this process exits. `npm start` runs this
// script under `sh -c`, and npm passes a signal only to that shell, which dies without passing it on:
// so this process also stops when its parent goes away. Whatever exits this process (an error
// included) signals the groups still running, so no server outlives it holding the port and the
// data directory lock.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { constants } from 'node:os'

const require = createRequire(import.meta.url)
const { serveStatic } = require('./static-server.cjs')
const TARO = require.resolve('@tarojs/cli/bin/taro')

const mode = process.env.TARO_APP_API_MODE || 'http'
const host = process.env.HOST || '127.0.0.1'
const webPort = Number(process.env.PORT || 10086)
const apiPort = Number(process.env.API_PORT || 3000)
const apiUrl = `http://${host}:${apiPort}`
const skipWeapp = process.env.LINLI_START_SKIP_WEAPP === '1'
const dataDir = process.env.LINLI_DATA_DIR || '.linli-data'
/** How long a child may take to stop after the signal before it is killed (the server gives itself 10 s). */
const GRACE_MS = 12_000

/** Running children, each the leader of its own process group. */
const children = new Set()
/** The static server, once listening. */
let web
/** Set once stopping has begun: the promise of the whole stop. */
let stopping

/** Spawn a child as the leader of a new process group; `child.exited` resolves when it has exited. */
function run(command, args, options) {
  const child = spawn(command, args, { ...options, detached: true })
  children.add(child)
  child.exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }))
    child.once('error', (error) => {
      console.error(`✖ ${command} ${args.join(' ')}: ${error.message}`)
      resolve({ code: 1, signal: null })
    })
  }).finally(() => children.delete(child))
  return child
}

/** Signal a child's whole process group (it and everything it started). */
function signalGroup(child, signal) {
  if (!child.pid) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // the group is gone already
  }
}

async function stopChild(child, signal) {
  signalGroup(child, signal)
  const force = setTimeout(() => signalGroup(child, 'SIGKILL'), GRACE_MS)
  await child.exited
  clearTimeout(force)
  signalGroup(child, 'SIGKILL') // whatever the leader left behind in its group
}

/** Stop every child, close the static server, exit with `code`. Only the first call acts. */
function finish(code, signal = 'SIGTERM') {
  if (!stopping) {
    stopping = (async () => {
      await Promise.all([...children].map((child) => stopChild(child, signal)))
      if (web) {
        await new Promise((resolve) => {
          web.close(() => resolve())
          web.closeAllConnections()
        })
      }
      process.exit(code)
    })()
  }
  return stopping
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopping) {
      // Again: pass it on (the server exits at once on a second signal).
      for (const child of children) signalGroup(child, signal)
      return
    }
    console.log(`\n${signal}: stopping Linli …`)
    void finish(128 + constants.signals[signal], signal)
  })
}
const parent = process.ppid
if (parent > 1) {
  setInterval(() => {
    if (process.ppid === parent || stopping) return
    console.log('\nthe process that started Linli is gone: stopping …')
    void finish(1)
  }, 250).unref()
}
// An exit that did not go through finish() (an uncaught error): the groups must not outlive us.
process.on('exit', () => {
  for (const child of children) signalGroup(child, 'SIGTERM')
})

/** Never settles: what awaits it is cut short by finish()'s process.exit. */
const halt = () => new Promise(() => {})

async function build(type, extraEnv) {
  console.log(`\n▶ building ${type} (${mode}) …`)
  const started = Date.now()
  const env = { ...process.env, NODE_ENV: 'production', TARO_APP_API_MODE: mode, ...extraEnv }
  const child = run(process.execPath, [TARO, 'build', '--type', type], { env, stdio: ['ignore', 'ignore', 'inherit'] })
  const { code, signal } = await child.exited
  if (stopping) return halt()
  if (code !== 0) {
    console.error(`✖ taro build --type ${type} failed (${signal ? `signal ${signal}` : `exit ${code}`})`)
    await finish(code || 1)
  }
  console.log(`✔ ${type} built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

async function startServer() {
  const entry = new URL('../server/server.ts', import.meta.url).pathname
  const server = run(process.execPath, ['--import', 'tsx', entry], {
    env: { LINLI_DEMO: '1', ...process.env, LINLI_DATA_DIR: dataDir, PORT: String(apiPort), HOST: host },
    stdio: 'inherit',
  })
  void server.exited.then(({ code, signal }) => {
    if (stopping) return
    console.error(`✖ the server stopped (${signal ? `signal ${signal}` : `exit ${code}`})`)
    void finish(code || 1)
  })
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${apiUrl}/health`)).ok) return
    } catch {
      // not up yet
    }
    if (stopping) return halt()
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  console.error(`✖ the server did not answer on ${apiUrl}/health within 30 s`)
  await finish(1)
}

async function serve(dir, apiTarget) {
  const served = await serveStatic(new URL(`../${dir}`, import.meta.url).pathname, webPort, host, apiTarget)
  web = served.server
  if (stopping) return halt()
  return served.url
}

const weappLine = skipWeapp
  ? 'weapp:      not built (LINLI_START_SKIP_WEAPP=1)'
  : 'weapp:      dist/ — open the project folder in WeChat DevTools (project.config.json points at dist/)'

try {
  if (mode === 'http') {
    await startServer()
    if (!skipWeapp) await build('weapp', { TARO_APP_API_BASE_URL: apiUrl })
    await build('h5', { TARO_APP_API_BASE_URL: '' })
    const url = await serve('dist-h5-http', apiUrl)
    console.log(`
Linli is running on its embedded defaults.
  H5 app:     ${url}   (demo sign-in: pick any account of 映月社区)
  API server: ${apiUrl}   (PGlite in ${dataDir}/, OpenAPI at ${apiUrl}/openapi.json, docs at ${apiUrl}/docs)
  ${weappLine}${skipWeapp ? '' : `;\n              it calls ${apiUrl}: tick “不校验合法域名” in DevTools' local settings.`}
Press Ctrl+C to stop.`)
  } else {
    if (!skipWeapp) await build('weapp', {})
    await build('h5', {})
    const url = await serve('dist-h5', undefined)
    console.log(`
Linli is running on the in-app demo backend (memory mode; data stays in the browser/device).
  H5 app:     ${url}
  ${weappLine}
Press Ctrl+C to stop.`)
  }
} catch (error) {
  if (!stopping) {
    console.error('✖ Linli did not start:', error)
    await finish(1)
  }
}
