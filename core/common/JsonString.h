#pragma once

#include <string_view>

namespace gavel::json {

/*!
 * Appends `utf8` to `out` as a quoted JSON string escaped per RFC 8259: quote, backslash and
 * every control character below 0x20 (short forms where JSON has them, \u00XX otherwise);
 * everything else, non-ASCII included, is copied as is. `Out` is std::string or QByteArray
 * (anything with push_back(char) and append(const char *, size)).
 */
template<typename Out>
void appendQuoted(Out &out, std::string_view utf8)
{
    static constexpr char hex[] = "0123456789abcdef";
    using Size = decltype(out.size());
    out.push_back('"');
    std::size_t run = 0; // start of the pending run of bytes that need no escaping
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(utf8.data() + run, static_cast<Size>(i - run));
        run = i + 1;
        switch (c) {
        case '"':
            out.append("\\\"", 2);
            break;
        case '\\':
            out.append("\\\\", 2);
            break;
        case '\n':
            out.append("\\n", 2);
            break;
        case '\r':
            out.append("\\r", 2);
            break;
        case '\t':
            out.append("\\t", 2);
            break;
        case '\b':
            out.append("\\b", 2);
            break;
        case '\f':
            out.append("\\f", 2);
            break;
        default: {
            const char escape[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            out.append(escape, 6);
        }
        }
    }
    out.append(utf8.data() + run, static_cast<Size>(utf8.size() - run));
    out.push_back('"');
}

} // namespace gavel::json
