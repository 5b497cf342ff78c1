#include "NavigationHistory.h"

namespace gavel::ui {

void NavigationHistory::visit(const NavigationState &state)
{
    if (m_current >= 0 && m_entries[m_current] == state)
        return;
    m_entries.resize(m_current + 1);
    m_entries.append(state);
    if (m_entries.size() > maxEntries)
        m_entries.removeFirst();
    m_current = m_entries.size() - 1;
}

void NavigationHistory::replaceCurrent(const NavigationState &state)
{
    if (m_current < 0)
        visit(state);
    else
        m_entries[m_current] = state;
}

NavigationState NavigationHistory::back()
{
    if (canGoBack())
        --m_current;
    return current();
}

NavigationState NavigationHistory::forward()
{
    if (canGoForward())
        ++m_current;
    return current();
}

NavigationState NavigationHistory::current() const
{
    return m_current >= 0 ? m_entries[m_current] : NavigationState{};
}

void NavigationHistory::clear()
{
    m_entries.clear();
    m_current = -1;
}

} // namespace gavel::ui
