#pragma once

#include "InvestigationSession.h"

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace gavel::ui {

class AuditPage;
class MemberListModel;

//! Member search (by name or user id) beside the chosen member's audit.
class MembersPage : public QWidget
{
    Q_OBJECT

public:
    explicit MembersPage(QWidget *parent = nullptr);

    void setAnalysis(std::shared_ptr<const Analysis> analysis);
    //! Filters the list and opens the member with that user id, else the first match.
    void search(const QString &text);
    void showMember(Index user);
    Index member() const;

    AuditPage *audit() const { return m_audit; }
    MemberListModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QLineEdit *searchEdit() const { return m_search; }

Q_SIGNALS:
    //! The user chose a member (navigation records it).
    void memberChosen(gavel::ui::Index user);

private:
    std::shared_ptr<const Analysis> m_analysis;
    MemberListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_search;
    QTableView *m_list;
    AuditPage *m_audit;
};

} // namespace gavel::ui
