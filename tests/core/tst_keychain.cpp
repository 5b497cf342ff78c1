// The keychain token source against a real Secret Service (gnome-keyring on a private D-Bus
// session, see tests/support/run-with-keyring.sh), and without any keychain (a child process
// of this test whose session bus address points nowhere).

#include "discord/KeychainTokenSource.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTest>
#include <QThread>
#include <qt6keychain/keychain.h>

using namespace gavel;
using namespace gavel::discord;
using namespace Qt::StringLiterals;

namespace {

constexpr quint64 guildA = 1100000000000000001ULL;
constexpr quint64 guildB = 1100000000000000002ULL;
const char *const tokenA = "MTEwMDAwMDAwMDAwMDAwMDA.GaVeLa.secret-of-guild-a";
const char *const tokenB = "MTEwMDAwMDAwMDAwMDAwMDA.GaVeLb.secret-of-guild-b";
const char *const envVariable = "GAVEL_TST_KEYCHAIN_TOKEN";
const char *const childVariable = "GAVEL_TST_KEYCHAIN_CHILD";

QString captured;
QtMessageHandler previousHandler = nullptr;
void captureMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    captured += message + u'\n';
    if (previousHandler)
        previousHandler(type, context, message);
}

//! Writes an entry the way another program (or an older Gavel) might, bypassing validation.
QKeychain::Error writeRaw(quint64 guild, const QString &text)
{
    QKeychain::WritePasswordJob job(KeychainTokenSource::serviceName());
    job.setAutoDelete(false);
    job.setKey(KeychainTokenSource::keyFor(guild));
    job.setTextData(text);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    return job.error();
}

//! The child's part of noKeychainGivesClearError(): one line per operation on stdout.
int runNoKeychainChild()
{
    QTextStream out(stdout);
    const KeychainTokenSource::Lookup lookup = KeychainTokenSource(guildA).lookup();
    out << "lookup-status " << int(lookup.status) << '\n';
    out << "lookup-error " << lookup.error.text() << '\n';
    const Result<void> stored = KeychainTokenSource::store(guildA, QString::fromLatin1(tokenA));
    out << "store-ok " << int(stored.ok()) << '\n';
    out << "store-error " << (stored ? QString() : stored.error().text()) << '\n';
    const Result<void> removed = KeychainTokenSource::remove(guildA);
    out << "remove-ok " << int(removed.ok()) << '\n';
    qunsetenv(envVariable);
    const Result<Token> neither =
        GuildTokenSource(guildA, QString::fromLatin1(envVariable)).token();
    out << "chain-unset-ok " << int(neither.ok()) << '\n';
    out << "chain-unset-error " << (neither ? QString() : neither.error().text()) << '\n';
    qputenv(envVariable, tokenB);
    const Result<Token> fromEnv =
        GuildTokenSource(guildA, QString::fromLatin1(envVariable)).token();
    out << "chain-env-ok " << int(fromEnv.ok()) << '\n';
    out << "chain-env-auth "
        << (fromEnv ? QString::fromLatin1(fromEnv->authorizationValue()) : QString()) << '\n';
    return 0;
}

} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void entryNames();
    void storeReadRemove();
    void storeReplaces();
    void storeNormalisesPastedHeader();
    void storeRefusesBadTokens_data();
    void storeRefusesBadTokens();
    void guildsAreSeparate();
    void badEntryIsReportedNotSkipped();
    void chainPrefersKeychain();
    void chainFallsBackToEnvironment();
    void chainNamesBothPlaces();
    void chainReportsBadVariable();
    void readsFromWorkerThread();
    void tokenNeverAppearsInOutput();
    void noKeychainGivesClearError();
};

void TestKeychain::initTestCase()
{
    // This suite needs the Secret Service the wrapper starts; fail loudly rather than test
    // nothing, and never run against (and change) the developer's own keyring.
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
             "no D-Bus session: run through tests/support/run-with-keyring.sh (ctest does)");
    QVERIFY2(qEnvironmentVariable("XDG_DATA_HOME").contains(u"gavel-keyring"_s),
             "not in run-with-keyring.sh's throwaway home: refusing to touch a real keyring");
    const Result<void> probe = KeychainTokenSource::remove(guildA, 20'000);
    QVERIFY2(probe.ok(), qPrintable(probe ? QString() : probe.error().text()));
}

void TestKeychain::cleanup()
{
    QVERIFY(KeychainTokenSource::remove(guildA).ok());
    QVERIFY(KeychainTokenSource::remove(guildB).ok());
    qunsetenv(envVariable);
}

void TestKeychain::entryNames()
{
    QCOMPARE(KeychainTokenSource::serviceName(), u"Gavel"_s);
    QCOMPARE(KeychainTokenSource::keyFor(guildA), u"bot-token:1100000000000000001"_s);
    const QString described = KeychainTokenSource(guildA).describe();
    QVERIFY2(described.contains(u"bot-token:1100000000000000001"_s), qPrintable(described));
    QVERIFY2(described.contains(u"\"Gavel\""_s), qPrintable(described));
}

void TestKeychain::storeReadRemove()
{
    const KeychainTokenSource source(guildA);
    KeychainTokenSource::Lookup before = source.lookup();
    QCOMPARE(before.status, KeychainTokenSource::Status::NotFound);
    QVERIFY2(before.error.message.contains(u"1100000000000000001"_s),
             qPrintable(before.error.text()));
    QVERIFY(!before.error.hint.isEmpty());

    const Result<void> stored = KeychainTokenSource::store(guildA, QString::fromLatin1(tokenA));
    QVERIFY2(stored.ok(), qPrintable(stored ? QString() : stored.error().text()));

    const Result<Token> token = source.token();
    QVERIFY2(token.ok(), qPrintable(token ? QString() : token.error().text()));
    QCOMPARE(token->authorizationValue(), QByteArray("Bot ") + tokenA);

    QVERIFY(KeychainTokenSource::remove(guildA).ok());
    QCOMPARE(source.lookup().status, KeychainTokenSource::Status::NotFound);
    QVERIFY(!source.token().ok());
    // Removing what is not there is not an error: "remove the token" is idempotent.
    QVERIFY(KeychainTokenSource::remove(guildA).ok());
}

void TestKeychain::storeReplaces()
{
    QVERIFY(KeychainTokenSource::store(guildA, QString::fromLatin1(tokenA)).ok());
    QVERIFY(KeychainTokenSource::store(guildA, QString::fromLatin1(tokenB)).ok());
    const Result<Token> token = KeychainTokenSource(guildA).token();
    QVERIFY(token.ok());
    QCOMPARE(token->authorizationValue(), QByteArray("Bot ") + tokenB);
}

void TestKeychain::storeNormalisesPastedHeader()
{
    QVERIFY(KeychainTokenSource::store(guildA, u"  Bot "_s + QString::fromLatin1(tokenA) + u"\n"_s)
                .ok());
    const Result<Token> token = KeychainTokenSource(guildA).token();
    QVERIFY(token.ok());
    QCOMPARE(token->authorizationValue(), QByteArray("Bot ") + tokenA);
}

void TestKeychain::storeRefusesBadTokens_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("blank") << u"   \n"_s;
    QTest::newRow("space inside") << u"abc def"_s;
    QTest::newRow("header injection") << u"abc\r\nX-Evil: 1"_s;
    QTest::newRow("non-ascii") << u"abcé"_s;
}

void TestKeychain::storeRefusesBadTokens()
{
    QFETCH(QString, text);
    const Result<void> stored = KeychainTokenSource::store(guildA, text);
    QVERIFY(!stored.ok());
    QVERIFY(!stored.error().hint.isEmpty());
    // Nothing was written: a refused paste must not replace a working token either.
    QCOMPARE(KeychainTokenSource(guildA).lookup().status, KeychainTokenSource::Status::NotFound);
}

void TestKeychain::guildsAreSeparate()
{
    QVERIFY(KeychainTokenSource::store(guildA, QString::fromLatin1(tokenA)).ok());
    QVERIFY(KeychainTokenSource::store(guildB, QString::fromLatin1(tokenB)).ok());
    QCOMPARE(KeychainTokenSource(guildA).token()->authorizationValue(),
             QByteArray("Bot ") + tokenA);
    QCOMPARE(KeychainTokenSource(guildB).token()->authorizationValue(),
             QByteArray("Bot ") + tokenB);
    QVERIFY(KeychainTokenSource::remove(guildA).ok());
    QCOMPARE(KeychainTokenSource(guildA).lookup().status, KeychainTokenSource::Status::NotFound);
    QCOMPARE(KeychainTokenSource(guildB).lookup().status, KeychainTokenSource::Status::Found);
}

void TestKeychain::badEntryIsReportedNotSkipped()
{
    QCOMPARE(writeRaw(guildA, u"two words"_s), QKeychain::NoError);
    qputenv(envVariable, tokenB);
    const KeychainTokenSource::Lookup found = KeychainTokenSource(guildA).lookup();
    QCOMPARE(found.status, KeychainTokenSource::Status::Failed);
    QVERIFY2(found.error.message.contains(u"keychain"_s), qPrintable(found.error.text()));
    // The chain must not quietly use the variable's token when the keychain's is broken.
    const Result<Token> chained =
        GuildTokenSource(guildA, QString::fromLatin1(envVariable)).token();
    QVERIFY(!chained.ok());
    QCOMPARE(chained.error().message, found.error.message);
}

void TestKeychain::chainPrefersKeychain()
{
    QVERIFY(KeychainTokenSource::store(guildA, QString::fromLatin1(tokenA)).ok());
    qputenv(envVariable, tokenB);
    const Result<Token> token = GuildTokenSource(guildA, QString::fromLatin1(envVariable)).token();
    QVERIFY(token.ok());
    QCOMPARE(token->authorizationValue(), QByteArray("Bot ") + tokenA);
}

void TestKeychain::chainFallsBackToEnvironment()
{
    qputenv(envVariable, tokenB);
    const GuildTokenSource source(guildA, QString::fromLatin1(envVariable));
    const Result<Token> token = source.token();
    QVERIFY2(token.ok(), qPrintable(token ? QString() : token.error().text()));
    QCOMPARE(token->authorizationValue(), QByteArray("Bot ") + tokenB);
    QVERIFY(source.describe().contains(QString::fromLatin1(envVariable)));
    QVERIFY(source.describe().contains(u"keychain"_s));
}

void TestKeychain::chainNamesBothPlaces()
{
    const Result<Token> token = GuildTokenSource(guildA, QString::fromLatin1(envVariable)).token();
    QVERIFY(!token.ok());
    const QString text = token.error().text();
    QVERIFY2(text.contains(u"bot-token:1100000000000000001"_s), qPrintable(text));
    QVERIFY2(text.contains(QString::fromLatin1(envVariable)), qPrintable(text));
    QVERIFY2(text.contains(u"--token-env"_s), qPrintable(text));
}

void TestKeychain::chainReportsBadVariable()
{
    qputenv(envVariable, "has a space");
    const Result<Token> token = GuildTokenSource(guildA, QString::fromLatin1(envVariable)).token();
    QVERIFY(!token.ok());
    QVERIFY2(token.error().message.contains(u"spaces"_s), qPrintable(token.error().text()));
}

void TestKeychain::readsFromWorkerThread()
{
    // The sync engine asks for the token on its worker thread (GUI) or the main thread (CLI).
    QVERIFY(KeychainTokenSource::store(guildA, QString::fromLatin1(tokenA)).ok());
    QByteArray header;
    QString error;
    QThread *thread = QThread::create([&] {
        const Result<Token> token =
            GuildTokenSource(guildA, QString::fromLatin1(envVariable)).token();
        if (token)
            header = token->authorizationValue();
        else
            error = token.error().text();
    });
    thread->start();
    // The keychain work happens on this (the application) thread: keep its event loop running.
    QTRY_VERIFY_WITH_TIMEOUT(thread->isFinished(), 60'000);
    thread->wait();
    delete thread;
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(header, QByteArray("Bot ") + tokenA);
}

void TestKeychain::tokenNeverAppearsInOutput()
{
    captured.clear();
    previousHandler = qInstallMessageHandler(captureMessages);
    QString texts;
    {
        QVERIFY(KeychainTokenSource::store(guildA, QString::fromLatin1(tokenA)).ok());
        const Result<Token> token = KeychainTokenSource(guildA).token();
        QVERIFY(token.ok());
        qDebug() << *token;
        texts += KeychainTokenSource(guildA).describe();
        QCOMPARE(writeRaw(guildB, QString::fromLatin1(tokenB) + u" tail"_s), QKeychain::NoError);
        const KeychainTokenSource::Lookup bad = KeychainTokenSource(guildB).lookup();
        texts += bad.error.text();
        qWarning() << bad.error.text();
    }
    qInstallMessageHandler(previousHandler);
    const QString everything = captured + texts;
    QVERIFY(!captured.isEmpty()); // the handler saw the qDebug/qWarning above
    for (const char *secret : {tokenA, tokenB}) {
        // Any sizeable piece of the secret counts, not only the whole of it.
        const QString text = QString::fromLatin1(secret);
        for (qsizetype i = 0; i + 8 <= text.size(); ++i)
            QVERIFY2(!everything.contains(text.mid(i, 8)), qPrintable(text.mid(i, 8)));
    }
}

void TestKeychain::noKeychainGivesClearError()
{
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(childVariable), u"1"_s);
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/gavel-no-bus"_s);
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForFinished(60'000));
    QCOMPARE(child.exitStatus(), QProcess::NormalExit);
    QCOMPARE(child.exitCode(), 0);
    QMap<QString, QString> lines;
    const QString out = QString::fromUtf8(child.readAllStandardOutput());
    for (const QString &line : out.split(u'\n', Qt::SkipEmptyParts))
        lines.insert(line.section(u' ', 0, 0), line.section(u' ', 1));

    QCOMPARE(lines.value(u"lookup-status"_s).toInt(), int(KeychainTokenSource::Status::NoKeychain));
    const QString lookupError = lines.value(u"lookup-error"_s);
    QVERIFY2(lookupError.startsWith(u"No system keychain is running"_s), qPrintable(lookupError));
    QVERIFY2(lookupError.contains(u"--token-env"_s), qPrintable(lookupError)); // what to do
    QCOMPARE(lines.value(u"store-ok"_s), u"0"_s);
    QVERIFY2(lines.value(u"store-error"_s).startsWith(u"No system keychain is running"_s),
             qPrintable(lines.value(u"store-error"_s)));
    QCOMPARE(lines.value(u"remove-ok"_s), u"0"_s);
    QCOMPARE(lines.value(u"chain-unset-ok"_s), u"0"_s);
    const QString chainError = lines.value(u"chain-unset-error"_s);
    QVERIFY2(chainError.contains(u"no system keychain is running"_s), qPrintable(chainError));
    QVERIFY2(chainError.contains(QString::fromLatin1(envVariable)), qPrintable(chainError));
    // Without a keychain the variable still works: the CLI on a headless server.
    QCOMPARE(lines.value(u"chain-env-ok"_s), u"1"_s);
    QCOMPARE(lines.value(u"chain-env-auth"_s), u"Bot "_s + QString::fromLatin1(tokenB));
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet(childVariable))
        return runNoKeychainChild();
    TestKeychain test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keychain.moc"
