// `gavel sync` and `gavel status` as processes: SIGKILL at random points and resume, a disk
// that fills up, bad usage, and the status table.

#include "EmulatorFixture.h"
#include "SnapshotStore.h"
#include "StoreTestDatabase.h"
#include "SyncTestGuild.h"
#include "SyncTestSupport.h"
#include "TestPaths.h"
#include "common/Snowflake.h"
#include "demoguild/DemoGuild.h"
#include "store/CanonicalDump.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace gavel;
using gavel::test::EmulatorFixture;

namespace {

struct Outcome
{
    int exitCode = -1;
    bool crashed = false;
    QByteArray out, err;
};

QProcessEnvironment environment(const EmulatorFixture &emulator)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"GAVEL_TOKEN"_s, emulator.token());
    // No keychain in tests: the token comes from the environment.
    env.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
    return env;
}

Outcome run(const QStringList &args, const QProcessEnvironment &env, int timeoutMs = 60000,
            const QString &shellPrefix = {})
{
    QProcess p;
    p.setProcessEnvironment(env);
    if (shellPrefix.isEmpty()) {
        p.start(test::gavelBinary(), args);
    } else {
        QStringList quoted;
        for (const QString &a : args)
            quoted.append(u'\'' + a + u'\'');
        p.start(u"/bin/sh"_s, {u"-c"_s, shellPrefix + u" exec '"_s + test::gavelBinary() + u"' "_s +
                                            quoted.join(u' ')});
    }
    Outcome o;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        o.crashed = true;
    }
    o.exitCode = p.exitCode();
    o.crashed = o.crashed || p.exitStatus() == QProcess::CrashExit;
    o.out = p.readAllStandardOutput();
    o.err = p.readAllStandardError();
    return o;
}

QByteArray dumpOf(const QString &path, quint64 guildId, bool integrity = true)
{
    auto db = store::Database::open(store::Location::sqliteFile(path));
    if (!db)
        return "cannot open: " + db.error().text().toUtf8();
    if (integrity) {
        if (auto r = (*db)->integrityCheck(); !r)
            return "integrity: " + r.error().text().toUtf8();
    }
    auto dump = store::canonicalDump(**db, guildId);
    return dump ? *dump : "cannot dump";
}

qint64 storedMessages(const QString &path)
{
    store::OpenOptions options;
    options.readOnly = true;
    options.createIfMissing = false;
    auto db = store::Database::open(store::Location::sqliteFile(path), options);
    if (!db)
        return -1;
    auto n = (*db)->scalar(u"SELECT COUNT(*) FROM messages"_s);
    return n ? n->toLongLong() : -1;
}

} // namespace

class tst_SyncCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killedAtRandomPointsResumesToTheSameResult();
    void diskFullStopsWithOneMessage();
    void badUsage_data();
    void badUsage();
    void wrongTokenExitsOne();
    void statusShowsChannels();

private:
    QTemporaryDir m_dir;
    QString m_demo;
    quint64 m_demoGuild = 0;
};

void tst_SyncCli::initTestCase()
{
    QVERIFY2(QFile::exists(test::gavelBinary()), qPrintable(test::gavelBinary()));
    demoguild::Options o;
    o.seed = 3;
    o.members = 150;
    o.messages = 2000;
    m_demo = m_dir.filePath(u"demo.json"_s);
    auto written = demoguild::generate(o, m_demo);
    QVERIFY2(written.ok(), qPrintable(test::errorOf(written)));
    m_demoGuild = written->guildId;
}

void tst_SyncCli::killedAtRandomPointsResumesToTheSameResult()
{
    auto snapshot = emulator::Snapshot::load(m_demo);
    QVERIFY(snapshot.ok());
    EmulatorFixture emulator;
    QVERIFY(emulator.start(std::move(*snapshot)));
    const QProcessEnvironment env = environment(emulator);
    const QString api = emulator.apiUrl({}).toString();
    const QString guild = snowflake::toString(m_demoGuild);

    // The uninterrupted run.
    const QString whole = m_dir.filePath(u"whole.db"_s);
    const Outcome straight = run({u"sync"_s, u"--db"_s, whole, u"--guild"_s, guild, u"--api"_s, api,
                                  u"--global-rate"_s, u"0"_s},
                                 env);
    QVERIFY2(straight.exitCode == 0, straight.err.constData());
    const QByteArray expected = dumpOf(whole, m_demoGuild);

    // The killed runs: 100 requests/s and two channels at a time make one sync take ~17 s (a
    // page with its reactions ~1 s), and each run is killed after a random 0.2-2 s, until 20
    // kills have landed; then it may finish.
    const quint32 seed = 20261122;
    qInfo("kill seed %u", seed);
    QRandomGenerator random(seed);
    const QString killed = m_dir.filePath(u"killed.db"_s);
    const QStringList args{u"sync"_s,
                           killed,
                           u"--guild"_s,
                           guild,
                           u"--api"_s,
                           api,
                           u"--global-rate"_s,
                           u"150"_s,
                           u"--progress-interval"_s,
                           u"0"_s};
    QStringList withDb = args;
    withDb.insert(1, u"--db"_s);
    int kills = 0, runs = 0, killsAfterProgress = 0;
    qint64 lastStored = 0;
    QElapsedTimer total;
    total.start();
    for (;;) {
        ++runs;
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(test::gavelBinary(), withDb);
        QVERIFY(p.waitForStarted());
        if (kills < 20) {
            // Odd runs die after a random time (start-up included); even runs first commit at
            // least one new page, then die a random moment later: the points spread over the
            // whole sync even on a loaded machine.
            bool finished = false;
            if (runs % 2 == 0) {
                while (!(finished = p.waitForFinished(50)) &&
                       storedMessages(killed) <= lastStored) {
                }
            }
            const int delay = (runs % 2 == 0 ? 0 : 200) + int(random.bounded(1000));
            if (!finished && !p.waitForFinished(delay)) {
                ::kill(pid_t(p.processId()), SIGKILL);
                QVERIFY(p.waitForFinished(10000));
                ++kills;
                const qint64 stored = storedMessages(killed);
                if (stored > lastStored)
                    ++killsAfterProgress;
                lastStored = std::max(lastStored, stored);
                continue;
            }
        } else {
            QVERIFY(p.waitForFinished(120000));
        }
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                 p.readAllStandardError().constData());
        break;
    }
    qInfo("%d runs, %d SIGKILLs (%d after new pages were stored), %lld ms", runs, kills,
          killsAfterProgress, qint64(total.elapsed()));
    QVERIFY(kills >= 20);
    // The kills land across the run, not all in the start-up of a process.
    QVERIFY(killsAfterProgress >= 8);
    const QByteArray got = dumpOf(killed, m_demoGuild);
    QVERIFY2(got == expected, test::dumpDifference(got, expected).constData());
    auto db = store::Database::open(store::Location::sqliteFile(killed));
    QVERIFY(db.ok());
    QCOMPARE((*db)->lookupIndexesSuspended().value(), false);
    // Every killed run was marked interrupted by the run after it; none is left 'running'.
    QCOMPARE((*db)
                 ->scalar(u"SELECT COUNT(*) FROM sync_runs WHERE status = 'running'"_s)
                 .value()
                 .toLongLong(),
             qint64(0));
    const qint64 interrupted = (*db)
                                   ->scalar(u"SELECT COUNT(*) FROM sync_runs WHERE stats_json LIKE "
                                            u"'%\"interrupted\":true%'"_s)
                                   .value()
                                   .toLongLong();
    // (a kill before the run's row was written leaves nothing to mark)
    QVERIFY2(interrupted >= killsAfterProgress && interrupted <= kills,
             qPrintable(QString::number(interrupted)));
    const Outcome status =
        run({u"status"_s, u"--db"_s, killed, u"--format"_s, u"text"_s}, QProcessEnvironment());
    QCOMPARE(status.exitCode, 0);
    QVERIFY2(status.out.contains("was interrupted at ") &&
                 status.out.contains(", resumed by the next sync"),
             status.out.right(600).constData());
}

void tst_SyncCli::diskFullStopsWithOneMessage()
{
    auto snapshot = emulator::Snapshot::load(m_demo);
    QVERIFY(snapshot.ok());
    EmulatorFixture emulator;
    QVERIFY(emulator.start(std::move(*snapshot)));
    const QProcessEnvironment env = environment(emulator);
    // A real full disk: a 2 MB tmpfs (root only; the CI and this VM run tests as root).
    // Elsewhere a file-size limit stands in for it (SIGXFSZ ignored, so write() fails instead
    // of killing the process); that is not a full disk, so only the one-line error is checked.
    const QString mountPoint = m_dir.filePath(u"tiny"_s);
    QVERIFY(QDir().mkpath(mountPoint));
    const auto mount = [&](const QStringList &options) {
        return QProcess::execute(u"mount"_s,
                                 QStringList{u"-t"_s, u"tmpfs"_s, u"-o"_s, options.join(u',')} +
                                     QStringList{u"tmpfs"_s, mountPoint}) == 0;
    };
    const bool tmpfs = ::geteuid() == 0 && mount({u"size=2m"_s});
    const auto unmount = qScopeGuard([&] {
        if (tmpfs)
            QProcess::execute(u"umount"_s, {mountPoint});
    });
    const QString path = (tmpfs ? mountPoint : m_dir.path()) + u"/full.db"_s;
    const QStringList args{u"sync"_s,
                           u"--db"_s,
                           path,
                           u"--guild"_s,
                           snowflake::toString(m_demoGuild),
                           u"--api"_s,
                           emulator.apiUrl({}).toString(),
                           u"--global-rate"_s,
                           u"0"_s};
    const Outcome full =
        tmpfs ? run(args, env) : run(args, env, 60000, u"trap '' XFSZ; ulimit -f 3000;"_s);
    qInfo("%s: exit %d: %s", tmpfs ? "2 MB tmpfs" : "ulimit -f", full.exitCode,
          full.err.trimmed().constData());
    QVERIFY(!full.crashed);
    QCOMPARE(full.exitCode, 1);
    const QList<QByteArray> lines = full.err.trimmed().split('\n');
    QCOMPARE(lines.size(), 1);
    QVERIFY(lines.first().startsWith("gavel sync: "));
    if (tmpfs) {
        const QByteArray expected =
            "gavel sync: The disk holding " + QFileInfo(path).absoluteFilePath().toUtf8() +
            " is full: free space and run `gavel sync` again; nothing already stored was lost";
        QCOMPARE(lines.first(), expected);
    }
    // Once there is space: what was committed is intact (dumpOf runs the integrity check
    // first), and a run finishes the job.
    if (tmpfs)
        QVERIFY(mount({u"remount"_s, u"size=256m"_s}));
    const QByteArray partial = dumpOf(path, m_demoGuild);
    QVERIFY2(!partial.startsWith("integrity") && !partial.startsWith("cannot"),
             partial.left(300).constData());
    const Outcome rest = run(args, env);
    QVERIFY2(rest.exitCode == 0, rest.err.constData());
    auto reference = emulator::Snapshot::load(m_demo);
    test::StoreTestDatabase tmp(store::Backend::Sqlite);
    auto refDb = tmp.open();
    QVERIFY(refDb.ok());
    QVERIFY(test::loadSnapshotIntoStore(*reference, **refDb, 1).ok());
    const QByteArray expected = *store::canonicalDump(**refDb, m_demoGuild);
    const QByteArray got = dumpOf(path, m_demoGuild);
    QVERIFY2(got == expected, test::dumpDifference(got, expected).constData());
}

void tst_SyncCli::badUsage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no guild") << QStringList{u"sync"_s, u"--db"_s, u"x.db"_s};
    QTest::newRow("guild not a number")
        << QStringList{u"sync"_s, u"--db"_s, u"x.db"_s, u"--guild"_s, u"my-server"_s};
    QTest::newRow("bad api") << QStringList{u"sync"_s, u"--db"_s,  u"x.db"_s,   u"--guild"_s,
                                            u"123"_s,  u"--api"_s, u"ftp://x"_s};
    QTest::newRow("bad window") << QStringList{
        u"sync"_s, u"--db"_s, u"x.db"_s, u"--guild"_s, u"123"_s, u"--rescan-days"_s, u"-3"_s};
    QTest::newRow("status without db") << QStringList{u"status"_s};
}

void tst_SyncCli::badUsage()
{
    QFETCH(QStringList, args);
    const Outcome o = run(args, QProcessEnvironment::systemEnvironment());
    QCOMPARE(o.exitCode, 2);
    QCOMPARE(o.err.trimmed().split('\n').size(), 1);
    QVERIFY(o.out.isEmpty());
}

void tst_SyncCli::wrongTokenExitsOne()
{
    EmulatorFixture emulator;
    QVERIFY(emulator.start(test::syncTestGuild()));
    QProcessEnvironment env = environment(emulator);
    env.insert(u"GAVEL_TOKEN"_s, u"not-the-token"_s);
    const QString path = m_dir.filePath(u"token.db"_s);
    const Outcome o = run({u"sync"_s, u"--db"_s, path, u"--guild"_s,
                           snowflake::toString(test::syncTestGuild().guildId()), u"--api"_s,
                           emulator.apiUrl({}).toString()},
                          env);
    QCOMPARE(o.exitCode, 1);
    QCOMPARE(o.err.trimmed().split('\n').size(), 1);
    QVERIFY(o.err.contains("token"));
    QVERIFY(!o.err.contains("not-the-token"));
}

void tst_SyncCli::statusShowsChannels()
{
    test::SyncTestGuildIds g;
    const test::SnapshotBuilder builder = test::syncTestGuild(&g);
    EmulatorFixture emulator;
    QVERIFY(emulator.start(builder));
    const QString path = m_dir.filePath(u"status.db"_s);
    const Outcome synced =
        run({u"sync"_s, u"--db"_s, path, u"--guild"_s, snowflake::toString(builder.guildId()),
             u"--api"_s, emulator.apiUrl({}).toString(), u"--global-rate"_s, u"0"_s},
            environment(emulator));
    QVERIFY2(synced.exitCode == 0, synced.err.constData());
    QVERIFY(synced.out.startsWith("synced: 258 new messages"));
    QCOMPARE(synced.out.count('\n'), 1);

    const Outcome status = run({u"status"_s, u"--db"_s, path}, QProcessEnvironment());
    QVERIFY2(status.exitCode == 0, status.err.constData());
    const QList<QByteArray> lines = status.out.trimmed().split('\n');
    QCOMPARE(lines.first(), QByteArray("guild_id,guild,channel_id,channel,type,messages,"
                                       "reactions,last_message_at,last_synced_at,readable,"
                                       "deleted"));
    const QByteArray busy = snowflake::toString(g.busy).toUtf8();
    bool foundBusy = false, foundHidden = false;
    for (const QByteArray &line : lines) {
        const QList<QByteArray> f = line.split(',');
        if (f.value(2) == busy) {
            foundBusy = true;
            QCOMPARE(f.value(5), QByteArray("250"));
            QCOMPARE(f.value(6), QByteArray("209"));
            QVERIFY(!f.value(8).isEmpty());
            QCOMPARE(f.value(9), QByteArray("yes"));
        }
        if (f.value(2) == snowflake::toString(g.hidden).toUtf8()) {
            foundHidden = true;
            QCOMPARE(f.value(9), QByteArray("no"));
        }
    }
    QVERIFY(foundBusy && foundHidden);

    const Outcome missing =
        run({u"status"_s, u"--db"_s, m_dir.filePath(u"absent.db"_s)}, QProcessEnvironment());
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(!QFile::exists(m_dir.filePath(u"absent.db"_s)));
}

QTEST_GUILESS_MAIN(tst_SyncCli)
#include "tst_synccli.moc"
