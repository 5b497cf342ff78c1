#pragma once

#include "common/Result.h"
#include "store/Database.h"
#include "store/Location.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace gavel::test {

//! The message shown when the PostgreSQL rows of a store test are skipped.
inline constexpr const char *postgresSkipMessage =
    "PostgreSQL tests skipped: set GAVEL_TEST_PG (.ci/start-postgres starts a server)";

//! The maintenance URL from GAVEL_TEST_PG, or an empty string when unset.
QString postgresTestUrl();

//! Adds the column "backend" (store::Backend) and one row per backend, named by `prefix`
//! followed by "sqlite" or "postgresql". Call from a test's _data() function.
void addBackendColumn();
void addBackendRow(const QString &prefix, store::Backend backend);
void addBackendRows(const QString &prefix = {});

//! A fresh, empty database for one test case, removed again when this object goes away:
//! a file in a temporary folder for SQLite, a uniquely named database created through the
//! GAVEL_TEST_PG server for PostgreSQL (dropped with FORCE on destruction).
class StoreTestDatabase
{
public:
    explicit StoreTestDatabase(store::Backend backend);
    ~StoreTestDatabase();
    StoreTestDatabase(const StoreTestDatabase &) = delete;
    StoreTestDatabase &operator=(const StoreTestDatabase &) = delete;

    //! False when the database could not be prepared; error() says why.
    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

    store::Backend backend() const { return m_location.backend(); }
    const store::Location &location() const { return m_location; }
    //! SQLite: the database file's path; also its folder for sibling files.
    QString sqlitePath() const { return m_location.path(); }
    QString folder() const { return m_dir.path(); }

    //! Opens (and migrates) the database; QVERIFY the result.
    Result<std::unique_ptr<store::Database>> open(const store::OpenOptions &options = {}) const;

    //! Runs one statement over a connection of its own (to build foreign or damaged databases
    //! the way another program would). Returns an empty string or the error.
    QString execRaw(const QString &sql) const;

private:
    QTemporaryDir m_dir;
    store::Location m_location;
    QString m_error;
};

} // namespace gavel::test

//! Skips the current data row when it needs PostgreSQL and GAVEL_TEST_PG is unset.
#define GAVEL_REQUIRE_BACKEND(backend)                                                             \
    do {                                                                                           \
        if ((backend) == gavel::store::Backend::Postgres &&                                        \
            gavel::test::postgresTestUrl().isEmpty())                                              \
            QSKIP(gavel::test::postgresSkipMessage);                                               \
    } while (false)
