#include "RateLimiter.h"

#include <QCryptographicHash>
#include <QDateTime>

#include <chrono>
#include <cmath>

namespace gavel::emulator {

namespace {

qint64 toNs(double seconds)
{
    return static_cast<qint64>(std::llround(seconds * 1e9));
}

} // namespace

std::optional<BucketLimit> BucketLimit::parse(QStringView text)
{
    const qsizetype slash = text.indexOf(u'/');
    if (slash <= 0)
        return std::nullopt;
    bool okLimit = false;
    bool okSeconds = false;
    const int limit = text.first(slash).toInt(&okLimit);
    const double seconds = text.sliced(slash + 1).toDouble(&okSeconds);
    if (!okLimit || !okSeconds || limit < 0 || !(seconds > 0) || seconds > 86400)
        return std::nullopt;
    return BucketLimit{limit, seconds};
}

QString BucketLimit::toString() const
{
    return QString::number(limit) + u'/' + QString::number(seconds);
}

QByteArray scopeName(LimitScope scope)
{
    switch (scope) {
    case LimitScope::User:
        return "user";
    case LimitScope::Global:
        return "global";
    case LimitScope::Shared:
        return "shared";
    }
    return "user";
}

std::optional<LimitScope> parseScope(QStringView text)
{
    if (text == u"user")
        return LimitScope::User;
    if (text == u"global")
        return LimitScope::Global;
    if (text == u"shared")
        return LimitScope::Shared;
    return std::nullopt;
}

RateLimiter::RateLimiter()
{
    setClocks({}, {});
}

void RateLimiter::setClocks(Clock monotonic, WallClock wall)
{
    m_clock = monotonic ? std::move(monotonic) : [] {
        return static_cast<qint64>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                       std::chrono::steady_clock::now().time_since_epoch())
                                       .count());
    };
    m_wall = wall ? std::move(wall) : [] { return QDateTime::currentMSecsSinceEpoch(); };
}

void RateLimiter::setRouteBucket(const QByteArray &group, std::optional<BucketLimit> limit)
{
    if (limit)
        m_routeBuckets.insert(group, *limit);
    else
        m_routeBuckets.remove(group);
}

BucketLimit RateLimiter::bucketFor(const QByteArray &group) const
{
    return m_routeBuckets.value(group, m_default);
}

void RateLimiter::setSubLimit(const QByteArray &group, std::optional<SubLimit> limit)
{
    if (limit)
        m_subLimits.insert(group, *limit);
    else
        m_subLimits.remove(group);
}

void RateLimiter::setInvalidRequestLimit(int threshold, int windowSeconds)
{
    m_invalidThreshold = threshold;
    m_invalidWindowNs = qint64(windowSeconds) * 1000000000;
}

QByteArray RateLimiter::bucketHash(const QByteArray &group)
{
    const QByteArray input = QByteArrayLiteral("gavel-emulator/") + group;
    return QCryptographicHash::hash(input, QCryptographicHash::Md5).toHex();
}

void RateLimiter::roll(Window &w, qint64 now, qint64 length) const
{
    if (w.start < 0 || now >= w.start + length) {
        w.start = now;
        w.count = 0;
    }
}

void RateLimiter::fill(RateVerdict &v, const QByteArray &group, BucketLimit limit, const Window &w,
                       qint64 now) const
{
    v.hasBucket = true;
    v.limit = limit.limit;
    v.remaining = std::max(0, limit.limit - w.count);
    const qint64 end = w.start < 0 ? now + toNs(limit.seconds) : w.start + toNs(limit.seconds);
    v.resetAfter = static_cast<double>(end - now) / 1e9;
    v.resetEpoch = static_cast<double>(m_wall()) / 1e3 + v.resetAfter;
    v.bucket = bucketHash(group);
}

RateVerdict RateLimiter::peek(const QByteArray &group, quint64 major)
{
    RateVerdict v;
    const BucketLimit limit = bucketFor(group);
    if (!m_enabled || !limit.enabled())
        return v;
    const qint64 now = m_clock();
    Window &w = m_windows[{group, major}];
    const qint64 length = toNs(limit.seconds);
    if (w.start >= 0 && now >= w.start + length)
        w = Window{};
    fill(v, group, limit, w, now);
    return v;
}

RateVerdict RateLimiter::takeGlobal()
{
    RateVerdict v;
    if (!m_enabled || m_globalRate <= 0)
        return v;
    const qint64 now = m_clock();
    roll(m_global, now, 1000000000);
    if (m_global.count >= m_globalRate) {
        v.limited = true;
        v.scope = LimitScope::Global;
        v.retryAfter = static_cast<double>(m_global.start + 1000000000 - now) / 1e9;
        return v;
    }
    ++m_global.count;
    return v;
}

RateVerdict RateLimiter::take(const QByteArray &group, quint64 major)
{
    RateVerdict v;
    const BucketLimit limit = bucketFor(group);
    if (!m_enabled || !limit.enabled())
        return v;
    const qint64 now = m_clock();
    const qint64 length = toNs(limit.seconds);
    Window &w = m_windows[{group, major}];
    roll(w, now, length);
    if (w.count >= limit.limit) {
        fill(v, group, limit, w, now);
        v.limited = true;
        v.scope = LimitScope::User;
        v.retryAfter = v.resetAfter;
        return v;
    }
    auto sub = m_subLimits.constFind(group);
    if (sub != m_subLimits.cend() && sub->limit > 0) {
        Window &s = m_subWindows[{group, major}];
        const qint64 subLength = toNs(sub->seconds);
        roll(s, now, subLength);
        if (s.count >= sub->limit) {
            fill(v, group, limit, w, now);
            v.limited = true;
            v.scope = sub->scope;
            v.retryAfter = static_cast<double>(s.start + subLength - now) / 1e9;
            return v;
        }
        ++s.count;
    }
    ++w.count;
    fill(v, group, limit, w, now);
    return v;
}

void RateLimiter::recordInvalid()
{
    const qint64 now = m_clock();
    roll(m_invalid, now, m_invalidWindowNs);
    ++m_invalid.count;
    ++m_invalidTotal;
}

std::optional<double> RateLimiter::banRemaining()
{
    if (m_invalidThreshold <= 0)
        return std::nullopt;
    const qint64 now = m_clock();
    if (m_invalid.start < 0 || now >= m_invalid.start + m_invalidWindowNs) {
        m_invalid = Window{};
        return std::nullopt;
    }
    if (m_invalid.count < m_invalidThreshold)
        return std::nullopt;
    return static_cast<double>(m_invalid.start + m_invalidWindowNs - now) / 1e9;
}

int RateLimiter::invalidCount()
{
    const qint64 now = m_clock();
    if (m_invalid.start >= 0 && now >= m_invalid.start + m_invalidWindowNs)
        m_invalid = Window{};
    return m_invalid.count;
}

void RateLimiter::recordLimited(const QByteArray &group, quint64 major)
{
    ++m_limitedByBucket[bucketHash(group) + ':' + QByteArray::number(major)];
}

void RateLimiter::reset()
{
    m_windows.clear();
    m_subWindows.clear();
    m_global = Window{};
    m_invalid = Window{};
}

} // namespace gavel::emulator
