import { hostileSuite } from './support/suite.ts'
import { sandboxControlApi } from './support/targets.ts'

hostileSuite(sandboxControlApi)
