#include "MemberListModel.h"

#include <QLocale>

namespace gavel::ui {

MemberListModel::MemberListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void MemberListModel::setAnalysis(std::shared_ptr<const Analysis> analysis)
{
    beginResetModel();
    m_analysis = std::move(analysis);
    m_users.clear();
    m_rowOf.clear();
    m_flags.clear();
    if (m_analysis) {
        const history::History &h = *m_analysis->history;
        m_rowOf.assign(h.users.size(), -1);
        m_flags.assign(h.users.size(), 0);
        for (Index u = 0; u < h.users.size(); ++u) {
            if (h.users[u].bot)
                continue;
            m_rowOf[u] = int(m_users.size());
            m_users.push_back(u);
        }
        for (const analysis::Cluster &c : m_analysis->clusters) {
            for (Index u : c.members) {
                if (u < m_flags.size())
                    ++m_flags[u];
            }
        }
    }
    endResetModel();
}

int MemberListModel::rowOf(Index user) const
{
    return user < m_rowOf.size() ? m_rowOf[user] : -1;
}

int MemberListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_users.size());
}

int MemberListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MemberListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Index u = m_users[size_t(index.row())];
    const history::User &user = m_analysis->history->users[u];
    const analysis::PairMatrix &m = m_analysis->matrix;
    if (role == UserRole)
        return u;
    if (role == SearchRole) {
        return QStringList{user.displayName(), user.username, user.globalName, user.nick,
                           QString::number(user.id)}
            .join(u' ');
    }
    if (role == Qt::TextAlignmentRole && index.column() == Level)
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    if (role == Qt::TextAlignmentRole && index.column() != Name)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Name && !user.member)
        return tr("No longer a member");
    if (role == Qt::ToolTipRole && index.column() == Level && m_analysis->policy)
        return m_analysis->policy->evaluation.reason(u);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool sort = role == SortRole;
    switch (Column(index.column())) {
    case Name:
        return sort          ? user.displayName().toCaseFolded()
               : user.member ? user.displayName()
                             : tr("%1 (left)").arg(user.displayName());
    case Id:
        return sort ? QVariant(user.id) : QVariant(QString::number(user.id));
    case Given:
        return sort ? QVariant(m.given(u)) : QVariant(QLocale().toString(m.given(u)));
    case Received:
        return sort ? QVariant(m.received(u)) : QVariant(QLocale().toString(m.received(u)));
    case Flags:
        return sort ? QVariant(m_flags[u])
                    : QVariant(m_flags[u] ? QLocale().toString(m_flags[u]) : QString());
    case Score:
        if (!m_analysis->policy)
            return sort ? QVariant(0.0) : QVariant(QString());
        return sort ? QVariant(m_analysis->policy->evaluation.members[u].score)
                    : QVariant(m_analysis->policy->evaluation.scoreText(u));
    case Level:
        if (!m_analysis->policy)
            return sort ? QVariant(0) : QVariant(QString());
        return sort ? QVariant(m_analysis->policy->evaluation.members[u].level)
                    : QVariant(m_analysis->policy->evaluation.levelName(u));
    case ColumnCount:
        break;
    }
    return {};
}

QVariant MemberListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Name:
        return tr("Member");
    case Id:
        return tr("User id");
    case Given:
        return tr("Given");
    case Received:
        return tr("Received");
    case Flags:
        return tr("Flags");
    case Score:
        return m_analysis && m_analysis->policy
                   ? tr("Score (%1)").arg(m_analysis->policy->policy->name)
                   : tr("Score");
    case Level:
        return tr("Level");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace gavel::ui
