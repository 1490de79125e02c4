/**
 * The load generator of the benches (scripts/bench-server.ts, scripts/bench-scale.ts): a child
 * process of its own — the same file, forked with LINLI_BENCH_LOADER=1 and the same tsx loader
 * (execArgv is inherited) — so it never shares the server's event loop. The parent sends it jobs
 * and gets their results.
 */
import { fork, type ChildProcess } from 'node:child_process'

/** In the child: answer each job the parent sends with `run`'s result; leave when the parent does. */
export function serveLoads<J, R>(run: (job: J) => Promise<R>): void {
  process.on('message', (job: J) => {
    run(job).then(
      (result) => process.send?.({ ok: true, result }),
      (error: unknown) => process.send?.({ ok: false, error: String((error as Error)?.stack ?? error) }),
    )
  })
  process.on('disconnect', () => process.exit(0))
}

/** In the parent: a forked load generator, one job at a time. */
export class Loader<J extends { seconds: number }, R> {
  private child: ChildProcess
  constructor(file: string) {
    this.child = fork(file, [], { env: { ...process.env, LINLI_BENCH_LOADER: '1' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  }
  run(job: J): Promise<R> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup()
        reject(new Error(`load generator gave no answer within ${job.seconds + 30} s`))
      }, (job.seconds + 30) * 1000)
      const onMessage = (message: { ok: boolean; result?: R; error?: string }) => {
        cleanup()
        if (message.ok && message.result) resolve(message.result)
        else reject(new Error(message.error ?? 'load generator failed'))
      }
      const onExit = (code: number | null) => {
        cleanup()
        reject(new Error(`load generator exited (${code})`))
      }
      const cleanup = () => {
        clearTimeout(timer)
        this.child.off('message', onMessage)
        this.child.off('exit', onExit)
      }
      this.child.on('message', onMessage)
      this.child.on('exit', onExit)
      this.child.send(job)
    })
  }
  stop(): void {
    if (this.child.connected) this.child.disconnect()
    if (this.child.exitCode === null) this.child.kill()
  }
}
