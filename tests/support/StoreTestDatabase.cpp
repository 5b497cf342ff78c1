#include "StoreTestDatabase.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <atomic>

using namespace Qt::StringLiterals;

namespace gavel::test {

namespace {

std::atomic<int> counter{0};

// Runs `work` on a fresh QPSQL connection to `location` and removes the connection again.
template<typename Work>
QString withConnection(const store::Location &location, Work &&work)
{
    const QString name = u"gavel-test-admin-%1"_s.arg(++counter);
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        if (!location.host().isEmpty())
            db.setHostName(location.host());
        if (location.port() > 0)
            db.setPort(location.port());
        db.setUserName(location.user());
        db.setPassword(location.password());
        db.setDatabaseName(location.databaseName());
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            error = work(db);
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

QString withSqlite(const QString &path, const QString &sql)
{
    const QString name = u"gavel-test-sqlite-%1"_s.arg(++counter);
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            QSqlQuery query(db);
            if (!query.exec(sql))
                error = query.lastError().text();
            query.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

} // namespace

QString postgresTestUrl()
{
    return qEnvironmentVariable("GAVEL_TEST_PG");
}

void addBackendColumn()
{
    QTest::addColumn<store::Backend>("backend");
}

void addBackendRow(const QString &prefix, store::Backend backend)
{
    const QString name =
        prefix + (backend == store::Backend::Sqlite ? u"sqlite"_s : u"postgresql"_s);
    QTest::newRow(name.toUtf8().constData()) << backend;
}

void addBackendRows(const QString &prefix)
{
    addBackendRow(prefix, store::Backend::Sqlite);
    addBackendRow(prefix, store::Backend::Postgres);
}

StoreTestDatabase::StoreTestDatabase(store::Backend backend)
{
    if (!m_dir.isValid()) {
        m_error = u"cannot create a temporary folder: %1"_s.arg(m_dir.errorString());
        return;
    }
    if (backend == store::Backend::Sqlite) {
        m_location = store::Location::sqliteFile(m_dir.filePath(u"gavel.db"_s));
        return;
    }
    const Result<store::Location> server = store::Location::parse(postgresTestUrl());
    if (!server) {
        m_error = u"GAVEL_TEST_PG: %1"_s.arg(server.error().text());
        return;
    }
    const QString name = u"gavel_test_%1_%2_%3"_s.arg(QCoreApplication::applicationPid())
                             .arg(++counter)
                             .arg(QRandomGenerator::global()->generate(), 8, 16, QChar(u'0'));
    m_location = server->withDatabaseName(name);
    m_error = withConnection(*server, [&](QSqlDatabase &db) {
        QSqlQuery query(db);
        if (!query.exec(u"CREATE DATABASE "_s + name))
            return query.lastError().text();
        return QString();
    });
}

StoreTestDatabase::~StoreTestDatabase()
{
    if (m_location.backend() != store::Backend::Postgres || !m_error.isEmpty())
        return;
    const Result<store::Location> server = store::Location::parse(postgresTestUrl());
    if (!server)
        return;
    const QString error = withConnection(*server, [&](QSqlDatabase &db) {
        QSqlQuery query(db);
        if (!query.exec(u"DROP DATABASE IF EXISTS "_s + m_location.databaseName() +
                        u" WITH (FORCE)"_s))
            return query.lastError().text();
        return QString();
    });
    if (!error.isEmpty())
        qWarning("could not drop test database %s: %s", qPrintable(m_location.databaseName()),
                 qPrintable(error));
}

Result<std::unique_ptr<store::Database>>
StoreTestDatabase::open(const store::OpenOptions &options) const
{
    return store::Database::open(m_location, options);
}

QString StoreTestDatabase::execRaw(const QString &sql) const
{
    if (m_location.backend() == store::Backend::Sqlite)
        return withSqlite(m_location.path(), sql);
    return withConnection(m_location, [&](QSqlDatabase &db) {
        QSqlQuery query(db);
        if (!query.exec(sql))
            return query.lastError().text();
        return QString();
    });
}

} // namespace gavel::test
