#include "Json.h"

#include "common/JsonString.h"
#include "common/Snowflake.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <simdjson.h>

namespace gavel::emulator::json {

void appendString(QByteArray &out, std::string_view utf8)
{
    out.reserve(out.size() + static_cast<qsizetype>(utf8.size()) + 2);
    ::gavel::json::appendQuoted(out, utf8);
}

QByteArray string(std::string_view utf8)
{
    QByteArray out;
    appendString(out, utf8);
    return out;
}

QByteArray string(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return string(view(utf8));
}

QByteArray id(quint64 value)
{
    QByteArray out;
    out.reserve(22);
    out.append('"').append(QByteArray::number(value)).append('"');
    return out;
}

QByteArray seconds3(double value)
{
    char buffer[64];
    const int n = std::snprintf(buffer, sizeof buffer, "%.3f", value < 0 ? 0.0 : value);
    return {buffer, n};
}

std::optional<std::vector<quint64>> idArray(std::string_view text)
{
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(text.data(), text.size(), true).get(root) != simdjson::SUCCESS)
        return std::nullopt;
    simdjson::dom::array array;
    if (root.get_array().get(array) != simdjson::SUCCESS)
        return std::nullopt;
    std::vector<quint64> ids;
    for (simdjson::dom::element e : array) {
        std::string_view digits;
        uint64_t number = 0;
        if (e.get_string().get(digits) == simdjson::SUCCESS) {
            const auto id = snowflake::parse(
                QByteArrayView(digits.data(), static_cast<qsizetype>(digits.size())));
            if (!id)
                return std::nullopt;
            ids.push_back(*id);
        } else if (e.get_uint64().get(number) == simdjson::SUCCESS) {
            ids.push_back(number);
        } else {
            return std::nullopt;
        }
    }
    return ids;
}

std::optional<quint64> rawId(std::string_view raw)
{
    if (raw.size() < 3 || raw.front() != '"' || raw.back() != '"')
        return std::nullopt;
    const std::string_view digits = raw.substr(1, raw.size() - 2);
    return snowflake::parse(QByteArrayView(digits.data(), static_cast<qsizetype>(digits.size())));
}

namespace {

class Validator
{
public:
    explicit Validator(std::string_view text)
        : m_text(text)
    {}

    std::optional<SyntaxError> run()
    {
        skipSpace();
        if (!value(0))
            return m_error;
        skipSpace();
        if (m_pos != m_text.size())
            fail("unexpected text after the end of the JSON value");
        return m_error;
    }

private:
    bool fail(const char *what)
    {
        if (m_error)
            return false;
        SyntaxError error;
        error.offset = static_cast<qint64>(m_pos);
        error.what = QString::fromLatin1(what);
        for (size_t i = 0; i < m_pos; ++i) {
            if (m_text[i] == '\n') {
                ++error.line;
                error.column = 1;
            } else if ((static_cast<unsigned char>(m_text[i]) & 0xC0) != 0x80) {
                ++error.column;
            }
        }
        m_error = error;
        return false;
    }

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }

    void skipSpace()
    {
        while (!atEnd()) {
            const char c = m_text[m_pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                return;
            ++m_pos;
        }
    }

    bool value(int depth)
    {
        if (depth > 1024)
            return fail("nesting deeper than 1024 levels");
        if (atEnd())
            return fail("unexpected end of input, expected a value");
        switch (peek()) {
        case '{':
            return object(depth);
        case '[':
            return array(depth);
        case '"':
            return string();
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            if (peek() == '-' || (peek() >= '0' && peek() <= '9'))
                return number();
            return fail("unexpected character, expected a value");
        }
    }

    bool literal(std::string_view word)
    {
        if (m_text.substr(m_pos, word.size()) != word)
            return fail("invalid literal (expected true, false or null)");
        m_pos += word.size();
        return true;
    }

    bool digits()
    {
        const size_t start = m_pos;
        while (!atEnd() && peek() >= '0' && peek() <= '9')
            ++m_pos;
        return m_pos > start;
    }

    bool number()
    {
        if (peek() == '-')
            ++m_pos;
        if (peek() == '0') {
            ++m_pos;
        } else if (!digits()) {
            return fail("invalid number");
        }
        if (peek() == '.') {
            ++m_pos;
            if (!digits())
                return fail("invalid number: digits expected after the decimal point");
        }
        if (peek() == 'e' || peek() == 'E') {
            ++m_pos;
            if (peek() == '+' || peek() == '-')
                ++m_pos;
            if (!digits())
                return fail("invalid number: digits expected in the exponent");
        }
        return true;
    }

    bool string()
    {
        ++m_pos; // opening quote
        while (true) {
            if (atEnd())
                return fail("unterminated string");
            const auto c = static_cast<unsigned char>(m_text[m_pos]);
            if (c == '"') {
                ++m_pos;
                return true;
            }
            if (c < 0x20)
                return fail("control character inside a string");
            if (c == '\\') {
                ++m_pos;
                const char e = peek();
                if (e == 'u') {
                    ++m_pos;
                    for (int i = 0; i < 4; ++i, ++m_pos) {
                        if (!std::isxdigit(static_cast<unsigned char>(peek())))
                            return fail("invalid \\u escape in a string");
                    }
                    continue;
                }
                if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos || atEnd())
                    return fail("invalid escape in a string");
            }
            ++m_pos;
        }
    }

    bool array(int depth)
    {
        ++m_pos;
        skipSpace();
        if (peek() == ']') {
            ++m_pos;
            return true;
        }
        while (true) {
            skipSpace();
            if (!value(depth + 1))
                return false;
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == ']') {
                ++m_pos;
                return true;
            }
            return fail(atEnd() ? "unexpected end of input inside an array"
                                : "expected ',' or ']' in an array");
        }
    }

    bool object(int depth)
    {
        ++m_pos;
        skipSpace();
        if (peek() == '}') {
            ++m_pos;
            return true;
        }
        while (true) {
            skipSpace();
            if (peek() != '"')
                return fail(atEnd() ? "unexpected end of input inside an object"
                                    : "expected a quoted key in an object");
            if (!string())
                return false;
            skipSpace();
            if (peek() != ':')
                return fail("expected ':' after an object key");
            ++m_pos;
            skipSpace();
            if (!value(depth + 1))
                return false;
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == '}') {
                ++m_pos;
                return true;
            }
            return fail(atEnd() ? "unexpected end of input inside an object"
                                : "expected ',' or '}' in an object");
        }
    }

    std::string_view m_text;
    size_t m_pos = 0;
    std::optional<SyntaxError> m_error;
};

} // namespace

std::optional<SyntaxError> findSyntaxError(std::string_view text)
{
    return Validator(text).run();
}

std::optional<Object> Object::parse(std::string_view text)
{
    // One parser per thread: it keeps its buffers between calls, and the emulator edits
    // stored objects from its own thread only.
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(text.data(), text.size(), true).get(root) != simdjson::SUCCESS)
        return std::nullopt;
    simdjson::dom::object object;
    if (root.get_object().get(object) != simdjson::SUCCESS)
        return std::nullopt;
    Object result;
    result.m_fields.reserve(object.size());
    for (const auto field : object) {
        result.m_fields.emplace_back(bytes(field.key),
                                     QByteArray::fromStdString(simdjson::to_string(field.value)));
    }
    return result;
}

bool Object::contains(std::string_view key) const
{
    for (const auto &[k, v] : m_fields) {
        if (view(k) == key)
            return true;
    }
    return false;
}

std::string_view Object::value(std::string_view key) const
{
    for (const auto &[k, v] : m_fields) {
        if (view(k) == key)
            return view(v);
    }
    return {};
}

void Object::set(std::string_view key, QByteArray rawValue)
{
    for (auto &[k, v] : m_fields) {
        if (view(k) == key) {
            v = std::move(rawValue);
            return;
        }
    }
    m_fields.emplace_back(bytes(key), std::move(rawValue));
}

void Object::setIfMissing(std::string_view key, QByteArray rawValue)
{
    if (!contains(key))
        m_fields.emplace_back(bytes(key), std::move(rawValue));
}

bool Object::remove(std::string_view key)
{
    for (auto it = m_fields.begin(); it != m_fields.end(); ++it) {
        if (view(it->first) == key) {
            m_fields.erase(it);
            return true;
        }
    }
    return false;
}

QByteArray Object::toJson() const
{
    qsizetype size = 2;
    for (const auto &[k, v] : m_fields)
        size += k.size() + v.size() + 4;
    QByteArray out;
    out.reserve(size);
    out.append('{');
    bool first = true;
    for (const auto &[k, v] : m_fields) {
        if (!first)
            out.append(',');
        first = false;
        appendString(out, view(k));
        out.append(':').append(v);
    }
    out.append('}');
    return out;
}

} // namespace gavel::emulator::json
