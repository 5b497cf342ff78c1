#include "policy/Plan.h"

#include <QDateTime>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace gavel::policy {

namespace {

bool contains(const std::vector<Index> &v, Index x)
{
    return std::find(v.begin(), v.end(), x) != v.end();
}

QString day(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(u"yyyy-MM-dd"_s);
}

} // namespace

QStringList Evaluation::extraColumns() const
{
    switch (policy->policy.scoring) {
    case Scoring::Daimyo:
        return {u"level_name"_s,       u"role_id"_s,         u"kohai_reactions"_s,
                u"senpai_reactions"_s, u"senpai_distinct"_s, u"sensei_reactions"_s,
                u"sensei_distinct"_s,  u"sensei_recent"_s,   u"decayed"_s};
    case Scoring::Karma:
    case Scoring::Cred:
        return {u"level_name"_s, u"role_id"_s, u"counted"_s};
    case Scoring::Conversation:
        return {u"level_name"_s, u"role_id"_s, u"sessions"_s};
    }
    return {};
}

QStringList Evaluation::extraValues(Index user) const
{
    const MemberResult &m = members[user];
    const Index role = targetRole(user);
    const QString roleId =
        role == NoIndex ? QString() : QString::number(policy->levelRoleIds.value(m.level));
    QStringList out{levelName(user), roleId};
    if (policy->policy.scoring == Scoring::Daimyo) {
        for (const qint32 v : {m.kohaiReactions, m.senpaiReactions, m.senpaiDistinct,
                               m.senseiReactions, m.senseiDistinct, m.senseiRecent})
            out.append(QString::number(v));
        out.append(m.decayed ? u"yes"_s : u"no"_s);
    } else {
        out.append(QString::number(m.received));
    }
    return out;
}

QString Evaluation::scoreText(Index user) const
{
    const double s = members[user].score;
    if (policy->policy.scoring == Scoring::Cred)
        return QString::number(s, 'f', 4);
    return QString::number(static_cast<qint64>(s));
}

QString Evaluation::reason(Index user) const
{
    const MemberResult &m = members[user];
    const Policy &p = policy->policy;
    if (p.scoring == Scoring::Daimyo) {
        const DaimyoRules &d = p.daimyo;
        const QString senpai = policy->levelNames.value(1), sensei = policy->levelNames.value(2);
        if (m.exempt)
            return u"Holds the exempt role %1, which is %2 and never decays."_s.arg(
                p.daimyo.exemptRole, sensei);
        if (m.decayed)
            return u"%1 decay: %2 reactions from %1 in the %3 days to %4, fewer than %5."_s.arg(
                sensei, QString::number(m.senseiRecent), QString::number(d.decayWindowDays),
                day(at), QString::number(d.decayReactions));
        if (m.level == 2)
            return u"%1 reactions from %2 (needs %3) from %4 distinct %2 (needs %5 = %6% of %7 "
                   u"%2), %8 of them in the last %9 days."_s.arg(
                       QString::number(m.senseiReactions), sensei,
                       QString::number(d.sensei.reactions), QString::number(m.senseiDistinct),
                       QString::number(senseiRequired),
                       QString::number(d.sensei.distinctBp / 100.0), QString::number(senseiHolders),
                       QString::number(m.senseiRecent), QString::number(d.decayWindowDays));
        if (m.level == 1)
            return u"%1 reactions from %2/%3 reactors (needs %4) from %5 distinct reactors (needs "
                   u"%6 = %7% of %8 %2+%3)."_s.arg(QString::number(m.senpaiReactions), senpai,
                                                   sensei, QString::number(d.senpai.reactions),
                                                   QString::number(m.senpaiDistinct),
                                                   QString::number(senpaiRequired),
                                                   QString::number(d.senpai.distinctBp / 100.0),
                                                   QString::number(senpaiHolders));
        return u"%1 reactions from %2/%3 reactors from %4 distinct reactors; %2 needs %5 from %6."_s
            .arg(QString::number(m.senpaiReactions), senpai, sensei,
                 QString::number(m.senpaiDistinct), QString::number(d.senpai.reactions),
                 QString::number(senpaiRequired));
    }
    const QString what = p.scoring == Scoring::Karma  ? u"Karma"_s
                         : p.scoring == Scoring::Cred ? u"Cred"_s
                                                      : u"Conversation score"_s;
    const auto &levels = p.levels;
    const int l = m.level;
    const QString range =
        l + 1 < static_cast<int>(levels.size())
            ? u"%1-%2"_s.arg(QString::number(levels[l].min), QString::number(levels[l + 1].min - 1))
            : u"%1 or more"_s.arg(QString::number(levels[l].min));
    return u"%1 %2 on %3 is in level %4 (%5)."_s.arg(what, scoreText(user), day(at),
                                                     QString::number(levels[l].number), range);
}

std::vector<PlanChange> plan(const HistoryIndex &index, const Evaluation &e)
{
    const CompiledPolicy &c = *e.policy;
    const history::History &h = index.history();
    const qint64 T = e.at;
    std::vector<PlanChange> out;
    // Roles a level can give; the Daimyo base role (Kohai) is automatic and exempt.
    std::vector<Index> levelRoles;
    for (const Index r : c.levelRoles) {
        if (r != NoIndex && !contains(levelRoles, r))
            levelRoles.push_back(r);
    }
    const auto managed = [&](Index r) { return contains(c.managedRoles, r); };
    const auto exempt = [&](Index r) { return contains(c.exemptRoles, r); };
    const auto levelOf = [&](Index role) {
        int best = -1;
        for (std::size_t i = 0; i < c.levelRoles.size(); ++i) {
            if (c.levelRoles[i] == role)
                best = static_cast<int>(i);
        }
        return best;
    };

    for (std::size_t u = 0; u < h.users.size(); ++u) {
        const history::User &user = h.users[u];
        // Members at T only: someone who joined later has nothing to change yet.
        if (!user.member || user.bot || (user.joinedAt != NoTime && user.joinedAt > T))
            continue;
        const Index ui = static_cast<Index>(u);
        std::vector<Index> held;
        for (std::size_t r = 0; r < h.roles.size(); ++r) {
            if (index.heldRole(ui, static_cast<Index>(r), T))
                held.push_back(static_cast<Index>(r));
        }
        const auto holds = [&](Index r) { return contains(held, r); };
        const auto change = [&](const QString &action, Index role, bool add, const QString &why) {
            if (role == NoIndex || !managed(role))
                return; // never touch a role the policy does not manage
            if (!add && exempt(role))
                return; // exempt roles are never removed
            out.push_back({ui, action, role, add, why});
        };

        const bool policyDeactivated = c.deactivatedByRecordAt(ui, T);
        const bool holdsDeactivated = c.deactivatedRole != NoIndex && holds(c.deactivatedRole);
        if (policyDeactivated || (holdsDeactivated && !c.reactivated[u])) {
            QString why;
            if (c.recordedAt(ui, T)) {
                why = u"%1: mints and receives nothing until a reactivation."_s.arg(
                    c.deactivationNote(ui, T).replace(0, 1, u'D'));
            } else if (policyDeactivated) {
                QString note;
                for (const Deactivation &d : c.policy.deactivations) {
                    if (d.user == user.id)
                        note = d.note;
                }
                why = u"Deactivated by the policy since %1%2: mints and receives nothing."_s.arg(
                    day(c.deactivatedSince[u]), note.isEmpty() ? QString() : u" (" + note + u')');
            } else {
                why = u"Holds %1: stays deactivated until the policy lists a reactivation."_s.arg(
                    h.roles[c.deactivatedRole].name);
            }
            for (const Index r : held) {
                if (r != c.deactivatedRole && contains(levelRoles, r))
                    change(u"deactivate"_s, r, false, why);
            }
            if (!holdsDeactivated)
                change(u"deactivate"_s, c.deactivatedRole, true, why);
            continue;
        }
        const Index target = e.targetRole(ui);
        const int targetLevel = e.members[u].level;
        QString why = e.reason(ui);
        QString action;
        int currentLevel = 0;
        for (const Index r : held) {
            const int l = levelOf(r);
            if (l > currentLevel)
                currentLevel = l;
        }
        if (holdsDeactivated && c.reactivated[u]) {
            action = u"reactivate"_s;
            why = u"Reactivated by the policy; "_s + why;
            change(action, c.deactivatedRole, false, why);
        } else {
            action = targetLevel >= currentLevel ? u"promote"_s : u"demote"_s;
        }
        for (const Index r : held) {
            if (r == target || !contains(levelRoles, r))
                continue;
            if (c.policy.scoring == Scoring::Daimyo && r == c.levelRoles[0])
                continue; // Kohai stays under every rung
            change(action, r, false, why);
        }
        if (target != NoIndex && !holds(target)) {
            const bool automatic = c.policy.scoring == Scoring::Daimyo && targetLevel == 0;
            change(action, target, true,
                   automatic ? u"%1 is automatic for every member."_s.arg(c.levelNames[0]) : why);
        }
        if (c.policy.scoring == Scoring::Daimyo && !holds(c.levelRoles[0]) &&
            c.levelRoles[0] != target)
            change(u"promote"_s, c.levelRoles[0], true,
                   u"%1 is automatic for every member."_s.arg(c.levelNames[0]));
    }
    std::stable_sort(out.begin(), out.end(), [](const PlanChange &a, const PlanChange &b) {
        if (a.user != b.user)
            return a.user < b.user;
        return !a.add && b.add;
    });
    return out;
}

} // namespace gavel::policy
