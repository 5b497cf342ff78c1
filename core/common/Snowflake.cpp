#include "Snowflake.h"

#include <QByteArrayView>

#include <charconv>

namespace gavel::snowflake {

std::optional<quint64> parse(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 20)
        return std::nullopt;
    quint64 value = 0;
    const char *begin = text.data();
    const char *end = begin + text.size();
    const auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc() || ptr != end)
        return std::nullopt;
    return value;
}

std::optional<quint64> parse(QStringView text)
{
    if (text.isEmpty() || text.size() > 20)
        return std::nullopt;
    char buffer[20];
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c < u'0' || c > u'9')
            return std::nullopt;
        buffer[i] = static_cast<char>(c);
    }
    return parse(QByteArrayView(buffer, text.size()));
}

QString toString(quint64 id)
{
    return QString::number(id);
}

} // namespace gavel::snowflake
