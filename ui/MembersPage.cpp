#include "MembersPage.h"

#include "AuditPage.h"
#include "MemberListModel.h"
#include "common/Snowflake.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace gavel::ui {

MembersPage::MembersPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new MemberListModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_search(new QLineEdit(this))
    , m_list(new QTableView(this))
    , m_audit(new AuditPage(this))
{
    setObjectName(QStringLiteral("membersPage"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(MemberListModel::SearchRole);
    m_proxy->setFilterKeyColumn(MemberListModel::Name);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortRole(MemberListModel::SortRole);

    m_search->setPlaceholderText(tr("Name or user id…"));
    m_search->setAccessibleName(tr("Search members"));
    m_search->setClearButtonEnabled(true);
    auto *searchLabel = new QLabel(tr("Find &member:"), this);
    searchLabel->setBuddy(m_search);
    connect(m_search, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_search, &QLineEdit::returnPressed, this, [this] { search(m_search->text()); });

    m_list->setModel(m_proxy);
    m_list->setAccessibleName(tr("Members"));
    m_list->setSortingEnabled(true);
    m_list->sortByColumn(MemberListModel::Received, Qt::DescendingOrder);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->verticalHeader()->hide();
    m_list->setWordWrap(false);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setColumnHidden(MemberListModel::Id, true);
    m_list->horizontalHeader()->setSectionResizeMode(MemberListModel::Name, QHeaderView::Stretch);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (!current.isValid())
                    return;
                const Index user = current.data(MemberListModel::UserRole).value<Index>();
                if (user == m_audit->member())
                    return;
                m_audit->setMember(user);
                Q_EMIT memberChosen(user);
            });

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(searchLabel);
    leftLayout->addWidget(m_search);
    leftLayout->addWidget(m_list, 1);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(m_audit);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({330, 950});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
}

void MembersPage::setAnalysis(std::shared_ptr<const Analysis> analysis)
{
    m_analysis = analysis;
    const Index current = m_audit->member();
    m_model->setAnalysis(analysis);
    const bool scored = analysis && analysis->policy;
    m_list->setColumnHidden(MemberListModel::Score, !scored);
    m_list->setColumnHidden(MemberListModel::Level, !scored);
    m_list->resizeColumnsToContents();
    m_list->horizontalHeader()->setSectionResizeMode(MemberListModel::Name, QHeaderView::Stretch);
    m_audit->setAnalysis(std::move(analysis));
    if (current != NoIndex)
        showMember(current);
}

Index MembersPage::member() const
{
    return m_audit->member();
}

void MembersPage::search(const QString &text)
{
    if (m_search->text() != text)
        m_search->setText(text);
    if (!m_analysis)
        return;
    const QString trimmed = text.trimmed();
    if (const auto id = snowflake::parse(QStringView(trimmed))) {
        const Index user = m_analysis->history->userIndex(*id);
        if (user != NoIndex) {
            showMember(user);
            return;
        }
    }
    if (m_proxy->rowCount() >= 1) {
        // The first match in the list's order (most reactions received first).
        const QModelIndex first = m_proxy->index(0, 0);
        showMember(first.data(MemberListModel::UserRole).value<Index>());
    }
}

void MembersPage::showMember(Index user)
{
    const int row = m_model->rowOf(user);
    if (row >= 0) {
        QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
        if (!index.isValid()) {
            // Hidden by the search text: clear it so the chosen member is in the list.
            m_search->clear();
            index = m_proxy->mapFromSource(m_model->index(row, 0));
        }
        m_list->setCurrentIndex(index);
        m_list->scrollTo(index);
    }
    if (m_audit->member() != user) {
        m_audit->setMember(user);
        Q_EMIT memberChosen(user);
    }
}

} // namespace gavel::ui
