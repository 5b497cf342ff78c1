#include "discord/GlobalLimiter.h"

namespace gavel::discord {

GlobalLimiter::GlobalLimiter(int perWindow, qint64 windowMs, qint64 marginMs)
    : m_windowMs(qMax<qint64>(1, windowMs))
    , m_marginMs(qMax<qint64>(0, marginMs))
    , m_perWindow(qMax(0, perWindow))
{
    m_sent.resize(size_t(m_perWindow));
}

qint64 GlobalLimiter::availableAt(qint64 nowMs) const
{
    const qint64 at = qMax(nowMs, m_pausedUntil);
    if (m_perWindow == 0 || m_count < m_sent.size())
        return at;
    return qMax(at, m_sent[m_next] + m_windowMs + m_marginMs);
}

bool GlobalLimiter::tryAcquire(qint64 nowMs)
{
    if (availableAt(nowMs) > nowMs)
        return false;
    if (m_perWindow == 0)
        return true;
    m_sent[m_next] = nowMs;
    m_next = (m_next + 1) % m_sent.size();
    if (m_count < m_sent.size())
        ++m_count;
    return true;
}

void GlobalLimiter::pauseUntil(qint64 untilMs)
{
    m_pausedUntil = qMax(m_pausedUntil, untilMs);
}

} // namespace gavel::discord
