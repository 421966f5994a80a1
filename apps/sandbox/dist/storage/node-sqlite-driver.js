import { DatabaseSync } from 'node:sqlite';
/** Deno: its node:sqlite (Node 20 has none, so Node uses better-sqlite3). */
export function openNodeSqlite(filename) {
    const db = new DatabaseSync(filename);
    return {
        name: 'node:sqlite',
        exec: (sql) => db.exec(sql),
        prepare(sql) {
            const statement = db.prepare(sql);
            return {
                run: (...params) => ({ changes: Number(statement.run(...params).changes) }),
                get: (...params) => statement.get(...params),
                all: (...params) => statement.all(...params),
            };
        },
        close: () => db.close(),
    };
}
