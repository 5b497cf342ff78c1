#include "PairEvidenceDialog.h"

#include "ReactionListWidget.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace gavel::ui {

PairEvidenceDialog::PairEvidenceDialog(std::shared_ptr<const Analysis> analysis, Index a, Index b,
                                       QWidget *parent)
    : QDialog(parent)
    , m_a(a)
    , m_b(b)
    , m_list(new ReactionListWidget(this))
{
    setObjectName(QStringLiteral("pairEvidenceDialog"));
    const history::History &h = *analysis->history;
    const QString nameA = h.users[a].displayName();
    const QString nameB = h.users[b].displayName();
    setWindowTitle(tr("Evidence: %1 and %2").arg(nameA, nameB));

    const QLocale locale;
    const analysis::Pair *ab = analysis->matrix.find(a, b);
    const analysis::Pair *ba = analysis->matrix.find(b, a);
    const quint32 countAB = ab ? ab->count : 0;
    const quint32 countBA = ba ? ba->count : 0;
    auto *summary = new QLabel(this);
    summary->setTextFormat(Qt::RichText);
    summary->setWordWrap(true);
    QString text =
        tr("<b>%1</b> → <b>%2</b>: %3 reactions (%4 of %2's received)<br>"
           "<b>%2</b> → <b>%1</b>: %5 reactions (%6 of %1's received)<br>reciprocity %7")
            .arg(nameA.toHtmlEscaped(), nameB.toHtmlEscaped(), locale.toString(countAB),
                 locale.toString(ab ? analysis->matrix.shareOfReceiver(*ab) * 100 : 0.0, 'f', 1) +
                     u'%',
                 locale.toString(countBA),
                 locale.toString(ba ? analysis->matrix.shareOfReceiver(*ba) * 100 : 0.0, 'f', 1) +
                     u'%',
                 locale.toString(ab ? ab->reciprocity() : 0.0, 'f', 2));
    summary->setText(text);
    summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    m_list->model()->setRows(analysis->history, ReactionListWidget::pairRows(*analysis, a, b),
                             {tr("%1 → %2").arg(nameA, nameB), tr("%1 → %2").arg(nameB, nameA)});

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *auditA =
        buttons->addButton(tr("Audit %1").arg(nameA), QDialogButtonBox::ActionRole);
    QPushButton *auditB =
        buttons->addButton(tr("Audit %1").arg(nameB), QDialogButtonBox::ActionRole);
    connect(auditA, &QPushButton::clicked, this, [this] {
        Q_EMIT openAuditRequested(m_a);
        accept();
    });
    connect(auditB, &QPushButton::clicked, this, [this] {
        Q_EMIT openAuditRequested(m_b);
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(summary);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(860, 520);
}

} // namespace gavel::ui
