#include "discord/Clock.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <limits>

namespace gavel::discord {

namespace {

class SteadyTimer final : public ClockTimer
{
public:
    SteadyTimer(const SteadyClock *clock, std::function<void()> fire)
        : m_clock(clock)
    {
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, std::move(fire));
    }

    void start(qint64 atMs) override
    {
        const qint64 delay = atMs - m_clock->nowMs();
        // QTimer takes an int; a rate-limit wait never needs more than ~24 days, and a timer
        // that fires early only makes the client re-check and re-arm.
        m_timer.start(
            static_cast<int>(std::clamp<qint64>(delay, 0, std::numeric_limits<int>::max())));
    }
    void stop() override { m_timer.stop(); }
    bool isActive() const override { return m_timer.isActive(); }

private:
    const SteadyClock *m_clock;
    QTimer m_timer;
};

} // namespace

qint64 SteadyClock::nowMs() const
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

qint64 SteadyClock::wallMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

std::unique_ptr<ClockTimer> SteadyClock::createTimer(std::function<void()> fire)
{
    return std::make_unique<SteadyTimer>(this, std::move(fire));
}

SteadyClock *SteadyClock::instance()
{
    static SteadyClock clock;
    return &clock;
}

} // namespace gavel::discord
