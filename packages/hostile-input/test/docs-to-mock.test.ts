import { hostileSuite } from './support/suite.ts'
import { docsToMock } from './support/targets.ts'

hostileSuite(docsToMock)
