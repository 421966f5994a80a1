// The relative imports between the sandbox's source files, and the rules its layers keep: a
// folder imports only from its own layer or the layers below, no two folders import each other,
// and no file imports itself back through others.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, posix, relative } from 'node:path'

/** Each file (relative to src, with `/`) and the files it imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>

// `import … from`, `export … from`, `import('…')` and a bare `import '…'`; type-only ones too:
// a type is a dependency as much as a value is.
const SPECIFIER =
  /(?:\b(?:import|export)\b[^'"`;]*?\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g

/** Reads every `.ts` file under `src` and its relative imports, resolved to `.ts` files. */
export function readImportGraph(src: string): ImportGraph {
  const graph = new Map<string, string[]>()
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.ts')) {
        const file = relative(src, path).split('\\').join('/')
        const text = readFileSync(path, 'utf8')
        const imports = [...text.matchAll(SPECIFIER)].map((match) =>
          posix.normalize(posix.join(posix.dirname(file), match[1] ?? '')).replace(/\.js$/, '.ts'),
        )
        graph.set(file, imports)
      }
    }
  }
  walk(src)
  return graph
}

/** The folder a file is in, `.` for the top of src. */
export const folderOf = (file: string): string => posix.dirname(file)

/** The layer of a folder: that of its first segment (`storage/sqlite` is in `storage`'s). */
function layerOf(folder: string, layers: readonly (readonly string[])[]): number {
  const top = folder.split('/')[0] ?? '.'
  const index = layers.findIndex((layer) => layer.includes(top))
  if (index < 0) throw new Error(`The folder ${folder} is in no declared layer.`)
  return index
}

export interface Violations {
  /** Imports from a layer above the importer's: `from -> to`. */
  upward: string[]
  /** Pairs of folders that import each other. */
  mutual: string[]
  /** File import cycles, each as its files in order. */
  cycles: string[]
}

/**
 * What breaks the layering of `graph`. `layers` lists the top-level folders of each layer, the
 * lowest first (`.` is the top of src).
 */
export function layerViolations(
  graph: ImportGraph,
  layers: readonly (readonly string[])[],
): Violations {
  const upward: string[] = []
  const folderEdges = new Set<string>()
  for (const [file, imports] of graph) {
    layerOf(folderOf(file), layers)
    for (const target of imports) {
      const [from, to] = [folderOf(file), folderOf(target)]
      if (layerOf(to, layers) > layerOf(from, layers)) upward.push(`${file} -> ${target}`)
      if (from !== to) folderEdges.add(`${from} -> ${to}`)
    }
  }
  const mutual = [...folderEdges]
    .map((edge) => edge.split(' -> '))
    .filter(([from = '', to = '']) => from < to && folderEdges.has(`${to} -> ${from}`))
    .map(([from, to]) => `${from} <-> ${to}`)
  return { upward, mutual, cycles: importCycles(graph) }
}

/** Each import cycle once, found by a depth-first walk. */
function importCycles(graph: ImportGraph): string[] {
  const cycles: string[] = []
  const done = new Set<string>()
  const path: string[] = []
  const visit = (file: string): void => {
    const at = path.indexOf(file)
    if (at >= 0) {
      cycles.push([...path.slice(at), file].join(' -> '))
      return
    }
    if (done.has(file)) return
    path.push(file)
    for (const target of graph.get(file) ?? []) visit(target)
    path.pop()
    done.add(file)
  }
  for (const file of [...graph.keys()].sort()) visit(file)
  return cycles
}

export const srcFolder = (testFile: string): string => join(dirname(testFile), '..', '..', 'src')
