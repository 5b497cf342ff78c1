#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <functional>
#include <optional>

namespace gavel::emulator {

//! A fixed-window limit of `limit` requests per `seconds`; a limit of 0 turns it off.
struct BucketLimit
{
    int limit = 5;
    double seconds = 1.0;

    bool enabled() const { return limit > 0 && seconds > 0; }
    //! Parses "LIMIT/SECONDS" ("5/1", "2/0.5", "0/1" = off); nullopt when malformed.
    static std::optional<BucketLimit> parse(QStringView text);
    QString toString() const;
    friend bool operator==(const BucketLimit &, const BucketLimit &) = default;
};

//! Discord's X-RateLimit-Scope values.
enum class LimitScope { User, Global, Shared };
QByteArray scopeName(LimitScope scope);
std::optional<LimitScope> parseScope(QStringView text);

//! A hidden limit inside a route group: 429s although the bucket headers still show budget.
struct SubLimit
{
    int limit = 1;
    double seconds = 1.0;
    LimitScope scope = LimitScope::User;
};

//! What the limiter says about one request, and the bucket headers to send with the answer.
struct RateVerdict
{
    bool limited = false;
    LimitScope scope = LimitScope::User;
    double retryAfter = 0; //!< seconds
    bool hasBucket = false;
    int limit = 0;
    int remaining = 0;
    double resetAfter = 0; //!< seconds
    double resetEpoch = 0; //!< Unix seconds
    QByteArray bucket;
};

/*!
 * Discord-style rate limits: a bucket per (route group, major parameter) with fixed windows
 * that start at the first request, a global requests-per-second limit, hidden sub-limits,
 * and the invalid-request counter that leads to the Cloudflare ban.
 */
class RateLimiter
{
public:
    //! Monotonic nanoseconds; replaceable so tests of the limiter need not sleep.
    using Clock = std::function<qint64()>;
    //! Wall-clock Unix milliseconds, for X-RateLimit-Reset.
    using WallClock = std::function<qint64()>;

    RateLimiter();

    void setClocks(Clock monotonic, WallClock wall);
    void setEnabled(bool enabled) { m_enabled = enabled; }
    bool isEnabled() const { return m_enabled; }
    void setDefaultBucket(BucketLimit limit) { m_default = limit; }
    BucketLimit defaultBucket() const { return m_default; }
    void setRouteBucket(const QByteArray &group, std::optional<BucketLimit> limit);
    const QHash<QByteArray, BucketLimit> &routeBuckets() const { return m_routeBuckets; }
    BucketLimit bucketFor(const QByteArray &group) const;
    void setSubLimit(const QByteArray &group, std::optional<SubLimit> limit);
    const QHash<QByteArray, SubLimit> &subLimits() const { return m_subLimits; }
    void setGlobalRate(int perSecond) { m_globalRate = perSecond; }
    int globalRate() const { return m_globalRate; }
    void setInvalidRequestLimit(int threshold, int windowSeconds);
    int invalidRequestThreshold() const { return m_invalidThreshold; }
    int invalidWindowSeconds() const { return static_cast<int>(m_invalidWindowNs / 1000000000); }

    //! The bucket headers for a request without counting it (401s, global 429s).
    RateVerdict peek(const QByteArray &group, quint64 major);
    //! Counts a request against the global limit unless it is exhausted.
    RateVerdict takeGlobal();
    //! Counts a request against its sub-limit and bucket unless one is exhausted.
    RateVerdict take(const QByteArray &group, quint64 major);

    //! Records a 401, 403 or 429 (not scope shared), as Cloudflare counts them.
    void recordInvalid();
    //! Seconds left of the ban when the invalid-request threshold was reached in this window.
    std::optional<double> banRemaining();
    int invalidCount();
    qint64 invalidTotal() const { return m_invalidTotal; }

    //! Counts a 429 (any scope) against the request's bucket: "at most one 429 per bucket" is
    //! checked per (route group's bucket hash, major parameter), as Discord keys its buckets.
    void recordLimited(const QByteArray &group, quint64 major);
    //! 429s by "bucket hash:major parameter" since the start or resetLimitedCounts().
    const QHash<QByteArray, qint64> &limitedByBucket() const { return m_limitedByBucket; }
    void resetLimitedCounts() { m_limitedByBucket.clear(); }

    //! Forgets every window (buckets, global, sub-limits, invalid requests).
    void reset();

    //! The stable opaque X-RateLimit-Bucket value of a route group.
    static QByteArray bucketHash(const QByteArray &group);

private:
    struct Window
    {
        qint64 start = -1;
        int count = 0;
    };

    void roll(Window &w, qint64 now, qint64 length) const;
    void fill(RateVerdict &v, const QByteArray &group, BucketLimit limit, const Window &w,
              qint64 now) const;

    Clock m_clock;
    WallClock m_wall;
    bool m_enabled = true;
    BucketLimit m_default;
    QHash<QByteArray, BucketLimit> m_routeBuckets;
    QHash<QByteArray, SubLimit> m_subLimits;
    int m_globalRate = 50;
    QHash<std::pair<QByteArray, quint64>, Window> m_windows;
    QHash<std::pair<QByteArray, quint64>, Window> m_subWindows;
    Window m_global;
    int m_invalidThreshold = 10000;
    qint64 m_invalidWindowNs = qint64(600) * 1000000000;
    Window m_invalid;
    qint64 m_invalidTotal = 0;
    QHash<QByteArray, qint64> m_limitedByBucket;
};

} // namespace gavel::emulator
