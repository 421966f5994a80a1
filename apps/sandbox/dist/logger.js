/**
 * One JSON object per line on stdout. Callers pass only what is safe to keep: never a body, a
 * secret, a signature or an Authorization header.
 */
export function createLogger(level, write = (line) => console.log(line)) {
    const emit = (severity, event, fields) => write(JSON.stringify({ time: new Date().toISOString(), level: severity, event, ...fields }));
    return {
        info: level === 'info' ? (event, fields) => emit('info', event, fields) : () => { },
        error: level === 'silent' ? () => { } : (event, fields) => emit('error', event, fields),
    };
}
export function parseLogLevel(value) {
    if (value === undefined || value === '')
        return 'info';
    if (value === 'silent' || value === 'error' || value === 'info')
        return value;
    throw new Error(`LOG_LEVEL must be info, error or silent; got ${value}.`);
}
