// `gavel emulate` as a process: first stdout line, token sources, signals, error exits.

#include "EmulatorClient.h"
#include "SnapshotBuilder.h"
#include "TestPaths.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace gavel;
using namespace gavel::test;

class TestEmulatorCommand : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_snapshot;

    //! Starts `gavel emulate` and waits for its first stdout line; returns the port or 0.
    quint16 start(QProcess &process, const QStringList &extra,
                  const QProcessEnvironment &env = clean())
    {
        process.setProcessEnvironment(env);
        process.start(gavelBinary(), QStringList{QStringLiteral("emulate"),
                                                 QStringLiteral("--snapshot"), m_snapshot} +
                                         extra);
        if (!process.waitForStarted(10000))
            return 0;
        while (!process.canReadLine()) {
            if (!process.waitForReadyRead(30000))
                return 0;
        }
        const QString line = QString::fromUtf8(process.readLine()).trimmed();
        const auto match =
            QRegularExpression(
                QStringLiteral("^listening on http://127\\.0\\.0\\.1:(\\d+)/api/v10$"))
                .match(line);
        if (!match.hasMatch()) {
            qWarning("unexpected first line: %s", qPrintable(line));
            return 0;
        }
        return static_cast<quint16>(match.captured(1).toUInt());
    }

    static QProcessEnvironment clean()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("GAVEL_TOKEN"));
        return env;
    }

    static QString origin(quint16 port) { return QStringLiteral("http://127.0.0.1:%1").arg(port); }

    //! Runs to completion; returns the exit code and fills stderr.
    int runToEnd(const QStringList &args, QString *stderrText)
    {
        QProcess process;
        process.setProcessEnvironment(clean());
        process.start(gavelBinary(), QStringList{QStringLiteral("emulate")} + args);
        if (!process.waitForFinished(30000))
            return -1;
        *stderrText = QString::fromUtf8(process.readAllStandardError());
        return process.exitCode();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!gavelBinary().isEmpty());
        m_snapshot = m_dir.filePath(QStringLiteral("guild.json"));
        QVERIFY(SnapshotBuilder::typical().writeTo(m_snapshot));
    }

    void servesUntilSigterm()
    {
        QProcess process;
        const quint16 port = start(process, {QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY(port > 0);
        EmulatorClient client(origin(port), QString());
        QCOMPARE(client.get(QStringLiteral("/users/@me")).status, 401);
        client.setToken(QStringLiteral("gavel-emulator-token"));
        QCOMPARE(client.get(QStringLiteral("/users/@me")).status, 200);
        process.terminate(); // SIGTERM
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(err.contains(QStringLiteral("fixed default token 'gavel-emulator-token'")),
                 qPrintable(err));
    }

    void sigintStopsToo()
    {
        QProcess process;
        QVERIFY(start(process, {}) > 0);
        ::kill(static_cast<pid_t>(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
    }

    void tokenSources_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("envName");
        QTest::addColumn<QString>("envValue");
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("stderrPart");
        QTest::newRow("GAVEL_TOKEN")
            << QStringList() << QStringLiteral("GAVEL_TOKEN") << QStringLiteral("s3cret-env")
            << QStringLiteral("s3cret-env") << QStringLiteral("environment variable GAVEL_TOKEN");
        QTest::newRow("env wins over --token")
            << QStringList{QStringLiteral("--token"), QStringLiteral("s3cret-arg")}
            << QStringLiteral("GAVEL_TOKEN") << QStringLiteral("s3cret-env")
            << QStringLiteral("s3cret-env") << QStringLiteral("environment variable GAVEL_TOKEN");
        QTest::newRow("--token-env")
            << QStringList{QStringLiteral("--token-env"), QStringLiteral("MY_BOT")}
            << QStringLiteral("MY_BOT") << QStringLiteral("s3cret-mine")
            << QStringLiteral("s3cret-mine") << QStringLiteral("environment variable MY_BOT");
        QTest::newRow("--token") << QStringList{QStringLiteral("--token"),
                                                QStringLiteral("s3cret-arg")}
                                 << QString() << QString() << QStringLiteral("s3cret-arg")
                                 << QStringLiteral("given with --token");
    }

    void tokenSources()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, envName);
        QFETCH(QString, envValue);
        QFETCH(QString, token);
        QFETCH(QString, stderrPart);
        QProcessEnvironment env = clean();
        if (!envName.isEmpty())
            env.insert(envName, envValue);
        QProcess process;
        const quint16 port = start(process, args, env);
        QVERIFY(port > 0);
        EmulatorClient client(origin(port), token);
        QCOMPARE(client.get(QStringLiteral("/users/@me")).status, 200);
        client.setToken(QStringLiteral("gavel-emulator-token"));
        QCOMPARE(client.get(QStringLiteral("/users/@me")).status, 401);
        process.terminate();
        QVERIFY(process.waitForFinished(10000));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(err.contains(stderrPart), qPrintable(err));
        QVERIFY2(!err.contains(QStringLiteral("s3cret")), qPrintable(err)); // never print a token
    }

    void verboseFaultsAndOptions()
    {
        QProcess process;
        const quint16 port =
            start(process,
                  {QStringLiteral("--faults"), QStringLiteral("1"), QStringLiteral("--fault-kinds"),
                   QStringLiteral("503"), QStringLiteral("--verbose"), QStringLiteral("--bucket"),
                   QStringLiteral("2/10"), QStringLiteral("--route-bucket"),
                   QStringLiteral("channel=1/10"), QStringLiteral("--no-members-intent")});
        QVERIFY(port > 0);
        EmulatorClient client(origin(port), QStringLiteral("gavel-emulator-token"));
        QCOMPARE(client.get(QStringLiteral("/users/@me")).status, 503);
        const QJsonObject config = client.admin("GET", QStringLiteral("/config")).object();
        QCOMPARE(config[QStringLiteral("bucket")].toString(), QStringLiteral("2/10"));
        QCOMPARE(config[QStringLiteral("route_buckets")][QStringLiteral("channel")].toString(),
                 QStringLiteral("1/10"));
        QCOMPARE(config[QStringLiteral("members_intent")].toBool(), false);
        process.terminate();
        QVERIFY(process.waitForFinished(10000));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(err.contains(QStringLiteral("fault 503 on request #1 GET /api/v10/users/@me")),
                 qPrintable(err));
    }

    void gzipSnapshot()
    {
        const QString gz = m_dir.filePath(QStringLiteral("guild.json.gz"));
        QVERIFY(SnapshotBuilder::typical().writeTo(gz, true));
        QProcess process;
        process.setProcessEnvironment(clean());
        process.start(gavelBinary(), {QStringLiteral("emulate"), QStringLiteral("--snapshot"), gz});
        QVERIFY(process.waitForReadyRead(30000));
        QVERIFY(process.readLine().startsWith("listening on http://127.0.0.1:"));
        process.terminate();
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
    }

    void snapshotErrorsExitOne_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing file") << QByteArray() << QStringLiteral("cannot open snapshot");
        QTest::newRow("bad JSON")
            << QByteArray("{\"format\": \"guild-snapshot/1\",\n  \"guild\": {,}}")
            << QStringLiteral("is not valid JSON: expected a quoted key in an object at byte 43 "
                              "(line 2, column 13)");
        QTest::newRow("wrong format") << QByteArray("{\"format\": \"something-else\"}")
                                      << QStringLiteral("\"format\" is not \"guild-snapshot/1\"");
        QJsonObject doc = QJsonDocument::fromJson(SnapshotBuilder::typical().json()).object();
        doc[QStringLiteral("reactions")] =
            QJsonObject{{QStringLiteral("1/2/x"), QJsonArray{QStringLiteral("3")}}};
        QTest::newRow("reactions without a message")
            << QJsonDocument(doc).toJson() << QStringLiteral("there is no message 2 in channel 1");
    }

    void snapshotErrorsExitOne()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QString path = m_dir.filePath(QStringLiteral("absent.json"));
        if (!content.isEmpty()) {
            path = m_dir.filePath(QStringLiteral("bad.json"));
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(content);
        }
        QString err;
        QCOMPARE(runToEnd({QStringLiteral("--snapshot"), path}, &err), 1);
        QVERIFY2(err.startsWith(QStringLiteral("gavel emulate: ")), qPrintable(err));
        QVERIFY2(err.contains(expected), qPrintable(err));
        QCOMPARE(err.trimmed().count(u'\n'), 0); // one line
    }

    void demoGeneratesOnceThenServes()
    {
        // --demo generates the default demo guild into the data folder on first use and reuses
        // it after; an isolated HOME keeps the test away from the user's cache.
        QTemporaryDir home;
        QProcessEnvironment env = clean();
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        for (int run = 0; run < 2; ++run) {
            QProcess process;
            process.setProcessEnvironment(env);
            process.start(gavelBinary(), {QStringLiteral("emulate"), QStringLiteral("--demo")});
            QVERIFY(process.waitForStarted(10000));
            while (!process.canReadLine())
                QVERIFY(process.waitForReadyRead(120000));
            const QString line = QString::fromUtf8(process.readLine()).trimmed();
            const auto match =
                QRegularExpression(
                    QStringLiteral("^listening on http://127\\.0\\.0\\.1:(\\d+)/api/v10$"))
                    .match(line);
            QVERIFY2(match.hasMatch(), qPrintable(line));
            EmulatorClient client(origin(static_cast<quint16>(match.captured(1).toUInt())),
                                  QStringLiteral("gavel-emulator-token"));
            const auto guilds = client.get(QStringLiteral("/users/@me/guilds"));
            QCOMPARE(guilds.status, 200);
            process.terminate();
            QVERIFY(process.waitForFinished(10000));
            QCOMPARE(process.exitCode(), 0);
        }
        const QStringList cached =
            QDir(home.filePath(QStringLiteral("data/Gavel/gavel/demo")))
                .entryList({QStringLiteral("demo-guild-*.json.gz")}, QDir::Files);
        QCOMPARE(cached.size(), 1);
    }

    void usageErrorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no snapshot") << QStringList();
        QTest::newRow("bad bucket")
            << QStringList{QStringLiteral("--snapshot"), QStringLiteral("x"),
                           QStringLiteral("--bucket"), QStringLiteral("5")};
        QTest::newRow("bad group")
            << QStringList{QStringLiteral("--snapshot"), QStringLiteral("x"),
                           QStringLiteral("--route-bucket"), QStringLiteral("nope=1/1")};
        QTest::newRow("bad fault kind")
            << QStringList{QStringLiteral("--snapshot"), QStringLiteral("x"),
                           QStringLiteral("--fault-kinds"), QStringLiteral("boom")};
        QTest::newRow("snapshot and demo") << QStringList{
            QStringLiteral("--snapshot"), QStringLiteral("x"), QStringLiteral("--demo")};
        QTest::newRow("bad rate") << QStringList{QStringLiteral("--snapshot"), QStringLiteral("x"),
                                                 QStringLiteral("--faults"), QStringLiteral("2")};
    }

    void usageErrorsExitTwo()
    {
        QFETCH(QStringList, args);
        QString err;
        QCOMPARE(runToEnd(args, &err), 2);
        QVERIFY2(err.startsWith(QStringLiteral("gavel emulate: ")), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorCommand)
#include "tst_emulator_command.moc"
