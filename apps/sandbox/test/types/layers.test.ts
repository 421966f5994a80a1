// The source is layered, each layer importing only from those below it: which runtime this is,
// crypto, the domain (credentials, authentication, clock, faults, journal, and the storage port it
// needs), the stores, the two HTTP APIs, the listeners, and the entry points on top.
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { layerViolations, readImportGraph, srcFolder } from './import-graph.js'

const LAYERS = [
  ['runtime'],
  ['crypto'],
  ['domain'],
  ['storage'],
  ['http'],
  ['listeners'],
  ['.'],
] as const

describe('the layers of src', () => {
  const graph = readImportGraph(srcFolder(fileURLToPath(import.meta.url)))

  it('reads the imports of every source file', () => {
    expect(graph.get('domain/bootstrap.ts')).toContain('domain/credentials-service.ts')
    expect(graph.get('listeners/listener.ts')).toContain('listeners/node-listener.ts')
    expect(graph.size).toBeGreaterThan(50)
  })

  it('has no import that runs up a layer, no two folders importing each other, no cycle', () => {
    expect(layerViolations(graph, LAYERS)).toEqual({ upward: [], mutual: [], cycles: [] })
  })
})

describe('the layer check itself', () => {
  const layers = [['low'], ['high'], ['.']]

  it('finds an upward import, two folders importing each other and a cycle', () => {
    const synthetic = new Map([
      ['entry.ts', ['high/api.ts']],
      ['high/api.ts', ['low/a.ts', 'high/helper.ts']],
      ['high/helper.ts', ['high/api.ts']],
      ['low/a.ts', ['low/b.ts', 'high/helper.ts']],
      ['low/b.ts', []],
      ['low/deep/c.ts', ['low/b.ts']],
      ['low/uses-deep.ts', ['low/deep/c.ts']],
    ])
    expect(layerViolations(synthetic, layers)).toEqual({
      upward: ['low/a.ts -> high/helper.ts'],
      // A folder and its subfolder count as two: low/deep imports low, and low imports it back.
      mutual: ['high <-> low', 'low <-> low/deep'],
      cycles: ['high/api.ts -> low/a.ts -> high/helper.ts -> high/api.ts'],
    })
  })

  it('passes a graph that only points down', () => {
    const synthetic = new Map([
      ['entry.ts', ['high/api.ts', 'low/a.ts']],
      ['high/api.ts', ['low/a.ts']],
      ['low/a.ts', []],
    ])
    expect(layerViolations(synthetic, layers)).toEqual({ upward: [], mutual: [], cycles: [] })
  })

  it('refuses a folder in no declared layer', () => {
    expect(() => layerViolations(new Map([['stray/x.ts', []]]), layers)).toThrow(
      'The folder stray is in no declared layer.',
    )
  })
})
