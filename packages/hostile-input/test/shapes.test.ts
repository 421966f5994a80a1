import { describe, expect, it } from 'vitest'
import { allShapes, type ShapeClass } from '../src/index.ts'

describe('the shapes', () => {
  it('have unique, stable ids of the form class.name', () => {
    const ids = allShapes.map((shape) => shape.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^[a-z]+\.[a-z0-9][a-z0-9.-]*$/)
  })

  it('are at least 150, in every class', () => {
    expect(allShapes.length).toBeGreaterThanOrEqual(150)
    const classes: ShapeClass[] = ['target', 'encoding', 'size', 'framing', 'slow']
    for (const kind of classes) {
      expect(allShapes.filter((shape) => shape.class === kind).length, kind).toBeGreaterThan(0)
    }
  })
})
