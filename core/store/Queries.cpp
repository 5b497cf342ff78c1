#include "Queries.h"

#include "common/Snowflake.h"
#include "store/SqlValue.h"

#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace gavel::store {

Result<QList<GuildSummary>> listGuilds(Database &db)
{
    QList<GuildSummary> guilds;
    const Result<void> read = db.forEachRow(
        u"SELECT g.id, g.name, g.source, g.last_synced_at, "
        u"(SELECT COUNT(*) FROM members m WHERE m.guild_id = g.id AND m.is_member = 1), "
        u"(SELECT COUNT(*) FROM channels c WHERE c.guild_id = g.id AND c.deleted_at IS NULL), "
        u"(SELECT CAST(COALESCE(SUM(s.messages), 0) AS BIGINT) FROM channel_stats s "
        u"JOIN channels c ON c.id = s.channel_id WHERE c.guild_id = g.id), "
        u"(SELECT CAST(COALESCE(SUM(s.reactions), 0) AS BIGINT) FROM channel_stats s "
        u"JOIN channels c ON c.id = s.channel_id WHERE c.guild_id = g.id) "
        u"FROM guilds g"_s,
        {}, [&](const QSqlQuery &row) {
            GuildSummary guild;
            guild.id = sql::toId(row.value(0));
            guild.name = sql::toText(row.value(1));
            guild.source = sql::toText(row.value(2));
            guild.lastSyncedAt = sql::toOptionalInteger(row.value(3));
            guild.members = sql::toInteger(row.value(4));
            guild.channels = sql::toInteger(row.value(5));
            guild.messages = sql::toInteger(row.value(6));
            guild.reactions = sql::toInteger(row.value(7));
            guilds.append(guild);
        });
    if (!read)
        return read.error();
    // Sorted here: SQLite and PostgreSQL collate text differently.
    std::sort(guilds.begin(), guilds.end(), [](const GuildSummary &a, const GuildSummary &b) {
        const int byName = a.name.compare(b.name, Qt::CaseInsensitive);
        return byName != 0 ? byName < 0 : a.id < b.id;
    });
    return guilds;
}

Result<QList<ChannelStatus>> channelStatus(Database &db, quint64 guildId)
{
    QList<ChannelStatus> channels;
    QList<int> positions;
    const Result<void> read = db.forEachRow(
        u"SELECT c.id, c.parent_id, c.type, c.name, c.readable, c.deleted_at, c.position, "
        u"COALESCE(s.messages, 0), COALESCE(s.reactions, 0), "
        u"(SELECT MAX(m.id) FROM messages m WHERE m.channel_id = c.id), "
        u"(SELECT MAX(k.updated_at) FROM sync_checkpoints k WHERE k.guild_id = c.guild_id "
        u"AND k.scope LIKE 'channel:' || c.id || ':%') "
        u"FROM channels c LEFT JOIN channel_stats s ON s.channel_id = c.id "
        u"WHERE c.guild_id = ?"_s,
        {sql::id(guildId)}, [&](const QSqlQuery &row) {
            ChannelStatus channel;
            channel.id = sql::toId(row.value(0));
            channel.parentId = sql::toOptionalId(row.value(1));
            channel.type = static_cast<int>(sql::toInteger(row.value(2)));
            channel.name = sql::toText(row.value(3));
            channel.readable = sql::toFlag(row.value(4));
            channel.deleted = !row.value(5).isNull();
            positions.append(static_cast<int>(sql::toInteger(row.value(6))));
            channel.messages = sql::toInteger(row.value(7));
            channel.reactions = sql::toInteger(row.value(8));
            if (const std::optional<quint64> last = sql::toOptionalId(row.value(9)))
                channel.lastMessageAt = snowflake::toMsecs(*last);
            channel.lastSyncedAt = sql::toOptionalInteger(row.value(10));
            channels.append(channel);
        });
    if (!read)
        return read.error();
    QList<qsizetype> order(channels.size());
    for (qsizetype i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
        return std::pair(positions.at(a), channels.at(a).id) <
               std::pair(positions.at(b), channels.at(b).id);
    });
    QList<ChannelStatus> sorted;
    sorted.reserve(channels.size());
    for (const qsizetype i : std::as_const(order))
        sorted.append(channels.at(i));
    return sorted;
}

} // namespace gavel::store
