#pragma once

#include "InvestigationSession.h"
#include "common/Result.h"
#include "policy/Compare.h"

#include <QPointer>
#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTableWidget;
class QTimer;

namespace gavel::ui {

class PolicyChangeModel;

//! The policy lab (issue 4/7): policy A and policy B (shipped or a file) replayed over the open
//! guild's history side by side with policy::compare() — the API `gavel compare` uses — on a
//! worker: members whose role changes, rank correlation, top 1 %/10 % shares, and what the
//! detected rings and alt families gain. B's JSON is edited in place with live validation;
//! "Save as proposal…" turns B's plan into a proposal for the Reviews page.
class PoliciesPage : public QWidget
{
    Q_OBJECT

public:
    explicit PoliciesPage(QWidget *parent = nullptr);
    ~PoliciesPage() override;

    //! Works on the session's history (and its recorded deactivations and clusters).
    void openGuild(InvestigationSession *session);
    void closeGuild();
    //! The analysis shown elsewhere: its clusters are the groups, its score time the lab's.
    void setAnalysis(std::shared_ptr<const Analysis> analysis);

    //! Chooses A or B from a source (":/policies/…" or a file path); B's text goes to the editor.
    bool choosePolicyA(const QString &source);
    bool choosePolicyB(const QString &source);
    //! Starts a comparison now (the editor and choices start one by themselves).
    void compareNow();
    void cancel();
    bool isRunning() const { return m_running; }

    //! The last finished comparison and what it was computed for.
    const std::optional<policy::Comparison> &comparison() const { return m_comparison; }
    qint64 comparedAt() const { return m_comparedAt; }
    std::shared_ptr<const policy::Policy> policyA() const { return m_policyA; }
    std::shared_ptr<const policy::Policy> policyB() const { return m_policyB; }

    //! Saves B's plan at the compared time as a proposal by `proposer` (worker thread);
    //! proposalSaved() or proposalFailed() follows.
    void saveAsProposal(const QString &proposer);
    //! Writes the editor's text (B) to `path`.
    Result<void> savePolicyFile(const QString &path) const;

    QComboBox *policyABox() const { return m_boxA; }
    QComboBox *policyBBox() const { return m_boxB; }
    QPlainTextEdit *editor() const { return m_editor; }
    QString validationText() const;
    QString figuresText() const;
    PolicyChangeModel *changeModel() const { return m_model; }
    QSortFilterProxyModel *changeProxy() const { return m_proxy; }
    QTableWidget *groupTable() const { return m_groups; }

Q_SIGNALS:
    void auditRequested(gavel::ui::Index user);
    //! A comparison finished (or failed: figuresText() says why).
    void comparisonFinished();
    void proposalSaved(qint64 id);
    void proposalFailed(const QString &message);

private:
    void fillChoices(QComboBox *box);
    void choiceActivated(QComboBox *box, int index);
    void editorChanged();
    void validate();
    void scheduleCompare();
    void showComparison();
    void askSaveAsProposal();
    void askSavePolicyFile();
    std::vector<policy::Group> groups() const;

    QPointer<InvestigationSession> m_session;
    std::shared_ptr<const Analysis> m_analysis;
    std::shared_ptr<const policy::Policy> m_policyA;
    std::shared_ptr<const policy::Policy> m_policyB;      //!< the editor's text when it parses
    std::shared_ptr<const policy::Evaluator> m_evaluator; //!< over m_evaluatorHistory
    std::shared_ptr<const history::History> m_evaluatorHistory;
    std::optional<policy::Comparison> m_comparison;
    std::shared_ptr<const policy::Evaluation> m_evalA, m_evalB;
    qint64 m_comparedAt = 0;
    quint64 m_generation = 0;
    bool m_running = false;  //!< a comparison is wanted and not finished
    bool m_inFlight = false; //!< a worker is evaluating
    bool m_pending = false;  //!< compare again when the worker ends
    bool m_settingText = false;
    int m_indexA = 0, m_indexB = 0;

    QComboBox *m_boxA;
    QComboBox *m_boxB;
    QPlainTextEdit *m_editor;
    QLabel *m_validation;
    QPushButton *m_compare;
    QPushButton *m_cancel;
    QPushButton *m_propose;
    QPushButton *m_saveFile;
    QLabel *m_figures;
    PolicyChangeModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    QTableWidget *m_groups;
    QTimer *m_validateTimer;
};

} // namespace gavel::ui
