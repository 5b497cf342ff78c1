#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace gavel::ui {

/*!
 * Asks who is acting and why: the reviewer's name as recorded in the team (remembered between
 * sessions) and a note. Used to approve, reject, push and mark clusters.
 */
class ProposalNoteDialog : public QDialog
{
    Q_OBJECT

public:
    ProposalNoteDialog(const QString &title, const QString &explanation, const QString &okText,
                       bool withNote, QWidget *parent = nullptr);

    QString reviewer() const;
    QString note() const;
    QLineEdit *reviewerEdit() const { return m_reviewer; }
    QPlainTextEdit *noteEdit() const { return m_note; }

    //! The reviewer name last used on this machine (QSettings).
    static QString lastReviewer();
    static void rememberReviewer(const QString &name);

    void accept() override;

private:
    QLineEdit *m_reviewer;
    QPlainTextEdit *m_note;
    QPushButton *m_ok;
};

} // namespace gavel::ui
