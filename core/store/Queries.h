#pragma once

#include "common/Result.h"
#include "store/Database.h"
#include "store/Records.h"

#include <QList>

//! Reads that front ends show directly. They use channel_stats and indexes only, so they stay
//! fast on guilds with millions of messages.
namespace gavel::store {

//! Every guild in the database with its counts, ordered by name (case-insensitive), then id.
Result<QList<GuildSummary>> listGuilds(Database &db);

//! One row per channel and thread of the guild (deleted ones included, flagged), ordered by
//! position, then id. "Last synced" is the newest checkpoint whose scope starts with
//! "channel:<id>:".
Result<QList<ChannelStatus>> channelStatus(Database &db, quint64 guildId);

} // namespace gavel::store
