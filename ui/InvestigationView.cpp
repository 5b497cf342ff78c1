#include "InvestigationView.h"

#include "AuditPage.h"
#include "ClustersPage.h"
#include "DashboardPage.h"
#include "MembersPage.h"
#include "PairEvidenceDialog.h"
#include "PoliciesPage.h"
#include "PolicyLibrary.h"
#include "ReviewsPage.h"
#include "heatmap/HeatmapPage.h"
#include "heatmap/HeatmapView.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWidgetAction>

#include <algorithm>

namespace gavel::ui {

namespace {
constexpr int categoryType = 4;
constexpr qint64 dayMs = 24LL * 3600 * 1000;

QDate utcDate(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).date();
}

qint64 utcMs(QDate date)
{
    return QDateTime(date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
}

int viewNumber(InvestigationViewKind view)
{
    return int(view);
}

constexpr int allChannels = -1;
const QString openPolicyItem = QStringLiteral("open:"); // the "Open policy file…" entry
} // namespace

InvestigationView::InvestigationView(QWidget *parent)
    : QWidget(parent)
    , m_session(new InvestigationSession(this))
    , m_back(new QToolButton(this))
    , m_forward(new QToolButton(this))
    , m_search(new QLineEdit(this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_channel(new QToolButton(this))
    , m_channelList(new QListWidget(this))
    , m_policy(new QComboBox(this))
    , m_wholeHistory(new QPushButton(tr("&Whole history"), this))
    , m_progress(new QProgressBar(this))
    , m_busyLabel(new QLabel(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_message(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_dashboard(new DashboardPage(m_stack))
    , m_heatmap(new HeatmapPage(m_stack))
    , m_clusters(new ClustersPage(m_stack))
    , m_members(new MembersPage(m_stack))
    , m_policies(new PoliciesPage(m_stack))
    , m_reviews(new ReviewsPage(m_stack))
    , m_filterTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("investigationView"));
    m_stack->addWidget(m_dashboard);
    m_stack->addWidget(m_heatmap);
    m_stack->addWidget(m_clusters);
    m_stack->addWidget(m_members);
    m_stack->addWidget(m_policies);
    m_stack->addWidget(m_reviews);
    createActions();

    auto *nav = new QHBoxLayout;
    m_back->setDefaultAction(m_backAction);
    m_forward->setDefaultAction(m_forwardAction);
    nav->addWidget(m_back);
    nav->addWidget(m_forward);
    nav->addSpacing(8);
    for (QAction *action : m_viewActions) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setAutoRaise(true);
        button->setFocusPolicy(Qt::TabFocus);
        nav->addWidget(button);
    }
    nav->addStretch();
    m_search->setPlaceholderText(tr("Find a member by name or id (Ctrl+F)"));
    m_search->setAccessibleName(tr("Find a member"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(260);
    connect(m_search, &QLineEdit::returnPressed, this, &InvestigationView::search);
    nav->addWidget(m_search);

    auto *filters = new QHBoxLayout;
    auto *fromLabel = new QLabel(tr("F&rom:"), this);
    fromLabel->setBuddy(m_from);
    auto *toLabel = new QLabel(tr("&to:"), this);
    toLabel->setBuddy(m_to);
    auto *channelLabel = new QLabel(tr("Channel&s:"), this);
    channelLabel->setBuddy(m_channel);
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setTimeSpec(Qt::UTC);
        connect(edit, &QDateEdit::dateChanged, this, &InvestigationView::filterControlsChanged);
    }
    m_from->setAccessibleName(tr("Time window start (UTC)"));
    m_to->setAccessibleName(tr("Time window end (UTC, included)"));
    // Several channels at once: a checkable list in the button's popup (a list keeps the popup
    // open while ticking, which a menu of checkable actions would close on every click).
    m_channel->setAccessibleName(tr("Channel filter"));
    m_channel->setToolTip(tr("Choose one or more channels or categories (their channels and "
                             "threads are included)"));
    m_channel->setPopupMode(QToolButton::InstantPopup);
    m_channel->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_channel->setMinimumWidth(180);
    auto *channelMenu = new QMenu(m_channel);
    auto *channelAction = new QWidgetAction(channelMenu);
    m_channelList->setAccessibleName(tr("Channels to include"));
    m_channelList->setMinimumSize(260, 280);
    channelAction->setDefaultWidget(m_channelList);
    channelMenu->addAction(channelAction);
    m_channel->setMenu(channelMenu);
    connect(channelMenu, &QMenu::aboutToShow, this,
            [this] { m_channelList->setFocus(Qt::PopupFocusReason); });
    connect(m_channelList, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (m_fillingFilter)
            return;
        m_fillingFilter = true;
        const bool all = item->data(Qt::UserRole).toInt() == allChannels;
        if (all && item->checkState() == Qt::Checked) {
            // "All channels" clears the selection.
            for (int i = 1; i < m_channelList->count(); ++i)
                m_channelList->item(i)->setCheckState(Qt::Unchecked);
        } else {
            bool any = false;
            for (int i = 1; i < m_channelList->count(); ++i)
                any = any || m_channelList->item(i)->checkState() == Qt::Checked;
            m_channelList->item(0)->setCheckState(any ? Qt::Unchecked : Qt::Checked);
        }
        m_fillingFilter = false;
        updateChannelButton();
        filterControlsChanged();
    });
    m_channel->setText(tr("All channels"));

    auto *policyLabel = new QLabel(tr("Polic&y:"), this);
    policyLabel->setBuddy(m_policy);
    m_policy->setAccessibleName(tr("Policy the views score and weigh by"));
    m_policy->setToolTip(tr("Raw counts, or a policy: its weights colour the heatmap, its scores "
                            "and levels appear in the members list, the dashboard and the audit"));
    m_policy->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_policy->addItem(tr("Raw counts (no policy)"), QString());
    for (const PolicyEntry &entry : shippedPolicies())
        m_policy->addItem(entry.title, entry.source);
    m_policy->insertSeparator(m_policy->count());
    m_policy->addItem(tr("Open policy file…"), openPolicyItem);
    connect(m_policy, &QComboBox::activated, this, &InvestigationView::policyChosen);

    m_wholeHistory->setToolTip(tr("Reset the time window and channel filter (the policy stays)"));
    connect(m_wholeHistory, &QPushButton::clicked, this, [this] {
        InvestigationFilter f;
        f.policy = m_chosenPolicy;
        f.policySource = m_chosenSource;
        applyFilter(f);
    });
    filters->addWidget(fromLabel);
    filters->addWidget(m_from);
    filters->addWidget(toLabel);
    filters->addWidget(m_to);
    filters->addSpacing(8);
    filters->addWidget(channelLabel);
    filters->addWidget(m_channel);
    filters->addWidget(m_wholeHistory);
    filters->addSpacing(8);
    filters->addWidget(policyLabel);
    filters->addWidget(m_policy);
    filters->addStretch();
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(120);
    m_progress->setAccessibleName(tr("Work in progress"));
    m_cancel->setToolTip(tr("Stop this computation and keep showing the previous results"));
    filters->addWidget(m_busyLabel);
    filters->addWidget(m_progress);
    filters->addWidget(m_cancel);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_session->cancel();
        fillFilterControls();
    });

    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->hide();
    m_busyLabel->setTextFormat(Qt::PlainText);
    // Long status texts (German, Japanese) are elided rather than widening the filter row, and
    // the label takes only the room the row has left: shown while loading, it set the window's
    // minimum width past 1,280 px at the very moment the window first appears.
    m_busyLabel->setMaximumWidth(320);
    m_busyLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_message->setAccessibleName(tr("Error"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addLayout(nav);
    layout->addLayout(filters);
    layout->addWidget(m_message);
    layout->addWidget(m_stack, 1);

    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(400); // the user may still be stepping through dates
    connect(m_filterTimer, &QTimer::timeout, this,
            [this] { m_session->setFilter(filterFromControls()); });

    connect(m_session, &InvestigationSession::busyChanged, this, &InvestigationView::onBusyChanged);
    connect(m_session, &InvestigationSession::historyLoaded, this, [this] {
        const auto h = m_session->history();
        m_dataFirst = h->messages.empty() ? 0 : h->messages.front().createdAt;
        m_dataLast = h->messages.empty() ? 0 : h->messages.back().createdAt;
        fillFilterControls();
        updateStatus();
    });
    connect(m_session, &InvestigationSession::analysisChanged, this,
            &InvestigationView::onAnalysisChanged);
    connect(m_session, &InvestigationSession::failed, this, [this](const QString &message) {
        m_message->setText(tr("Could not load the guild: %1").arg(message));
        m_message->show();
    });

    connect(m_heatmap, &HeatmapPage::pairActivated, this, &InvestigationView::openPairEvidence);
    connect(m_clusters, &ClustersPage::auditRequested, this, &InvestigationView::openAudit);
    connect(m_clusters, &ClustersPage::clusterChosen, this, [this](int id) {
        if (!m_restoring && currentView() == InvestigationViewKind::Clusters)
            m_history.replaceCurrent({InvestigationViewKind::Clusters, NoIndex, id});
    });
    connect(m_members, &MembersPage::memberChosen, this, [this](Index user) {
        if (!m_restoring && currentView() == InvestigationViewKind::Members)
            m_history.replaceCurrent({InvestigationViewKind::Members, user, 0});
    });
    connect(m_members->audit(), &AuditPage::pairRequested, this,
            &InvestigationView::openPairEvidence);
    connect(m_members->audit(), &AuditPage::clusterRequested, this,
            &InvestigationView::openCluster);
    connect(m_dashboard, &DashboardPage::clusterRequested, this, &InvestigationView::openCluster);
    connect(m_policies, &PoliciesPage::auditRequested, this, &InvestigationView::openAudit);
    connect(m_reviews, &ReviewsPage::openAuditRequested, this, [this](quint64 userId) {
        const auto h = m_session->history();
        const Index user = h ? h->userIndex(userId) : NoIndex;
        if (user != NoIndex)
            openAudit(user);
    });

    onBusyChanged(false, {});
    setEnabled(false);
}

InvestigationView::~InvestigationView() = default;

void InvestigationView::createActions()
{
    m_backAction = new QAction(tr("Back"), this);
    m_backAction->setShortcut(QKeySequence::Back);
    m_backAction->setToolTip(
        tr("Back (%1)").arg(m_backAction->shortcut().toString(QKeySequence::NativeText)));
    m_backAction->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    connect(m_backAction, &QAction::triggered, this, &InvestigationView::goBack);
    m_forwardAction = new QAction(tr("Forward"), this);
    m_forwardAction->setShortcut(QKeySequence::Forward);
    m_forwardAction->setToolTip(
        tr("Forward (%1)").arg(m_forwardAction->shortcut().toString(QKeySequence::NativeText)));
    m_forwardAction->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    connect(m_forwardAction, &QAction::triggered, this, &InvestigationView::goForward);
    addAction(m_backAction);
    addAction(m_forwardAction);

    auto *group = new QActionGroup(this);
    const QStringList names{tr("Dashboard"), tr("Heatmap"),  tr("Clusters"),
                            tr("Members"),   tr("Policies"), tr("Reviews")};
    for (int i = 0; i < names.size(); ++i) {
        auto *action = new QAction(names[i], group);
        action->setCheckable(true);
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        action->setToolTip(
            tr("%1 (%2)").arg(names[i], action->shortcut().toString(QKeySequence::NativeText)));
        connect(action, &QAction::triggered, this,
                [this, i] { showView(InvestigationViewKind(i)); });
        addAction(action);
        m_viewActions.append(action);
    }
    m_searchAction = new QAction(tr("Find a Member"), this);
    m_searchAction->setShortcut(QKeySequence::Find);
    connect(m_searchAction, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    addAction(m_searchAction);
    updateNavigationButtons();
}

QList<QAction *> InvestigationView::navigationActions() const
{
    QList<QAction *> actions{m_backAction, m_forwardAction};
    actions += m_viewActions;
    actions.append(m_searchAction);
    return actions;
}

void InvestigationView::openGuild(const store::Location &location, quint64 guildId,
                                  qint64 lastSyncedMs)
{
    if (m_evidence)
        m_evidence->close();
    m_lastSyncedMs = lastSyncedMs;
    m_dataFirst = m_dataLast = 0;
    m_message->hide();
    m_history.clear();
    for (auto &a : m_pageAnalysis)
        a.reset();
    setEnabled(true);
    m_channelList->clear();
    m_session->open(location, guildId);
    m_policies->openGuild(m_session);
    m_reviews->openGuild(location, guildId);
    m_members->audit()->setDatabase(location, guildId);
    m_clusters->setDatabase(location, guildId);
    navigate({InvestigationViewKind::Dashboard});
    updateStatus();
}

void InvestigationView::closeGuild()
{
    if (m_evidence)
        m_evidence->close();
    m_session->cancel();
    m_policies->closeGuild();
    m_reviews->closeGuild();
    setEnabled(false);
}

QWidget *InvestigationView::page(InvestigationViewKind view) const
{
    switch (view) {
    case InvestigationViewKind::Dashboard:
        return m_dashboard;
    case InvestigationViewKind::Heatmap:
        return m_heatmap;
    case InvestigationViewKind::Clusters:
        return m_clusters;
    case InvestigationViewKind::Members:
        return m_members;
    case InvestigationViewKind::Policies:
        return m_policies;
    case InvestigationViewKind::Reviews:
        return m_reviews;
    }
    return m_dashboard;
}

std::shared_ptr<const Analysis> InvestigationView::pageAnalysis(InvestigationViewKind view) const
{
    return m_pageAnalysis[viewNumber(view)];
}

void InvestigationView::refreshPage(InvestigationViewKind view)
{
    const auto analysis = m_session->analysis();
    auto &given = m_pageAnalysis[viewNumber(view)];
    if (!analysis || given == analysis)
        return;
    given = analysis;
    switch (view) {
    case InvestigationViewKind::Dashboard:
        m_dashboard->setAnalysis(analysis);
        break;
    case InvestigationViewKind::Heatmap:
        m_heatmap->setAnalysis(analysis);
        break;
    case InvestigationViewKind::Clusters:
        m_clusters->setAnalysis(analysis);
        break;
    case InvestigationViewKind::Members:
        m_members->setAnalysis(analysis);
        break;
    case InvestigationViewKind::Policies:
        m_policies->setAnalysis(analysis);
        break;
    case InvestigationViewKind::Reviews:
        break; // the Reviews page reads the database itself
    }
}

void InvestigationView::navigate(const NavigationState &state)
{
    if (!m_restoring)
        m_history.visit(state);
    const bool restoring = m_restoring;
    m_restoring = true; // the pages' own signals must not record this move again
    m_stack->setCurrentWidget(page(state.view));
    m_viewActions[viewNumber(state.view)]->setChecked(true);
    refreshPage(state.view);
    if (state.view == InvestigationViewKind::Members && state.member != NoIndex)
        m_members->showMember(state.member);
    if (state.view == InvestigationViewKind::Clusters && state.cluster > 0)
        m_clusters->showCluster(state.cluster);
    m_restoring = restoring;
    updateNavigationButtons();
}

void InvestigationView::showView(InvestigationViewKind view)
{
    NavigationState state{view};
    // Coming back to a view shows what it showed last.
    if (view == InvestigationViewKind::Members)
        state.member = m_members->member();
    if (view == InvestigationViewKind::Clusters)
        state.cluster = m_clusters->currentCluster();
    navigate(state);
}

void InvestigationView::openAudit(Index user)
{
    navigate({InvestigationViewKind::Members, user, 0});
}

void InvestigationView::openCluster(int clusterId)
{
    navigate({InvestigationViewKind::Clusters, NoIndex, clusterId});
}

void InvestigationView::openPairEvidence(Index reactor, Index author)
{
    const auto analysis = m_session->analysis();
    if (!analysis)
        return;
    if (m_evidence)
        m_evidence->close();
    m_evidence = new PairEvidenceDialog(analysis, reactor, author, this);
    m_evidence->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_evidence, &PairEvidenceDialog::openAuditRequested, this,
            &InvestigationView::openAudit);
    m_evidence->show();
}

PairEvidenceDialog *InvestigationView::pairEvidence() const
{
    return m_evidence;
}

void InvestigationView::goBack()
{
    if (!m_history.canGoBack())
        return;
    m_restoring = true;
    navigate(m_history.back());
    m_restoring = false;
}

void InvestigationView::goForward()
{
    if (!m_history.canGoForward())
        return;
    m_restoring = true;
    navigate(m_history.forward());
    m_restoring = false;
}

void InvestigationView::updateNavigationButtons()
{
    m_backAction->setEnabled(m_history.canGoBack());
    m_forwardAction->setEnabled(m_history.canGoForward());
}

void InvestigationView::applyFilter(const InvestigationFilter &filter)
{
    m_filterTimer->stop();
    m_session->setFilter(filter);
    fillFilterControls();
}

void InvestigationView::onAnalysisChanged()
{
    const auto analysis = m_session->analysis();
    if (analysis && !analysis->policyError.isEmpty()) {
        m_message->setText(
            tr("The policy %1 cannot be applied to this guild, so the views show "
               "raw counts: %2")
                .arg(analysis->filter.policy ? policyTitle(*analysis->filter.policy) : QString(),
                     analysis->policyError));
        m_message->show();
    } else if (analysis) {
        m_message->hide();
    }
    refreshPage(currentView());
    fillFilterControls();
    updateStatus();
}

void InvestigationView::onBusyChanged(bool busy, const QString &text)
{
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    m_busyLabel->setVisible(busy);
    m_busyLabel->setText(
        m_busyLabel->fontMetrics().elidedText(text, Qt::ElideRight, m_busyLabel->maximumWidth()));
    m_busyLabel->setToolTip(text);
}

void InvestigationView::fillFilterControls()
{
    const auto h = m_session->history();
    if (!h)
        return;
    m_fillingFilter = true;
    const InvestigationFilter &f = m_session->filter();
    const QDate first = utcDate(m_dataFirst);
    const QDate last = utcDate(m_dataLast);
    for (QDateEdit *edit : {m_from, m_to})
        edit->setDateRange(first, last);
    m_from->setDate(f.since == NoTime ? first : utcDate(f.since));
    m_to->setDate(f.until == NoTime ? last : utcDate(f.until - 1));

    if (m_channelList->count() == 0) {
        auto *all = new QListWidgetItem(tr("All channels"), m_channelList);
        all->setData(Qt::UserRole, allChannels);
        all->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        // Categories with their channels beneath; threads are included with their channel.
        const auto addChannel = [&](Index c, int depth) {
            const history::Channel &ch = h->channels[c];
            const QString label = ch.type == categoryType
                                      ? tr("%1 (category)").arg(ch.name)
                                      : QString(QString(depth * 3, u' ') + u'#' + ch.name);
            auto *item = new QListWidgetItem(label, m_channelList);
            item->setData(Qt::UserRole, int(c));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        };
        for (Index c = 0; c < h->channels.size(); ++c) {
            const history::Channel &ch = h->channels[c];
            if (ch.parent != NoIndex)
                continue;
            addChannel(c, 0);
            if (ch.type != categoryType)
                continue;
            for (Index k = 0; k < h->channels.size(); ++k) {
                if (h->channels[k].parent == c)
                    addChannel(k, 1);
            }
        }
    }
    for (int i = 0; i < m_channelList->count(); ++i) {
        QListWidgetItem *item = m_channelList->item(i);
        const int c = item->data(Qt::UserRole).toInt();
        const bool on = c == allChannels ? f.channels.empty()
                                         : std::find(f.channels.begin(), f.channels.end(),
                                                     Index(c)) != f.channels.end();
        item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
    }
    updateChannelButton();
    const QString source = f.policy ? f.policySource : QString();
    const int policyIndex = m_policy->findData(source);
    if (policyIndex >= 0) {
        m_policy->setCurrentIndex(policyIndex);
        m_policyIndex = policyIndex;
    }
    m_chosenPolicy = f.policy;
    m_chosenSource = source;
    m_fillingFilter = false;
}

InvestigationFilter InvestigationView::filterFromControls() const
{
    InvestigationFilter f;
    if (m_from->date() > utcDate(m_dataFirst))
        f.since = utcMs(m_from->date());
    if (m_to->date() < utcDate(m_dataLast))
        f.until = utcMs(m_to->date()) + dayMs;
    for (int i = 1; i < m_channelList->count(); ++i) {
        const QListWidgetItem *item = m_channelList->item(i);
        if (item->checkState() == Qt::Checked)
            f.channels.push_back(Index(item->data(Qt::UserRole).toInt()));
    }
    f.policy = m_chosenPolicy;
    f.policySource = m_chosenSource;
    return f;
}

void InvestigationView::updateChannelButton()
{
    QStringList names;
    for (int i = 1; i < m_channelList->count(); ++i) {
        const QListWidgetItem *item = m_channelList->item(i);
        if (item->checkState() == Qt::Checked)
            names.append(item->text().trimmed());
    }
    if (names.isEmpty())
        m_channel->setText(tr("All channels"));
    else if (names.size() == 1)
        m_channel->setText(names.front());
    else
        m_channel->setText(tr("%n channel(s)", nullptr, int(names.size())));
    m_channel->setToolTip(names.isEmpty() ? tr("Every channel") : names.join(u", "));
}

void InvestigationView::policyChosen(int index)
{
    const QString source = m_policy->itemData(index).toString();
    if (source == openPolicyItem) {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open policy file"), QString(), tr("Gavel policies (*.json);;All files (*)"));
        m_policy->setCurrentIndex(m_policyIndex);
        if (!path.isEmpty())
            choosePolicy(path);
        return;
    }
    if (!choosePolicy(source))
        m_policy->setCurrentIndex(m_policyIndex);
}

bool InvestigationView::choosePolicy(const QString &source)
{
    std::shared_ptr<const policy::Policy> chosen;
    if (!source.isEmpty()) {
        auto loaded = loadPolicy(source);
        if (!loaded) {
            // Window-modal and not blocking: the views keep their previous policy meanwhile.
            auto *box =
                new QMessageBox(QMessageBox::Warning, tr("Policy not loaded"),
                                tr("Gavel could not use this policy file."), QMessageBox::Ok, this);
            box->setTextFormat(Qt::PlainText);
            box->setInformativeText(loaded.error().text());
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
            return false;
        }
        chosen = std::move(*loaded);
    }
    int index = m_policy->findData(source);
    if (index < 0) {
        // An opened file joins the list (before the separator), so switching back is one click.
        index = m_policy->count() - 2;
        m_policy->insertItem(index, policyTitle(*chosen), source);
        m_policy->setItemData(index, source, Qt::ToolTipRole);
    }
    m_policy->setCurrentIndex(index);
    m_policyIndex = index;
    m_chosenPolicy = std::move(chosen);
    m_chosenSource = source;
    m_filterTimer->stop();
    m_session->setFilter(filterFromControls());
    return true;
}

void InvestigationView::filterControlsChanged()
{
    if (m_fillingFilter)
        return;
    m_filterTimer->start();
}

void InvestigationView::search()
{
    const QString text = m_search->text().trimmed();
    if (text.isEmpty())
        return;
    navigate({InvestigationViewKind::Members, m_members->member(), 0});
    m_members->search(text);
    m_history.replaceCurrent({InvestigationViewKind::Members, m_members->member(), 0});
    updateNavigationButtons();
}

void InvestigationView::updateStatus()
{
    const QLocale locale;
    QStringList parts;
    parts << (m_lastSyncedMs > 0 ? tr("Last sync %1 UTC")
                                       .arg(QDateTime::fromMSecsSinceEpoch(m_lastSyncedMs, Qt::UTC)
                                                .toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                                 : tr("Never synced"));
    if (m_dataLast > 0) {
        parts << tr("data %1 – %2")
                     .arg(utcDate(m_dataFirst).toString(Qt::ISODate),
                          utcDate(m_dataLast).toString(Qt::ISODate));
    }
    const auto analysis = m_session->analysis();
    if (analysis && !analysis->filter.isEmpty()) {
        const InvestigationFilter &f = analysis->filter;
        QString shown =
            tr("showing %1 – %2")
                .arg(utcDate(f.since == NoTime ? m_dataFirst : f.since).toString(Qt::ISODate),
                     utcDate(f.until == NoTime ? m_dataLast : f.until - 1).toString(Qt::ISODate));
        QStringList channels;
        for (Index c : f.channels) {
            if (c < analysis->history->channels.size())
                channels.append(u'#' + analysis->history->channels[c].name);
        }
        if (!channels.isEmpty())
            shown += u", " + channels.join(u", ");
        parts << shown;
    }
    if (analysis && analysis->policy)
        parts << tr("policy %1").arg(policyTitle(*analysis->policy->policy));
    m_status = parts.join(QStringLiteral(" · "));
    Q_EMIT statusChanged(m_status);
}

} // namespace gavel::ui
