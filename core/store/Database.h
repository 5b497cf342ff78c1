#pragma once

#include "common/Result.h"
#include "store/Backend.h"
#include "store/Location.h"
#include "store/RowBinder.h"
#include "store/Schema.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>

class QSqlError;
struct sqlite3;

namespace gavel::store {

//! How Database::open() treats the target.
struct OpenOptions
{
    //! Create the SQLite file (or the PostgreSQL database, if the role may) when it is missing.
    bool createIfMissing = true;
    //! Never write: no migrations, no pragmas that change the file, transactions are read-only.
    bool readOnly = false;
    //! Migrate only up to this schema version (tests of migrations, tools). Default: the latest.
    std::optional<int> migrateTo;
    //! SQLite: bind bulk writes through SQLite's C API when Gavel was built with it (several
    //! times faster than Qt's binding). false forces Qt's binding (tests, diagnosis).
    bool nativeSqliteBinding = true;
};

//! One open connection to a Gavel database (SQLite file or PostgreSQL database).
//!
//! A Database is a single QSqlDatabase connection with a unique name and may only be used from
//! the thread that opened it (a Qt Sql rule): each worker thread opens its own Database on the
//! same Location. The destructor closes and removes the connection. Statements are prepared once
//! per connection and reused; values are always bound, never spliced into SQL text.
class Database
{
public:
    //! Opens the database, refuses files that are not Gavel's or come from a newer Gavel (the
    //! file is then left byte-for-byte untouched), and applies pending migrations.
    static Result<std::unique_ptr<Database>> open(const Location &location,
                                                  const OpenOptions &options = {});
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    Backend backend() const { return m_location.backend(); }
    const Location &location() const { return m_location; }
    bool isReadOnly() const { return m_readOnly; }
    int schemaVersion() const { return m_schemaVersion; }
    static int latestSchemaVersion();

    //! The Qt connection, for code that needs QSqlQuery directly (same thread only).
    QSqlDatabase connection() const { return m_db; }

    //! Runs `work` in a transaction: commit when it returns ok, roll back when it returns an
    //! error or throws (the exception is rethrown). Nested calls become savepoints, so an inner
    //! failure undoes only the inner work if the outer function handles the error.
    Result<void> transaction(const std::function<Result<void>()> &work);
    bool inTransaction() const { return m_depth > 0; }
    //! Incremented by every rollback: caches of rows written in a transaction compare it to
    //! know when those rows are gone.
    quint64 rollbackCount() const { return m_rollbacks; }

    //! The prepared statement for `sql`, prepared on first use and kept for the connection.
    Result<QSqlQuery *> prepared(const QString &sql);
    //! Binds `values` in order to the `?` placeholders of `sql` and executes it. A SELECT's
    //! rows are then read from the returned query; call finish() on it when done (the read
    //! helpers below do that for you).
    Result<QSqlQuery *> exec(const QString &sql, const QVariantList &values = {});
    //! Executes a prepared statement whose values the caller has already bound.
    Result<void> execBound(QSqlQuery &query);
    //! Prepares `sql` once, lets `bind` bind all its placeholders in order, and executes it:
    //! the path for bulk writes (statements that return no rows).
    Result<void> execRows(const QString &sql, const std::function<void(RowBinder &)> &bind);
    //! True when execRows() binds through SQLite's C API rather than Qt's.
    bool usesNativeBinding() const { return m_native != nullptr; }
    //! True when this build can bind through SQLite's C API (built with SQLite's headers).
    static bool nativeBindingAvailable();
    //! The first column of the first row, or a null QVariant when there is no row.
    Result<QVariant> scalar(const QString &sql, const QVariantList &values = {});
    //! Calls `row` for every result row, then releases the statement.
    Result<void> forEachRow(const QString &sql, const QVariantList &values,
                            const std::function<void(const QSqlQuery &)> &row);

    //! SQLite: `PRAGMA integrity_check` and `PRAGMA foreign_key_check`. Both backends: the
    //! references of reactions (which has no declared foreign keys, for write speed). An Error
    //! lists what is wrong. Reads every row: for `gavel check` and tests, not for every open.
    Result<void> integrityCheck();

    //! Drops the lookup indexes (see lookupIndexes()) for a bulk load; the state is recorded
    //! in `meta`, so a later restoreLookupIndexes() (or the next migration) rebuilds them
    //! even after a crash. Reads stay correct meanwhile, only slower.
    Result<void> suspendLookupIndexes();
    //! Builds any missing lookup index and clears the suspended state.
    Result<void> restoreLookupIndexes();
    Result<bool> lookupIndexesSuspended();

    //! Applies the steps of `steps` above the current version up to `targetVersion`, one
    //! transaction each. open() runs it with migrations(); tests run it with their own lists.
    Result<void> migrate(const QList<Migration> &steps, int targetVersion);

    //! A user-facing Error for a failed driver call: what failed, why, and what to do.
    //! `sql` (text only; never values) is named for errors that are bugs rather than conditions.
    Error sqlError(const QSqlError &error, const QString &sql = {}) const;

private:
    Database(const Location &location, bool readOnly);
    Result<void> connectSqlite(const OpenOptions &options);
    Result<void> connectPostgres(const OpenOptions &options);
    Result<void> createPostgresDatabase();
    Result<int> inspect();
    Result<void> configure(bool fresh);
    Result<void> execDirect(const QString &sql);
    void rollbackTo(bool outer, const QString &savepoint);
    Result<QString> metaValue(const QString &key);
    void enableNativeBinding();
    Result<void> checkReactionReferences();

    Location m_location;
    QString m_connectionName;
    QSqlDatabase m_db;
    bool m_readOnly = false;
    int m_schemaVersion = 0;
    int m_depth = 0;
    quint64 m_rollbacks = 0;

    struct StringHash
    {
        size_t operator()(const QString &s) const { return qHash(s); }
    };
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>, StringHash> m_statements;
    // SQLite's connection handle (owned by the Qt driver) and statements prepared on it.
    struct NativeStatements;
    sqlite3 *m_native = nullptr;
    std::unique_ptr<NativeStatements> m_nativeStatements;
};

} // namespace gavel::store
