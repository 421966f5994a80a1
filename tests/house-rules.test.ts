// The house rules of CONTRIBUTING.md that a scan can check, over every file git knows (committed
// or new, not ignored). Each allow-list entry says why that file may do what the rule forbids;
// an entry that no longer matches anything fails too. The second half plants violations in
// synthetic files to show that each check can fail.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot, runProcess } from '@solapi/devkit'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  type Allowance,
  checkRule,
  gateFoldersOf,
  generatedMarkerRule,
  processRule,
  type SourceFile,
  schemaValidatorRule,
  specFilesRule,
  unguardedGeneratedFolders,
} from './support/house-rules.ts'

const SPEC_FILES_ALLOWED: Allowance[] = [
  {
    file: 'packages/devkit/src/servers.js',
    reason: 'hands the bundled YAML to Prism, which takes a file; it reads nothing of it itself',
  },
  {
    file: 'apps/mock/scripts/copy-spec.mjs',
    reason:
      'copies the bundled spec into the mock package, so that its published bin serves it without this repo',
  },
  {
    file: 'apps/mock/test/package/package.test.ts',
    reason: "checks that the mock's copy is byte for byte the spec package's files",
  },
  {
    file: 'apps/docs/redocly.yaml',
    reason: 'Redocly builds the docs page from the bundle, which it takes as a file',
  },
  {
    file: 'packages/client/package.json',
    reason: 'its generate script hands the bundle to openapi-typescript, which takes a file',
  },
  {
    file: 'scripts/sync-versions.mjs',
    reason: "the release's version step writes the new version into the spec source's info.version",
  },
]

const SCHEMA_VALIDATORS_ALLOWED: Allowance[] = [
  {
    file: 'packages/cli/test/support/cli.ts',
    reason:
      "validates the CLI's --json output against its own schema/output.schema.json, not the spec",
  },
]

const PROCESSES_ALLOWED: Allowance[] = [
  {
    file: 'packages/cli/test/packed/packed.test.ts',
    reason: 'one-shot commands that run to their end: attw --pack, du',
  },
  {
    file: 'packages/client/test/package/package.test.ts',
    reason: 'one-shot commands that run to their end: attw --pack, deno publish --dry-run',
  },
  {
    file: 'spec/test/breaking/gate.test.ts',
    reason: 'runs the breaking-change gate script once per case; it exits',
  },
  { file: 'spec/test/bundle.test.ts', reason: 'runs bundle.mjs --check once; it exits' },
  {
    file: 'spec/test/generated-validators.test.ts',
    reason: 'a node -e that imports the built package, prints what it loaded and exits',
  },
  { file: 'tests/import-boundaries.test.ts', reason: 'git ls-files, which exits' },
]

let files: SourceFile[]

beforeAll(async () => {
  const listed = await runProcess(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard'],
    { cwd: repoRoot },
  )
  expect(listed.code, listed.stderr).toBe(0)
  files = listed.stdout
    .split('\n')
    .filter(Boolean)
    .flatMap((path) => {
      try {
        return [{ path, text: readFileSync(join(repoRoot, path), 'utf8') }]
      } catch {
        return [] // listed by git but deleted in the work tree
      }
    })
  expect(files.map((f) => f.path)).toContain('tests/house-rules.test.ts')
})

describe('house rules', () => {
  it('no module outside spec/ reads the spec files by path', () => {
    expect(checkRule(specFilesRule, files, SPEC_FILES_ALLOWED)).toEqual({
      violations: [],
      unused: [],
    })
  })

  it('no module outside spec/ builds an Ajv (or another JSON Schema validator) over the spec', () => {
    expect(checkRule(schemaValidatorRule, files, SCHEMA_VALIDATORS_ALLOWED)).toEqual({
      violations: [],
      unused: [],
    })
  })

  it('tests start servers and processes only through @solapi/devkit', () => {
    expect(checkRule(processRule, files, PROCESSES_ALLOWED)).toEqual({
      violations: [],
      unused: [],
    })
  })

  it('every file under a generated/ folder starts with a do-not-edit marker', () => {
    const generated = files.filter((f) => generatedMarkerRule.applies(f.path))
    expect(generated.length).toBeGreaterThan(0)
    expect(checkRule(generatedMarkerRule, files)).toEqual({ violations: [], unused: [] })
  })

  it('every generated/ folder is one the regenerate-and-diff gate checks', () => {
    const gate = gateFoldersOf(readFileSync(join(repoRoot, 'scripts/check-generated.mjs'), 'utf8'))
    expect(gate).toContain('packages/cli/src/generated')
    expect(unguardedGeneratedFolders(files, gate)).toEqual([])
  })
})

describe('the house-rule checks themselves', () => {
  // Pieces joined at run time, so that this file does not itself hold what it plants.
  const q = (...parts: string[]) => parts.join('')
  const file = (path: string, ...lines: string[]): SourceFile => ({ path, text: lines.join('\n') })

  it('find a spec file read by path or by the spec package subpath, not in comments or spec/', () => {
    const byPath = q("const doc = readFileSync('../../spec/", "dist/openapi.json')")
    const bySubpath = q(
      'const yaml = require.resolve(`@solapi/credentials-',
      'spec/sandbox-control.json`)',
    )
    const byConfig = q('root: ../../spec/', 'openapi.yaml')
    const planted = [
      file(
        'apps/x/src/read.ts',
        q('// reads spec/', 'dist/openapi.json, in a comment only'),
        byPath,
        bySubpath,
        "import { credentialsContract } from '@solapi/credentials-spec'",
      ),
      file('apps/x/redocly.yaml', byConfig),
      file('spec/scripts/bundle.mjs', q("readFileSync('spec/", "openapi.yaml')")),
      file('apps/y/src/ok.ts', "const manifest = '@solapi/credentials-spec/package.json'"),
    ]
    expect(checkRule(specFilesRule, planted)).toEqual({
      violations: [
        { file: 'apps/x/src/read.ts', found: byPath },
        { file: 'apps/x/src/read.ts', found: bySubpath },
        { file: 'apps/x/redocly.yaml', found: byConfig },
      ],
      unused: [],
    })
  })

  it('find an Ajv or another validator imported outside spec/', () => {
    const planted = [
      file('apps/x/src/check.ts', q("import { Ajv2020 } from '", "ajv/dist/2020.js'")),
      file('apps/x/src/formats.js', q("const addFormats = require('", "ajv-formats')")),
      file('apps/x/src/lazy.ts', q("const { Validator } = await import('", "jsonschema')")),
      file('apps/x/src/words.ts', "const note = 'the spec module has the one ajv'"),
      file('spec/src/validator.ts', q("import Ajv from '", "ajv'")),
    ]
    expect(checkRule(schemaValidatorRule, planted).violations.map((v) => v.file)).toEqual([
      'apps/x/src/check.ts',
      'apps/x/src/formats.js',
      'apps/x/src/lazy.ts',
    ])
  })

  it('find a process spawned by a test file outside the devkit, and honour the allow-list', () => {
    const planted = [
      file('apps/x/test/server.test.ts', q("import { spawn } from 'node:child", "_process'")),
      file('apps/x/test/support/run.ts', q("import { execa } from 'exe", "ca'")),
      file('apps/x/src/smoke.bench.ts', q('const proc = Bun.', "spawn(['bun', 'x'])")),
      file('apps/x/src/server.ts', q("import { spawn } from 'node:child", "_process'")),
      file('packages/devkit/src/process.js', q("import { execa } from 'exe", "ca'")),
      file('apps/x/test/pack.test.ts', q("import { execFileSync } from 'node:child", "_process'")),
    ]
    const report = checkRule(processRule, planted, [
      { file: 'apps/x/test/pack.test.ts', reason: 'npm pack, one-shot' },
      { file: 'apps/x/test/gone.test.ts', reason: 'a file that no longer spawns anything' },
    ])
    expect(report.violations.map((v) => v.file)).toEqual([
      'apps/x/test/server.test.ts',
      'apps/x/test/support/run.ts',
      'apps/x/src/smoke.bench.ts',
    ])
    expect(report.unused).toEqual(['apps/x/test/gone.test.ts'])
  })

  it('find a generated file without the marker at its start, and a folder the gate misses', () => {
    const planted = [
      file('pkg/src/generated/ok.ts', '// Generated by pnpm generate. Do not edit.', 'export {}'),
      file('pkg/src/generated/vendor.ts', '/** Do not make direct changes to the file. */'),
      file('pkg/src/generated/bare.ts', 'export const a = 1'),
      file('pkg/src/generated/late.ts', `${'\n'.repeat(500)}// Do not edit.`),
      file('pkg/src/plain.ts', 'export const b = 2'),
      file('other/generated/data.json', '{"a": 1}'),
    ]
    expect(checkRule(generatedMarkerRule, planted).violations.map((v) => v.file)).toEqual([
      'pkg/src/generated/bare.ts',
      'pkg/src/generated/late.ts',
      'other/generated/data.json',
    ])
    const gate = gateFoldersOf("const GENERATED = [\n  'spec/dist',\n  'pkg/src/generated',\n]")
    expect(gate).toEqual(['spec/dist', 'pkg/src/generated'])
    expect(unguardedGeneratedFolders(planted, gate)).toEqual(['other/generated'])
  })
})
