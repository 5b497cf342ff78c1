#include "discord/Token.h"

#include <QDebug>
#include <QTest>

using namespace gavel::discord;
using namespace Qt::StringLiterals;

class TestDiscordToken : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void authorizationValue_data();
    void authorizationValue();
    void validation_data();
    void validation();
    void fromEnvironment();
    void missingVariableSaysWhatToDo();
    void debugOutputHidesTheSecret();
};

void TestDiscordToken::authorizationValue_data()
{
    QTest::addColumn<QByteArray>("stored");
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("plain") << "abc.def.ghi"_ba
                           << "Bot abc.def.ghi"_ba;
    QTest::newRow("newline from a file") << "abc.def.ghi\n"_ba
                                         << "Bot abc.def.ghi"_ba;
    QTest::newRow("pasted with prefix") << "Bot abc.def.ghi"_ba
                                        << "Bot abc.def.ghi"_ba;
}

void TestDiscordToken::authorizationValue()
{
    QFETCH(QByteArray, stored);
    QFETCH(QByteArray, header);
    QCOMPARE(Token(stored).authorizationValue(), header);
}

void TestDiscordToken::validation_data()
{
    QTest::addColumn<QByteArray>("stored");
    QTest::addColumn<bool>("valid");
    QTest::newRow("typical") << "MTA5.GxYz.abc_def-123"_ba << true;
    QTest::newRow("empty") << ""_ba << false;
    QTest::newRow("only spaces") << "   "_ba << false;
    QTest::newRow("inner space") << "abc def"_ba << false;
    QTest::newRow("header injection") << "abc\r\nX-Evil: 1"_ba << false;
    QTest::newRow("non-ascii") << "abc\xc3\xa9"_ba << false;
}

void TestDiscordToken::validation()
{
    QFETCH(QByteArray, stored);
    QFETCH(bool, valid);
    const gavel::Result<void> result = Token(stored).validate(u"the test"_s);
    QCOMPARE(result.ok(), valid);
    if (!valid) {
        QVERIFY(result.error().message.contains(u"the test"_s));
        QVERIFY(!result.error().hint.isEmpty());
        if (!stored.trimmed().isEmpty())
            QVERIFY(!result.error().text().toUtf8().contains(stored.trimmed().left(3)));
    }
}

void TestDiscordToken::fromEnvironment()
{
    qputenv("GAVEL_TEST_TOKEN_A", "secret-token-value");
    const EnvTokenSource source(u"GAVEL_TEST_TOKEN_A"_s);
    const gavel::Result<Token> token = source.token();
    QVERIFY(token.ok());
    QCOMPARE(token->authorizationValue(), "Bot secret-token-value"_ba);
    QCOMPARE(source.describe(), u"the environment variable GAVEL_TEST_TOKEN_A"_s);
    QCOMPARE(EnvTokenSource().describe(), u"the environment variable GAVEL_TOKEN"_s);

    qputenv("GAVEL_TEST_TOKEN_A", "bad token");
    const gavel::Result<Token> bad = source.token();
    QVERIFY(!bad.ok());
    QVERIFY(!bad.error().text().contains(u"bad token"_s));
    qunsetenv("GAVEL_TEST_TOKEN_A");
}

void TestDiscordToken::missingVariableSaysWhatToDo()
{
    qunsetenv("GAVEL_TEST_TOKEN_UNSET");
    const gavel::Result<Token> token = EnvTokenSource(u"GAVEL_TEST_TOKEN_UNSET"_s).token();
    QVERIFY(!token.ok());
    QVERIFY(token.error().message.contains(u"GAVEL_TEST_TOKEN_UNSET"_s));
    QVERIFY(token.error().message.contains(u"not set"_s));
    QVERIFY(token.error().hint.contains(u"--token-env"_s));

    qputenv("GAVEL_TEST_TOKEN_EMPTY", "");
    const gavel::Result<Token> empty = EnvTokenSource(u"GAVEL_TEST_TOKEN_EMPTY"_s).token();
    QVERIFY(!empty.ok());
    QVERIFY(empty.error().message.contains(u"empty"_s));
    qunsetenv("GAVEL_TEST_TOKEN_EMPTY");
}

void TestDiscordToken::debugOutputHidesTheSecret()
{
    QString text;
    QDebug(&text) << Token("hunter2-secret"_ba);
    QCOMPARE(text, u"Token(<redacted>) "_s);
    QVERIFY(!text.contains(u"hunter2"_s));
    text.clear();
    QDebug(&text) << Token();
    QCOMPARE(text, u"Token(empty) "_s);
}

QTEST_GUILESS_MAIN(TestDiscordToken)
#include "tst_discordtoken.moc"
