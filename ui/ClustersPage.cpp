#include "ClustersPage.h"

#include "ClusterGraphView.h"
#include "ClusterListModel.h"
#include "ProposalNoteDialog.h"
#include "store/Database.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace gavel::ui {

ClustersPage::ClustersPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new ClusterListModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_list(new QTableView(this))
    , m_emptyNote(new QLabel(this))
    , m_evidence(new QTextBrowser(this))
    , m_members(new QTableWidget(this))
    , m_openAudit(new QPushButton(tr("Open &audit"), this))
    , m_markReviewed(new QPushButton(tr("Mark re&viewed…"), this))
    , m_dismiss(new QPushButton(tr("&Dismiss…"), this))
    , m_markMessage(new QLabel(this))
    , m_graph(new ClusterGraphView(this))
{
    setObjectName(QStringLiteral("clustersPage"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ClusterListModel::SortRole);
    m_list->setModel(m_proxy);
    m_list->setAccessibleName(tr("Flagged clusters"));
    m_list->setSortingEnabled(true);
    m_list->sortByColumn(ClusterListModel::Id, Qt::AscendingOrder);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->verticalHeader()->hide();
    m_list->horizontalHeader()->setStretchLastSection(true);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    showRow(m_proxy->mapToSource(current).row());
            });

    m_emptyNote->setWordWrap(true);
    m_emptyNote->setText(
        tr("No ring or alt family is flagged under the current filter. Detection flags groups "
           "whose members react mostly to each other far beyond what the rest of the guild "
           "gives them, and young accounts that serve one master; widen the time window or the "
           "channels if you expected one."));
    m_emptyNote->hide();

    m_evidence->setAccessibleName(tr("Cluster evidence"));
    m_members->setAccessibleName(tr("Cluster members"));
    m_members->setColumnCount(2);
    m_members->setHorizontalHeaderLabels({tr("Member"), tr("Evidence")});
    m_members->verticalHeader()->hide();
    m_members->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_members->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_members->setSelectionMode(QAbstractItemView::SingleSelection);
    m_members->setWordWrap(true);
    m_members->horizontalHeader()->setStretchLastSection(true);
    m_members->setToolTip(tr("Double-click or press Open audit to audit a member"));
    connect(m_members, &QTableWidget::cellDoubleClicked, this, &ClustersPage::openSelectedAudit);
    connect(m_openAudit, &QPushButton::clicked, this, &ClustersPage::openSelectedAudit);
    m_openAudit->setEnabled(false);
    connect(m_members, &QTableWidget::currentCellChanged, this,
            [this](int row) { m_openAudit->setEnabled(row >= 0); });

    m_markReviewed->setToolTip(
        tr("Record that you checked this cluster, with a note the other reviewers see"));
    m_dismiss->setToolTip(
        tr("Record that this cluster is not cheating (a false alarm), with a note the other "
           "reviewers see"));
    connect(m_markReviewed, &QPushButton::clicked, this, [this] { askMark(u"reviewed"_s); });
    connect(m_dismiss, &QPushButton::clicked, this, [this] { askMark(u"dismissed"_s); });
    m_markMessage->setTextFormat(Qt::PlainText);
    m_markMessage->setWordWrap(true);
    m_markMessage->setAccessibleName(tr("Review mark result"));
    updateMarkButtons();

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *listLabel = new QLabel(tr("Flagged &clusters"), left);
    listLabel->setBuddy(m_list);
    leftLayout->addWidget(listLabel);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(m_emptyNote);
    leftLayout->addWidget(m_graph, 1);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto *evidenceLabel = new QLabel(tr("&Evidence"), right);
    evidenceLabel->setBuddy(m_evidence);
    rightLayout->addWidget(evidenceLabel);
    rightLayout->addWidget(m_evidence, 1);
    auto *marks = new QHBoxLayout;
    marks->addWidget(m_markReviewed);
    marks->addWidget(m_dismiss);
    marks->addStretch(1);
    rightLayout->addLayout(marks);
    rightLayout->addWidget(m_markMessage);
    auto *membersLabel = new QLabel(tr("Mem&bers"), right);
    membersLabel->setBuddy(m_members);
    rightLayout->addWidget(membersLabel);
    rightLayout->addWidget(m_members, 2);
    rightLayout->addWidget(m_openAudit, 0, Qt::AlignRight);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setSizes({480, 520});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
}

void ClustersPage::setAnalysis(std::shared_ptr<const Analysis> analysis)
{
    const int previous = m_current;
    m_analysis = analysis;
    m_model->setAnalysis(std::move(analysis));
    m_list->resizeColumnsToContents();
    m_emptyNote->setVisible(m_model->rowCount() == 0);
    m_current = 0;
    if (!showCluster(previous)) {
        if (m_proxy->rowCount() > 0)
            m_list->setCurrentIndex(m_proxy->index(0, 0));
        else
            showRow(-1);
    }
}

void ClustersPage::setDatabase(const store::Location &location, quint64 guildId)
{
    m_location = location;
    m_guildId = guildId;
    ++m_reviewGeneration;
    m_model->setReviews({});
    m_markMessage->clear();
    reloadReviews();
    updateMarkButtons();
}

void ClustersPage::reloadReviews()
{
    if (m_guildId == 0)
        return;
    using Reviews = Result<QList<moderation::ClusterReview>>;
    const store::Location location = m_location;
    const quint64 guild = m_guildId;
    const int generation = m_reviewGeneration;
    auto *watcher = new QFutureWatcher<std::shared_ptr<Reviews>>(this);
    connect(watcher, &QFutureWatcher<std::shared_ptr<Reviews>>::finished, this,
            [this, watcher, generation] {
                watcher->deleteLater();
                if (generation != m_reviewGeneration)
                    return;
                const Reviews &reviews = *watcher->result();
                if (!reviews) {
                    m_markMessage->setText(
                        tr("Reading the review marks failed: %1").arg(reviews.error().text()));
                } else {
                    m_model->setReviews(*reviews);
                    m_list->resizeColumnToContents(ClusterListModel::Verdict);
                    showRow(m_model->rowOf(m_current));
                }
                Q_EMIT reviewsLoaded();
            });
    watcher->setFuture(QtConcurrent::run([location, guild]() -> std::shared_ptr<Reviews> {
        auto db = store::Database::open(location);
        if (!db)
            return std::make_shared<Reviews>(db.error());
        return std::make_shared<Reviews>(moderation::clusterReviews(**db, guild));
    }));
}

void ClustersPage::askMark(const QString &state)
{
    const analysis::Cluster *c = m_model->clusterAt(m_model->rowOf(m_current));
    if (!c)
        return;
    const bool dismiss = state == u"dismissed";
    ProposalNoteDialog dialog(
        dismiss ? tr("Dismiss cluster %1").arg(c->id) : tr("Mark cluster %1 reviewed").arg(c->id),
        dismiss ? tr("Record that cluster %1 is a false alarm. Your name and the note are kept "
                     "in the database and shown to every reviewer, also when the same members "
                     "are found again.")
                      .arg(c->id)
                : tr("Record that you reviewed cluster %1. Your name and the note are kept in the "
                     "database and shown to every reviewer.")
                      .arg(c->id),
        dismiss ? tr("Dismiss") : tr("Mark reviewed"), true, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    markCluster(state, dialog.reviewer(), dialog.note());
}

void ClustersPage::markCluster(const QString &state, const QString &reviewer, const QString &note)
{
    const analysis::Cluster *c = m_model->clusterAt(m_model->rowOf(m_current));
    if (!c || m_guildId == 0 || reviewer.isEmpty())
        return;
    ProposalNoteDialog::rememberReviewer(reviewer);
    QList<quint64> ids;
    for (const Index u : c->members)
        ids.append(m_analysis->history->users[u].id);
    const QString kind = c->kind == analysis::ClusterKind::Ring ? u"ring"_s : u"alt-family"_s;
    const store::Location location = m_location;
    const quint64 guild = m_guildId;
    const int generation = m_reviewGeneration;
    const int clusterId = c->id;
    using Marked = Result<moderation::ClusterReview>;
    auto *watcher = new QFutureWatcher<std::shared_ptr<Marked>>(this);
    connect(watcher, &QFutureWatcher<std::shared_ptr<Marked>>::finished, this,
            [this, watcher, generation, clusterId] {
                watcher->deleteLater();
                if (generation != m_reviewGeneration)
                    return;
                const Marked &marked = *watcher->result();
                const QString text = marked ? tr("Cluster %1: %2")
                                                  .arg(clusterId)
                                                  .arg(ClusterListModel::verdictText(*marked))
                                            : tr("Not recorded: %1").arg(marked.error().text());
                m_markMessage->setText(text);
                Q_EMIT markFinished(marked.ok(), text);
                reloadReviews();
            });
    watcher->setFuture(QtConcurrent::run([=]() -> std::shared_ptr<Marked> {
        auto db = store::Database::open(location);
        if (!db)
            return std::make_shared<Marked>(db.error());
        return std::make_shared<Marked>(moderation::recordClusterReview(
            **db, guild, ids, kind, state, note, reviewer, QDateTime::currentMSecsSinceEpoch()));
    }));
}

QString ClustersPage::evidenceText() const
{
    return m_evidence->toPlainText();
}

void ClustersPage::updateMarkButtons()
{
    const bool can = m_guildId != 0 && m_model->clusterAt(m_model->rowOf(m_current));
    m_markReviewed->setEnabled(can);
    m_dismiss->setEnabled(can);
}

bool ClustersPage::showCluster(int clusterId)
{
    const int row = m_model->rowOf(clusterId);
    if (row < 0)
        return false;
    m_list->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)));
    showRow(row);
    return true;
}

void ClustersPage::showRow(int row)
{
    const analysis::Cluster *c = m_model->clusterAt(row);
    m_members->clearContents();
    m_members->setRowCount(0);
    m_graph->setCluster(m_analysis, c);
    if (!c) {
        m_current = 0;
        m_evidence->clear();
        updateMarkButtons();
        return;
    }
    const bool changed = c->id != m_current;
    m_current = c->id;
    const QLocale locale;
    const history::History &h = *m_analysis->history;
    QString html =
        u"<h3>" +
        (c->kind == analysis::ClusterKind::Ring ? tr("Ring %1").arg(c->id)
                                                : tr("Alt family %1").arg(c->id)) +
        u"</h3><p>" +
        tr("Score %1 of 1; %2 members.")
            .arg(locale.toString(c->score, 'f', 2), locale.toString(qint64(c->members.size()))) +
        u"</p>";
    if (const auto review = m_model->reviewAt(row))
        html += u"<p><b>" + ClusterListModel::verdictText(*review).toHtmlEscaped() + u"</b></p>";
    html += u"<p>" + c->evidence.toHtmlEscaped() + u"</p>";
    if (c->kind == analysis::ClusterKind::Ring && !c->ring.members.empty()) {
        html += u"<p>" +
                tr("Internal share of received reactions %1, of given %2; mean internal "
                   "reciprocity %3; density %4; median dominance over the best outsider %5×.")
                    .arg(locale.toString(c->ring.internalShare * 100, 'f', 0) + u'%',
                         locale.toString(c->ring.givenInsideShare * 100, 'f', 0) + u'%',
                         locale.toString(c->ring.reciprocity, 'f', 2),
                         locale.toString(c->ring.density, 'f', 2),
                         locale.toString(c->ring.medianDominance, 'f', 1)) +
                u"</p>";
    }
    html += u"<p><i>" +
            tr("Detection flags people for review; it never acts by itself. Check the "
               "evidence of each member before drawing a conclusion.") +
            u"</i></p>";
    m_evidence->setHtml(html);

    m_members->setRowCount(int(c->members.size()));
    for (size_t i = 0; i < c->members.size(); ++i) {
        const Index u = c->members[i];
        QString name = h.users[u].displayName();
        if (u == c->master)
            name = tr("%1 (master)").arg(name);
        auto *item = new QTableWidgetItem(name);
        item->setData(Qt::UserRole, u);
        m_members->setItem(int(i), 0, item);
        m_members->setItem(int(i), 1,
                           new QTableWidgetItem(i < size_t(c->memberEvidence.size())
                                                    ? c->memberEvidence[qsizetype(i)]
                                                    : QString()));
    }
    m_members->resizeColumnToContents(0);
    m_members->resizeRowsToContents();
    m_openAudit->setEnabled(false);
    updateMarkButtons();
    if (changed)
        Q_EMIT clusterChosen(c->id);
}

void ClustersPage::openSelectedAudit()
{
    const int row = m_members->currentRow();
    if (row < 0 || !m_members->item(row, 0))
        return;
    Q_EMIT auditRequested(m_members->item(row, 0)->data(Qt::UserRole).value<Index>());
}

} // namespace gavel::ui
