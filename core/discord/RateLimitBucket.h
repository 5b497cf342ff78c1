#pragma once

#include <QtGlobal>

#include <optional>

namespace gavel::discord {

/*!
 * One per-route rate-limit counter (a bucket hash and a major parameter), learned from
 * response headers and consulted before every send.
 *
 * Until a response has taught the limit, only one request is let through at a time. Once the
 * limit is known, requests are counted against the current window locally (reserve before
 * send), so the client waits instead of collecting 429s. A window ends at the Reset-After of
 * the first response sent in it plus a safety offset; requests still in flight when a window
 * ends are counted against the next one, since the server may see them after its reset.
 */
class RateLimitBucket
{
public:
    enum class Mode : quint8 {
        Unknown,   //!< no response yet: one request in flight at a time
        Unlimited, //!< responses carry no rate-limit headers
        Limited,   //!< the limit is known
    };
    enum class Verdict : quint8 {
        Send,            //!< reserved: send now
        WaitUntil,       //!< nothing can be sent before atMs
        WaitForResponse, //!< a response in flight must teach the limit or the reset first
    };
    struct Decision
    {
        Verdict verdict = Verdict::Send;
        qint64 atMs = 0;    //!< for WaitUntil
        quint32 window = 0; //!< for Send: pass back to onResponse/release
    };

    //! offsetMs is added to every learned reset time to absorb rounding and clock granularity.
    explicit RateLimitBucket(qint64 offsetMs = 20);
    //! A bucket of a hash whose limit is known from another major parameter: starts Limited
    //! with a fresh window.
    static RateLimitBucket withLimit(int limit, qint64 offsetMs = 20);

    //! Reserves one request if the bucket allows it now.
    Decision tryReserve(qint64 nowMs);
    //! The response of a request reserved in window arrived with these header values
    //! (resetAfterMs already resolved from Reset-After or Reset).
    void onResponse(quint32 window, std::optional<int> limit, std::optional<int> remaining,
                    std::optional<qint64> resetAfterMs, qint64 nowMs);
    //! Headers of a response to a request reserved in another bucket (a route whose requests
    //! just moved here): learns from them as if they were for the current window.
    void observe(std::optional<int> limit, std::optional<int> remaining,
                 std::optional<qint64> resetAfterMs, qint64 nowMs);
    //! A reserved request ended without a response (network error, cancel): frees its slot in
    //! flight without learning anything; it still counts against its window.
    void release(quint32 window);
    //! A 429 said the bucket is exhausted: nothing is sent before untilMs, then a new window.
    void pauseUntil(qint64 untilMs);

    //! Nothing in flight and nothing to remember at nowMs: no pause, no window still running.
    //! Forgetting such a bucket costs at most one probe the next time.
    bool isIdleAt(qint64 nowMs) const;

    Mode mode() const { return m_mode; }
    quint32 window() const { return m_window; }
    int limit() const { return m_limit; }
    int used() const { return m_used; }
    int inFlight() const { return m_inFlight; }
    std::optional<qint64> resetAt() const { return m_resetAt; }
    qint64 pausedUntil() const { return m_pausedUntil; }

private:
    void openWindow(qint64 nowMs, int used);
    void learn(quint32 window, std::optional<int> limit, std::optional<int> remaining,
               std::optional<qint64> resetAfterMs, qint64 nowMs);

    std::optional<qint64> m_resetAt;
    qint64 m_offsetMs;
    qint64 m_pausedUntil = 0;
    qint64 m_openedAt = 0;
    qint64 m_windowMs = 0; //!< Reset-After of the first response of the last window
    int m_limit = 1;
    int m_used = 0;
    int m_inFlight = 0;
    quint32 m_window = 0;
    Mode m_mode = Mode::Unknown;
    bool m_open = false;
};

} // namespace gavel::discord
