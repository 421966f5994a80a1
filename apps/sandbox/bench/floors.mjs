// @ts-check
// The floors the project holds the sandbox to (issue 18), gathered from the bench's parts and
// printed as one block at the end: each figure beside its baseline measured in the same run,
// the ratio of the two, the goal, and whether it is met. A bench prints them; it never fails on
// one.

/**
 * @typedef {object} Floor
 * @property {string} name what is measured
 * @property {number} value the measured figure
 * @property {string} unit 'ms' or 'ops/s' (and the like)
 * @property {string} baseline what the baseline is
 * @property {number} baselineValue the baseline's figure, in the same unit, in the same run
 * @property {string} goal the goal, as a sentence fragment (e.g. '<= 250 ms')
 * @property {boolean} met whether the figure meets the goal
 * @property {number} [ratio] measured / baseline when it is not value / baselineValue (the
 *   median of paired rounds' ratios, which drift between rounds moves less)
 */

const figure = (/** @type {number} */ n, /** @type {string} */ unit) =>
  `${n.toLocaleString('en-US', { maximumFractionDigits: n < 10 ? 2 : 0 })} ${unit}`

/** Prints the floors as one block. @param {Floor[]} floors */
export function printFloors(floors) {
  if (floors.length === 0) return
  console.log('\nFloors (measured; baseline in this run; ratio measured / baseline; goal):')
  for (const floor of floors) {
    console.log(`  ${floor.name}`)
    console.log(
      `    ${figure(floor.value, floor.unit).padEnd(12)} baseline ${figure(floor.baselineValue, floor.unit)} (${floor.baseline})   ratio ${(floor.ratio ?? floor.value / floor.baselineValue).toFixed(2)}   goal ${floor.goal}   ${floor.met ? 'met' : 'NOT met'}`,
    )
  }
  const missed = floors.filter((floor) => !floor.met).length
  console.log(
    missed === 0 ? '  All floors met.' : `  ${missed} of ${floors.length} floors NOT met.`,
  )
}
