#include "common/Snowflake.h"

#include <QTest>

using namespace gavel;

class TestSnowflake : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void time_data();
    void time();
    void parse_data();
    void parse();
};

void TestSnowflake::time_data()
{
    QTest::addColumn<quint64>("id");
    QTest::addColumn<qint64>("msecs");
    // Discord's documented example: 175928847299117063 was created 2016-04-30 11:18:25.796 UTC.
    QTest::newRow("docs example") << Q_UINT64_C(175928847299117063) << Q_INT64_C(1462015105796);
    QTest::newRow("epoch") << Q_UINT64_C(0) << snowflake::discordEpochMs;
}

void TestSnowflake::time()
{
    QFETCH(quint64, id);
    QFETCH(qint64, msecs);
    QCOMPARE(snowflake::toMsecs(id), msecs);
    // fromMsecs gives the smallest id of that millisecond: same time, low 22 bits clear.
    QCOMPARE(snowflake::fromMsecs(msecs), id & ~((Q_UINT64_C(1) << 22) - 1));
    QCOMPARE(snowflake::toMsecs(snowflake::fromMsecs(msecs)), msecs);
}

void TestSnowflake::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<quint64>("value");
    QTest::newRow("id") << QStringLiteral("175928847299117063") << true
                        << Q_UINT64_C(175928847299117063);
    QTest::newRow("max") << QStringLiteral("18446744073709551615") << true
                         << Q_UINT64_C(18446744073709551615);
    QTest::newRow("overflow") << QStringLiteral("18446744073709551616") << false << Q_UINT64_C(0);
    QTest::newRow("empty") << QString() << false << Q_UINT64_C(0);
    QTest::newRow("sign") << QStringLiteral("-1") << false << Q_UINT64_C(0);
    QTest::newRow("space") << QStringLiteral(" 1") << false << Q_UINT64_C(0);
    QTest::newRow("letters") << QStringLiteral("12a") << false << Q_UINT64_C(0);
    QTest::newRow("non-ascii digit") << QStringLiteral("١٢") << false << Q_UINT64_C(0);
}

void TestSnowflake::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(quint64, value);
    const auto fromString = snowflake::parse(QStringView(text));
    const QByteArray utf8 = text.toUtf8();
    const auto fromBytes = snowflake::parse(QByteArrayView(utf8));
    QCOMPARE(fromString.has_value(), valid);
    QCOMPARE(fromBytes.has_value(), valid);
    if (valid) {
        QCOMPARE(*fromString, value);
        QCOMPARE(*fromBytes, value);
        QCOMPARE(snowflake::toString(value), text);
    }
}

QTEST_GUILESS_MAIN(TestSnowflake)
#include "tst_snowflake.moc"
