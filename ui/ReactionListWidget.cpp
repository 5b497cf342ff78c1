#include "ReactionListWidget.h"

#include "InvestigationSession.h"

#include <QDesktopServices>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

#include <functional>

namespace gavel::ui {

namespace {
//! Enter on a row opens its message, like a double click.
class ReactionTableView : public QTableView
{
public:
    using QTableView::QTableView;
    std::function<void()> onEnter;

protected:
    void keyPressEvent(QKeyEvent *event) override
    {
        if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && onEnter) {
            onEnter();
            return;
        }
        QTableView::keyPressEvent(event);
    }
};
} // namespace

ReactionListWidget::ReactionListWidget(QWidget *parent)
    : QWidget(parent)
    , m_model(new ReactionTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_summary(new QLabel(this))
{
    auto *view = new ReactionTableView(this);
    m_view = view;
    view->onEnter = [this] { openCurrent(); };
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ReactionTableModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setPlaceholderText(tr("Filter by name, channel, emoji or date…"));
    m_filter->setAccessibleName(tr("Filter reactions"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        updateSummary();
    });
    m_view->setModel(m_proxy);
    m_view->setAccessibleName(tr("Reactions"));
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ReactionTableModel::Time, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->setWordWrap(false);
    connect(m_view, &QTableView::doubleClicked, this, [this] { openCurrent(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateSummary();
        m_view->resizeColumnsToContents();
        // One long channel or display name must not push the emoji and the link off-screen.
        for (int c = 0; c < m_model->columnCount(); ++c)
            m_view->setColumnWidth(c, qMin(m_view->columnWidth(c), 170));
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_summary);
    updateSummary();
}

void ReactionListWidget::openCurrent()
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid())
        return;
    const QUrl url = index.data(ReactionTableModel::LinkRole).toUrl();
    if (!url.isValid())
        return;
    Q_EMIT linkOpened(url);
    QDesktopServices::openUrl(url);
}

void ReactionListWidget::updateSummary()
{
    const QLocale locale;
    m_summary->setText(
        m_proxy->rowCount() == m_model->rowCount()
            ? tr("%1 reactions").arg(locale.toString(m_model->rowCount()))
            : tr("%1 of %2 reactions shown")
                  .arg(locale.toString(m_proxy->rowCount()), locale.toString(m_model->rowCount())));
}

std::vector<ReactionTableModel::Row>
ReactionListWidget::pairRows(const Analysis &analysis, history::Index a, history::Index b)
{
    std::vector<ReactionTableModel::Row> rows;
    const auto &reactions = analysis.history->reactions;
    for (const history::Index k : analysis.matrix.counted()) {
        const history::Reaction &r = reactions[k];
        if (r.reactor == a && r.author == b)
            rows.push_back({k, 0, {}});
        else if (r.reactor == b && r.author == a)
            rows.push_back({k, 1, {}});
    }
    return rows;
}

std::vector<ReactionTableModel::Row> ReactionListWidget::memberRows(const Analysis &analysis,
                                                                    history::Index user)
{
    std::vector<ReactionTableModel::Row> rows;
    const auto &reactions = analysis.history->reactions;
    for (const history::Index k : analysis.matrix.counted()) {
        const history::Reaction &r = reactions[k];
        if (r.reactor == user)
            rows.push_back({k, 0, {}});
        else if (r.author == user)
            rows.push_back({k, 1, {}});
    }
    return rows;
}

} // namespace gavel::ui

namespace gavel::ui {

std::vector<ReactionTableModel::Row> ReactionListWidget::auditRows(const analysis::Audit &audit)
{
    std::vector<ReactionTableModel::Row> rows;
    rows.reserve(audit.given.size() + audit.received.size());
    for (const analysis::AuditReaction &r : audit.given)
        rows.push_back({r.reaction, 0, r.counted ? QString() : r.reason});
    for (const analysis::AuditReaction &r : audit.received)
        rows.push_back({r.reaction, 1, r.counted ? QString() : r.reason});
    return rows;
}

} // namespace gavel::ui
