import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readCodeSamples } from '../../samples/code-samples.mjs'
import { appDir } from './app.ts'

export const codeSamples = readCodeSamples()

/**
 * Writes every generated sample to its own file, as a reader would save it, in a new folder
 * under test-output/ (inside this app, so that a TypeScript sample's import of
 * @solapi/credentials-client resolves to the workspace package). The folder gets a tsconfig.json
 * for `tsc -p`.
 */
export function writeCodeSamples() {
  const root = join(appDir, 'test-output')
  mkdirSync(root, { recursive: true })
  const dir = mkdtempSync(join(root, 'samples-'))
  for (const [operationId, samples] of Object.entries(codeSamples.operations)) {
    for (const sample of samples) {
      writeFileSync(
        join(dir, `${operationId}.${sample.extension}`),
        `${sample.source.join('\n')}\n`,
      )
    }
  }
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: '../../tsconfig.json', include: ['*.ts'] }),
  )
  return {
    dir,
    file: (operationId: string, extension: string) => join(dir, `${operationId}.${extension}`),
  }
}
