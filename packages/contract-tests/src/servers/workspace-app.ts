// Starts a workspace package's script (e.g. the sandbox's `start`) the way `pnpm run` would,
// without needing pnpm on PATH: through `sh -c` in the package folder, with the package's and
// the repository's node_modules/.bin on PATH.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type ServerProcess, spawnServer } from './process-group.js'

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url))

/** The folder of the workspace package called `name` (searched in apps/ and packages/). */
export function workspacePackageDir(name: string): string {
  for (const parent of ['apps', 'packages']) {
    const base = join(REPO_ROOT, parent)
    if (!existsSync(base)) continue
    for (const entry of readdirSync(base)) {
      const manifest = join(base, entry, 'package.json')
      if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === name) {
        return join(base, entry)
      }
    }
  }
  throw new Error(`Workspace package ${name} not found under apps/ or packages/ of ${REPO_ROOT}`)
}

export function startWorkspaceScript(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
): ServerProcess {
  const dir = workspacePackageDir(name)
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  const command = manifest.scripts?.[script]
  if (typeof command !== 'string') throw new Error(`${name} has no "${script}" script`)
  const path = [
    join(dir, 'node_modules', '.bin'),
    join(REPO_ROOT, 'node_modules', '.bin'),
    process.env.PATH,
  ]
    .filter(Boolean)
    .join(delimiter)
  return spawnServer('sh', ['-c', command], {
    cwd: dir,
    env: { ...process.env, ...env, PATH: path },
  })
}
