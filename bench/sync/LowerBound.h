#pragma once

#include <QString>

namespace gavel::emulator {
class Snapshot;
}

namespace gavel::bench {

/*!
 * The fewest message and reaction-user requests any client needs for a snapshot, per
 * rate-limit bucket: a channel's messages take ceil(n / 100) pages, each emoji of each message
 * ceil(users / 100) pages per reaction type, and all reaction routes of a channel share one
 * bucket (as on Discord and in the emulator). Only channels the bot may read count.
 */
struct NeededRequests
{
    qint64 messages = 0, reactionUsers = 0, channels = 0;
    qint64 messagePages = 0, reactionPages = 0;
    qint64 memberPages = 0;
    qint64 busiestBucketRequests = 0; //!< the bucket with the most requests
    QString busiestBucket;            //!< "reactions of channel <id>"

    static NeededRequests of(const emulator::Snapshot &snapshot);
};

} // namespace gavel::bench
