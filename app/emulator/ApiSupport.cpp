#include "ApiSupport.h"

#include "Json.h"
#include "common/Snowflake.h"

namespace gavel::emulator {

void Timing::add(qint64 ns)
{
    constexpr size_t capacity = 8192;
    if (samples.size() < capacity) {
        samples.push_back(ns);
    } else {
        samples[next] = ns;
        next = (next + 1) % capacity;
    }
    ++count;
}

QByteArray percentDecode(QByteArrayView text, bool plusIsSpace)
{
    QByteArray bytes = text.toByteArray();
    if (plusIsSpace)
        bytes.replace('+', ' ');
    return QByteArray::fromPercentEncoding(bytes);
}

Query::Query(QByteArrayView raw)
{
    if (raw.isEmpty())
        return;
    for (const QByteArray &part : raw.toByteArray().split('&')) {
        if (part.isEmpty())
            continue;
        const qsizetype eq = part.indexOf('=');
        if (eq < 0)
            m_items.emplace_back(percentDecode(part, true), QByteArray());
        else
            m_items.emplace_back(percentDecode(QByteArrayView(part).first(eq), true),
                                 percentDecode(QByteArrayView(part).sliced(eq + 1), true));
    }
}

std::optional<QByteArray> Query::value(QByteArrayView name) const
{
    for (const auto &[k, v] : m_items) {
        if (k == name)
            return v;
    }
    return std::nullopt;
}

void FormErrors::add(const QByteArray &field, const QByteArray &message)
{
    QByteArray error("{\"code\":50035,\"message\":");
    error.append(json::string(json::view(message))).append('}');
    m_fields.emplace_back(field, error);
}

QByteArray FormErrors::json() const
{
    QByteArray out("{\"code\":50035,\"errors\":{");
    for (size_t i = 0; i < m_fields.size(); ++i) {
        if (i)
            out.append(',');
        json::appendString(out, json::view(m_fields[i].first));
        out.append(":{\"_errors\":[").append(m_fields[i].second).append("]}");
    }
    out.append("},\"message\":\"Invalid Form Body\"}");
    return out;
}

int FormErrors::integer(const Query &query, const QByteArray &name, int fallback, int min, int max)
{
    const auto text = query.value(name);
    if (!text)
        return fallback;
    bool ok = false;
    const qlonglong n = text->toLongLong(&ok);
    if (!ok || text->isEmpty()) {
        add(name, "Value \"" + *text + "\" is not int.");
        return fallback;
    }
    if (n < min) {
        add(name, "int value should be greater than or equal to " + QByteArray::number(min) + '.');
        return fallback;
    }
    if (n > max) {
        add(name, "int value should be less than or equal to " + QByteArray::number(max) + '.');
        return fallback;
    }
    return static_cast<int>(n);
}

std::optional<quint64> FormErrors::snowflake(const Query &query, const QByteArray &name)
{
    const auto text = query.value(name);
    if (!text)
        return std::nullopt;
    const auto id = gavel::snowflake::parse(QByteArrayView(*text));
    if (!id) {
        add(name, "Value \"" + *text + "\" is not snowflake.");
        return std::nullopt;
    }
    return id;
}

namespace reply {

HttpResponse json(int status, QByteArray body)
{
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

HttpResponse error(int status, int code, QByteArrayView message)
{
    QByteArray body("{\"message\":");
    body.append(
        json::string(std::string_view(message.data(), static_cast<size_t>(message.size()))));
    body.append(",\"code\":").append(QByteArray::number(code)).append('}');
    return json(status, body);
}

HttpResponse noContent()
{
    HttpResponse r;
    r.status = 204;
    return r;
}

HttpResponse invalidForm(const FormErrors &errors)
{
    return json(400, errors.json());
}

} // namespace reply

} // namespace gavel::emulator
