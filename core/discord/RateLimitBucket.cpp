#include "discord/RateLimitBucket.h"

namespace gavel::discord {

namespace {
// Assumed length of a window when no response has said how long it is.
constexpr qint64 fallbackWindowMs = 1000;
} // namespace

RateLimitBucket::RateLimitBucket(qint64 offsetMs)
    : m_offsetMs(qMax<qint64>(0, offsetMs))
{}

RateLimitBucket RateLimitBucket::withLimit(int limit, qint64 offsetMs)
{
    RateLimitBucket bucket(offsetMs);
    bucket.m_mode = Mode::Limited;
    bucket.m_limit = qMax(1, limit);
    return bucket;
}

void RateLimitBucket::openWindow(qint64 nowMs, int used)
{
    ++m_window;
    m_open = true;
    m_openedAt = nowMs;
    m_used = used;
    m_resetAt.reset();
}

RateLimitBucket::Decision RateLimitBucket::tryReserve(qint64 nowMs)
{
    if (nowMs < m_pausedUntil)
        return {Verdict::WaitUntil, m_pausedUntil, 0};
    switch (m_mode) {
    case Mode::Unknown:
        if (m_inFlight > 0)
            return {Verdict::WaitForResponse, 0, 0};
        ++m_inFlight;
        return {Verdict::Send, 0, m_window};
    case Mode::Unlimited:
        ++m_inFlight;
        return {Verdict::Send, 0, m_window};
    case Mode::Limited:
        break;
    }
    // Requests still in flight may reach the server after its reset: count them in the new
    // window rather than risk one more than the limit there.
    if (!m_open || (m_resetAt && nowMs >= *m_resetAt))
        openWindow(nowMs, m_inFlight);
    if (m_used < m_limit) {
        ++m_used;
        ++m_inFlight;
        return {Verdict::Send, 0, m_window};
    }
    if (m_resetAt)
        return {Verdict::WaitUntil, *m_resetAt, 0};
    if (m_inFlight > 0)
        return {Verdict::WaitForResponse, 0, 0};
    // Full, and no response will say when the window ends: assume it lasts as long as the
    // last one rather than wait forever.
    m_resetAt = m_openedAt + (m_windowMs > 0 ? m_windowMs : fallbackWindowMs) + m_offsetMs;
    if (*m_resetAt <= nowMs)
        m_resetAt = nowMs + 1;
    return {Verdict::WaitUntil, *m_resetAt, 0};
}

void RateLimitBucket::onResponse(quint32 window, std::optional<int> limit,
                                 std::optional<int> remaining, std::optional<qint64> resetAfterMs,
                                 qint64 nowMs)
{
    if (m_inFlight > 0)
        --m_inFlight;
    learn(window, limit, remaining, resetAfterMs, nowMs);
}

void RateLimitBucket::observe(std::optional<int> limit, std::optional<int> remaining,
                              std::optional<qint64> resetAfterMs, qint64 nowMs)
{
    learn(m_window, limit, remaining, resetAfterMs, nowMs);
}

void RateLimitBucket::learn(quint32 window, std::optional<int> limit, std::optional<int> remaining,
                            std::optional<qint64> resetAfterMs, qint64 nowMs)
{
    if (!limit && !remaining && !resetAfterMs) {
        if (m_mode == Mode::Unknown)
            m_mode = Mode::Unlimited;
        return;
    }
    if (limit)
        m_limit = qMax(1, *limit);
    else if (m_mode != Mode::Limited)
        m_limit = remaining ? qMax(1, *remaining + 1) : 1;
    const int serverUsed = remaining ? qMax(0, m_limit - *remaining) : 1;
    const std::optional<qint64> candidate =
        resetAfterMs ? std::optional<qint64>(nowMs + *resetAfterMs + m_offsetMs) : std::nullopt;

    if (m_mode != Mode::Limited) {
        // The first lesson: the server's count includes this request; whatever else is in
        // flight will count too.
        m_mode = Mode::Limited;
        openWindow(nowMs, serverUsed + m_inFlight);
        m_resetAt = candidate;
        if (resetAfterMs)
            m_windowMs = *resetAfterMs;
        return;
    }
    if (candidate) {
        const bool expired = !m_open || (m_resetAt && nowMs >= *m_resetAt);
        const qint64 tolerance = qMax<qint64>(20, m_windowMs / 2);
        if (expired || (m_resetAt && *candidate > *m_resetAt + tolerance)) {
            // The server has begun a window we did not open (a request of ours reached it
            // after its reset, or someone else uses the bucket): adopt the server's count.
            openWindow(nowMs, serverUsed + m_inFlight);
            m_resetAt = candidate;
            m_windowMs = *resetAfterMs;
            return;
        }
        if (window == m_window) {
            if (!m_resetAt) {
                m_resetAt = candidate;
                m_windowMs = *resetAfterMs;
            } else if (*candidate > *m_resetAt) {
                m_resetAt = candidate;
            }
        }
    }
    if (remaining && window == m_window)
        m_used = qMax(m_used, serverUsed);
}

void RateLimitBucket::release(quint32 window)
{
    Q_UNUSED(window);
    if (m_inFlight > 0)
        --m_inFlight;
}

bool RateLimitBucket::isIdleAt(qint64 nowMs) const
{
    if (m_inFlight > 0 || nowMs < m_pausedUntil)
        return false;
    if (m_mode != Mode::Limited || !m_open)
        return true;
    return m_resetAt && nowMs >= *m_resetAt;
}

void RateLimitBucket::pauseUntil(qint64 untilMs)
{
    m_pausedUntil = qMax(m_pausedUntil, untilMs);
    if (m_mode == Mode::Limited) {
        // The window the 429 belongs to ends no earlier than the pause.
        m_open = true;
        m_used = qMax(m_used, m_limit);
        m_resetAt = qMax(m_resetAt.value_or(0), m_pausedUntil);
    }
}

} // namespace gavel::discord
