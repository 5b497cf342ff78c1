#pragma once

#include <QtGlobal>

#include <vector>

namespace gavel::discord {

/*!
 * The bot-wide request budget (Discord: 50 per second), enforced before sending.
 *
 * A sliding log rather than a refilling token bucket: at most perWindow sends in any
 * windowMs + marginMs. A token bucket that allows a burst lets up to twice the rate through
 * in one second, which a fixed-window server counts as over the limit; the sliding log keeps
 * the burst at start-up (no waiting for the first 50) and never exceeds the limit in any
 * window, and the margin absorbs differences in network latency between requests.
 */
class GlobalLimiter
{
public:
    //! perWindow <= 0 disables the limit (a 429 from the server still pauses).
    explicit GlobalLimiter(int perWindow = 50, qint64 windowMs = 1000, qint64 marginMs = 0);

    //! Earliest time >= nowMs at which tryAcquire succeeds.
    qint64 availableAt(qint64 nowMs) const;
    //! Counts one send at nowMs if the budget allows it.
    bool tryAcquire(qint64 nowMs);
    //! A global 429: nothing is sent before untilMs.
    void pauseUntil(qint64 untilMs);

    int perWindow() const { return m_perWindow; }
    qint64 windowMs() const { return m_windowMs; }
    qint64 pausedUntil() const { return m_pausedUntil; }

private:
    std::vector<qint64> m_sent; //!< ring of the last perWindow send times; m_next is the oldest
    qint64 m_windowMs;
    qint64 m_marginMs;
    qint64 m_pausedUntil = 0;
    size_t m_next = 0;
    size_t m_count = 0;
    int m_perWindow;
};

} // namespace gavel::discord
