// @ts-check
// `pnpm generate` (turbo): writes generated/code-samples.json, every operation's curl, TypeScript
// and Python sample, from the spec and the three templates in samples/.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { codeSamplesPath, generateCodeSamples } from '../samples/code-samples.mjs'

const file = generateCodeSamples()
mkdirSync(dirname(codeSamplesPath), { recursive: true })
writeFileSync(codeSamplesPath, `${JSON.stringify(file, null, 2)}\n`)
const count = Object.values(file.operations).flat().length
console.log(`Wrote ${codeSamplesPath} (${count} samples)`)
