#include "discord/InvalidRequestGuard.h"

namespace gavel::discord {

InvalidRequestGuard::InvalidRequestGuard(int threshold, qint64 windowMs)
    : m_windowMs(qMax<qint64>(1, windowMs))
    , m_threshold(qMax(1, threshold))
{}

void InvalidRequestGuard::expire(qint64 nowMs)
{
    while (!m_times.empty() && m_times.front() <= nowMs - m_windowMs)
        m_times.pop_front();
}

bool InvalidRequestGuard::record(qint64 nowMs)
{
    expire(nowMs);
    m_times.push_back(nowMs);
    // Only the count matters once the threshold is reached; keep memory bounded.
    if (m_times.size() > size_t(m_threshold))
        m_times.pop_front();
    return m_times.size() >= size_t(m_threshold);
}

int InvalidRequestGuard::count(qint64 nowMs)
{
    expire(nowMs);
    return int(m_times.size());
}

} // namespace gavel::discord
