#include "policy/Evaluator.h"

#include <QDateTime>
#include <QHash>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace Qt::StringLiterals;

namespace gavel::policy {

using history::History;

// ---------------------------------------------------------------------------------------------
// HistoryIndex

namespace {

//! Characters a reader sees: `<@id>` as @name, `<#id>` as #channel, `<@&id>` as @role,
//! `<:name:id>` as :name: (R5: ids are not typed by the user).
qint32 visibleLength(const QString &text, const History &h)
{
    static const QRegularExpression token(
        uR"(<(@!?|@&|#)(\d{15,21})>|<a?:([A-Za-z0-9_~]{1,64}):\d{15,21}>)"_s);
    qint32 length = 0;
    qsizetype pos = 0;
    const auto codePoints = [](QStringView v) {
        qint32 n = 0;
        for (qsizetype i = 0; i < v.size(); ++i) {
            if (!(v[i].isLowSurrogate() && i > 0 && v[i - 1].isHighSurrogate()))
                ++n;
        }
        return n;
    };
    auto it = token.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        length += codePoints(QStringView(text).mid(pos, m.capturedStart() - pos));
        pos = m.capturedEnd();
        if (m.capturedLength(3) > 0) {
            length += static_cast<qint32>(m.capturedLength(3)) + 2;
            continue;
        }
        const QString kind = m.captured(1);
        const quint64 id = m.captured(2).toULongLong();
        QString shown;
        if (kind.startsWith(u'@') && kind != u"@&"_s) {
            const Index u = h.userIndex(id);
            shown = u == NoIndex ? u"unknown-user"_s : h.users[u].displayName();
        } else if (kind == u"@&"_s) {
            const Index r = h.roleIndex(id);
            shown = r == NoIndex ? u"unknown-role"_s : h.roles[r].name;
        } else {
            const Index c = h.channelIndex(id);
            shown = c == NoIndex ? u"unknown"_s : h.channels[c].name;
        }
        length += 1 + codePoints(shown);
    }
    length += codePoints(QStringView(text).mid(pos));
    return length;
}

} // namespace

HistoryIndex::HistoryIndex(const History &h)
    : m_history(&h)
{
    const std::size_t nr = h.reactions.size();
    order.resize(nr);
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](quint32 a, quint32 b) {
        const auto &x = h.reactions[a];
        const auto &y = h.reactions[b];
        if (x.at != y.at)
            return x.at < y.at;
        if (x.message != y.message)
            return x.message < y.message;
        if (x.reactor != y.reactor)
            return x.reactor < y.reactor;
        if (x.emoji != y.emoji)
            return x.emoji < y.emoji;
        return x.burst < y.burst;
    });

    // Dense pair ids: sort (reactor, author) keys once instead of hashing 5M times.
    std::vector<quint64> keys(nr);
    for (std::size_t i = 0; i < nr; ++i)
        keys[i] = (quint64(h.reactions[i].reactor) << 32) | h.reactions[i].author;
    std::vector<quint64> unique = keys;
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    pairOf.resize(nr);
    for (std::size_t i = 0; i < nr; ++i)
        pairOf[i] = static_cast<quint32>(std::lower_bound(unique.begin(), unique.end(), keys[i]) -
                                         unique.begin());
    pairReactor.resize(unique.size());
    pairAuthor.resize(unique.size());
    reversePair.assign(unique.size(), NoIndex);
    for (std::size_t p = 0; p < unique.size(); ++p) {
        pairReactor[p] = static_cast<Index>(unique[p] >> 32);
        pairAuthor[p] = static_cast<Index>(unique[p] & 0xffffffffu);
        const quint64 rev = (quint64(pairAuthor[p]) << 32) | pairReactor[p];
        const auto it = std::lower_bound(unique.begin(), unique.end(), rev);
        if (it != unique.end() && *it == rev)
            reversePair[p] = static_cast<quint32>(it - unique.begin());
    }

    visibleChars.assign(h.messages.size(), -1);
    if (h.content.size() == h.messages.size()) {
        for (std::size_t m = 0; m < h.messages.size(); ++m)
            visibleChars[m] = visibleLength(h.content[m], h);
    }

    const std::size_t nu = h.users.size();
    firstMessageOfAuthor.assign(nu + 1, 0);
    for (const auto &m : h.messages) {
        if (m.author < nu)
            ++firstMessageOfAuthor[m.author + 1];
    }
    for (std::size_t u = 0; u < nu; ++u)
        firstMessageOfAuthor[u + 1] += firstMessageOfAuthor[u];
    messagesOfAuthor.resize(firstMessageOfAuthor[nu]);
    {
        std::vector<quint32> fill(firstMessageOfAuthor.begin(), firstMessageOfAuthor.end() - 1);
        for (std::size_t m = 0; m < h.messages.size(); ++m) {
            const Index a = h.messages[m].author;
            if (a < nu)
                messagesOfAuthor[fill[a]++] = static_cast<quint32>(m);
        }
    }
    for (std::size_t u = 0; u < nu; ++u) {
        std::stable_sort(messagesOfAuthor.begin() + firstMessageOfAuthor[u],
                         messagesOfAuthor.begin() + firstMessageOfAuthor[u + 1],
                         [&](quint32 a, quint32 b) {
                             return h.messages[a].createdAt < h.messages[b].createdAt;
                         });
    }

    m_spans.resize(h.roleSpans.size());
    std::iota(m_spans.begin(), m_spans.end(), 0u);
    std::stable_sort(m_spans.begin(), m_spans.end(), [&](quint32 a, quint32 b) {
        return h.roleSpans[a].user < h.roleSpans[b].user;
    });
    m_firstSpan.assign(nu + 1, 0);
    for (const auto &s : h.roleSpans) {
        if (s.user < nu)
            ++m_firstSpan[s.user + 1];
    }
    for (std::size_t u = 0; u < nu; ++u)
        m_firstSpan[u + 1] += m_firstSpan[u];
    m_roleMask.assign(nu, 0);
    for (const auto &s : h.roleSpans) {
        if (s.user < nu)
            m_roleMask[s.user] |= quint64(1) << (s.role % 64);
    }
}

bool HistoryIndex::heldRole(Index user, Index role, qint64 at) const
{
    if (user >= m_roleMask.size() || !(m_roleMask[user] & (quint64(1) << (role % 64))))
        return false;
    const History &h = *m_history;
    for (quint32 i = m_firstSpan[user]; i < m_firstSpan[user + 1]; ++i) {
        const history::RoleSpan &s = h.roleSpans[m_spans[i]];
        if (s.role != role)
            continue;
        qint64 from = s.from;
        if (from == NoTime)
            from = h.users[user].joinedAt; // held since the member joined, or forever
        if (from != NoTime && at < from)
            continue;
        if (s.until != NoTime && at >= s.until)
            continue;
        return true;
    }
    return false;
}

bool HistoryIndex::heldAny(Index user, const std::vector<Index> &roles, qint64 at) const
{
    for (const Index r : roles) {
        if (r != NoIndex && heldRole(user, r, at))
            return true;
    }
    return false;
}

// ---------------------------------------------------------------------------------------------
// compile

namespace {

bool looksLikeId(const QString &s)
{
    if (s.size() < 17 || s.size() > 20)
        return false;
    return std::all_of(s.begin(), s.end(), [](QChar c) { return c.isDigit(); });
}

Result<Index> resolveRole(const History &h, const QString &ref, const QString &where)
{
    if (looksLikeId(ref)) {
        const Index r = h.roleIndex(ref.toULongLong());
        if (r != NoIndex)
            return r;
    }
    Index found = NoIndex;
    for (std::size_t i = 0; i < h.roles.size(); ++i) {
        if (h.roles[i].deleted || h.roles[i].name != ref)
            continue;
        if (found != NoIndex)
            return Error{u"policy role \"%1\" (%2) names two roles of guild %3"_s.arg(
                             ref, where, QString::number(h.guildId)),
                         u"Refer to the role by its id instead of its name."_s};
        found = static_cast<Index>(i);
    }
    if (found == NoIndex) {
        QStringList names;
        for (const auto &r : h.roles) {
            if (!r.deleted)
                names.append(r.name);
        }
        return Error{u"policy role \"%1\" (%2) is not a role of guild %3 \"%4\""_s.arg(
                         ref, where, QString::number(h.guildId), h.guildName),
                     u"Use one of its roles: %1."_s.arg(names.join(u", "_s))};
    }
    return found;
}

Result<std::vector<Index>> resolveRoles(const History &h, const QStringList &refs,
                                        const QString &where)
{
    std::vector<Index> out;
    for (const QString &ref : refs) {
        Result<Index> r = resolveRole(h, ref, where);
        if (!r)
            return r.error();
        out.push_back(*r);
    }
    return out;
}

bool emojiMatches(const history::Emoji &e, QString ref)
{
    if (ref.size() > 2 && ref.startsWith(u':') && ref.endsWith(u':'))
        ref = ref.mid(1, ref.size() - 2);
    return e.key == ref || e.name == ref;
}

//! A channel and its ancestors (thread -> channel -> category), nearest first.
std::vector<Index> lineage(const History &h, Index c)
{
    std::vector<Index> out;
    while (c != NoIndex && c < h.channels.size() && out.size() < 4) {
        out.push_back(c);
        c = h.channels[c].parent;
    }
    return out;
}

bool channelMatches(const history::Channel &c, const QString &ref)
{
    QString name = ref;
    if (name.startsWith(u'#'))
        name = name.mid(1);
    return (looksLikeId(ref) && c.id == ref.toULongLong()) || c.name == name;
}

//! Per channel: the index of the first reference matching the channel or, failing that, its
//! nearest ancestor; -1 when none does.
std::vector<int> mapChannels(const History &h, const QStringList &refs)
{
    std::vector<int> direct(h.channels.size(), -1);
    for (std::size_t c = 0; c < h.channels.size(); ++c) {
        for (int i = 0; i < refs.size(); ++i) {
            if (channelMatches(h.channels[c], refs[i])) {
                direct[c] = i;
                break;
            }
        }
    }
    std::vector<int> out(h.channels.size(), -1);
    for (std::size_t c = 0; c < h.channels.size(); ++c) {
        for (const Index a : lineage(h, static_cast<Index>(c))) {
            if (direct[a] >= 0) {
                out[c] = direct[a];
                break;
            }
        }
    }
    return out;
}

} // namespace

Result<CompiledPolicy> compile(const Policy &policy, const History &h,
                               const std::vector<RecordedDeactivation> &recorded)
{
    auto c = compile(policy, h);
    if (!c || recorded.empty())
        return c;
    std::vector<RecordedDeactivation> byUser;
    std::vector<Index> users;
    for (const RecordedDeactivation &d : recorded) {
        const Index u = h.userIndex(d.user);
        if (u == NoIndex)
            continue;
        byUser.push_back(d);
        users.push_back(u);
    }
    std::vector<std::size_t> order(byUser.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return users[a] != users[b] ? users[a] < users[b] : byUser[a].from < byUser[b].from;
    });
    c->firstRecorded.assign(h.users.size() + 1, 0);
    for (const Index u : users)
        ++c->firstRecorded[u + 1];
    for (std::size_t u = 0; u < h.users.size(); ++u)
        c->firstRecorded[u + 1] += c->firstRecorded[u];
    c->recorded.reserve(order.size());
    for (const std::size_t i : order)
        c->recorded.push_back(byUser[i]);
    return c;
}

const RecordedDeactivation *CompiledPolicy::recordedAt(Index user, qint64 at) const
{
    if (firstRecorded.empty() || user + 1 >= firstRecorded.size())
        return nullptr;
    for (quint32 i = firstRecorded[user]; i < firstRecorded[user + 1]; ++i) {
        const RecordedDeactivation &d = recorded[i];
        if (at >= d.from && (d.until == NoTime || at < d.until))
            return &d;
    }
    return nullptr;
}

bool CompiledPolicy::deactivatedByRecordAt(Index user, qint64 at) const
{
    if (deactivatedSince[user] != NoTime && at >= deactivatedSince[user])
        return true;
    return recordedAt(user, at) != nullptr;
}

QString CompiledPolicy::deactivationNote(Index user, qint64 at) const
{
    const auto day = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(u"yyyy-MM-dd"_s);
    };
    if (const RecordedDeactivation *d = recordedAt(user, at)) {
        return d->proposal > 0
                   ? u"deactivated since %1 (proposal %2)"_s.arg(day(d->from)).arg(d->proposal)
                   : u"deactivated since %1"_s.arg(day(d->from));
    }
    if (deactivatedSince[user] != NoTime && at >= deactivatedSince[user])
        return u"deactivated since %1 (policy file)"_s.arg(day(deactivatedSince[user]));
    return {};
}

Result<CompiledPolicy> compile(const Policy &policy, const History &h)
{
    CompiledPolicy c;
    c.policy = policy;
    const auto roles = [&](const QStringList &refs,
                           const QString &where) -> Result<std::vector<Index>> {
        return resolveRoles(h, refs, where);
    };

    auto managed = roles(policy.managedRoles, u"$.roles.managed"_s);
    if (!managed)
        return managed.error();
    c.managedRoles = *managed;
    auto exempt = roles(policy.exemptRoles, u"$.roles.exempt"_s);
    if (!exempt)
        return exempt.error();
    c.exemptRoles = *exempt;
    if (!policy.deactivatedRole.isEmpty()) {
        auto d = resolveRole(h, policy.deactivatedRole, u"$.roles.deactivated"_s);
        if (!d)
            return d.error();
        c.deactivatedRole = *d;
    }
    const auto requireManaged = [&](Index role, const QString &where) -> Result<void> {
        if (role == NoIndex)
            return {};
        if (std::find(c.managedRoles.begin(), c.managedRoles.end(), role) == c.managedRoles.end())
            return Error{
                u"policy role \"%1\" (%2) gives a level but is not in $.roles.managed"_s.arg(
                    h.roles[role].name, where),
                u"Add it to $.roles.managed so that the plan may change it."_s};
        return {};
    };

    if (policy.scoring == Scoring::Daimyo) {
        const DaimyoRules &d = policy.daimyo;
        c.daimyoEmoji.assign(h.emojis.size(), false);
        for (std::size_t e = 0; e < h.emojis.size(); ++e) {
            for (const QString &ref : d.emoji)
                c.daimyoEmoji[e] = c.daimyoEmoji[e] || emojiMatches(h.emojis[e], ref);
        }
        for (const auto &[ref, where] : {std::pair{d.baseRole, u"$.daimyo.base_role"_s},
                                         std::pair{d.senpai.role, u"$.daimyo.senpai.role"_s},
                                         std::pair{d.sensei.role, u"$.daimyo.sensei.role"_s}}) {
            auto r = resolveRole(h, ref, where);
            if (!r)
                return r.error();
            if (auto m = requireManaged(*r, where); !m)
                return m.error();
            c.levelRoles.push_back(*r);
            c.levelNames.append(h.roles[*r].name);
        }
        c.levelNumbers = {0, 1, 2};
        auto sp = roles(d.senpai.reactorRoles, u"$.daimyo.senpai.reactor_roles"_s);
        if (!sp)
            return sp.error();
        c.senpaiReactorRoles = *sp;
        auto ss = roles(d.sensei.reactorRoles, u"$.daimyo.sensei.reactor_roles"_s);
        if (!ss)
            return ss.error();
        c.senseiReactorRoles = *ss;
        if (!d.exemptRole.isEmpty()) {
            auto r = resolveRole(h, d.exemptRole, u"$.daimyo.exempt_role"_s);
            if (!r)
                return r.error();
            c.exemptRole = *r;
            // The exempt role "is Sensei": its holders react as Sensei.
            c.senpaiReactorRoles.push_back(*r);
            c.senseiReactorRoles.push_back(*r);
        }
    } else {
        for (std::size_t i = 0; i < policy.levels.size(); ++i) {
            const Level &l = policy.levels[i];
            Index role = NoIndex;
            const QString where = u"$.levels[%1].role"_s.arg(i);
            if (!l.role.isEmpty()) {
                auto r = resolveRole(h, l.role, where);
                if (!r)
                    return r.error();
                if (auto m = requireManaged(*r, where); !m)
                    return m.error();
                role = *r;
            }
            c.levelRoles.push_back(role);
            c.levelNames.append(role != NoIndex ? h.roles[role].name : u"level %1"_s.arg(l.number));
            c.levelNumbers.push_back(l.number);
        }
    }

    for (const Index r : c.levelRoles)
        c.levelRoleIds.append(r == NoIndex ? 0 : h.roles[r].id);

    const auto channelFlags = [&](const QStringList &refs) {
        const std::vector<int> m = mapChannels(h, refs);
        std::vector<bool> out(h.channels.size());
        for (std::size_t i = 0; i < m.size(); ++i)
            out[i] = m[i] >= 0;
        return out;
    };
    if (policy.scoring == Scoring::Karma) {
        c.karmaEmoji.assign(h.emojis.size(), false);
        for (std::size_t e = 0; e < h.emojis.size(); ++e) {
            for (const QString &ref : policy.karma.reactionEmoji)
                c.karmaEmoji[e] = c.karmaEmoji[e] || emojiMatches(h.emojis[e], ref);
        }
        c.excludedChannel = channelFlags(policy.karma.excludedChannels);
    }
    if (policy.scoring == Scoring::Conversation)
        c.excludedChannel = channelFlags(policy.conversation.excludedChannels);
    if (policy.scoring == Scoring::Cred) {
        const CredRules &r = policy.cred;
        c.emojiWeightBp.assign(h.emojis.size(), r.defaultEmojiWeightBp);
        for (std::size_t e = 0; e < h.emojis.size(); ++e) {
            for (const auto &[ref, w] : r.emojiWeightsBp) {
                if (emojiMatches(h.emojis[e], ref)) {
                    c.emojiWeightBp[e] = w;
                    break;
                }
            }
        }
        QStringList refs;
        for (const auto &[ref, w] : r.channelWeightsBp)
            refs.append(ref);
        const std::vector<int> cm = mapChannels(h, refs);
        c.channelWeightBp.assign(h.channels.size(), r.defaultChannelWeightBp);
        for (std::size_t i = 0; i < cm.size(); ++i) {
            if (cm[i] >= 0)
                c.channelWeightBp[i] = r.channelWeightsBp[cm[i]].second;
        }
        for (int i = 0; i < r.roleWeightsBp.size(); ++i) {
            auto role = resolveRole(h, r.roleWeightsBp[i].first,
                                    u"$.cred.role_weights_bp.%1"_s.arg(r.roleWeightsBp[i].first));
            if (!role)
                return role.error();
            c.roleWeightsBp.push_back({*role, r.roleWeightsBp[i].second});
        }
        auto merit = roles(r.meritRoles, u"$.cred.merit_sources.roles"_s);
        if (!merit)
            return merit.error();
        c.meritRoles = *merit;
        QStringList budgetRefs;
        for (const auto &[ref, b] : r.channelBudgetsPerWeek) {
            budgetRefs.append(ref);
            c.channelBudgets.push_back(b);
        }
        c.channelBudgetNames = budgetRefs;
        const std::vector<int> bm = mapChannels(h, budgetRefs);
        c.channelBudgetScope.assign(h.channels.size(), NoIndex);
        for (std::size_t i = 0; i < bm.size(); ++i) {
            if (bm[i] >= 0)
                c.channelBudgetScope[i] = static_cast<quint32>(bm[i]);
        }
    }

    c.excludedUser.assign(h.users.size(), false);
    for (const quint64 id : policy.excludedUsers) {
        const Index u = h.userIndex(id);
        if (u != NoIndex)
            c.excludedUser[u] = true;
    }
    c.deactivatedSince.assign(h.users.size(), NoTime);
    for (const Deactivation &d : policy.deactivations) {
        const Index u = h.userIndex(d.user);
        if (u != NoIndex)
            c.deactivatedSince[u] = d.since;
    }
    c.reactivated.assign(h.users.size(), false);
    for (const quint64 id : policy.reactivations) {
        const Index u = h.userIndex(id);
        if (u != NoIndex)
            c.reactivated[u] = true;
    }
    return c;
}

// ---------------------------------------------------------------------------------------------
// Evaluator

Evaluator::Evaluator(const History &history)
    : m_index(history)
{}

Result<Evaluation> Evaluator::evaluate(const Policy &policy, qint64 at) const
{
    Result<CompiledPolicy> c = compile(policy, m_index.history(), m_recorded);
    if (!c)
        return c.error();
    return evaluate(std::make_shared<const CompiledPolicy>(std::move(*c)), at);
}

Evaluation Evaluator::evaluate(std::shared_ptr<const CompiledPolicy> policy, qint64 at) const
{
    return run(std::move(policy), at, {});
}

Breakdown Evaluator::explain(std::shared_ptr<const CompiledPolicy> policy, Index user,
                             qint64 at) const
{
    Evaluation e;
    return explain(std::move(policy), user, at, e);
}

Breakdown Evaluator::explain(std::shared_ptr<const CompiledPolicy> policy, Index user, qint64 at,
                             Evaluation &evaluation) const
{
    Breakdown b;
    b.user = user;
    evaluation = run(std::move(policy), at, Trace{user, &b.items});
    if (user < evaluation.members.size())
        b.result = evaluation.members[user];
    return b;
}

Evaluation Evaluator::run(std::shared_ptr<const CompiledPolicy> policy, qint64 at,
                          Trace trace) const
{
    Evaluation e;
    e.policy = std::move(policy);
    e.at = at;
    e.members.assign(m_index.history().users.size(), MemberResult{});
    switch (e.policy->policy.scoring) {
    case Scoring::Daimyo:
        daimyo(e, trace);
        break;
    case Scoring::Karma:
        karma(e, trace);
        break;
    case Scoring::Cred:
        cred(e, trace);
        break;
    case Scoring::Conversation:
        conversation(e, trace);
        break;
    }
    if (e.policy->policy.scoring != Scoring::Daimyo)
        assignLevels(e);
    e.totalScore = 0;
    for (const MemberResult &m : e.members)
        e.totalScore += m.score;
    return e;
}

void Evaluator::assignLevels(Evaluation &e) const
{
    const auto &levels = e.policy->policy.levels;
    for (MemberResult &m : e.members) {
        int level = 0;
        for (std::size_t i = 0; i < levels.size(); ++i) {
            // Compare in whole points: a cred score of 29.9999 is below a min of 30.
            if (m.score + 1e-9 >= static_cast<double>(levels[i].min))
                level = static_cast<int>(i);
        }
        m.level = level;
    }
}

namespace {

//! Why a reaction never counts (R1), or an empty string when it may.
QString refusal(const HistoryIndex &x, const CompiledPolicy &c, const history::Reaction &r)
{
    const History &h = x.history();
    if (r.removedAt != NoTime && !c.policy.countRemovedReactions)
        return u"removed by the reactor"_s;
    if (r.reactor >= h.users.size() || r.author >= h.users.size())
        return u"reactor or author unknown"_s;
    if (h.users[r.reactor].bot)
        return u"the reactor is a bot"_s;
    if (h.users[r.author].bot)
        return u"the author is a bot"_s;
    if (r.message < h.messages.size() && h.messages[r.message].webhook)
        return u"a webhook message"_s;
    if (r.reactor == r.author)
        return u"self-reaction"_s;
    if (c.excludedUser[r.reactor])
        return u"the reactor is excluded by the policy"_s;
    if (c.excludedUser[r.author])
        return u"the author is excluded by the policy"_s;
    return {};
}

bool deactivatedAt(const HistoryIndex &x, const CompiledPolicy &c, Index user, qint64 at)
{
    if (c.deactivatedByRecordAt(user, at))
        return true;
    return c.deactivatedRole != NoIndex && !c.reactivated[user] &&
           x.heldRole(user, c.deactivatedRole, at);
}

} // namespace

QString deactivationReason(const HistoryIndex &x, const CompiledPolicy &c, Index giver,
                           Index receiver, qint64 at, QStringView giverName,
                           QStringView receiverName)
{
    for (const auto &[u, name] : {std::pair{giver, giverName}, std::pair{receiver, receiverName}}) {
        if (!deactivatedAt(x, c, u, at))
            continue;
        QString note = c.deactivationNote(u, at);
        if (note.isEmpty())
            note =
                u"holds the deactivated role %1"_s.arg(x.history().roles[c.deactivatedRole].name);
        return u"the %1 is %2"_s.arg(name, note);
    }
    return {};
}

int requiredDistinct(int holders, int basisPoints)
{
    // ceil(holders * bp / 10000) in integers, at least 1 (R2: exact percentages).
    const qint64 n = (qint64(holders) * basisPoints + 9999) / 10000;
    return static_cast<int>(std::max<qint64>(1, n));
}

void Evaluator::daimyo(Evaluation &e, Trace trace) const
{
    const CompiledPolicy &c = *e.policy;
    const DaimyoRules &d = c.policy.daimyo;
    const History &h = m_index.history();
    const qint64 T = e.at;
    const qint64 windowStart = T - qint64(d.decayWindowDays) * 24 * 3600 * 1000;

    // Holder counts at T: "current Senpai+Sensei count" and "current Sensei count".
    const Index senpaiRole = c.levelRoles[1], senseiRole = c.levelRoles[2];
    for (std::size_t u = 0; u < h.users.size(); ++u) {
        const Index ui = static_cast<Index>(u);
        // Deactivated members hold no reputation role that counts (R7 deactivation).
        if (h.users[u].bot || deactivatedAt(m_index, c, ui, T))
            continue;
        const bool exempt = c.exemptRole != NoIndex && m_index.heldRole(ui, c.exemptRole, T);
        const bool sensei = exempt || m_index.heldRole(ui, senseiRole, T);
        const bool senpai = sensei || m_index.heldRole(ui, senpaiRole, T);
        e.senseiHolders += sensei;
        e.senpaiHolders += senpai;
        e.members[u].exempt = exempt;
    }
    e.senpaiRequired = requiredDistinct(e.senpaiHolders, d.senpai.distinctBp);
    e.senseiRequired = requiredDistinct(e.senseiHolders, d.sensei.distinctBp);

    std::vector<quint8> pairSeen(m_index.pairReactor.size(), 0);
    Index lastReactor = NoIndex, lastMessage = NoIndex;
    for (const quint32 ri : m_index.order) {
        const history::Reaction &r = h.reactions[ri];
        if (r.at > T)
            break;
        if (r.emoji >= c.daimyoEmoji.size() || !c.daimyoEmoji[r.emoji])
            continue;
        const bool traced = trace.items && r.author == trace.user;
        const auto note = [&](bool counted, const QString &why) {
            if (traced)
                trace.items->push_back(
                    {ri, r.message, r.reactor, r.at, counted ? 1.0 : 0.0, counted, why});
        };
        QString why = refusal(m_index, c, r);
        if (why.isEmpty())
            why = deactivationReason(m_index, c, r.reactor, r.author, r.at);
        if (!why.isEmpty()) {
            note(false, why);
            continue;
        }
        if (r.reactor == lastReactor && r.message == lastMessage) {
            note(false, u"one reaction per reactor and message already counted"_s);
            continue;
        }
        lastReactor = r.reactor;
        lastMessage = r.message;
        MemberResult &m = e.members[r.author];
        ++m.received;
        const bool asSensei = m_index.heldAny(r.reactor, c.senseiReactorRoles, r.at);
        const bool asSenpai = asSensei || m_index.heldAny(r.reactor, c.senpaiReactorRoles, r.at);
        quint8 &seen = pairSeen[m_index.pairOf[ri]];
        if (asSenpai) {
            ++m.senpaiReactions;
            if (!(seen & 1))
                ++m.senpaiDistinct;
            seen |= 1;
        } else {
            ++m.kohaiReactions;
        }
        if (asSensei) {
            ++m.senseiReactions;
            if (!(seen & 2))
                ++m.senseiDistinct;
            seen |= 2;
            if (r.at > windowStart)
                ++m.senseiRecent;
        }
        note(asSenpai, asSensei   ? u"from a Sensei at the time"_s
                       : asSenpai ? u"from a Senpai at the time"_s
                                  : u"from a Kohai at the time: shown, never counted"_s);
    }

    for (std::size_t u = 0; u < h.users.size(); ++u) {
        MemberResult &m = e.members[u];
        m.score = m.senpaiReactions;
        if (h.users[u].bot)
            continue;
        const Index ui = static_cast<Index>(u);
        const bool holdsSensei = m_index.heldRole(ui, senseiRole, T);
        const bool holdsSenpai = m_index.heldRole(ui, senpaiRole, T);
        const bool recentOk = !d.decay || m.senseiRecent >= d.decayReactions;
        const bool qualifiesSensei =
            m.senseiReactions >= d.sensei.reactions && m.senseiDistinct >= e.senseiRequired;
        const bool qualifiesSenpai =
            m.senpaiReactions >= d.senpai.reactions && m.senpaiDistinct >= e.senpaiRequired;
        if (m.exempt) {
            m.level = 2;
        } else if (holdsSensei) {
            m.level = recentOk ? 2 : 1;
            m.decayed = !recentOk;
        } else if (qualifiesSensei && recentOk) {
            m.level = 2;
        } else if (holdsSenpai || qualifiesSenpai || qualifiesSensei) {
            m.level = 1;
        } else {
            m.level = 0;
        }
    }
}

const std::vector<bool> &Evaluator::thanksMessages(const QStringList &words) const
{
    QStringList sorted = words;
    sorted.sort();
    const QString key = sorted.join(u'\n');
    QMutexLocker lock(&m_cacheMutex);
    auto it = m_thanksCache.find(key);
    if (it != m_thanksCache.end())
        return **it;
    QStringList escaped;
    for (const QString &w : words) {
        QString e = QRegularExpression::escape(w.trimmed());
        e.replace(u"\\ "_s, u"\\s+"_s);
        escaped.append(e);
    }
    // Whole words only: "ty" must not match "pretty" or "type".
    const QRegularExpression re(u"(?<![\\w])(?:"_s + escaped.join(u'|') + u")(?![\\w])"_s,
                                QRegularExpression::CaseInsensitiveOption |
                                    QRegularExpression::UseUnicodePropertiesOption);
    const History &h = m_index.history();
    auto flags = std::make_shared<std::vector<bool>>(h.messages.size(), false);
    if (h.content.size() == h.messages.size()) {
        for (std::size_t m = 0; m < h.messages.size(); ++m)
            (*flags)[m] = !h.content[m].isEmpty() && re.match(h.content[m]).hasMatch();
    }
    m_thanksCache.insert(key, flags);
    return *flags;
}

void Evaluator::karma(Evaluation &e, Trace trace) const
{
    const CompiledPolicy &c = *e.policy;
    const KarmaRules &k = c.policy.karma;
    const History &h = m_index.history();
    const qint64 T = e.at;
    struct Event
    {
        qint64 at;
        Index giver, receiver, message, reaction;
    };
    std::vector<Event> events;
    const auto traced = [&](Index receiver) { return trace.items && receiver == trace.user; };

    const std::vector<bool> &thanks = thanksMessages(k.triggerWords);
    for (std::size_t mi = 0; mi < h.messages.size(); ++mi) {
        if (!thanks[mi])
            continue;
        const history::Message &m = h.messages[mi];
        if (m.createdAt > T || m.webhook || m.author >= h.users.size() || h.users[m.author].bot ||
            c.excludedUser[m.author])
            continue;
        QList<Index> receivers;
        if (k.thanksByMention) {
            for (quint32 i = 0; i < m.mentionCount; ++i) {
                const Index u = h.mentions[m.firstMention + i];
                if (!receivers.contains(u))
                    receivers.append(u);
            }
        }
        if (k.thanksByReply && m.replyToAuthor != NoIndex && !receivers.contains(m.replyToAuthor))
            receivers.append(m.replyToAuthor);
        for (const Index u : receivers) {
            const Index msg = static_cast<Index>(mi);
            QString why;
            if (m.channel < c.excludedChannel.size() && c.excludedChannel[m.channel])
                why = u"thanks in an excluded channel"_s;
            else if (u == m.author)
                why = u"self-thanks"_s;
            else if (u >= h.users.size() || h.users[u].bot || c.excludedUser[u])
                why = u"the thanked user is a bot or excluded"_s;
            else
                why = deactivationReason(m_index, c, m.author, u, m.createdAt, u"thanker",
                                         u"thanked user");
            if (!why.isEmpty()) {
                if (traced(u))
                    trace.items->push_back({NoIndex, msg, m.author, m.createdAt, 0, false, why});
                continue;
            }
            events.push_back({m.createdAt, m.author, u, msg, NoIndex});
        }
    }
    Index lastReactor = NoIndex, lastMessage = NoIndex;
    for (const quint32 ri : m_index.order) {
        const history::Reaction &r = h.reactions[ri];
        if (r.at > T)
            break;
        if (r.emoji >= c.karmaEmoji.size() || !c.karmaEmoji[r.emoji])
            continue;
        QString why = refusal(m_index, c, r);
        if (why.isEmpty() && r.channel < c.excludedChannel.size() && c.excludedChannel[r.channel])
            why = u"reaction in an excluded channel"_s;
        if (why.isEmpty())
            why = deactivationReason(m_index, c, r.reactor, r.author, r.at);
        if (why.isEmpty() && c.policy.onePerMessage && r.reactor == lastReactor &&
            r.message == lastMessage)
            why = u"one reaction per reactor and message already counted"_s;
        if (!why.isEmpty()) {
            if (traced(r.author))
                trace.items->push_back({ri, r.message, r.reactor, r.at, 0, false, why});
            continue;
        }
        lastReactor = r.reactor;
        lastMessage = r.message;
        events.push_back({r.at, r.reactor, r.author, r.message, ri});
    }
    std::stable_sort(events.begin(), events.end(), [](const Event &a, const Event &b) {
        if (a.at != b.at)
            return a.at < b.at;
        return a.message < b.message;
    });
    const qint64 cooldown = k.cooldownMinutes * 60 * 1000;
    QHash<quint64, qint64> last;
    last.reserve(static_cast<qsizetype>(events.size() / 2));
    for (const Event &ev : events) {
        Index a = ev.giver, b = ev.receiver;
        if (k.cooldownSymmetric && a > b)
            std::swap(a, b);
        const quint64 key = (quint64(a) << 32) | b;
        auto it = last.find(key);
        const bool counted = it == last.end() || ev.at - *it >= cooldown;
        if (counted) {
            last.insert(key, ev.at);
            e.members[ev.receiver].score += 1;
            ++e.members[ev.receiver].received;
        }
        if (traced(ev.receiver)) {
            const QString kind =
                ev.reaction == NoIndex ? u"thanks"_s : u"reaction with a karma emoji"_s;
            QString why;
            if (counted)
                why = kind + u": +1"_s;
            else
                why = kind + u" within the %1-minute cooldown since the last karma from this "
                             u"giver (%2 min ago)"_s.arg(QString::number(k.cooldownMinutes),
                                                         QString::number((ev.at - *it) / 60000));
            trace.items->push_back(
                {ev.reaction, ev.message, ev.giver, ev.at, counted ? 1.0 : 0.0, counted, why});
        }
    }
}

void Evaluator::conversation(Evaluation &e, Trace trace) const
{
    const CompiledPolicy &c = *e.policy;
    const ConversationRules &r = c.policy.conversation;
    const History &h = m_index.history();
    const qint64 T = e.at;
    const qint64 gap = qint64(r.sessionGapMinutes) * 60 * 1000;
    for (std::size_t u = 0; u < h.users.size(); ++u) {
        if (h.users[u].bot || c.excludedUser[u])
            continue;
        const bool traced = trace.items && trace.user == u;
        qint64 total = 0;
        qint64 sessions = 0;
        // One session: [first, last] times, messages, gross and deleted characters.
        qint64 first = 0, lastAt = 0, gross = 0, deleted = 0;
        int count = 0;
        Index firstMessage = NoIndex;
        const auto close = [&]() {
            if (count == 0)
                return;
            const qint64 minutes = std::max<qint64>(1, (lastAt - first + 59999) / 60000);
            const qint64 cap = qint64(r.charsPerMinute) * minutes;
            const bool counts = count >= r.minMessages && gross >= r.minChars;
            const qint64 bp = std::min(gross, cap) * 10000 - deleted * r.deletedPenaltyBp -
                              qint64(count) * r.perMessageDeduction * 10000;
            // Floor division: a penalty of 1.1 characters costs 2, never 1.
            const qint64 points = bp >= 0 ? bp / 10000 : -((-bp + 9999) / 10000);
            if (counts) {
                total += points;
                ++sessions;
            }
            if (traced) {
                QString why = u"session of %1 messages over %2 min: %3 characters, cap %4, "
                              u"deleted %5 (x%6 bp), minus %7 per message"_s.arg(
                                  QString::number(count), QString::number(minutes),
                                  QString::number(gross), QString::number(cap),
                                  QString::number(deleted), QString::number(r.deletedPenaltyBp),
                                  QString::number(r.perMessageDeduction));
                if (!counts)
                    why += u"; needs at least %1 messages and %2 characters"_s.arg(
                        QString::number(r.minMessages), QString::number(r.minChars));
                trace.items->push_back({NoIndex, firstMessage, NoIndex, first,
                                        counts ? double(points) : 0.0, counts, why});
            }
            count = 0;
            gross = deleted = 0;
        };
        for (quint32 i = m_index.firstMessageOfAuthor[u]; i < m_index.firstMessageOfAuthor[u + 1];
             ++i) {
            const quint32 mi = m_index.messagesOfAuthor[i];
            const history::Message &m = h.messages[mi];
            if (m.createdAt > T)
                break;
            if (m.webhook || (m.channel < c.excludedChannel.size() && c.excludedChannel[m.channel]))
                continue;
            if (count > 0 && m.createdAt - lastAt >= gap)
                close();
            if (count == 0) {
                first = m.createdAt;
                firstMessage = mi;
            }
            lastAt = m.createdAt;
            ++count;
            const qint64 chars = std::max(0, m_index.visibleChars[mi]);
            gross += chars;
            if (m.deletedAt != NoTime && m.deletedAt <= T)
                deleted += chars;
        }
        close();
        e.members[u].score = static_cast<double>(total);
        e.members[u].received = sessions;
    }
}

double recoveryRemaining(qint64 elapsedMs, qint64 recoveryMs, int shapeBp)
{
    if (elapsedMs <= 0)
        return 1.0;
    if (elapsedMs >= recoveryMs)
        return 0.0;
    const double x = double(elapsedMs) / double(recoveryMs);
    const double k = double(shapeBp) / 10000.0;
    // Exponential decay normalised to reach exactly 0 at the recovery time.
    return (std::exp(-k * x) - std::exp(-k)) / (1.0 - std::exp(-k));
}

} // namespace gavel::policy
