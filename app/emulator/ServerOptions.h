#pragma once

#include "Faults.h"
#include "RateLimiter.h"

#include <QHash>
#include <QHostAddress>
#include <QString>

#include <optional>

namespace gavel::emulator {

//! Everything `gavel emulate` can be told on its command line; most can change at run time.
struct ServerOptions
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 0; //!< 0 = any free port
    QString token = defaultToken();
    std::optional<quint64> botUserId; //!< overrides the bot found in the snapshot

    bool rateLimits = true; //!< master switch: buckets, sub-limits and the global limit
    int globalRate = 50;    //!< requests per second per token; 0 = off
    BucketLimit bucket{5, 1.0};
    QHash<QByteArray, BucketLimit> routeBuckets;
    QHash<QByteArray, SubLimit> subLimits;
    int invalidRequestThreshold = 10000; //!< 401/403/429 per window before the ban; 0 = never
    int invalidWindowSeconds = 600;

    FaultConfig faults;
    bool membersIntent = true;
    bool messageContentIntent = true;
    bool verbose = false; //!< one stderr line per injected fault

    static QString defaultToken() { return QStringLiteral("gavel-emulator-token"); }
};

} // namespace gavel::emulator
