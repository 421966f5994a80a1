import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
/**
 * The 32-byte AES key that seals secrets at rest: SANDBOX_MASTER_KEY (64 hex digits or base64),
 * else `<database>.key` beside the database, created once with mode 0600. An in-memory database
 * gets a throw-away key.
 */
export function loadMasterKey(database, fromEnv) {
    if (fromEnv !== undefined)
        return { key: decodeKey(fromEnv, 'SANDBOX_MASTER_KEY'), source: 'env' };
    if (database === ':memory:')
        return { key: new Uint8Array(randomBytes(32)), source: 'ephemeral' };
    const file = `${database}.key`;
    if (existsSync(file)) {
        if ((statSync(file).mode & 0o077) !== 0)
            chmodSync(file, 0o600);
        return { key: decodeKey(readFileSync(file, 'utf8').trim(), file), source: 'key-file', file };
    }
    const key = new Uint8Array(randomBytes(32));
    writeFileSync(file, `${Buffer.from(key).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    return { key, source: 'key-file-created', file };
}
function decodeKey(text, origin) {
    const value = text.trim();
    const bytes = /^[0-9a-fA-F]{64}$/.test(value)
        ? Buffer.from(value, 'hex')
        : /^[A-Za-z0-9+/_-]{43}=?$/.test(value)
            ? Buffer.from(value, 'base64')
            : undefined;
    if (!bytes || bytes.length !== 32) {
        throw new Error(`${origin} must hold a 32-byte key as 64 hex digits or base64.`);
    }
    return new Uint8Array(bytes);
}
