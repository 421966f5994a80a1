#!/usr/bin/env node
// Regenerate-and-diff gate: the test command has just run every `generate` task, so any
// difference between the work tree and git in a generated folder means the committed copy
// was stale. The fix is always the same command.
import { execFileSync } from 'node:child_process'

const GENERATED = [
  'spec/dist',
  'spec/src/generated',
  'packages/client/src/generated',
  'packages/cli/src/generated',
  'apps/docs/generated',
]

const changed = execFileSync('git', ['status', '--porcelain', '--', ...GENERATED], {
  encoding: 'utf8',
}).trim()

if (changed) {
  console.error(`Generated files differ from what is committed:\n${changed}`)
  console.error('Fix: pnpm generate, then commit the result.')
  process.exit(1)
}
console.log(`Generated files are fresh (${GENERATED.join(', ')}).`)
