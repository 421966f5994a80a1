import { describeConsumerOn } from './support/consumer-matrix.js'

describeConsumerOn(22)
