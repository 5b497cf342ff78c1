#include "SnapshotWriter.h"

#include "Random.h"
#include "TextBank.h"
#include "common/Version.h"

#include <algorithm>

namespace gavel::demoguild {

namespace {

constexpr int hasThreadFlag = 1 << 5;

void writeStringOrNull(JsonWriter &w, const std::string &text)
{
    if (text.empty())
        w.null();
    else
        w.string(text);
}

void writeTimestampOrNull(JsonWriter &w, qint64 ms)
{
    if (ms == 0)
        w.null();
    else
        w.timestamp(ms);
}

} // namespace

SnapshotWriter::SnapshotWriter(const GuildModel &model)
    : m_model(model)
{
    // Users appear in every message they write or are mentioned in: render them once.
    m_userJson.resize(model.people.size());
    for (std::size_t i = 0; i < model.people.size(); ++i) {
        StringSink sink;
        {
            JsonWriter w(sink);
            writeUser(w, static_cast<int>(i));
        }
        m_userJson[i] = sink.take();
    }

    for (std::size_t e = 0; e < model.emojis.size(); ++e) {
        if (model.emojis[e].name == "party_blob")
            m_partyEmoji = static_cast<int>(e);
    }
    m_totals.assign(model.channels.size(), ChannelTotals());
    m_lastThreadOf.assign(model.channels.size(), -1);
    for (const Message &msg : model.messages) {
        ChannelTotals &t = m_totals[msg.channel];
        ++t.messages;
        if (msg.reactionEnd > msg.reactionBegin)
            ++t.reactedMessages;
        int lastEmoji = -1;
        for (quint32 r = msg.reactionBegin; r < msg.reactionEnd; ++r) {
            const Reaction &reaction = model.reactions[r];
            if (reaction.burst)
                ++t.burstReactionUsers;
            else
                ++t.reactionUsers;
            if (reaction.emoji != lastEmoji) {
                ++t.reactionKeys;
                lastEmoji = reaction.emoji;
            }
        }
    }
    for (int c = 0; c < static_cast<int>(model.channels.size()); ++c) {
        const Channel &channel = model.channels[c];
        if (channel.kind != ChannelKind::ForumPost)
            continue;
        int &last = m_lastThreadOf[channel.parent];
        if (last < 0 || model.channels[last].id < channel.id)
            last = c;
    }
}

ChannelTotals SnapshotWriter::totals() const
{
    ChannelTotals sum;
    for (const ChannelTotals &t : m_totals) {
        sum.messages += t.messages;
        sum.reactionUsers += t.reactionUsers;
        sum.burstReactionUsers += t.burstReactionUsers;
        sum.reactionKeys += t.reactionKeys;
        sum.reactedMessages += t.reactedMessages;
    }
    return sum;
}

quint64 SnapshotWriter::roleMention(int message) const
{
    const Message &msg = m_model.messages[message];
    if (msg.kind != MessageKind::Announcement || (msg.flags & messageflag::mentionEveryone))
        return 0;
    Random rng(mixSeed(m_model.options.seed, 0x801e, static_cast<quint64>(message)));
    return rng.chance(0.1) ? m_model.roles[RoleSenpai].id : 0;
}

std::string SnapshotWriter::content(int message) const
{
    const Message &msg = m_model.messages[message];
    const Channel &channel = m_model.channels[msg.channel];
    quint64 mentionIds[8];
    int inlineMentions = msg.mentionCount - ((msg.flags & messageflag::replyPing) ? 1 : 0);
    for (int k = 0; k < inlineMentions; ++k)
        mentionIds[k] = m_model.people[m_model.mentions[msg.mentionBegin + k]].id;
    ContentContext ctx;
    ctx.kind = msg.kind;
    ctx.channel = channel.isThread() ? channel.flavour : channel.kind;
    ctx.mentionIds = mentionIds;
    ctx.mentionCount = inlineMentions;
    ctx.dojoEmojiId = m_model.emojis[m_model.dojo].id;
    ctx.partyEmojiId = m_model.emojis[m_partyEmoji].id;
    ctx.roleId = roleMention(message);
    ctx.mentionEveryone = msg.flags & messageflag::mentionEveryone;
    Random rng(mixSeed(m_model.options.seed, 0xc0de, static_cast<quint64>(message)));
    return TextBank::content(ctx, rng);
}

void SnapshotWriter::writeUser(JsonWriter &w, int person) const
{
    const Person &p = m_model.people[person];
    w.beginObject();
    w.key("id");
    w.id(p.id);
    w.key("username");
    w.string(p.username);
    w.key("avatar");
    writeStringOrNull(w, p.avatar);
    w.key("discriminator");
    w.string(p.discriminator);
    w.key("public_flags");
    w.number(static_cast<qint64>(p.publicFlags));
    w.key("flags");
    w.number(static_cast<qint64>(p.publicFlags));
    if (p.bot) {
        w.key("bot");
        w.boolean(true);
    }
    w.key("banner");
    w.null();
    w.key("accent_color");
    w.null();
    w.key("global_name");
    writeStringOrNull(w, p.globalName);
    w.key("avatar_decoration_data");
    w.null();
    w.key("collectibles");
    w.null();
    w.key("primary_guild");
    w.null();
    w.endObject();
}

void SnapshotWriter::writeRole(JsonWriter &w, const Role &role) const
{
    w.beginObject();
    w.key("id");
    w.id(role.id);
    w.key("name");
    w.string(role.name);
    w.key("permissions");
    w.string(std::to_string(role.permissions));
    w.key("position");
    w.number(role.position);
    w.key("color");
    w.number(role.color);
    w.key("colors");
    w.beginObject();
    w.key("primary_color");
    w.number(role.color);
    w.key("secondary_color");
    w.null();
    w.key("tertiary_color");
    w.null();
    w.endObject();
    w.key("hoist");
    w.boolean(role.hoist);
    w.key("managed");
    w.boolean(role.managed);
    w.key("mentionable");
    w.boolean(role.mentionable);
    w.key("icon");
    w.null();
    w.key("unicode_emoji");
    w.null();
    w.key("flags");
    w.number(0);
    if (role.botId != 0 || role.booster) {
        w.key("tags");
        w.beginObject();
        if (role.botId != 0) {
            w.key("bot_id");
            w.id(role.botId);
        }
        if (role.booster) {
            w.key("premium_subscriber");
            w.null();
        }
        w.endObject();
    }
    w.endObject();
}

void SnapshotWriter::writeGuild(JsonWriter &w) const
{
    const GuildModel &m = m_model;
    int boosts = 0;
    for (const Person &p : m.people)
        boosts += (p.isMember() && p.premiumSinceMs != 0) ? 1 : 0;
    const int tier = boosts >= 14 ? 3 : (boosts >= 7 ? 2 : (boosts >= 2 ? 1 : 0));
    w.beginObject();
    w.key("id");
    w.id(m.guildId);
    w.key("name");
    w.string(QStringView(m.options.guildName));
    w.key("icon");
    w.null();
    w.key("description");
    w.string("A reputation-run community: help others, get :dojo:, climb Kohai → Senpai → Sensei.");
    w.key("home_header");
    w.null();
    w.key("splash");
    w.null();
    w.key("discovery_splash");
    w.null();
    w.key("features");
    w.beginArray();
    for (const char *feature : {"COMMUNITY", "NEWS", "WELCOME_SCREEN_ENABLED",
                                "MEMBER_VERIFICATION_GATE_ENABLED", "PREVIEW_ENABLED"})
        w.string(feature);
    w.endArray();
    w.key("banner");
    w.null();
    w.key("owner_id");
    w.id(m.people[m.owner].id);
    w.key("application_id");
    w.null();
    w.key("region");
    w.string("deprecated");
    w.key("afk_channel_id");
    w.null();
    w.key("afk_timeout");
    w.number(300);
    w.key("system_channel_id");
    w.id(m.channels[m.generalChannel].id);
    w.key("system_channel_flags");
    w.number(0);
    w.key("widget_enabled");
    w.boolean(false);
    w.key("widget_channel_id");
    w.null();
    w.key("verification_level");
    w.number(2);
    w.key("roles");
    w.beginArray();
    for (const Role &role : m.roles)
        writeRole(w, role);
    w.endArray();
    w.key("default_message_notifications");
    w.number(1);
    w.key("mfa_level");
    w.number(1);
    w.key("explicit_content_filter");
    w.number(2);
    w.key("max_presences");
    w.null();
    w.key("max_members");
    w.number(500000);
    w.key("max_stage_video_channel_users");
    w.number(50);
    w.key("max_video_channel_users");
    w.number(25);
    w.key("vanity_url_code");
    w.null();
    w.key("premium_tier");
    w.number(tier);
    w.key("premium_subscription_count");
    w.number(boosts);
    w.key("preferred_locale");
    w.string("en-US");
    w.key("rules_channel_id");
    w.id(m.channels[m.rulesChannel].id);
    w.key("safety_alerts_channel_id");
    w.null();
    w.key("public_updates_channel_id");
    w.id(m.channels[m.modLogChannel].id);
    w.key("premium_progress_bar_enabled");
    w.boolean(false);
    w.key("nsfw");
    w.boolean(false);
    w.key("nsfw_level");
    w.number(0);
    w.key("emojis");
    w.beginArray();
    for (const Emoji &e : m.emojis) {
        if (e.id == 0)
            continue;
        w.beginObject();
        w.key("id");
        w.id(e.id);
        w.key("name");
        w.string(e.name);
        w.key("roles");
        w.beginArray();
        w.endArray();
        w.key("require_colons");
        w.boolean(true);
        w.key("managed");
        w.boolean(false);
        w.key("animated");
        w.boolean(e.animated);
        w.key("available");
        w.boolean(true);
        w.endObject();
    }
    w.endArray();
    w.key("stickers");
    w.beginArray();
    w.endArray();
    w.key("incidents_data");
    w.null();
    w.endObject();
}

void SnapshotWriter::writeMember(JsonWriter &w, int person) const
{
    const Person &p = m_model.people[person];
    w.beginObject();
    w.key("avatar");
    w.null();
    w.key("banner");
    w.null();
    w.key("communication_disabled_until");
    w.null();
    w.key("flags");
    w.number(static_cast<qint64>(p.memberFlags));
    w.key("joined_at");
    w.timestamp(p.joinedMs);
    w.key("nick");
    writeStringOrNull(w, p.nick);
    w.key("pending");
    w.boolean(false);
    w.key("premium_since");
    writeTimestampOrNull(w, p.premiumSinceMs);
    w.key("roles");
    w.beginArray();
    for (int slot = 0; slot < RoleCount; ++slot) {
        if (p.roles & (1u << slot))
            w.id(m_model.roles[slot].id);
    }
    w.endArray();
    w.key("user");
    w.rawValue(m_userJson[person]);
    w.key("mute");
    w.boolean(false);
    w.key("deaf");
    w.boolean(false);
    w.endObject();
}

quint64 SnapshotWriter::lastMessageId(int channel) const
{
    const Channel &c = m_model.channels[channel];
    if (c.type == 15)
        return m_lastThreadOf[channel] >= 0 ? m_model.channels[m_lastThreadOf[channel]].id : 0;
    return c.messages.empty() ? 0 : m_model.messages[c.messages.back()].id;
}

void SnapshotWriter::writeChannel(JsonWriter &w, int channel) const
{
    const GuildModel &m = m_model;
    const Channel &c = m.channels[channel];
    if (c.isThread()) {
        writeThread(w, channel);
        return;
    }
    w.beginObject();
    w.key("id");
    w.id(c.id);
    w.key("type");
    w.number(c.type);
    w.key("flags");
    w.number(0);
    w.key("guild_id");
    w.id(m.guildId);
    w.key("name");
    w.string(c.name);
    w.key("position");
    w.number(c.position);
    w.key("parent_id");
    w.idOrNull(c.parent >= 0 ? m.channels[c.parent].id : 0);
    w.key("permission_overwrites");
    w.beginArray();
    for (const Overwrite &o : c.overwrites) {
        w.beginObject();
        w.key("id");
        w.id(o.id);
        w.key("type");
        w.number(o.type);
        w.key("allow");
        w.string(std::to_string(o.allow));
        w.key("deny");
        w.string(std::to_string(o.deny));
        w.endObject();
    }
    w.endArray();
    w.key("nsfw");
    w.boolean(false);
    if (c.type != 4) {
        w.key("topic");
        writeStringOrNull(w, c.topic);
        w.key("last_message_id");
        w.idOrNull(lastMessageId(channel));
        w.key("rate_limit_per_user");
        w.number(0);
        w.key("last_pin_timestamp");
        writeTimestampOrNull(w, c.lastPinMs);
        w.key("default_auto_archive_duration");
        w.number(c.type == 15 ? 10080 : 1440);
    }
    if (c.type == 15) {
        w.key("available_tags");
        w.beginArray();
        for (const ForumTag &tag : m.forumTags) {
            w.beginObject();
            w.key("id");
            w.id(tag.id);
            w.key("name");
            w.string(tag.name);
            w.key("moderated");
            w.boolean(false);
            w.key("emoji_id");
            w.null();
            w.key("emoji_name");
            w.string(tag.emoji);
            w.endObject();
        }
        w.endArray();
        w.key("default_reaction_emoji");
        w.beginObject();
        w.key("emoji_id");
        w.id(m.emojis[m.dojo].id);
        w.key("emoji_name");
        w.null();
        w.endObject();
        w.key("default_sort_order");
        w.null();
        w.key("default_forum_layout");
        w.number(0);
        w.key("default_thread_rate_limit_per_user");
        w.number(0);
    }
    w.endObject();
}

void SnapshotWriter::writeThread(JsonWriter &w, int channel) const
{
    const GuildModel &m = m_model;
    const Channel &c = m.channels[channel];
    std::vector<int> authors;
    for (int i : c.messages) {
        const int a = m.messages[i].author;
        if (std::find(authors.begin(), authors.end(), a) == authors.end())
            authors.push_back(a);
    }
    // Discord counts messages after the first one in a forum post (the first is the post).
    const int count =
        static_cast<int>(c.messages.size()) - (c.kind == ChannelKind::ForumPost ? 1 : 0);
    w.beginObject();
    w.key("id");
    w.id(c.id);
    w.key("type");
    w.number(c.type);
    w.key("flags");
    w.number(0);
    w.key("guild_id");
    w.id(m.guildId);
    w.key("name");
    w.string(c.name);
    w.key("parent_id");
    w.id(m.channels[c.parent].id);
    w.key("owner_id");
    w.id(m.people[c.owner].id);
    w.key("last_message_id");
    w.idOrNull(lastMessageId(channel));
    w.key("rate_limit_per_user");
    w.number(0);
    w.key("thread_metadata");
    w.beginObject();
    w.key("archived");
    w.boolean(c.archived);
    w.key("archive_timestamp");
    w.timestamp(c.archiveMs);
    w.key("auto_archive_duration");
    w.number(c.autoArchiveMinutes);
    w.key("locked");
    w.boolean(c.locked);
    w.key("create_timestamp");
    w.timestamp(c.createdMs);
    if (c.type == 12) {
        w.key("invitable");
        w.boolean(false);
    }
    w.endObject();
    w.key("message_count");
    w.number(std::max(0, count));
    w.key("member_count");
    w.number(std::min(50, static_cast<int>(authors.size())));
    w.key("total_message_sent");
    w.number(std::max(0, count));
    if (c.kind == ChannelKind::ForumPost) {
        w.key("applied_tags");
        w.beginArray();
        for (int tag : c.tags)
            w.id(m.forumTags[tag].id);
        w.endArray();
    }
    w.endObject();
}

void SnapshotWriter::writeReactionSummary(JsonWriter &w, const Message &msg) const
{
    const GuildModel &m = m_model;
    w.key("reactions");
    w.beginArray();
    quint32 r = msg.reactionBegin;
    while (r < msg.reactionEnd) {
        const int emoji = m.reactions[r].emoji;
        qint64 normal = 0;
        qint64 burst = 0;
        for (; r < msg.reactionEnd && m.reactions[r].emoji == emoji; ++r)
            (m.reactions[r].burst ? burst : normal) += 1;
        const Emoji &e = m.emojis[emoji];
        w.beginObject();
        w.key("emoji");
        w.rawValue(e.json);
        w.key("count");
        w.number(normal + burst);
        w.key("count_details");
        w.beginObject();
        w.key("burst");
        w.number(burst);
        w.key("normal");
        w.number(normal);
        w.endObject();
        w.key("burst_colors");
        if (burst > 0)
            w.rawValue(e.burstColors);
        else
            w.rawValue("[]");
        w.key("me_burst");
        w.boolean(false);
        w.key("me");
        w.boolean(false);
        w.endObject();
    }
    w.endArray();
}

void SnapshotWriter::writeMessage(JsonWriter &w, int message, bool basic) const
{
    const GuildModel &m = m_model;
    const Message &msg = m.messages[message];
    const Channel &channel = m.channels[msg.channel];
    w.beginObject();
    w.key("type");
    w.number(msg.replyTo >= 0 ? 19 : 0);
    w.key("content");
    w.string(content(message));
    w.key("mentions");
    w.beginArray();
    for (quint32 k = 0; k < msg.mentionCount; ++k)
        w.rawValue(m_userJson[m.mentions[msg.mentionBegin + k]]);
    w.endArray();
    w.key("mention_roles");
    w.beginArray();
    if (const quint64 role = roleMention(message))
        w.id(role);
    w.endArray();
    w.key("attachments");
    w.rawValue("[]");
    w.key("embeds");
    w.rawValue("[]");
    w.key("timestamp");
    w.timestamp(msg.ms);
    w.key("edited_timestamp");
    writeTimestampOrNull(w, (msg.flags & messageflag::edited)
                                ? msg.ms + static_cast<qint64>(msg.editedAfterSeconds) * 1000
                                : 0);
    w.key("flags");
    w.number(msg.thread >= 0 ? hasThreadFlag : 0);
    w.key("components");
    w.rawValue("[]");
    w.key("id");
    w.id(msg.id);
    w.key("channel_id");
    w.id(channel.id);
    w.key("author");
    w.rawValue(m_userJson[msg.author]);
    w.key("pinned");
    w.boolean(msg.flags & messageflag::pinned);
    w.key("mention_everyone");
    w.boolean(msg.flags & messageflag::mentionEveryone);
    w.key("tts");
    w.boolean(false);
    if (msg.replyTo >= 0) {
        const Message &target = m.messages[msg.replyTo];
        w.key("message_reference");
        w.beginObject();
        w.key("type");
        w.number(0);
        w.key("channel_id");
        w.id(m.channels[target.channel].id);
        w.key("message_id");
        w.id(target.id);
        w.key("guild_id");
        w.id(m.guildId);
        w.endObject();
        if (!basic) {
            w.key("referenced_message");
            writeMessage(w, msg.replyTo, true);
        }
    }
    if (basic) {
        w.endObject();
        return;
    }
    if (msg.thread >= 0) {
        w.key("thread");
        writeThread(w, msg.thread);
    }
    if (msg.reactionEnd > msg.reactionBegin)
        writeReactionSummary(w, msg);
    w.endObject();
}

bool SnapshotWriter::writeSnapshot(JsonWriter &w, const std::function<bool(int)> &progress)
{
    const GuildModel &m = m_model;
    const int people = static_cast<int>(m.people.size());
    w.beginObject();
    w.key("format");
    w.string("guild-snapshot/1");
    w.rawText("\n");
    w.key("guild");
    writeGuild(w);
    w.rawText("\n");
    w.key("roles");
    w.beginArray();
    for (const Role &role : m.roles)
        writeRole(w, role);
    w.endArray();
    w.rawText("\n");
    w.key("members");
    w.beginArray();
    for (int i = 0; i < people; ++i) {
        if (m.people[i].isMember()) {
            w.rawText("\n");
            writeMember(w, i);
        }
    }
    w.endArray();
    w.rawText("\n");
    w.key("users");
    w.beginObject();
    for (int i = 0; i < people; ++i) {
        if (!m.people[i].isMember()) {
            w.rawText("\n");
            w.key(std::to_string(m.people[i].id));
            w.rawValue(m_userJson[i]);
        }
    }
    w.endObject();
    w.rawText("\n");
    w.key("channels");
    w.beginArray();
    for (int c = 0; c < static_cast<int>(m.channels.size()); ++c) {
        w.rawText("\n");
        writeChannel(w, c);
    }
    w.endArray();
    w.rawText("\n");

    const auto holdsMessages = [](const Channel &c) {
        return c.type == 0 || c.type == 5 || c.type == 11 || c.type == 12;
    };
    const int total = std::max<int>(1, static_cast<int>(m.messages.size()));
    int written = 0;
    int lastPercent = -1;
    w.key("messages");
    w.beginObject();
    for (const Channel &c : m.channels) {
        if (!holdsMessages(c))
            continue;
        w.rawText("\n");
        w.key(std::to_string(c.id));
        w.beginArray();
        for (int i : c.messages) {
            w.rawText("\n");
            writeMessage(w, i, false);
            ++written;
            const int percent = 90 * written / total;
            if (percent != lastPercent) {
                lastPercent = percent;
                if (progress && !progress(percent))
                    return false;
            }
        }
        w.endArray();
    }
    w.endObject();
    w.rawText("\n");

    // Reaction users by "<channel id>/<message id>/<emoji key>", normal and burst apart.
    for (const bool burst : {false, true}) {
        w.key(burst ? "burst_reactions" : "reactions");
        w.beginObject();
        for (const Channel &c : m.channels) {
            if (!holdsMessages(c))
                continue;
            const std::string prefix = std::to_string(c.id) + "/";
            for (int i : c.messages) {
                const Message &msg = m.messages[i];
                quint32 r = msg.reactionBegin;
                while (r < msg.reactionEnd) {
                    const int emoji = m.reactions[r].emoji;
                    quint32 end = r;
                    while (end < msg.reactionEnd && m.reactions[end].emoji == emoji)
                        ++end;
                    bool opened = false;
                    for (quint32 k = r; k < end; ++k) {
                        const Reaction &reaction = m.reactions[k];
                        if (static_cast<bool>(reaction.burst) != burst)
                            continue;
                        if (!opened) {
                            w.rawText("\n");
                            w.key(prefix + std::to_string(msg.id) + "/" + m.emojis[emoji].key);
                            w.beginArray();
                            opened = true;
                        }
                        w.id(m.people[reaction.user].id);
                    }
                    if (opened)
                        w.endArray();
                    r = end;
                }
            }
        }
        w.endObject();
        w.rawText("\n");
    }
    w.endObject();
    w.rawText("\n");
    if (progress && !progress(100))
        return false;
    return true;
}

void SnapshotWriter::writeTruth(JsonWriter &w) const
{
    const GuildModel &m = m_model;
    const Options &o = m.options;
    const auto personId = [&](int i) { return m.people[i].id; };
    const auto idList = [&](const std::vector<int> &people) {
        std::vector<quint64> ids;
        for (int i : people)
            ids.push_back(personId(i));
        std::sort(ids.begin(), ids.end());
        w.beginArray();
        for (quint64 id : ids)
            w.id(id);
        w.endArray();
    };

    w.beginObject();
    w.key("format");
    w.string("gavel-demo-truth/1");
    w.key("generator");
    w.string(QStringView(QString(QStringLiteral("gavel demo-guild ") + versionString())));
    w.key("seed");
    w.string(std::to_string(o.seed));
    w.key("snapshot_format");
    w.string("guild-snapshot/1");

    w.key("options");
    w.beginObject();
    w.key("members");
    w.number(o.members);
    w.key("messages");
    w.number(o.messages);
    w.key("rings");
    w.number(o.rings);
    w.key("alts");
    w.number(o.alts);
    w.key("friend_groups");
    w.number(o.friendGroups);
    w.key("stealthy_ring_fraction");
    w.number(o.stealthyRingFraction);
    w.key("ring_density");
    w.number(o.ringDensity);
    w.key("ring_outsider_rate");
    w.number(o.ringOutsiderRate);
    w.key("friend_reciprocity");
    w.number(o.friendReciprocity);
    w.key("left_fraction");
    w.number(o.leftFraction);
    w.key("reactions_per_message");
    w.number(o.reactionsPerMessage);
    w.key("days");
    w.number(o.days);
    w.key("end");
    w.timestamp(o.endMs);
    w.key("guild_name");
    w.string(QStringView(o.guildName));
    w.endObject();

    w.key("guild_id");
    w.id(m.guildId);
    w.key("history");
    w.beginObject();
    w.key("guild_created");
    w.timestamp(m.createdMs);
    w.key("start");
    w.timestamp(m.startMs);
    w.key("end");
    w.timestamp(m.endMs);
    w.key("roles_as_of");
    w.timestamp(m.rolesAsOfMs);
    w.endObject();

    w.key("roles");
    w.beginObject();
    for (const Role &role : m.roles) {
        w.key(role.name);
        w.id(role.id);
    }
    w.endObject();
    w.key("reputation_emoji");
    w.string(m.emojis[m.dojo].key);
    w.key("custom_emojis");
    w.beginObject();
    for (const Emoji &e : m.emojis) {
        if (e.id != 0) {
            w.key(e.name);
            w.string(e.key);
        }
    }
    w.endObject();

    w.key("gavel_bot_id");
    w.id(personId(m.gavelBot));
    w.key("bot_ids");
    idList({m.gavelBot, m.heraldBot, m.tallyBot});
    w.key("owner_id");
    w.id(personId(m.owner));
    std::vector<int> admins, moderators, felt, left, deactivated;
    for (int i = 0; i < static_cast<int>(m.people.size()); ++i) {
        const Person &p = m.people[i];
        if (p.staff == 2)
            admins.push_back(i);
        if (p.staff == 1)
            moderators.push_back(i);
        if (p.core)
            felt.push_back(i);
        if (!p.isMember())
            left.push_back(i);
        if (p.deactivatedMs != 0)
            deactivated.push_back(i);
    }
    w.key("admin_ids");
    idList(admins);
    w.key("moderator_ids");
    idList(moderators);
    w.key("core_team_ids");
    idList(felt);
    w.key("left_member_ids");
    idList(left);
    w.key("deactivated");
    w.beginArray();
    for (int i : deactivated) {
        w.beginObject();
        w.key("user_id");
        w.id(personId(i));
        w.key("at");
        w.timestamp(m.people[i].deactivatedMs);
        w.endObject();
    }
    w.endArray();

    w.key("rings");
    w.beginArray();
    for (std::size_t r = 0; r < m.rings.size(); ++r) {
        const Ring &ring = m.rings[r];
        w.beginObject();
        w.key("id");
        w.string("ring-" + std::to_string(r + 1));
        w.key("members");
        idList(ring.members);
        w.key("stealthy");
        w.boolean(ring.stealthy);
        w.key("started_by");
        w.id(personId(ring.members.front()));
        w.key("formed_at");
        w.timestamp(ring.formedMs);
        std::vector<int> senpai;
        for (int i : ring.members) {
            if (m.people[i].level >= 1)
                senpai.push_back(i);
        }
        w.key("members_with_senpai_or_sensei");
        idList(senpai);
        w.endObject();
    }
    w.endArray();

    w.key("alt_families");
    w.beginArray();
    for (std::size_t f = 0; f < m.altFamilies.size(); ++f) {
        const AltFamily &family = m.altFamilies[f];
        w.beginObject();
        w.key("id");
        w.string("alts-" + std::to_string(f + 1));
        w.key("master");
        w.id(personId(family.master));
        w.key("alts");
        idList(family.alts);
        w.key("joined_around");
        w.timestamp(family.joinedMs);
        w.endObject();
    }
    w.endArray();

    w.key("friend_groups");
    w.beginArray();
    for (std::size_t g = 0; g < m.friendGroups.size(); ++g) {
        const FriendGroup &group = m.friendGroups[g];
        w.beginObject();
        w.key("id");
        w.string("friends-" + std::to_string(g + 1));
        w.key("members");
        idList(group.members);
        w.key("core_team");
        w.boolean(group.coreTeam);
        w.endObject();
    }
    w.endArray();

    w.key("lookalikes");
    w.beginArray();
    for (const Person &p : m.people) {
        if (p.lookalikeOf < 0)
            continue;
        w.beginObject();
        w.key("user_id");
        w.id(p.id);
        w.key("imitates");
        w.id(personId(p.lookalikeOf));
        w.endObject();
    }
    w.endArray();

    w.key("special");
    w.beginObject();
    w.key("decaying_sensei");
    if (m.decayingSensei >= 0)
        w.id(personId(m.decayingSensei));
    else
        w.null();
    w.key("decay_candidates");
    idList(m.decayCandidates);
    w.key("self_reactions");
    w.beginArray();
    for (const SelfReaction &self : m.selfReactions) {
        const Message &msg = m.messages[self.message];
        w.beginObject();
        w.key("channel_id");
        w.id(m.channels[msg.channel].id);
        w.key("message_id");
        w.id(msg.id);
        w.key("user_id");
        w.id(personId(msg.author));
        w.key("emoji");
        w.string(m.emojis[self.emoji].key);
        w.key("burst");
        w.boolean(self.burst);
        w.endObject();
    }
    w.endArray();
    w.key("self_thanks");
    w.beginArray();
    for (int i : m.selfThanks) {
        const Message &msg = m.messages[i];
        w.beginObject();
        w.key("channel_id");
        w.id(m.channels[msg.channel].id);
        w.key("message_id");
        w.id(msg.id);
        w.key("user_id");
        w.id(personId(msg.author));
        w.endObject();
    }
    w.endArray();
    w.key("exactly_100_channel");
    w.id(m.channels[m.exactly100Channel].id);
    w.key("empty_channels");
    w.beginArray();
    for (const Channel &c : m.channels) {
        if ((c.type == 0 || c.type == 5) && c.messages.empty())
            w.id(c.id);
    }
    w.endArray();
    w.key("unreadable_channels");
    w.beginArray();
    for (const Channel &c : m.channels) {
        if (c.readable || c.type == 4)
            continue;
        w.beginObject();
        w.key("channel_id");
        w.id(c.id);
        w.key("name");
        w.string(c.name);
        w.key("reason");
        w.string(c.unreadable);
        w.endObject();
    }
    w.endArray();
    w.key("private_threads");
    w.beginArray();
    for (const Channel &c : m.channels) {
        if (c.type == 12)
            w.id(c.id);
    }
    w.endArray();
    w.key("forum_channel");
    for (const Channel &c : m.channels) {
        if (c.type == 15)
            w.id(c.id);
    }
    w.endObject();

    w.key("role_events");
    w.beginArray();
    for (const RoleEvent &e : m.roleEvents) {
        w.beginObject();
        w.key("user_id");
        w.id(personId(e.person));
        w.key("role");
        w.string(m.roles[e.role].name);
        w.key("at");
        w.timestamp(e.ms);
        w.endObject();
    }
    w.endArray();

    w.key("role_holders");
    w.beginObject();
    for (int slot : {RoleKohai, RoleSenpai, RoleSensei, RoleFelt, RoleDeactivated}) {
        std::vector<int> holders;
        for (int i = 0; i < static_cast<int>(m.people.size()); ++i) {
            if (m.people[i].isMember() && (m.people[i].roles & (1u << slot)))
                holders.push_back(i);
        }
        w.key(m.roles[slot].name);
        idList(holders);
    }
    w.endObject();

    const ChannelTotals all = totals();
    int members = 0, bots = 0, threads = 0, channels = 0;
    for (const Person &p : m.people) {
        members += p.isMember() ? 1 : 0;
        bots += p.bot ? 1 : 0;
    }
    for (const Channel &c : m.channels)
        (c.isThread() ? threads : channels) += 1;
    qint64 readableMessages = 0;
    for (std::size_t c = 0; c < m.channels.size(); ++c) {
        const Channel &channel = m.channels[c];
        const bool readable =
            channel.readable && (channel.parent < 0 || m.channels[channel.parent].readable);
        if (readable)
            readableMessages += m_totals[c].messages;
    }
    w.key("totals");
    w.beginObject();
    w.key("members");
    w.number(members);
    w.key("users_left");
    w.number(static_cast<qint64>(left.size()));
    w.key("bots");
    w.number(bots);
    w.key("channels");
    w.number(channels);
    w.key("threads");
    w.number(threads);
    w.key("messages");
    w.number(all.messages);
    w.key("readable_messages");
    w.number(readableMessages);
    w.key("reaction_users");
    w.number(all.reactionUsers);
    w.key("burst_reaction_users");
    w.number(all.burstReactionUsers);
    w.key("reaction_keys");
    w.number(all.reactionKeys);
    w.key("reacted_messages");
    w.number(all.reactedMessages);
    w.key("per_channel");
    w.beginObject();
    for (std::size_t c = 0; c < m.channels.size(); ++c) {
        const Channel &channel = m.channels[c];
        if (channel.type == 4 || channel.type == 15)
            continue;
        const ChannelTotals &t = m_totals[c];
        w.key(std::to_string(channel.id));
        w.beginObject();
        w.key("name");
        w.string(channel.name);
        w.key("type");
        w.number(channel.type);
        w.key("parent_id");
        w.idOrNull(channel.parent >= 0 ? m.channels[channel.parent].id : 0);
        w.key("readable");
        w.boolean(channel.readable);
        w.key("messages");
        w.number(t.messages);
        w.key("reaction_users");
        w.number(t.reactionUsers);
        w.key("burst_reaction_users");
        w.number(t.burstReactionUsers);
        w.key("reaction_keys");
        w.number(t.reactionKeys);
        w.key("reacted_messages");
        w.number(t.reactedMessages);
        w.endObject();
    }
    w.endObject();
    w.endObject();
    w.endObject();
    w.rawText("\n");
}

} // namespace gavel::demoguild
