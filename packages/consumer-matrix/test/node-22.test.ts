import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { nodeRelease, runProcess } from '@solapi/devkit'
import { expect, it } from 'vitest'
import { describeConsumerOn, sqliteWarnings } from './support/consumer-matrix.js'

// Node 22's node:sqlite warns, so its users add better-sqlite3, as the sandbox README says: `npm
// i -D better-sqlite3` (npm picks the newest line that runs on 22). Without it see node-24.test.ts.
describeConsumerOn(22, {
  add: ['better-sqlite3'],
  // better-sqlite3 13 (what npm picks on 22) is built on Node's stable ABI, so it loads on any
  // later Node. 12, the line a Node 20 user has, is built for one Node: this workspace's own 12,
  // built by the Node that installed the workspace, put in place of 13 here and run on Node 23,
  // whose node:sqlite warns too (so better-sqlite3 comes first there), is a node_modules built
  // for another Node. Last: it replaces 13.
  extra: (context) => {
    it('run on Node 23, its better-sqlite3 13 (built on the stable ABI) loads and is used: no warning', async () => {
      const { installed } = context()
      const node23 = await nodeRelease(23)
      const result = await runProcess(node23.node, ['start-sandbox.mjs'], {
        cwd: installed.dir,
        env: node23.env,
        timeoutMs: 120_000,
      })
      expect(result.code, result.stderr).toBe(0)
      // node:sqlite was never loaded: Node 23 would have warned.
      expect(result.stderr).toBe('')
    })

    it('run on Node 23, a better-sqlite3 12 built for another Node falls back to node:sqlite, said once', async () => {
      const { installed, release } = context()
      // npm puts the same 12 in place without building it (that would take a minute of CPU on
      // two cores); the build it gets is the workspace's, made for the workspace's Node.
      const built = dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'))
      const { version } = JSON.parse(readFileSync(join(built, 'package.json'), 'utf8'))
      expect(version).toMatch(/^12\./)
      const downgrade = await runProcess(
        'npm',
        [
          'install',
          '--no-audit',
          '--no-fund',
          '--loglevel=error',
          '--prefer-offline',
          '--ignore-scripts',
          `better-sqlite3@${version}`,
        ],
        { cwd: installed.dir, env: release.env, timeoutMs: 170_000 },
      )
      expect(downgrade.code, downgrade.stderr).toBe(0)
      const binary = 'build/Release/better_sqlite3.node'
      const target = join(installed.dir, 'node_modules/better-sqlite3', binary)
      mkdirSync(dirname(target), { recursive: true })
      copyFileSync(join(built, binary), target)
      const node23 = await nodeRelease(23)
      const result = await runProcess(node23.node, ['start-sandbox.mjs'], {
        cwd: installed.dir,
        env: { ...node23.env, SANDBOXES: '2' },
        timeoutMs: 120_000,
      })
      expect(result.code, result.stderr).toBe(0)
      expect(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '')).toEqual({
        node: `v${node23.version}`,
        results: [true, true],
      })
      const notices = result.stderr
        .split('\n')
        .filter((line) => line.includes('NODE_MODULE_VERSION'))
      expect(notices).toEqual([
        expect.stringMatching(
          /^sandbox: better-sqlite3 was built for another Node\.js version .*using node:sqlite instead/,
        ),
      ])
      // It is installed: the fix is the rebuild named above, not the install hint.
      expect(sqliteWarnings(result.stderr).sandbox).toEqual([])
    })
  },
})
