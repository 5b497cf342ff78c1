#include "ProposalNoteDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace gavel::ui {

namespace {
const QString reviewerKey = u"reviews/reviewer"_s;
}

ProposalNoteDialog::ProposalNoteDialog(const QString &title, const QString &explanation,
                                       const QString &okText, bool withNote, QWidget *parent)
    : QDialog(parent)
    , m_reviewer(new QLineEdit(lastReviewer(), this))
    , m_note(new QPlainTextEdit(this))
    , m_ok(nullptr)
{
    setWindowTitle(title);
    auto *text = new QLabel(explanation, this);
    text->setTextFormat(Qt::PlainText);
    text->setWordWrap(true);
    m_reviewer->setAccessibleName(tr("Reviewer name"));
    m_reviewer->setPlaceholderText(tr("your name in the review team"));
    m_note->setAccessibleName(tr("Note"));
    m_note->setPlaceholderText(tr("why (recorded with the decision and shown to the team)"));
    m_note->setTabChangesFocus(true);
    m_note->setVisible(withNote);

    auto *form = new QFormLayout;
    form->addRow(tr("&Reviewer:"), m_reviewer);
    if (withNote)
        form->addRow(tr("&Note:"), m_note);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(okText);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    const auto update = [this] { m_ok->setEnabled(!reviewer().isEmpty()); };
    connect(m_reviewer, &QLineEdit::textChanged, this, update);
    update();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addLayout(form);
    layout->addWidget(buttons);
    if (m_reviewer->text().isEmpty())
        m_reviewer->setFocus();
    else if (withNote)
        m_note->setFocus();
    resize(460, sizeHint().height());
}

QString ProposalNoteDialog::reviewer() const
{
    return m_reviewer->text().trimmed();
}

QString ProposalNoteDialog::note() const
{
    return m_note->toPlainText().trimmed();
}

QString ProposalNoteDialog::lastReviewer()
{
    return QSettings().value(reviewerKey).toString();
}

void ProposalNoteDialog::rememberReviewer(const QString &name)
{
    if (!name.isEmpty())
        QSettings().setValue(reviewerKey, name);
}

void ProposalNoteDialog::accept()
{
    rememberReviewer(reviewer());
    QDialog::accept();
}

} // namespace gavel::ui
