#include "ProposalChangeModel.h"

#include "common/Snowflake.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace gavel::ui {

namespace {

QString actionText(const QString &action)
{
    if (action == u"promote")
        return ProposalChangeModel::tr("promote");
    if (action == u"demote")
        return ProposalChangeModel::tr("demote");
    if (action == u"deactivate")
        return ProposalChangeModel::tr("deactivate");
    if (action == u"reactivate")
        return ProposalChangeModel::tr("reactivate");
    return action;
}

QString outcomeText(const QString &outcome)
{
    if (outcome == u"applied")
        return ProposalChangeModel::tr("applied");
    if (outcome == u"already")
        return ProposalChangeModel::tr("already so");
    if (outcome == u"refused")
        return ProposalChangeModel::tr("refused");
    if (outcome == u"skipped")
        return ProposalChangeModel::tr("skipped");
    if (outcome == u"failed")
        return ProposalChangeModel::tr("failed (retried next time)");
    if (outcome == u"would-apply")
        return ProposalChangeModel::tr("would apply");
    return outcome;
}

} // namespace

ProposalChangeModel::ProposalChangeModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ProposalChangeModel::setProposal(const moderation::Proposal &proposal,
                                      const QHash<quint64, QString> &roleNames,
                                      const QHash<quint64, QList<quint64>> &memberRoles)
{
    const moderation::RoleConfig &config = proposal.roles;
    const auto relevant = [&](quint64 role) {
        return config.managed.contains(role) || role == config.deactivated;
    };
    const auto names = [&](QList<quint64> roles) {
        std::sort(roles.begin(), roles.end());
        QStringList list;
        for (const quint64 role : roles) {
            if (relevant(role))
                list.append(roleNames.value(role, snowflake::toString(role)));
        }
        return list.isEmpty() ? tr("(none)") : list.join(u", "_s);
    };
    // Each member's roles after every change of the plan that concerns them.
    QHash<quint64, QList<quint64>> after;
    for (const moderation::Change &c : proposal.changes) {
        auto it = after.find(c.userId);
        if (it == after.end())
            it = after.insert(c.userId, memberRoles.value(c.userId));
        if (c.add && !it->contains(c.roleId))
            it->append(c.roleId);
        else if (!c.add)
            it->removeAll(c.roleId);
    }
    beginResetModel();
    m_rows.clear();
    for (const moderation::Change &c : proposal.changes) {
        Row row;
        row.change = c;
        row.now = names(memberRoles.value(c.userId));
        row.after = names(after.value(c.userId));
        m_rows.append(row);
    }
    endResetModel();
}

void ProposalChangeModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void ProposalChangeModel::setOutcome(const moderation::ChangeOutcome &outcome)
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].change.index != outcome.change.index)
            continue;
        m_rows[i].outcome = outcome.outcome;
        m_rows[i].detail = outcome.detail;
        Q_EMIT dataChanged(index(int(i), Outcome), index(int(i), Outcome));
        return;
    }
}

void ProposalChangeModel::clearOutcomes()
{
    for (Row &row : m_rows) {
        row.outcome.clear();
        row.detail.clear();
    }
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, Outcome), index(int(m_rows.size()) - 1, Outcome));
}

QString ProposalChangeModel::outcomeOf(int changeIndex) const
{
    for (const Row &row : m_rows) {
        if (row.change.index == changeIndex)
            return row.outcome;
    }
    return {};
}

int ProposalChangeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProposalChangeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProposalChangeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[index.row()];
    const moderation::Change &c = r.change;
    if (role == UserIdRole)
        return c.userId;
    if (role == Qt::ToolTipRole) {
        if (index.column() == Outcome && !r.detail.isEmpty())
            return r.detail;
        if (index.column() == Member)
            return tr("User id %1").arg(snowflake::toString(c.userId));
        if (index.column() == Reason)
            return c.reason;
        return {};
    }
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (Column(index.column())) {
    case Index:
        return c.index + (role == SortRole ? 0 : 1);
    case Member:
        return c.username.isEmpty() ? snowflake::toString(c.userId) : c.username;
    case Action:
        return actionText(c.action);
    case Role:
        return QString((c.add ? u"+ "_s : u"\u2212 "_s) + c.roleName);
    case Now:
        return r.now;
    case After:
        return r.after;
    case Reason:
        return c.reason;
    case Outcome:
        if (r.outcome.isEmpty())
            return QString();
        return r.detail.isEmpty() ? outcomeText(r.outcome)
                                  : u"%1: %2"_s.arg(outcomeText(r.outcome), r.detail);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ProposalChangeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Index:
        return tr("#");
    case Member:
        return tr("Member");
    case Action:
        return tr("Change");
    case Role:
        return tr("Role");
    case Now:
        return tr("Roles now");
    case After:
        return tr("After the plan");
    case Reason:
        return tr("Reason");
    case Outcome:
        return tr("Push result");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace gavel::ui
