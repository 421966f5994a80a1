// The gate runs real `redocly diff` on files: these helpers write copies of the bundled spec,
// each with one edit, to a temporary folder that is removed after the test file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { type GateResult, runGate } from '../../scripts/breaking/gate.mjs'
import { type DiffReport, redoclyDiff } from '../../scripts/breaking/redocly-diff.mjs'
import { credentialsContract, type OpenApiDocument, type SchemaObject } from '../../src/index.js'

export const spec: OpenApiDocument = credentialsContract.document

export const schemas = (doc: OpenApiDocument) =>
  doc.components?.schemas as Record<string, SchemaObject>
export const op = (doc: OpenApiDocument, id: string) =>
  doc.paths[`/credentials/${id}`]?.post as SchemaObject

/** A deep copy of the real bundled spec with one edit applied (and `version`, if given). */
export function edited(edit: (doc: OpenApiDocument) => void, version?: string): OpenApiDocument {
  const copy = structuredClone(spec)
  edit(copy)
  if (version !== undefined) copy.info.version = version
  return copy
}

export function withVersion(doc: OpenApiDocument, version: string): OpenApiDocument {
  return { ...doc, info: { ...doc.info, version } }
}

/** A folder for this test file's copies, removed when the file's tests are done. */
export function copiesFolder(): { write(doc: OpenApiDocument): string } {
  const dir = mkdtempSync(join(tmpdir(), 'check-breaking-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  let count = 0
  return {
    write(doc) {
      const file = join(dir, `${++count}.json`)
      writeFileSync(file, JSON.stringify(doc))
      return file
    },
  }
}

/** Runs the gate (real `redocly diff`) on two documents written to `folder`. */
export function gateOn(
  folder: ReturnType<typeof copiesFolder>,
  base: OpenApiDocument,
  head: OpenApiDocument,
): Promise<GateResult> {
  return runGate(folder.write(base), folder.write(head))
}

/** Runs `redocly diff` on two documents written to `folder`: its report, before the gate. */
export function diffOn(
  folder: ReturnType<typeof copiesFolder>,
  base: OpenApiDocument,
  head: OpenApiDocument,
): Promise<DiffReport> {
  return redoclyDiff(folder.write(base), folder.write(head))
}
