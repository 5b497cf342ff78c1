#include "LowerBound.h"

#include "emulator/Snapshot.h"

namespace gavel::bench {

using namespace Qt::StringLiterals;

namespace {
qint64 pages(std::size_t items, qint64 perPage)
{
    return (static_cast<qint64>(items) + perPage - 1) / perPage;
}
} // namespace

NeededRequests NeededRequests::of(const emulator::Snapshot &snapshot)
{
    NeededRequests needed;
    const quint64 bot = snapshot.findBotUser().ok() ? *snapshot.findBotUser() : 0;
    const auto consider = [&needed](qint64 requests, const QString &name) {
        if (requests > needed.busiestBucketRequests) {
            needed.busiestBucketRequests = requests;
            needed.busiestBucket = name;
        }
    };
    for (const emulator::Channel &channel : snapshot.channels()) {
        const quint64 permissions = snapshot.channelPermissions(bot, channel);
        const quint64 read =
            emulator::permission::ViewChannel | emulator::permission::ReadMessageHistory;
        if ((permissions & read) != read || channel.messages.empty())
            continue;
        ++needed.channels;
        const qint64 messagePages = pages(channel.messages.size(), 100);
        qint64 reactionPages = 0;
        for (const emulator::Message &message : channel.messages) {
            for (const emulator::Reaction &reaction : message.reactions) {
                reactionPages += pages(reaction.normal.size(), 100);
                reactionPages += pages(reaction.burst.size(), 100);
                needed.reactionUsers +=
                    static_cast<qint64>(reaction.normal.size() + reaction.burst.size());
            }
        }
        needed.messages += static_cast<qint64>(channel.messages.size());
        needed.messagePages += messagePages;
        needed.reactionPages += reactionPages;
        consider(messagePages, u"messages of channel %1"_s.arg(channel.id));
        consider(reactionPages, u"reactions of channel %1"_s.arg(channel.id));
    }
    needed.memberPages = pages(snapshot.members().size(), 1000);
    consider(needed.memberPages, u"members of the guild"_s);
    return needed;
}

} // namespace gavel::bench
