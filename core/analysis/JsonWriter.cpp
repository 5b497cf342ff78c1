#include "analysis/JsonWriter.h"

#include <QDateTime>
#include <QLocale>

#include <cmath>

namespace gavel::analysis {

JsonWriter::JsonWriter(QByteArray &out)
    : m_out(out)
{}

void JsonWriter::newline()
{
    m_out.append('\n');
    m_out.append(qsizetype(m_hasItems.size()) * 4, ' ');
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_hasItems.empty())
        return;
    if (m_hasItems.back())
        m_out.append(',');
    m_hasItems.back() = true;
    newline();
}

JsonWriter &JsonWriter::open(char bracket)
{
    beforeValue();
    m_out.append(bracket);
    m_hasItems.push_back(false);
    return *this;
}

JsonWriter &JsonWriter::close(char bracket)
{
    const bool items = m_hasItems.back();
    m_hasItems.pop_back();
    if (items)
        newline();
    m_out.append(bracket);
    if (m_hasItems.empty())
        m_out.append('\n');
    return *this;
}

JsonWriter &JsonWriter::key(QByteArrayView name)
{
    beforeValue();
    m_out.append('"').append(name).append("\": ");
    m_afterKey = true;
    return *this;
}

void JsonWriter::appendString(QByteArray &out, QStringView text)
{
    static constexpr char hex[] = "0123456789abcdef";
    out.append('"');
    const char16_t *p = text.utf16();
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        char32_t c = p[i];
        if (c < 0x80) {
            switch (c) {
            case u'"':
                out.append("\\\"");
                break;
            case u'\\':
                out.append("\\\\");
                break;
            case u'\n':
                out.append("\\n");
                break;
            case u'\r':
                out.append("\\r");
                break;
            case u'\t':
                out.append("\\t");
                break;
            case u'\b':
                out.append("\\b");
                break;
            case u'\f':
                out.append("\\f");
                break;
            default:
                if (c < 0x20) {
                    const char esc[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                    out.append(esc, sizeof esc);
                } else {
                    out.append(char(c));
                }
            }
            continue;
        }
        if (c >= 0xD800 && c < 0xDC00 && i + 1 < n && p[i + 1] >= 0xDC00 && p[i + 1] < 0xE000) {
            c = 0x10000 + ((c - 0xD800) << 10) + (char32_t(p[i + 1]) - 0xDC00);
            ++i;
        } else if (c >= 0xD800 && c < 0xE000) {
            c = 0xFFFD; // a lone surrogate: what QString::toUtf8() writes too
        }
        char b[4];
        int len;
        if (c < 0x800) {
            b[0] = char(0xC0 | (c >> 6));
            b[1] = char(0x80 | (c & 0x3F));
            len = 2;
        } else if (c < 0x10000) {
            b[0] = char(0xE0 | (c >> 12));
            b[1] = char(0x80 | ((c >> 6) & 0x3F));
            b[2] = char(0x80 | (c & 0x3F));
            len = 3;
        } else {
            b[0] = char(0xF0 | (c >> 18));
            b[1] = char(0x80 | ((c >> 12) & 0x3F));
            b[2] = char(0x80 | ((c >> 6) & 0x3F));
            b[3] = char(0x80 | (c & 0x3F));
            len = 4;
        }
        out.append(b, len);
    }
    out.append('"');
}

JsonWriter &JsonWriter::string(QStringView text)
{
    beforeValue();
    appendString(m_out, text);
    return *this;
}

JsonWriter &JsonWriter::asciiString(QByteArrayView text)
{
    beforeValue();
    m_out.append('"').append(text).append('"');
    return *this;
}

JsonWriter &JsonWriter::number(qint64 value)
{
    beforeValue();
    m_out.append(QByteArray::number(value));
    return *this;
}

JsonWriter &JsonWriter::number(double value)
{
    beforeValue();
    if (!std::isfinite(value))
        m_out.append("null");
    else
        m_out.append(QByteArray::number(value, 'g', QLocale::FloatingPointShortest));
    return *this;
}

JsonWriter &JsonWriter::boolean(bool value)
{
    beforeValue();
    m_out.append(value ? "true" : "false");
    return *this;
}

JsonWriter &JsonWriter::null()
{
    beforeValue();
    m_out.append("null");
    return *this;
}

void JsonWriter::appendIsoTime(QByteArray &out, qint64 ms)
{
    constexpr qint64 dayMs = 86400000;
    qint64 days = ms / dayMs, rest = ms % dayMs;
    if (rest < 0) {
        rest += dayMs;
        --days;
    }
    // Howard Hinnant's civil_from_days.
    const qint64 z = days + 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const qint64 d = doy - (153 * mp + 2) / 5 + 1;
    const qint64 m = mp < 10 ? mp + 3 : mp - 9;
    const qint64 y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    if (y < 0 || y > 9999) {
        out.append(
            QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1());
        return;
    }
    const auto two = [](qint64 v, char *p) {
        p[0] = char('0' + v / 10);
        p[1] = char('0' + v % 10);
    };
    char b[24];
    b[0] = char('0' + y / 1000);
    b[1] = char('0' + y / 100 % 10);
    two(y % 100, b + 2);
    b[4] = '-';
    two(m, b + 5);
    b[7] = '-';
    two(d, b + 8);
    b[10] = 'T';
    const qint64 secs = rest / 1000;
    two(secs / 3600, b + 11);
    b[13] = ':';
    two(secs / 60 % 60, b + 14);
    b[16] = ':';
    two(secs % 60, b + 17);
    b[19] = '.';
    const qint64 milli = rest % 1000;
    b[20] = char('0' + milli / 100);
    two(milli % 100, b + 21);
    b[23] = 'Z';
    out.append(b, sizeof b);
}

} // namespace gavel::analysis
