// @ts-check
// The monorepo's own packages, found the way pnpm finds them (pnpm-workspace.yaml), and their
// scripts run the way `pnpm run` would: `sh -c` in the package folder with its bins on PATH.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { startProcess } from './process.js'

/** @returns {string} the folder holding pnpm-workspace.yaml, above this file */
function findRepoRoot() {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error('devkit: no pnpm-workspace.yaml above this package')
    dir = parent
  }
  return dir
}

export const repoRoot = findRepoRoot()

/** @type {ReadonlyMap<string, string> | undefined} */
let repoPackages

/**
 * The workspace packages under `root`: each folder that an entry of `packages` in its
 * pnpm-workspace.yaml names (a folder, or every folder of `folder/*`) and that holds a
 * package.json. The repo's own are read once and kept: they do not change while tests run.
 * @param {string} [root]
 * @returns {ReadonlyMap<string, string>} package name to folder, in the manifest's order
 */
export function workspacePackageDirs(root = repoRoot) {
  if (root !== repoRoot) return readWorkspacePackageDirs(root)
  repoPackages ??= readWorkspacePackageDirs(root)
  return repoPackages
}

/** @param {string} root @returns {Map<string, string>} */
function readWorkspacePackageDirs(root) {
  const manifest = parse(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8'))
  /** @type {string[]} */
  const patterns = manifest.packages ?? []
  const dirs = patterns.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [join(root, pattern)]
    const parent = join(root, pattern.slice(0, -2))
    return existsSync(parent) ? readdirSync(parent).map((entry) => join(parent, entry)) : []
  })
  return new Map(
    dirs
      .filter((dir) => existsSync(join(dir, 'package.json')))
      .map((dir) => [JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name, dir]),
  )
}

/**
 * The folder of the workspace package called `name`.
 * @param {string} name
 */
export function workspacePackageDir(name) {
  const dir = workspacePackageDirs().get(name)
  if (!dir) throw new Error(`devkit: no workspace package ${name} in ${repoRoot}`)
  return dir
}

/**
 * Starts a workspace package's script in its own process group, without needing pnpm on PATH.
 * @param {string} name package name, e.g. `@solapi/credentials-mock`
 * @param {string} script e.g. `start`
 * @param {import('./process.js').StartOptions} [options]
 */
export function startWorkspaceScript(name, script, options = {}) {
  const dir = workspacePackageDir(name)
  const command = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts?.[script]
  if (typeof command !== 'string') throw new Error(`devkit: ${name} has no "${script}" script`)
  const path = [join(dir, 'node_modules', '.bin'), join(repoRoot, 'node_modules', '.bin')]
  return startProcess('sh', ['-c', command], {
    label: `${name} ${script}`,
    ...options,
    cwd: dir,
    env: { ...options.env, PATH: [...path, process.env.PATH ?? ''].join(delimiter) },
  })
}
