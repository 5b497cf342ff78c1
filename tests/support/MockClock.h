#pragma once

#include "discord/Clock.h"

#include <QtGlobal>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace gavel::test {

//! A Clock that stands still until a test moves it; its timers fire in deadline order as time
//! passes, each with the clock set to its deadline.
class MockClock final : public discord::Clock
{
public:
    explicit MockClock(qint64 startMs = 1'000'000, qint64 wallStartMs = 1'700'000'000'000);
    ~MockClock() override;

    qint64 nowMs() const override { return m_now; }
    qint64 wallMs() const override { return m_wallOffset + m_now; }
    std::unique_ptr<discord::ClockTimer> createTimer(std::function<void()> fire) override;

    //! Moves time forward by ms, firing every timer that falls due on the way.
    void advance(qint64 ms);
    //! Moves time to atMs (never backwards), firing timers due on the way.
    void advanceTo(qint64 atMs);
    //! Deadline of the earliest active timer.
    std::optional<qint64> nextDeadline() const;
    //! Jumps to the earliest deadline and fires that timer; false when no timer is active.
    bool runNext();
    //! Runs timers until done() holds or no timer is left; false if it gave up (no timer,
    //! or the time limit passed).
    bool runUntil(const std::function<bool()> &done, qint64 limitMs = 24LL * 3600 * 1000);

    struct TimerState
    {
        std::function<void()> fire;
        qint64 at = 0;
        quint64 order = 0;
        bool active = false;
    };

private:
    friend class MockTimer;
    TimerState *earliest() const;

    std::vector<TimerState *> m_timers;
    qint64 m_now;
    qint64 m_wallOffset;
    quint64 m_order = 0;
};

} // namespace gavel::test
