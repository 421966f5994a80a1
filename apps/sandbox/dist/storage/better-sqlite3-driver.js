import Database from 'better-sqlite3';
/** Node: better-sqlite3 12 (13 needs Node 22). */
export function openBetterSqlite3(filename) {
    const db = new Database(filename);
    return {
        name: 'better-sqlite3',
        exec: (sql) => void db.exec(sql),
        prepare(sql) {
            const statement = db.prepare(sql);
            const reads = statement.reader;
            return {
                run: (...params) => ({ changes: statement.run(...params).changes }),
                get: (...params) => reads ? statement.get(...params) : undefined,
                all: (...params) => (reads ? statement.all(...params) : []),
            };
        },
        close: () => void db.close(),
    };
}
