#include "discord/Token.h"

#include <QDebug>

namespace gavel::discord {

using namespace Qt::StringLiterals;

Token::Token(QByteArrayView secret)
{
    QByteArray text = secret.toByteArray().trimmed();
    // People paste the whole header value; the prefix is added back by authorizationValue().
    if (text.startsWith("Bot ") || text.startsWith("bot "))
        text = text.sliced(4).trimmed();
    m_secret = text;
}

QByteArray Token::authorizationValue() const
{
    return QByteArrayView("Bot ") + m_secret;
}

Result<void> Token::validate(const QString &source) const
{
    if (m_secret.isEmpty()) {
        return Error{u"No bot token: %1 is empty."_s.arg(source),
                     u"Copy the token from the Discord Developer Portal (your application → Bot → "
                     "Reset Token) into it."_s};
    }
    for (const char c : m_secret) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte >= 0x7f) {
            return Error{u"The bot token in %1 contains spaces, line breaks or other characters "
                         "a token never has."_s.arg(source),
                         u"Copy the token again from the Discord Developer Portal; only the token "
                         "itself, on one line."_s};
        }
    }
    return {};
}

QDebug operator<<(QDebug debug, const Token &token)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << (token.isEmpty() ? "Token(empty)" : "Token(<redacted>)");
    return debug;
}

EnvTokenSource::EnvTokenSource(QString variable)
    : m_variable(std::move(variable))
{}

Result<Token> EnvTokenSource::token() const
{
    if (m_variable.isEmpty()) {
        return Error{u"No bot token: the name of the environment variable is empty."_s,
                     u"Pass --token-env NAME, or leave it out to use GAVEL_TOKEN."_s};
    }
    if (!qEnvironmentVariableIsSet(m_variable.toLocal8Bit().constData())) {
        return Error{
            u"No bot token: the environment variable %1 is not set."_s.arg(m_variable),
            u"Set %1 to the bot token from the Discord Developer Portal (your application "
            "→ Bot → Reset Token), or name another variable with --token-env."_s.arg(m_variable)};
    }
    Token token(qgetenv(m_variable.toLocal8Bit().constData()));
    if (const Result<void> valid = token.validate(describe()); !valid)
        return valid.error();
    return token;
}

QString EnvTokenSource::describe() const
{
    return u"the environment variable %1"_s.arg(m_variable);
}

} // namespace gavel::discord
