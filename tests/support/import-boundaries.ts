// Every place where one package reaches another: relative imports (and `new URL(…,
// import.meta.url)` file references) that leave their package, and bare imports of a workspace
// package that is not declared as a dependency or that name a subpath it does not export.
import { readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'

export interface WorkspacePackage {
  name: string
  dir: string
  exports: string[]
  dependencies: Set<string>
}

export interface Crossing {
  file: string
  specifier: string
  problem: string
}

const SOURCE = /\.(?:[cm]?[jt]s|tsx)$/
const FILE_URL = /new URL\(\s*['"`](\.{1,2}\/[^'"`]*)['"`]\s*,\s*import\.meta\.url\s*\)/g

export function readPackage(dir: string): WorkspacePackage {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  const exports = manifest.exports
  const subpaths =
    exports === undefined
      ? ['.']
      : typeof exports === 'string' || !Object.keys(exports).some((k) => k.startsWith('.'))
        ? ['.']
        : Object.keys(exports)
  return {
    name: manifest.name,
    dir,
    exports: subpaths,
    dependencies: new Set(
      ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap(
        (field) => Object.keys(manifest[field] ?? {}),
      ),
    ),
  }
}

/** The package a file belongs to: the one with the deepest folder that contains it. */
function owner(packages: WorkspacePackage[], file: string): WorkspacePackage | undefined {
  return packages
    .filter((pkg) => file === pkg.dir || file.startsWith(pkg.dir + sep))
    .sort((a, b) => b.dir.length - a.dir.length)[0]
}

function specifiersOf(text: string): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true)
  return [
    ...importedFiles.map((file) => file.fileName),
    ...[...text.matchAll(FILE_URL)].map((match) => match[1] as string),
  ]
}

/** The crossings in `files`, judged against `packages` (the root package included). */
export function findCrossings(packages: WorkspacePackage[], files: string[]): Crossing[] {
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]))
  const crossings: Crossing[] = []
  for (const file of files.filter((f) => SOURCE.test(f))) {
    const from = owner(packages, file)
    if (!from) continue
    for (const specifier of specifiersOf(readFileSync(file, 'utf8'))) {
      const where = relative(from.dir, file)
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier)
        const to = owner(packages, target)
        if (to !== from) {
          crossings.push({
            file: where,
            specifier,
            problem: `leaves ${from.name} for ${to?.name ?? 'outside the repo'}`,
          })
        }
        continue
      }
      const name = specifier.startsWith('@')
        ? specifier.split('/').slice(0, 2).join('/')
        : (specifier.split('/')[0] as string)
      const to = byName.get(name)
      if (!to || to === from) continue
      const subpath = `.${specifier.slice(name.length)}`
      if (!from.dependencies.has(name)) {
        crossings.push({ file: where, specifier, problem: `${name} is not a declared dependency` })
      } else if (!to.exports.includes(subpath)) {
        crossings.push({
          file: where,
          specifier,
          problem: `${name} does not export ${subpath} (it exports ${to.exports.join(', ')})`,
        })
      }
    }
  }
  return crossings
}
