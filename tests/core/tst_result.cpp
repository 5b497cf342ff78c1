#include "common/Result.h"

#include <QTest>

using namespace gavel;

class TestResult : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void errorText_data();
    void errorText();
    void valueOrError();
};

void TestResult::errorText_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("hint");
    QTest::addColumn<QString>("text");
    QTest::newRow("no hint") << QStringLiteral("the disk is full") << QString()
                             << QStringLiteral("the disk is full");
    QTest::newRow("open message") << QStringLiteral("--members must be at least 100 (got 5)")
                                  << QStringLiteral("Run 'gavel demo-guild --help'.")
                                  << QStringLiteral("--members must be at least 100 (got 5). Run "
                                                    "'gavel demo-guild --help'.");
    QTest::newRow("closed message")
        << QStringLiteral("Cannot create the folder.") << QStringLiteral("Check its permissions.")
        << QStringLiteral("Cannot create the folder. Check its permissions.");
    QTest::newRow("question") << QStringLiteral("Is the server running?")
                              << QStringLiteral("Start it.")
                              << QStringLiteral("Is the server running? Start it.");
}

void TestResult::errorText()
{
    QFETCH(QString, message);
    QFETCH(QString, hint);
    QFETCH(QString, text);
    QCOMPARE((Error{message, hint}.text()), text);
}

void TestResult::valueOrError()
{
    const Result<int> value(42);
    QVERIFY(value.ok());
    QCOMPARE(*value, 42);
    const Result<int> failed(Error{QStringLiteral("failed"), {}});
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().message, QStringLiteral("failed"));
    const Result<void> done;
    QVERIFY(done.ok());
    const Result<void> notDone(Error{QStringLiteral("no"), {}});
    QVERIFY(!notDone);
}

QTEST_GUILESS_MAIN(TestResult)
#include "tst_result.moc"
