#include "store/Location.h"

#include <QDir>
#include <QTest>

using namespace Qt::StringLiterals;
using gavel::store::Backend;
using gavel::store::Location;

//! `--db` parsing: SQLite paths, PostgreSQL URLs, malformed input, and the hidden password.
class TestStoreLocation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesPostgresUrls_data();
    void parsesPostgresUrls();
    void takesOtherTextAsSqlitePath_data();
    void takesOtherTextAsSqlitePath();
    void rejectsMalformedInput_data();
    void rejectsMalformedInput();
    void displayNeverShowsPassword();
    void withDatabaseNameKeepsServer();
};

void TestStoreLocation::parsesPostgresUrls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("sslMode");
    QTest::addColumn<QString>("display");

    QTest::newRow("full")
        << u"postgresql://gavel:s3cret@db.example.org:5433/guilds?sslmode=require"_s
        << u"db.example.org"_s << 5433 << u"gavel"_s << u"s3cret"_s << u"guilds"_s << u"require"_s
        << u"postgresql://gavel@db.example.org:5433/guilds?sslmode=require"_s;
    QTest::newRow("postgres scheme")
        << u"postgres://me@localhost/gavel"_s << u"localhost"_s << 0 << u"me"_s << QString()
        << u"gavel"_s << QString() << u"postgresql://me@localhost/gavel"_s;
    QTest::newRow("upper-case scheme") << u"PostgreSQL://h/d"_s << u"h"_s << 0 << QString()
                                       << QString() << u"d"_s << QString() << u"postgresql://h/d"_s;
    QTest::newRow("host only") << u"postgresql://127.0.0.1/postgres"_s << u"127.0.0.1"_s << 0
                               << QString() << QString() << u"postgres"_s << QString()
                               << u"postgresql://127.0.0.1/postgres"_s;
    QTest::newRow("ipv6 and port")
        << u"postgresql://u@[::1]:55432/x"_s << u"::1"_s << 55432 << u"u"_s << QString() << u"x"_s
        << QString() << u"postgresql://u@[::1]:55432/x"_s;
    QTest::newRow("encoded password")
        << u"postgresql://ann:p%40ss%3Aw%2Frd@h/db"_s << u"h"_s << 0 << u"ann"_s << u"p@ss:w/rd"_s
        << u"db"_s << QString() << u"postgresql://ann@h/db"_s;
    QTest::newRow("unix socket") << u"postgresql:///gavel"_s << QString() << 0 << QString()
                                 << QString() << u"gavel"_s << QString()
                                 << u"postgresql:///gavel"_s;
    QTest::newRow("surrounding spaces")
        << u"  postgresql://h:1/d  "_s << u"h"_s << 1 << QString() << QString() << u"d"_s
        << QString() << u"postgresql://h:1/d"_s;
}

void TestStoreLocation::parsesPostgresUrls()
{
    QFETCH(QString, text);
    const gavel::Result<Location> parsed = Location::parse(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().text()));
    QCOMPARE(parsed->backend(), Backend::Postgres);
    QTEST(parsed->host(), "host");
    QTEST(parsed->port(), "port");
    QTEST(parsed->user(), "user");
    QTEST(parsed->password(), "password");
    QTEST(parsed->databaseName(), "database");
    QTEST(parsed->sslMode(), "sslMode");
    QTEST(parsed->display(), "display");
    // What is displayed parses back to the same place (minus the password).
    const gavel::Result<Location> again = Location::parse(parsed->display());
    QVERIFY(again.ok());
    QCOMPARE(again->host(), parsed->host());
    QCOMPARE(again->databaseName(), parsed->databaseName());
}

void TestStoreLocation::takesOtherTextAsSqlitePath_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("path");

    QTest::newRow("absolute") << u"/var/lib/gavel/guild.db"_s << u"/var/lib/gavel/guild.db"_s;
    QTest::newRow("relative") << u"data/guild.sqlite"_s
                              << QDir::cleanPath(
                                     QDir::current().absoluteFilePath(u"data/guild.sqlite"_s));
    QTest::newRow("dots") << u"/tmp/../tmp/./g.db"_s << u"/tmp/g.db"_s;
    QTest::newRow("colon in name") << u"/tmp/guild:2024.db"_s << u"/tmp/guild:2024.db"_s;
}

void TestStoreLocation::takesOtherTextAsSqlitePath()
{
    QFETCH(QString, text);
    const gavel::Result<Location> parsed = Location::parse(text);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->backend(), Backend::Sqlite);
    QTEST(parsed->path(), "path");
    QTEST(parsed->display(), "path");
}

void TestStoreLocation::rejectsMalformedInput_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // a fragment of the error message

    QTest::newRow("empty") << QString() << u"No database given"_s;
    QTest::newRow("blank") << u"   "_s << u"No database given"_s;
    QTest::newRow("other scheme") << u"mysql://root:pw@h/db"_s
                                  << u"Unsupported database URL scheme"_s;
    QTest::newRow("no database") << u"postgresql://h"_s << u"names no database"_s;
    QTest::newRow("empty database") << u"postgresql://h/"_s << u"names no database"_s;
    QTest::newRow("nested path") << u"postgresql://h/a/b"_s << u"contains '/'"_s;
    QTest::newRow("port not a number") << u"postgresql://h:abc/db"_s << u"Invalid database URL"_s;
    QTest::newRow("port zero") << u"postgresql://h:0/db"_s << u"between 1 and 65535"_s;
    QTest::newRow("port too big") << u"postgresql://h:70000/db"_s << u"Invalid database URL"_s;
    QTest::newRow("bad sslmode") << u"postgresql://h/db?sslmode=always"_s
                                 << u"sslmode \"always\""_s;
    QTest::newRow("unknown parameter")
        << u"postgresql://h/db?sslmod=require"_s << u"unknown parameter \"sslmod\""_s;
    QTest::newRow("fragment") << u"postgresql://h/db#x"_s << u"fragment"_s;
    QTest::newRow("space in host") << u"postgresql://my host/db"_s << u"Invalid database URL"_s;
    QTest::newRow("password without user") << u"postgresql://:pw@h/db"_s << u"without a user"_s;
}

void TestStoreLocation::rejectsMalformedInput()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const gavel::Result<Location> parsed = Location::parse(text);
    QVERIFY(!parsed.ok());
    const QString message = parsed.error().text();
    QVERIFY2(message.contains(expected), qPrintable(message));
    // Every error says what to do.
    QVERIFY(!parsed.error().hint.isEmpty());
    QVERIFY2(!message.contains(u"pw"_s), qPrintable(message));
}

void TestStoreLocation::displayNeverShowsPassword()
{
    const QString secret = u"Very$ecret-Pa55"_s;
    const gavel::Result<Location> parsed = Location::parse(u"postgresql://gavel:"_s + secret +
                                                           u"@db:5432/gavel?sslmode=verify-full"_s);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->password(), secret);
    QVERIFY(!parsed->display().contains(secret));
    QVERIFY(!parsed->withDatabaseName(u"other"_s).display().contains(secret));

    // Malformed URLs are quoted back in errors: with the password masked.
    const gavel::Result<Location> bad =
        Location::parse(u"postgresql://gavel:"_s + secret + u"@db:5432/"_s);
    QVERIFY(!bad.ok());
    QVERIFY2(!bad.error().text().contains(secret), qPrintable(bad.error().text()));
    QVERIFY(bad.error().text().contains(u"gavel:***@db"_s));
}

void TestStoreLocation::withDatabaseNameKeepsServer()
{
    const gavel::Result<Location> parsed =
        Location::parse(u"postgresql://gavel:pw@127.0.0.1:55432/postgres?sslmode=disable"_s);
    QVERIFY(parsed.ok());
    const Location other = parsed->withDatabaseName(u"gavel_test_1"_s);
    QCOMPARE(other.databaseName(), u"gavel_test_1"_s);
    QCOMPARE(other.host(), parsed->host());
    QCOMPARE(other.port(), parsed->port());
    QCOMPARE(other.user(), parsed->user());
    QCOMPARE(other.password(), parsed->password());
    QCOMPARE(other.sslMode(), parsed->sslMode());
}

QTEST_GUILESS_MAIN(TestStoreLocation)
#include "tst_store_location.moc"
