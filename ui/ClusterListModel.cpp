#include "ClusterListModel.h"

#include <QLocale>

namespace gavel::ui {

ClusterListModel::ClusterListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ClusterListModel::setAnalysis(std::shared_ptr<const Analysis> analysis)
{
    beginResetModel();
    m_analysis = std::move(analysis);
    endResetModel();
}

int ClusterListModel::rowOf(int clusterId) const
{
    if (!m_analysis)
        return -1;
    for (size_t i = 0; i < m_analysis->clusters.size(); ++i) {
        if (m_analysis->clusters[i].id == clusterId)
            return int(i);
    }
    return -1;
}

const analysis::Cluster *ClusterListModel::clusterAt(int row) const
{
    if (!m_analysis || row < 0 || size_t(row) >= m_analysis->clusters.size())
        return nullptr;
    return &m_analysis->clusters[size_t(row)];
}

int ClusterListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_analysis ? 0 : int(m_analysis->clusters.size());
}

int ClusterListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClusterListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const analysis::Cluster &c = m_analysis->clusters[size_t(index.row())];
    if (role == ClusterIdRole)
        return c.id;
    if (role == Qt::TextAlignmentRole && (index.column() == Size || index.column() == Score))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole)
        return c.evidence;
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool sort = role == SortRole;
    const history::History &h = *m_analysis->history;
    switch (Column(index.column())) {
    case Id:
        return c.id;
    case Kind:
        return c.kind == analysis::ClusterKind::Ring ? tr("Ring") : tr("Alt family");
    case Size:
        return int(c.members.size());
    case Score:
        return sort ? QVariant(c.score) : QVariant(QLocale().toString(c.score, 'f', 2));
    case Members: {
        QStringList names;
        if (c.master != NoIndex)
            names << tr("%1 (master)").arg(h.users[c.master].displayName());
        for (Index u : c.members) {
            if (u != c.master)
                names << h.users[u].displayName();
            if (names.size() >= 4) {
                names << QStringLiteral("…");
                break;
            }
        }
        return names.join(QStringLiteral(", "));
    }
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ClusterListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Id:
        return tr("#");
    case Kind:
        return tr("Kind");
    case Size:
        return tr("Size");
    case Score:
        return tr("Score");
    case Members:
        return tr("Members");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace gavel::ui
