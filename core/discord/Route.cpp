#include "discord/Route.h"

#include <QList>
#include <QUrl>

namespace gavel::discord {

using namespace Qt::StringLiterals;

QByteArrayView methodName(Method method)
{
    switch (method) {
    case Method::Get:
        return "GET";
    case Method::Post:
        return "POST";
    case Method::Put:
        return "PUT";
    case Method::Patch:
        return "PATCH";
    case Method::Delete:
        return "DELETE";
    }
    return "GET";
}

PathArg::PathArg(quint64 id)
    : m_encoded(QByteArray::number(id))
{}

PathArg::PathArg(QStringView text)
    : m_encoded(QUrl::toPercentEncoding(text.toString()))
{}

PathArg::PathArg(QLatin1StringView text)
    : PathArg(QStringView(QString(text)))
{}

namespace {

bool startsWithMajor(QByteArrayView tmpl)
{
    return tmpl.startsWith("/channels/{}") || tmpl.startsWith("/guilds/{}") ||
           tmpl.startsWith("/webhooks/{}");
}

// Everything after /reactions is one bucket on Discord (per channel), whatever the emoji,
// user or message: cutting there maps every reaction route of a method to one key.
QByteArrayView bucketTemplate(QByteArrayView tmpl)
{
    const qsizetype at = tmpl.indexOf(QByteArrayView("/reactions"));
    if (at >= 0 && tmpl.startsWith("/channels/{}/messages/{}"))
        return tmpl.first(at + qsizetype(sizeof("/reactions") - 1));
    return tmpl;
}

bool isDigits(QByteArrayView segment)
{
    if (segment.isEmpty())
        return false;
    for (const char c : segment) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

} // namespace

Route::Route(Method method, QByteArrayView pathTemplate, std::initializer_list<PathArg> args)
    : m_method(method)
{
    m_path.reserve(pathTemplate.size() + qsizetype(args.size()) * 20);
    const PathArg *arg = args.begin();
    bool valid = pathTemplate.startsWith('/');
    qsizetype i = 0;
    while (i < pathTemplate.size()) {
        const qsizetype open = pathTemplate.indexOf(QByteArrayView("{}"), i);
        if (open < 0) {
            m_path.append(pathTemplate.sliced(i));
            break;
        }
        m_path.append(pathTemplate.sliced(i, open - i));
        if (arg == args.end()) {
            valid = false;
        } else {
            if (arg->encoded().isEmpty())
                valid = false;
            if (arg == args.begin() && open == pathTemplate.indexOf('{') &&
                startsWithMajor(pathTemplate))
                m_major = arg->encoded();
            m_path.append(arg->encoded());
            ++arg;
        }
        i = open + 2;
    }
    if (arg != args.end())
        valid = false;
    m_valid = valid;

    const QByteArrayView name = methodName(method);
    const QByteArrayView bucket = bucketTemplate(pathTemplate);
    m_bucketRoute.reserve(name.size() + 1 + bucket.size());
    m_bucketRoute.append(name).append(' ').append(bucket);
}

Route Route::fromPath(Method method, QByteArrayView encodedPath)
{
    QByteArray tmpl;
    QList<QByteArray> values;
    const QList<QByteArray> segments = encodedPath.toByteArray().split('/');
    QByteArrayView previous;
    QByteArrayView beforePrevious;
    for (qsizetype n = 0; n < segments.size(); ++n) {
        const QByteArray &segment = segments.at(n);
        if (n > 0)
            tmpl.append('/');
        const bool placeholder = isDigits(segment) ||
                                 (previous == "reactions" && !segment.isEmpty()) ||
                                 (beforePrevious == "webhooks" && !segment.isEmpty());
        if (placeholder) {
            tmpl.append("{}");
            values.append(segment);
        } else {
            tmpl.append(segment);
        }
        beforePrevious = previous;
        previous = segment;
    }
    Route route(method, tmpl);
    // The arguments are already encoded: substitute them verbatim rather than re-encoding.
    route.m_path = encodedPath.toByteArray();
    route.m_valid = encodedPath.startsWith('/');
    if (startsWithMajor(tmpl) && !values.isEmpty())
        route.m_major = values.constFirst();
    return route;
}

QString Route::describe() const
{
    QByteArray shown = m_path;
    // /webhooks/{id}/{token}: the token is a credential.
    if (shown.startsWith("/webhooks/")) {
        const qsizetype idEnd = shown.indexOf('/', qsizetype(sizeof("/webhooks/") - 1));
        if (idEnd > 0 && idEnd + 1 < shown.size()) {
            qsizetype tokenEnd = shown.indexOf('/', idEnd + 1);
            if (tokenEnd < 0)
                tokenEnd = shown.size();
            shown.replace(idEnd + 1, tokenEnd - idEnd - 1, "***");
        }
    }
    return QString::fromLatin1(methodName(m_method)) + u' ' +
           QString::fromUtf8(QByteArray::fromPercentEncoding(shown));
}

} // namespace gavel::discord
