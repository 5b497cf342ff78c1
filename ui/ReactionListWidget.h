#pragma once

#include "ReactionTableModel.h"
#include "analysis/Audit.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace gavel::ui {

struct Analysis;

//! A filterable, sortable table of reactions whose message links open in the browser (double
//! click or Enter). Used for a pair's evidence and a member's reactions.
class ReactionListWidget : public QWidget
{
    Q_OBJECT

public:
    explicit ReactionListWidget(QWidget *parent = nullptr);

    ReactionTableModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }

    //! The counted reactions (under the analysis' filter) between two members, both directions:
    //! direction 0 is a → b, 1 is b → a.
    static std::vector<ReactionTableModel::Row> pairRows(const Analysis &analysis, history::Index a,
                                                         history::Index b);
    //! The counted reactions a member gave (direction 0) and received (direction 1).
    static std::vector<ReactionTableModel::Row> memberRows(const Analysis &analysis,
                                                           history::Index user);
    //! Every reaction of an audit (counted or not, with the reason), given then received.
    static std::vector<ReactionTableModel::Row> auditRows(const analysis::Audit &audit);

Q_SIGNALS:
    void linkOpened(const QUrl &url);

private:
    void openCurrent();
    void updateSummary();

    ReactionTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QTableView *m_view;
    QLabel *m_summary;
};

} // namespace gavel::ui
