#include "imports/DceImport.h"

#include "common/Snowflake.h"
#include "imports/DataSource.h"
#include "store/Repository.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <map>

using namespace Qt::StringLiterals;

namespace gavel::imports {

QString ImportSummary::text() const
{
    QString t = u"imported %1 file(s) into guild %2 (%3): %4 channels, %5 users, %6 messages, "
                u"%7 reactions"_s.arg(files)
                    .arg(guildName, snowflake::toString(guildId))
                    .arg(channels)
                    .arg(users)
                    .arg(messages)
                    .arg(reactions);
    for (const QString &m : missing)
        t += u"\nmissing: "_s + m;
    return t;
}

namespace {

std::optional<quint64> idOf(const QJsonValue &v)
{
    return snowflake::parse(QStringView(v.toString()));
}

Error badFile(const QString &file, const QString &why)
{
    return Error{u"%1 is not a DiscordChatExporter JSON export: %2"_s.arg(file, why),
                 u"export with DiscordChatExporter's --format Json (one file per channel)"_s};
}

store::UserRecord userOf(const QJsonObject &o, quint64 id)
{
    store::UserRecord u;
    u.id = id;
    u.username = o[u"name"_s].toString();
    u.discriminator = o[u"discriminator"_s].toString(u"0"_s);
    u.bot = o[u"isBot"_s].toBool();
    return u;
}

} // namespace

Result<ImportSummary> importDce(store::Database &db, const QStringList &files, qint64 importedAt)
{
    ImportSummary summary;
    store::Repository repo(db);
    std::map<quint64, store::UserRecord> users;
    std::map<quint64, QString> nicks;
    std::map<quint64, store::ChannelRecord> channels;
    QList<store::MessageRecord> messages;
    struct PendingReaction
    {
        quint64 message = 0;
        store::ReactionEmoji emoji;
        quint64 user = 0;
    };
    QList<PendingReaction> reactions;
    QString guildName;

    for (const QString &file : files) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            return Error{u"cannot read %1: %2"_s.arg(file, f.errorString()), u"check the path"_s};
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
        if (error.error != QJsonParseError::NoError)
            return badFile(
                file, u"invalid JSON at byte %1: %2"_s.arg(error.offset).arg(error.errorString()));
        const QJsonObject root = doc.object();
        const auto guildId = idOf(root[u"guild"_s][u"id"_s]);
        const auto channelId = idOf(root[u"channel"_s][u"id"_s]);
        if (!guildId || !channelId || !root[u"messages"_s].isArray())
            return badFile(file, u"no guild.id, channel.id or messages"_s);
        if (summary.guildId != 0 && summary.guildId != *guildId)
            return Error{
                u"%1 is from guild %2, the other files from guild %3"_s.arg(
                    file, snowflake::toString(*guildId), snowflake::toString(summary.guildId)),
                u"import each guild into its own run"_s};
        summary.guildId = *guildId;
        guildName = root[u"guild"_s][u"name"_s].toString();
        ++summary.files;

        const QJsonObject ch = root[u"channel"_s].toObject();
        if (const auto category = idOf(ch[u"categoryId"_s]);
            category && !channels.count(*category)) {
            store::ChannelRecord c;
            c.id = *category;
            c.type = 4; // GUILD_CATEGORY
            c.name = ch[u"category"_s].toString();
            channels[c.id] = c;
        }
        store::ChannelRecord c;
        c.id = *channelId;
        c.name = ch[u"name"_s].toString();
        c.topic = ch[u"topic"_s].toString();
        c.parentId = idOf(ch[u"categoryId"_s]);
        const QString type = ch[u"type"_s].toString();
        c.type = type.contains(u"Thread"_s) ? 11 : type == u"GuildNews"_s ? 5 : 0;
        channels[c.id] = c;

        for (const QJsonValue &mv : root[u"messages"_s].toArray()) {
            const QJsonObject m = mv.toObject();
            const auto messageId = idOf(m[u"id"_s]);
            const QJsonObject author = m[u"author"_s].toObject();
            const auto authorId = idOf(author[u"id"_s]);
            if (!messageId || !authorId)
                return badFile(file, u"a message without id or author.id"_s);
            users[*authorId] = userOf(author, *authorId);
            if (!author[u"nickname"_s].toString().isEmpty() &&
                author[u"nickname"_s].toString() != author[u"name"_s].toString())
                nicks[*authorId] = author[u"nickname"_s].toString();
            store::MessageRecord r;
            r.id = *messageId;
            r.channelId = *channelId;
            r.authorId = *authorId;
            r.content = m[u"content"_s].toString();
            r.type = m[u"type"_s].toString() == u"Reply"_s ? 19 : 0;
            const QString edited = m[u"timestampEdited"_s].toString();
            if (!edited.isEmpty())
                r.editedAt = QDateTime::fromString(edited, Qt::ISODateWithMs).toMSecsSinceEpoch();
            if (const auto ref = idOf(m[u"reference"_s][u"messageId"_s]))
                r.replyToMessageId = ref;
            for (const QJsonValue &mention : m[u"mentions"_s].toArray())
                if (const auto mid = idOf(mention[u"id"_s])) {
                    r.mentionIds.append(*mid);
                    if (!users.count(*mid))
                        users[*mid] = userOf(mention.toObject(), *mid);
                }
            messages.append(r);
            bool unnamed = false;
            for (const QJsonValue &rv : m[u"reactions"_s].toArray()) {
                const QJsonObject reaction = rv.toObject();
                const QJsonObject emoji = reaction[u"emoji"_s].toObject();
                store::ReactionEmoji e;
                const auto emojiId = idOf(emoji[u"id"_s]);
                e.name = emoji[u"name"_s].toString();
                e.animated = emoji[u"isAnimated"_s].toBool();
                if (emojiId) {
                    e.emojiId = emojiId;
                    e.key = e.name + u':' + snowflake::toString(*emojiId);
                } else {
                    e.key = e.name;
                }
                const QJsonArray reactors = reaction[u"users"_s].toArray();
                const qint64 count = reaction[u"count"_s].toInteger();
                if (count > reactors.size()) {
                    summary.reactionsWithoutUsers += count - reactors.size();
                    unnamed = true;
                }
                for (const QJsonValue &uv : reactors) {
                    const auto userId = idOf(uv[u"id"_s]);
                    if (!userId)
                        continue;
                    if (!users.count(*userId))
                        users[*userId] = userOf(uv.toObject(), *userId);
                    reactions.append({*messageId, e, *userId});
                }
            }
            summary.messagesWithUnnamedReactions += unnamed;
        }
    }
    if (summary.guildId == 0)
        return Error{u"no files to import"_s,
                     u"name one DiscordChatExporter JSON file per channel"_s};
    summary.guildName = guildName;
    if (summary.reactionsWithoutUsers > 0)
        summary.missing.append(
            u"%1 reactions on %2 messages have only a count: the export has no reactions[].users "
            u"(re-export with a DiscordChatExporter version that writes them), so they cannot "
            u"be attributed to reactors and do not count"_s.arg(summary.reactionsWithoutUsers)
                .arg(summary.messagesWithUnnamedReactions));
    summary.missing.append(knownGaps(u"dce"_s));

    auto written = db.transaction([&]() -> Result<void> {
        store::GuildRecord guild;
        guild.id = summary.guildId;
        guild.name = guildName;
        guild.source = u"dce"_s;
        if (auto r = repo.upsertGuild(guild); !r)
            return r;
        QList<store::UserRecord> userList;
        for (const auto &[id, u] : users)
            userList.append(u);
        if (auto r = repo.upsertUsers(userList, importedAt); !r)
            return r;
        QList<store::ChannelRecord> channelList;
        for (const auto &[id, c] : channels)
            channelList.append(c);
        if (auto r = repo.upsertChannels(summary.guildId, channelList); !r)
            return r;
        // Authors who had a nickname in the export are members as far as the export knows.
        QList<store::MemberRecord> members;
        for (const auto &[id, nick] : nicks) {
            store::MemberRecord m;
            m.userId = id;
            m.nick = nick;
            members.append(m);
        }
        if (auto r = repo.upsertMembers(summary.guildId, members, importedAt); !r)
            return r;
        if (auto r = repo.upsertMessages(summary.guildId, messages, importedAt); !r)
            return r;
        QList<store::ReactionRecord> records;
        for (const PendingReaction &p : reactions) {
            auto emoji = repo.internEmoji(p.emoji);
            if (!emoji)
                return emoji.error();
            records.append({p.message, *emoji, p.user, false});
        }
        if (auto r = repo.upsertReactions(records, importedAt); !r)
            return r;
        return recordImport(repo, summary.guildId, u"dce"_s, files, summary.missing, importedAt);
    });
    if (!written)
        return written.error();
    summary.channels = int(channels.size());
    summary.users = qint64(users.size());
    summary.messages = messages.size();
    summary.reactions = reactions.size();
    return summary;
}

} // namespace gavel::imports
