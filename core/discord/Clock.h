#pragma once

#include <QtGlobal>

#include <functional>
#include <memory>

namespace gavel::discord {

//! A one-shot wake-up at a point of a Clock's time; restarting replaces the previous deadline.
class ClockTimer
{
public:
    virtual ~ClockTimer() = default;

    //! Calls the timer's callback once the clock reaches atMs (at once, via the event loop, if
    //! that time has passed). Replaces any earlier deadline.
    virtual void start(qint64 atMs) = 0;
    virtual void stop() = 0;
    virtual bool isActive() const = 0;
};

//! Time source of the REST client: steady milliseconds for scheduling, wall time for
//! X-RateLimit-Reset. Tests substitute a mock to drive rate limits without sleeping.
class Clock
{
public:
    virtual ~Clock() = default;

    //! Monotonic milliseconds (arbitrary origin); never goes back.
    virtual qint64 nowMs() const = 0;
    //! UTC milliseconds since the Unix epoch.
    virtual qint64 wallMs() const = 0;
    //! A timer on this clock that calls fire on expiry.
    virtual std::unique_ptr<ClockTimer> createTimer(std::function<void()> fire) = 0;
};

//! The real clock: std::chrono::steady_clock and QTimer (Qt::PreciseTimer).
class SteadyClock final : public Clock
{
public:
    qint64 nowMs() const override;
    qint64 wallMs() const override;
    std::unique_ptr<ClockTimer> createTimer(std::function<void()> fire) override;

    //! A process-wide instance for clients that are not given a clock.
    static SteadyClock *instance();
};

} // namespace gavel::discord
