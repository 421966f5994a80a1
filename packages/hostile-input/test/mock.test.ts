import { hostileSuite } from './support/suite.ts'
import { prismMock } from './support/targets.ts'

hostileSuite(prismMock)
