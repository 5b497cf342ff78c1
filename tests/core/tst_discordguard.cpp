#include "discord/InvalidRequestGuard.h"

#include <QTest>

using namespace gavel::discord;

class TestInvalidRequestGuard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tripsAtTheThreshold_data();
    void tripsAtTheThreshold();
    void windowSlides();
    void defaultsStayFarBelowTheBan();
};

void TestInvalidRequestGuard::tripsAtTheThreshold_data()
{
    QTest::addColumn<int>("threshold");
    QTest::newRow("1") << 1;
    QTest::newRow("10") << 10;
    QTest::newRow("1000") << 1000;
}

void TestInvalidRequestGuard::tripsAtTheThreshold()
{
    QFETCH(int, threshold);
    InvalidRequestGuard guard(threshold, 600000);
    for (int i = 1; i < threshold; ++i)
        QVERIFY(!guard.record(i));
    QVERIFY(guard.record(threshold));
    QCOMPARE(guard.count(threshold), threshold);
}

void TestInvalidRequestGuard::windowSlides()
{
    InvalidRequestGuard guard(3, 1000);
    QVERIFY(!guard.record(0));
    QVERIFY(!guard.record(500));
    QCOMPARE(guard.count(999), 2);
    QCOMPARE(guard.count(1000), 1); // the one at 0 left the window
    QVERIFY(!guard.record(1000));
    QVERIFY(guard.record(1200));
    QCOMPARE(guard.count(100000), 0);
    QVERIFY(!guard.record(100000));
}

void TestInvalidRequestGuard::defaultsStayFarBelowTheBan()
{
    InvalidRequestGuard guard;
    QCOMPARE(guard.windowMs(), qint64(10 * 60 * 1000));
    QVERIFY(guard.threshold() <= 10000 / 5);
}

QTEST_GUILESS_MAIN(TestInvalidRequestGuard)
#include "tst_discordguard.moc"
