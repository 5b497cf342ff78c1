#include "Audit.h"

#include "analysis/JsonWriter.h"
#include "common/Snowflake.h"
#include "report/Csv.h"

#include <QDateTime>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace gavel::analysis {

namespace {

QString id(quint64 value)
{
    return snowflake::toString(value);
}

// Why a reaction does not count, in the order R1 checks it (same rules as countedReactions).
QString reasonNotCounted(const history::History &h, const history::Reaction &r,
                         const std::vector<bool> &channels, const CountOptions &o)
{
    if (r.reactor == r.author)
        return u"self-reaction"_s;
    if (h.users[r.reactor].bot)
        return u"reactor is a bot"_s;
    if (h.users[r.author].bot)
        return u"author is a bot"_s;
    if ((r.reactor < o.excludedUsers.size() && o.excludedUsers[r.reactor]) ||
        (r.author < o.excludedUsers.size() && o.excludedUsers[r.author]))
        return u"excluded member"_s;
    if (h.messages[r.message].webhook)
        return u"webhook message"_s;
    if (!o.includeRemoved && r.removedAt != NoTime)
        return u"removed"_s;
    if ((o.since != NoTime && r.at < o.since) || (o.until != NoTime && r.at >= o.until))
        return u"outside the time window"_s;
    if (r.channel >= channels.size() || !channels[r.channel])
        return u"outside the selected channels"_s;
    return u"same reactor, message and emoji as another reaction"_s;
}

// The decimal digits of a snowflake, for JSON strings that need no escaping.
QByteArray idBytes(quint64 value)
{
    return QByteArray::number(value);
}

QByteArray isoBytes(qint64 ms)
{
    QByteArray out;
    if (ms != NoTime)
        JsonWriter::appendIsoTime(out, ms);
    return out;
}

} // namespace

QString isoTime(qint64 ms)
{
    if (ms == NoTime)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

Audit buildAudit(const history::History &history, const PairMatrix &matrix,
                 const std::vector<Cluster> &clusters, Index user, const AuditOptions &options)
{
    Audit a;
    a.user = user;
    if (user >= history.users.size())
        return a;
    for (const history::Message &m : history.messages)
        if (m.author == user)
            ++a.messages;

    // The matrix's counted reactions are sorted (history order): membership by binary search.
    const std::vector<Index> &counted = matrix.counted();
    const std::vector<bool> channels = selectedChannels(history, options.counting.channels);
    for (size_t i = 0; i < history.reactions.size(); ++i) {
        const history::Reaction &r = history.reactions[i];
        if (r.reactor != user && r.author != user)
            continue;
        AuditReaction entry;
        entry.reaction = Index(i);
        entry.counted = std::binary_search(counted.begin(), counted.end(), Index(i));
        if (!entry.counted)
            entry.reason = reasonNotCounted(history, r, channels, options.counting);
        const bool listed = (!options.countedOnly || entry.counted);
        if (r.reactor == user) {
            a.countedGiven += entry.counted ? 1 : 0;
            if (listed && options.listGiven &&
                (options.counterpart == NoIndex || r.author == options.counterpart))
                a.given.push_back(entry);
        }
        if (r.author == user) {
            a.countedReceived += entry.counted ? 1 : 0;
            if (listed && options.listReceived &&
                (options.counterpart == NoIndex || r.reactor == options.counterpart))
                a.received.push_back(entry);
        }
    }
    a.mostReactedTo = matrix.mostReactedTo(user, options.topPairs);
    a.mostReactedToBy = matrix.mostReactedToBy(user, options.topPairs);
    a.concentration3 = matrix.concentration(user, 3);
    for (const history::RoleSpan &span : history.roleSpans)
        if (span.user == user)
            a.roles.push_back(span);
    for (const Cluster &c : clusters)
        if (std::binary_search(c.members.begin(), c.members.end(), user))
            a.flags.push_back(&c);
    if (options.scorer)
        a.scores = options.scorer(history, user);
    return a;
}

QByteArray auditJson(const history::History &h, const PairMatrix &matrix, const Audit &a)
{
    QByteArray out;
    JsonWriter w(out);
    if (a.user >= h.users.size()) {
        w.beginObject().endObject();
        return out;
    }
    // About 600 bytes a listed reaction: one allocation for the busiest members.
    out.reserve(qsizetype(a.given.size() + a.received.size()) * 640 + 65536);
    const auto time = [&](qint64 ms) { return isoBytes(ms); };
    const history::User &u = h.users[a.user];
    w.beginObject();
    w.key("guild_id").asciiString(idBytes(h.guildId));
    w.key("member").beginObject();
    w.key("user_id").asciiString(idBytes(u.id));
    w.key("username").string(u.username);
    w.key("global_name").string(u.globalName);
    w.key("nick").string(u.nick);
    w.key("display_name").string(u.displayName());
    w.key("bot").boolean(u.bot);
    w.key("member").boolean(u.member);
    w.key("account_created_at").asciiString(time(u.createdAt));
    w.key("joined_at").asciiString(time(u.joinedAt));
    if (u.leftAt != NoTime)
        w.key("left_at").asciiString(time(u.leftAt));
    if (u.joinedAt != NoTime)
        w.key("account_age_at_join_days").number(double(u.joinedAt - u.createdAt) / 86400000.0);
    w.key("messages").number(qint64(a.messages));
    w.endObject();

    w.key("pairs").beginObject();
    w.key("reactions_given").number(qint64(a.given.size()));
    w.key("reactions_received").number(qint64(a.received.size()));
    w.key("counted_given").number(qint64(a.countedGiven));
    w.key("counted_received").number(qint64(a.countedReceived));
    w.key("received_from_top3_share").number(a.concentration3);
    for (const bool outgoing : {true, false}) {
        w.key(outgoing ? "most_reacted_to" : "most_reacted_to_by").beginArray();
        for (const quint32 i : outgoing ? a.mostReactedTo : a.mostReactedToBy) {
            const Pair &p = matrix.pairs()[i];
            const Index other = outgoing ? p.author : p.reactor;
            w.beginObject();
            w.key("user_id").asciiString(idBytes(h.users[other].id));
            w.key("name").string(h.users[other].displayName());
            w.key("reactions").number(qint64(p.count));
            w.key("weighted").number(p.weighted);
            w.key("reverse_reactions").number(qint64(p.reverseCount));
            w.key("reciprocity").number(p.reciprocity());
            w.key("share_of_receiver").number(matrix.shareOfReceiver(p));
            w.key("share_of_reactor").number(matrix.shareOfReactor(p));
            w.endObject();
        }
        w.endArray();
    }
    w.endObject();

    w.key("role_history").beginArray();
    for (const history::RoleSpan &s : a.roles) {
        w.beginObject();
        w.key("role_id").asciiString(idBytes(h.roles[s.role].id));
        w.key("role").string(h.roles[s.role].name);
        w.key("from").asciiString(s.from == NoTime ? QByteArray("before Gavel first saw the member")
                                                   : time(s.from));
        w.key("until").asciiString(s.until == NoTime ? QByteArray("still held") : time(s.until));
        w.endObject();
    }
    w.endArray();

    w.key("flags").beginArray();
    for (const Cluster *c : a.flags) {
        w.beginObject();
        w.key("cluster_id").number(qint64(c->id));
        w.key("kind").string(kindName(c->kind));
        w.key("score").number(c->score);
        w.key("evidence").string(c->evidence);
        const auto at = std::lower_bound(c->members.begin(), c->members.end(), a.user);
        w.key("member_evidence")
            .string(c->memberEvidence.value(qsizetype(at - c->members.begin())));
        w.key("members").beginArray();
        for (const Index m : c->members)
            w.asciiString(idBytes(h.users[m].id));
        w.endArray();
        if (c->master != NoIndex)
            w.key("master_id").asciiString(idBytes(h.users[c->master].id));
        w.endObject();
    }
    w.endArray();

    // Links are the guild's prefix, the channel and the message.
    const QByteArray linkPrefix = "https://discord.com/channels/" + idBytes(h.guildId) + '/';
    const auto link = [&](Index message) -> QByteArray {
        const history::Message &m = h.messages[message];
        const quint64 channel = m.channel < h.channels.size() ? h.channels[m.channel].id : 0;
        return linkPrefix + idBytes(channel) + '/' + idBytes(m.id);
    };

    w.key("scores").beginArray();
    for (const AuditScoreLine &s : a.scores) {
        w.beginObject();
        w.key("policy").string(s.policy);
        if (!s.policyHash.isEmpty())
            w.key("policy_hash").string(s.policyHash);
        if (s.at != NoTime)
            w.key("at").asciiString(time(s.at));
        w.key("score").number(s.score);
        if (!s.scoreText.isEmpty()) {
            w.key("score_text").string(s.scoreText);
            w.key("level_number").number(qint64(s.levelNumber));
        }
        w.key("level").string(s.level);
        w.key("reason").string(s.reason);
        if (!s.columns.isEmpty()) {
            w.key("columns").beginObject();
            for (qsizetype i = 0; i < s.columns.size(); ++i)
                w.key(s.columns[i].toLatin1()).string(s.values.value(i));
            w.endObject();
        }
        w.key("breakdown").beginArray();
        for (const AuditScoreItem &item : s.breakdown) {
            w.beginObject();
            if (item.giver != NoIndex && item.giver < h.users.size()) {
                w.key("giver_id").asciiString(idBytes(h.users[item.giver].id));
                w.key("giver").string(h.users[item.giver].displayName());
            }
            if (item.message != NoIndex && item.message < h.messages.size()) {
                w.key("message_id").asciiString(idBytes(h.messages[item.message].id));
                w.key("link").asciiString(link(item.message));
            }
            if (item.reaction != NoIndex && item.reaction < h.reactions.size()) {
                const Index e = h.reactions[item.reaction].emoji;
                w.key("emoji").string(e < h.emojis.size() ? h.emojis[e].key : QString());
            }
            w.key("at").asciiString(time(item.at));
            w.key("weight").number(item.weight);
            w.key("counted").boolean(item.counted);
            w.key("reason").string(item.reason);
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }
    w.endArray();

    for (const bool given : {true, false}) {
        w.key(given ? "reactions_given" : "reactions_received").beginArray();
        for (const AuditReaction &entry : given ? a.given : a.received) {
            const history::Reaction &r = h.reactions[entry.reaction];
            const history::Message &m = h.messages[r.message];
            const Index other = given ? r.author : r.reactor;
            w.beginObject();
            w.key(given ? "author_id" : "reactor_id").asciiString(idBytes(h.users[other].id));
            w.key(given ? "author" : "reactor").string(h.users[other].displayName());
            w.key("message_id").asciiString(idBytes(m.id));
            w.key("channel_id").asciiString(idBytes(h.channels[m.channel].id));
            w.key("channel").string(h.channels[m.channel].name);
            w.key("emoji").string(r.emoji < h.emojis.size() ? h.emojis[r.emoji].key : QString());
            w.key("burst").boolean(r.burst);
            w.key("message_at").asciiString(time(m.createdAt));
            w.key("first_seen_at").asciiString(time(r.firstSeenAt));
            if (r.removedAt != NoTime)
                w.key("removed_at").asciiString(time(r.removedAt));
            w.key("counted").boolean(entry.counted);
            if (!entry.counted)
                w.key("not_counted_because").string(entry.reason);
            w.key("link").asciiString(link(r.message));
            w.endObject();
        }
        w.endArray();
    }
    w.endObject();
    return out;
}

QString auditText(const history::History &h, const PairMatrix &matrix, const Audit &a)
{
    if (a.user >= h.users.size())
        return {};
    QString t;
    const auto name = [&](Index u) {
        return u"%1 (%2)"_s.arg(h.users[u].displayName(), id(h.users[u].id));
    };
    const history::User &u = h.users[a.user];
    t += u"Member %1%2\n"_s.arg(name(a.user), u.bot ? u", a bot"_s : QString());
    t += u"  account created %1, joined %2%3\n"_s.arg(
        isoTime(u.createdAt), u.joinedAt == NoTime ? u"(unknown)"_s : isoTime(u.joinedAt),
        u.leftAt == NoTime ? QString() : u", left %1"_s.arg(isoTime(u.leftAt)));
    t += u"  %1 messages; reactions given %2 (%3 counted), received %4 (%5 counted); top 3 "
         u"reactors gave %6% of what was received\n"_s.arg(
             QString::number(a.messages), QString::number(a.given.size()),
             QString::number(a.countedGiven), QString::number(a.received.size()),
             QString::number(a.countedReceived), QString::number(a.concentration3 * 100, 'f', 1));
    const auto pairs = [&](const char16_t *title, const std::vector<quint32> &list, bool outgoing) {
        if (list.empty())
            return;
        t += QStringView(title);
        t += u'\n';
        for (quint32 i : list) {
            const Pair &p = matrix.pairs()[i];
            t += u"  %1: %2 reactions (weighted %3), %4 back, reciprocity %5\n"_s.arg(
                name(outgoing ? p.author : p.reactor), QString::number(p.count),
                QString::number(p.weighted, 'g', 6), QString::number(p.reverseCount),
                QString::number(p.reciprocity(), 'f', 2));
        }
    };
    pairs(u"Most reacted to", a.mostReactedTo, true);
    pairs(u"Most reacted to by", a.mostReactedToBy, false);
    if (!a.roles.empty()) {
        t += u"Role history\n"_s;
        for (const history::RoleSpan &s : a.roles)
            t += u"  %1: %2 to %3\n"_s.arg(h.roles[s.role].name,
                                           s.from == NoTime ? u"before Gavel first saw the member"_s
                                                            : isoTime(s.from),
                                           s.until == NoTime ? u"still held"_s : isoTime(s.until));
    }
    t += a.flags.empty() ? u"No ring or alt-family flag\n"_s : u"Flags\n"_s;
    for (const Cluster *c : a.flags) {
        const auto at = std::lower_bound(c->members.begin(), c->members.end(), a.user);
        t += u"  %1 %2 (score %3): %4\n"_s.arg(kindName(c->kind), QString::number(c->id),
                                               QString::number(c->score, 'f', 3), c->evidence);
        const QString own = c->memberEvidence.value(qsizetype(at - c->members.begin()));
        if (!own.isEmpty())
            t += u"    %1\n"_s.arg(own);
    }
    for (const AuditScoreLine &s : a.scores) {
        t += u"Score under %1%2: %3, level %4 (%5)\n"_s.arg(
            s.policy, s.at == NoTime ? QString() : u" at "_s + isoTime(s.at),
            s.scoreText.isEmpty() ? QString::number(s.score) : s.scoreText,
            QString::number(s.levelNumber), s.level);
        if (!s.reason.isEmpty())
            t += u"  "_s + s.reason + u'\n';
        for (qsizetype i = 0; i < s.columns.size(); ++i)
            t += u"  %1: %2\n"_s.arg(s.columns[i], s.values.value(i));
        if (!s.breakdown.empty())
            t += u"  Breakdown (%1 items):\n"_s.arg(s.breakdown.size());
        for (const AuditScoreItem &item : s.breakdown) {
            t += u"  %1 %2 %3"_s.arg(QChar(item.counted ? u'+' : u'-'))
                     .arg(item.weight, 9, 'f', 4)
                     .arg(isoTime(item.at));
            if (item.giver != NoIndex && item.giver < h.users.size())
                t += u" from "_s + name(item.giver);
            t += u": "_s + item.reason;
            if (item.message != NoIndex && item.message < h.messages.size())
                t += u' ' + h.messageLink(item.message);
            t += u'\n';
        }
    }
    return t;
}

QString auditCsvHeader()
{
    return u"direction,reactor_id,author_id,message_id,channel_id,emoji,burst,message_at,"
           u"first_seen_at,removed_at,counted,not_counted_because,link"_s;
}

QStringList auditCsvRows(const history::History &h, const Audit &a)
{
    QStringList rows;
    auto add = [&](const AuditReaction &entry, const QString &direction) {
        const history::Reaction &r = h.reactions[entry.reaction];
        const history::Message &m = h.messages[r.message];
        rows.append(QStringList{
            direction, id(h.users[r.reactor].id), id(h.users[r.author].id), id(m.id),
            id(h.channels[m.channel].id),
            report::csv::field(r.emoji < h.emojis.size() ? h.emojis[r.emoji].key : QString()),
            r.burst ? u"1"_s : u"0"_s, isoTime(m.createdAt), isoTime(r.firstSeenAt),
            isoTime(r.removedAt), entry.counted ? u"1"_s : u"0"_s, report::csv::field(entry.reason),
            h.messageLink(r.message)}
                        .join(u','));
    };
    for (const AuditReaction &entry : a.given)
        add(entry, u"given"_s);
    for (const AuditReaction &entry : a.received)
        add(entry, u"received"_s);
    return rows;
}

} // namespace gavel::analysis
