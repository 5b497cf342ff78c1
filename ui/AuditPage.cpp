#include "AuditPage.h"

#include "ExportActions.h"
#include "PolicyLibrary.h"
#include "ReactionListWidget.h"
#include "analysis/Audit.h"
#include "common/Snowflake.h"
#include "policy/AuditScoring.h"

#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QDesktopServices>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QTabWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>
#include <QValueAxis>

#include <limits>
#include <map>

namespace gavel::ui {

namespace {
constexpr qint64 dayMs = 24LL * 3600 * 1000;
constexpr qint64 weekMs = 7 * dayMs;
// 1970-01-05 was a Monday: weeks start on Mondays (UTC).
constexpr qint64 mondayMs = 4 * dayMs;

QString dateText(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).date(),
                              QLocale::ShortFormat);
}

QString ageText(qint64 ms)
{
    const qint64 days = ms / dayMs;
    const auto unit = [](qint64 n, const char *one, const char *many) {
        return QCoreApplication::translate("AuditPage", n == 1 ? one : many).arg(n);
    };
    if (days < 60)
        return unit(days, "%1 day", "%1 days");
    if (days < 730)
        return unit(days / 30, "%1 month", "%1 months");
    return unit(days / 365, "%1 year", "%1 years");
}
} // namespace

AuditPage::AuditPage(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_identity(new QLabel(this))
    , m_figures(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_reactions(new ReactionListWidget(this))
    , m_topPairs(new QTreeWidget(this))
    , m_flags(new QTextBrowser(this))
    , m_roles(new QTextBrowser(this))
    , m_timeline(new QChartView(this))
    , m_scoreSummary(new QLabel(this))
    , m_scores(new QTreeWidget(this))
    , m_exportButton(new QToolButton(this))
    , m_reportButton(new QToolButton(this))
{
    setObjectName(QStringLiteral("auditPage"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextFormat(Qt::PlainText); // a display name is whatever the member typed
    for (QLabel *label : {m_identity, m_figures}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::RichText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    }
    m_identity->setAccessibleName(tr("Identity"));
    m_figures->setAccessibleName(tr("Reaction figures"));

    m_topPairs->setAccessibleName(tr("Top pairs"));
    m_topPairs->setColumnCount(4);
    m_topPairs->setHeaderLabels({tr("Pair"), tr("Reactions"), tr("Back"), tr("Share")});
    m_topPairs->setRootIsDecorated(true);
    m_topPairs->setToolTip(tr("Double-click or press Enter to see the pair's evidence"));
    connect(m_topPairs, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QVariant a = item->data(0, Qt::UserRole);
        const QVariant b = item->data(0, Qt::UserRole + 1);
        if (a.isValid() && b.isValid())
            Q_EMIT pairRequested(a.value<Index>(), b.value<Index>());
    });
    m_flags->setAccessibleName(tr("Flags"));
    m_flags->setOpenLinks(false);
    connect(m_flags, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == u"cluster")
            Q_EMIT clusterRequested(url.path().toInt());
        else
            QDesktopServices::openUrl(url);
    });
    m_roles->setAccessibleName(tr("Roles and role history"));
    m_timeline->setAccessibleName(tr("Reactions per week"));
    m_timeline->setRenderHint(QPainter::Antialiasing);
    m_timeline->setMinimumHeight(200);

    m_tabs->addTab(m_reactions, tr("Reactio&ns"));
    m_tabs->addTab(m_topPairs, tr("Top &pairs"));
    m_tabs->addTab(m_timeline, tr("T&imeline"));
    m_tabs->addTab(m_flags, tr("F&lags"));
    m_tabs->addTab(m_roles, tr("R&oles"));
    m_scores->setAccessibleName(tr("Scores under the chosen policy, rule by rule"));
    m_scores->setColumnCount(4);
    m_scores->setHeaderLabels({tr("When / what"), tr("From"), tr("Adds"), tr("Why")});
    m_scores->setRootIsDecorated(true);
    m_scores->setUniformRowHeights(true);
    m_tabs->addTab(m_scores, tr("S&cores"));
    m_scoreSummary->setTextFormat(Qt::PlainText);
    m_scoreSummary->setWordWrap(true);
    m_scoreSummary->setAccessibleName(tr("Score under the chosen policy"));
    m_scoreSummary->hide();
    for (QToolButton *button : {m_exportButton, m_reportButton}) {
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setEnabled(false);
    }
    m_exportButton->setText(tr("Export evidence…"));
    m_reportButton->setText(tr("Case report…"));
    m_tabs->setAccessibleName(tr("Audit details"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_identity, 3);
    top->addWidget(m_figures, 2);
    auto *layout = new QVBoxLayout(this);
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_exportButton);
    titleRow->addWidget(m_reportButton);
    layout->addLayout(titleRow);
    layout->addLayout(top);
    layout->addWidget(m_scoreSummary);
    layout->addWidget(m_tabs, 1);
    setMember(NoIndex);
}

void AuditPage::setAnalysis(std::shared_ptr<const Analysis> analysis)
{
    m_analysis = std::move(analysis);
    if (m_analysis && m_user >= m_analysis->history->users.size())
        m_user = NoIndex;
    refresh();
}

void AuditPage::setMember(Index user)
{
    m_user = user;
    refresh();
}

QString AuditPage::identityText() const
{
    return m_identity->text();
}

void AuditPage::refresh()
{
    m_topPairs->clear();
    m_given = m_received = 0;
    if (!m_analysis || m_user == NoIndex) {
        m_title->setText(tr("No member chosen"));
        m_identity->setText(tr("Search for a member by name or user id in the list on the left "
                               "(or the search box above, Ctrl+F), then choose one to see the "
                               "audit."));
        m_figures->clear();
        m_reactions->model()->clear();
        m_flags->clear();
        m_roles->clear();
        QChart *old = m_timeline->chart();
        m_timeline->setChart(new QChart);
        delete old;
        m_tabs->setEnabled(false);
        m_scores->clear();
        m_scoreLines.clear();
        m_scoreSummary->hide();
        if (m_exports)
            m_exports->setSubject(std::nullopt);
        return;
    }
    m_tabs->setEnabled(true);
    const history::History &h = *m_analysis->history;
    const analysis::PairMatrix &m = m_analysis->matrix;
    const history::User &user = h.users[m_user];
    const QLocale locale;
    const qint64 created = snowflake::toMsecs(user.id);
    const qint64 end =
        h.messages.empty() ? QDateTime::currentMSecsSinceEpoch() : h.messages.back().createdAt;

    m_title->setText(user.displayName());
    QStringList names;
    names << tr("username <b>%1</b>").arg(user.username.toHtmlEscaped());
    if (!user.globalName.isEmpty())
        names << tr("display name <b>%1</b>").arg(user.globalName.toHtmlEscaped());
    if (!user.nick.isEmpty())
        names << tr("nickname <b>%1</b>").arg(user.nick.toHtmlEscaped());
    QString identity = names.join(QStringLiteral(", "));
    identity += u"<br>" + tr("User id %1").arg(user.id);
    identity += u"<br>" + tr("Account created %1 (%2 before the last message)")
                              .arg(dateText(created), ageText(end - created));
    if (user.joinedAt != NoTime) {
        identity += u"<br>" + tr("Joined %1, %2 after the account was created")
                                  .arg(dateText(user.joinedAt), ageText(user.joinedAt - created));
    }
    if (user.leftAt != NoTime)
        identity += u"<br>" + tr("Left (noticed %1)").arg(dateText(user.leftAt));
    else if (!user.member)
        identity += u"<br>" + tr("Not a member of the guild");
    if (user.bot)
        identity += u"<br>" + tr("Bot: its reactions never count");
    m_identity->setText(identity);

    analysis::AuditOptions options;
    options.counting = m_analysis->filter.countOptions();
    if (const auto &applied = m_analysis->policy) {
        // The score `gavel audit --policy P --at T` prints, on the evaluator the views share.
        options.scorer =
            policy::auditScorer(applied->compiled, applied->evaluation.at, applied->evaluator);
    }
    const analysis::Audit audit = analysis::buildAudit(h, m, m_analysis->clusters, m_user, options);
    m_scoreLines = audit.scores;
    fillScores();
    if (m_exports)
        m_exports->setSubject(report::Subject{report::SubjectKind::Member, user.id});
    m_given = audit.countedGiven;
    m_received = audit.countedReceived;
    const auto incoming = m.incoming(m_user);
    const auto outgoing = m.outgoing(m_user);
    QString figures =
        tr("<b>%1</b> counted reactions given to %2 members<br>"
           "<b>%3</b> received from %4 members")
            .arg(locale.toString(m_given), locale.toString(qint64(outgoing.size())),
                 locale.toString(m_received), locale.toString(qint64(incoming.size())));
    const qsizetype uncounted = qsizetype(audit.given.size() + audit.received.size()) -
                                qsizetype(m_given) - qsizetype(m_received);
    if (uncounted > 0) {
        figures +=
            u"<br>" + tr("%1 more reactions are listed that do not count (the table says why)")
                          .arg(locale.toString(qint64(uncounted)));
    }
    if (m_received > 0) {
        figures +=
            u"<br>" + tr("%1 of the received reactions come from the top 3 reactors")
                          .arg(locale.toString(m.concentration(m_user, 3) * 100, 'f', 1) + u'%');
    }
    if (!m_analysis->filter.isEmpty())
        figures += u"<br><i>" + tr("Under the current filter") + u"</i>";
    m_figures->setText(figures);

    // Every reaction is listed, with the reason when it does not count, as `gavel audit` does.
    m_reactions->model()->setRows(m_analysis->history, ReactionListWidget::auditRows(audit),
                                  {tr("given"), tr("received")});

    const auto addPairs = [&](const QString &heading, const std::vector<quint32> &pairs,
                              bool outgoingPairs) {
        auto *parent = new QTreeWidgetItem(m_topPairs, {heading});
        parent->setFirstColumnSpanned(true);
        for (quint32 k : pairs) {
            const analysis::Pair &p = m.pairs()[k];
            const Index other = outgoingPairs ? p.author : p.reactor;
            const double share = outgoingPairs ? m.shareOfReactor(p) : m.shareOfReceiver(p);
            auto *item =
                new QTreeWidgetItem(parent, {h.users[other].displayName(), locale.toString(p.count),
                                             locale.toString(p.reverseCount),
                                             locale.toString(share * 100, 'f', 1) + u'%'});
            item->setData(0, Qt::UserRole, p.reactor);
            item->setData(0, Qt::UserRole + 1, p.author);
            for (int c = 1; c < 4; ++c)
                item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        }
        if (pairs.empty())
            new QTreeWidgetItem(parent, {tr("none")});
        parent->setExpanded(true);
    };
    addPairs(tr("Reacts most to"), audit.mostReactedTo, true);
    addPairs(tr("Receives most from"), audit.mostReactedToBy, false);
    m_topPairs->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 4; ++c)
        m_topPairs->resizeColumnToContents(c);

    QString flags;
    for (const analysis::Cluster *flag : audit.flags) {
        const analysis::Cluster &c = *flag;
        const qsizetype i =
            std::find(c.members.begin(), c.members.end(), m_user) - c.members.begin();
        flags += u"<h3><a href=\"cluster:" + QString::number(c.id) + u"\">" +
                 (c.kind == analysis::ClusterKind::Ring ? tr("Ring %1").arg(c.id)
                                                        : tr("Alt family %1").arg(c.id)) +
                 u"</a> — " + tr("score %1").arg(locale.toString(c.score, 'f', 2)) + u"</h3><p>" +
                 c.evidence.toHtmlEscaped() + u"</p>";
        if (i < c.memberEvidence.size())
            flags += u"<p><i>" + c.memberEvidence[i].toHtmlEscaped() + u"</i></p>";
    }
    m_flags->setHtml(flags.isEmpty()
                         ? tr("<p>No ring or alt family includes this member under the current "
                              "filter.</p>")
                         : flags);
    m_tabs->setTabText(3, flags.isEmpty() ? tr("F&lags") : tr("F&lags (!)"));

    QString roles;
    const QList<Index> now = h.rolesAt(m_user, std::numeric_limits<qint64>::max() - 1);
    QStringList current;
    for (Index r : now)
        current << h.roles[r].name.toHtmlEscaped();
    roles += u"<p><b>" + tr("Roles now:") + u"</b> " +
             (current.isEmpty() ? tr("none") : current.join(QStringLiteral(", "))) + u"</p>";
    roles += u"<p><b>" + tr("History:") + u"</b></p><ul>";
    bool any = false;
    for (const history::RoleSpan &span : audit.roles) {
        any = true;
        const QString from =
            span.from == NoTime ? tr("before Gavel first saw the member") : dateText(span.from);
        const QString until = span.until == NoTime ? tr("now") : dateText(span.until);
        roles += u"<li>" + h.roles[span.role].name.toHtmlEscaped() + u": " + from + u" – " + until +
                 u"</li>";
    }
    if (!any)
        roles += u"<li>" + tr("no roles recorded") + u"</li>";
    roles += u"</ul>";
    m_roles->setHtml(roles);
    fillTimeline();
}

void AuditPage::setDatabase(const store::Location &location, quint64 guildId)
{
    delete m_exports;
    // ExportActions takes a --db text: the path, or the URL with its credentials.
    QString dbText = location.path();
    if (location.backend() == store::Backend::Postgres) {
        QUrl url;
        url.setScheme(QStringLiteral("postgresql"));
        url.setUserName(location.user());
        url.setPassword(location.password());
        url.setHost(location.host());
        if (location.port() > 0)
            url.setPort(location.port());
        url.setPath(u'/' + location.databaseName());
        if (!location.sslMode().isEmpty())
            url.setQuery(QStringLiteral("sslmode=") + location.sslMode());
        dbText = url.toString();
    }
    m_exports = new ExportActions(dbText, guildId, this);
    m_exportButton->setDefaultAction(m_exports->exportAction());
    m_reportButton->setDefaultAction(m_exports->reportAction());
    connect(m_exports, &ExportActions::finished, this, [this](bool, const QString &message) {
        m_scoreSummary->setText(message);
        m_scoreSummary->show();
    });
    if (m_analysis && m_user != NoIndex)
        m_exports->setSubject(
            report::Subject{report::SubjectKind::Member, m_analysis->history->users[m_user].id});
}

void AuditPage::fillScores()
{
    m_scores->clear();
    const int tab = m_tabs->indexOf(m_scores);
    if (m_scoreLines.empty()) {
        m_scoreSummary->hide();
        m_tabs->setTabEnabled(tab, false);
        m_tabs->setTabToolTip(tab, tr("Choose a policy in the filter bar to see scores"));
        return;
    }
    m_tabs->setTabEnabled(tab, true);
    m_tabs->setTabToolTip(tab, QString());
    const history::History &h = *m_analysis->history;
    const QLocale locale;
    QStringList summary;
    for (const analysis::AuditScoreLine &line : m_scoreLines) {
        const QString at = QDateTime::fromMSecsSinceEpoch(line.at, Qt::UTC)
                               .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        const QString head = tr("Scores under %1 at %2 UTC: score %3, level %4 (%5)")
                                 .arg(line.policy, at, line.scoreText)
                                 .arg(line.levelNumber)
                                 .arg(line.level);
        summary << head + u". " + line.reason;
        auto *top = new QTreeWidgetItem(m_scores, {head});
        top->setFirstColumnSpanned(true);
        auto *reason = new QTreeWidgetItem(top, {line.reason});
        reason->setFirstColumnSpanned(true);
        for (qsizetype i = 0; i < line.columns.size() && i < line.values.size(); ++i)
            new QTreeWidgetItem(top, {line.columns[i], QString(), line.values[i]});
        auto *items = new QTreeWidgetItem(
            top, {tr("Rule by rule: %n item(s)", nullptr, int(line.breakdown.size()))});
        items->setFirstColumnSpanned(true);
        for (const analysis::AuditScoreItem &item : line.breakdown) {
            const QString when = item.at > 0 ? QDateTime::fromMSecsSinceEpoch(item.at, Qt::UTC)
                                                   .toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                                             : QString();
            const QString from =
                item.giver < h.users.size() ? h.users[item.giver].displayName() : QString();
            auto *row = new QTreeWidgetItem(
                items, {when, from,
                        item.counted ? locale.toString(item.weight, 'g', 6) : tr("0 (not counted)"),
                        item.reason});
            row->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
            row->setToolTip(3, item.reason);
        }
        top->setExpanded(true);
        items->setExpanded(true); // the breakdown is what the tab is for
    }
    m_scores->resizeColumnToContents(0);
    m_scoreSummary->setText(summary.join(u'\n'));
    m_scoreSummary->show();
}

void AuditPage::fillTimeline()
{
    const history::History &h = *m_analysis->history;
    std::map<qint64, std::pair<int, int>> weeks;
    for (const history::Index k : m_analysis->matrix.counted()) {
        const history::Reaction &r = h.reactions[k];
        if (r.reactor != m_user && r.author != m_user)
            continue;
        const qint64 week = mondayMs + ((r.at - mondayMs) / weekMs) * weekMs;
        auto &w = weeks[week];
        (r.reactor == m_user ? w.first : w.second) += 1;
    }
    auto *chart = new QChart;
    chart->setTheme(palette().color(QPalette::Window).lightness() < 128 ? QChart::ChartThemeDark
                                                                        : QChart::ChartThemeLight);
    chart->setTitle(tr("Counted reactions per week"));
    auto *given = new QLineSeries(chart);
    given->setName(tr("given"));
    auto *received = new QLineSeries(chart);
    received->setName(tr("received"));
    int maxV = 1;
    if (!weeks.empty()) {
        // Weeks without reactions are zeros, not gaps the line would bridge.
        for (qint64 w = weeks.begin()->first; w <= weeks.rbegin()->first; w += weekMs) {
            const auto it = weeks.find(w);
            const int g = it == weeks.end() ? 0 : it->second.first;
            const int r = it == weeks.end() ? 0 : it->second.second;
            given->append(double(w), g);
            received->append(double(w), r);
            maxV = qMax(maxV, qMax(g, r));
        }
    }
    chart->addSeries(given);
    chart->addSeries(received);
    auto *x = new QDateTimeAxis(chart);
    x->setFormat(QStringLiteral("yyyy-MM-dd"));
    x->setTitleText(tr("week (UTC)"));
    if (!weeks.empty()) {
        x->setRange(QDateTime::fromMSecsSinceEpoch(weeks.begin()->first, Qt::UTC),
                    QDateTime::fromMSecsSinceEpoch(weeks.rbegin()->first + weekMs, Qt::UTC));
    }
    auto *y = new QValueAxis(chart);
    y->setRange(0, maxV * 1.1);
    y->applyNiceNumbers();
    y->setLabelFormat(QStringLiteral("%d"));
    y->setTitleText(tr("reactions"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QLineSeries *s : {given, received}) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    QChart *old = m_timeline->chart();
    m_timeline->setChart(chart);
    delete old;
}

} // namespace gavel::ui
