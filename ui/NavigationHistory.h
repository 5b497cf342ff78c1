#pragma once

#include "history/History.h"

#include <QList>

namespace gavel::ui {

//! The investigation views a guild offers.
enum class InvestigationViewKind { Dashboard, Heatmap, Clusters, Members, Policies, Reviews };
//! How many InvestigationViewKind values there are.
inline constexpr int investigationViewCount = 6;

//! Where the user is: a view and what it shows (a member's audit, a cluster).
struct NavigationState
{
    InvestigationViewKind view = InvestigationViewKind::Dashboard;
    history::Index member = history::NoIndex; //!< Members: the audited member
    int cluster = 0;                          //!< Clusters: the chosen cluster's id
    friend bool operator==(const NavigationState &, const NavigationState &) = default;
};

//! Back/forward history between views, like a browser's: visiting a new place after going back
//! drops the forward entries; visiting the current place again records nothing.
class NavigationHistory
{
public:
    //! Records a visit and makes it current.
    void visit(const NavigationState &state);
    //! Replaces the current entry (e.g. the member of the current audit changed by search).
    void replaceCurrent(const NavigationState &state);
    bool canGoBack() const { return m_current > 0; }
    bool canGoForward() const { return m_current + 1 < m_entries.size(); }
    //! Moves back/forward and returns the new current state (unchanged when impossible).
    NavigationState back();
    NavigationState forward();
    NavigationState current() const;
    bool isEmpty() const { return m_entries.isEmpty(); }
    void clear();
    qsizetype size() const { return m_entries.size(); }

    static constexpr qsizetype maxEntries = 100;

private:
    QList<NavigationState> m_entries;
    qsizetype m_current = -1;
};

} // namespace gavel::ui
