import { writeFileSync } from 'node:fs'
import type { Compiler } from 'webpack'

/**
 * `LINLI_BUNDLE_STATS=<file>` on a build writes, for every chunk, its modules and their sizes
 * before minification (largest first), so what puts the weapp main package over its budget can be
 * found: `jq 'to_entries[] | [.key, (.value | map(.[0]) | add)]' <file>`. Off by default.
 */
export class ChunkModulesPlugin {
  constructor(private readonly file: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.done.tap('ChunkModulesPlugin', (stats) => {
      const compilation = stats.compilation
      const chunks: Record<string, Array<[number, string]>> = {}
      for (const chunk of compilation.chunks) {
        const modules: Array<[number, string]> = []
        for (const module of compilation.chunkGraph.getChunkModulesIterable(chunk)) {
          // A concatenated module lists what it was made of.
          const parts = (module as { modules?: Iterable<typeof module> }).modules ?? [module]
          for (const part of parts) modules.push([part.size(), part.nameForCondition() ?? part.identifier()])
        }
        chunks[String(chunk.name ?? chunk.id)] = modules.sort((a, b) => b[0] - a[0])
      }
      writeFileSync(this.file, JSON.stringify(chunks))
    })
  }
}
