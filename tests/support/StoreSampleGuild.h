#pragma once

#include "common/Result.h"
#include "store/Records.h"
#include "store/Repository.h"

#include <QList>
#include <QString>

namespace gavel::test {

//! A small, deterministic guild as repository records: roles, custom emoji, a category with
//! text channels and a thread, users (one bot), members with roles, messages with mentions,
//! replies, edits and awkward text (tabs, newlines, backslashes, emoji), and reactions with
//! unicode and custom emoji, some of them super reactions.
struct StoreSampleGuild
{
    struct Reaction
    {
        quint64 messageId = 0;
        QString emojiKey;
        quint64 userId = 0;
        bool burst = false;
    };

    store::GuildRecord guild;
    QList<store::RoleRecord> roles;
    QList<store::EmojiRecord> emojis;
    QList<store::ChannelRecord> channels;
    QList<store::UserRecord> users;
    QList<store::MemberRecord> members;
    QList<store::MessageRecord> messages;
    QList<Reaction> reactions;

    static StoreSampleGuild make(quint32 seed = 1, int userCount = 12, int messageCount = 60);
};

//! How writeSampleGuild() orders the writes.
struct SampleWriteOrder
{
    quint32 shuffleSeed = 0; //!< 0: as listed; otherwise rows and pages are shuffled with it
    int pageSize = 25;       //!< rows per repository call (one transaction each)
};

//! Writes the guild through the repository the way a sync would: structure first, then
//! members, messages and reactions page by page, each page in its own transaction.
Result<void> writeSampleGuild(store::Repository &repository, const StoreSampleGuild &sample,
                              qint64 seenAt, const SampleWriteOrder &order = {});

} // namespace gavel::test
