#pragma once

#include "history/History.h"

#include <vector>

namespace gavel::analysis {

using history::Index;
using history::NoIndex;
using history::NoTime;

//! Which reactions an analysis looks at: a time window and a channel set on top of R1.
struct CountOptions
{
    qint64 since = NoTime; //!< first message time included (UTC ms); NoTime: from the start
    qint64 until = NoTime; //!< first message time excluded; NoTime: to the end
    //! Channel indexes to include; a thread or channel is included when it or any of its
    //! ancestors (parent channel, category) is listed. Empty: every channel.
    std::vector<Index> channels;
    bool includeRemoved = false; //!< count reactions Gavel saw removed
    //! Per user index: members a policy excludes (R1). Shorter than users: the rest count.
    std::vector<bool> excludedUsers;
    //! Optional weight per reaction (index into History::reactions), e.g. from a policy. Empty:
    //! every counted reaction weighs 1. Reactions given weight 0 are still counted.
    std::vector<double> weights;
};

//! The reactions that count under R1, as indexes into History::reactions in history order:
//! no self-reactions, no bots or system users (as reactor or author), no webhook messages, no
//! excluded members, and one reaction per (reactor, message, emoji) — a normal and a super
//! reaction with the same emoji are one.
std::vector<Index> countedReactions(const history::History &history, const CountOptions &options);

//! For each channel index, whether CountOptions::channels selects it.
std::vector<bool> selectedChannels(const history::History &history,
                                   const std::vector<Index> &channels);

} // namespace gavel::analysis
