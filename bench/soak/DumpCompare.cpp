#include "DumpCompare.h"

#include <QList>
#include <QSet>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace gavel::soak {

namespace {

struct Section
{
    QByteArray name;
    QByteArray headerLine;
    QList<QByteArray> columns;
    QList<QByteArray> rows;

    int column(const char *name) const { return int(columns.indexOf(QByteArray(name))); }
};

struct Dump
{
    QList<QByteArray> preamble;
    std::vector<Section> sections;

    Section *find(const char *name)
    {
        for (Section &s : sections) {
            if (s.name == name)
                return &s;
        }
        return nullptr;
    }
};

Dump parse(const QByteArray &text)
{
    Dump dump;
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith("## ")) {
            Section s;
            s.headerLine = line;
            const QList<QByteArray> parts = line.mid(3).split('\t');
            s.name = parts.value(0);
            s.columns = parts.mid(1);
            dump.sections.push_back(std::move(s));
        } else if (line.isEmpty()) {
            continue;
        } else if (dump.sections.empty()) {
            dump.preamble.append(line);
        } else {
            dump.sections.back().rows.append(line);
        }
    }
    return dump;
}

QByteArray field(const QByteArray &row, int column)
{
    return column < 0 ? QByteArray() : row.split('\t').value(column);
}

//! Removes the rows `drop` returns true for; counts them under "table (why)".
template<typename Predicate>
void dropRows(Dump &dump, CurrentState &state, const char *table, const QString &why,
              Predicate drop)
{
    Section *s = dump.find(table);
    if (!s)
        return;
    const qsizetype before = s->rows.size();
    s->rows.removeIf([&](const QByteArray &row) { return drop(*s, row); });
    if (s->rows.size() != before)
        state.excluded[u"%1 (%2)"_s.arg(QString::fromLatin1(table), why)] +=
            before - s->rows.size();
}

QSet<QByteArray> values(Dump &dump, const char *table, const char *column)
{
    QSet<QByteArray> out;
    if (Section *s = dump.find(table)) {
        const int c = s->column(column);
        for (const QByteArray &row : std::as_const(s->rows))
            out.insert(field(row, c));
    }
    return out;
}

} // namespace

CurrentState currentState(const QByteArray &text)
{
    CurrentState state;
    Dump dump = parse(text);
    auto flagged = [](const char *column) {
        return [column](const Section &s, const QByteArray &row) {
            return field(row, s.column(column)) == "1";
        };
    };
    for (const char *table : {"roles", "emojis", "channels", "messages"})
        dropRows(dump, state, table, u"deleted"_s, flagged("deleted"));
    dropRows(dump, state, "reactions", u"removed"_s, flagged("removed"));
    dropRows(dump, state, "members", u"left"_s, [](const Section &s, const QByteArray &row) {
        return field(row, s.column("is_member")) == "0";
    });
    for (const char *table : {"member_history", "member_role_history"})
        dropRows(dump, state, table, u"history"_s,
                 [](const Section &, const QByteArray &) { return true; });

    const QSet<QByteArray> messages = values(dump, "messages", "id");
    auto ofGoneMessage = [&](const Section &s, const QByteArray &row) {
        return !messages.contains(field(row, s.column("message_id")));
    };
    dropRows(dump, state, "reactions", u"of a deleted message"_s, ofGoneMessage);
    dropRows(dump, state, "message_mentions", u"of a deleted message"_s, ofGoneMessage);

    const QSet<QByteArray> keys = values(dump, "reactions", "emoji");
    dropRows(dump, state, "reaction_emojis", u"no kept reaction"_s,
             [&](const Section &s, const QByteArray &row) {
                 return !keys.contains(field(row, s.column("key")));
             });

    QSet<QByteArray> users = values(dump, "members", "user_id");
    users |= values(dump, "member_roles", "user_id");
    users |= values(dump, "messages", "author_id");
    users |= values(dump, "messages", "reply_to_author_id");
    users |= values(dump, "reactions", "user_id");
    users |= values(dump, "reactions", "author_id");
    users |= values(dump, "message_mentions", "user_id");
    users |= values(dump, "guilds", "owner_id");
    users |= values(dump, "channels", "owner_id");
    dropRows(dump, state, "users", u"no kept row refers to them"_s,
             [&](const Section &s, const QByteArray &row) {
                 return !users.contains(field(row, s.column("id")));
             });

    for (const QByteArray &line : std::as_const(dump.preamble))
        state.text += line + '\n';
    for (const Section &s : dump.sections) {
        state.text += s.headerLine + '\n';
        for (const QByteArray &row : s.rows)
            state.text += row + '\n';
    }
    return state;
}

QStringList stateDifferences(const QByteArray &a, const QByteArray &b, int limit)
{
    QStringList out;
    Dump left = parse(a);
    Dump right = parse(b);
    QList<QByteArray> names;
    for (const Section &s : left.sections)
        names.append(s.name);
    for (const Section &s : right.sections) {
        if (!names.contains(s.name))
            names.append(s.name);
    }
    for (const QByteArray &name : std::as_const(names)) {
        const Section *l = left.find(name.constData());
        const Section *r = right.find(name.constData());
        const QList<QByteArray> lrows = l ? l->rows : QList<QByteArray>{};
        const QList<QByteArray> rrows = r ? r->rows : QList<QByteArray>{};
        if (l && r && l->headerLine != r->headerLine)
            out.append(u"%1: the columns differ"_s.arg(QString::fromUtf8(name)));
        const QSet<QByteArray> lset(lrows.begin(), lrows.end());
        const QSet<QByteArray> rset(rrows.begin(), rrows.end());
        for (const QByteArray &row : lrows) {
            if (!rset.contains(row) && out.size() < limit)
                out.append(
                    u"%1 - %2"_s.arg(QString::fromUtf8(name), QString::fromUtf8(row.left(300))));
        }
        for (const QByteArray &row : rrows) {
            if (!lset.contains(row) && out.size() < limit)
                out.append(
                    u"%1 + %2"_s.arg(QString::fromUtf8(name), QString::fromUtf8(row.left(300))));
        }
    }
    return out;
}

} // namespace gavel::soak
