// The GitHub workflows cannot run here; these checks keep them equivalent to .ci/run and to
// the versions the repo pins, and keep every action pinned by commit SHA.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot as REPO_ROOT, runProcess } from '@solapi/devkit'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const workflowsDir = join(REPO_ROOT, '.github', 'workflows')
const read = (file: string) => readFileSync(join(workflowsDir, file), 'utf8')
// biome-ignore lint/suspicious/noExplicitAny: workflow files are walked as plain YAML
const workflow = (file: string): any => parse(read(file))
const rootPackage = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'))
// A GitHub expression, not a JavaScript template.
const MATRIX_NODE = ['$', '{{ matrix.node }}'].join('')
const ciRun = readFileSync(join(REPO_ROOT, '.ci', 'run'), 'utf8')

// The Node majors CI and the consumer matrix test on.
const TESTED_NODES = ['22', '24', '26']

// biome-ignore lint/suspicious/noExplicitAny: steps are plain YAML
const steps = (job: any): any[] => job.steps ?? []

describe('.github/workflows', () => {
  const files = readdirSync(workflowsDir).filter((f) => f.endsWith('.yml'))

  it('has CI, docs and release workflows', () => {
    expect(files.sort()).toEqual(['ci.yml', 'docs.yml', 'release.yml'])
  })

  it.each(files)(
    '%s pins every action by full commit SHA with its version in a comment',
    (file) => {
      const uses = read(file)
        .split('\n')
        .filter((line) => /^\s*-?\s*uses:/.test(line))
      expect(uses.length).toBeGreaterThan(0)
      for (const line of uses) {
        expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/)
      }
    },
  )

  it('CI runs .ci/run on Node 22, 24 and 26, the Nodes the README says are tested', () => {
    const test = workflow('ci.yml').jobs.test
    expect(test.strategy.matrix.node).toEqual(TESTED_NODES)
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')
    expect(readme).toContain('tested on\nNode 22, 24 and 26')
    expect(
      steps(test)
        .map((s) => s.run)
        .filter(Boolean),
    ).toEqual(['bash .ci/run'])
    expect(
      steps(test).find((s) => String(s.uses).startsWith('actions/setup-node@'))?.with[
        'node-version'
      ],
    ).toBe(MATRIX_NODE)
  })

  it('.ci/run and the workflows use the pnpm the repo declares', () => {
    const pnpm = rootPackage.packageManager as string
    expect(ciRun).toContain(`npx --yes ${pnpm} install --frozen-lockfile && npx --yes ${pnpm} test`)
    for (const file of files) {
      for (const match of read(file).matchAll(/pnpm@(\d+\.\d+\.\d+)/g))
        expect(`pnpm@${match[1]}`).toBe(pnpm)
    }
  })

  it('the Bun and Deno jobs use the versions the repo pins for its own runtime tests', () => {
    const { jobs } = workflow('ci.yml')
    const pinned = (alias: string) => String(rootPackage.devDependencies[alias]).split('@').pop()
    const setup = (job: string, action: string) =>
      steps(jobs[job]).find((s) => String(s.uses).startsWith(action))?.with
    expect(setup('bun', 'oven-sh/setup-bun@')['bun-version']).toBe(pinned('bun-bin'))
    expect(setup('deno', 'denoland/setup-deno@')['deno-version']).toBe(pinned('deno-bin'))
  })

  it('runs only built files that the build makes (no stale entry point)', () => {
    const ci = read('ci.yml')
    const runs = [...ci.matchAll(/cd (apps\/[\w-]+) && [^\n]*?(dist\/[\w/.-]+\.js)/g)]
    expect(runs.length).toBeGreaterThanOrEqual(2)
    for (const [, dir, file] of runs) {
      expect(existsSync(join(REPO_ROOT, String(dir), String(file))), `${dir}/${file}`).toBe(true)
    }
  })

  it('release publishes every public workspace package, and the client to JSR too', () => {
    const publicPackages = [
      'spec',
      ...['packages', 'apps'].flatMap((dir) =>
        readdirSync(join(REPO_ROOT, dir)).map((name) => `${dir}/${name}`),
      ),
    ]
      .map((dir) => {
        try {
          return JSON.parse(readFileSync(join(REPO_ROOT, dir, 'package.json'), 'utf8'))
        } catch {
          return undefined
        }
      })
      .filter((manifest) => manifest && !manifest.private)
      .map((manifest) => manifest.name)
      .sort()
    expect(publicPackages).toEqual([
      '@solapi/credentials-cli',
      '@solapi/credentials-client',
      '@solapi/credentials-conformance',
      '@solapi/credentials-mock',
      '@solapi/credentials-sandbox',
      '@solapi/credentials-spec',
    ])
    // Changesets releases every public package: none of them is on its ignore list.
    const changesetConfig = JSON.parse(
      readFileSync(join(REPO_ROOT, '.changeset', 'config.json'), 'utf8'),
    )
    expect(changesetConfig.ignore.filter((name: string) => publicPackages.includes(name))).toEqual(
      [],
    )
    const release = workflow('release.yml').jobs.release
    expect(release.permissions['id-token']).toBe('write')
    const changesets = steps(release).find((s) => String(s.uses).startsWith('changesets/action@'))
    expect(changesets.env.NPM_CONFIG_PROVENANCE).toBe('true')
    const jsr = steps(release).find((s) => String(s.run).includes('jsr'))
    expect(jsr['working-directory']).toBe('packages/client')
    // Tests gate the publish.
    const runs = steps(release).map((s) => s.run)
    expect(runs.indexOf('pnpm test')).toBeGreaterThan(-1)
    expect(runs.indexOf('pnpm test')).toBeLessThan(steps(release).indexOf(changesets))
  })

  it('docs deploy the built docs folder to GitHub Pages from main', () => {
    const docs = workflow('docs.yml')
    expect(docs.on.push.branches).toEqual(['main'])
    const upload = steps(docs.jobs.build).find((s) =>
      String(s.uses).startsWith('actions/upload-pages-artifact@'),
    )
    expect(upload.with.path).toBe('apps/docs/dist')
    expect(docs.jobs.deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' })
  })

  it('docs check the very folder they upload on a static host before deploying it', () => {
    const docs = workflow('docs.yml')
    const build = steps(docs.jobs.build)
    const runs = build.map((s) => String(s.run ?? ''))
    const built = runs.findIndex((run) =>
      /^pnpm turbo run build .*--filter=@solapi\/credentials-docs(\s|$)/.test(run),
    )
    const checked = runs.indexOf(
      'pnpm --filter @solapi/credentials-docs exec vitest run test/browser/static-host.test.ts',
    )
    const uploaded = build.findIndex((s) =>
      String(s.uses).startsWith('actions/upload-pages-artifact@'),
    )
    expect(built).toBeGreaterThan(-1)
    // The check needs the sandbox it calls.
    expect(runs[built]).toContain('--filter=@solapi/credentials-sandbox')
    expect(checked).toBeGreaterThan(built)
    expect(uploaded).toBeGreaterThan(checked)
    // Nothing rebuilds or changes dist/ between the check and the upload.
    expect(runs.slice(checked + 1, uploaded).filter(Boolean)).toEqual([])
    expect(docs.env.CHROMIUM_PATH).toBe(workflow('ci.yml').env.CHROMIUM_PATH)
    expect(docs.on.push.paths).toEqual(
      expect.arrayContaining([
        'spec/**',
        'apps/docs/**',
        'packages/client/**',
        'pnpm-workspace.yaml',
      ]),
    )
  })

  it('every package.json states the supported Nodes as the README does', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')
    const range = '^20.19 || >=22'
    expect(readme).toContain(`support \`${range}\``)
    const manifests = ['package.json', ...workspaceManifests()]
    const published = manifests
      .map((file) => ({ file, manifest: JSON.parse(readFileSync(join(REPO_ROOT, file), 'utf8')) }))
      .filter(({ file, manifest }) => file === 'package.json' || !manifest.private)
    expect(published.length).toBeGreaterThanOrEqual(7)
    for (const { file, manifest } of published) expect(manifest.engines?.node, file).toBe(range)
  })
})

describe('turbo.json', () => {
  const turbo = JSON.parse(readFileSync(join(REPO_ROOT, 'turbo.json'), 'utf8'))

  it.each([
    'NODE_EXTRA_CA_CERTS',
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'NO_PROXY',
    'http_proxy',
    'https_proxy',
    'no_proxy',
    'npm_config_registry',
    'npm_config_cafile',
    'npm_config_nodedir',
  ])('passes %s through to every task (strict env mode drops it otherwise)', (name) => {
    expect(turbo.globalPassThroughEnv).toContain(name)
  })
})

describe('pnpm test', () => {
  it('runs the tasks side by side through turbo-timed, which prints the slowest tasks', () => {
    expect(rootPackage.scripts.test).toMatch(
      /node scripts\/turbo-timed\.mjs run lint typecheck test --concurrency=[23] /,
    )
  })

  it("turbo-timed's table ranks a run summary's tasks by time, marking cached and failed ones", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'turbo-summary-'))
    const file = join(dir, 'run.json')
    const task = (taskId: string, ms: number, status = 'MISS', exitCode = 0) => ({
      taskId,
      cache: { status },
      execution: { startTime: 1_000, endTime: 1_000 + ms, exitCode },
    })
    writeFileSync(
      file,
      JSON.stringify({
        execution: { startTime: 0, endTime: 90_000 },
        tasks: [
          task('a#build', 2_000, 'HIT'),
          task('b#test', 75_500),
          task('c#typecheck', 9_000, 'MISS', 1),
          { taskId: 'd#lint', cache: { status: 'MISS' }, execution: null },
        ],
      }),
    )
    try {
      const result = await runProcess(
        process.execPath,
        [join(REPO_ROOT, 'scripts/turbo-timed.mjs'), '--report', file],
        { cwd: dir },
      )
      expect(result.code, result.stderr).toBe(0)
      expect(result.stdout.trim().split('\n').slice(0, 4)).toEqual([
        'Slowest tasks (3 run, 90.0 s wall, 86.5 s of tasks):',
        '  b#test         75.5 s',
        '  c#typecheck     9.0 s  exit 1',
        '  a#build         2.0 s  cached',
      ])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

/** The package.json of every workspace package, relative to the repo root. */
function workspaceManifests(): string[] {
  return [
    'spec',
    ...['packages', 'apps'].flatMap((dir) =>
      readdirSync(join(REPO_ROOT, dir)).map((name) => `${dir}/${name}`),
    ),
  ]
    .map((dir) => `${dir}/package.json`)
    .filter((file) => existsSync(join(REPO_ROOT, file)))
}
