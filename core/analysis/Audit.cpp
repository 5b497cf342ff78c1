#include "Audit.h"

#include "common/Snowflake.h"

#include <QDateTime>
#include <QJsonArray>

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

QJsonObject reactionJson(const history::History &h, const AuditReaction &a, bool given)
{
    const history::Reaction &r = h.reactions[a.reaction];
    const history::Message &m = h.messages[r.message];
    QJsonObject o;
    const Index other = given ? r.author : r.reactor;
    o.insert(given ? u"author_id"_s : u"reactor_id"_s, id(h.users[other].id));
    o.insert(given ? u"author"_s : u"reactor"_s, h.users[other].displayName());
    o.insert(u"message_id"_s, id(m.id));
    o.insert(u"channel_id"_s, id(h.channels[m.channel].id));
    o.insert(u"channel"_s, h.channels[m.channel].name);
    o.insert(u"emoji"_s, r.emoji < h.emojis.size() ? h.emojis[r.emoji].key : QString());
    o.insert(u"burst"_s, r.burst);
    o.insert(u"message_at"_s, isoTime(m.createdAt));
    o.insert(u"first_seen_at"_s, isoTime(r.firstSeenAt));
    if (r.removedAt != NoTime)
        o.insert(u"removed_at"_s, isoTime(r.removedAt));
    o.insert(u"counted"_s, a.counted);
    if (!a.counted)
        o.insert(u"not_counted_because"_s, a.reason);
    o.insert(u"link"_s, h.messageLink(r.message));
    return o;
}

QJsonObject pairJson(const history::History &h, const PairMatrix &matrix, const Pair &p,
                     bool outgoing)
{
    QJsonObject o;
    const Index other = outgoing ? p.author : p.reactor;
    o.insert(u"user_id"_s, id(h.users[other].id));
    o.insert(u"name"_s, h.users[other].displayName());
    o.insert(u"reactions"_s, qint64(p.count));
    o.insert(u"weighted"_s, p.weighted);
    o.insert(u"reverse_reactions"_s, qint64(p.reverseCount));
    o.insert(u"reciprocity"_s, p.reciprocity());
    o.insert(u"share_of_receiver"_s, matrix.shareOfReceiver(p));
    o.insert(u"share_of_reactor"_s, matrix.shareOfReactor(p));
    return o;
}

QJsonObject scoreItemJson(const history::History &h, const AuditScoreItem &item)
{
    QJsonObject o;
    if (item.giver != NoIndex && item.giver < h.users.size()) {
        o.insert(u"giver_id"_s, id(h.users[item.giver].id));
        o.insert(u"giver"_s, h.users[item.giver].displayName());
    }
    if (item.message != NoIndex && item.message < h.messages.size()) {
        o.insert(u"message_id"_s, id(h.messages[item.message].id));
        o.insert(u"link"_s, h.messageLink(item.message));
    }
    if (item.reaction != NoIndex && item.reaction < h.reactions.size()) {
        const history::Reaction &r = h.reactions[item.reaction];
        o.insert(u"emoji"_s, r.emoji < h.emojis.size() ? h.emojis[r.emoji].key : QString());
    }
    o.insert(u"at"_s, isoTime(item.at));
    o.insert(u"weight"_s, item.weight);
    o.insert(u"counted"_s, item.counted);
    o.insert(u"reason"_s, item.reason);
    return o;
}

QString csvField(const QString &text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n') &&
        !text.contains(u'\r'))
        return text;
    QString quoted = text;
    quoted.replace(u"\""_s, u"\"\""_s);
    return u'"' + quoted + u'"';
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

QJsonObject auditToJson(const history::History &h, const PairMatrix &matrix, const Audit &a)
{
    QJsonObject root;
    if (a.user >= h.users.size())
        return root;
    const history::User &u = h.users[a.user];
    QJsonObject identity;
    identity.insert(u"user_id"_s, id(u.id));
    identity.insert(u"username"_s, u.username);
    identity.insert(u"global_name"_s, u.globalName);
    identity.insert(u"nick"_s, u.nick);
    identity.insert(u"display_name"_s, u.displayName());
    identity.insert(u"bot"_s, u.bot);
    identity.insert(u"member"_s, u.member);
    identity.insert(u"account_created_at"_s, isoTime(u.createdAt));
    identity.insert(u"joined_at"_s, isoTime(u.joinedAt));
    if (u.leftAt != NoTime)
        identity.insert(u"left_at"_s, isoTime(u.leftAt));
    if (u.joinedAt != NoTime)
        identity.insert(u"account_age_at_join_days"_s,
                        double(u.joinedAt - u.createdAt) / 86400000.0);
    identity.insert(u"messages"_s, a.messages);
    root.insert(u"guild_id"_s, id(h.guildId));
    root.insert(u"member"_s, identity);

    QJsonObject summary;
    summary.insert(u"reactions_given"_s, qint64(a.given.size()));
    summary.insert(u"reactions_received"_s, qint64(a.received.size()));
    summary.insert(u"counted_given"_s, qint64(a.countedGiven));
    summary.insert(u"counted_received"_s, qint64(a.countedReceived));
    summary.insert(u"received_from_top3_share"_s, a.concentration3);
    QJsonArray to, by;
    for (quint32 p : a.mostReactedTo)
        to.append(pairJson(h, matrix, matrix.pairs()[p], true));
    for (quint32 p : a.mostReactedToBy)
        by.append(pairJson(h, matrix, matrix.pairs()[p], false));
    summary.insert(u"most_reacted_to"_s, to);
    summary.insert(u"most_reacted_to_by"_s, by);
    root.insert(u"pairs"_s, summary);

    QJsonArray roles;
    for (const history::RoleSpan &s : a.roles) {
        QJsonObject o;
        o.insert(u"role_id"_s, id(h.roles[s.role].id));
        o.insert(u"role"_s, h.roles[s.role].name);
        o.insert(u"from"_s,
                 s.from == NoTime ? u"before Gavel first saw the member"_s : isoTime(s.from));
        o.insert(u"until"_s, s.until == NoTime ? u"still held"_s : isoTime(s.until));
        roles.append(o);
    }
    root.insert(u"role_history"_s, roles);

    QJsonArray flags;
    for (const Cluster *c : a.flags) {
        QJsonObject o;
        o.insert(u"cluster_id"_s, c->id);
        o.insert(u"kind"_s, kindName(c->kind));
        o.insert(u"score"_s, c->score);
        o.insert(u"evidence"_s, c->evidence);
        const auto at = std::lower_bound(c->members.begin(), c->members.end(), a.user);
        o.insert(u"member_evidence"_s, c->memberEvidence.value(qsizetype(at - c->members.begin())));
        QJsonArray members;
        for (Index m : c->members)
            members.append(id(h.users[m].id));
        o.insert(u"members"_s, members);
        if (c->master != NoIndex)
            o.insert(u"master_id"_s, id(h.users[c->master].id));
        flags.append(o);
    }
    root.insert(u"flags"_s, flags);

    QJsonArray scores;
    for (const AuditScoreLine &s : a.scores) {
        QJsonObject o;
        o.insert(u"policy"_s, s.policy);
        o.insert(u"score"_s, s.score);
        o.insert(u"level"_s, s.level);
        o.insert(u"reason"_s, s.reason);
        if (!s.policyHash.isEmpty())
            o.insert(u"policy_hash"_s, s.policyHash);
        if (s.at != NoTime)
            o.insert(u"at"_s, isoTime(s.at));
        if (!s.scoreText.isEmpty()) {
            o.insert(u"score_text"_s, s.scoreText);
            o.insert(u"level_number"_s, s.levelNumber);
        }
        QJsonObject columns;
        for (qsizetype i = 0; i < s.columns.size(); ++i)
            columns.insert(s.columns[i], s.values.value(i));
        if (!columns.isEmpty())
            o.insert(u"columns"_s, columns);
        QJsonArray breakdown;
        for (const AuditScoreItem &item : s.breakdown)
            breakdown.append(scoreItemJson(h, item));
        o.insert(u"breakdown"_s, breakdown);
        scores.append(o);
    }
    root.insert(u"scores"_s, scores);

    QJsonArray given, received;
    for (const AuditReaction &r : a.given)
        given.append(reactionJson(h, r, true));
    for (const AuditReaction &r : a.received)
        received.append(reactionJson(h, r, false));
    root.insert(u"reactions_given"_s, given);
    root.insert(u"reactions_received"_s, received);
    return root;
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
        rows.append(
            QStringList{direction, id(h.users[r.reactor].id), id(h.users[r.author].id), id(m.id),
                        id(h.channels[m.channel].id),
                        csvField(r.emoji < h.emojis.size() ? h.emojis[r.emoji].key : QString()),
                        r.burst ? u"1"_s : u"0"_s, isoTime(m.createdAt), isoTime(r.firstSeenAt),
                        isoTime(r.removedAt), entry.counted ? u"1"_s : u"0"_s,
                        csvField(entry.reason), h.messageLink(r.message)}
                .join(u','));
    };
    for (const AuditReaction &entry : a.given)
        add(entry, u"given"_s);
    for (const AuditReaction &entry : a.received)
        add(entry, u"received"_s);
    return rows;
}

} // namespace gavel::analysis
