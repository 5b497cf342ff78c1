#include "discord/ExponentialBackoff.h"

#include <cmath>

namespace gavel::discord {

namespace {

ExponentialBackoff::Options sanitized(ExponentialBackoff::Options options)
{
    options.initialMs = qMax<qint64>(0, options.initialMs);
    options.maxMs = qMax(options.initialMs, options.maxMs);
    if (!(options.factor >= 1.0))
        options.factor = 1.0;
    if (!(options.jitter >= 0.0))
        options.jitter = 0.0;
    options.jitter = qMin(options.jitter, 1.0);
    return options;
}

} // namespace

ExponentialBackoff::ExponentialBackoff(Options options)
    : m_options(sanitized(options))
    , m_random(options.seed ? *options.seed : std::random_device{}())
{}

qint64 ExponentialBackoff::nominalMs(int retry) const
{
    const double exponent = double(qMax(1, retry) - 1);
    const double nominal = double(m_options.initialMs) * std::pow(m_options.factor, exponent);
    if (!std::isfinite(nominal) || nominal >= double(m_options.maxMs))
        return m_options.maxMs;
    return qint64(nominal);
}

qint64 ExponentialBackoff::delayMs(int retry)
{
    const qint64 nominal = nominalMs(retry);
    const qint64 low = nominal - qint64(double(nominal) * m_options.jitter);
    if (low >= nominal)
        return nominal;
    std::uniform_int_distribution<qint64> pick(low, nominal);
    return pick(m_random);
}

} // namespace gavel::discord
