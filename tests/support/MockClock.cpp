#include "MockClock.h"

#include <algorithm>

namespace gavel::test {

class MockTimer final : public discord::ClockTimer
{
public:
    MockTimer(MockClock *clock, std::function<void()> fire)
        : m_clock(clock)
    {
        m_state.fire = std::move(fire);
        m_clock->m_timers.push_back(&m_state);
    }
    ~MockTimer() override
    {
        auto &timers = m_clock->m_timers;
        timers.erase(std::remove(timers.begin(), timers.end(), &m_state), timers.end());
    }
    void start(qint64 atMs) override
    {
        m_state.at = atMs;
        m_state.order = ++m_clock->m_order;
        m_state.active = true;
    }
    void stop() override { m_state.active = false; }
    bool isActive() const override { return m_state.active; }

private:
    MockClock *m_clock;
    MockClock::TimerState m_state;
};

MockClock::MockClock(qint64 startMs, qint64 wallStartMs)
    : m_now(startMs)
    , m_wallOffset(wallStartMs - startMs)
{}

MockClock::~MockClock() = default;

std::unique_ptr<discord::ClockTimer> MockClock::createTimer(std::function<void()> fire)
{
    return std::make_unique<MockTimer>(this, std::move(fire));
}

MockClock::TimerState *MockClock::earliest() const
{
    TimerState *best = nullptr;
    for (TimerState *timer : m_timers) {
        if (!timer->active)
            continue;
        if (!best || timer->at < best->at || (timer->at == best->at && timer->order < best->order))
            best = timer;
    }
    return best;
}

std::optional<qint64> MockClock::nextDeadline() const
{
    const TimerState *timer = earliest();
    return timer ? std::optional<qint64>(timer->at) : std::nullopt;
}

bool MockClock::runNext()
{
    TimerState *timer = earliest();
    if (!timer)
        return false;
    m_now = qMax(m_now, timer->at);
    timer->active = false;
    // The callback may destroy the timer: copy what it runs.
    const std::function<void()> fire = timer->fire;
    fire();
    return true;
}

void MockClock::advanceTo(qint64 atMs)
{
    for (;;) {
        TimerState *timer = earliest();
        if (!timer || timer->at > atMs)
            break;
        runNext();
    }
    m_now = qMax(m_now, atMs);
}

void MockClock::advance(qint64 ms)
{
    advanceTo(m_now + ms);
}

bool MockClock::runUntil(const std::function<bool()> &done, qint64 limitMs)
{
    const qint64 end = m_now + limitMs;
    while (!done()) {
        const std::optional<qint64> next = nextDeadline();
        if (!next || *next > end)
            return false;
        runNext();
    }
    return true;
}

} // namespace gavel::test
