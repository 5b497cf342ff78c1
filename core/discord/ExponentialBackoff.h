#pragma once

#include <QtGlobal>

#include <optional>
#include <random>

namespace gavel::discord {

//! Settings of an ExponentialBackoff.
struct BackoffOptions
{
    qint64 initialMs = 500;      //!< nominal delay before the first retry
    qint64 maxMs = 30000;        //!< cap on the nominal delay
    double factor = 2.0;         //!< growth per retry
    double jitter = 0.5;         //!< a delay is drawn from [nominal * (1 - jitter), nominal]
    std::optional<quint64> seed; //!< fixed seed for reproducible tests; random otherwise
};

/*!
 * Delays between retries of a failed request: exponential, capped, and jittered so that many
 * requests failing together (an outage, a reset connection pool) do not retry in lockstep.
 */
class ExponentialBackoff
{
public:
    using Options = BackoffOptions;

    explicit ExponentialBackoff(Options options = {});

    //! min(maxMs, initialMs * factor^(retry - 1)) for retry >= 1.
    qint64 nominalMs(int retry) const;
    //! A jittered delay before retry number retry (1 = first retry).
    qint64 delayMs(int retry);

    const Options &options() const { return m_options; }

private:
    Options m_options;
    std::mt19937_64 m_random;
};

} // namespace gavel::discord
