import type { ChildProcess } from 'node:child_process'

/**
 * What the tests that spawn server processes (server-process.ts, jobs-process.ts) share: reading a
 * child's output line by line, its JSON log lines, and the set of children to kill after a test
 * that failed half-way.
 */

/** A `data` handler calling `onLine` for each complete line of a text stream (a partial line waits for its end). */
export function lineReader(onLine: (line: string) => void): (chunk: string) => void {
  let partial = ''
  return (chunk) => {
    partial += chunk
    for (let newline = partial.indexOf('\n'); newline >= 0; newline = partial.indexOf('\n')) {
      const line = partial.slice(0, newline)
      partial = partial.slice(newline + 1)
      onLine(line)
    }
  }
}

/** The object a JSON log line holds; null for any other line (a stack trace, a plain message). */
export function jsonLine(line: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(line)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** Children started and not yet gone: each leaves the set when it exits. */
export class Children {
  private readonly running = new Set<ChildProcess>()

  add(child: ChildProcess): void {
    this.running.add(child)
    child.once('exit', () => this.running.delete(child))
  }

  /** End every child still running with `kill` (default SIGKILL) and wait for each to exit. */
  async killAll(kill: (child: ChildProcess) => void = (child) => child.kill('SIGKILL')): Promise<void> {
    await Promise.all(
      [...this.running].map(async (child) => {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        kill(child)
        await exited
      }),
    )
  }
}
