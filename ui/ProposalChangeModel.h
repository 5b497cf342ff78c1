#pragma once

#include "moderation/Push.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>

namespace gavel::ui {

//! The role changes of one proposal: member, action, role added or removed, the member's
//! managed roles now and after the plan, the written reason, and the push outcome once known.
class ProposalChangeModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Index, Member, Action, Role, Now, After, Reason, Outcome, ColumnCount };
    enum ItemRole { SortRole = Qt::UserRole + 1, UserIdRole };

    explicit ProposalChangeModel(QObject *parent = nullptr);

    /*!
     * `roleNames` names every role id; `memberRoles` holds each planned member's current role
     * ids (from the store), from which the managed roles now and after the plan are derived.
     */
    void setProposal(const moderation::Proposal &proposal, const QHash<quint64, QString> &roleNames,
                     const QHash<quint64, QList<quint64>> &memberRoles);
    void clear();
    //! Shows one change's push outcome (live during a push).
    void setOutcome(const moderation::ChangeOutcome &outcome);
    void clearOutcomes();
    //! Outcome text of a change ("applied", ...), empty when none is known.
    QString outcomeOf(int changeIndex) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row
    {
        moderation::Change change;
        QString now, after;
        QString outcome, detail;
    };
    QList<Row> m_rows;
};

} // namespace gavel::ui
