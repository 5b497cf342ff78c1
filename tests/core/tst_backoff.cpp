#include "discord/ExponentialBackoff.h"

#include <QTest>

using namespace gavel::discord;

class TestBackoff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nominal_data();
    void nominal();
    void jitterStaysInBounds_data();
    void jitterStaysInBounds();
    void jitterSpreads();
    void seedReproduces();
    void oddOptionsAreSanitized();
};

void TestBackoff::nominal_data()
{
    QTest::addColumn<int>("retry");
    QTest::addColumn<qint64>("ms");
    QTest::newRow("first") << 1 << qint64(100);
    QTest::newRow("second") << 2 << qint64(200);
    QTest::newRow("third") << 3 << qint64(400);
    QTest::newRow("capped") << 8 << qint64(5000);
    QTest::newRow("far past the cap") << 10000 << qint64(5000);
    QTest::newRow("zero is the first") << 0 << qint64(100);
}

void TestBackoff::nominal()
{
    QFETCH(int, retry);
    QFETCH(qint64, ms);
    ExponentialBackoff backoff({100, 5000, 2.0, 0.5, 1});
    QCOMPARE(backoff.nominalMs(retry), ms);
}

void TestBackoff::jitterStaysInBounds_data()
{
    QTest::addColumn<double>("jitter");
    QTest::newRow("none") << 0.0;
    QTest::newRow("half") << 0.5;
    QTest::newRow("full") << 1.0;
}

void TestBackoff::jitterStaysInBounds()
{
    QFETCH(double, jitter);
    ExponentialBackoff backoff({250, 8000, 2.0, jitter, 42});
    for (int retry = 1; retry <= 10; ++retry) {
        const qint64 nominal = backoff.nominalMs(retry);
        const qint64 low = nominal - qint64(double(nominal) * jitter);
        for (int i = 0; i < 2000; ++i) {
            const qint64 delay = backoff.delayMs(retry);
            QVERIFY2(delay >= low && delay <= nominal,
                     qPrintable(QStringLiteral("retry %1: %2 not in [%3, %4]")
                                    .arg(retry)
                                    .arg(delay)
                                    .arg(low)
                                    .arg(nominal)));
            QVERIFY(delay <= 8000);
        }
    }
}

void TestBackoff::jitterSpreads()
{
    ExponentialBackoff backoff({1000, 1000, 2.0, 0.5, 7});
    qint64 lowest = 1000;
    qint64 highest = 0;
    for (int i = 0; i < 5000; ++i) {
        const qint64 delay = backoff.delayMs(1);
        lowest = qMin(lowest, delay);
        highest = qMax(highest, delay);
    }
    // Retries of requests that failed together must not line up.
    QVERIFY(lowest < 550);
    QVERIFY(highest > 950);
}

void TestBackoff::seedReproduces()
{
    ExponentialBackoff a({100, 10000, 2.0, 0.5, 99});
    ExponentialBackoff b({100, 10000, 2.0, 0.5, 99});
    ExponentialBackoff c({100, 10000, 2.0, 0.5, 100});
    bool differs = false;
    for (int i = 1; i <= 50; ++i) {
        const qint64 x = a.delayMs(i % 7 + 1);
        QCOMPARE(x, b.delayMs(i % 7 + 1));
        differs = differs || x != c.delayMs(i % 7 + 1);
    }
    QVERIFY(differs);
}

void TestBackoff::oddOptionsAreSanitized()
{
    ExponentialBackoff backoff({-5, -10, 0.5, -1.0, 1});
    QCOMPARE(backoff.nominalMs(1), qint64(0));
    QCOMPARE(backoff.delayMs(3), qint64(0));
    ExponentialBackoff huge({1000, 60000, 1e308, 0.0, 1});
    QCOMPARE(huge.nominalMs(5), qint64(60000));
}

QTEST_GUILESS_MAIN(TestBackoff)
#include "tst_backoff.moc"
