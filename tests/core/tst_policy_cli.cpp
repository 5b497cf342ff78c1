// gavel scores / plan / compare as processes on a database built from a demo guild: the CSV
// and JSON contracts of ../shared/docs/cli.md, exit codes and one-line errors.

#include "SnapshotStore.h"
#include "TestPaths.h"
#include "demoguild/DemoGuild.h"
#include "store/Database.h"
#include "store/Location.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace gavel;

namespace {

struct Run
{
    int exit = -1;
    QString out, err;
};

Run gavelRun(const QStringList &args)
{
    QProcess p;
    p.start(test::gavelBinary(), args);
    if (!p.waitForFinished(120000))
        qFatal("gavel %s did not finish", qPrintable(args.join(u' ')));
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString policy(const QString &name)
{
    return test::sourceDir() + u"/resources/policies/"_s + name + u".json"_s;
}

} // namespace

class TestPolicyCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void scores();
    void planCsvAndJson();
    void compare();
    void usageAndFailures_data();
    void usageAndFailures();

private:
    QTemporaryDir m_dir;
    QString m_db;
    QString m_truthPath;
    QJsonObject m_truth;
};

void TestPolicyCli::initTestCase()
{
    QVERIFY(QFileInfo::exists(test::gavelBinary()));
    demoguild::Options o;
    o.members = 300;
    o.messages = 6000;
    const QString snapshot = m_dir.filePath(u"demo.json"_s);
    auto s = demoguild::generate(o, snapshot);
    QVERIFY(s.ok());
    m_truthPath = demoguild::truthPathFor(snapshot);
    QFile t(m_truthPath);
    QVERIFY(t.open(QIODevice::ReadOnly));
    m_truth = QJsonDocument::fromJson(t.readAll()).object();
    m_db = m_dir.filePath(u"g.db"_s);
    auto db = store::Database::open(store::Location::sqliteFile(m_db));
    QVERIFY(db.ok());
    QVERIFY(test::loadSnapshotIntoStore(snapshot, **db, QDateTime::currentMSecsSinceEpoch()).ok());
}

void TestPolicyCli::scores()
{
    const Run r = gavelRun({u"scores"_s, u"--db"_s, m_db, u"--policy"_s, policy(u"daimyo"_s),
                            u"--at"_s, u"2026-11-01"_s});
    QCOMPARE(r.exit, 0);
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(lines.size() > 100);
    QVERIFY(lines[0].startsWith(u"user_id,score,level,level_name,role_id,"_s));
    const int columns = int(lines[0].count(u',')) + 1;
    QSet<QString> ids;
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList f = lines[i].split(u',');
        QVERIFY2(f.size() >= columns, qPrintable(lines[i]));
        QVERIFY(f[0].toULongLong() > 0);
        ids.insert(f[0]);
    }
    QCOMPARE(ids.size(), lines.size() - 1);
    // Every Sensei of the truth is at least Senpai (decay) under the policy.
    for (const QJsonValue &v : m_truth[u"role_holders"_s].toObject()[u"Sensei"_s].toArray())
        QVERIFY(ids.contains(v.toString()));

    const Run k = gavelRun({u"scores"_s, u"--db"_s, m_db, u"--policy"_s, policy(u"karma"_s)});
    QCOMPARE(k.exit, 0);
    QVERIFY(k.out.startsWith(u"user_id,score,level,level_name,role_id,counted,username\n"_s));
}

void TestPolicyCli::planCsvAndJson()
{
    const Run r = gavelRun({u"plan"_s, u"--db"_s, m_db, u"--policy"_s, policy(u"daimyo"_s),
                            u"--at"_s, u"2026-11-01T00:00:00Z"_s});
    QCOMPARE(r.exit, 0);
    QVERIFY(r.out.startsWith(u"user_id,action,role_id,role_name,reason,change\n"_s));
    // The decay candidates are demoted from Sensei (the synced role spans start at joins, so
    // other rows may differ from the truth's replay; decay needs no role history).
    for (const QJsonValue &v : m_truth[u"special"_s].toObject()[u"decay_candidates"_s].toArray())
        QVERIFY2(r.out.contains(v.toString() + u",demote,"_s), qPrintable(r.out.left(2000)));
    const Run j = gavelRun({u"plan"_s, u"--db"_s, m_db, u"--policy"_s, policy(u"daimyo"_s),
                            u"--format"_s, u"json"_s, u"--at"_s, u"2026-11-01"_s});
    QCOMPARE(j.exit, 0);
    const QJsonObject o = QJsonDocument::fromJson(j.out.toUtf8()).object();
    QCOMPARE(o[u"format"_s].toString(), u"gavel-plan/1"_s);
    QCOMPARE(o[u"at"_s].toString(), u"2026-11-01T00:00:00.000Z"_s);
    QVERIFY(o[u"policy"_s].toObject()[u"hash"_s].toString().startsWith(u"sha256:"_s));
    QCOMPARE(o[u"changes"_s].toArray().size(), r.out.count(u'\n') - 1);
}

void TestPolicyCli::compare()
{
    const Run r =
        gavelRun({u"compare"_s, u"--db"_s, m_db, u"--policy"_s, policy(u"pollen-2020"_s),
                  u"--policy"_s, policy(u"pollen-hardened"_s), u"--truth"_s, m_truthPath});
    QCOMPARE(r.exit, 0);
    QVERIFY(r.out.startsWith(u"kind,subject,a,b\n"_s));
    QVERIFY(r.out.contains(u"\nspearman,,"_s));
    QVERIFY(r.out.contains(u"\ntop_10pct_share,,"_s));
    const int groups =
        int(m_truth[u"rings"_s].toArray().size() + m_truth[u"alt_families"_s].toArray().size());
    QCOMPARE(int(r.out.count(u"\ngroup_share,"_s)), groups);
    const Run j = gavelRun({u"compare"_s, u"--db"_s, m_db, u"--policy"_s, policy(u"daimyo"_s),
                            u"--policy"_s, policy(u"karma"_s), u"--format"_s, u"json"_s});
    QCOMPARE(j.exit, 0);
    const QJsonObject o = QJsonDocument::fromJson(j.out.toUtf8()).object();
    QCOMPARE(o[u"format"_s].toString(), u"gavel-compare/1"_s);
    QVERIFY(o[u"spearman"_s].toDouble() > -1.0 && o[u"spearman"_s].toDouble() <= 1.0);
}

void TestPolicyCli::usageAndFailures_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exit");
    QTest::addColumn<QString>("message");
    QTest::newRow("no --db") << QStringList{u"scores"_s, u"--policy"_s, u"x.json"_s} << 2
                             << u"db"_s;
    QTest::newRow("bad --format") << QStringList{u"plan"_s,   u"--db"_s,     u"DB"_s, u"--policy"_s,
                                                 u"DAIMYO"_s, u"--format"_s, u"xml"_s}
                                  << 2 << u"--format"_s;
    QTest::newRow("bad --at") << QStringList{u"scores"_s, u"--db"_s, u"DB"_s,       u"--policy"_s,
                                             u"DAIMYO"_s, u"--at"_s, u"yesterday"_s}
                              << 2 << u"--at"_s;
    QTest::newRow("one policy to compare")
        << QStringList{u"compare"_s, u"--db"_s, u"DB"_s, u"--policy"_s, u"DAIMYO"_s} << 2
        << u"two"_s;
    QTest::newRow("missing policy file")
        << QStringList{u"scores"_s, u"--db"_s, u"DB"_s, u"--policy"_s, u"/nonexistent.json"_s} << 1
        << u"nonexistent.json"_s;
    QTest::newRow("unknown role") << QStringList{u"plan"_s, u"--db"_s, u"DB"_s, u"--policy"_s,
                                                 u"TYPO"_s}
                                  << 1 << u"Senpia"_s;
    QTest::newRow("unknown guild") << QStringList{u"scores"_s,
                                                  u"--db"_s,
                                                  u"DB"_s,
                                                  u"--policy"_s,
                                                  u"DAIMYO"_s,
                                                  u"--guild"_s,
                                                  u"123456789012345678"_s}
                                   << 1 << u"123456789012345678"_s;
}

void TestPolicyCli::usageAndFailures()
{
    QFETCH(QStringList, args);
    QFETCH(int, exit);
    QFETCH(QString, message);
    QFile typo(policy(u"daimyo"_s));
    QVERIFY(typo.open(QIODevice::ReadOnly));
    const QString typoPath = m_dir.filePath(u"typo.json"_s);
    QFile out(typoPath);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(typo.readAll().replace("\"role\": \"Senpai\"", "\"role\": \"Senpia\""));
    out.close();
    for (QString &a : args) {
        if (a == u"DB"_s)
            a = m_db;
        else if (a == u"DAIMYO"_s)
            a = policy(u"daimyo"_s);
        else if (a == u"TYPO"_s)
            a = typoPath;
    }
    const Run r = gavelRun(args);
    QCOMPARE(r.exit, exit);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err.count(u'\n'), 1);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestPolicyCli)
#include "tst_policy_cli.moc"
