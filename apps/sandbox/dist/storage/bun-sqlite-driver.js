import { Database } from 'bun:sqlite';
/** Bun: the built-in bun:sqlite. Its `get` answers `null` where the others answer `undefined`. */
export function openBunSqlite(filename) {
    const db = new Database(filename, { create: true, strict: true });
    return {
        name: 'bun:sqlite',
        exec: (sql) => void db.exec(sql),
        prepare(sql) {
            const statement = db.prepare(sql);
            return {
                run: (...params) => ({ changes: statement.run(...params).changes }),
                get: (...params) => statement.get(...params) ?? undefined,
                all: (...params) => statement.all(...params),
            };
        },
        close: () => db.close(),
    };
}
