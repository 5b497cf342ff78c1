#pragma once

#include "GuildModel.h"
#include "JsonWriter.h"

#include <functional>
#include <string>
#include <vector>

namespace gavel::demoguild {

//! Per-channel totals, shared by the truth file and the summary.
struct ChannelTotals
{
    int messages = 0;
    qint64 reactionUsers = 0;
    qint64 burstReactionUsers = 0;
    qint64 reactionKeys = 0;
    int reactedMessages = 0;
};

/*!
 * Serialises a GuildModel: the guild-snapshot/1 document (docs/guild-snapshot.md, objects
 * shaped as Discord's OpenAPI *Response schemas) and the ground-truth document. Messages
 * are rendered one at a time straight into the JsonWriter; only the user objects, which
 * every message repeats, are rendered once and cached.
 */
class SnapshotWriter
{
public:
    explicit SnapshotWriter(const GuildModel &model);

    //! false when progress (0-100) asked to cancel.
    bool writeSnapshot(JsonWriter &w, const std::function<bool(int)> &progress = {});
    void writeTruth(JsonWriter &w) const;

    const std::vector<ChannelTotals> &channelTotals() const { return m_totals; }
    ChannelTotals totals() const;

    //! The text of a message (deterministic: regenerated from the message's own seed).
    std::string content(int message) const;

private:
    void writeUser(JsonWriter &w, int person) const;
    void writeRole(JsonWriter &w, const Role &role) const;
    void writeGuild(JsonWriter &w) const;
    void writeMember(JsonWriter &w, int person) const;
    void writeChannel(JsonWriter &w, int channel) const;
    void writeThread(JsonWriter &w, int channel) const;
    void writeMessage(JsonWriter &w, int message, bool basic) const;
    void writeReactionSummary(JsonWriter &w, const Message &message) const;
    quint64 lastMessageId(int channel) const;
    quint64 roleMention(int message) const;

    const GuildModel &m_model;
    std::vector<std::string> m_userJson;
    std::vector<ChannelTotals> m_totals;
    std::vector<int> m_lastThreadOf; //!< forum channel -> most recent post
    int m_partyEmoji = 0;
};

} // namespace gavel::demoguild
