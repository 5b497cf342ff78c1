#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <algorithm>

namespace gavel::test {

//! The error text of a Result, or an empty string when it is ok (for QVERIFY2 messages,
//! which are evaluated whether or not the check fails).
template<typename R>
QString errorOf(const R &result)
{
    return result.ok() ? QString() : result.error().text();
}

//! The first line where two dumps differ with its neighbours, for readable failures.
inline QByteArray dumpDifference(const QByteArray &a, const QByteArray &b)
{
    const QList<QByteArray> left = a.split('\n');
    const QList<QByteArray> right = b.split('\n');
    QByteArray section;
    for (qsizetype i = 0; i < std::max(left.size(), right.size()); ++i) {
        const QByteArray l = left.value(i);
        const QByteArray r = right.value(i);
        if (l.startsWith("## "))
            section = l;
        if (l != r)
            return section + " line " + QByteArray::number(i + 1) + ":\n  got:      " + l +
                   "\n  expected: " + r;
    }
    return {};
}

} // namespace gavel::test
