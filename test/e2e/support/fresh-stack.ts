import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { freePort } from '../../../server/test/support/pg'
import { startWeChatStandIn, type WeChatStandIn } from '../../../server/test/support/wechat-stand-in'
import { launchChromium } from '../../support/browser'
import { serveStatic } from '../../support/static-server'
import { HTTP_DIST, openPhone } from './stack'

const ROOT = join(__dirname, '..', '..', '..')

/**
 * The port of the WeChat stand-in in the browser tests of a real deployment: fixed, because the
 * http H5 build must know its authorize page (TARO_APP_WECHAT_OAUTH_URL, set by scripts/test-all.mjs).
 */
export const STAND_IN_PORT = 10199
export const STAND_IN_WEB_APPID = 'wx-stand-in-web'

/**
 * A real deployment on this machine, as an administrator sets one up: an empty data directory, the
 * admin command run against it (`server/admin/cli.ts`, before the server holds the directory: PGlite
 * opens it in one process at a time), then the real server entry (`server/server.ts`) on it with
 * demo mode OFF and WeChat pointed at the stand-in on loopback, the http H5 build in front of it,
 * and Chromium with a phone (browser context) per person.
 */
export interface FreshStack {
  wechat: WeChatStandIn
  dataDir: string
  /** Run `npm run admin -- <args>` on the data directory (server stopped); its output. */
  admin(args: string[]): { code: number; out: string; err: string }
  /** Start the server (and the app in front of it) after the set-up. */
  start(): Promise<void>
  base(): string
  phone(label: string): Promise<Page>
  pageErrors: string[]
  serverErrors: string[]
  close(): Promise<void>
}

export async function createFreshStack(): Promise<FreshStack> {
  if (!existsSync(join(HTTP_DIST, 'index.html'))) {
    throw new Error(`${join(HTTP_DIST, 'index.html')} is missing: run the http H5 build first (npm test does it)`)
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'linli-go-live-'))
  const wechat = await startWeChatStandIn({ port: STAND_IN_PORT, webAppId: STAND_IN_WEB_APPID })
  const env = {
    ...process.env,
    LINLI_DATA_DIR: dataDir,
    DATABASE_URL: '',
    LINLI_DEMO: '0',
    WECHAT_APPID: wechat.appId,
    WECHAT_SECRET: wechat.secret,
    WECHAT_WEB_APPID: wechat.webAppId,
    WECHAT_WEB_SECRET: wechat.webSecret,
    WECHAT_API_BASE_URL: wechat.url,
    LOG_LEVEL: 'warn',
  }
  let server: ReturnType<typeof spawn> | undefined
  let web: Server | undefined
  let browser: Browser | undefined
  let base = ''
  let serverLog = ''
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []
  const serverErrors: string[] = []

  const stopServer = async () => {
    if (!server || server.exitCode !== null || server.signalCode !== null) return
    const exited = new Promise((resolve) => server!.once('exit', resolve))
    server.kill('SIGTERM')
    const timer = setTimeout(() => server?.kill('SIGKILL'), 15_000)
    await exited
    clearTimeout(timer)
  }

  return {
    wechat,
    dataDir,
    pageErrors,
    serverErrors,
    admin(args) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'server/admin/cli.ts'), ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 })
      return { code: run.status ?? -1, out: run.stdout, err: run.stderr }
    },
    async start() {
      const port = await freePort()
      // Outside demo mode the server needs its public URL (photo URLs are never built from Host).
      const publicUrl = `http://127.0.0.1:${port}`
      server = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/server.ts')], { cwd: ROOT, env: { ...env, PORT: String(port), HOST: '127.0.0.1', LINLI_PUBLIC_URL: publicUrl }, stdio: ['ignore', 'pipe', 'pipe'] })
      server.stdout!.on('data', (chunk: Buffer) => (serverLog = (serverLog + chunk.toString()).slice(-8000)))
      server.stderr!.on('data', (chunk: Buffer) => (serverLog = (serverLog + chunk.toString()).slice(-8000)))
      const apiUrl = `http://127.0.0.1:${port}`
      const until = Date.now() + 90_000
      for (;;) {
        if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}:\n${serverLog}`)
        const ok = await fetch(`${apiUrl}/health`).then((r) => r.ok, () => false)
        if (ok) break
        if (Date.now() > until) throw new Error(`the server did not answer /health in 90 s:\n${serverLog}`)
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
      const served = await serveStatic(HTTP_DIST, 0, apiUrl)
      web = served.server
      base = served.url
      browser = await launchChromium()
    },
    base: () => base,
    async phone(label) {
      if (!browser) throw new Error('start() the stack first')
      return openPhone(browser, contexts, label, pageErrors, serverErrors)
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined)
      await browser?.close().catch(() => undefined)
      await new Promise<void>((resolve) => (web ? web.close(() => resolve()) : resolve()))
      await stopServer()
      await wechat.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
