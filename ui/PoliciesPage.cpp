#include "PoliciesPage.h"

#include "PolicyChangeModel.h"
#include "PolicyLibrary.h"
#include "moderation/Proposal.h"
#include "policy/GuildLoader.h"
#include "store/Database.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QTextBlock>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace gavel::ui {

namespace {

const QString openItem = u"open:"_s;

//! Line (1-based) of a byte offset in UTF-8 text.
int lineOfOffset(const QByteArray &utf8, qsizetype offset)
{
    return int(utf8.left(offset).count('\n')) + 1;
}

//! A parser message with the line it is about: JSON syntax errors carry a byte offset, field
//! errors a JSON path whose last name is looked up in the text (the first occurrence).
QString locatedError(const QByteArray &utf8, const QString &message)
{
    QJsonParseError syntax;
    QJsonDocument::fromJson(utf8, &syntax);
    if (syntax.error != QJsonParseError::NoError) {
        return QCoreApplication::translate("PoliciesPage", "Line %1: %2")
            .arg(lineOfOffset(utf8, syntax.offset))
            .arg(message);
    }
    static const QRegularExpression path(u"\\$((?:\\.[A-Za-z_0-9]+|\\[\\d+\\])+)"_s);
    const QRegularExpressionMatch m = path.match(message);
    if (!m.hasMatch())
        return message;
    static const QRegularExpression name(u"\\.([A-Za-z_0-9]+)"_s);
    QString last;
    for (auto it = name.globalMatch(m.captured(1)); it.hasNext();)
        last = it.next().captured(1);
    const qsizetype at = last.isEmpty() ? -1 : utf8.indexOf(QByteArray('"' + last.toUtf8() + '"'));
    if (at < 0)
        return message;
    return QCoreApplication::translate("PoliciesPage", "Line %1: %2")
        .arg(lineOfOffset(utf8, at))
        .arg(message);
}

struct CompareResult
{
    std::shared_ptr<const policy::Evaluator> evaluator;
    std::shared_ptr<const policy::Evaluation> a, b;
    std::optional<policy::Comparison> comparison;
    qint64 at = 0;
    QString error;
};

struct ProposalResult
{
    qint64 id = 0;
    int changes = 0;
    QString error;
};

} // namespace

PoliciesPage::PoliciesPage(QWidget *parent)
    : QWidget(parent)
    , m_boxA(new QComboBox(this))
    , m_boxB(new QComboBox(this))
    , m_editor(new QPlainTextEdit(this))
    , m_validation(new QLabel(this))
    , m_compare(new QPushButton(tr("&Compare"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_propose(new QPushButton(tr("Save as pr&oposal…"), this))
    , m_saveFile(new QPushButton(tr("Save policy fil&e…"), this))
    , m_figures(new QLabel(this))
    , m_model(new PolicyChangeModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_groups(new QTableWidget(0, 5, this))
    , m_validateTimer(new QTimer(this))
{
    setObjectName(u"policiesPage"_s);
    fillChoices(m_boxA);
    fillChoices(m_boxB);
    m_boxA->setAccessibleName(tr("Policy A"));
    m_boxB->setAccessibleName(tr("Policy B (edited below)"));
    connect(m_boxA, &QComboBox::activated, this, [this](int i) { choiceActivated(m_boxA, i); });
    connect(m_boxB, &QComboBox::activated, this, [this](int i) { choiceActivated(m_boxB, i); });

    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setAccessibleName(tr("Policy B as JSON"));
    m_editor->setTabChangesFocus(true);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &PoliciesPage::editorChanged);
    m_validation->setTextFormat(Qt::PlainText);
    m_validation->setWordWrap(true);
    m_validation->setAccessibleName(tr("Validation of policy B"));
    m_validateTimer->setSingleShot(true);
    m_validateTimer->setInterval(300); // the user is still typing
    connect(m_validateTimer, &QTimer::timeout, this, &PoliciesPage::validate);

    m_figures->setTextFormat(Qt::PlainText);
    m_figures->setWordWrap(true);
    m_figures->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_figures->setAccessibleName(tr("Comparison figures"));
    m_figures->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(PolicyChangeModel::SortRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(PolicyChangeModel::ScoreB, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(PolicyChangeModel::Member,
                                                      QHeaderView::Stretch);
    m_table->setAccessibleName(tr("Members whose role changes"));
    m_table->setToolTip(tr("Double-click or press Enter to open the member's audit"));
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT auditRequested(m_model->userAt(m_proxy->mapToSource(index).row()));
    });

    m_groups->setHorizontalHeaderLabels(
        {tr("Group"), tr("Members"), tr("Share under A"), tr("Share under B"), tr("Gain")});
    m_groups->verticalHeader()->hide();
    m_groups->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_groups->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_groups->setAccessibleName(tr("What rings and alt families gain"));

    m_cancel->setToolTip(tr("Drop the running comparison"));
    m_cancel->hide();
    connect(m_compare, &QPushButton::clicked, this, &PoliciesPage::compareNow);
    connect(m_cancel, &QPushButton::clicked, this, &PoliciesPage::cancel);
    m_propose->setToolTip(tr("Save policy B's role changes as a proposal that approvers review "
                             "on the Reviews page"));
    connect(m_propose, &QPushButton::clicked, this, &PoliciesPage::askSaveAsProposal);
    connect(m_saveFile, &QPushButton::clicked, this, &PoliciesPage::askSavePolicyFile);

    auto *labelA = new QLabel(tr("Policy &A:"), this);
    labelA->setBuddy(m_boxA);
    auto *labelB = new QLabel(tr("Policy &B:"), this);
    labelB->setBuddy(m_boxB);
    auto *choices = new QHBoxLayout;
    choices->addWidget(labelA);
    choices->addWidget(m_boxA);
    choices->addSpacing(12);
    choices->addWidget(labelB);
    choices->addWidget(m_boxB);
    choices->addSpacing(12);
    choices->addWidget(m_compare);
    choices->addWidget(m_cancel);
    choices->addStretch();
    choices->addWidget(m_saveFile);
    choices->addWidget(m_propose);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *editorLabel = new QLabel(tr("B's parameters (JSON, checked as you type):"), left);
    editorLabel->setBuddy(m_editor);
    leftLayout->addWidget(editorLabel);
    leftLayout->addWidget(m_editor, 1);
    leftLayout->addWidget(m_validation);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_figures);
    auto *tableLabel = new QLabel(tr("&Members whose role changes:"), right);
    tableLabel->setBuddy(m_table);
    rightLayout->addWidget(tableLabel);
    rightLayout->addWidget(m_table, 3);
    auto *groupsLabel = new QLabel(tr("Rings and alt families (detected):"), right);
    groupsLabel->setBuddy(m_groups);
    rightLayout->addWidget(groupsLabel);
    rightLayout->addWidget(m_groups, 1);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(choices);
    layout->addWidget(splitter, 1);

    // A: the shipped Daimyo ladder; B: the hardened pollen policy, the comparison seed 001 asks.
    const int daimyo = m_boxA->findData(u":/policies/daimyo.json"_s);
    if (daimyo >= 0)
        choosePolicyA(m_boxA->itemData(daimyo).toString());
    const int hardened = m_boxB->findData(u":/policies/pollen-hardened.json"_s);
    if (hardened >= 0)
        choosePolicyB(m_boxB->itemData(hardened).toString());
    m_figures->setText(tr("Open a guild to compare policies on its history."));
}

PoliciesPage::~PoliciesPage()
{
    ++m_generation;
}

void PoliciesPage::fillChoices(QComboBox *box)
{
    for (const PolicyEntry &entry : shippedPolicies())
        box->addItem(entry.title, entry.source);
    box->insertSeparator(box->count());
    box->addItem(tr("Open policy file…"), openItem);
}

void PoliciesPage::choiceActivated(QComboBox *box, int index)
{
    const bool isA = box == m_boxA;
    QString source = box->itemData(index).toString();
    if (source == openItem) {
        box->setCurrentIndex(isA ? m_indexA : m_indexB);
        source = QFileDialog::getOpenFileName(this, tr("Open policy file"), QString(),
                                              tr("Gavel policies (*.json);;All files (*)"));
        if (source.isEmpty())
            return;
    }
    if (!(isA ? choosePolicyA(source) : choosePolicyB(source)))
        box->setCurrentIndex(isA ? m_indexA : m_indexB);
}

bool PoliciesPage::choosePolicyA(const QString &source)
{
    auto loaded = loadPolicy(source);
    if (!loaded) {
        m_figures->setText(tr("Policy A not loaded: %1").arg(loaded.error().text()));
        return false;
    }
    int index = m_boxA->findData(source);
    if (index < 0) {
        index = m_boxA->count() - 2;
        m_boxA->insertItem(index, policyTitle(**loaded), source);
    }
    m_boxA->setCurrentIndex(index);
    m_indexA = index;
    m_policyA = std::move(*loaded);
    scheduleCompare();
    return true;
}

bool PoliciesPage::choosePolicyB(const QString &source)
{
    const QByteArray bytes = policyBytes(source);
    if (bytes.isEmpty()) {
        m_validation->setText(tr("Cannot read %1.").arg(source));
        return false;
    }
    int index = m_boxB->findData(source);
    if (index < 0) {
        index = m_boxB->count() - 2;
        m_boxB->insertItem(index, QFileInfo(source).fileName(), source);
    }
    m_boxB->setCurrentIndex(index);
    m_indexB = index;
    m_editor->setPlainText(QString::fromUtf8(bytes));
    // The choice is explicit: validate and compare now rather than after the typing delay.
    m_validateTimer->stop();
    validate();
    return true;
}

void PoliciesPage::editorChanged()
{
    m_validateTimer->start();
}

void PoliciesPage::validate()
{
    const QByteArray utf8 = m_editor->toPlainText().toUtf8();
    auto parsed = policy::Policy::parse(utf8, tr("B"));
    if (!parsed) {
        m_policyB.reset();
        m_validation->setText(locatedError(utf8, parsed.error().text()));
        m_propose->setEnabled(false);
        return;
    }
    m_policyB = std::make_shared<const policy::Policy>(std::move(*parsed));
    m_validation->setText(tr("Valid: %1, %2").arg(policyTitle(*m_policyB), m_policyB->hash));
    scheduleCompare();
}

void PoliciesPage::scheduleCompare()
{
    // Live: every valid edit or choice compares again; a running comparison is superseded.
    if (m_session && m_session->history() && m_policyA && m_policyB && isVisible())
        compareNow();
}

void PoliciesPage::openGuild(InvestigationSession *session)
{
    ++m_generation;
    m_session = session;
    m_analysis.reset();
    m_evaluator.reset();
    m_evaluatorHistory.reset();
    m_comparison.reset();
    m_model->clear();
    m_groups->setRowCount(0);
    m_running = false;
    m_cancel->hide();
    m_figures->setText(tr("Choose two policies; the comparison runs when the guild is loaded."));
}

void PoliciesPage::closeGuild()
{
    cancel();
    m_session.clear();
    m_analysis.reset();
    m_evaluator.reset();
    m_evaluatorHistory.reset();
}

void PoliciesPage::setAnalysis(std::shared_ptr<const Analysis> analysis)
{
    const bool first =
        !m_analysis || !m_comparison || (analysis && m_analysis->history != analysis->history);
    m_analysis = std::move(analysis);
    if (first || m_running)
        compareNow();
    else
        showComparison(); // the groups follow the filter's clusters
}

std::vector<policy::Group> PoliciesPage::groups() const
{
    std::vector<policy::Group> out;
    if (!m_analysis)
        return out;
    for (const analysis::Cluster &c : m_analysis->clusters) {
        const bool ring = c.kind == analysis::ClusterKind::Ring;
        out.push_back({(ring ? u"ring %1"_s : u"alts %1"_s).arg(c.id),
                       ring ? u"ring"_s : u"alt-family"_s, c.members});
    }
    return out;
}

void PoliciesPage::compareNow()
{
    if (!m_session || !m_session->history()) {
        m_figures->setText(tr("Open a guild to compare policies on its history."));
        return;
    }
    if (!m_policyA || !m_policyB) {
        m_figures->setText(tr("Policy B does not parse; fix it (see below the editor)."));
        return;
    }
    const bool needsText =
        policy::loadOptionsFor(*m_policyA).content || policy::loadOptionsFor(*m_policyB).content;
    if (needsText && !m_session->hasMessageText()) {
        // Karma (R3) and conversation (R5) read message text, which the views do not load.
        m_figures->setText(
            tr("Loading message text for %1…")
                .arg(policyTitle(policy::loadOptionsFor(*m_policyA).content ? *m_policyA
                                                                            : *m_policyB)));
        m_running = true;
        m_cancel->show();
        m_session->loadMessageText();
        return;
    }
    m_running = true;
    m_cancel->show();
    m_figures->setText(tr("Comparing %1 and %2 over the whole history…")
                           .arg(policyTitle(*m_policyA), policyTitle(*m_policyB)));
    if (m_inFlight) {
        // An evaluation cannot be interrupted: the newest request starts when it ends, and the
        // requests in between are never computed (typing does not queue work).
        m_pending = true;
        return;
    }
    const quint64 generation = ++m_generation;
    m_inFlight = true;

    const auto history = m_session->history();
    std::shared_ptr<const policy::Evaluator> evaluator;
    if (m_evaluatorHistory == history)
        evaluator = m_evaluator;
    else if (m_session->evaluator() && m_session->analysis() &&
             m_session->analysis()->history == history)
        evaluator = m_session->evaluator();
    const auto recorded = m_session->recordedDeactivations();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 at =
        m_analysis && m_analysis->history == history ? m_analysis->filter.scoreTime(now) : now;
    auto *watcher = new QFutureWatcher<CompareResult>(this);
    connect(watcher, &QFutureWatcher<CompareResult>::finished, this,
            [this, watcher, generation, history] {
                watcher->deleteLater();
                m_inFlight = false;
                if (m_pending) {
                    m_pending = false;
                    compareNow();
                    return;
                }
                if (generation != m_generation)
                    return;
                CompareResult r = watcher->result();
                m_running = false;
                m_cancel->hide();
                m_evaluator = r.evaluator;
                m_evaluatorHistory = history;
                if (!r.comparison) {
                    m_comparison.reset();
                    m_model->clear();
                    m_groups->setRowCount(0);
                    m_figures->setText(tr("The comparison failed: %1").arg(r.error));
                    m_propose->setEnabled(false);
                } else {
                    m_comparison = std::move(r.comparison);
                    m_comparedAt = r.at;
                    m_evalA = r.a;
                    m_evalB = r.b;
                    showComparison();
                }
                Q_EMIT comparisonFinished();
            });
    watcher->setFuture(QtConcurrent::run(
        [history, evaluator, recorded, a = m_policyA, b = m_policyB, at, groupList = groups()]() {
            CompareResult r;
            r.at = at;
            r.evaluator = evaluator;
            if (!r.evaluator) {
                auto built = std::make_shared<policy::Evaluator>(*history);
                built->setRecordedDeactivations(recorded);
                r.evaluator = std::move(built);
            }
            // What `gavel compare` does: both evaluated at the same time by one evaluator.
            auto ea = r.evaluator->evaluate(*a, at);
            auto eb = ea ? r.evaluator->evaluate(*b, at) : ea;
            if (!ea || !eb) {
                r.error = (!ea ? ea : eb).error().text();
                return r;
            }
            r.a = std::make_shared<const policy::Evaluation>(std::move(*ea));
            r.b = std::make_shared<const policy::Evaluation>(std::move(*eb));
            r.comparison = policy::compare(*history, *r.a, *r.b, groupList);
            return r;
        }));
}

void PoliciesPage::cancel()
{
    ++m_generation;
    m_pending = false;
    m_running = false;
    m_cancel->hide();
    if (!m_comparison)
        m_figures->setText(tr("Comparison cancelled."));
    else
        showComparison();
}

void PoliciesPage::showComparison()
{
    if (!m_comparison || !m_evalA || !m_evalB)
        return;
    const policy::Comparison &c = *m_comparison;
    const QLocale locale;
    const auto pct = [&](double v) -> QString { return locale.toString(v * 100, 'f', 1) + u'%'; };
    const QString a = policyTitle(m_evalA->policy->policy);
    const QString b = policyTitle(m_evalB->policy->policy);
    m_figures->setText(
        tr("A: %1 · B: %2 · scores at %3 UTC over %4 members\n"
           "%5 members change role · rank correlation (Spearman) %6\n"
           "Top 1% hold %7 under A and %8 under B · top 10% hold %9 under A and %10 under B")
            .arg(a, b,
                 QDateTime::fromMSecsSinceEpoch(m_comparedAt, Qt::UTC)
                     .toString(u"yyyy-MM-dd HH:mm"_s),
                 locale.toString(c.population), locale.toString(qint64(c.changes.size())),
                 locale.toString(c.spearman, 'f', 3), pct(c.top1A), pct(c.top1B))
            .arg(pct(c.top10A), pct(c.top10B)));
    m_model->setComparison(
        {m_analysis ? m_analysis->history : m_session->history(), m_evalA, m_evalB, c.changes});
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(PolicyChangeModel::Member,
                                                      QHeaderView::Stretch);
    m_groups->setRowCount(int(c.groups.size()));
    for (int row = 0; row < int(c.groups.size()); ++row) {
        const policy::GroupGain &g = c.groups[size_t(row)];
        const double gain = g.shareA > 0 ? g.shareB / g.shareA : 0;
        const QStringList cells{
            g.group.id, locale.toString(qint64(g.group.members.size())), pct(g.shareA),
            pct(g.shareB), g.shareA > 0 ? locale.toString(gain, 'f', 2) + u'×' : QString(u'–')};
        for (int col = 0; col < cells.size(); ++col) {
            auto *item = new QTableWidgetItem(cells[col]);
            if (col > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_groups->setItem(row, col, item);
        }
    }
    m_propose->setEnabled(m_policyB != nullptr);
}

QString PoliciesPage::validationText() const
{
    return m_validation->text();
}

QString PoliciesPage::figuresText() const
{
    return m_figures->text();
}

void PoliciesPage::askSaveAsProposal()
{
    if (!m_policyB || !m_comparison)
        return;
    bool ok = false;
    const QString proposer = QInputDialog::getText(
        this, tr("Save as proposal"),
        tr("Policy B's plan at %1 UTC becomes a proposal that approvers review on the Reviews "
           "page.\nProposed by (a moderator or admin of the reviewer list):")
            .arg(QDateTime::fromMSecsSinceEpoch(m_comparedAt, Qt::UTC)
                     .toString(u"yyyy-MM-dd HH:mm"_s)),
        QLineEdit::Normal, QString(), &ok);
    if (!ok || proposer.trimmed().isEmpty())
        return;
    auto once = std::make_shared<QMetaObject::Connection>();
    auto failedOnce = std::make_shared<QMetaObject::Connection>();
    const auto disconnectBoth = [once, failedOnce] {
        QObject::disconnect(*once);
        QObject::disconnect(*failedOnce);
    };
    *once = connect(this, &PoliciesPage::proposalSaved, this, [this, disconnectBoth](qint64 id) {
        disconnectBoth();
        QMessageBox box(QMessageBox::Information, tr("Proposal saved"),
                        tr("Saved as proposal %1.").arg(id), QMessageBox::Ok, this);
        box.setInformativeText(tr("Approvers review it on the Reviews page (Ctrl+6); once "
                                  "approved, it can be pushed to Discord from there."));
        box.exec();
    });
    *failedOnce = connect(
        this, &PoliciesPage::proposalFailed, this, [this, disconnectBoth](const QString &message) {
            disconnectBoth();
            QMessageBox box(QMessageBox::Warning, tr("Proposal not saved"),
                            tr("The proposal could not be saved."), QMessageBox::Ok, this);
            box.setTextFormat(Qt::PlainText);
            box.setInformativeText(message);
            box.exec();
        });
    saveAsProposal(proposer.trimmed());
}

void PoliciesPage::saveAsProposal(const QString &proposer)
{
    if (!m_session || !m_policyB) {
        Q_EMIT proposalFailed(tr("Policy B does not parse or no guild is open."));
        return;
    }
    const store::Location location = m_session->location();
    const quint64 guildId = m_session->guildId();
    const qint64 at = m_comparedAt ? m_comparedAt : QDateTime::currentMSecsSinceEpoch();
    const std::optional<qint64> since = m_analysis && m_analysis->filter.since != NoTime
                                            ? std::optional(m_analysis->filter.since)
                                            : std::nullopt;
    auto *watcher = new QFutureWatcher<ProposalResult>(this);
    connect(watcher, &QFutureWatcher<ProposalResult>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const ProposalResult r = watcher->result();
        if (r.id > 0)
            Q_EMIT proposalSaved(r.id);
        else
            Q_EMIT proposalFailed(r.error);
    });
    watcher->setFuture(QtConcurrent::run(
        [location, guildId, at, since, proposer, proposed = m_policyB]() -> ProposalResult {
            // The same steps as `gavel propose --policy B --at T --by NAME`, on this thread's own
            // read-write connection.
            store::OpenOptions options;
            options.createIfMissing = false;
            auto db = store::Database::open(location, options);
            if (!db)
                return {0, 0, db.error().text()};
            moderation::ProposalDraft draft;
            draft.guildId = guildId;
            auto changes = moderation::planFromPolicy(**db, guildId, *proposed, at, &draft.roles);
            if (!changes)
                return {0, 0, changes.error().text()};
            draft.changes = std::move(*changes);
            draft.title = u"%1 %2 plan at %3"_s.arg(
                proposed->name, proposed->version,
                QDateTime::fromMSecsSinceEpoch(at, Qt::UTC).toString(Qt::ISODateWithMs));
            draft.policyName = proposed->name;
            draft.policyJson = QString::fromUtf8(proposed->canonicalJson);
            draft.policyHash = proposed->hash;
            draft.windowFrom = since;
            draft.windowUntil = at;
            draft.proposer = proposer;
            auto proposal =
                moderation::createProposal(**db, draft, QDateTime::currentMSecsSinceEpoch());
            if (!proposal)
                return {0, 0, proposal.error().text()};
            return {proposal->id, int(proposal->changes.size()), {}};
        }));
}

Result<void> PoliciesPage::savePolicyFile(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_editor->toPlainText().toUtf8()) < 0 ||
        !file.commit())
        return Error{tr("Cannot write %1: %2").arg(path, file.errorString()),
                     tr("Choose a folder you can write to.")};
    return {};
}

void PoliciesPage::askSavePolicyFile()
{
    const QString name = m_policyB ? m_policyB->name + u".json" : u"policy.json"_s;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save policy B"), name,
                                                      tr("Gavel policies (*.json)"));
    if (path.isEmpty())
        return;
    if (auto saved = savePolicyFile(path); !saved) {
        QMessageBox box(QMessageBox::Warning, tr("Policy not saved"), saved.error().text(),
                        QMessageBox::Ok, this);
        box.setTextFormat(Qt::PlainText);
        box.exec();
    }
}

} // namespace gavel::ui
