#include "StoreTestDatabase.h"
#include "common/Version.h"
#include "store/Database.h"
#include "store/Schema.h"
#include "store/SqlValue.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <functional>
#include <map>
#include <stdexcept>

using namespace Qt::StringLiterals;
using namespace gavel;
using namespace gavel::store;
using gavel::test::StoreTestDatabase;

namespace {

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

// Everything in a folder with its hash: a refused open must not create a -wal or -shm file
// beside the database either.
QMap<QString, QByteArray> folderState(const QString &folder)
{
    QMap<QString, QByteArray> state;
    const QStringList names = QDir(folder).entryList(QDir::Files);
    for (const QString &name : names)
        state.insert(name, fileHash(QDir(folder).filePath(name)));
    return state;
}

qint64 count(Database &db, const QString &sql, const QVariantList &values = {})
{
    const Result<QVariant> value = db.scalar(sql, values);
    if (!value) {
        qWarning("%s", qPrintable(value.error().text()));
        return -1;
    }
    return sql::toInteger(*value);
}

QStringList tableNames(Database &db)
{
    QStringList names;
    const QString sql = db.backend() == Backend::Sqlite
                            ? u"SELECT name FROM sqlite_master WHERE type = 'table'"_s
                            : u"SELECT table_name FROM information_schema.tables "
                              u"WHERE table_schema = current_schema()"_s;
    const Result<void> done =
        db.forEachRow(sql, {}, [&](const QSqlQuery &q) { names.append(q.value(0).toString()); });
    if (!done)
        qWarning("%s", qPrintable(done.error().text()));
    names.sort();
    return names;
}

// table -> sorted column names, to compare a migrated schema with a fresh one.
std::map<QString, QStringList> columnsByTable(Database &db)
{
    std::map<QString, QStringList> columns;
    for (const QString &table : tableNames(db)) {
        QStringList names;
        const QString sql = db.backend() == Backend::Sqlite
                                ? u"SELECT name FROM pragma_table_info(?)"_s
                                : u"SELECT column_name FROM information_schema.columns "
                                  u"WHERE table_schema = current_schema() AND table_name = ?"_s;
        const Result<void> done = db.forEachRow(
            sql, {table}, [&](const QSqlQuery &q) { names.append(q.value(0).toString()); });
        if (!done)
            qWarning("%s", qPrintable(done.error().text()));
        names.sort();
        columns[table] = names;
    }
    return columns;
}

QStringList indexNames(Database &db)
{
    QStringList names;
    const QString sql = db.backend() == Backend::Sqlite
                            ? u"SELECT name FROM sqlite_master WHERE type = 'index' "
                              u"AND name NOT LIKE 'sqlite_autoindex%'"_s
                            : u"SELECT indexname FROM pg_indexes WHERE schemaname = "
                              u"current_schema() AND indexname NOT LIKE '%pkey' "
                              u"AND indexname NOT LIKE '%key'"_s;
    const Result<void> done =
        db.forEachRow(sql, {}, [&](const QSqlQuery &q) { names.append(q.value(0).toString()); });
    if (!done)
        qWarning("%s", qPrintable(done.error().text()));
    names.sort();
    return names;
}

// Rows that are valid at one schema version, written with plain SQL (the repository always
// targets the latest schema), and the check that they survived later migrations. Each new
// schema version must add an entry here for the version before it: see everyVersionIsSeeded.
struct VersionSeed
{
    std::function<Result<void>(Database &)> seed;
    std::function<void(Database &)> verify;
};

const std::map<int, VersionSeed> &versionSeeds()
{
    static const std::map<int, VersionSeed> seeds = {
        {0,
         {[](Database &) -> Result<void> { return {}; }, // an empty database holds nothing
          [](Database &db) { QCOMPARE(count(db, u"SELECT COUNT(*) FROM guilds"_s), 0); }}},
        {1,
         {[](Database &db) -> Result<void> {
              const QStringList statements = {
                  u"INSERT INTO guilds (id, name, source) VALUES (81384788765712384, 'Seed "
                  u"guild', 'discord')"_s,
                  u"INSERT INTO users (id, username, bot, system, first_seen_at, last_seen_at) "
                  u"VALUES (80351110224678912, 'nelly', 0, 0, 1, 2)"_s,
                  u"INSERT INTO members (guild_id, user_id, joined_at, first_seen_at, "
                  u"last_seen_at) VALUES (81384788765712384, 80351110224678912, 1450000000000, "
                  u"1, 2)"_s,
                  u"INSERT INTO roles (guild_id, id, name, permissions) VALUES "
                  u"(81384788765712384, 81384788765712385, 'Senpai', '2251799813685247')"_s,
                  u"INSERT INTO member_roles (guild_id, user_id, role_id) VALUES "
                  u"(81384788765712384, 80351110224678912, 81384788765712385)"_s,
                  u"INSERT INTO channels (id, guild_id, type, name) VALUES "
                  u"(81384788765712390, 81384788765712384, 0, 'general')"_s,
                  u"INSERT INTO messages (id, guild_id, channel_id, author_id, content, "
                  u"first_seen_at, last_seen_at) VALUES (175928847299117063, "
                  u"81384788765712384, 81384788765712390, 80351110224678912, 'hello', 1, 2)"_s,
                  u"INSERT INTO reaction_emojis (key, name) VALUES ('👍', '👍')"_s,
                  u"INSERT INTO reactions (message_id, emoji, user_id, burst, channel_id, "
                  u"author_id, first_seen_at, last_seen_at) SELECT "
                  u"175928847299117063, id, 80351110224678912, 0, 81384788765712390, "
                  u"80351110224678912, 1, 2 FROM reaction_emojis"_s,
                  u"INSERT INTO member_role_history (guild_id, user_id, role_id, action, "
                  u"observed_at, source) VALUES (81384788765712384, 80351110224678912, "
                  u"81384788765712385, 'add', 2, 'sync')"_s,
                  u"INSERT INTO sync_checkpoints (guild_id, scope, cursor, state, updated_at) "
                  u"VALUES (81384788765712384, 'channel:81384788765712390:backfill', "
                  u"'175928847299117063', 'done', 2)"_s,
              };
              return db.transaction([&]() -> Result<void> {
                  for (const QString &statement : statements) {
                      if (const Result<QSqlQuery *> done = db.exec(statement); !done)
                          return done.error();
                  }
                  return {};
              });
          },
          [](Database &db) {
              QCOMPARE(count(db, u"SELECT COUNT(*) FROM guilds WHERE name = 'Seed guild'"_s), 1);
              QCOMPARE(count(db, u"SELECT COUNT(*) FROM members WHERE joined_at = 1450000000000"_s),
                       1);
              QCOMPARE(count(db, u"SELECT COUNT(*) FROM member_roles"_s), 1);
              QCOMPARE(count(db, u"SELECT COUNT(*) FROM messages WHERE content = 'hello' "
                                 u"AND created_at = 1462015105796"_s),
                       1);
              QCOMPARE(count(db, u"SELECT COUNT(*) FROM reactions r JOIN reaction_emojis e "
                                 u"ON e.id = r.emoji WHERE e.key = '👍'"_s),
                       1);
              QCOMPARE(count(db, u"SELECT COUNT(*) FROM member_role_history"_s), 1);
              QCOMPARE(count(db, u"SELECT COUNT(*) FROM sync_checkpoints"_s), 1);
              QCOMPARE(count(db, u"SELECT COUNT(*) FROM roles WHERE permissions = "
                                 u"'2251799813685247'"_s),
                       1);
          }}},
        // Version 2 (moderation tables) before version 3 (triggers that fix a proposal's plan,
        // proposer and rules): a proposal with a decision survives, and afterwards its plan can
        // no longer be updated while its push state still can.
        {2,
         {[](Database &db) -> Result<void> {
              const QStringList statements = {
                  u"INSERT INTO reviewers (name, role, added_at) VALUES ('alice', 'admin', 1)"_s,
                  u"INSERT INTO reviewers (name, role, added_at) VALUES ('bob', 'admin', 1)"_s,
                  u"INSERT INTO proposals (guild_id, title, plan_json, window_until, "
                  u"data_fingerprint, proposer, approvals_rule, created_at, expires_at) VALUES "
                  u"(81384788765712384, 'seed', '{}', 1, '{}', 'alice', '1', 1, 2)"_s,
                  u"INSERT INTO decisions (proposal_id, reviewer, decision, at) "
                  u"SELECT id, 'bob', 'approve', 1 FROM proposals"_s,
              };
              return db.transaction([&]() -> Result<void> {
                  for (const QString &statement : statements) {
                      if (const Result<QSqlQuery *> done = db.exec(statement); !done)
                          return done.error();
                  }
                  return {};
              });
          },
          [](Database &db) {
              QCOMPARE(count(db, u"SELECT COUNT(*) FROM proposals WHERE title = 'seed'"_s), 1);
              QCOMPARE(count(db, u"SELECT COUNT(*) FROM decisions WHERE reviewer = 'bob'"_s), 1);
              QVERIFY(!db.exec(u"UPDATE proposals SET plan_json = '[]'"_s).ok());
              QVERIFY(db.exec(u"UPDATE proposals SET push_heartbeat_at = 3"_s).ok());
          }}},
    };
    return seeds;
}

OpenOptions noCreate()
{
    OpenOptions options;
    options.createIfMissing = false;
    return options;
}

OpenOptions readOnlyIf(bool readOnly)
{
    OpenOptions options;
    options.readOnly = readOnly;
    return options;
}

OpenOptions migrateTo(int version)
{
    OpenOptions options;
    options.migrateTo = version;
    return options;
}

void addBackendData()
{
    test::addBackendColumn();
    test::addBackendRows();
}

} // namespace

//! Opening, creating, migrating and refusing databases; transactions; integrity; errors.
class TestStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freshCreate_data() { addBackendData(); }
    void freshCreate();
    void reopenKeepsDataAndMeta_data() { addBackendData(); }
    void reopenKeepsDataAndMeta();
    void missingDatabase_data() { addBackendData(); }
    void missingDatabase();
    void everyVersionIsSeeded();
    void migratesFromEveryEarlierVersion_data();
    void migratesFromEveryEarlierVersion();
    void failedMigrationStepChangesNothing_data() { addBackendData(); }
    void failedMigrationStepChangesNothing();
    void refusesNonSqliteFile_data();
    void refusesNonSqliteFile();
    void refusesForeignDatabase_data();
    void refusesForeignDatabase();
    void refusesNewerSchema_data() { addBackendData(); }
    void refusesNewerSchema();
    void readOnly_data() { addBackendData(); }
    void readOnly();
    void transactions_data() { addBackendData(); }
    void transactions();
    void deferredForeignKeysCheckedAtCommit_data() { addBackendData(); }
    void deferredForeignKeysCheckedAtCommit();
    void errorsNeverQuoteValues_data() { addBackendData(); }
    void errorsNeverQuoteValues();
    void integrityCheck_data() { addBackendData(); }
    void integrityCheck();
    void diskFullKeepsCommittedData();
    void lookupIndexesSuspendAndRestore_data() { addBackendData(); }
    void lookupIndexesSuspendAndRestore();
    void connectionsAreIndependent();
    void unreachableServer();
};

void TestStore::freshCreate()
{
    QFETCH(Backend, backend);
    GAVEL_REQUIRE_BACKEND(backend);
    StoreTestDatabase tmp(backend);
    QVERIFY2(tmp.isValid(), qPrintable(tmp.error()));

    const auto opened = tmp.open();
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().text()));
    Database &db = **opened;
    QCOMPARE(db.backend(), backend);
    QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
    QVERIFY(Database::latestSchemaVersion() >= 1);

    const QStringList expected = {u"audit_log"_s,
                                  u"channel_stats"_s,
                                  u"channels"_s,
                                  u"cluster_reviews"_s,
                                  u"deactivations"_s,
                                  u"decisions"_s,
                                  u"emojis"_s,
                                  u"guilds"_s,
                                  u"member_history"_s,
                                  u"member_role_history"_s,
                                  u"member_roles"_s,
                                  u"members"_s,
                                  u"message_mentions"_s,
                                  u"messages"_s,
                                  u"meta"_s,
                                  u"moderation_settings"_s,
                                  u"proposals"_s,
                                  u"push_journal"_s,
                                  u"reaction_emojis"_s,
                                  u"reactions"_s,
                                  u"reviewers"_s,
                                  u"roles"_s,
                                  u"sync_checkpoints"_s,
                                  u"sync_runs"_s,
                                  u"users"_s};
    QCOMPARE(tableNames(db), expected);
    const QStringList indexes = indexNames(db);
    for (const QString &index :
         {u"reactions_by_author"_s, u"reactions_by_user"_s, u"reactions_by_channel"_s,
          u"messages_by_channel"_s, u"messages_by_author"_s, u"member_role_history_by_member"_s})
        QVERIFY2(indexes.contains(index), qPrintable(index));

    auto meta = [&](const QString &key) {
        const Result<QVariant> v = db.scalar(u"SELECT value FROM meta WHERE key = ?"_s, {key});
        return v ? v->toString() : QString();
    };
    QCOMPARE(meta(u"application"_s), u"gavel"_s);
    QCOMPARE(meta(u"schema_version"_s), QString::number(Database::latestSchemaVersion()));
    QCOMPARE(meta(u"created_by"_s), u"gavel "_s + versionString());
    QCOMPARE(meta(u"updated_by"_s), u"gavel "_s + versionString());

    if (backend == Backend::Sqlite) {
        QCOMPARE(db.scalar(u"PRAGMA journal_mode"_s)->toString(), u"wal"_s);
        QCOMPARE(sql::toInteger(*db.scalar(u"PRAGMA foreign_keys"_s)), 1);
        QCOMPARE(sql::toInteger(*db.scalar(u"PRAGMA synchronous"_s)), 1); // NORMAL
        QVERIFY(sql::toInteger(*db.scalar(u"PRAGMA cache_size"_s)) <= -65536);
        QCOMPARE(sql::toInteger(*db.scalar(u"PRAGMA page_size"_s)), 4096);
        QVERIFY(QFile::exists(tmp.sqlitePath()));
    }
    QVERIFY(db.integrityCheck().ok());
}

void TestStore::reopenKeepsDataAndMeta()
{
    QFETCH(Backend, backend);
    GAVEL_REQUIRE_BACKEND(backend);
    StoreTestDatabase tmp(backend);
    QVERIFY2(tmp.isValid(), qPrintable(tmp.error()));
    {
        auto db = tmp.open();
        QVERIFY(db.ok());
        // Pretend another version created it: a reopen must not rewrite created_by.
        QVERIFY(
            (*db)->exec(u"UPDATE meta SET value = 'gavel 0.0.1' WHERE key = 'created_by'"_s).ok());
        QVERIFY(versionSeeds().at(1).seed(**db).ok());
    }
    auto again = tmp.open();
    QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().text()));
    QCOMPARE((*again)->schemaVersion(), Database::latestSchemaVersion());
    versionSeeds().at(1).verify(**again);
    QCOMPARE((*again)->scalar(u"SELECT value FROM meta WHERE key = 'created_by'"_s)->toString(),
             u"gavel 0.0.1"_s);
}

void TestStore::missingDatabase()
{
    QFETCH(Backend, backend);
    GAVEL_REQUIRE_BACKEND(backend);
    StoreTestDatabase tmp(backend);
    QVERIFY2(tmp.isValid(), qPrintable(tmp.error()));

    if (backend == Backend::Sqlite) {
        const Location missing = Location::sqliteFile(tmp.folder() + u"/none.db"_s);
        const auto refused = Database::open(missing, noCreate());
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(u"There is no database at"_s),
                 qPrintable(refused.error().text()));
        QVERIFY(!QFile::exists(missing.path()));

        const Location noFolder = Location::sqliteFile(tmp.folder() + u"/no/such/dir/g.db"_s);
        const auto noDir = Database::open(noFolder);
        QVERIFY(!noDir.ok());
        QVERIFY2(noDir.error().message.contains(u"does not exist"_s),
                 qPrintable(noDir.error().text()));

        const auto created = Database::open(missing);
        QVERIFY(created.ok());
        QVERIFY(QFile::exists(missing.path()));
        return;
    }

    // PostgreSQL: a missing database is created when the role may (the test role may).
    const Location missing =
        tmp.location().withDatabaseName(tmp.location().databaseName() + u"_new"_s);
    const auto refused = Database::open(missing, noCreate());
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(u"does not exist"_s),
             qPrintable(refused.error().text()));
    {
        const auto created = Database::open(missing);
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().text()));
        QCOMPARE((*created)->schemaVersion(), Database::latestSchemaVersion());
    }
    QCOMPARE(tmp.execRaw(u"SELECT 1"_s), QString());
    StoreTestDatabase server(Backend::Postgres); // a connection to drop the extra database from
    QVERIFY(server.isValid());
    QCOMPARE(server.execRaw(u"DROP DATABASE "_s + missing.databaseName() + u" WITH (FORCE)"_s),
             QString());
}

void TestStore::everyVersionIsSeeded()
{
    // A new migration must come with rows valid at the version before it, so that
    // migratesFromEveryEarlierVersion proves existing data survives the step.
    for (int version = 0; version < Database::latestSchemaVersion(); ++version)
        QVERIFY2(versionSeeds().contains(version),
                 qPrintable(u"no seed for version %1"_s.arg(version)));
    // Migration steps are numbered 1, 2, 3, ... without gaps.
    int expected = 1;
    for (const Migration &step : migrations()) {
        QCOMPARE(step.version, expected++);
        QCOMPARE(step.sqlite.size(), step.postgres.size());
        QVERIFY(!step.summary.isEmpty());
    }
}

void TestStore::migratesFromEveryEarlierVersion_data()
{
    test::addBackendColumn();
    QTest::addColumn<int>("from");
    for (int from = 0; from < Database::latestSchemaVersion(); ++from) {
        for (const Backend backend : {Backend::Sqlite, Backend::Postgres}) {
            const QString name = u"v%1 %2"_s.arg(from).arg(
                backend == Backend::Sqlite ? u"sqlite"_s : u"postgresql"_s);
            QTest::newRow(name.toUtf8().constData()) << backend << from;
        }
    }
}

void TestStore::migratesFromEveryEarlierVersion()
{
    QFETCH(Backend, backend);
    QFETCH(int, from);
    GAVEL_REQUIRE_BACKEND(backend);
    QVERIFY(versionSeeds().contains(from));
    StoreTestDatabase tmp(backend);
    QVERIFY2(tmp.isValid(), qPrintable(tmp.error()));
    StoreTestDatabase fresh(backend);
    QVERIFY2(fresh.isValid(), qPrintable(fresh.error()));

    {
        auto old = tmp.open(migrateTo(from));
        QVERIFY2(old.ok(), qPrintable(old.ok() ? QString() : old.error().text()));
        QCOMPARE((*old)->schemaVersion(), from);
        if (from == 0)
            QVERIFY(tableNames(**old).isEmpty());
        const Result<void> seeded = versionSeeds().at(from).seed(**old);
        QVERIFY2(seeded.ok(), qPrintable(seeded.ok() ? QString() : seeded.error().text()));
    }

    auto upgraded = tmp.open();
    QVERIFY2(upgraded.ok(), qPrintable(upgraded.ok() ? QString() : upgraded.error().text()));
    QCOMPARE((*upgraded)->schemaVersion(), Database::latestSchemaVersion());
    versionSeeds().at(from).verify(**upgraded);
    QVERIFY((*upgraded)->integrityCheck().ok());

    // The upgraded schema is the schema of a database created at the latest version.
    auto reference = fresh.open();
    QVERIFY(reference.ok());
    QCOMPARE(columnsByTable(**upgraded), columnsByTable(**reference));
    QCOMPARE(indexNames(**upgraded), indexNames(**reference));
}

void TestStore::failedMigrationStepChangesNothing()
{
    QFETCH(Backend, backend);
    GAVEL_REQUIRE_BACKEND(backend);
    StoreTestDatabase tmp(backend);
    QVERIFY2(tmp.isValid(), qPrintable(tmp.error()));
    auto opened = tmp.open();
    QVERIFY(opened.ok());
    Database &db = **opened;
    const int latest = Database::latestSchemaVersion();

    QList<Migration> steps = migrations();
    Migration broken;
    broken.version = latest + 1;
    broken.summary = u"a step that fails halfway"_s;
    broken.sqlite = {u"CREATE TABLE half_done (x INTEGER)"_s, u"THIS IS NOT SQL"_s};
    broken.postgres = broken.sqlite;
    steps.append(broken);

    const Result<void> migrated = db.migrate(steps, latest + 1);
    QVERIFY(!migrated.ok());
    QVERIFY2(migrated.error().message.contains(u"Could not upgrade"_s),
             qPrintable(migrated.error().text()));
    QVERIFY2(migrated.error().hint.contains(u"left at version %1"_s.arg(latest)),
             qPrintable(migrated.error().text()));
    QCOMPARE(db.schemaVersion(), latest);
    QVERIFY(!tableNames(db).contains(u"half_done"_s));
    QCOMPARE(db.scalar(u"SELECT value FROM meta WHERE key = 'schema_version'"_s)->toString(),
             QString::number(latest));
}

void TestStore::refusesNonSqliteFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("text") << QByteArray("guild notes\nnot a database\n");
    QTest::newRow("json") << QByteArray(R"({"format": "guild-snapshot/1"})");
    QTest::newRow("binary") << QByteArray(4096, '\x7f');
    QTest::newRow("almost sqlite") << QByteArray("SQLite format 2\0 and some more bytes", 36);
}

void TestStore::refusesNonSqliteFile()
{
    QFETCH(QByteArray, content);
    StoreTestDatabase tmp(Backend::Sqlite);
    QVERIFY(tmp.isValid());
    QFile file(tmp.sqlitePath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    const auto before = folderState(tmp.folder());

    for (const bool readOnly : {false, true}) {
        const auto refused = tmp.open(readOnlyIf(readOnly));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(u"is not a SQLite database"_s),
                 qPrintable(refused.error().text()));
        QVERIFY(refused.error().hint.contains(u"did not change"_s));
    }
    QCOMPARE(folderState(tmp.folder()), before);
}

void TestStore::refusesForeignDatabase_data()
{
    test::addBackendColumn();
    QTest::addColumn<bool>("withMeta");
    QTest::addRow("plain sqlite") << Backend::Sqlite << false;
    QTest::addRow("plain postgresql") << Backend::Postgres << false;
    QTest::addRow("other app's meta sqlite") << Backend::Sqlite << true;
    QTest::addRow("other app's meta postgresql") << Backend::Postgres << true;
}

void TestStore::refusesForeignDatabase()
{
    QFETCH(Backend, backend);
    QFETCH(bool, withMeta);
    GAVEL_REQUIRE_BACKEND(backend);
    StoreTestDatabase tmp(backend);
    QVERIFY2(tmp.isValid(), qPrintable(tmp.error()));
    QCOMPARE(tmp.execRaw(u"CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"_s), QString());
    QCOMPARE(tmp.execRaw(u"INSERT INTO notes (id, body) VALUES (1, 'keep me')"_s), QString());
    if (withMeta) {
        QCOMPARE(tmp.execRaw(u"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)"_s), QString());
        QCOMPARE(tmp.execRaw(u"INSERT INTO meta VALUES ('application', 'notes-app')"_s), QString());
    }
    const auto before =
        backend == Backend::Sqlite ? folderState(tmp.folder()) : QMap<QString, QByteArray>();

    const auto refused = tmp.open();
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(withMeta ? u"of another application"_s
                                                       : u"not a Gavel database"_s),
             qPrintable(refused.error().text()));
    QVERIFY(refused.error().hint.contains(u"did not change"_s));

    if (backend == Backend::Sqlite) {
        QCOMPARE(folderState(tmp.folder()), before);
    } else {
        // Nothing was created: a Gavel table would make this succeed.
        QVERIFY(!tmp.execRaw(u"SELECT 1 FROM guilds"_s).isEmpty());
        QCOMPARE(tmp.execRaw(u"SELECT 1 FROM notes WHERE body = 'keep me'"_s), QString());
    }
}

void TestStore::refusesNewerSchema()
{
    QFETCH(Backend, backend);
    GAVEL_REQUIRE_BACKEND(backend);
    StoreTestDatabase tmp(backend);
    QVERIFY2(tmp.isValid(), qPrintable(tmp.error()));
    {
        auto db = tmp.open();
        QVERIFY(db.ok());
        QVERIFY(versionSeeds().at(1).seed(**db).ok());
    }
    const int newer = Database::latestSchemaVersion() + 1;
    QCOMPARE(tmp.execRaw(u"UPDATE meta SET value = '%1' WHERE key = 'schema_version'"_s.arg(newer)),
             QString());
    QCOMPARE(tmp.execRaw(u"UPDATE meta SET value = 'gavel 9.9.9' WHERE key = 'updated_by'"_s),
             QString());
    const auto before =
        backend == Backend::Sqlite ? folderState(tmp.folder()) : QMap<QString, QByteArray>();
    if (backend == Backend::Sqlite)
        QVERIFY(!before.contains(u"gavel.db-wal"_s)); // all data is in the main file

    for (const bool readOnly : {false, true}) {
        const auto refused = tmp.open(readOnlyIf(readOnly));
        QVERIFY(!refused.ok());
        const QString text = refused.error().text();
        QVERIFY2(text.contains(u"written by gavel 9.9.9 (schema version %1)"_s.arg(newer)),
                 qPrintable(text));
        QVERIFY2(text.contains(u"Upgrade Gavel"_s), qPrintable(text));
    }
    if (backend == Backend::Sqlite)
        QCOMPARE(folderState(tmp.folder()), before);
    else
        QCOMPARE(
            tmp.execRaw(
                u"SELECT 1 FROM meta WHERE key = 'schema_version' AND value = '%1'"_s.arg(newer)),
            QString());
}

void TestStore::readOnly()
{
    QFETCH(Backend, backend);
    GAVEL_REQUIRE_BACKEND(backend);
    StoreTestDatabase tmp(backend);
    QVERIFY2(tmp.isValid(), qPrintable(tmp.error()));

    if (backend == Backend::Sqlite) {
        const auto missing = tmp.open(readOnlyIf(true));
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().message.contains(u"There is no database"_s),
                 qPrintable(missing.error().text()));
        QVERIFY(!QFile::exists(tmp.sqlitePath()));
        QFile empty(tmp.sqlitePath());
        QVERIFY(empty.open(QIODevice::WriteOnly)); // an empty file is an empty database
    }
    // Nothing to read yet: read-only cannot create the schema.
    const auto empty = tmp.open(readOnlyIf(true));
    QVERIFY(!empty.ok());
    QVERIFY2(empty.error().message.contains(u"holds no Gavel data yet, and it was opened "
                                            u"read-only"_s),
             qPrintable(empty.error().text()));

    {
        auto db = tmp.open();
        QVERIFY(db.ok());
        QVERIFY(versionSeeds().at(1).seed(**db).ok());
    }
    auto ro = tmp.open(readOnlyIf(true));
    QVERIFY2(ro.ok(), qPrintable(ro.ok() ? QString() : ro.error().text()));
    QVERIFY((*ro)->isReadOnly());
    versionSeeds().at(1).verify(**ro);
    const Result<void> write = (*ro)->transaction([&]() -> Result<void> {
        const auto done = (*ro)->exec(u"UPDATE guilds SET name = 'changed'"_s);
        if (!done)
            return done.error();
        return {};
    });
    QVERIFY(!write.ok());
    QVERIFY2(write.error().message.contains(u"read-only"_s), qPrintable(write.error().text()));
    QCOMPARE(count(**ro, u"SELECT COUNT(*) FROM guilds WHERE name = 'Seed guild'"_s), 1);
}

void TestStore::transactions()
{
    QFETCH(Backend, backend);
    GAVEL_REQUIRE_BACKEND(backend);
    StoreTestDatabase tmp(backend);
    QVERIFY2(tmp.isValid(), qPrintable(tmp.error()));
    auto opened = tmp.open();
    QVERIFY(opened.ok());
    Database &db = **opened;
    auto insertGuild = [&](qint64 id) -> Result<void> {
        const auto done =
            db.exec(u"INSERT INTO guilds (id, name) VALUES (?, 'g')"_s, {sql::integer(id)});
        if (!done)
            return done.error();
        return {};
    };
    auto guilds = [&] { return count(db, u"SELECT COUNT(*) FROM guilds"_s); };

    // Commit on ok.
    QVERIFY(db.transaction([&] { return insertGuild(1); }).ok());
    QCOMPARE(guilds(), 1);
    QVERIFY(!db.inTransaction());

    // Roll back on error: the rows written before the error are gone too.
    const quint64 rollbacks = db.rollbackCount();
    const Result<void> failed = db.transaction([&]() -> Result<void> {
        if (const Result<void> done = insertGuild(2); !done)
            return done;
        return Error{u"stop"_s, {}};
    });
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().message, u"stop"_s);
    QCOMPARE(guilds(), 1);
    QCOMPARE(db.rollbackCount(), rollbacks + 1);

    // Roll back on exception, and let it through.
    bool thrown = false;
    try {
        (void)db.transaction([&]() -> Result<void> {
            (void)insertGuild(3);
            throw std::runtime_error("boom");
        });
    } catch (const std::runtime_error &) {
        thrown = true;
    }
    QVERIFY(thrown);
    QVERIFY(!db.inTransaction());
    QCOMPARE(guilds(), 1);

    // A failed inner transaction undoes only its own work when the outer one handles it.
    const Result<void> outer = db.transaction([&]() -> Result<void> {
        if (const Result<void> done = insertGuild(4); !done)
            return done;
        const Result<void> inner = db.transaction([&]() -> Result<void> {
            (void)insertGuild(5);
            return Error{u"inner"_s, {}};
        });
        if (inner.ok())
            return Error{u"inner should have failed"_s, {}};
        return insertGuild(6);
    });
    QVERIFY2(outer.ok(), qPrintable(outer.ok() ? QString() : outer.error().text()));
    QCOMPARE(count(db, u"SELECT COUNT(*) FROM guilds WHERE id IN (4, 6)"_s), 2);
    QCOMPARE(count(db, u"SELECT COUNT(*) FROM guilds WHERE id = 5"_s), 0);

    // An error inside the inner transaction fails the whole thing when passed up.
    const Result<void> all = db.transaction([&]() -> Result<void> {
        if (const Result<void> done = insertGuild(7); !done)
            return done;
        return db.transaction([&] { return insertGuild(1); }); // duplicate key
    });
    QVERIFY(!all.ok());
    QCOMPARE(count(db, u"SELECT COUNT(*) FROM guilds WHERE id = 7"_s), 0);
    QCOMPARE(guilds(), 3);
}

void TestStore::deferredForeignKeysCheckedAtCommit()
{
    QFETCH(Backend, backend);
    GAVEL_REQUIRE_BACKEND(backend);
    StoreTestDatabase tmp(backend);
    QVERIFY2(tmp.isValid(), qPrintable(tmp.error()));
    auto opened = tmp.open();
    QVERIFY(opened.ok());
    Database &db = **opened;

    // Child before parent is fine inside one transaction...
    const Result<void> ordered = db.transaction([&]() -> Result<void> {
        for (const QString &sql : {u"INSERT INTO channels (id, guild_id, type) VALUES (10, 1, 0)"_s,
                                   u"INSERT INTO guilds (id, name) VALUES (1, 'g')"_s}) {
            if (const auto done = db.exec(sql); !done)
                return done.error();
        }
        return {};
    });
    QVERIFY2(ordered.ok(), qPrintable(ordered.ok() ? QString() : ordered.error().text()));
    // ...but a missing parent fails the commit, and nothing of the transaction stays.
    const Result<void> orphan = db.transaction([&]() -> Result<void> {
        for (const QString &sql :
             {u"INSERT INTO guilds (id, name) VALUES (2, 'g2')"_s,
              u"INSERT INTO channels (id, guild_id, type) VALUES (20, 99, 0)"_s}) {
            if (const auto done = db.exec(sql); !done)
                return done.error();
        }
        return {};
    });
    QVERIFY(!orphan.ok());
    QVERIFY2(orphan.error().message.contains(u"consistency rule"_s),
             qPrintable(orphan.error().text()));
    QVERIFY(!db.inTransaction());
    QCOMPARE(count(db, u"SELECT COUNT(*) FROM guilds"_s), 1);
    QCOMPARE(count(db, u"SELECT COUNT(*) FROM channels"_s), 1);
}

void TestStore::errorsNeverQuoteValues()
{
    QFETCH(Backend, backend);
    GAVEL_REQUIRE_BACKEND(backend);
    StoreTestDatabase tmp(backend);
    QVERIFY2(tmp.isValid(), qPrintable(tmp.error()));
    auto opened = tmp.open();
    QVERIFY(opened.ok());
    Database &db = **opened;

    const QString secret = u"private message text 4711"_s;
    // A CHECK violation: PostgreSQL would quote the failing row, secret included.
    const auto failed = db.exec(u"INSERT INTO users (id, username, bot, "
                                u"first_seen_at, last_seen_at) VALUES (?, ?, 7, 0, 0)"_s,
                                {sql::integer(1), secret});
    QVERIFY(!failed.ok());
    const QString text = failed.error().text();
    QVERIFY2(!text.contains(u"4711"_s), qPrintable(text));
    QVERIFY2(text.contains(u"INSERT INTO users"_s), qPrintable(text)); // the statement, no values
    QVERIFY2(text.contains(db.location().display()), qPrintable(text));
    QVERIFY(!failed.error().hint.isEmpty());

    const auto missing = db.exec(u"SELECT * FROM no_such_table WHERE id = ?"_s, {secret});
    QVERIFY(!missing.ok());
    QVERIFY2(!missing.error().text().contains(u"4711"_s), qPrintable(missing.error().text()));
    QVERIFY2(missing.error().text().contains(u"no_such_table"_s),
             qPrintable(missing.error().text()));
}

void TestStore::integrityCheck()
{
    QFETCH(Backend, backend);
    GAVEL_REQUIRE_BACKEND(backend);
    StoreTestDatabase tmp(backend);
    QVERIFY2(tmp.isValid(), qPrintable(tmp.error()));
    {
        auto db = tmp.open();
        QVERIFY(db.ok());
        QVERIFY(versionSeeds().at(1).seed(**db).ok());
        const Result<void> ok = (*db)->integrityCheck();
        QVERIFY2(ok.ok(), qPrintable(ok.ok() ? QString() : ok.error().text()));
    }
    if (backend == Backend::Postgres)
        return; // PostgreSQL enforces its own consistency: nothing to damage from outside
    // Another program wrote an orphan row with foreign keys off.
    QCOMPARE(tmp.execRaw(u"INSERT INTO channels (id, guild_id, type) VALUES (5, 404, 0)"_s),
             QString());
    auto db = tmp.open();
    QVERIFY(db.ok());
    const Result<void> damaged = (*db)->integrityCheck();
    QVERIFY(!damaged.ok());
    QVERIFY2(damaged.error().message.contains(u"channels row 5 refers to a missing guilds row"_s),
             qPrintable(damaged.error().text()));
}

void TestStore::diskFullKeepsCommittedData()
{
    StoreTestDatabase tmp(Backend::Sqlite);
    QVERIFY(tmp.isValid());
    auto opened = tmp.open();
    QVERIFY(opened.ok());
    Database &db = **opened;
    QVERIFY(versionSeeds().at(1).seed(db).ok());

    // Let the file grow by a few pages only: the next big transaction runs out of "disk".
    const qint64 pages = sql::toInteger(*db.scalar(u"PRAGMA page_count"_s));
    QSqlQuery limit(db.connection());
    QVERIFY(limit.exec(u"PRAGMA max_page_count = %1"_s.arg(pages + 4)));
    limit.finish();

    const QString body(2000, u'x');
    const Result<void> full = db.transaction([&]() -> Result<void> {
        for (int i = 0; i < 200; ++i) {
            const auto done = db.exec(u"INSERT INTO guilds (id, name) VALUES (?, ?)"_s,
                                      {sql::integer(1000 + i), body});
            if (!done)
                return done.error();
        }
        return {};
    });
    QVERIFY(!full.ok());
    QVERIFY2(full.error().text().contains(
                 u"the disk is full; free space and run again — nothing was lost"_s),
             qPrintable(full.error().text()));
    QVERIFY(!db.inTransaction());
    QCOMPARE(count(db, u"SELECT COUNT(*) FROM guilds"_s), 1);
    versionSeeds().at(1).verify(db);
    QVERIFY(db.integrityCheck().ok());
    opened = Error{};

    auto reopened = tmp.open();
    QVERIFY(reopened.ok());
    versionSeeds().at(1).verify(**reopened);
    QCOMPARE(count(**reopened, u"SELECT COUNT(*) FROM guilds"_s), 1);
    QVERIFY((*reopened)->integrityCheck().ok());
}

void TestStore::lookupIndexesSuspendAndRestore()
{
    QFETCH(Backend, backend);
    GAVEL_REQUIRE_BACKEND(backend);
    StoreTestDatabase tmp(backend);
    QVERIFY2(tmp.isValid(), qPrintable(tmp.error()));
    {
        auto db = tmp.open();
        QVERIFY(db.ok());
        QVERIFY(versionSeeds().at(1).seed(**db).ok());
        QCOMPARE(*(*db)->lookupIndexesSuspended(), false);
        QVERIFY((*db)->suspendLookupIndexes().ok());
        QCOMPARE(*(*db)->lookupIndexesSuspended(), true);
        const QStringList indexes = indexNames(**db);
        for (const LookupIndex &index : lookupIndexes())
            QVERIFY2(!indexes.contains(index.name), qPrintable(index.name));
        QVERIFY(indexes.contains(u"messages_by_channel"_s)); // structural indexes stay
        // Reads stay correct without them.
        versionSeeds().at(1).verify(**db);
    }
    auto db = tmp.open();
    QVERIFY(db.ok());
    QCOMPARE(*(*db)->lookupIndexesSuspended(), true); // remembered across connections
    QVERIFY((*db)->restoreLookupIndexes().ok());
    QCOMPARE(*(*db)->lookupIndexesSuspended(), false);
    const QStringList indexes = indexNames(**db);
    for (const LookupIndex &index : lookupIndexes())
        QVERIFY2(indexes.contains(index.name), qPrintable(index.name));
    QVERIFY((*db)->restoreLookupIndexes().ok()); // idempotent
}

void TestStore::connectionsAreIndependent()
{
    StoreTestDatabase tmp(Backend::Sqlite);
    QVERIFY(tmp.isValid());
    const QStringList before = QSqlDatabase::connectionNames();
    {
        auto writer = tmp.open();
        auto reader = tmp.open(readOnlyIf(true));
        QVERIFY(writer.ok());
        QVERIFY2(reader.ok(), qPrintable(reader.ok() ? QString() : reader.error().text()));
        QCOMPARE(QSqlDatabase::connectionNames().size(), before.size() + 2);
        QVERIFY(versionSeeds().at(1).seed(**writer).ok());
        // WAL: the reader sees committed data while the writer stays open.
        versionSeeds().at(1).verify(**reader);
    }
    QCOMPARE(QSqlDatabase::connectionNames(), before);
}

void TestStore::unreachableServer()
{
    // Port 1 on loopback refuses connections: no server needed for this test.
    const auto location = Location::parse(u"postgresql://gavel:hunter2@127.0.0.1:1/gavel"_s);
    QVERIFY(location.ok());
    const auto refused = Database::open(*location);
    QVERIFY(!refused.ok());
    const QString text = refused.error().text();
    QVERIFY2(text.contains(u"Could not reach the PostgreSQL server"_s), qPrintable(text));
    QVERIFY2(text.contains(u"postgresql://gavel@127.0.0.1:1/gavel"_s), qPrintable(text));
    QVERIFY2(!text.contains(u"hunter2"_s), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
