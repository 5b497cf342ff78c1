#include "report/Evidence.h"

#include "analysis/Audit.h"
#include "common/Snowflake.h"
#include "common/Version.h"
#include "report/Csv.h"
#include "report/Manifest.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <map>

using namespace Qt::StringLiterals;

namespace gavel::report {

namespace {

QString id(quint64 v)
{
    return snowflake::toString(v);
}

QString iso(qint64 ms)
{
    return analysis::isoTime(ms);
}

QString flag(bool b)
{
    return b ? u"1"_s : u"0"_s;
}

Result<void> writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return Error{u"cannot write %1: %2"_s.arg(path, f.errorString()),
                     u"check free space and permissions of the output directory"_s};
    return {};
}

QString describeCluster(const analysis::Cluster &c)
{
    return u"Cluster %1 (%2, %3 members)"_s.arg(c.id)
        .arg(analysis::kindName(c.kind))
        .arg(c.members.size());
}

} // namespace

QString subjectKindName(SubjectKind kind)
{
    switch (kind) {
    case SubjectKind::Member:
        return u"member"_s;
    case SubjectKind::Cluster:
        return u"cluster"_s;
    case SubjectKind::Proposal:
        return u"proposal"_s;
    }
    return {};
}

QString decimal(double value)
{
    return QString::number(value, 'f', 4);
}

Result<Evidence> collectEvidence(store::Database &db, const history::History &h,
                                 const Subject &subject, const EvidenceOptions &options)
{
    Evidence e;
    e.subject = subject;
    e.options = options;

    auto parsed = policy::Policy::parse(options.policyBytes, options.policySource);
    if (!parsed)
        return parsed.error();
    e.policy = std::move(*parsed);
    auto compiled = policy::compile(e.policy, h);
    if (!compiled)
        return compiled.error();
    e.compiled = std::make_shared<const policy::CompiledPolicy>(std::move(*compiled));

    analysis::CountOptions counting;
    counting.since = options.since;
    counting.until = options.until;
    e.matrix = analysis::PairMatrix::build(h, counting);
    e.clusters = analysis::detectClusters(h, e.matrix);

    switch (subject.kind) {
    case SubjectKind::Member: {
        const Index u = h.userIndex(subject.id);
        if (u == NoIndex)
            return Error{u"user %1 never was a member of guild %2 and appears in none of its "
                         u"messages or reactions"_s.arg(id(subject.id), id(h.guildId)),
                         u"check the id (Discord: Copy User ID)"_s};
        e.members = {u};
        e.title = u"Member %1 (%2)"_s.arg(h.users[u].displayName(), id(subject.id));
        break;
    }
    case SubjectKind::Cluster: {
        const auto it =
            std::find_if(e.clusters.begin(), e.clusters.end(),
                         [&](const analysis::Cluster &c) { return quint64(c.id) == subject.id; });
        if (it == e.clusters.end())
            return Error{u"guild %1 has no cluster %2 in this window (it has %3)"_s
                             .arg(id(h.guildId), id(subject.id))
                             .arg(e.clusters.size()),
                         u"list them with gavel clusters --db DB (same --since/--until)"_s};
        e.cluster = *it;
        e.members = it->members;
        e.title = describeCluster(*it);
        break;
    }
    case SubjectKind::Proposal: {
        auto p = moderation::loadProposal(db, qint64(subject.id));
        if (!p)
            return p.error();
        if (p->guildId != h.guildId)
            return Error{u"proposal %1 is about guild %2, not %3"_s.arg(
                             id(subject.id), id(p->guildId), id(h.guildId)),
                         u"pass --guild %1"_s.arg(id(p->guildId))};
        auto status = moderation::proposalStatus(db, *p, options.at);
        if (!status)
            return status.error();
        for (const moderation::Change &c : p->changes) {
            const Index u = h.userIndex(c.userId);
            if (u != NoIndex)
                e.members.push_back(u);
        }
        std::sort(e.members.begin(), e.members.end());
        e.members.erase(std::unique(e.members.begin(), e.members.end()), e.members.end());
        e.title = u"Proposal %1: %2"_s.arg(id(subject.id), p->title);
        e.proposal = std::move(*p);
        e.proposalStatus = std::move(*status);
        break;
    }
    }

    e.inSubject.assign(h.users.size(), false);
    for (Index u : e.members)
        e.inSubject[u] = true;

    // Counted flags and reasons exactly as the member audit shows them.
    analysis::AuditOptions auditOptions;
    auditOptions.counting = counting;
    std::map<Index, EvidenceReaction> rows;
    for (Index u : e.members) {
        const analysis::Audit audit =
            analysis::buildAudit(h, e.matrix, e.clusters, u, auditOptions);
        for (const auto *list : {&audit.given, &audit.received})
            for (const analysis::AuditReaction &a : *list) {
                EvidenceReaction &r = rows[a.reaction];
                r.reaction = a.reaction;
                r.counted = a.counted;
                r.notCountedReason = a.reason;
            }
    }

    // Weights: the author's own breakdown when the author is a subject member (every per-pair,
    // budget and time rule applied), else the policy's base weight of the reaction.
    const policy::Evaluator evaluator(h);
    const policy::Evaluation evaluation = evaluator.evaluate(e.compiled, options.at);
    const std::vector<double> base = policy::reactionWeights(*e.compiled, evaluator.index());
    for (Index u : e.members) {
        EvidenceScore s;
        s.user = u;
        s.score = evaluation.scoreText(u);
        s.level = e.compiled->levelNumbers[size_t(evaluation.members[u].level)];
        s.levelName = evaluation.levelName(u);
        s.extraValues = evaluation.extraValues(u);
        s.reason = evaluation.reason(u);
        s.breakdown = evaluator.explain(e.compiled, u, options.at);
        for (const policy::BreakdownItem &item : s.breakdown.items) {
            if (item.reaction == NoIndex)
                continue;
            auto it = rows.find(item.reaction);
            if (it == rows.end())
                continue;
            it->second.weight = item.weight;
            it->second.weightReason = item.reason;
            it->second.weightFromBreakdown = true;
        }
        e.scores.push_back(std::move(s));
    }
    std::vector<bool> involved(h.users.size(), false);
    for (auto &[index, row] : rows) {
        const history::Reaction &r = h.reactions[index];
        row.inside = e.inSubject[r.reactor] && e.inSubject[r.author];
        if (!row.weightFromBreakdown) {
            row.weight = index < base.size() ? base[index] : 0.0;
            row.weightReason = e.inSubject[r.author]
                                   ? u"not in the author's score under this policy at this time"_s
                                   : u"base weight under the policy (the author is outside the "
                                     u"subject; per-pair and budget rules not evaluated)"_s;
        }
        involved[r.reactor] = true;
        involved[r.author] = true;
        e.reactions.push_back(row);
    }
    for (Index u : e.members)
        involved[u] = true;
    for (Index u = 0; u < involved.size(); ++u)
        if (involved[u])
            e.involvedUsers.push_back(u);

    for (quint32 i = 0; i < e.matrix.pairs().size(); ++i) {
        const analysis::Pair &p = e.matrix.pairs()[i];
        if (e.inSubject[p.reactor] || e.inSubject[p.author])
            e.pairs.push_back(i);
    }
    // Inside pairs first, then largest first, then by ids: what a reader looks at first.
    std::sort(e.pairs.begin(), e.pairs.end(), [&](quint32 x, quint32 y) {
        const analysis::Pair &a = e.matrix.pairs()[x];
        const analysis::Pair &b = e.matrix.pairs()[y];
        const bool ai = e.inSubject[a.reactor] && e.inSubject[a.author];
        const bool bi = e.inSubject[b.reactor] && e.inSubject[b.author];
        if (ai != bi)
            return ai;
        if (a.count != b.count)
            return a.count > b.count;
        if (h.users[a.reactor].id != h.users[b.reactor].id)
            return h.users[a.reactor].id < h.users[b.reactor].id;
        return h.users[a.author].id < h.users[b.author].id;
    });
    return e;
}

namespace {

QString reactionsCsv(const history::History &h, const Evidence &e)
{
    QString t = csv::textRecord(
        {u"message_id"_s,   u"message_link"_s,       u"channel_id"_s,  u"channel"_s,
         u"message_time"_s, u"author_id"_s,          u"author_name"_s, u"webhook"_s,
         u"reactor_id"_s,   u"reactor_name"_s,       u"emoji"_s,       u"emoji_name"_s,
         u"burst"_s,        u"first_seen"_s,         u"removed_at"_s,  u"inside"_s,
         u"counted"_s,      u"not_counted_reason"_s, u"weight"_s,      u"weight_reason"_s});
    for (const EvidenceReaction &row : e.reactions) {
        const history::Reaction &r = h.reactions[row.reaction];
        const history::Message &m = h.messages[r.message];
        const history::Emoji *emoji = r.emoji < h.emojis.size() ? &h.emojis[r.emoji] : nullptr;
        t += csv::record({id(m.id),
                          csv::field(h.messageLink(r.message)),
                          id(h.channels[m.channel].id),
                          csv::field(h.channels[m.channel].name),
                          iso(m.createdAt),
                          id(h.users[r.author].id),
                          csv::field(h.users[r.author].displayName()),
                          flag(m.webhook),
                          id(h.users[r.reactor].id),
                          csv::field(h.users[r.reactor].displayName()),
                          csv::field(emoji ? emoji->key : QString()),
                          csv::field(emoji ? emoji->name : QString()),
                          flag(r.burst),
                          iso(r.firstSeenAt),
                          iso(r.removedAt),
                          flag(row.inside),
                          flag(row.counted),
                          csv::field(row.notCountedReason),
                          csv::number(decimal(row.weight)),
                          csv::field(row.weightReason)});
    }
    return t;
}

QString pairsCsv(const history::History &h, const Evidence &e)
{
    QString t =
        csv::textRecord({u"reactor_id"_s, u"reactor_name"_s, u"author_id"_s, u"author_name"_s,
                         u"reactions"_s, u"weighted"_s, u"reverse_reactions"_s, u"reciprocity"_s,
                         u"share_of_author_received"_s, u"share_of_reactor_given"_s,
                         u"first_message_time"_s, u"last_message_time"_s, u"inside"_s});
    for (quint32 i : e.pairs) {
        const analysis::Pair &p = e.matrix.pairs()[i];
        t += csv::record({id(h.users[p.reactor].id), csv::field(h.users[p.reactor].displayName()),
                          id(h.users[p.author].id), csv::field(h.users[p.author].displayName()),
                          QString::number(p.count), csv::number(decimal(p.weighted)),
                          QString::number(p.reverseCount), csv::number(decimal(p.reciprocity())),
                          csv::number(decimal(e.matrix.shareOfReceiver(p))),
                          csv::number(decimal(e.matrix.shareOfReactor(p))),
                          iso(h.messages[p.firstMessage].createdAt),
                          iso(h.messages[p.lastMessage].createdAt),
                          flag(e.inSubject[p.reactor] && e.inSubject[p.author])});
    }
    return t;
}

QString membersCsv(const history::History &h, const Evidence &e)
{
    std::vector<int> messages(h.users.size(), 0);
    for (const history::Message &m : h.messages)
        if (m.author != NoIndex)
            ++messages[m.author];
    QString t = csv::textRecord({u"user_id"_s, u"username"_s, u"global_name"_s, u"nick"_s,
                                 u"display_name"_s, u"bot"_s, u"member"_s, u"created_at"_s,
                                 u"joined_at"_s, u"left_at"_s, u"messages"_s, u"counted_given"_s,
                                 u"counted_received"_s, u"in_subject"_s, u"clusters"_s});
    for (Index u : e.involvedUsers) {
        const history::User &user = h.users[u];
        QStringList flags;
        for (const analysis::Cluster &c : e.clusters)
            if (std::binary_search(c.members.begin(), c.members.end(), u))
                flags.append(u"%1:%2"_s.arg(c.id).arg(analysis::kindName(c.kind)));
        t += csv::record({id(user.id), csv::field(user.username), csv::field(user.globalName),
                          csv::field(user.nick), csv::field(user.displayName()), flag(user.bot),
                          flag(user.member), iso(user.createdAt), iso(user.joinedAt),
                          iso(user.leftAt), QString::number(messages[u]),
                          QString::number(e.matrix.given(u)), QString::number(e.matrix.received(u)),
                          flag(e.inSubject[u]), csv::field(flags.join(u' '))});
    }
    return t;
}

QString rolesCsv(const history::History &h, const Evidence &e)
{
    QString t = csv::textRecord(
        {u"user_id"_s, u"display_name"_s, u"role_id"_s, u"role_name"_s, u"from"_s, u"until"_s});
    for (const history::RoleSpan &s : h.roleSpans) {
        if (s.user >= e.inSubject.size() || !e.inSubject[s.user])
            continue;
        const history::Role &role = h.roles[s.role];
        t += csv::record({id(h.users[s.user].id), csv::field(h.users[s.user].displayName()),
                          id(role.id), csv::field(role.name), iso(s.from), iso(s.until)});
    }
    return t;
}

QString scoresCsv(const history::History &h, const Evidence &e, const QStringList &extraColumns)
{
    QStringList header{u"user_id"_s, u"display_name"_s, u"score"_s, u"level"_s, u"level_name"_s};
    header += extraColumns;
    header.append(u"reason"_s);
    QString t = csv::textRecord(header);
    for (const EvidenceScore &s : e.scores) {
        QStringList row{id(h.users[s.user].id), csv::field(h.users[s.user].displayName()),
                        csv::number(s.score), QString::number(s.level), csv::field(s.levelName)};
        for (const QString &v : s.extraValues)
            row.append(csv::field(v));
        row.append(csv::field(s.reason));
        t += csv::record(row);
    }
    return t;
}

QString breakdownCsv(const history::History &h, const Evidence &e)
{
    QString t =
        csv::textRecord({u"user_id"_s, u"time"_s, u"giver_id"_s, u"giver_name"_s, u"message_id"_s,
                         u"message_link"_s, u"emoji"_s, u"counted"_s, u"weight"_s, u"reason"_s});
    for (const EvidenceScore &s : e.scores)
        for (const policy::BreakdownItem &item : s.breakdown.items) {
            const bool hasGiver = item.giver != NoIndex;
            const bool hasMessage = item.message != NoIndex;
            QString emoji;
            if (item.reaction != NoIndex) {
                const history::Reaction &r = h.reactions[item.reaction];
                if (r.emoji < h.emojis.size())
                    emoji = h.emojis[r.emoji].key;
            }
            t += csv::record({id(h.users[s.user].id), iso(item.at),
                              hasGiver ? id(h.users[item.giver].id) : QString(),
                              csv::field(hasGiver ? h.users[item.giver].displayName() : QString()),
                              hasMessage ? id(h.messages[item.message].id) : QString(),
                              csv::field(hasMessage ? h.messageLink(item.message) : QString()),
                              csv::field(emoji), flag(item.counted),
                              csv::number(decimal(item.weight)), csv::field(item.reason)});
        }
    return t;
}

QJsonObject caseJson(const history::History &h, const Evidence &e)
{
    QJsonArray members;
    for (Index u : e.members)
        members.append(id(h.users[u].id));
    QJsonObject o{
        {u"format"_s, u"gavel-evidence/1"_s},
        {u"gavel_version"_s, versionString()},
        {u"subject"_s, QJsonObject{{u"kind"_s, subjectKindName(e.subject.kind)},
                                   {u"id"_s, id(e.subject.id)},
                                   {u"title"_s, e.title}}},
        {u"guild"_s, QJsonObject{{u"id"_s, id(h.guildId)}, {u"name"_s, h.guildName}}},
        {u"members"_s, members},
        {u"window"_s,
         QJsonObject{{u"since"_s, iso(e.options.since)}, {u"until"_s, iso(e.options.until)}}},
        {u"evaluated_at"_s, iso(e.options.at)},
        {u"policy"_s, QJsonObject{{u"name"_s, e.policy.name},
                                  {u"version"_s, e.policy.version},
                                  {u"hash"_s, e.policy.hash},
                                  {u"source"_s, e.options.policySource}}},
        {u"counts"_s, QJsonObject{{u"reactions"_s, qint64(e.reactions.size())},
                                  {u"pairs"_s, qint64(e.pairs.size())},
                                  {u"involved_users"_s, qint64(e.involvedUsers.size())}}},
    };
    if (e.cluster) {
        const analysis::Cluster &c = *e.cluster;
        QJsonArray lines;
        for (const QString &l : c.memberEvidence)
            lines.append(l);
        QJsonObject cluster{{u"id"_s, c.id},
                            {u"kind"_s, analysis::kindName(c.kind)},
                            {u"score"_s, decimal(c.score)},
                            {u"evidence"_s, c.evidence},
                            {u"member_evidence"_s, lines}};
        if (c.kind == analysis::ClusterKind::Ring) {
            cluster.insert(u"internal_share"_s, decimal(c.ring.internalShare));
            cluster.insert(u"reciprocity"_s, decimal(c.ring.reciprocity));
            cluster.insert(u"density"_s, decimal(c.ring.density));
            cluster.insert(u"median_dominance"_s, decimal(c.ring.medianDominance));
            cluster.insert(u"exclusivity"_s, decimal(c.ring.exclusivity()));
            cluster.insert(u"internal_reactions"_s, qint64(c.ring.internalReactions));
        } else if (c.master != NoIndex) {
            cluster.insert(u"master"_s, id(h.users[c.master].id));
        }
        o.insert(u"cluster"_s, cluster);
    }
    if (e.proposal) {
        QJsonObject p = moderation::proposalJson(*e.proposal);
        if (e.proposalStatus) {
            QJsonArray decisions;
            for (const moderation::Decision &d : e.proposalStatus->decisions)
                decisions.append(QJsonObject{{u"reviewer"_s, d.reviewer},
                                             {u"approve"_s, d.approve},
                                             {u"note"_s, d.note},
                                             {u"at"_s, iso(d.at)}});
            p.insert(u"decisions"_s, decisions);
            p.insert(u"state_at_export"_s, e.proposalStatus->state);
        }
        o.insert(u"proposal"_s, p);
    }
    return o;
}

QString readme(const history::History &h, const Evidence &e, const QStringList &extraColumns)
{
    QString t;
    t += u"# Gavel evidence package: %1\n\n"_s.arg(e.title);
    t += u"Guild: %1 (%2). Policy: %3 %4 (%5), evaluated at %6. Window: %7 to %8. Gavel %9.\n\n"_s
             .arg(h.guildName, id(h.guildId), e.policy.name, e.policy.version, e.policy.hash,
                  iso(e.options.at),
                  e.options.since == history::NoTime ? u"the start"_s : iso(e.options.since),
                  e.options.until == history::NoTime ? u"the end"_s : iso(e.options.until))
             .arg(versionString());
    t += u"Check that nothing was changed since export: `sha256sum -c MANIFEST.sha256` in this "
         u"directory. The SHA-256 of MANIFEST.sha256 itself identifies the package (case reports "
         u"quote it).\n\n"
         u"All files are UTF-8; CSV files follow RFC 4180 (CRLF line ends, fields with commas, "
         u"quotes or line breaks quoted). Display names and other text chosen by users can start "
         u"with characters a spreadsheet would run as a formula: any text cell starting with =, "
         u"+, -, @, a tab, a carriage return or an apostrophe has an apostrophe put in front of "
         u"it. Ids are Discord snowflakes as decimal text; times are ISO 8601 UTC; `1`/`0` mean "
         u"yes/no. The numbers are computed by the same code as `gavel pairs`, `gavel audit`, "
         u"`gavel clusters`, `gavel scores` and the GUI, with the same window.\n\n"_s;
    t += u"Discord's API gives no time for a reaction: `message_time` is when the message was "
         u"posted, `first_seen` when Gavel first saw the reaction (the first sync that found "
         u"it). Reactions Gavel saw removed are not listed.\n\n"_s;
    auto section = [&](QLatin1StringView file, const QString &what,
                       const QList<QPair<QString, QString>> &columns) {
        t += u"## %1\n\n%2\n\n| column | meaning |\n|---|---|\n"_s.arg(file, what);
        for (const auto &[c, m] : columns)
            t += u"| `%1` | %2 |\n"_s.arg(c, m);
        t += u'\n';
    };
    section(files::reactions,
            u"Every reaction given or received by a subject member (one row per reactor, "
            u"message, emoji and normal/super kind)."_s,
            {{u"message_id"_s, u"the message reacted to"_s},
             {u"message_link"_s, u"opens the message in Discord"_s},
             {u"channel_id"_s, u"its channel or thread"_s},
             {u"channel"_s, u"the channel's name"_s},
             {u"message_time"_s, u"when the message was posted"_s},
             {u"author_id"_s, u"who wrote the message"_s},
             {u"author_name"_s, u"the author's display name (nick, global name or username)"_s},
             {u"webhook"_s, u"1 when a webhook sent the message (never counts)"_s},
             {u"reactor_id"_s, u"who reacted"_s},
             {u"reactor_name"_s, u"the reactor's display name"_s},
             {u"emoji"_s, u"unicode emoji, or name:id of a custom emoji"_s},
             {u"emoji_name"_s, u"the emoji's name"_s},
             {u"burst"_s, u"1 for a super reaction"_s},
             {u"first_seen"_s, u"when Gavel first saw the reaction"_s},
             {u"removed_at"_s, u"when Gavel saw it removed (empty: still there)"_s},
             {u"inside"_s, u"1 when reactor and author are both subject members"_s},
             {u"counted"_s, u"1 when it counts under rule R1 in the window (no self-reactions, "
                            u"bots or webhooks, one per reactor, message and emoji)"_s},
             {u"not_counted_reason"_s, u"why it does not count (empty when it does)"_s},
             {u"weight"_s, u"what it adds under the policy"_s},
             {u"weight_reason"_s, u"why: the policy's own explanation for reactions to subject "
                                  u"members; the base weight for reactions to others"_s}});
    section(files::pairs,
            u"Reactor pairs with a subject member on either side, as `gavel pairs` computes them "
            u"(counted reactions only). Inside pairs first."_s,
            {{u"reactor_id"_s, u"who reacted"_s},
             {u"reactor_name"_s, u"display name"_s},
             {u"author_id"_s, u"whose messages"_s},
             {u"author_name"_s, u"display name"_s},
             {u"reactions"_s, u"counted reactions reactor → author"_s},
             {u"weighted"_s, u"their sum of weights (unweighted: equals reactions)"_s},
             {u"reverse_reactions"_s, u"counted reactions author → reactor"_s},
             {u"reciprocity"_s, u"min/max of the two directions: 1 perfectly mutual, 0 one-way"_s},
             {u"share_of_author_received"_s, u"share of everything the author received that came "
                                             u"from this reactor"_s},
             {u"share_of_reactor_given"_s, u"share of everything the reactor gave that went to "
                                           u"this author"_s},
             {u"first_message_time"_s, u"earliest message reacted to"_s},
             {u"last_message_time"_s, u"latest message reacted to"_s},
             {u"inside"_s, u"1 when both are subject members"_s}});
    section(files::members,
            u"Identities of the subject members and of everyone in their reactions."_s,
            {{u"user_id"_s, u"Discord user id"_s},
             {u"username"_s, u"unique username"_s},
             {u"global_name"_s, u"display name chosen by the user"_s},
             {u"nick"_s, u"guild nickname"_s},
             {u"display_name"_s, u"nick, else global name, else username"_s},
             {u"bot"_s, u"1 for bots and system users (never count)"_s},
             {u"member"_s, u"1 when currently a member"_s},
             {u"created_at"_s, u"account creation (from the id)"_s},
             {u"joined_at"_s, u"when the current membership began"_s},
             {u"left_at"_s, u"when Gavel noticed the member had left"_s},
             {u"messages"_s, u"messages authored"_s},
             {u"counted_given"_s, u"counted reactions given in the window"_s},
             {u"counted_received"_s, u"counted reactions received in the window"_s},
             {u"in_subject"_s, u"1 for subject members"_s},
             {u"clusters"_s, u"clusters flagged by detection that include the user (id:kind)"_s}});
    section(files::roles, u"Role history of the subject members."_s,
            {{u"user_id"_s, u"member"_s},
             {u"display_name"_s, u"display name"_s},
             {u"role_id"_s, u"role"_s},
             {u"role_name"_s, u"role name"_s},
             {u"from"_s, u"since when (empty: held when Gavel first saw the member)"_s},
             {u"until"_s, u"until when (empty: still held)"_s}});
    QList<QPair<QString, QString>> scoreColumns{
        {u"user_id"_s, u"member"_s},
        {u"display_name"_s, u"display name"_s},
        {u"score"_s, u"score under the policy, as `gavel scores` prints it"_s},
        {u"level"_s, u"level number, as `gavel scores` prints it"_s},
        {u"level_name"_s, u"the level's role"_s}};
    for (const QString &c : extraColumns)
        scoreColumns.append({c, u"policy-specific figure (see docs/policies.md)"_s});
    scoreColumns.append({u"reason"_s, u"why the member is at this level"_s});
    section(files::scores, u"Scores of the subject members under the policy."_s, scoreColumns);
    section(files::breakdown,
            u"Every reaction (or thanks, or conversation session) that touched a subject "
            u"member's score, with the policy's reason."_s,
            {{u"user_id"_s, u"whose score"_s},
             {u"time"_s, u"when"_s},
             {u"giver_id"_s, u"reactor or thanker (empty for conversation sessions)"_s},
             {u"giver_name"_s, u"display name"_s},
             {u"message_id"_s, u"the message"_s},
             {u"message_link"_s, u"link to it"_s},
             {u"emoji"_s, u"the emoji, for reactions"_s},
             {u"counted"_s, u"1 when it added to the score"_s},
             {u"weight"_s, u"what it added"_s},
             {u"reason"_s, u"why it counted this much or not at all"_s}});
    t +=
        u"## %1\n\nThe subject, guild, window, evaluation time, policy hash, cluster figures "
        u"and (for proposals) the plan with every approval and rejection.\n\n"
        u"## %2\n\nThe policy file exactly as it was used.\n"_s.arg(files::caseJson, files::policy);
    return t;
}

} // namespace

Result<PackageInfo> writeEvidencePackage(const history::History &h, const Evidence &e,
                                         const QString &dir)
{
    if (!QDir().mkpath(dir))
        return Error{u"cannot create the directory %1"_s.arg(dir),
                     u"check the path and its permissions"_s};
    const QDir root(dir);
    QStringList extraColumns;
    {
        const policy::Evaluator evaluator(h);
        extraColumns = evaluator.evaluate(e.compiled, e.options.at).extraColumns();
    }
    const QList<QPair<QLatin1StringView, QByteArray>> contents{
        {files::reactions, reactionsCsv(h, e).toUtf8()},
        {files::pairs, pairsCsv(h, e).toUtf8()},
        {files::members, membersCsv(h, e).toUtf8()},
        {files::roles, rolesCsv(h, e).toUtf8()},
        {files::scores, scoresCsv(h, e, extraColumns).toUtf8()},
        {files::breakdown, breakdownCsv(h, e).toUtf8()},
        {files::caseJson, QJsonDocument(caseJson(h, e)).toJson(QJsonDocument::Indented)},
        {files::policy, e.options.policyBytes},
        {files::readme, readme(h, e, extraColumns).toUtf8()},
    };
    PackageInfo info;
    info.dir = dir;
    for (const auto &[name, bytes] : contents) {
        if (auto w = writeFile(root.filePath(name), bytes); !w)
            return w.error();
        info.files.append(name);
    }
    auto manifest = writeManifest(dir);
    if (!manifest)
        return manifest.error();
    info.files.append(manifestName);
    info.manifestHash = *manifest;
    info.reactionRows = qsizetype(e.reactions.size());
    info.pairRows = qsizetype(e.pairs.size());
    return info;
}

} // namespace gavel::report
