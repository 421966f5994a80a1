// Every hostile shape, by class. Ids are unique and stable: tests and reports name shapes by them.
import type { Shape } from '../shape.ts'
import { encodingShapes } from './encodings.ts'
import { framingShapes } from './framing.ts'
import { sizeShapes } from './sizes.ts'
import { slowShapes } from './slow.ts'
import { targetShapes } from './targets.ts'

export { encodingShapes, framingShapes, sizeShapes, slowShapes, targetShapes }

export const allShapes: readonly Shape[] = [
  ...targetShapes,
  ...encodingShapes,
  ...sizeShapes,
  ...framingShapes,
  ...slowShapes,
]
