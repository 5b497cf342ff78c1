#pragma once

#include "moderation/Proposal.h"

#include <QAbstractTableModel>
#include <QList>

namespace gavel::ui {

//! A proposal as the Reviews page shows it: the stored proposal and its state as of loading.
struct ProposalRow
{
    moderation::Proposal proposal;
    moderation::ProposalStatus status;
};

//! What a reviewer calls the state: pending, approved, rejected, stale, expired, pushing,
//! pushed, withdrawn or tampered (a stale proposal shows as stale whatever its approvals).
QString proposalStateText(const moderation::ProposalStatus &status);

//! The proposals of a guild: id, title, state, proposer, created, approvals given/needed,
//! number of changes. Sorted through a proxy with SortRole.
class ProposalListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Id, Title, State, Proposer, Created, Approvals, Changes, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, ProposalIdRole };

    explicit ProposalListModel(QObject *parent = nullptr);

    void setRows(QList<ProposalRow> rows);
    const QList<ProposalRow> &rows() const { return m_rows; }
    //! Row of the proposal with that id, or -1.
    int rowOf(qint64 proposalId) const;
    const ProposalRow *rowAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<ProposalRow> m_rows;
};

} // namespace gavel::ui
