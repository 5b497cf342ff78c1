#include "PolicyChangeModel.h"

#include <QLocale>

namespace gavel::ui {

PolicyChangeModel::PolicyChangeModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void PolicyChangeModel::setComparison(Data data)
{
    beginResetModel();
    m_data = std::move(data);
    if (!m_data.history || !m_data.a || !m_data.b)
        m_data.changes.clear();
    endResetModel();
}

void PolicyChangeModel::clear()
{
    setComparison({});
}

int PolicyChangeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_data.changes.size());
}

int PolicyChangeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PolicyChangeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const policy::RoleDifference &d = m_data.changes[size_t(index.row())];
    const history::User &user = m_data.history->users[d.user];
    if (role == UserRole)
        return QVariant::fromValue(d.user);
    if (role == Qt::TextAlignmentRole) {
        return index.column() >= ScoreA ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                        : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole && index.column() == Member)
        return tr("User id %1").arg(user.id);
    if (role == Qt::ToolTipRole && index.column() == LevelA)
        return m_data.a->reason(d.user);
    if (role == Qt::ToolTipRole && index.column() == LevelB)
        return m_data.b->reason(d.user);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (index.column()) {
    case Member:
        return role == SortRole ? QVariant(user.displayName().toCaseFolded())
                                : QVariant(user.displayName());
    case LevelA:
        return role == SortRole ? QVariant(d.levelA) : QVariant(m_data.a->levelName(d.user));
    case LevelB:
        return role == SortRole ? QVariant(d.levelB) : QVariant(m_data.b->levelName(d.user));
    case ScoreA:
        return role == SortRole ? QVariant(m_data.a->members[d.user].score)
                                : QVariant(m_data.a->scoreText(d.user));
    case ScoreB:
        return role == SortRole ? QVariant(m_data.b->members[d.user].score)
                                : QVariant(m_data.b->scoreText(d.user));
    }
    return {};
}

QVariant PolicyChangeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Member:
        return tr("Member");
    case LevelA:
        return tr("Role under A");
    case LevelB:
        return tr("Role under B");
    case ScoreA:
        return tr("Score A");
    case ScoreB:
        return tr("Score B");
    }
    return {};
}

} // namespace gavel::ui
