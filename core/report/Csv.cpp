#include "report/Csv.h"

using namespace Qt::StringLiterals;

namespace gavel::report::csv {

namespace {

bool dangerous(const QString &text)
{
    if (text.isEmpty())
        return false;
    const QChar c = text.front();
    return c == u'=' || c == u'+' || c == u'-' || c == u'@' || c == u'\t' || c == u'\r';
}

QString quoted(const QString &text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\r') &&
        !text.contains(u'\n'))
        return text;
    QString out = text;
    out.replace(u"\""_s, u"\"\""_s);
    return u'"' + out + u'"';
}

} // namespace

QString field(const QString &text)
{
    // A leading apostrophe is itself neutralised too, so that unneutralise() is exact.
    if (dangerous(text) || text.startsWith(u'\''))
        return quoted(u'\'' + text);
    return quoted(text);
}

QString number(const QString &text)
{
    return quoted(text);
}

QString record(const QStringList &encodedCells)
{
    return encodedCells.join(u',') + u"\r\n"_s;
}

QString textRecord(const QStringList &cells)
{
    QStringList encoded;
    encoded.reserve(cells.size());
    for (const QString &c : cells)
        encoded.append(field(c));
    return record(encoded);
}

QList<QStringList> parse(const QString &text)
{
    QList<QStringList> records;
    QStringList current;
    QString cell;
    bool inQuotes = false;
    bool any = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    cell += u'"';
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                cell += c;
            }
            continue;
        }
        if (c == u'"') {
            inQuotes = true;
            any = true;
        } else if (c == u',') {
            current.append(cell);
            cell.clear();
            any = true;
        } else if (c == u'\r' || c == u'\n') {
            if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n')
                ++i;
            current.append(cell);
            records.append(current);
            current.clear();
            cell.clear();
            any = false;
        } else {
            cell += c;
            any = true;
        }
    }
    if (any || !cell.isEmpty() || !current.isEmpty()) {
        current.append(cell);
        records.append(current);
    }
    return records;
}

QString unneutralise(const QString &cell)
{
    return cell.startsWith(u'\'') ? cell.mid(1) : cell;
}

} // namespace gavel::report::csv
