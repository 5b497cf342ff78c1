#include "discord/RateLimitHeaders.h"

#include <QRandomGenerator>
#include <QTest>

using namespace gavel::discord;
using namespace Qt::StringLiterals;

using OptMs = std::optional<qint64>;
Q_DECLARE_METATYPE(OptMs)
using OptCount = std::optional<int>;
Q_DECLARE_METATYPE(OptCount)

class TestRateLimitHeaders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seconds_data();
    void seconds();
    void count_data();
    void count();
    void fullResponse();
    void tooManyRequests();
    void caseInsensitiveAndRepeated();
    void malformedValuesAreDropped();
    void bucketMustBePlain_data();
    void bucketMustBePlain();
    void body_data();
    void body();
    void randomBytesNeverCrashOrWaitForever();
};

void TestRateLimitHeaders::seconds_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<OptMs>("ms");
    QTest::newRow("whole") << "1"_ba << OptMs(1000);
    QTest::newRow("fraction") << "0.25"_ba << OptMs(250);
    QTest::newRow("discord style") << "1.337"_ba << OptMs(1337);
    QTest::newRow("rounds up") << "0.0001"_ba << OptMs(1);
    QTest::newRow("trailing zeros") << "2.500000"_ba << OptMs(2500);
    QTest::newRow("spaces") << "  3.000 "_ba << OptMs(3000);
    QTest::newRow("leading dot") << ".5"_ba << OptMs(500);
    QTest::newRow("trailing dot") << "5."_ba << OptMs(5000);
    QTest::newRow("zero") << "0"_ba << OptMs(0);
    QTest::newRow("saturates") << "99999999999999999999999"_ba
                               << OptMs(RateLimitHeaders::maxWaitMs);
    QTest::newRow("two days saturates") << "172800"_ba << OptMs(RateLimitHeaders::maxWaitMs);
    QTest::newRow("empty") << ""_ba << OptMs();
    QTest::newRow("negative") << "-1"_ba << OptMs();
    QTest::newRow("plus") << "+1"_ba << OptMs();
    QTest::newRow("exponent") << "1e3"_ba << OptMs();
    QTest::newRow("nan") << "NaN"_ba << OptMs();
    QTest::newRow("inf") << "inf"_ba << OptMs();
    QTest::newRow("dot only") << "."_ba << OptMs();
    QTest::newRow("two dots") << "1.2.3"_ba << OptMs();
    QTest::newRow("word") << "soon"_ba << OptMs();
    QTest::newRow("nul") << QByteArray("1\0", 2) << OptMs();
}

void TestRateLimitHeaders::seconds()
{
    QFETCH(QByteArray, text);
    QFETCH(OptMs, ms);
    QCOMPARE(parseSecondsToMs(text), ms);
}

void TestRateLimitHeaders::count_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<OptCount>("count");
    QTest::newRow("five") << "5"_ba << OptCount(5);
    QTest::newRow("zero") << "0"_ba << OptCount(0);
    QTest::newRow("huge saturates") << "123456789012345678901234567890"_ba << OptCount(INT_MAX);
    QTest::newRow("negative") << "-5"_ba << OptCount();
    QTest::newRow("fraction") << "5.5"_ba << OptCount();
    QTest::newRow("hex") << "0x10"_ba << OptCount();
    QTest::newRow("empty") << ""_ba << OptCount();
}

void TestRateLimitHeaders::count()
{
    QFETCH(QByteArray, text);
    QFETCH(OptCount, count);
    QCOMPARE(parseCount(text), count);
}

void TestRateLimitHeaders::fullResponse()
{
    const RawHeaders headers = {
        {"Content-Type", "application/json"}, {"X-RateLimit-Limit", "5"},
        {"X-RateLimit-Remaining", "3"},       {"X-RateLimit-Reset", "1470173023.123"},
        {"X-RateLimit-Reset-After", "0.875"}, {"X-RateLimit-Bucket", "abcd1234"}};
    const RateLimitHeaders parsed = parseRateLimitHeaders(headers);
    QCOMPARE(parsed.limit, OptCount(5));
    QCOMPARE(parsed.remaining, OptCount(3));
    QCOMPARE(parsed.resetAfterMs, OptMs(875));
    QCOMPARE(parsed.resetEpochMs, OptMs(1470173023123));
    QCOMPARE(parsed.bucket, "abcd1234"_ba);
    QVERIFY(!parsed.global);
    QCOMPARE(parsed.scope, RateLimitScope::None);
    QVERIFY(!parsed.retryAfterMs);
    QVERIFY(parsed.hasBucketInfo());
    QVERIFY(!parseRateLimitHeaders({{"Content-Type", "application/json"}}).hasBucketInfo());
}

void TestRateLimitHeaders::tooManyRequests()
{
    const RawHeaders headers = {
        {"Retry-After", "65"}, {"X-RateLimit-Global", "true"}, {"X-RateLimit-Scope", "global"}};
    const RateLimitHeaders parsed = parseRateLimitHeaders(headers);
    QCOMPARE(parsed.retryAfterMs, OptMs(65000));
    QVERIFY(parsed.global);
    QCOMPARE(parsed.scope, RateLimitScope::Global);

    QCOMPARE(parseRateLimitHeaders({{"X-RateLimit-Scope", "shared"}}).scope,
             RateLimitScope::Shared);
    QCOMPARE(parseRateLimitHeaders({{"X-RateLimit-Scope", "user"}}).scope, RateLimitScope::User);
    QCOMPARE(parseRateLimitHeaders({{"X-RateLimit-Scope", "bogus"}}).scope,
             RateLimitScope::Unknown);
    QVERIFY(!parseRateLimitHeaders({{"X-RateLimit-Global", "false"}}).global);
    QVERIFY(!parseRateLimitHeaders({{"X-RateLimit-Global", "yes"}}).global);
}

void TestRateLimitHeaders::caseInsensitiveAndRepeated()
{
    const RawHeaders headers = {{"x-ratelimit-limit", "10, 10"},
                                {"X-RATELIMIT-REMAINING", "9"},
                                {"x-RateLimit-reset-after", "1, 1"},
                                {"retry-after", "2"}};
    const RateLimitHeaders parsed = parseRateLimitHeaders(headers);
    QCOMPARE(parsed.limit, OptCount(10));
    QCOMPARE(parsed.remaining, OptCount(9));
    QCOMPARE(parsed.resetAfterMs, OptMs(1000));
    QCOMPARE(parsed.retryAfterMs, OptMs(2000));
    QCOMPARE(findHeader(headers, "X-RateLimit-Remaining"), QByteArrayView("9"));
    QVERIFY(findHeader(headers, "X-Missing").isNull());
}

void TestRateLimitHeaders::malformedValuesAreDropped()
{
    const RawHeaders headers = {{"X-RateLimit-Limit", "five"},
                                {"X-RateLimit-Remaining", "-1"},
                                {"X-RateLimit-Reset", "yesterday"},
                                {"X-RateLimit-Reset-After", "1e400"},
                                {"Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"},
                                {"X-RateLimit-", "x"},
                                {"X", ""}};
    const RateLimitHeaders parsed = parseRateLimitHeaders(headers);
    QVERIFY(!parsed.limit);
    QVERIFY(!parsed.remaining);
    QVERIFY(!parsed.resetEpochMs);
    QVERIFY(!parsed.resetAfterMs);
    QVERIFY(!parsed.retryAfterMs);
    QVERIFY(!parsed.hasBucketInfo());
}

void TestRateLimitHeaders::bucketMustBePlain_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("bucket");
    QTest::newRow("hex") << "41f9cd5d28af77da04563bcb1d67fdfd"_ba
                         << "41f9cd5d28af77da04563bcb1d67fdfd"_ba;
    QTest::newRow("spaces trimmed") << " abc "_ba
                                    << "abc"_ba;
    QTest::newRow("inner space") << "a b"_ba << QByteArray();
    QTest::newRow("newline") << "a\nb"_ba << QByteArray();
    QTest::newRow("pipe") << "a|b"_ba << QByteArray();
    QTest::newRow("too long") << QByteArray(200, 'a') << QByteArray();
    QTest::newRow("empty") << QByteArray() << QByteArray();
}

void TestRateLimitHeaders::bucketMustBePlain()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, bucket);
    QCOMPARE(parseRateLimitHeaders({{"X-RateLimit-Bucket", value}}).bucket, bucket);
}

void TestRateLimitHeaders::body_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<OptMs>("retryAfter");
    QTest::addColumn<bool>("global");
    QTest::newRow("discord")
        << R"({"message": "You are being rate limited.", "retry_after": 64.57, "global": false})"_ba
        << OptMs(64570) << false;
    QTest::newRow("global") << R"({"retry_after": 0.001, "global": true})"_ba << OptMs(1) << true;
    QTest::newRow("integer") << R"({"retry_after": 3})"_ba << OptMs(3000) << false;
    QTest::newRow("negative") << R"({"retry_after": -3})"_ba << OptMs() << false;
    QTest::newRow("huge") << R"({"retry_after": 1e300})"_ba << OptMs(RateLimitHeaders::maxWaitMs)
                          << false;
    QTest::newRow("string") << R"({"retry_after": "3"})"_ba << OptMs() << false;
    QTest::newRow("html") << "<html><body>502 Bad Gateway</body></html>"_ba << OptMs() << false;
    QTest::newRow("array") << "[1,2]"_ba << OptMs() << false;
    QTest::newRow("truncated") << R"({"retry_after": 1.5, "glo)"_ba << OptMs() << false;
    QTest::newRow("empty") << QByteArray() << OptMs() << false;
}

void TestRateLimitHeaders::body()
{
    QFETCH(QByteArray, body);
    QFETCH(OptMs, retryAfter);
    QFETCH(bool, global);
    const RateLimitBody parsed = parseRateLimitBody(body);
    QCOMPARE(parsed.retryAfterMs, retryAfter);
    QCOMPARE(parsed.global, global);
}

// Stand-in for the fuzzer that will come: whatever the bytes, parsing returns, and no time
// comes out negative or beyond the cap.
void TestRateLimitHeaders::randomBytesNeverCrashOrWaitForever()
{
    QRandomGenerator random(20240601);
    const QList<QByteArray> names = {"X-RateLimit-Limit",  "X-RateLimit-Remaining",
                                     "X-RateLimit-Reset",  "X-RateLimit-Reset-After",
                                     "X-RateLimit-Bucket", "X-RateLimit-Global",
                                     "X-RateLimit-Scope",  "Retry-After"};
    const QByteArray alphabet = "0123456789.,-+eE \t\r\nabcXYZ\0\xff"_ba;
    for (int round = 0; round < 20000; ++round) {
        RawHeaders headers;
        const int count = random.bounded(1, 6);
        for (int i = 0; i < count; ++i) {
            QByteArray value;
            const int length = random.bounded(0, 40);
            for (int j = 0; j < length; ++j)
                value.append(alphabet.at(random.bounded(alphabet.size())));
            headers.append({names.at(random.bounded(names.size())), value});
        }
        const RateLimitHeaders parsed = parseRateLimitHeaders(headers);
        for (const OptMs &ms : {parsed.resetAfterMs, parsed.retryAfterMs}) {
            if (ms)
                QVERIFY(*ms >= 0 && *ms <= RateLimitHeaders::maxWaitMs);
        }
        if (parsed.limit)
            QVERIFY(*parsed.limit >= 0);
        if (parsed.remaining)
            QVERIFY(*parsed.remaining >= 0);
        QByteArray body;
        const int length = random.bounded(0, 60);
        for (int j = 0; j < length; ++j)
            body.append(char(random.bounded(256)));
        const RateLimitBody parsedBody = parseRateLimitBody(body);
        if (parsedBody.retryAfterMs)
            QVERIFY(*parsedBody.retryAfterMs >= 0 &&
                    *parsedBody.retryAfterMs <= RateLimitHeaders::maxWaitMs);
    }
}

QTEST_GUILESS_MAIN(TestRateLimitHeaders)
#include "tst_ratelimitheaders.moc"
