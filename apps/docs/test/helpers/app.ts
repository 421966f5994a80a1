import { fileURLToPath } from 'node:url'

/** This app's folder. */
export const appDir = fileURLToPath(new URL('../..', import.meta.url))
