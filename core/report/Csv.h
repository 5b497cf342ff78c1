#pragma once

#include <QString>
#include <QStringList>

//! CSV for evidence packages: RFC 4180 quoting, and cells a spreadsheet would run as a formula
//! neutralised. Display names are attacker-controlled, so every text cell goes through here.
namespace gavel::report::csv {

//! One cell: a text starting with = + - @ tab or CR gets a leading apostrophe (spreadsheets
//! show it as text, never evaluate it), then the cell is quoted when it holds a comma, quote,
//! CR or LF (quotes doubled). Numbers that begin with '-' are cells too: use number() for them.
QString field(const QString &text);
//! A numeric cell written by Gavel itself (never user text): quoted when needed, not neutralised,
//! so negative numbers stay numbers.
QString number(const QString &text);
//! One record: the already-encoded cells joined by commas and ended by CRLF (RFC 4180).
QString record(const QStringList &encodedCells);
//! A record of text cells (each through field()).
QString textRecord(const QStringList &cells);

//! Parses RFC 4180 text (CRLF or LF line ends) into records of cells; an apostrophe added by
//! field() is not removed (use unneutralise()). For tests and the round trip.
QList<QStringList> parse(const QString &text);
//! The original text of a cell field() neutralised.
QString unneutralise(const QString &cell);

} // namespace gavel::report::csv
