#include "ProposalListModel.h"

#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace gavel::ui {

QString proposalStateText(const moderation::ProposalStatus &status)
{
    const QString &s = status.state;
    if (status.stale && (s == u"open" || s == u"approved"))
        return ProposalListModel::tr("stale");
    if (s == u"open")
        return ProposalListModel::tr("pending");
    if (s == u"approved")
        return ProposalListModel::tr("approved");
    if (s == u"rejected")
        return ProposalListModel::tr("rejected");
    if (s == u"expired")
        return ProposalListModel::tr("expired");
    if (s == u"pushing")
        return ProposalListModel::tr("pushing");
    if (s == u"pushed")
        return ProposalListModel::tr("pushed");
    if (s == u"withdrawn")
        return ProposalListModel::tr("withdrawn");
    if (s == u"tampered")
        return ProposalListModel::tr("tampered");
    return s;
}

ProposalListModel::ProposalListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ProposalListModel::setRows(QList<ProposalRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int ProposalListModel::rowOf(qint64 proposalId) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].proposal.id == proposalId)
            return int(i);
    }
    return -1;
}

const ProposalRow *ProposalListModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

int ProposalListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProposalListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProposalListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProposalRow &r = m_rows[index.row()];
    const moderation::Proposal &p = r.proposal;
    if (role == ProposalIdRole)
        return p.id;
    if (role == Qt::TextAlignmentRole &&
        (index.column() == Id || index.column() == Approvals || index.column() == Changes))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == State) {
        if (!r.status.pushRefusal.isEmpty())
            return r.status.pushRefusal;
        return {};
    }
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool sort = role == SortRole;
    switch (Column(index.column())) {
    case Id:
        return p.id;
    case Title:
        return p.title;
    case State:
        return proposalStateText(r.status);
    case Proposer:
        return p.proposer;
    case Created:
        if (sort)
            return p.createdAt;
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(p.createdAt).toLocalTime(),
                                  QLocale::ShortFormat);
    case Approvals:
        if (sort)
            return r.status.approvals * 1000 + r.status.required;
        return tr("%1 / %2").arg(r.status.approvals).arg(r.status.required);
    case Changes:
        return qint64(p.changes.size());
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ProposalListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Id:
        return tr("#");
    case Title:
        return tr("Title");
    case State:
        return tr("State");
    case Proposer:
        return tr("Proposer");
    case Created:
        return tr("Created");
    case Approvals:
        return tr("Approvals");
    case Changes:
        return tr("Changes");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace gavel::ui
