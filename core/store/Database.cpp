#include "Database.h"

#include "common/Version.h"
#include "store/SqlValue.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSqlDriver>
#include <QSqlError>
#include <QStringList>

#include <atomic>

#ifdef GAVEL_HAVE_SQLITE3
#include <sqlite3.h>
#endif

using namespace Qt::StringLiterals;

namespace gavel::store {

namespace {

const QString applicationName = u"gavel"_s;

// Cache per connection: 64 MiB keeps the upper levels of every B-tree of a multi-million-row
// guild in memory. Pages of 4 KiB keep the WAL small for the many short transactions of a sync
// (each commit writes every page it touched).
constexpr int sqliteCacheKiB = 64 * 1024;
constexpr int sqlitePageSize = 4096;
constexpr int sqliteBusyTimeoutMs = 5000;
// Checkpoint the WAL every ~32 MiB instead of the default ~4 MiB: fewer copies of hot pages
// into the main file during a sync.
constexpr int sqliteWalAutocheckpointPages = 8192;

std::atomic<quint64> connectionCounter{0};

enum class Failure {
    DiskFull,
    Io,
    Busy,
    ReadOnly,
    Corrupt,
    NotADatabase,
    CantOpen,
    Permission,
    Login,
    Connection,
    Conflict,
    Constraint,
    Other,
};

// The driver's reason in one line. PostgreSQL's DETAIL lines can quote whole rows (message
// text included), so only the first line is kept.
QString firstLine(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.driverText().trimmed();
    text = text.section(u'\n', 0, 0).trimmed();
    for (const QLatin1StringView prefix : {"ERROR:"_L1, "FATAL:"_L1}) {
        if (text.startsWith(prefix))
            text = text.mid(prefix.size()).trimmed();
    }
    return text;
}

Failure classifySqlite(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff; // primary code of extended ones
    if (!ok)
        return Failure::Other;
    switch (code) {
    case 13:
        return Failure::DiskFull; // SQLITE_FULL
    case 10:
        return Failure::Io; // SQLITE_IOERR
    case 5:                 // SQLITE_BUSY
    case 6:
        return Failure::Busy; // SQLITE_LOCKED
    case 8:
        return Failure::ReadOnly; // SQLITE_READONLY
    case 11:
        return Failure::Corrupt; // SQLITE_CORRUPT
    case 26:
        return Failure::NotADatabase; // SQLITE_NOTADB
    case 14:
        return Failure::CantOpen; // SQLITE_CANTOPEN
    case 3:                       // SQLITE_PERM
    case 23:
        return Failure::Permission; // SQLITE_AUTH
    case 19:
        return Failure::Constraint; // SQLITE_CONSTRAINT
    default:
        return Failure::Other;
    }
}

Failure classifyPostgres(const QSqlError &error)
{
    const QString state = error.nativeErrorCode();
    if (state.isEmpty()) {
        // libpq reports failed connections without an SQLSTATE.
        const QString text = error.databaseText() + error.driverText();
        if (text.contains(u"authentication failed"_s) || text.contains(u"password"_s))
            return Failure::Login;
        if (error.type() == QSqlError::ConnectionError || text.contains(u"connection"_s))
            return Failure::Connection;
        return Failure::Other;
    }
    if (state == u"53100")
        return Failure::DiskFull;
    if (state.startsWith(u"58"))
        return Failure::Io;
    if (state.startsWith(u"08") || state.startsWith(u"57P"))
        return Failure::Connection;
    if (state.startsWith(u"28"))
        return Failure::Login;
    if (state == u"42501")
        return Failure::Permission;
    if (state == u"25006")
        return Failure::ReadOnly;
    if (state == u"40001" || state == u"40P01" || state == u"55P03")
        return Failure::Conflict;
    if (state.startsWith(u"23"))
        return Failure::Constraint;
    if (state == u"XX001" || state == u"XX002")
        return Failure::Corrupt;
    return Failure::Other;
}

QString statementHead(const QString &sql)
{
    const QString simple = sql.simplified();
    return simple.size() > 72 ? simple.left(72) + u"…"_s : simple;
}

bool hasSqliteHeader(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray header = file.read(16);
    return header == QByteArrayView("SQLite format 3\0", 16);
}

QString quoteIdentifier(const QString &name)
{
    QString quoted = name;
    quoted.replace(u'"', u"\"\""_s);
    return u'"' + quoted + u'"';
}

//! Binds through QSqlQuery::bindValue(): PostgreSQL, and SQLite without the C API.
class QtBinder final : public RowBinder
{
public:
    explicit QtBinder(QSqlQuery &query)
        : m_query(query)
    {}
    using RowBinder::integer;
    void integer(qint64 value) override { m_query.bindValue(m_next++, sql::integer(value)); }
    void null() override { m_query.bindValue(m_next++, sql::nullInteger()); }
    void text(const QString &value) override { m_query.bindValue(m_next++, sql::text(value)); }

private:
    QSqlQuery &m_query;
    int m_next = 0;
};

#ifdef GAVEL_HAVE_SQLITE3
//! Binds straight into a sqlite3_stmt.
class NativeBinder final : public RowBinder
{
public:
    explicit NativeBinder(sqlite3_stmt *statement)
        : m_statement(statement)
    {}
    using RowBinder::integer;
    void integer(qint64 value) override { track(sqlite3_bind_int64(m_statement, m_next++, value)); }
    void null() override { track(sqlite3_bind_null(m_statement, m_next++)); }
    void text(const QString &value) override
    {
        if (value.isNull()) {
            null();
            return;
        }
        track(sqlite3_bind_text16(m_statement, m_next++, value.utf16(),
                                  static_cast<int>(value.size() * 2), SQLITE_TRANSIENT));
    }
    int status() const { return m_status; }

private:
    void track(int rc)
    {
        if (m_status == SQLITE_OK)
            m_status = rc;
    }

    sqlite3_stmt *m_statement;
    int m_next = 1;
    int m_status = SQLITE_OK;
};
#endif

} // namespace

struct Database::NativeStatements
{
#ifdef GAVEL_HAVE_SQLITE3
    std::unordered_map<QString, sqlite3_stmt *, StringHash> statements;
    ~NativeStatements()
    {
        for (const auto &[sql, statement] : statements)
            sqlite3_finalize(statement);
    }
#endif
};

Database::Database(const Location &location, bool readOnly)
    : m_location(location)
    , m_connectionName(u"gavel-store-%1"_s.arg(++connectionCounter))
    , m_readOnly(readOnly)
{}

Database::~Database()
{
    // Statements first: the driver cannot close a connection that still has statements.
    m_nativeStatements.reset();
    m_statements.clear();
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

int Database::latestSchemaVersion()
{
    return migrations().isEmpty() ? 0 : migrations().constLast().version;
}

Result<std::unique_ptr<Database>> Database::open(const Location &location,
                                                 const OpenOptions &options)
{
    std::unique_ptr<Database> db(new Database(location, options.readOnly));
    const int target = options.migrateTo.value_or(latestSchemaVersion());
    if (target < 0 || target > latestSchemaVersion()) {
        return Error{u"Cannot migrate %1 to schema version %2: this Gavel knows versions 0 to %3."_s
                         .arg(location.display())
                         .arg(target)
                         .arg(latestSchemaVersion()),
                     {}};
    }

    const Result<void> connected = location.backend() == Backend::Sqlite
                                       ? db->connectSqlite(options)
                                       : db->connectPostgres(options);
    if (!connected)
        return connected.error();

    const Result<int> version = db->inspect();
    if (!version)
        return version.error();
    db->m_schemaVersion = *version;

    if (db->m_schemaVersion < target && db->m_readOnly) {
        if (db->m_schemaVersion == 0) {
            return Error{u"%1 holds no Gavel data yet, and it was opened read-only."_s.arg(
                             location.display()),
                         u"Sync a guild into it first (gavel sync --db ... --guild ID)."_s};
        }
        return Error{u"The database %1 uses schema version %2 and needs upgrading to %3, but it "
                     u"was opened read-only."_s.arg(location.display())
                         .arg(db->m_schemaVersion)
                         .arg(target),
                     u"Open it once without read-only (any gavel command that writes) to "
                     u"upgrade it."_s};
    }

    if (const Result<void> configured = db->configure(db->m_schemaVersion == 0); !configured)
        return configured.error();
    if (location.backend() == Backend::Sqlite && options.nativeSqliteBinding)
        db->enableNativeBinding();

    if (db->m_schemaVersion < target) {
        // Migrations may change lookup indexes, so they must exist when a step runs.
        if (db->m_schemaVersion > 0) {
            const Result<bool> suspended = db->lookupIndexesSuspended();
            if (!suspended)
                return suspended.error();
            if (*suspended) {
                if (const Result<void> restored = db->restoreLookupIndexes(); !restored)
                    return restored.error();
            }
        }
        if (const Result<void> migrated = db->migrate(migrations(), target); !migrated)
            return migrated.error();
    }
    return db;
}

Result<void> Database::connectSqlite(const OpenOptions &options)
{
    const QString path = m_location.path();
    const QFileInfo info(path);
    if (info.exists()) {
        if (info.isDir()) {
            return Error{u"%1 is a folder, not a database file."_s.arg(m_location.display()),
                         u"Give --db the path of a file (e.g. %1)."_s.arg(
                             QDir::toNativeSeparators(QDir(path).filePath(u"gavel.db"_s)))};
        }
        if (!info.isReadable()) {
            return Error{
                u"Cannot read the database file %1: permission denied."_s.arg(m_location.display()),
                u"Check the file's permissions."_s};
        }
        // An empty file is an empty database to SQLite; anything else must be SQLite's.
        if (info.size() > 0 && !hasSqliteHeader(path)) {
            return Error{u"%1 is not a SQLite database, so it cannot be a Gavel database."_s.arg(
                             m_location.display()),
                         u"Check the --db path; Gavel did not change the file."_s};
        }
    } else {
        if (!options.createIfMissing || options.readOnly) {
            return Error{u"There is no database at %1."_s.arg(m_location.display()),
                         u"Check the path; a new database is created only by commands that "
                         u"write (e.g. gavel sync)."_s};
        }
        if (!info.dir().exists()) {
            return Error{u"Cannot create the database %1: the folder %2 does not exist."_s.arg(
                             m_location.display(), QDir::toNativeSeparators(info.path())),
                         u"Create the folder first or choose another path."_s};
        }
        // Owner-only from its first byte (the guild's history and the moderation log are not
        // for other local users), whatever the umask; SQLite gives the -wal, -shm and -journal
        // files the database file's mode. An empty file is an empty database to SQLite.
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                       QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
            return Error{u"Cannot create the database %1: %2."_s.arg(m_location.display(),
                                                                     file.errorString()),
                         u"Check that the folder is writable, or choose another path."_s};
        }
        file.close();
    }

    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    if (!m_db.isValid()) {
        return Error{u"The Qt SQLite driver (QSQLITE) is not available."_s,
                     u"Install the package libqt6sql6-sqlite."_s};
    }
    m_db.setDatabaseName(path);
    // Read-only is enforced with query_only rather than a read-only file handle: a read-only
    // handle on a WAL database leaves empty -wal and -shm files behind when it closes.
    m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(sqliteBusyTimeoutMs));
    if (!m_db.open())
        return sqlError(m_db.lastError());
    if (options.readOnly)
        return execDirect(u"PRAGMA query_only = ON"_s);
    return {};
}

Result<void> Database::connectPostgres(const OpenOptions &options)
{
    m_db = QSqlDatabase::addDatabase(u"QPSQL"_s, m_connectionName);
    if (!m_db.isValid()) {
        return Error{u"The Qt PostgreSQL driver (QPSQL) is not available."_s,
                     u"Install the package libqt6sql6-psql."_s};
    }
    if (!m_location.host().isEmpty())
        m_db.setHostName(m_location.host());
    if (m_location.port() > 0)
        m_db.setPort(m_location.port());
    m_db.setUserName(m_location.user());
    m_db.setPassword(m_location.password());
    m_db.setDatabaseName(m_location.databaseName());
    QString connectOptions = u"connect_timeout=10;application_name=gavel"_s;
    if (!m_location.sslMode().isEmpty())
        connectOptions += u";sslmode="_s + m_location.sslMode();
    m_db.setConnectOptions(connectOptions);

    if (!m_db.open()) {
        const Error failed = sqlError(m_db.lastError());
        if (!options.createIfMissing || options.readOnly)
            return failed;
        const Result<void> created = createPostgresDatabase();
        if (!created)
            return created.error().message.isEmpty() ? failed : created.error();
        if (!m_db.open())
            return sqlError(m_db.lastError());
    }
    // Session settings: no notices on stderr; all writes refused when read-only.
    if (const Result<void> quiet = execDirect(u"SET client_min_messages = warning"_s); !quiet)
        return quiet;
    if (options.readOnly) {
        if (const Result<void> ro =
                execDirect(u"SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"_s);
            !ro)
            return ro;
    }
    return {};
}

// Called when connecting failed: if the reason is a missing database, create it through the
// maintenance database. An Error with an empty message means "not that reason".
Result<void> Database::createPostgresDatabase()
{
    const QString name = m_location.databaseName();
    if (name == u"postgres")
        return Error{};
    const QString probeName = m_connectionName + u"-create"_s;
    Result<void> result = Error{};
    {
        QSqlDatabase probe = QSqlDatabase::cloneDatabase(m_db, probeName);
        probe.setDatabaseName(u"postgres"_s);
        if (probe.open()) {
            bool missing = false;
            {
                QSqlQuery query(probe);
                query.prepare(u"SELECT 1 FROM pg_database WHERE datname = ?"_s);
                query.addBindValue(name);
                missing = query.exec() && !query.next();
            }
            if (missing) {
                // Identifiers cannot be bound; the name is quoted, never interpreted.
                QSqlQuery create(probe);
                if (create.exec(u"CREATE DATABASE "_s + quoteIdentifier(name))) {
                    result = Result<void>();
                } else {
                    const QSqlError error = create.lastError();
                    result =
                        Error{u"The PostgreSQL database \"%1\" does not exist, and Gavel "
                              u"could not create it: %2."_s.arg(name, firstLine(error)),
                              u"Ask the server's administrator to run: CREATE DATABASE %1 "
                              u"OWNER %2; (see docs/store.md)."_s.arg(
                                  quoteIdentifier(name), m_location.user().isEmpty()
                                                             ? u"<your role>"_s
                                                             : quoteIdentifier(m_location.user()))};
                }
            }
            probe.close();
        }
    }
    QSqlDatabase::removeDatabase(probeName);
    return result;
}

Result<QString> Database::metaValue(const QString &key)
{
    const Result<QVariant> value = scalar(u"SELECT value FROM meta WHERE key = ?"_s, {key});
    if (!value)
        return value.error();
    return sql::toText(*value);
}

// Reads what is there without writing anything: 0 for an empty database, the schema version
// of a Gavel database, or an Error for anything else.
Result<int> Database::inspect()
{
    QStringList tables;
    const QString listSql = backend() == Backend::Sqlite
                                ? u"SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                                  u"AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"_s
                                : u"SELECT table_name FROM information_schema.tables "
                                  u"WHERE table_schema = current_schema()"_s;
    const Result<void> listed = forEachRow(
        listSql, {}, [&](const QSqlQuery &row) { tables.append(row.value(0).toString()); });
    if (!listed)
        return listed.error();
    if (tables.isEmpty())
        return 0;

    const QString notGavel =
        u"%1 is a %2 database but not a Gavel database (it has tables such as \"%3\" and no "
        u"Gavel \"meta\" table)."_s;
    const QString leaveIt = u"Gavel did not change it. Give --db a new file (or an empty "
                            u"PostgreSQL database) for Gavel's data."_s;
    tables.sort();
    if (!tables.contains(u"meta"_s)) {
        return Error{notGavel.arg(m_location.display(), backendName(backend()), tables.first()),
                     leaveIt};
    }
    const Result<QString> application = metaValue(u"application"_s);
    if (!application)
        return application.error();
    if (*application != applicationName) {
        return Error{u"%1 is a %2 database of another application (\"%3\"), not Gavel's."_s.arg(
                         m_location.display(), backendName(backend()),
                         application->isNull() ? u"unknown"_s : *application),
                     leaveIt};
    }
    const Result<QString> versionText = metaValue(u"schema_version"_s);
    if (!versionText)
        return versionText.error();
    bool ok = false;
    const int version = versionText->toInt(&ok);
    if (!ok || version < 1) {
        return Error{u"The Gavel database %1 has no valid schema version (\"%2\")."_s.arg(
                         m_location.display(), *versionText),
                     u"The file was changed outside Gavel; restore it from a backup."_s};
    }
    if (version > latestSchemaVersion()) {
        const Result<QString> writer = metaValue(u"updated_by"_s);
        const QString by = writer && !writer->isEmpty() ? writer.value() : u"a newer Gavel"_s;
        return Error{u"The database %1 was written by %2 (schema version %3); this Gavel (%4) "
                     u"understands schema versions up to %5."_s.arg(m_location.display(), by)
                         .arg(version)
                         .arg(versionString())
                         .arg(latestSchemaVersion()),
                     u"Upgrade Gavel to open it. Nothing was changed."_s};
    }
    return version;
}

Result<void> Database::configure(bool fresh)
{
    if (backend() != Backend::Sqlite)
        return {};
    QStringList pragmas = {
        u"PRAGMA foreign_keys = ON"_s,
        u"PRAGMA cache_size = -%1"_s.arg(sqliteCacheKiB),
        u"PRAGMA temp_store = MEMORY"_s,
    };
    if (!m_readOnly) {
        pragmas.append(u"PRAGMA synchronous = NORMAL"_s);
        pragmas.append(u"PRAGMA wal_autocheckpoint = %1"_s.arg(sqliteWalAutocheckpointPages));
        // The page size only takes effect before the first table exists.
        if (fresh)
            pragmas.append(u"PRAGMA page_size = %1"_s.arg(sqlitePageSize));
    }
    for (const QString &pragma : pragmas) {
        if (const Result<void> done = execDirect(pragma); !done)
            return done;
    }
    if (!m_readOnly) {
        // WAL lets the GUI read while a sync writes; the mode is stored in the file.
        const Result<QVariant> mode = scalar(u"PRAGMA journal_mode = WAL"_s);
        if (!mode)
            return mode.error();
        if (mode->toString().toLower() != u"wal") {
            return Error{u"Could not switch %1 to write-ahead logging (the journal mode stayed "
                         u"\"%2\")."_s.arg(m_location.display(), mode->toString()),
                         u"Put the database on a local disk; network file systems do not "
                         u"support it."_s};
        }
    }
    return {};
}

Result<void> Database::migrate(const QList<Migration> &steps, int targetVersion)
{
    for (const Migration &step : steps) {
        if (step.version <= m_schemaVersion || step.version > targetVersion)
            continue;
        if (step.version != m_schemaVersion + 1) {
            return Error{u"Cannot upgrade %1 from schema version %2: the next step is version "
                         u"%3."_s.arg(m_location.display())
                             .arg(m_schemaVersion)
                             .arg(step.version),
                         u"This is a bug in Gavel's migration list; please report it."_s};
        }
        const Result<void> applied = transaction([&]() -> Result<void> {
            // DDL is not prepared: PostgreSQL can only prepare queries and DML.
            for (const QString &statement : step.statements(backend())) {
                if (const Result<void> done = execDirect(statement); !done)
                    return done;
            }
            const QString upsert = u"INSERT INTO meta (key, value) VALUES (?, ?) "
                                   u"ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s;
            QList<std::pair<QString, QString>> values = {
                {u"schema_version"_s, QString::number(step.version)},
                {u"updated_by"_s, u"gavel "_s + versionString()},
            };
            if (m_schemaVersion == 0) {
                values.append({u"application"_s, applicationName});
                values.append({u"created_by"_s, u"gavel "_s + versionString()});
            }
            for (const auto &[key, value] : values) {
                if (const Result<QSqlQuery *> done = exec(upsert, {key, value}); !done)
                    return done.error();
            }
            return {};
        });
        if (!applied) {
            return Error{u"Could not upgrade the database %1 to schema version %2 (%3): %4"_s
                             .arg(m_location.display())
                             .arg(step.version)
                             .arg(step.summary, applied.error().message),
                         u"The database was left at version %1, unchanged by this step. %2"_s
                             .arg(m_schemaVersion)
                             .arg(applied.error().hint)
                             .trimmed()};
        }
        m_schemaVersion = step.version;
    }
    return {};
}

Result<void> Database::execDirect(const QString &sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return sqlError(query.lastError(), sql);
    return {};
}

Result<void> Database::transaction(const std::function<Result<void>()> &work)
{
    const bool outer = m_depth == 0;
    const QString savepoint = u"gavel_savepoint_%1"_s.arg(m_depth);
    QString begin = u"SAVEPOINT "_s + savepoint;
    if (outer) {
        // IMMEDIATE takes the write lock up front, so a concurrent writer makes us wait
        // (busy timeout) instead of failing when a read turns into a write.
        begin = backend() == Backend::Sqlite && !m_readOnly ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s;
    }
    if (const Result<void> begun = execDirect(begin); !begun)
        return begun;

    ++m_depth;
    Result<void> result;
    try {
        result = work();
    } catch (...) {
        --m_depth;
        rollbackTo(outer, savepoint);
        throw;
    }
    --m_depth;

    if (!result) {
        rollbackTo(outer, savepoint);
        return result;
    }
    const Result<void> committed =
        execDirect(outer ? u"COMMIT"_s : u"RELEASE SAVEPOINT "_s + savepoint);
    if (!committed) {
        // SQLite keeps the transaction open when COMMIT fails (e.g. a deferred foreign key);
        // PostgreSQL has already rolled it back and would warn about a second ROLLBACK.
        if (outer && backend() == Backend::Postgres)
            ++m_rollbacks;
        else
            rollbackTo(outer, savepoint);
        return committed;
    }
    return {};
}

void Database::rollbackTo(bool outer, const QString &savepoint)
{
    ++m_rollbacks;
    QSqlQuery query(m_db);
    if (outer) {
        query.exec(u"ROLLBACK"_s);
    } else {
        query.exec(u"ROLLBACK TO SAVEPOINT "_s + savepoint);
        query.exec(u"RELEASE SAVEPOINT "_s + savepoint);
    }
}

Result<QSqlQuery *> Database::prepared(const QString &sql)
{
    const auto found = m_statements.find(sql);
    if (found != m_statements.end())
        return found->second.get();
    auto query = std::make_unique<QSqlQuery>(m_db);
    query->setForwardOnly(true);
    // A failed prepare is not cached: in an aborted PostgreSQL transaction every prepare fails,
    // and the statement must be prepared again once the transaction is rolled back.
    if (!query->prepare(sql))
        return sqlError(query->lastError(), sql);
    QSqlQuery *raw = query.get();
    m_statements.emplace(sql, std::move(query));
    return raw;
}

Result<void> Database::execBound(QSqlQuery &query)
{
    if (!query.exec())
        return sqlError(query.lastError(), query.lastQuery());
    return {};
}

bool Database::nativeBindingAvailable()
{
#ifdef GAVEL_HAVE_SQLITE3
    return true;
#else
    return false;
#endif
}

void Database::enableNativeBinding()
{
#ifdef GAVEL_HAVE_SQLITE3
    const QVariant handle = m_db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return;
    sqlite3 *native = *static_cast<sqlite3 *const *>(handle.constData());
    // Only the SQLite library that opened the connection may use it: Debian's Qt driver links
    // the system library, which is the one Gavel links; a Qt with its own copy would not match.
    const Result<QVariant> version = scalar(u"SELECT sqlite_version()"_s);
    if (native == nullptr || !version ||
        version->toString() != QString::fromLatin1(sqlite3_libversion()))
        return;
    m_native = native;
    m_nativeStatements = std::make_unique<NativeStatements>();
#endif
}

Result<void> Database::execRows(const QString &sql, const std::function<void(RowBinder &)> &bind)
{
#ifdef GAVEL_HAVE_SQLITE3
    if (m_native != nullptr) {
        auto nativeError = [&](int rc) {
            return sqlError(QSqlError(u"Unable to execute statement"_s,
                                      QString::fromUtf8(sqlite3_errmsg(m_native)),
                                      QSqlError::StatementError, QString::number(rc)),
                            sql);
        };
        sqlite3_stmt *&statement = m_nativeStatements->statements[sql];
        if (statement == nullptr) {
            const QByteArray utf8 = sql.toUtf8();
            const int rc =
                sqlite3_prepare_v3(m_native, utf8.constData(), static_cast<int>(utf8.size()),
                                   SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
            if (rc != SQLITE_OK) {
                const Error error = nativeError(rc);
                sqlite3_finalize(statement);
                m_nativeStatements->statements.erase(sql);
                return error;
            }
        }
        NativeBinder binder(statement);
        bind(binder);
        int rc = binder.status();
        if (rc == SQLITE_OK) {
            do {
                rc = sqlite3_step(statement);
            } while (rc == SQLITE_ROW);
        }
        const Error error = rc == SQLITE_DONE ? Error{} : nativeError(rc);
        sqlite3_reset(statement);
        if (rc != SQLITE_DONE)
            return error;
        return {};
    }
#endif
    const Result<QSqlQuery *> query = prepared(sql);
    if (!query)
        return query.error();
    QtBinder binder(**query);
    bind(binder);
    return execBound(**query);
}

Result<QSqlQuery *> Database::exec(const QString &sql, const QVariantList &values)
{
    const Result<QSqlQuery *> query = prepared(sql);
    if (!query)
        return query;
    QSqlQuery *q = *query;
    for (qsizetype i = 0; i < values.size(); ++i)
        q->bindValue(static_cast<int>(i), values.at(i));
    if (!q->exec())
        return sqlError(q->lastError(), sql);
    return q;
}

Result<QVariant> Database::scalar(const QString &sql, const QVariantList &values)
{
    const Result<QSqlQuery *> query = exec(sql, values);
    if (!query)
        return query.error();
    QSqlQuery *q = *query;
    QVariant value;
    if (q->next())
        value = q->value(0);
    q->finish();
    return value;
}

Result<void> Database::forEachRow(const QString &sql, const QVariantList &values,
                                  const std::function<void(const QSqlQuery &)> &row)
{
    const Result<QSqlQuery *> query = exec(sql, values);
    if (!query)
        return query.error();
    QSqlQuery *q = *query;
    while (q->next())
        row(*q);
    const QSqlError error = q->lastError();
    q->finish();
    if (error.isValid())
        return sqlError(error, sql);
    return {};
}

Result<void> Database::integrityCheck()
{
    if (m_schemaVersion >= 1) {
        if (const Result<void> references = checkReactionReferences(); !references)
            return references;
    }
    if (backend() != Backend::Sqlite)
        return {};
    QStringList problems;
    const Result<void> checked =
        forEachRow(u"PRAGMA integrity_check"_s, {}, [&](const QSqlQuery &row) {
            const QString line = row.value(0).toString();
            if (line != u"ok" && problems.size() < 10)
                problems.append(line);
        });
    if (!checked)
        return checked;
    if (!problems.isEmpty()) {
        return Error{
            u"The database %1 is damaged: %2"_s.arg(m_location.display(), problems.join(u"; "_s)),
            u"Restore it from a backup, or sync the guild into a new database."_s};
    }
    const Result<void> keys =
        forEachRow(u"PRAGMA foreign_key_check"_s, {}, [&](const QSqlQuery &row) {
            if (problems.size() < 10) {
                problems.append(u"%1 row %2 refers to a missing %3 row"_s.arg(
                    row.value(0).toString(), row.value(1).toString(), row.value(2).toString()));
            }
        });
    if (!keys)
        return keys;
    if (!problems.isEmpty()) {
        return Error{u"The database %1 has rows that refer to missing rows: %2"_s.arg(
                         m_location.display(), problems.join(u"; "_s)),
                     u"The file was changed outside Gavel or a write was interrupted in an "
                     u"unsafe mode; sync the guild into a new database."_s};
    }
    return {};
}

// reactions has no declared foreign keys (see Schema.cpp), so its references are checked here
// on both backends.
Result<void> Database::checkReactionReferences()
{
    const QList<std::pair<QString, QString>> checks = {
        {u"message"_s, u"SELECT r.message_id FROM reactions r WHERE NOT EXISTS (SELECT 1 FROM "
                       u"messages m WHERE m.id = r.message_id AND m.channel_id = r.channel_id "
                       u"AND m.author_id = r.author_id)"_s},
        {u"emoji"_s, u"SELECT r.emoji FROM reactions r WHERE NOT EXISTS (SELECT 1 FROM "
                     u"reaction_emojis e WHERE e.id = r.emoji)"_s},
        {u"user"_s, u"SELECT r.user_id FROM reactions r WHERE NOT EXISTS (SELECT 1 FROM users u "
                    u"WHERE u.id = r.user_id)"_s},
    };
    QStringList problems;
    for (const auto &[what, sql] : checks) {
        QStringList ids;
        const Result<void> read = forEachRow(sql + u" LIMIT 5"_s, {}, [&](const QSqlQuery &row) {
            ids.append(row.value(0).toString());
        });
        if (!read)
            return read;
        if (!ids.isEmpty()) {
            problems.append(u"reactions refer to a missing or different %1 (%2)"_s.arg(
                what, ids.join(u", "_s)));
        }
    }
    if (problems.isEmpty())
        return {};
    return Error{u"The database %1 has rows that refer to missing rows: %2"_s.arg(
                     m_location.display(), problems.join(u"; "_s)),
                 u"The file was changed outside Gavel or a write was interrupted in an unsafe "
                 u"mode; sync the guild into a new database."_s};
}

Result<bool> Database::lookupIndexesSuspended()
{
    const Result<QString> state = metaValue(u"lookup_indexes"_s);
    if (!state)
        return state.error();
    return *state == u"suspended";
}

Result<void> Database::suspendLookupIndexes()
{
    return transaction([&]() -> Result<void> {
        if (const Result<QSqlQuery *> done =
                exec(u"INSERT INTO meta (key, value) VALUES ('lookup_indexes', 'suspended') "
                     u"ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s);
            !done)
            return done.error();
        for (const LookupIndex &index : lookupIndexes()) {
            if (const Result<void> dropped = execDirect(u"DROP INDEX IF EXISTS "_s + index.name);
                !dropped)
                return dropped;
        }
        return {};
    });
}

Result<void> Database::restoreLookupIndexes()
{
    // Index builds sort every row: let SQLite merge sorted runs on worker threads.
    if (backend() == Backend::Sqlite)
        (void)execDirect(u"PRAGMA threads = 4"_s);
    const auto singleThreaded = qScopeGuard([&] {
        if (backend() == Backend::Sqlite)
            (void)execDirect(u"PRAGMA threads = 0"_s);
    });
    return transaction([&]() -> Result<void> {
        for (const LookupIndex &index : lookupIndexes()) {
            if (const Result<void> created = execDirect(index.create); !created)
                return created;
        }
        if (const Result<QSqlQuery *> done =
                exec(u"DELETE FROM meta WHERE key = 'lookup_indexes'"_s);
            !done)
            return done.error();
        return {};
    });
}

Error Database::sqlError(const QSqlError &error, const QString &sql) const
{
    const Failure failure =
        backend() == Backend::Sqlite ? classifySqlite(error) : classifyPostgres(error);
    const QString where = m_location.display();
    const QString reason = firstLine(error);
    const QString statement =
        sql.isEmpty() ? QString() : u" while running: "_s + statementHead(sql);

    switch (failure) {
    case Failure::DiskFull:
        return Error{u"Could not write to the database %1: the disk is full; free space and run "
                     u"again — nothing was lost."_s.arg(where),
                     {}};
    case Failure::Io:
        return Error{u"Could not read or write the database %1: the system reported an I/O error "
                     u"(%2)."_s.arg(where, reason),
                     u"Check the disk (or network share) that holds it, then run again; the "
                     u"last completed transaction is kept."_s};
    case Failure::Busy:
        return Error{u"The database %1 is locked by another program (%2)."_s.arg(where, reason),
                     u"Wait for the other Gavel (e.g. a running sync) to finish, then run "
                     u"again."_s};
    case Failure::ReadOnly:
        return Error{
            u"Could not write to the database %1: it is read-only (%2)."_s.arg(where, reason),
            u"Check the permissions of the file and its folder, or of the PostgreSQL "
            u"role, or open it without read-only."_s};
    case Failure::Corrupt:
        return Error{u"The database %1 is damaged (%2)."_s.arg(where, reason),
                     u"Restore it from a backup, or sync the guild into a new database."_s};
    case Failure::NotADatabase:
        return Error{u"%1 is not a SQLite database (%2)."_s.arg(where, reason),
                     u"Check the --db path; Gavel did not change the file."_s};
    case Failure::CantOpen:
        return Error{u"Could not open the database %1 (%2)."_s.arg(where, reason),
                     u"Check that its folder exists and that you may read and write there."_s};
    case Failure::Permission:
        return Error{u"Access to the database %1 was refused (%2)."_s.arg(where, reason),
                     u"Grant the rights listed in docs/store.md (PostgreSQL) or fix the file's "
                     u"permissions (SQLite)."_s};
    case Failure::Login:
        return Error{u"Could not log in to PostgreSQL for %1 (%2)."_s.arg(where, reason),
                     u"Check the user and password in the URL (percent-encode special "
                     u"characters) and the server's pg_hba.conf."_s};
    case Failure::Connection:
        return Error{u"Could not reach the PostgreSQL server for %1 (%2)."_s.arg(where, reason),
                     u"Check that the server is running and reachable, then run again; the last "
                     u"completed transaction is kept."_s};
    case Failure::Conflict:
        return Error{
            u"A concurrent change to %1 conflicted with this one (%2)."_s.arg(where, reason),
            u"Run again; nothing of the failed transaction was kept."_s};
    case Failure::Constraint:
        return Error{
            u"The database %1 refused a write that breaks a consistency rule (%2)%3."_s.arg(
                where, reason, statement),
            u"This is a bug in Gavel; please report it with this message. Nothing of "
            u"the failed transaction was kept."_s};
    case Failure::Other:
        break;
    }
    return Error{u"Database error in %1 (%2)%3."_s.arg(where, reason, statement),
                 u"If it keeps happening, please report it with this message."_s};
}

} // namespace gavel::store
