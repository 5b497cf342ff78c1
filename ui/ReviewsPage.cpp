#include "ReviewsPage.h"

#include "ExportActions.h"
#include "ProposalChangeModel.h"
#include "ProposalListModel.h"
#include "ProposalNoteDialog.h"
#include "common/Snowflake.h"
#include "discord/KeychainTokenSource.h"
#include "store/Database.h"
#include "store/SqlValue.h"

#include <QAction>
#include <QDateTime>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QSqlQuery>
#include <QTableView>
#include <QThread>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace gavel::ui {

namespace sql = store::sql;

//! One reading of the guild's moderation tables.
struct ReviewsPage::Loaded
{
    QList<ProposalRow> rows;
    QHash<quint64, QString> roleNames;
    QHash<quint64, QList<quint64>> memberRoles;
    QList<moderation::Reviewer> team;
};

namespace {

QString when(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(),
                              QLocale::ShortFormat);
}

QTableView *makeTable(QWidget *parent, const QString &name)
{
    auto *view = new QTableView(parent);
    view->setAccessibleName(name);
    view->setSortingEnabled(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

QLabel *makeText(QWidget *parent)
{
    auto *label = new QLabel(parent);
    // Names, notes and reasons are typed by people and synced from Discord.
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

} // namespace

ReviewsPage::ReviewsPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new ProposalListModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_list(makeTable(this, tr("Proposals")))
    , m_emptyNote(makeText(this))
    , m_summary(makeText(this))
    , m_notice(makeText(this))
    , m_changes(new ProposalChangeModel(this))
    , m_changeProxy(new QSortFilterProxyModel(this))
    , m_changeView(makeTable(this, tr("Role changes of the proposal")))
    , m_decisions(makeText(this))
    , m_approve(new QPushButton(tr("A&pprove…"), this))
    , m_reject(new QPushButton(tr("&Reject…"), this))
    , m_push(new QPushButton(tr("P&ush…"), this))
    , m_cancel(new QPushButton(tr("&Cancel push"), this))
    , m_openAudit(new QPushButton(tr("Open &audit"), this))
    , m_export(new QPushButton(tr("E&xport evidence…"), this))
    , m_refresh(new QPushButton(tr("Re&load"), this))
    , m_progress(new QProgressBar(this))
    , m_message(makeText(this))
{
    setObjectName(u"reviewsPage"_s);
    // One worker: reads and decisions run in the order they were asked for.
    m_pool.setMaxThreadCount(1);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ProposalListModel::SortRole);
    m_list->setModel(m_proxy);
    m_list->sortByColumn(ProposalListModel::Id, Qt::DescendingOrder);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (!current.isValid() || isPushing())
                    return;
                const ProposalRow *row = m_model->rowAt(m_proxy->mapToSource(current).row());
                m_current = row ? row->proposal.id : 0;
                showCurrent();
            });
    m_emptyNote->setText(
        tr("No proposals for this guild yet. A moderator makes one with gavel propose (from a "
           "policy or hand-picked changes) or with Save as proposal on the Policies page; it "
           "then waits here for another reviewer's approval."));
    m_emptyNote->hide();

    m_changeProxy->setSourceModel(m_changes);
    m_changeProxy->setSortRole(ProposalChangeModel::SortRole);
    m_changeView->setModel(m_changeProxy);
    m_changeView->sortByColumn(ProposalChangeModel::Index, Qt::AscendingOrder);
    m_changeView->setToolTip(tr("Double-click a member to open their audit"));
    connect(m_changeView, &QTableView::doubleClicked, this, &ReviewsPage::openSelectedAudit);
    connect(m_changeView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ReviewsPage::updateButtons);

    m_approve->setToolTip(tr("Approve the selected proposal with a note"));
    m_reject->setToolTip(
        tr("Reject the selected proposal with a note; any rejection blocks it. The proposer's "
           "own rejection withdraws it."));
    m_push->setToolTip(tr("Apply the approved proposal to Discord, change by change"));
    m_cancel->setToolTip(
        tr("Stop after the change in flight; pushing again resumes where it stopped"));
    m_openAudit->setToolTip(tr("Open the audit of the selected member"));
    m_refresh->setToolTip(tr("Read the proposals again, with other reviewers' decisions"));
    connect(m_approve, &QPushButton::clicked, this, [this] { askDecision(true); });
    connect(m_reject, &QPushButton::clicked, this, [this] { askDecision(false); });
    connect(m_push, &QPushButton::clicked, this, &ReviewsPage::askPush);
    connect(m_cancel, &QPushButton::clicked, this, &ReviewsPage::cancelPush);
    connect(m_openAudit, &QPushButton::clicked, this, &ReviewsPage::openSelectedAudit);
    connect(m_refresh, &QPushButton::clicked, this, &ReviewsPage::reload);
    m_cancel->hide();
    m_progress->hide();
    m_progress->setAccessibleName(tr("Push progress"));
    m_summary->setAccessibleName(tr("Proposal summary"));
    m_notice->setAccessibleName(tr("Why the proposal cannot be pushed"));
    m_decisions->setAccessibleName(tr("Decisions"));
    m_message->setAccessibleName(tr("Result"));

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *listLabel = new QLabel(tr("Pro&posals"), left);
    listLabel->setBuddy(m_list);
    auto *listHeader = new QHBoxLayout;
    listHeader->addWidget(listLabel, 1);
    listHeader->addWidget(m_refresh);
    leftLayout->addLayout(listHeader);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(m_emptyNote);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_summary);
    rightLayout->addWidget(m_notice);
    auto *changesLabel = new QLabel(tr("Role c&hanges"), right);
    changesLabel->setBuddy(m_changeView);
    rightLayout->addWidget(changesLabel);
    rightLayout->addWidget(m_changeView, 1);
    rightLayout->addWidget(m_decisions);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_approve, m_reject, m_push, m_cancel})
        buttons->addWidget(b);
    buttons->addStretch(1);
    buttons->addWidget(m_openAudit);
    buttons->addWidget(m_export);
    rightLayout->addLayout(buttons);
    rightLayout->addWidget(m_progress);
    rightLayout->addWidget(m_message);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({440, 840});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    showCurrent();
}

ReviewsPage::~ReviewsPage()
{
    if (m_pushThread) {
        m_stop->store(true);
        m_pushThread->wait();
    }
    ++m_generation;
    m_pool.waitForDone();
}

template<typename T>
void ReviewsPage::runDb(std::function<Result<T>(store::Database &)> work,
                        std::function<void(const Result<T> &)> done)
{
    using Shared = std::shared_ptr<Result<T>>;
    const store::Location location = m_location;
    const int generation = m_generation;
    auto *watcher = new QFutureWatcher<Shared>(this);
    connect(watcher, &QFutureWatcher<Shared>::finished, this, [this, watcher, generation, done] {
        watcher->deleteLater();
        // A guild opened or closed since: the answer is about something no longer shown.
        if (generation == m_generation)
            done(*watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(&m_pool, [location, work]() -> Shared {
        auto db = store::Database::open(location);
        if (!db)
            return std::make_shared<Result<T>>(db.error());
        return std::make_shared<Result<T>>(work(**db));
    }));
}

void ReviewsPage::openGuild(const store::Location &location, quint64 guildId)
{
    closeGuild();
    m_location = location;
    m_guildId = guildId;
    m_exportActions = new ExportActions(location.display(), guildId, this);
    m_export->setToolTip(
        tr("Write the evidence package of the selected proposal (CSV files and a manifest)"));
    connect(m_export, &QPushButton::clicked, m_exportActions, &ExportActions::exportEvidence);
    connect(m_exportActions, &ExportActions::finished, this,
            [this](bool ok, const QString &message) { showMessage(message, !ok); });
    reload();
}

void ReviewsPage::closeGuild()
{
    if (m_pushThread)
        cancelPush();
    ++m_generation;
    m_guildId = 0;
    m_current = 0;
    m_model->setRows({});
    m_changes->clear();
    if (m_exportActions) {
        m_export->disconnect(m_exportActions);
        m_exportActions->deleteLater();
        m_exportActions = nullptr;
    }
    m_message->clear();
    showCurrent();
}

void ReviewsPage::setPushTarget(const QUrl &api, std::shared_ptr<const discord::TokenSource> token)
{
    m_api = api;
    m_token = std::move(token);
}

void ReviewsPage::reload()
{
    if (m_guildId == 0)
        return;
    const quint64 guild = m_guildId;
    runDb<Loaded>(
        [guild](store::Database &db) -> Result<Loaded> {
            Loaded loaded;
            auto list = moderation::listProposals(db, guild);
            if (!list)
                return list.error();
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            for (const moderation::Proposal &p : *list) {
                auto status = moderation::proposalStatus(db, p, now);
                if (!status)
                    return status.error();
                loaded.rows.append(ProposalRow{p, *status});
            }
            Result<void> read = db.forEachRow(u"SELECT id, name FROM roles WHERE guild_id = ?"_s,
                                              {sql::id(guild)}, [&](const QSqlQuery &q) {
                                                  loaded.roleNames.insert(sql::toId(q.value(0)),
                                                                          sql::toText(q.value(1)));
                                              });
            if (!read)
                return read.error();
            read = db.forEachRow(u"SELECT user_id, role_id FROM member_roles WHERE guild_id = ?"_s,
                                 {sql::id(guild)}, [&](const QSqlQuery &q) {
                                     loaded.memberRoles[sql::toId(q.value(0))].append(
                                         sql::toId(q.value(1)));
                                 });
            if (!read)
                return read.error();
            auto team = moderation::reviewers(db);
            if (!team)
                return team.error();
            loaded.team = *team;
            return loaded;
        },
        [this](const Result<Loaded> &loaded) {
            if (!loaded) {
                showMessage(tr("Reading the proposals failed: %1").arg(loaded.error().text()),
                            true);
            } else {
                applyLoaded(*loaded);
            }
            Q_EMIT reloaded();
        });
}

void ReviewsPage::applyLoaded(const Loaded &loaded)
{
    m_roleNames = loaded.roleNames;
    m_memberRoles = loaded.memberRoles;
    m_team = loaded.team;
    const qint64 keep = m_current;
    m_model->setRows(loaded.rows);
    m_list->resizeColumnsToContents();
    m_emptyNote->setVisible(loaded.rows.isEmpty());
    if (!selectProposal(keep)) {
        if (m_proxy->rowCount() > 0) {
            m_list->setCurrentIndex(m_proxy->index(0, 0));
        } else {
            m_current = 0;
            showCurrent();
        }
    }
}

bool ReviewsPage::selectProposal(qint64 proposalId)
{
    const int row = m_model->rowOf(proposalId);
    if (row < 0)
        return false;
    m_current = proposalId;
    m_list->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)));
    showCurrent();
    return true;
}

void ReviewsPage::showCurrent()
{
    const ProposalRow *row = m_model->rowAt(m_model->rowOf(m_current));
    if (!row) {
        m_summary->setText(m_guildId == 0 ? tr("Open a guild to see its proposals.")
                                          : tr("Select a proposal to see its changes."));
        m_notice->hide();
        m_decisions->clear();
        m_changes->clear();
        if (m_exportActions)
            m_exportActions->setSubject(std::nullopt);
        updateButtons();
        return;
    }
    const moderation::Proposal &p = row->proposal;
    const moderation::ProposalStatus &s = row->status;
    QStringList summary;
    summary.append(
        tr("Proposal %1: %2").arg(p.id).arg(p.title.isEmpty() ? tr("(untitled)") : p.title));
    summary.append(tr("State: %1 — %2 of %3 approvals")
                       .arg(proposalStateText(s))
                       .arg(s.approvals)
                       .arg(s.required));
    summary.append(tr("Proposed by %1 on %2; expires %3")
                       .arg(p.proposer, when(p.createdAt), when(p.expiresAt)));
    if (!p.policyName.isEmpty() || !p.policyHash.isEmpty())
        summary.append(tr("Policy: %1 (%2)").arg(p.policyName, p.policyHash.left(19)));
    summary.append(tr("Data up to %1").arg(when(p.windowUntil)));
    summary.append(p.evidence.isEmpty() ? tr("Evidence: none referenced")
                                        : tr("Evidence: %1").arg(p.evidence));
    m_summary->setText(summary.join(u'\n'));

    QStringList notice;
    if (s.stale)
        notice.append(tr("Stale: the guild's data changed since the proposal was made (%1). "
                         "Make a new proposal from fresh data.")
                          .arg(s.changedData.join(u"; "_s)));
    if (!s.tampering.isEmpty())
        notice.append(tr("Tampered: the proposal in the database no longer matches its audit "
                         "record (%1). It will not be pushed.")
                          .arg(s.tampering.join(u"; "_s)));
    if (!s.pushRefusal.isEmpty() && !s.stale && s.tampering.isEmpty())
        notice.append(tr("Not pushable: %1").arg(s.pushRefusal));
    if (!s.ignoredDecisions.isEmpty())
        notice.append(tr("Not counted: %1").arg(s.ignoredDecisions.join(u"; "_s)));
    m_notice->setText(notice.join(u'\n'));
    m_notice->setVisible(!notice.isEmpty());

    QStringList decisions;
    for (const moderation::Decision &d : s.decisions) {
        const QString line = d.approve ? tr("%1 approved on %2").arg(d.reviewer, when(d.at))
                                       : tr("%1 rejected on %2").arg(d.reviewer, when(d.at));
        decisions.append(d.note.isEmpty() ? line : tr("%1: %2").arg(line, d.note));
    }
    if (!s.waitingFor.isEmpty())
        decisions.append(tr("Waiting for %1").arg(s.waitingFor.join(u", "_s)));
    m_decisions->setText(decisions.isEmpty() ? tr("No decisions yet.")
                                             : tr("Decisions:\n%1").arg(decisions.join(u'\n')));

    if (!isPushing()) {
        m_changes->setProposal(p, m_roleNames, m_memberRoles);
        if (p.id == m_outcomesOf) {
            for (const moderation::ChangeOutcome &o : std::as_const(m_outcomes))
                m_changes->setOutcome(o);
        }
        m_changeView->resizeColumnsToContents();
        // Reasons can be long; the last column stretches, the others stay readable.
        for (int c = 0; c < ProposalChangeModel::Outcome; ++c)
            m_changeView->setColumnWidth(c, std::min(m_changeView->columnWidth(c), 220));
    }
    if (m_exportActions)
        m_exportActions->setSubject(report::Subject{report::SubjectKind::Proposal, quint64(p.id)});
    updateButtons();
}

void ReviewsPage::updateButtons()
{
    const ProposalRow *row = m_model->rowAt(m_model->rowOf(m_current));
    const bool busy = isPushing();
    const QString state = row ? row->status.state : QString();
    const bool decidable = row && (state == u"open" || state == u"approved");
    m_approve->setEnabled(!busy && decidable && !row->status.stale);
    m_reject->setEnabled(!busy && decidable);
    m_push->setEnabled(!busy && row && row->status.pushRefusal.isEmpty());
    m_push->setText(row && state == u"pushing" ? tr("Res&ume push…") : tr("P&ush…"));
    m_cancel->setVisible(busy);
    m_openAudit->setEnabled(m_changeView->currentIndex().isValid());
    m_export->setEnabled(row && m_exportActions);
    m_refresh->setEnabled(m_guildId != 0 && !busy);
}

QString ReviewsPage::message() const
{
    return m_message->text();
}

QString ReviewsPage::detailsText() const
{
    return QStringList{m_summary->text(), m_notice->text(), m_decisions->text()}.join(u'\n');
}

void ReviewsPage::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setAccessibleDescription(error ? tr("Error") : QString());
}

void ReviewsPage::askDecision(bool approve)
{
    const ProposalRow *row = m_model->rowAt(m_model->rowOf(m_current));
    if (!row)
        return;
    const qint64 id = row->proposal.id;
    const QString explanation =
        approve ? tr("Approve proposal %1 (%2 changes). The proposer cannot approve their own "
                     "proposal; your name, the note and your database login are recorded.")
                      .arg(id)
                      .arg(row->proposal.changes.size())
                : tr("Reject proposal %1. Any rejection blocks it for good. If you are its "
                     "proposer, this withdraws it instead.")
                      .arg(id);
    ProposalNoteDialog dialog(approve ? tr("Approve proposal %1").arg(id)
                                      : tr("Reject proposal %1").arg(id),
                              explanation, approve ? tr("Approve") : tr("Reject"), true, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    decide(approve, dialog.reviewer(), dialog.note());
}

void ReviewsPage::decide(bool approve, const QString &reviewer, const QString &note)
{
    const qint64 id = m_current;
    if (id == 0 || reviewer.isEmpty())
        return;
    ProposalNoteDialog::rememberReviewer(reviewer);
    showMessage(approve ? tr("Approving proposal %1…").arg(id)
                        : tr("Rejecting proposal %1…").arg(id),
                false);
    runDb<moderation::ProposalStatus>(
        [=](store::Database &db) {
            return moderation::decide(db, id, reviewer, approve, note,
                                      QDateTime::currentMSecsSinceEpoch());
        },
        [this, id, approve, reviewer](const Result<moderation::ProposalStatus> &status) {
            QString text;
            if (!status) {
                text = tr("Not recorded: %1").arg(status.error().text());
            } else if (status->state == u"withdrawn") {
                text = tr("Proposal %1 withdrawn by its proposer %2.").arg(id).arg(reviewer);
            } else {
                text = (approve ? tr("%1 approved proposal %2: %3 of %4 approvals, %5.")
                                : tr("%1 rejected proposal %2: %3 of %4 approvals, %5."))
                           .arg(reviewer)
                           .arg(id)
                           .arg(status->approvals)
                           .arg(status->required)
                           .arg(proposalStateText(*status));
            }
            showMessage(text, !status.ok());
            Q_EMIT decisionFinished(status.ok(), text);
            reload();
        });
}

void ReviewsPage::askPush()
{
    const ProposalRow *row = m_model->rowAt(m_model->rowOf(m_current));
    if (!row)
        return;
    const moderation::Proposal &p = row->proposal;
    ProposalNoteDialog dialog(
        tr("Push proposal %1").arg(p.id),
        tr("Apply %1 role changes of proposal %2 to Discord now, with the bot token of guild "
           "%3 (keychain, else GAVEL_TOKEN). Each change is journalled before it is sent, so "
           "a cancelled or interrupted push resumes later without applying anything twice. "
           "Only admins push; your name is recorded.")
            .arg(p.changes.size())
            .arg(p.id)
            .arg(snowflake::toString(p.guildId)),
        tr("Push"), false, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    push(dialog.reviewer());
}

void ReviewsPage::push(const QString &admin)
{
    if (isPushing() || m_current == 0)
        return;
    ProposalNoteDialog::rememberReviewer(admin);
    const ProposalRow *row = m_model->rowAt(m_model->rowOf(m_current));
    const int total = row ? int(row->proposal.changes.size()) : 0;
    m_pushing = m_current;
    m_pushDone = 0;
    m_stop = std::make_shared<std::atomic_bool>(false);
    m_changes->clearOutcomes();
    m_outcomesOf = m_pushing;
    m_outcomes.clear();
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v of %m changes"));
    m_progress->show();
    showMessage(tr("Pushing proposal %1…").arg(m_pushing), false);

    moderation::PushOptions options;
    options.api = m_api;
    options.actor = admin;
    options.token = m_token ? m_token : std::make_shared<discord::GuildTokenSource>(m_guildId);
    const std::shared_ptr<std::atomic_bool> stop = m_stop;
    options.stopRequested = [stop] { return stop->load(); };
    const store::Location location = m_location;
    const qint64 id = m_pushing;
    // A thread of its own with an event loop: the push drives the REST client in local event
    // loops, and may take minutes on a rate-limited guild while reads go on in the pool.
    m_pushThread = QThread::create([this, location, options, id] {
        Result<moderation::PushReport> report = Error{QString(), QString()};
        if (auto db = store::Database::open(location); !db) {
            report = db.error();
        } else {
            moderation::Push push(**db, options);
            report = push.run(id, [this](const moderation::ChangeOutcome &o) {
                QMetaObject::invokeMethod(
                    this, [this, o] { pushOutcome(o); }, Qt::QueuedConnection);
            });
        }
        auto shared = std::make_shared<Result<moderation::PushReport>>(std::move(report));
        QMetaObject::invokeMethod(
            this, [this, shared] { pushEnded(*shared); }, Qt::QueuedConnection);
    });
    m_pushThread->setObjectName(u"gavel-push"_s);
    m_pushThread->start();
    updateButtons();
}

void ReviewsPage::cancelPush()
{
    if (!m_stop)
        return;
    m_stop->store(true);
    m_cancel->setEnabled(false);
    showMessage(tr("Stopping after the change in flight…"), false);
}

void ReviewsPage::pushOutcome(const moderation::ChangeOutcome &outcome)
{
    m_outcomes.append(outcome);
    if (m_current == m_pushing)
        m_changes->setOutcome(outcome);
    m_progress->setValue(++m_pushDone);
}

void ReviewsPage::pushEnded(const Result<moderation::PushReport> &report)
{
    m_pushThread->wait();
    m_pushThread->deleteLater();
    m_pushThread = nullptr;
    m_cancel->setEnabled(true);
    m_progress->hide();
    QString text;
    bool ok = report.ok();
    if (!report) {
        text = tr("Push of proposal %1 failed: %2").arg(m_pushing).arg(report.error().text());
    } else {
        const moderation::PushReport &r = *report;
        text = tr("Proposal %1: %2 applied, %3 already so, %4 refused, %5 skipped, %6 failed.")
                   .arg(m_pushing)
                   .arg(r.applied)
                   .arg(r.already)
                   .arg(r.refused)
                   .arg(r.skipped)
                   .arg(r.failed);
        if (r.stopped) {
            text += u' ' + tr("Stopped after %1 of %2 changes; push again to resume.")
                               .arg(r.outcomes.size())
                               .arg(m_progress->maximum());
            ok = false;
        } else if (r.complete) {
            text += u' ' + tr("The guild's audit log confirms %1 of %2 applied changes.")
                               .arg(r.confirmed)
                               .arg(r.applied);
        } else {
            text += u' ' + tr("Push again to retry the failed changes.");
            ok = false;
        }
    }
    showMessage(text, !ok);
    Q_EMIT pushFinished(ok, text);
    // The outcomes stay visible: reloading rebuilds the table only after this push's state.
    const qint64 pushed = m_pushing;
    m_pushing = 0;
    m_current = pushed;
    reload();
}

void ReviewsPage::openSelectedAudit()
{
    const QModelIndex index = m_changeView->currentIndex();
    if (!index.isValid())
        return;
    Q_EMIT openAuditRequested(
        m_changeProxy->data(index, ProposalChangeModel::UserIdRole).value<quint64>());
}

} // namespace gavel::ui
