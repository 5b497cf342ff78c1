// `gavel demo-guild` as a process: files written, one summary line, exit codes.

#include "TestPaths.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runGavel(const QStringList &args)
{
    QProcess process;
    process.start(gavel::test::gavelBinary(), QStringList{u"demo-guild"_s} + args);
    Run run;
    if (!process.waitForFinished(120000)) {
        process.kill();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace

class TestDemoGuildCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void writesSnapshotAndTruth();
    void gzipOutput();
    void usageErrors_data();
    void usageErrors();
    void unwritableOutput();
    void help();

private:
    QTemporaryDir m_dir;
};

void TestDemoGuildCli::initTestCase()
{
    QVERIFY2(QFile::exists(gavel::test::gavelBinary()), "GAVEL_BINARY must name the built gavel");
    QVERIFY(m_dir.isValid());
}

void TestDemoGuildCli::writesSnapshotAndTruth()
{
    const QString out = m_dir.filePath(u"cli.json"_s);
    const Run run =
        runGavel({u"--out"_s,           out,      u"--seed"_s,         u"5"_s,
                  u"--members"_s,       u"150"_s, u"--messages"_s,     u"1500"_s,
                  u"--rings"_s,         u"2"_s,   u"--alts"_s,         u"1"_s,
                  u"--friend-groups"_s, u"2"_s,   u"--ring-density"_s, u"0.7"_s,
                  u"--days"_s,          u"200"_s, u"--end"_s,          u"2026-06-01"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
    const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    QVERIFY(lines[0].startsWith(u"wrote "_s + out));
    QVERIFY(lines[0].contains(u"150 members"));
    QVERIFY(lines[0].contains(u"1500 messages"));

    QFile snapshot(out);
    QVERIFY(snapshot.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(snapshot.readAll()).object();
    QCOMPARE(root.value(u"format").toString(), u"guild-snapshot/1"_s);
    QFile truthFile(out + u".truth.json"_s);
    QVERIFY(truthFile.open(QIODevice::ReadOnly));
    const QJsonObject truth = QJsonDocument::fromJson(truthFile.readAll()).object();
    QCOMPARE(truth.value(u"seed").toString(), u"5"_s);
    const QJsonObject options = truth.value(u"options").toObject();
    QCOMPARE(options.value(u"members").toInt(), 150);
    QCOMPARE(options.value(u"friend_groups").toInt(), 2);
    QCOMPARE(options.value(u"ring_density").toDouble(), 0.7);
    QCOMPARE(options.value(u"days").toInt(), 200);
    QCOMPARE(truth.value(u"history").toObject().value(u"end").toString(),
             u"2026-06-01T00:00:00.000000+00:00"_s);
    QCOMPARE(int(truth.value(u"rings").toArray().size()), 2);

    // Same options again: the same bytes.
    const QString again = m_dir.filePath(u"cli-again.json"_s);
    QCOMPARE(runGavel({u"--out"_s,           again,    u"--seed"_s,         u"5"_s,
                       u"--members"_s,       u"150"_s, u"--messages"_s,     u"1500"_s,
                       u"--rings"_s,         u"2"_s,   u"--alts"_s,         u"1"_s,
                       u"--friend-groups"_s, u"2"_s,   u"--ring-density"_s, u"0.7"_s,
                       u"--days"_s,          u"200"_s, u"--end"_s,          u"2026-06-01"_s})
                 .exitCode,
             0);
    QFile second(again);
    QVERIFY(second.open(QIODevice::ReadOnly));
    snapshot.seek(0);
    QVERIFY(snapshot.readAll() == second.readAll());
}

void TestDemoGuildCli::gzipOutput()
{
    const QString out = m_dir.filePath(u"cli.json.gz"_s);
    const Run run =
        runGavel({u"--out"_s, out, u"--members"_s, u"100"_s, u"--messages"_s, u"1000"_s});
    QCOMPARE(run.exitCode, 0);
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(2) == QByteArray("\x1f\x8b"));
    QVERIFY(QFile::exists(out + u".truth.json"_s));
}

void TestDemoGuildCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("missing --out") << QStringList{u"--members"_s, u"100"_s} << u"--out"_s;
    QTest::newRow("not a number") << QStringList{u"--out"_s, u"x.json"_s, u"--members"_s, u"lots"_s}
                                  << u"--members"_s;
    QTest::newRow("out of range") << QStringList{u"--out"_s, u"x.json"_s, u"--members"_s, u"5"_s}
                                  << u"--members"_s;
    QTest::newRow("bad fraction") << QStringList{u"--out"_s, u"x.json"_s, u"--ring-density"_s,
                                                 u"2"_s}
                                  << u"--ring-density"_s;
    QTest::newRow("bad seed") << QStringList{u"--out"_s, u"x.json"_s, u"--seed"_s, u"-1"_s}
                              << u"--seed"_s;
    QTest::newRow("bad date") << QStringList{u"--out"_s, u"x.json"_s, u"--end"_s, u"soon"_s}
                              << u"--end"_s;
    QTest::newRow("unknown option")
        << QStringList{u"--out"_s, u"x.json"_s, u"--colour"_s} << u"colour"_s;
}

void TestDemoGuildCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const Run run = runGavel(args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    const QStringList lines = run.err.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines[0].startsWith(u"gavel demo-guild: "), qPrintable(lines[0]));
    QVERIFY2(lines[0].contains(mentions), qPrintable(lines[0]));
    QVERIFY(!QFile::exists(u"x.json"_s));
}

void TestDemoGuildCli::unwritableOutput()
{
    const QString out = m_dir.filePath(u"missing-dir/demo.json"_s);
    const Run run =
        runGavel({u"--out"_s, out, u"--members"_s, u"100"_s, u"--messages"_s, u"1000"_s});
    QCOMPARE(run.exitCode, 1);
    const QStringList lines = run.err.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines[0].contains(u"does not exist"), qPrintable(lines[0]));
    QVERIFY(!QFile::exists(out));
}

void TestDemoGuildCli::help()
{
    const Run run = runGavel({u"--help"_s});
    QCOMPARE(run.exitCode, 0);
    for (const QString &option : {u"--out"_s, u"--seed"_s, u"--members"_s, u"--messages"_s,
                                  u"--rings"_s, u"--alts"_s, u"--friend-groups"_s})
        QVERIFY2(run.out.contains(option), qPrintable(option));
}

QTEST_GUILESS_MAIN(TestDemoGuildCli)
#include "tst_demoguild_cli.moc"
