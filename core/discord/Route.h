#pragma once

#include <QByteArray>
#include <QString>

#include <initializer_list>

namespace gavel::discord {

//! HTTP methods the REST API uses.
enum class Method : quint8 { Get, Post, Put, Patch, Delete };

//! "GET", "POST", ... as sent on the wire.
QByteArrayView methodName(Method method);

//! One argument of a route template: an id, or a text segment that is percent-encoded.
class PathArg
{
public:
    PathArg(quint64 id);
    PathArg(QStringView text);
    PathArg(const QString &text)
        : PathArg(QStringView(text))
    {}
    PathArg(QLatin1StringView text);

    const QByteArray &encoded() const { return m_encoded; }

private:
    QByteArray m_encoded;
};

/*!
 * One REST call target: method, concrete path, and the keys the rate limiter groups by.
 *
 * Built from a template with {} placeholders, e.g. Route(Method::Get,
 * "/channels/{}/messages", {channelId}). The bucket route is the method plus the template
 * with everything after /reactions cut (Discord gives all reaction routes of a channel one
 * limit); the major parameter is the id after /channels, /guilds or /webhooks, because Discord
 * counts a route's limit separately per major parameter.
 */
class Route
{
public:
    Route() = default;
    Route(Method method, QByteArrayView pathTemplate, std::initializer_list<PathArg> args = {});

    //! Derives the template from a concrete, already encoded path: numeric segments, the emoji
    //! after /reactions/ and a webhook token become placeholders.
    static Route fromPath(Method method, QByteArrayView encodedPath);

    //! False when the template's placeholders and the arguments do not match up.
    bool isValid() const { return m_valid; }
    Method method() const { return m_method; }
    //! Percent-encoded path relative to the API base, starting with '/'.
    const QByteArray &path() const { return m_path; }
    //! "GET /channels/{}/messages": the key under which the bucket hash is learned.
    const QByteArray &bucketRoute() const { return m_bucketRoute; }
    //! The id that splits a bucket into separate counters; empty for routes without one.
    const QByteArray &majorParameter() const { return m_major; }
    //! "GET /channels/123/messages" for messages to users (webhook tokens elided).
    QString describe() const;

private:
    QByteArray m_path;
    QByteArray m_bucketRoute;
    QByteArray m_major;
    Method m_method = Method::Get;
    bool m_valid = false;
};

} // namespace gavel::discord
