#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace gavel::soak {

//! A canonical dump (store/CanonicalDump.h) reduced to what a clean sync of the guild's current
//! state can know, and how many rows each table lost on the way.
struct CurrentState
{
    QByteArray text;
    QMap<QString, qint64> excluded; //!< "table (why)" -> rows left out
};

/*!
 * Keeps from a canonical dump only the guild as it is now: drops messages, roles, emojis and
 * channels marked deleted, removed reactions, reactions and mentions of deleted messages,
 * members who left (is_member 0), the member and role histories (a clean sync sees one state,
 * not the sequence that led to it), reaction emojis and users that no kept row refers to.
 * Applied to both sides of a compare, so it cannot hide a row that only one side has kept.
 */
CurrentState currentState(const QByteArray &dump);

//! The first `limit` lines only one side has, "-" for `a` and "+" for `b`, table by table.
QStringList stateDifferences(const QByteArray &a, const QByteArray &b, int limit = 20);

} // namespace gavel::soak
