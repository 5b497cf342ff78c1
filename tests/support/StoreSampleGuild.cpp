#include "StoreSampleGuild.h"

#include "common/Snowflake.h"

#include <QRandomGenerator>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace gavel::test {

namespace {

// Ids created at plausible times: 2021-01-01 plus an offset in minutes.
quint64 idAt(qint64 minutes, quint64 sequence)
{
    return snowflake::fromMsecs(1609459200000 + minutes * 60000) + sequence;
}

template<typename T>
void shuffle(QList<T> &rows, QRandomGenerator &random)
{
    for (qsizetype i = rows.size() - 1; i > 0; --i)
        rows.swapItemsAt(i, static_cast<qsizetype>(random.bounded(static_cast<quint32>(i + 1))));
}

template<typename T, typename Write>
Result<void> inPages(store::Database &db, const QList<T> &rows, int pageSize, Write &&write)
{
    for (qsizetype start = 0; start < rows.size(); start += pageSize) {
        const QList<T> page = rows.mid(start, pageSize);
        const Result<void> done = db.transaction([&] { return write(page); });
        if (!done)
            return done;
    }
    return {};
}

} // namespace

StoreSampleGuild StoreSampleGuild::make(quint32 seed, int userCount, int messageCount)
{
    QRandomGenerator random(seed);
    StoreSampleGuild s;
    const quint64 guildId = idAt(0, 1);
    s.guild.id = guildId;
    s.guild.name = u"Sample\tGuild 🏯"_s;
    s.guild.icon = u"a1b2c3"_s;
    s.guild.ownerId = idAt(1, 1);
    s.guild.rawJson = uR"({"id":"%1","name":"Sample\tGuild 🏯","features":[]})"_s.arg(guildId);

    const QStringList roleNames = {u"Kohai"_s, u"Senpai"_s, u"Sensei"_s, u"Felt"_s};
    for (int i = 0; i < roleNames.size(); ++i) {
        store::RoleRecord role;
        role.id = idAt(2, static_cast<quint64>(i));
        role.name = roleNames.at(i);
        role.color = 0x1abc9c * (i + 1);
        role.position = i + 1;
        role.permissions = i == 3 ? u"18446744073709551616"_s : QString::number(1024 << i);
        role.hoist = i > 0;
        role.mentionable = i == 2;
        s.roles.append(role);
    }

    s.emojis.append({idAt(3, 0), u"sourcecred"_s, false, true});
    s.emojis.append({idAt(3, 1), u"party_parrot"_s, true, true});

    store::ChannelRecord category;
    category.id = idAt(4, 0);
    category.type = 4;
    category.name = u"Community"_s;
    category.position = 0;
    s.channels.append(category);
    const QStringList channelNames = {u"general"_s, u"didathing"_s, u"memes"_s};
    for (int i = 0; i < channelNames.size(); ++i) {
        store::ChannelRecord channel;
        channel.id = idAt(4, static_cast<quint64>(i + 1));
        channel.parentId = category.id;
        channel.type = 0;
        channel.name = channelNames.at(i);
        channel.position = i + 1;
        channel.topic = i == 1 ? u"Show what you did\nand get cred"_s : QString();
        channel.readable = i != 2 || seed % 2 == 0;
        channel.rawJson = uR"({"id":"%1","type":0})"_s.arg(channel.id);
        s.channels.append(channel);
    }

    for (int i = 0; i < userCount; ++i) {
        store::UserRecord user;
        user.id = idAt(1, static_cast<quint64>(i + 1));
        user.username = u"user_%1"_s.arg(i);
        user.globalName = i % 3 == 0 ? QString() : u"User %1 ✨"_s.arg(i);
        user.discriminator = i == 1 ? u"0042"_s : u"0"_s;
        user.avatar = i % 2 ? u"av%1"_s.arg(i) : QString();
        user.bot = i == userCount - 1;
        s.users.append(user);
        if (i % 5 == 4)
            continue; // not every user is (still) a member
        store::MemberRecord member;
        member.userId = user.id;
        member.nick = i % 4 == 0 ? u"nick\\%1"_s.arg(i) : QString();
        member.joinedAt = 1609459200000 + i * 86400000LL;
        member.premiumSince = i == 2 ? std::optional<qint64>(1612137600000) : std::nullopt;
        member.pending = i == 3;
        member.flags = i % 2;
        for (int r = 0; r < s.roles.size(); ++r) {
            if (random.bounded(2) == 1)
                member.roleIds.append(s.roles.at(r).id);
        }
        s.members.append(member);
    }

    // Thread started from the first message of #general.
    store::ChannelRecord thread;
    thread.id = idAt(100, 0);
    thread.parentId = s.channels.at(1).id;
    thread.type = 11;
    thread.name = u"a thread"_s;
    thread.ownerId = s.users.at(0).id;
    thread.archived = false;
    thread.locked = false;
    thread.messageCount = 3;
    thread.archiveTimestamp = 1609459200000 + 200 * 60000;
    s.channels.append(thread);

    const QStringList texts = {
        u"hello"_s, u"tabs\tand\nnewlines\r\n"_s, u"back\\slash"_s, u"thanks <@%1>!"_s,
        u""_s,      u"emoji 🎉 and ünïcödé"_s};
    for (int i = 0; i < messageCount; ++i) {
        store::MessageRecord message;
        message.id = idAt(100 + i, 7);
        message.channelId = i % 10 == 9 ? thread.id : s.channels.at(1 + i % 3).id;
        const quint64 author = s.users.at(random.bounded(userCount)).id;
        message.authorId = author;
        message.content = texts.at(i % texts.size()).contains(u"%1"_s)
                              ? texts.at(i % texts.size()).arg(s.users.at(0).id)
                              : texts.at(i % texts.size());
        if (i % texts.size() == 3)
            message.mentionIds = {s.users.at(0).id, s.users.at(1).id};
        if (i > 0 && i % 7 == 0) {
            message.replyToMessageId = s.messages.at(i - 1).id;
            message.replyToAuthorId = s.messages.at(i - 1).authorId;
            message.type = 19;
        }
        if (i % 11 == 5)
            message.editedAt = snowflake::toMsecs(message.id) + 5000;
        message.flags = i % 13 == 0 ? 4 : 0;
        s.messages.append(message);

        const QStringList keys = {u"👍"_s, u"sourcecred:%1"_s.arg(s.emojis.at(0).id),
                                  u"party_parrot:%1"_s.arg(s.emojis.at(1).id), u"❤️"_s};
        const int reactionCount = static_cast<int>(random.bounded(6));
        for (int r = 0; r < reactionCount; ++r) {
            Reaction reaction;
            reaction.messageId = message.id;
            reaction.emojiKey = keys.at(random.bounded(static_cast<int>(keys.size())));
            reaction.userId = s.users.at(random.bounded(userCount)).id;
            reaction.burst = random.bounded(5) == 0;
            s.reactions.append(reaction);
        }
    }
    return s;
}

Result<void> writeSampleGuild(store::Repository &repository, const StoreSampleGuild &sample,
                              qint64 seenAt, const SampleWriteOrder &order)
{
    store::Database &db = repository.database();
    QRandomGenerator random(order.shuffleSeed);
    StoreSampleGuild s = sample;
    if (order.shuffleSeed != 0) {
        shuffle(s.roles, random);
        shuffle(s.emojis, random);
        shuffle(s.channels, random);
        shuffle(s.users, random);
        shuffle(s.members, random);
        shuffle(s.messages, random);
        shuffle(s.reactions, random);
    }
    const int page = std::max(1, order.pageSize);

    Result<void> done = db.transaction([&]() -> Result<void> {
        if (const Result<void> g = repository.upsertGuild(s.guild); !g)
            return g;
        if (const Result<void> r = repository.replaceRoles(s.guild.id, s.roles, seenAt); !r)
            return r;
        if (const Result<void> e = repository.replaceEmojis(s.guild.id, s.emojis, seenAt); !e)
            return e;
        return repository.upsertChannels(s.guild.id, s.channels);
    });
    if (!done)
        return done;
    done = inPages(db, s.users, page, [&](const QList<store::UserRecord> &users) {
        return repository.upsertUsers(users, seenAt);
    });
    if (!done)
        return done;
    done = inPages(db, s.members, page, [&](const QList<store::MemberRecord> &members) {
        return repository.upsertMembers(s.guild.id, members, seenAt);
    });
    if (!done)
        return done;
    done = inPages(db, s.messages, page, [&](const QList<store::MessageRecord> &messages) {
        return repository.upsertMessages(s.guild.id, messages, seenAt);
    });
    if (!done)
        return done;

    return inPages(db, s.reactions, page,
                   [&](const QList<StoreSampleGuild::Reaction> &rows) -> Result<void> {
                       QList<store::ReactionRecord> records;
                       for (const StoreSampleGuild::Reaction &row : rows) {
                           const Result<qint64> emoji =
                               repository.internEmoji(store::ReactionEmoji::fromKey(row.emojiKey));
                           if (!emoji)
                               return emoji.error();
                           store::ReactionRecord record;
                           record.messageId = row.messageId;
                           record.emoji = *emoji;
                           record.userId = row.userId;
                           record.burst = row.burst;
                           records.append(record);
                       }
                       return repository.upsertReactions(records, seenAt);
                   });
}

} // namespace gavel::test
