#pragma once

#include <QtGlobal>

#include <deque>

namespace gavel::discord {

/*!
 * Counts invalid requests (401, 403, and 429 except those of shared scope) in a sliding
 * window. Discord bans an IP for 10,000 of them in 10 minutes; the client stops long before,
 * at threshold, because reaching it means something is systematically wrong.
 */
class InvalidRequestGuard
{
public:
    explicit InvalidRequestGuard(int threshold = 1000, qint64 windowMs = 10 * 60 * 1000);

    //! Records one invalid request at nowMs; true once the count in the window reaches the
    //! threshold.
    bool record(qint64 nowMs);
    //! Invalid requests in the window ending at nowMs.
    int count(qint64 nowMs);

    int threshold() const { return m_threshold; }
    qint64 windowMs() const { return m_windowMs; }

private:
    void expire(qint64 nowMs);

    std::deque<qint64> m_times;
    qint64 m_windowMs;
    int m_threshold;
};

} // namespace gavel::discord
