import { hostileSuite } from './support/suite.ts'
import { docsPage } from './support/targets.ts'

hostileSuite(docsPage)
