#pragma once

#include "InvestigationSession.h"

#include <QDialog>

#include <memory>

class QLabel;

namespace gavel::ui {

class ReactionListWidget;

//! The evidence of one reactor pair: its figures and every counted reaction in both directions
//! (time, channel, emoji, message link) under the current filter.
class PairEvidenceDialog : public QDialog
{
    Q_OBJECT

public:
    PairEvidenceDialog(std::shared_ptr<const Analysis> analysis, Index a, Index b,
                       QWidget *parent = nullptr);

    Index reactor() const { return m_a; }
    Index author() const { return m_b; }
    ReactionListWidget *reactions() const { return m_list; }

Q_SIGNALS:
    void openAuditRequested(gavel::ui::Index user);

private:
    Index m_a;
    Index m_b;
    ReactionListWidget *m_list;
};

} // namespace gavel::ui
