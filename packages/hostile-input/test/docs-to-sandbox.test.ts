import { hostileSuite } from './support/suite.ts'
import { docsToSandbox } from './support/targets.ts'

hostileSuite(docsToSandbox)
