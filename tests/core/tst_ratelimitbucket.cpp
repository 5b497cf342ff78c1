#include "discord/RateLimitBucket.h"

#include <QRandomGenerator>
#include <QTest>

#include <map>
#include <vector>

using namespace gavel::discord;
using Verdict = RateLimitBucket::Verdict;
using Mode = RateLimitBucket::Mode;

class TestRateLimitBucket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unknownBucketSendsOneAtATime();
    void responseWithoutHeadersMeansUnlimited();
    void learnsLimitFromHeaders();
    void resetAfterSetsTheWindowEnd();
    void laterResponsesDoNotShortenTheWindow();
    void inFlightCountsInTheNextWindow();
    void withLimitStartsAtFullSpeed();
    void pauseAfterExhaustion();
    void detectsAWindowTheServerOpened();
    void serverCountWinsWhenHigher();
    void fullWithoutResetDoesNotWaitForever();
    void releaseFreesTheProbe();
    void idleOnlyWhenNothingIsRemembered();
    void neverExceedsTheLimit_data();
    void neverExceedsTheLimit();
};

void TestRateLimitBucket::unknownBucketSendsOneAtATime()
{
    RateLimitBucket bucket(10);
    QCOMPARE(bucket.mode(), Mode::Unknown);
    const auto first = bucket.tryReserve(100);
    QCOMPARE(first.verdict, Verdict::Send);
    QCOMPARE(bucket.tryReserve(100).verdict, Verdict::WaitForResponse);
    QCOMPARE(bucket.tryReserve(5000).verdict, Verdict::WaitForResponse);
    bucket.onResponse(first.window, 5, 4, 1000, 120);
    QCOMPARE(bucket.mode(), Mode::Limited);
    // The queue is released: the other four of the window go at once.
    for (int i = 0; i < 4; ++i)
        QCOMPARE(bucket.tryReserve(121).verdict, Verdict::Send);
    const auto full = bucket.tryReserve(121);
    QCOMPARE(full.verdict, Verdict::WaitUntil);
    QCOMPARE(full.atMs, 120 + 1000 + 10);
}

void TestRateLimitBucket::responseWithoutHeadersMeansUnlimited()
{
    RateLimitBucket bucket;
    const auto probe = bucket.tryReserve(0);
    bucket.onResponse(probe.window, std::nullopt, std::nullopt, std::nullopt, 5);
    QCOMPARE(bucket.mode(), Mode::Unlimited);
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(bucket.tryReserve(6).verdict, Verdict::Send);
    QCOMPARE(bucket.inFlight(), 1000);
}

void TestRateLimitBucket::learnsLimitFromHeaders()
{
    RateLimitBucket bucket(0);
    const auto probe = bucket.tryReserve(0);
    bucket.onResponse(probe.window, 3, 2, 500, 10);
    QCOMPARE(bucket.limit(), 3);
    QCOMPARE(bucket.used(), 1);
    QCOMPARE(bucket.resetAt(), std::optional<qint64>(510));
    // Only remaining and no limit: the limit is at least remaining + 1.
    RateLimitBucket guess(0);
    const auto p2 = guess.tryReserve(0);
    guess.onResponse(p2.window, std::nullopt, 9, 1000, 1);
    QCOMPARE(guess.limit(), 10);
    QCOMPARE(guess.used(), 1);
}

void TestRateLimitBucket::resetAfterSetsTheWindowEnd()
{
    RateLimitBucket bucket(20);
    auto probe = bucket.tryReserve(1000);
    bucket.onResponse(probe.window, 2, 1, 250, 1004);
    QCOMPARE(bucket.tryReserve(1005).verdict, Verdict::Send);
    const auto wait = bucket.tryReserve(1006);
    QCOMPARE(wait.verdict, Verdict::WaitUntil);
    QCOMPARE(wait.atMs, 1004 + 250 + 20);
    QCOMPARE(bucket.tryReserve(1273).verdict, Verdict::WaitUntil);
    // At the reset a new window opens; the one request still in flight counts in it.
    const auto next = bucket.tryReserve(1274);
    QCOMPARE(next.verdict, Verdict::Send);
    QCOMPARE(bucket.used(), 2);
    QCOMPARE(bucket.tryReserve(1274).verdict, Verdict::WaitForResponse);
}

void TestRateLimitBucket::laterResponsesDoNotShortenTheWindow()
{
    RateLimitBucket bucket(0);
    const auto probe = bucket.tryReserve(0);
    bucket.onResponse(probe.window, 5, 4, 1000, 10);
    const auto a = bucket.tryReserve(11);
    const auto b = bucket.tryReserve(11);
    bucket.onResponse(a.window, 5, 3, 980, 15); // 995: earlier, ignored
    QCOMPARE(bucket.resetAt(), std::optional<qint64>(1010));
    bucket.onResponse(b.window, 5, 2, 1000, 30); // 1030: later, within tolerance, adopted
    QCOMPARE(bucket.resetAt(), std::optional<qint64>(1030));
}

void TestRateLimitBucket::inFlightCountsInTheNextWindow()
{
    RateLimitBucket bucket = RateLimitBucket::withLimit(3, 0);
    const auto a = bucket.tryReserve(0);
    QCOMPARE(bucket.tryReserve(0).verdict, Verdict::Send);
    QCOMPARE(bucket.tryReserve(0).verdict, Verdict::Send);
    bucket.onResponse(a.window, 3, 2, 100, 5);
    QCOMPARE(bucket.tryReserve(50).verdict, Verdict::WaitUntil);
    // Two are still out at the reset: only one more fits in the new window.
    QCOMPARE(bucket.tryReserve(105).verdict, Verdict::Send);
    QCOMPARE(bucket.used(), 3);
    QCOMPARE(bucket.tryReserve(105).verdict, Verdict::WaitForResponse);
}

void TestRateLimitBucket::withLimitStartsAtFullSpeed()
{
    RateLimitBucket bucket = RateLimitBucket::withLimit(5);
    QCOMPARE(bucket.mode(), Mode::Limited);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(bucket.tryReserve(0).verdict, Verdict::Send);
    QCOMPARE(bucket.tryReserve(0).verdict, Verdict::WaitForResponse);
}

void TestRateLimitBucket::pauseAfterExhaustion()
{
    RateLimitBucket bucket(0);
    const auto probe = bucket.tryReserve(0);
    bucket.onResponse(probe.window, 5, 0, 300, 10); // someone else used the window
    QCOMPARE(bucket.tryReserve(11).verdict, Verdict::WaitUntil);
    bucket.pauseUntil(2000);
    const auto wait = bucket.tryReserve(400);
    QCOMPARE(wait.verdict, Verdict::WaitUntil);
    QCOMPARE(wait.atMs, 2000);
    QCOMPARE(bucket.tryReserve(2000).verdict, Verdict::Send);

    // An unknown bucket can be paused as well.
    RateLimitBucket unknown;
    unknown.pauseUntil(50);
    QCOMPARE(unknown.tryReserve(49).verdict, Verdict::WaitUntil);
    QCOMPARE(unknown.tryReserve(50).verdict, Verdict::Send);
}

void TestRateLimitBucket::detectsAWindowTheServerOpened()
{
    RateLimitBucket bucket(0);
    const auto probe = bucket.tryReserve(0);
    bucket.onResponse(probe.window, 5, 4, 1000, 10); // window ends at 1010
    const auto late = bucket.tryReserve(1000);       // sent just before our reset
    QCOMPARE(late.verdict, Verdict::Send);
    // The server saw it after its own reset: a fresh window there, ending near 2012.
    bucket.onResponse(late.window, 5, 4, 1000, 1012);
    QCOMPARE(bucket.resetAt(), std::optional<qint64>(2012));
    QCOMPARE(bucket.used(), 1);
    for (int i = 0; i < 4; ++i)
        QCOMPARE(bucket.tryReserve(1013).verdict, Verdict::Send);
    QCOMPARE(bucket.tryReserve(1013).verdict, Verdict::WaitUntil);
}

void TestRateLimitBucket::serverCountWinsWhenHigher()
{
    RateLimitBucket bucket(0);
    const auto probe = bucket.tryReserve(0);
    bucket.onResponse(probe.window, 10, 9, 1000, 5);
    const auto a = bucket.tryReserve(6);
    bucket.onResponse(a.window, 10, 2, 990, 15); // another client took seven
    QCOMPARE(bucket.used(), 8);
    QCOMPARE(bucket.tryReserve(16).verdict, Verdict::Send);
    QCOMPARE(bucket.tryReserve(16).verdict, Verdict::Send);
    QCOMPARE(bucket.tryReserve(16).verdict, Verdict::WaitUntil);
}

void TestRateLimitBucket::fullWithoutResetDoesNotWaitForever()
{
    RateLimitBucket bucket = RateLimitBucket::withLimit(2, 5);
    const auto a = bucket.tryReserve(100);
    const auto b = bucket.tryReserve(100);
    // Responses that say nothing about the reset.
    bucket.onResponse(a.window, 2, std::nullopt, std::nullopt, 110);
    bucket.onResponse(b.window, 2, std::nullopt, std::nullopt, 110);
    const auto wait = bucket.tryReserve(111);
    QCOMPARE(wait.verdict, Verdict::WaitUntil);
    QVERIFY(wait.atMs > 111);
    QVERIFY(wait.atMs <= 100 + 1000 + 5);
    QCOMPARE(bucket.tryReserve(wait.atMs).verdict, Verdict::Send);
}

void TestRateLimitBucket::releaseFreesTheProbe()
{
    RateLimitBucket bucket;
    const auto probe = bucket.tryReserve(0);
    QCOMPARE(bucket.tryReserve(0).verdict, Verdict::WaitForResponse);
    bucket.release(probe.window); // connection reset: nothing learned
    QCOMPARE(bucket.mode(), Mode::Unknown);
    QCOMPARE(bucket.tryReserve(1).verdict, Verdict::Send);
}

void TestRateLimitBucket::idleOnlyWhenNothingIsRemembered()
{
    RateLimitBucket bucket(0);
    QVERIFY(bucket.isIdleAt(0));
    const auto probe = bucket.tryReserve(0);
    QVERIFY(!bucket.isIdleAt(0)); // in flight
    bucket.onResponse(probe.window, 5, 4, 1000, 10);
    QVERIFY(!bucket.isIdleAt(500)); // its window still counts
    QVERIFY(bucket.isIdleAt(1010));
    bucket.pauseUntil(5000);
    QVERIFY(!bucket.isIdleAt(4999));
    QVERIFY(bucket.isIdleAt(5000));
    RateLimitBucket unlimited;
    const auto p2 = unlimited.tryReserve(0);
    unlimited.onResponse(p2.window, std::nullopt, std::nullopt, std::nullopt, 1);
    QVERIFY(unlimited.isIdleAt(1));
}

void TestRateLimitBucket::neverExceedsTheLimit_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("windowMs");
    QTest::addColumn<int>("maxLatencyMs");
    QTest::addColumn<int>("seed");
    QTest::newRow("5/1s fast") << 5 << 1000 << 2 << 1;
    QTest::newRow("5/1s slow jittery") << 5 << 1000 << 80 << 2;
    QTest::newRow("1/1s") << 1 << 1000 << 30 << 3;
    QTest::newRow("50/1s") << 50 << 1000 << 40 << 4;
    QTest::newRow("10/200ms") << 10 << 200 << 15 << 5;
    QTest::newRow("2/10s") << 2 << 10000 << 200 << 6;
}

// A server with fixed windows opened by the first request after a reset, random latency each
// way, and a client that sends whenever the bucket lets it: the server must never see more
// than the limit in a window, and the client must not be much slower than the limit allows.
void TestRateLimitBucket::neverExceedsTheLimit()
{
    QFETCH(int, limit);
    QFETCH(int, windowMs);
    QFETCH(int, maxLatencyMs);
    QFETCH(int, seed);
    QRandomGenerator random{quint32(seed)};
    RateLimitBucket bucket(5);

    struct Event
    {
        bool arrival;
        quint32 window;
    };
    std::multimap<qint64, Event> events;
    qint64 serverStart = -1;
    int serverCount = 0;
    int rejected = 0;
    int accepted = 0;
    const int total = limit * 40;
    int sent = 0;
    qint64 now = 0;
    qint64 wakeAt = -1;                                            // -1: wait for a response
    std::vector<std::tuple<quint32, int, qint64, bool>> responses; // window, remaining, resetAfter
    while (accepted < total) {
        // Client: send what the bucket allows now.
        while (sent - rejected < total) {
            const auto decision = bucket.tryReserve(now);
            if (decision.verdict != Verdict::Send) {
                wakeAt = decision.verdict == Verdict::WaitUntil ? decision.atMs : -1;
                break;
            }
            ++sent;
            events.emplace(now + random.bounded(1, maxLatencyMs + 1), Event{true, decision.window});
        }
        // Next event: a server arrival, a response, or the bucket's wake-up.
        QVERIFY2(!events.empty() || wakeAt >= 0, "the bucket waits with nothing to wake it");
        if (!events.empty() && (wakeAt < 0 || events.begin()->first <= wakeAt)) {
            const auto [at, event] = *events.begin();
            events.erase(events.begin());
            now = qMax(now, at);
            if (event.arrival) {
                if (serverStart < 0 || now >= serverStart + windowMs) {
                    serverStart = now;
                    serverCount = 0;
                }
                const bool ok = serverCount < limit;
                if (ok) {
                    ++serverCount;
                    ++accepted;
                } else {
                    ++rejected;
                }
                const qint64 resetAfter = serverStart + windowMs - now;
                // Encode the response as a negative-window event carrying the headers.
                responses.emplace_back(event.window, limit - serverCount, resetAfter, ok);
                events.emplace(now + random.bounded(1, maxLatencyMs + 1),
                               Event{false, quint32(responses.size() - 1)});
            } else {
                const auto &[window, remaining, resetAfter, ok] = responses[event.window];
                bucket.onResponse(window, limit, remaining, resetAfter, now);
                if (!ok)
                    bucket.pauseUntil(now + resetAfter);
            }
        } else {
            now = qMax(now, wakeAt);
            wakeAt = -1;
        }
    }
    QCOMPARE(rejected, 0);
    // Lower bound: (total / limit - 1) full windows. Allow the offsets and latencies.
    const qint64 bound = qint64(total / limit - 1) * windowMs;
    const qint64 slack = qint64(total / limit) * (5 + 2 * maxLatencyMs) + windowMs;
    QVERIFY2(now <= bound + slack,
             qPrintable(QStringLiteral("took %1 ms, bound %2 ms").arg(now).arg(bound)));
}

QTEST_GUILESS_MAIN(TestRateLimitBucket)
#include "tst_ratelimitbucket.moc"
