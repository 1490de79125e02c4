import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

export class DataDirInUseError extends Error {
  constructor(
    readonly lockFile: string,
    readonly pid: number,
  ) {
    super(
      `The Linli data directory is in use by another process (pid ${pid}; lock file ${lockFile}). ` +
        `Embedded PGlite cannot be shared between processes: stop the other server first, ` +
        `point LINLI_DATA_DIR at another directory, or set DATABASE_URL to use PostgreSQL.`,
    )
    this.name = 'DataDirInUseError'
  }
}

/** Whether a process with this pid exists (ours or someone else's). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * PGlite has no lock of its own, and two processes on one data directory corrupt it. Take a lock
 * file holding our pid; a lock left by a process that no longer runs is stale and taken over.
 * Returns the release function.
 */
export function lockDataDir(lockFile: string): () => void {
  mkdirSync(dirname(lockFile), { recursive: true })
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => {
        try {
          if (readFileSync(lockFile, 'utf8').trim() === String(process.pid)) unlinkSync(lockFile)
        } catch {
          // already gone
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      let pid = NaN
      try {
        pid = Number.parseInt(readFileSync(lockFile, 'utf8').trim(), 10)
      } catch {
        continue // removed meanwhile: try again
      }
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) throw new DataDirInUseError(lockFile, pid)
      try {
        unlinkSync(lockFile) // stale: its process is gone
      } catch {
        // someone else took it over first; the next attempt decides
      }
    }
  }
  throw new Error(`Could not take the data directory lock ${lockFile}`)
}
