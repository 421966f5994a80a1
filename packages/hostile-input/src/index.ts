// @solapi/hostile-input (private): one suite of hostile requests over raw TCP, run against any
// of the toolkit's servers through a small profile of that server.
export {
  eitherShape,
  isNodesOwnAnswer,
  type RefusalCheck,
  specErrorShape,
  textErrorShape,
} from './error-shapes.ts'
export type { Authentication, Secret, ServerProfile } from './profile.ts'
export { type Exchange, exchange, type Step } from './raw-exchange.ts'
export { header, type ParsedResponse, parseResponses } from './response-parser.ts'
export { PROBE_BOUND_MS, probe, runShape, type ShapeResult } from './run-shape.ts'
export type { Expectation, Shape, ShapeClass, ShapeContext } from './shape.ts'
export {
  allShapes,
  encodingShapes,
  framingShapes,
  sizeShapes,
  slowShapes,
  targetShapes,
} from './shapes/index.ts'
export { describe as describeResponse, echoed, judge, summarize } from './verdict.ts'
