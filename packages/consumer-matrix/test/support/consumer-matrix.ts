// What a consumer does with the published packages, on one Node major: the packed tarballs
// (and what the sandbox README says that Node needs beside them) installed with plain npm (that Node's npm run, its install scripts, its native build) in an
// empty folder, once, and every check run from that folder on that Node.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  freePort,
  type Installed,
  installedVersions,
  installPacked,
  type NodeRelease,
  nodeRelease,
  randomControlToken,
  randomCredential,
  runProcess,
  startProcess,
  stopAllProcesses,
  waitForPort,
} from '@solapi/devkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/** The published packages a consumer installs; the CLI has its own packed test. */
export const PACKAGES = [
  '@solapi/credentials-spec',
  '@solapi/credentials-client',
  '@solapi/credentials-sandbox',
  '@solapi/credentials-mock',
  '@solapi/credentials-conformance',
]

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url)

/**
 * The SQLite library the sandbox should pick on a Node: its own node:sqlite where that loads
 * without an ExperimentalWarning (24.15 and later on 24, 26); where it warns (22), better-sqlite3
 * when the consumer installed it, else node:sqlite.
 */
export function expectedSqlite(
  version: string,
  betterSqlite3: boolean,
): 'node:sqlite' | 'better-sqlite3' {
  const [major = 0, minor = 0] = version.split('.').map(Number)
  const silent = major === 24 ? minor >= 15 : major >= 26
  return silent || !betterSqlite3 ? 'node:sqlite' : 'better-sqlite3'
}

/** The lines of a process's stderr that Node's node:sqlite ExperimentalWarning and the sandbox's hint take. */
export function sqliteWarnings(stderr: string) {
  const lines = stderr.split('\n')
  return {
    node: lines.filter((line) =>
      /ExperimentalWarning: SQLite is an experimental feature/.test(line),
    ),
    sandbox: lines.filter((line) => line.includes('[SOLAPI_SANDBOX_SQLITE]')),
  }
}

/** The ```ts block of a README whose first line starts with `// <name>`, without that line. */
export function readmeBlock(readme: string, name: string): string {
  const found = [...readme.matchAll(/```ts\n(\/\/ [^\n]*)\n([\s\S]*?)```/g)].find(([, first]) =>
    first?.startsWith(`// ${name}`),
  )
  if (!found?.[2]) throw new Error(`no \`// ${name}\` block in the README`)
  return found[2]
}

/** The JSON object a fixture printed as its last stdout line. */
function lastJson(stdout: string): Record<string, unknown> {
  const line = stdout.trim().split('\n').at(-1) ?? ''
  return JSON.parse(line)
}

/** The sandbox bin of an install, on a Node, on a free port; resolves once it says where. */
async function startSandboxBin(installed: Installed, release: NodeRelease) {
  const credential = randomCredential()
  const bin = startProcess(release.node, [installed.bin('solapi-credentials-sandbox')], {
    label: `sandbox bin (Node ${release.version})`,
    cwd: installed.dir,
    env: {
      ...release.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE: ':memory:',
      NO_COLOR: '1',
      LOG_LEVEL: 'silent',
      SANDBOX_API_KEY: credential.apiKey,
      SANDBOX_API_SECRET: credential.apiSecret,
      SANDBOX_CONTROL_TOKEN: randomControlToken(),
    },
  })
  const [line, url = ''] = await bin.waitForOutput(/Sandbox listening on (http:\/\/\S+)[^\n]*/, {
    timeoutMs: 60_000,
  })
  return { ...credential, url, line, process: bin }
}

/**
 * The consumer checks on one Node major, as one describe. `add` names what the consumer adds to
 * the same npm install, as the sandbox README tells a user of that Node (better-sqlite3 on 22).
 * `extra` adds checks that need the install of this Node (e.g. running it on another Node).
 */
export function describeConsumerOn(
  major: number,
  options: {
    add?: string[]
    extra?: (context: () => { installed: Installed; release: NodeRelease }) => void
  } = {},
) {
  const { add = [], extra } = options
  const betterSqlite3 = add.includes('better-sqlite3')
  describe(`Node ${major}: the packed packages installed with plain npm`, () => {
    let release: NodeRelease
    let installed: Installed
    let sandbox: Awaited<ReturnType<typeof startSandboxBin>>

    beforeAll(async () => {
      release = await nodeRelease(major)
      installed = await installPacked(PACKAGES, { env: release.env, add: ['vitest', ...add] })
      for (const file of ['client-esm.mjs', 'client-cjs.cjs', 'start-sandbox.mjs'])
        copyFileSync(fixture(file), join(installed.dir, file))
      sandbox = await startSandboxBin(installed, release)
    })
    afterAll(async () => {
      await stopAllProcesses()
      installed?.remove()
    })

    /** Runs a command of the install on this Node (its bin folder first on PATH). */
    const run = (command: string, args: string[], env: Record<string, string> = {}) =>
      runProcess(command, args, {
        cwd: installed.dir,
        env: { ...release.env, ...env },
        timeoutMs: 170_000,
      })
    const signedBy = (target: { url: string; apiKey: string; apiSecret: string }) => ({
      BASE_URL: target.url,
      API_KEY: target.apiKey,
      API_SECRET: target.apiSecret,
    })

    it(`runs on Node ${major}`, async () => {
      const { stdout } = await run(release.node, ['--version'])
      expect(stdout.trim()).toBe(`v${release.version}`)
      expect(release.major).toBe(major)
    })

    it(`installs better-sqlite3 only when the consumer names it (${betterSqlite3 ? 'named' : 'not named'})`, () => {
      // An optional peer: npm neither downloads nor compiles it unless asked to.
      expect(existsSync(join(installed.dir, 'node_modules/better-sqlite3'))).toBe(betterSqlite3)
    })

    it('the sandbox bin starts, names the SQLite it chose, prints no warning and answers a signed call', async () => {
      expect(sandbox.line).toMatch(
        new RegExp(`\\(node, ${expectedSqlite(release.version, betterSqlite3)}, :memory:\\)$`),
      )
      const esm = await run(release.node, ['client-esm.mjs'], signedBy(sandbox))
      expect(esm.stderr).toBe('')
      expect(lastJson(esm.stdout)).toEqual({ node: `v${release.version}`, keys: [sandbox.apiKey] })
      expect(sandbox.process.stderr()).not.toMatch(/Warning/)
    })

    it('the client, imported as an ES module, makes a signed call', async () => {
      const result = await run(release.node, ['client-esm.mjs'], signedBy(sandbox))
      expect(result.code, result.stderr).toBe(0)
      expect(lastJson(result.stdout).keys).toEqual([sandbox.apiKey])
    })

    it('the client, required from CommonJS, makes a signed call', async () => {
      const result = await run(release.node, ['client-cjs.cjs'], signedBy(sandbox))
      expect(result.code, result.stderr).toBe(0)
      expect(result.stderr).toBe('')
      expect(lastJson(result.stdout)).toEqual({
        node: `v${release.version}`,
        keys: [sandbox.apiKey],
      })
    })

    it('startSandbox() from code starts a sandbox that answers a signed call, twice', async () => {
      const result = await run(release.node, ['start-sandbox.mjs'], { SANDBOXES: '2' })
      expect(result.code, result.stderr).toBe(0)
      expect(result.stderr).not.toMatch(/Warning/)
      expect(lastJson(result.stdout)).toEqual({
        node: `v${release.version}`,
        results: [true, true],
      })
    })

    it("installs the mock's pinned Prism parts, not the ones npm would pick for this Node, and no @scarf/scarf", () => {
      // npm picks, for a caret range, the newest version whose engines fit the running Node: the
      // mock pins each part (its own packed test holds the pins to the Prism tested here).
      const manifest = JSON.parse(
        readFileSync(
          join(installed.dir, 'node_modules/@solapi/credentials-mock/package.json'),
          'utf8',
        ),
      )
      const parts = Object.keys(manifest.dependencies).filter((name) =>
        name.startsWith('@stoplight/prism-'),
      )
      expect(parts.length).toBeGreaterThanOrEqual(4)
      for (const part of parts) {
        expect(installedVersions(installed.dir, part), part).toEqual([manifest.dependencies[part]])
      }
      expect(installedVersions(installed.dir, '@scarf/scarf')).toEqual([])
    })

    it('the mock bin starts and answers a signed call with the documented example', async () => {
      const port = await freePort()
      const mock = startProcess(release.node, [installed.bin('solapi-credentials-mock')], {
        label: `mock bin (Node ${release.version})`,
        cwd: installed.dir,
        env: { ...release.env, PORT: String(port), HOST: '127.0.0.1' },
      })
      try {
        await mock.waitForOutput(/listening on http:\/\/127\.0\.0\.1:\d+/, { timeoutMs: 90_000 })
        await waitForPort(port, '127.0.0.1', { process: mock })
        const credential = randomCredential()
        const result = await run(
          release.node,
          ['client-esm.mjs'],
          signedBy({ url: `http://127.0.0.1:${port}`, ...credential }),
        )
        expect(result.code, result.stderr).toBe(0)
        expect(lastJson(result.stdout).keys).toEqual(expect.arrayContaining([expect.any(String)]))
      } finally {
        await mock.stop()
      }
    })

    it('the conformance kit passes every check against the sandbox bin', async () => {
      const result = await run(installed.bin('solapi-credentials-conformance'), [
        '--url',
        sandbox.url,
        '--api-key',
        sandbox.apiKey,
        '--api-secret',
        sandbox.apiSecret,
        '--examples',
        '20',
      ])
      const sandboxSaid = `sandbox stderr:\n${sandbox.process.stderr()}`
      expect(result.code, `${result.stdout}\n${result.stderr}\n${sandboxSaid}`).toBe(0)
      expect(result.stdout).toMatch(/^(\d+) checks: \1 passed, 0 failed, 0 skipped · /m)
      expect(`${result.stdout}${result.stderr}`).not.toContain(sandbox.apiSecret)
    })

    it("the sandbox README's vitest example passes with the newest vitest npm picks for this Node", async () => {
      const readme = readFileSync(
        join(installed.dir, 'node_modules/@solapi/credentials-sandbox/README.md'),
        'utf8',
      )
      const example = join(installed.dir, 'example')
      await run('mkdir', ['-p', example])
      writeFileSync(join(example, 'global-setup.ts'), readmeBlock(readme, 'global-setup.ts'))
      writeFileSync(
        join(example, 'credentials.test.ts'),
        readmeBlock(readme, 'credentials.test.ts'),
      )
      // What the README's first line says the config holds.
      writeFileSync(
        join(example, 'vitest.config.ts'),
        "export default { test: { globalSetup: ['./global-setup.ts'] } }\n",
      )
      const vitest = JSON.parse(
        readFileSync(join(installed.dir, 'node_modules/vitest/package.json'), 'utf8'),
      )
      const result = await runProcess(
        release.node,
        [join(installed.dir, 'node_modules/vitest/vitest.mjs'), 'run'],
        { cwd: example, env: { ...release.env, NO_COLOR: '1', CI: '1' }, timeoutMs: 170_000 },
      )
      expect(result.code, `vitest ${vitest.version}:\n${result.stdout}\n${result.stderr}`).toBe(0)
      expect(result.stdout).toMatch(/Tests\s+2 passed \(2\)/)
    })

    extra?.(() => ({ installed, release }))
  })
}
