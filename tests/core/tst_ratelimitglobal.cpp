#include "discord/GlobalLimiter.h"

#include <QRandomGenerator>
#include <QTest>

#include <deque>

using namespace gavel::discord;

class TestGlobalLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void burstThenWait();
    void neverMoreThanTheLimitInAnyWindow_data();
    void neverMoreThanTheLimitInAnyWindow();
    void sustainedRate();
    void marginSpacesWindows();
    void pauseAfterGlobal429();
    void disabled();
};

void TestGlobalLimiter::burstThenWait()
{
    GlobalLimiter limiter(50, 1000);
    for (int i = 0; i < 50; ++i)
        QVERIFY(limiter.tryAcquire(0));
    QVERIFY(!limiter.tryAcquire(0));
    QCOMPARE(limiter.availableAt(0), qint64(1000));
    QCOMPARE(limiter.availableAt(999), qint64(1000));
    QVERIFY(!limiter.tryAcquire(999));
    // At 1000 the first fifty have left the window: fifty more, not fifty-one.
    for (int i = 0; i < 50; ++i)
        QVERIFY(limiter.tryAcquire(1000));
    QVERIFY(!limiter.tryAcquire(1000));
    QCOMPARE(limiter.availableAt(1000), qint64(2000));
}

void TestGlobalLimiter::neverMoreThanTheLimitInAnyWindow_data()
{
    QTest::addColumn<int>("perWindow");
    QTest::addColumn<int>("seed");
    QTest::newRow("50/s") << 50 << 1;
    QTest::newRow("5/s") << 5 << 2;
    QTest::newRow("1/s") << 1 << 3;
}

void TestGlobalLimiter::neverMoreThanTheLimitInAnyWindow()
{
    QFETCH(int, perWindow);
    QFETCH(int, seed);
    QRandomGenerator random{quint32(seed)};
    GlobalLimiter limiter(perWindow, 1000);
    std::deque<qint64> sent;
    qint64 now = 0;
    for (int step = 0; step < 20000; ++step) {
        now += random.bounded(0, 30);
        if (limiter.tryAcquire(now)) {
            sent.push_back(now);
            while (sent.front() <= now - 1000)
                sent.pop_front();
            QVERIFY(int(sent.size()) <= perWindow);
        }
    }
}

void TestGlobalLimiter::sustainedRate()
{
    GlobalLimiter limiter(50, 1000);
    qint64 now = 0;
    int sent = 0;
    while (sent < 500) {
        now = limiter.availableAt(now);
        QVERIFY(limiter.tryAcquire(now));
        ++sent;
    }
    // 500 requests at 50/s: the first 50 at once, then nine more seconds.
    QCOMPARE(now, qint64(9000));
}

void TestGlobalLimiter::marginSpacesWindows()
{
    GlobalLimiter limiter(2, 1000, 25);
    QVERIFY(limiter.tryAcquire(0));
    QVERIFY(limiter.tryAcquire(10));
    QCOMPARE(limiter.availableAt(10), qint64(1025));
    QVERIFY(limiter.tryAcquire(1025));
    QCOMPARE(limiter.availableAt(1025), qint64(1035));
}

void TestGlobalLimiter::pauseAfterGlobal429()
{
    GlobalLimiter limiter(50, 1000);
    QVERIFY(limiter.tryAcquire(0));
    limiter.pauseUntil(3000);
    QCOMPARE(limiter.availableAt(5), qint64(3000));
    QVERIFY(!limiter.tryAcquire(2999));
    QVERIFY(limiter.tryAcquire(3000));
    limiter.pauseUntil(100); // an older pause never shortens the current one
    QCOMPARE(limiter.pausedUntil(), qint64(3000));
}

void TestGlobalLimiter::disabled()
{
    GlobalLimiter limiter(0, 1000);
    for (int i = 0; i < 10000; ++i)
        QVERIFY(limiter.tryAcquire(0));
    limiter.pauseUntil(10);
    QVERIFY(!limiter.tryAcquire(9));
    QVERIFY(limiter.tryAcquire(10));
}

QTEST_GUILESS_MAIN(TestGlobalLimiter)
#include "tst_ratelimitglobal.moc"
