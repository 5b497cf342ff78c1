#include "SyncTestGuild.h"

using namespace Qt::StringLiterals;

namespace gavel::test {

SnapshotBuilder syncTestGuild(SyncTestGuildIds *out)
{
    using namespace emulator::permission;
    SyncTestGuildIds ids;
    SnapshotBuilder b; // typical() has fixed message times; build our own on the same pattern
    const quint64 owner = b.addMember(u"Owner"_s);
    b.setOwner(owner);
    ids.member = b.addRole(u"Member"_s, 1);
    b.addRole(u"Booster"_s, 3, 0, true);
    ids.trusted = b.addRole(u"Trusted"_s, 5);
    b.addBot(u"Gavel"_s, 10, ManageRoles | ViewAuditLog);
    b.addRole(u"Admin"_s, 20, Administrator);
    ids.category = b.addChannel(u"Community"_s, 4);
    ids.general = b.addChannel(u"general"_s, 0, ids.category);
    ids.busy = b.addChannel(u"busy"_s, 0, ids.category);
    ids.hidden = b.addChannel(u"mods-only"_s, 0, 0, {{b.everyoneRoleId(), 0, 0, ViewChannel}});
    ids.noHistory = b.addChannel(u"announcements-log"_s, 0, 0,
                                 {{b.everyoneRoleId(), 0, 0, ReadMessageHistory}});
    ids.forum = b.addChannel(u"help"_s, 15);
    const quint64 emoji = b.addEmoji(u"dojo"_s);
    ids.customEmoji = b.emojiKey(emoji);

    ids.alice = b.addMember(u"Alice"_s, {ids.member, ids.trusted});
    ids.bob = b.addMember(u"Bob"_s, {ids.member});
    ids.carol = b.addMember(u"Carol"_s, {ids.member});
    ids.former = b.addUser(u"Former"_s);
    ids.crowd = b.addMembers(u"crowd"_s, 160, {ids.member});

    const quint64 m1 = b.addMessage(ids.general, ids.alice, u"hello"_s);
    const quint64 m2 = b.addMessage(ids.general, ids.bob, u"hi alice"_s);
    b.addMessage(ids.general, ids.former, u"I was here"_s);
    b.addMessage(ids.general, ids.carol, u"welcome\ttab\nnewline \\ backslash"_s);
    b.addReaction(ids.general, m1, u"👍"_s, ids.bob);
    b.addReaction(ids.general, m1, u"👍"_s, ids.carol);
    b.addReaction(ids.general, m1, u"👍"_s, ids.carol, true);
    b.addReaction(ids.general, m1, ids.customEmoji, ids.former);
    b.addReaction(ids.general, m2, u"🔥"_s, ids.alice, true);
    b.addReaction(ids.general, m2, u"❤️"_s, ids.alice);

    const QList<quint64> authors{ids.alice, ids.bob, ids.carol};
    for (int i = 0; i < 250; ++i) {
        const quint64 m = b.addMessage(ids.busy, authors[i % 3], u"busy %1"_s.arg(i));
        if (i == 120) {
            ids.popular = m;
            for (int u = 0; u < 150; ++u)
                b.addReaction(ids.busy, m, u"👍"_s, ids.crowd[u]);
        }
        if (i % 7 == 0)
            b.addReaction(ids.busy, m, ids.customEmoji, authors[(i + 1) % 3]);
        if (i % 11 == 0)
            b.addReaction(ids.busy, m, u"🎉"_s, ids.crowd[i % 160], true);
    }
    b.addMessage(ids.hidden, ids.alice, u"secret"_s);
    b.addMessage(ids.noHistory, ids.alice, u"not readable"_s);

    ids.activeThread = b.addThread(ids.general, u"active thread"_s);
    const quint64 t1 = b.addMessage(ids.activeThread, ids.bob, u"in a thread"_s);
    b.addReaction(ids.activeThread, t1, u"👍"_s, ids.alice);
    ids.archivedThread = b.addThread(ids.general, u"old thread"_s, true);
    b.addMessage(ids.archivedThread, ids.carol, u"archived talk"_s);
    ids.privateActive = b.addThread(ids.general, u"private active"_s, false, true);
    b.addMessage(ids.privateActive, ids.alice, u"private words"_s);
    ids.privateArchived = b.addThread(ids.general, u"private archived"_s, true, true);
    b.addMessage(ids.privateArchived, ids.alice, u"out of reach"_s);
    ids.forumPost = b.addThread(ids.forum, u"how do I?"_s, true);
    const quint64 f1 = b.addMessage(ids.forumPost, ids.carol, u"question"_s);
    b.addReaction(ids.forumPost, f1, ids.customEmoji, ids.bob);
    b.addThread(ids.hidden, u"hidden thread"_s);

    if (out)
        *out = ids;
    return b;
}

} // namespace gavel::test
