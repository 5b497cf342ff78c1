#include "Counting.h"

namespace gavel::analysis {

std::vector<bool> selectedChannels(const history::History &history,
                                   const std::vector<Index> &channels)
{
    const size_t n = history.channels.size();
    std::vector<bool> listed(n, false);
    for (Index c : channels)
        if (c < n)
            listed[c] = true;
    std::vector<bool> selected(n, channels.empty());
    if (channels.empty())
        return selected;
    for (size_t c = 0; c < n; ++c) {
        // Walk up to the category; a bounded walk guards against a parent cycle in bad data.
        Index at = static_cast<Index>(c);
        for (int depth = 0; depth < 4 && at != NoIndex && at < n; ++depth) {
            if (listed[at]) {
                selected[c] = true;
                break;
            }
            at = history.channels[at].parent;
        }
    }
    return selected;
}

std::vector<Index> countedReactions(const history::History &history, const CountOptions &options)
{
    const std::vector<bool> channels = selectedChannels(history, options.channels);
    std::vector<bool> ignored(history.users.size(), false);
    for (size_t u = 0; u < history.users.size(); ++u)
        ignored[u] =
            history.users[u].bot || (u < options.excludedUsers.size() && options.excludedUsers[u]);

    std::vector<Index> counted;
    counted.reserve(history.reactions.size());
    const history::Reaction *previous = nullptr;
    for (size_t i = 0; i < history.reactions.size(); ++i) {
        const history::Reaction &r = history.reactions[i];
        if (options.since != NoTime && r.at < options.since)
            continue;
        if (options.until != NoTime && r.at >= options.until)
            continue;
        if (!options.includeRemoved && r.removedAt != NoTime)
            continue;
        if (r.reactor == r.author || r.reactor >= ignored.size() || ignored[r.reactor] ||
            r.author >= ignored.size() || ignored[r.author])
            continue;
        if (r.channel >= channels.size() || !channels[r.channel])
            continue;
        if (history.messages[r.message].webhook)
            continue;
        // Reactions are sorted by (message, emoji, reactor, burst): a super reaction right
        // after the normal one with the same emoji is the same reaction for counting.
        if (previous && previous->message == r.message && previous->emoji == r.emoji &&
            previous->reactor == r.reactor)
            continue;
        previous = &r;
        counted.push_back(static_cast<Index>(i));
    }
    return counted;
}

} // namespace gavel::analysis
