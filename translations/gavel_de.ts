<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ColorMap</name>
    <message>
        <source>Viridis</source>
        <translation>Viridis</translation>
    </message>
    <message>
        <source>Cividis</source>
        <translation>Cividis</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Reactions</source>
        <translation>Reaktionen</translation>
    </message>
</context>
<context>
    <name>HeatmapModel</name>
    <message>
        <source>Clusters on the diagonal</source>
        <translation>Cluster auf der Diagonale</translation>
    </message>
    <message>
        <source>Most reactions received</source>
        <translation>Meiste erhaltene Reaktionen</translation>
    </message>
    <message>
        <source>User id (account age)</source>
        <translation>Benutzer-ID (Kontoalter)</translation>
    </message>
    <message>
        <source>Reactions (raw count)</source>
        <translation>Reaktionen (Rohzahl)</translation>
    </message>
    <message>
        <source>Weighted volume</source>
        <translation>Gewichtetes Volumen</translation>
    </message>
    <message>
        <source>Reciprocity</source>
        <translation>Gegenseitigkeit</translation>
    </message>
</context>
<context>
    <name>gavel::cli::DemoSession</name>
    <message>
        <source>Preparing the demo guild…</source>
        <translation>Demo-Gilde wird vorbereitet …</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Demo guild</source>
        <translation>Demo-Gilde</translation>
    </message>
    <message>
        <source>The demo guild could not be prepared: %1</source>
        <translation>Die Demo-Gilde konnte nicht vorbereitet werden: %1</translation>
    </message>
    <message>
        <source>The Discord emulator could not start: %1</source>
        <translation>Der Discord-Emulator konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Demo guild served at http://127.0.0.1:%1/api/v10</source>
        <translation>Demo-Gilde bereitgestellt unter http://127.0.0.1:%1/api/v10</translation>
    </message>
</context>
<context>
    <name>gavel::ui::AboutDialog</name>
    <message>
        <source>About Gavel</source>
        <translation>Über Gavel</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Gavel %1&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Gavel %1&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Gavel version</source>
        <translation>Gavel-Version</translation>
    </message>
    <message>
        <source>&lt;p&gt;Gavel keeps a Discord community&apos;s reputation system honest. It syncs a guild&apos;s history into a local database, computes reputation under written policies, shows who reacts to whom, finds reaction rings and alt-account families, and lets moderators propose role changes that other admins approve before anything reaches Discord.&lt;/p&gt;&lt;p&gt;Gavel flags people for review and explains every flag. It never punishes by itself.&lt;/p&gt;&lt;p&gt;Built with Qt %1 (running on Qt %2).&lt;/p&gt;</source>
        <translation>&lt;p&gt;Gavel hält das Reputationssystem einer Discord-Community ehrlich. Es synchronisiert den Verlauf einer Gilde in eine lokale Datenbank, berechnet Reputation nach schriftlich festgelegten Richtlinien, zeigt, wer auf wen reagiert, findet Reaktionsringe und Zweitkonto-Familien und lässt Moderatoren Rollenänderungen vorschlagen, die andere Admins genehmigen, bevor irgendetwas Discord erreicht.&lt;/p&gt;&lt;p&gt;Gavel markiert Personen zur Prüfung und erklärt jede Markierung. Es bestraft niemals von sich aus.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %1 (läuft unter Qt %2).&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>gavel::ui::AuditPage</name>
    <message>
        <source>Identity</source>
        <translation>Identität</translation>
    </message>
    <message>
        <source>Reaction figures</source>
        <translation>Reaktionszahlen</translation>
    </message>
    <message>
        <source>Top pairs</source>
        <translation>Häufigste Paare</translation>
    </message>
    <message>
        <source>Pair</source>
        <translation>Paar</translation>
    </message>
    <message>
        <source>Reactions</source>
        <translation>Reaktionen</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>Double-click or press Enter to see the pair&apos;s evidence</source>
        <translation>Doppelklicken oder Eingabe drücken, um die Belege des Paares zu sehen</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Markierungen</translation>
    </message>
    <message>
        <source>Roles and role history</source>
        <translation>Rollen und Rollenverlauf</translation>
    </message>
    <message>
        <source>Reactions per week</source>
        <translation>Reaktionen pro Woche</translation>
    </message>
    <message>
        <source>Reactio&amp;ns</source>
        <translation>Reaktio&amp;nen</translation>
    </message>
    <message>
        <source>Top &amp;pairs</source>
        <translation>Häufigste &amp;Paare</translation>
    </message>
    <message>
        <source>T&amp;imeline</source>
        <translation>Zeitver&amp;lauf</translation>
    </message>
    <message>
        <source>F&amp;lags</source>
        <translation>&amp;Markierungen</translation>
    </message>
    <message>
        <source>R&amp;oles</source>
        <translation>R&amp;ollen</translation>
    </message>
    <message>
        <source>Audit details</source>
        <translation>Prüfdetails</translation>
    </message>
    <message>
        <source>No member chosen</source>
        <translation>Kein Mitglied ausgewählt</translation>
    </message>
    <message>
        <source>Search for a member by name or user id in the list on the left (or the search box above, Ctrl+F), then choose one to see the audit.</source>
        <translation>Suchen Sie ein Mitglied nach Name oder Benutzer-ID in der Liste links (oder im Suchfeld oben, Strg+F) und wählen Sie es aus, um die Prüfung zu sehen.</translation>
    </message>
    <message>
        <source>username &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Benutzername &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>display name &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Anzeigename &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>nickname &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Spitzname &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>User id %1</source>
        <translation>Benutzer-ID %1</translation>
    </message>
    <message>
        <source>Account created %1 (%2 before the last message)</source>
        <translation>Konto erstellt am %1 (%2 vor der letzten Nachricht)</translation>
    </message>
    <message>
        <source>Joined %1, %2 after the account was created</source>
        <translation>Beigetreten am %1, %2 nach Erstellung des Kontos</translation>
    </message>
    <message>
        <source>Left (noticed %1)</source>
        <translation>Ausgetreten (bemerkt am %1)</translation>
    </message>
    <message>
        <source>Not a member of the guild</source>
        <translation>Kein Mitglied der Gilde</translation>
    </message>
    <message>
        <source>Bot: its reactions never count</source>
        <translation>Bot: seine Reaktionen zählen nie</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; counted reactions given to %2 members&lt;br&gt;&lt;b&gt;%3&lt;/b&gt; received from %4 members</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; gezählte Reaktionen an %2 Mitglieder gegeben&lt;br&gt;&lt;b&gt;%3&lt;/b&gt; von %4 Mitgliedern erhalten</translation>
    </message>
    <message>
        <source>%1 more reactions are listed that do not count (the table says why)</source>
        <translation>%1 weitere Reaktionen sind aufgeführt, die nicht zählen (die Tabelle nennt den Grund)</translation>
    </message>
    <message>
        <source>%1 of the received reactions come from the top 3 reactors</source>
        <translation>%1 der erhaltenen Reaktionen stammen von den drei häufigsten Reagierenden</translation>
    </message>
    <message>
        <source>Under the current filter</source>
        <translation>Unter dem aktuellen Filter</translation>
    </message>
    <message>
        <source>given</source>
        <translation>gegeben</translation>
    </message>
    <message>
        <source>received</source>
        <translation>erhalten</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Reacts most to</source>
        <translation>Reagiert am meisten auf</translation>
    </message>
    <message>
        <source>Receives most from</source>
        <translation>Erhält am meisten von</translation>
    </message>
    <message>
        <source>Ring %1</source>
        <translation>Ring %1</translation>
    </message>
    <message>
        <source>Alt family %1</source>
        <translation>Zweitkonto-Familie %1</translation>
    </message>
    <message>
        <source>score %1</source>
        <translation>Wert %1</translation>
    </message>
    <message>
        <source>&lt;p&gt;No ring or alt family includes this member under the current filter.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Unter dem aktuellen Filter gehört dieses Mitglied zu keinem Ring und keiner Zweitkonto-Familie.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>F&amp;lags (!)</source>
        <translation>&amp;Markierungen (!)</translation>
    </message>
    <message>
        <source>Roles now:</source>
        <translation>Aktuelle Rollen:</translation>
    </message>
    <message>
        <source>History:</source>
        <translation>Verlauf:</translation>
    </message>
    <message>
        <source>before Gavel first saw the member</source>
        <translation>bevor Gavel das Mitglied zum ersten Mal sah</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>no roles recorded</source>
        <translation>keine Rollen erfasst</translation>
    </message>
    <message>
        <source>Counted reactions per week</source>
        <translation>Gezählte Reaktionen pro Woche</translation>
    </message>
    <message>
        <source>week (UTC)</source>
        <translation>Woche (UTC)</translation>
    </message>
    <message>
        <source>reactions</source>
        <translation>Reaktionen</translation>
    </message>
</context>
<context>
    <name>gavel::ui::ClusterGraphView</name>
    <message>
        <source>Cluster graph</source>
        <translation>Cluster-Graph</translation>
    </message>
    <message>
        <source>Members: %1. Strongest outside partners: %2.</source>
        <translation>Mitglieder: %1. Stärkste Partner außerhalb: %2.</translation>
    </message>
    <message>
        <source>Choose a cluster to see its graph</source>
        <translation>Wählen Sie einen Cluster, um seinen Graphen zu sehen</translation>
    </message>
</context>
<context>
    <name>gavel::ui::ClusterListModel</name>
    <message>
        <source>Ring</source>
        <translation>Ring</translation>
    </message>
    <message>
        <source>Alt family</source>
        <translation>Zweitkonto-Familie</translation>
    </message>
    <message>
        <source>%1 (master)</source>
        <translation>%1 (Hauptkonto)</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
</context>
<context>
    <name>gavel::ui::ClustersPage</name>
    <message>
        <source>Open &amp;audit</source>
        <translation>&amp;Prüfung öffnen</translation>
    </message>
    <message>
        <source>Flagged clusters</source>
        <translation>Markierte Cluster</translation>
    </message>
    <message>
        <source>No ring or alt family is flagged under the current filter. Detection flags groups whose members react mostly to each other far beyond what the rest of the guild gives them, and young accounts that serve one master; widen the time window or the channels if you expected one.</source>
        <translation>Unter dem aktuellen Filter ist kein Ring und keine Zweitkonto-Familie markiert. Die Erkennung markiert Gruppen, deren Mitglieder vor allem aufeinander reagieren, weit über das hinaus, was der Rest der Gilde ihnen gibt, sowie junge Konten, die einem Hauptkonto dienen; erweitern Sie das Zeitfenster oder die Kanäle, wenn Sie einen Treffer erwartet haben.</translation>
    </message>
    <message>
        <source>Cluster evidence</source>
        <translation>Cluster-Belege</translation>
    </message>
    <message>
        <source>Cluster members</source>
        <translation>Cluster-Mitglieder</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Belege</translation>
    </message>
    <message>
        <source>Double-click or press Open audit to audit a member</source>
        <translation>Doppelklicken oder „Prüfung öffnen“ drücken, um ein Mitglied zu prüfen</translation>
    </message>
    <message>
        <source>Flagged &amp;clusters</source>
        <translation>Markierte &amp;Cluster</translation>
    </message>
    <message>
        <source>&amp;Evidence</source>
        <translation>&amp;Belege</translation>
    </message>
    <message>
        <source>Mem&amp;bers</source>
        <translation>Mitglie&amp;der</translation>
    </message>
    <message>
        <source>Ring %1</source>
        <translation>Ring %1</translation>
    </message>
    <message>
        <source>Alt family %1</source>
        <translation>Zweitkonto-Familie %1</translation>
    </message>
    <message>
        <source>Score %1 of 1; %2 members.</source>
        <translation>Wert %1 von 1; %2 Mitglieder.</translation>
    </message>
    <message>
        <source>Internal share of received reactions %1, of given %2; mean internal reciprocity %3; density %4; median dominance over the best outsider %5×.</source>
        <translation>Interner Anteil der erhaltenen Reaktionen %1, der gegebenen %2; mittlere interne Gegenseitigkeit %3; Dichte %4; Median der Dominanz über den stärksten Außenstehenden %5×.</translation>
    </message>
    <message>
        <source>Detection flags people for review; it never acts by itself. Check the evidence of each member before drawing a conclusion.</source>
        <translation>Die Erkennung markiert Personen zur Prüfung; sie handelt nie von sich aus. Prüfen Sie die Belege jedes Mitglieds, bevor Sie einen Schluss ziehen.</translation>
    </message>
    <message>
        <source>%1 (master)</source>
        <translation>%1 (Hauptkonto)</translation>
    </message>
</context>
<context>
    <name>gavel::ui::DashboardPage</name>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Top channels</source>
        <translation>Häufigste Kanäle</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>Emoji</translation>
    </message>
    <message>
        <source>Top emoji</source>
        <translation>Häufigste Emojis</translation>
    </message>
    <message>
        <source>Guild figures</source>
        <translation>Gildenzahlen</translation>
    </message>
    <message>
        <source>Messages and reactions per week</source>
        <translation>Nachrichten und Reaktionen pro Woche</translation>
    </message>
    <message>
        <source>Concentration of received reactions</source>
        <translation>Konzentration der erhaltenen Reaktionen</translation>
    </message>
    <message>
        <source>Flags needing review</source>
        <translation>Zu prüfende Markierungen</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open the cluster</source>
        <translation>Doppelklicken oder Eingabe drücken, um den Cluster zu öffnen</translation>
    </message>
    <message>
        <source>F&amp;lags needing review</source>
        <translation>Zu prüfende &amp;Markierungen</translation>
    </message>
    <message>
        <source>Top ch&amp;annels</source>
        <translation>Häufigste K&amp;anäle</translation>
    </message>
    <message>
        <source>Top &amp;emoji</source>
        <translation>Häufigste &amp;Emojis</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; counted reactions · &lt;b&gt;%2&lt;/b&gt; members gave and &lt;b&gt;%3&lt;/b&gt; received at least one · the top 1% of receivers got &lt;b&gt;%4&lt;/b&gt; of them (Gini %5) · flagged: &lt;b&gt;%6&lt;/b&gt; ring(s), &lt;b&gt;%7&lt;/b&gt; alt famil(ies)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; gezählte Reaktionen · &lt;b&gt;%2&lt;/b&gt; Mitglieder gaben und &lt;b&gt;%3&lt;/b&gt; erhielten mindestens eine · das oberste 1 % der Empfänger erhielt &lt;b&gt;%4&lt;/b&gt; davon (Gini %5) · markiert: &lt;b&gt;%6&lt;/b&gt; Ring(e), &lt;b&gt;%7&lt;/b&gt; Zweitkonto-Familie(n)</translation>
    </message>
    <message>
        <source>Ring %1</source>
        <translation>Ring %1</translation>
    </message>
    <message>
        <source>Alt family %1</source>
        <translation>Zweitkonto-Familie %1</translation>
    </message>
    <message>
        <source>%1 · %2 members · score %3</source>
        <translation>%1 · %2 Mitglieder · Wert %3</translation>
    </message>
    <message>
        <source>Nothing flagged under the current filter.</source>
        <translation>Unter dem aktuellen Filter ist nichts markiert.</translation>
    </message>
    <message>
        <source>Messages and counted reactions per week</source>
        <translation>Nachrichten und gezählte Reaktionen pro Woche</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>counted reactions</source>
        <translation>gezählte Reaktionen</translation>
    </message>
    <message>
        <source>Lorenz curve of received reactions</source>
        <translation>Lorenzkurve der erhaltenen Reaktionen</translation>
    </message>
    <message>
        <source>members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>equal share</source>
        <translation>Gleichverteilung</translation>
    </message>
    <message>
        <source>members, fewest reactions first</source>
        <translation>Mitglieder, wenigste Reaktionen zuerst</translation>
    </message>
    <message>
        <source>share of reactions</source>
        <translation>Anteil der Reaktionen</translation>
    </message>
</context>
<context>
    <name>gavel::ui::EmptyStatePage</name>
    <message>
        <source>Open the &amp;demo guild</source>
        <translation>&amp;Demo-Gilde öffnen</translation>
    </message>
    <message>
        <source>&amp;Open a database…</source>
        <translation>Datenbank ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>Open the demo guild</source>
        <translation>Demo-Gilde öffnen</translation>
    </message>
    <message>
        <source>Open a database</source>
        <translation>Datenbank öffnen</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;To audit your own guild:&lt;/b&gt;&lt;/p&gt;&lt;ol&gt;&lt;li&gt;Create a bot in the Discord developer portal and enable the &lt;i&gt;Server Members&lt;/i&gt; and &lt;i&gt;Message Content&lt;/i&gt; intents.&lt;/li&gt;&lt;li&gt;Invite it to your guild with the &lt;i&gt;View Channels&lt;/i&gt;, &lt;i&gt;Read Message History&lt;/i&gt; and &lt;i&gt;Manage Roles&lt;/i&gt; permissions.&lt;/li&gt;&lt;li&gt;Sync the guild into a database:&lt;br&gt;&lt;code&gt;GAVEL_TOKEN=… gavel sync --db guild.sqlite --guild &amp;lt;guild id&amp;gt;&lt;/code&gt;&lt;br&gt;then open &lt;code&gt;guild.sqlite&lt;/code&gt; here.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Or open the &lt;b&gt;demo guild&lt;/b&gt;: a made-up community of 2,000 members with planted reaction rings and alt accounts, served by Gavel&apos;s built-in Discord emulator.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;So prüfen Sie Ihre eigene Gilde:&lt;/b&gt;&lt;/p&gt;&lt;ol&gt;&lt;li&gt;Erstellen Sie im Discord-Entwicklerportal einen Bot und aktivieren Sie die Intents &lt;i&gt;Server Members&lt;/i&gt; und &lt;i&gt;Message Content&lt;/i&gt;.&lt;/li&gt;&lt;li&gt;Laden Sie ihn mit den Berechtigungen &lt;i&gt;Kanäle ansehen&lt;/i&gt;, &lt;i&gt;Nachrichtenverlauf lesen&lt;/i&gt; und &lt;i&gt;Rollen verwalten&lt;/i&gt; in Ihre Gilde ein.&lt;/li&gt;&lt;li&gt;Synchronisieren Sie die Gilde in eine Datenbank:&lt;br&gt;&lt;code&gt;GAVEL_TOKEN=… gavel sync --db guild.sqlite --guild &amp;lt;Gilden-ID&amp;gt;&lt;/code&gt;&lt;br&gt;und öffnen Sie dann &lt;code&gt;guild.sqlite&lt;/code&gt; hier.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Oder öffnen Sie die &lt;b&gt;Demo-Gilde&lt;/b&gt;: eine erfundene Community mit 2.000 Mitgliedern, eingebauten Reaktionsringen und Zweitkonten, bereitgestellt von Gavels eingebautem Discord-Emulator.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Welcome to Gavel</source>
        <translation>Willkommen bei Gavel</translation>
    </message>
    <message>
        <source>This database holds no guild yet</source>
        <translation>Diese Datenbank enthält noch keine Gilde</translation>
    </message>
    <message>
        <source>The database could not be opened</source>
        <translation>Die Datenbank konnte nicht geöffnet werden</translation>
    </message>
</context>
<context>
    <name>gavel::ui::ExportActions</name>
    <message>
        <source>Export evidence…</source>
        <translation>Beweise exportieren…</translation>
    </message>
    <message>
        <source>Case report…</source>
        <translation>Fallbericht…</translation>
    </message>
    <message>
        <source>Write an evidence package: CSV files, the policy, a README and a SHA-256 manifest anyone can check</source>
        <translation>Ein Beweispaket schreiben: CSV-Dateien, die Richtlinie, eine README und ein SHA-256-Manifest, das jeder prüfen kann</translation>
    </message>
    <message>
        <source>Write a case report (HTML or PDF) with its evidence package</source>
        <translation>Einen Fallbericht (HTML oder PDF) mit seinem Beweispaket schreiben</translation>
    </message>
    <message>
        <source>Export the evidence package into (an empty folder)</source>
        <translation>Das Beweispaket exportieren nach (ein leerer Ordner)</translation>
    </message>
    <message>
        <source>Write the case report</source>
        <translation>Den Fallbericht schreiben</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;HTML (*.html)</source>
        <translation>PDF (*.pdf);;HTML (*.html)</translation>
    </message>
    <message>
        <source>Wrote %1 and its evidence package %2 (SHA-256 %3)</source>
        <translation>%1 und sein Beweispaket %2 geschrieben (SHA-256 %3)</translation>
    </message>
    <message>
        <source>Wrote the evidence package %1 (SHA-256 %2)</source>
        <translation>Beweispaket %1 geschrieben (SHA-256 %2)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>gavel::ui::GuildListModel</name>
    <message>
        <source>Guild %1</source>
        <translation>Gilde %1</translation>
    </message>
    <message>
        <source>%1 messages, %2 reactions, %3 members</source>
        <translation>%1 Nachrichten, %2 Reaktionen, %3 Mitglieder</translation>
    </message>
    <message>
        <source>Last synced %1</source>
        <translation>Zuletzt synchronisiert %1</translation>
    </message>
</context>
<context>
    <name>gavel::ui::GuildOverviewPage</name>
    <message>
        <source>Guild id:</source>
        <translation>Gilden-ID:</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Quelle:</translation>
    </message>
    <message>
        <source>Last synced:</source>
        <translation>Zuletzt synchronisiert:</translation>
    </message>
    <message>
        <source>Members:</source>
        <translation>Mitglieder:</translation>
    </message>
    <message>
        <source>Channels and threads:</source>
        <translation>Kanäle und Threads:</translation>
    </message>
    <message>
        <source>Messages:</source>
        <translation>Nachrichten:</translation>
    </message>
    <message>
        <source>Reactions:</source>
        <translation>Reaktionen:</translation>
    </message>
    <message>
        <source>Discord (synced over the REST API)</source>
        <translation>Discord (über die REST-API synchronisiert)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
</context>
<context>
    <name>gavel::ui::HeatmapLegend</name>
    <message>
        <source>Colour scale</source>
        <translation>Farbskala</translation>
    </message>
    <message>
        <source>per pair</source>
        <translation>pro Paar</translation>
    </message>
    <message>
        <source>per block of %1 × %1 members</source>
        <translation>pro Block aus %1 × %1 Mitgliedern</translation>
    </message>
    <message>
        <source>Reactions %1, log scale: 1 … %2</source>
        <translation>Reaktionen %1, logarithmisch: 1 … %2</translation>
    </message>
    <message>
        <source>Weighted volume %1, log scale: 0 … %2</source>
        <translation>Gewichtetes Volumen %1, logarithmisch: 0 … %2</translation>
    </message>
    <message>
        <source>Reciprocity %1: 0 (one-way) … 1 (fully mutual)</source>
        <translation>Gegenseitigkeit %1: 0 (einseitig) … 1 (völlig gegenseitig)</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>Keine Daten</translation>
    </message>
</context>
<context>
    <name>gavel::ui::HeatmapPage</name>
    <message>
        <source>Fit gui&amp;ld</source>
        <translation>Gilde ein&amp;passen</translation>
    </message>
    <message>
        <source>Order members by</source>
        <translation>Mitglieder ordnen nach</translation>
    </message>
    <message>
        <source>Colour cells by</source>
        <translation>Zellen färben nach</translation>
    </message>
    <message>
        <source>Colour map</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <source>Show the whole guild (0)</source>
        <translation>Die ganze Gilde zeigen (0)</translation>
    </message>
    <message>
        <source>&amp;Order:</source>
        <translation>&amp;Ordnung:</translation>
    </message>
    <message>
        <source>Colo&amp;ur by:</source>
        <translation>Fär&amp;ben nach:</translation>
    </message>
    <message>
        <source>&amp;Map:</source>
        <translation>&amp;Schema:</translation>
    </message>
    <message>
        <source>Rows are reactors, columns are authors. Outlined squares on the diagonal are flagged rings (white) and alt families (orange). Scroll to zoom, drag to pan, click a cell for its evidence.</source>
        <translation>Zeilen sind Reagierende, Spalten sind Autoren. Umrandete Quadrate auf der Diagonale sind markierte Ringe (weiß) und Zweitkonto-Familien (orange). Scrollen zum Zoomen, Ziehen zum Verschieben, Klick auf eine Zelle zeigt ihre Belege.</translation>
    </message>
</context>
<context>
    <name>gavel::ui::HeatmapView</name>
    <message>
        <source>Reactor pair heatmap</source>
        <translation>Heatmap der Reaktionspaare</translation>
    </message>
    <message>
        <source>Rows are reactors, columns are authors. Arrow keys move the cursor, Ctrl+arrows pan, plus and minus zoom, 0 shows the whole guild, Enter opens the pair&apos;s evidence.</source>
        <translation>Zeilen sind Reagierende, Spalten sind Autoren. Pfeiltasten bewegen den Cursor, Strg+Pfeile verschieben, Plus und Minus zoomen, 0 zeigt die ganze Gilde, Eingabe öffnet die Belege des Paares.</translation>
    </message>
    <message>
        <source>ring %1</source>
        <translation>Ring %1</translation>
    </message>
    <message>
        <source>alts %1</source>
        <translation>Zweitkonten %1</translation>
    </message>
    <message>
        <source>No counted reactions under the current filter.
Widen the time window or choose more channels.</source>
        <translation>Keine gezählten Reaktionen unter dem aktuellen Filter.
Erweitern Sie das Zeitfenster oder wählen Sie mehr Kanäle.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; → &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;no counted reactions</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; → &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;keine gezählten Reaktionen</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; → &lt;b&gt;%2&lt;/b&gt;: %3 reactions&lt;br&gt;&lt;b&gt;%2&lt;/b&gt; → &lt;b&gt;%1&lt;/b&gt;: %4 reactions&lt;br&gt;reciprocity %5&lt;br&gt;%6 of %2&apos;s received reactions come from %1&lt;br&gt;%7 of %1&apos;s given reactions go to %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; → &lt;b&gt;%2&lt;/b&gt;: %3 Reaktionen&lt;br&gt;&lt;b&gt;%2&lt;/b&gt; → &lt;b&gt;%1&lt;/b&gt;: %4 Reaktionen&lt;br&gt;Gegenseitigkeit %5&lt;br&gt;%6 der von %2 erhaltenen Reaktionen stammen von %1&lt;br&gt;%7 der von %1 gegebenen Reaktionen gehen an %2</translation>
    </message>
    <message>
        <source>&lt;br&gt;weighted volume %1</source>
        <translation>&lt;br&gt;gewichtetes Volumen %1</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;Click or press Enter for the evidence&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;Klicken oder Eingabe drücken für die Belege&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Reactors %1–%2 → authors %3–%4 (a block of %5 × %5 members)&lt;br&gt;%6 reactions in %7 pairs, reciprocity %8&lt;br&gt;&lt;i&gt;Zoom in to see single pairs&lt;/i&gt;</source>
        <translation>Reagierende %1–%2 → Autoren %3–%4 (ein Block aus %5 × %5 Mitgliedern)&lt;br&gt;%6 Reaktionen in %7 Paaren, Gegenseitigkeit %8&lt;br&gt;&lt;i&gt;Hineinzoomen, um einzelne Paare zu sehen&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>gavel::ui::InvestigationSession</name>
    <message>
        <source>Loading the guild&apos;s history…</source>
        <translation>Verlauf der Gilde wird geladen …</translation>
    </message>
    <message>
        <source>Counting reactor pairs and looking for clusters…</source>
        <translation>Reaktionspaare werden gezählt und Cluster gesucht …</translation>
    </message>
    <message>
        <source>Applying the filter: counting pairs and clusters…</source>
        <translation>Filter wird angewendet: Paare und Cluster werden gezählt …</translation>
    </message>
</context>
<context>
    <name>gavel::ui::InvestigationView</name>
    <message>
        <source>&amp;Whole history</source>
        <translation>&amp;Ganzer Verlauf</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Find a member by name or id (Ctrl+F)</source>
        <translation>Mitglied nach Name oder ID suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Find a member</source>
        <translation>Mitglied suchen</translation>
    </message>
    <message>
        <source>F&amp;rom:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;to:</source>
        <translation>&amp;bis:</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>&amp;Kanal:</translation>
    </message>
    <message>
        <source>Time window start (UTC)</source>
        <translation>Beginn des Zeitfensters (UTC)</translation>
    </message>
    <message>
        <source>Time window end (UTC, included)</source>
        <translation>Ende des Zeitfensters (UTC, eingeschlossen)</translation>
    </message>
    <message>
        <source>Channel filter</source>
        <translation>Kanalfilter</translation>
    </message>
    <message>
        <source>Reset the time window and channel filter</source>
        <translation>Zeitfenster und Kanalfilter zurücksetzen</translation>
    </message>
    <message>
        <source>Work in progress</source>
        <translation>Wird berechnet</translation>
    </message>
    <message>
        <source>Stop this computation and keep showing the previous results</source>
        <translation>Diese Berechnung abbrechen und weiter die bisherigen Ergebnisse zeigen</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Could not load the guild: %1</source>
        <translation>Die Gilde konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Back (%1)</source>
        <translation>Zurück (%1)</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Vor</translation>
    </message>
    <message>
        <source>Forward (%1)</source>
        <translation>Vor (%1)</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>Heatmap</translation>
    </message>
    <message>
        <source>Clusters</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Find a Member</source>
        <translation>Mitglied suchen</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Alle Kanäle</translation>
    </message>
    <message>
        <source>%1 (category)</source>
        <translation>%1 (Kategorie)</translation>
    </message>
    <message>
        <source>Last sync %1 UTC</source>
        <translation>Letzte Synchronisierung %1 UTC</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>Nie synchronisiert</translation>
    </message>
    <message>
        <source>data %1 – %2</source>
        <translation>Daten %1 – %2</translation>
    </message>
    <message>
        <source>showing %1 – %2</source>
        <translation>angezeigt %1 – %2</translation>
    </message>
</context>
<context>
    <name>gavel::ui::MainWindow</name>
    <message>
        <source>Gavel</source>
        <translation>Gavel</translation>
    </message>
    <message>
        <source>Guilds</source>
        <translation>Gilden</translation>
    </message>
    <message>
        <source>&amp;Guilds</source>
        <translation>&amp;Gilden</translation>
    </message>
    <message>
        <source>No database open</source>
        <translation>Keine Datenbank geöffnet</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Database…</source>
        <translation>Datenbank ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Open the &amp;Demo Guild</source>
        <translation>&amp;Demo-Gilde öffnen</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>Neu &amp;laden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Guild</source>
        <translation>&amp;Gilde</translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation>Jetzt &amp;synchronisieren</translation>
    </message>
    <message>
        <source>Read what is new in the guild into the open database</source>
        <translation>Neues aus der Gilde in die geöffnete Datenbank lesen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Gavel</source>
        <translation>Über &amp;Gavel</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronisieren</translation>
    </message>
    <message>
        <source>Open a database first: the sync writes into it.</source>
        <translation>Öffnen Sie zuerst eine Datenbank: Die Synchronisierung schreibt in sie.</translation>
    </message>
    <message>
        <source>Select the guild to sync in the list.</source>
        <translation>Wählen Sie die zu synchronisierende Gilde in der Liste.</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Datenbank: %1</translation>
    </message>
    <message>
        <source>%1 — Gavel</source>
        <translation>%1 — Gavel</translation>
    </message>
    <message>
        <source>Open a Gavel database</source>
        <translation>Gavel-Datenbank öffnen</translation>
    </message>
    <message>
        <source>Gavel databases (*.sqlite *.db *.gavel);;All files (*)</source>
        <translation>Gavel-Datenbanken (*.sqlite *.db *.gavel);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>gavel::ui::MemberListModel</name>
    <message>
        <source>No longer a member</source>
        <translation>Kein Mitglied mehr</translation>
    </message>
    <message>
        <source>%1 (left)</source>
        <translation>%1 (ausgetreten)</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>Benutzer-ID</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>Gegeben</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Erhalten</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Markierungen</translation>
    </message>
</context>
<context>
    <name>gavel::ui::MembersPage</name>
    <message>
        <source>Name or user id…</source>
        <translation>Name oder Benutzer-ID …</translation>
    </message>
    <message>
        <source>Search members</source>
        <translation>Mitglieder suchen</translation>
    </message>
    <message>
        <source>Find &amp;member:</source>
        <translation>&amp;Mitglied suchen:</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
</context>
<context>
    <name>gavel::ui::PairEvidenceDialog</name>
    <message>
        <source>Evidence: %1 and %2</source>
        <translation>Belege: %1 und %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; → &lt;b&gt;%2&lt;/b&gt;: %3 reactions (%4 of %2&apos;s received)&lt;br&gt;&lt;b&gt;%2&lt;/b&gt; → &lt;b&gt;%1&lt;/b&gt;: %5 reactions (%6 of %1&apos;s received)&lt;br&gt;reciprocity %7</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; → &lt;b&gt;%2&lt;/b&gt;: %3 Reaktionen (%4 der von %2 erhaltenen)&lt;br&gt;&lt;b&gt;%2&lt;/b&gt; → &lt;b&gt;%1&lt;/b&gt;: %5 Reaktionen (%6 der von %1 erhaltenen)&lt;br&gt;Gegenseitigkeit %7</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Audit %1</source>
        <translation>%1 prüfen</translation>
    </message>
</context>
<context>
    <name>gavel::ui::ReactionListWidget</name>
    <message>
        <source>Filter by name, channel, emoji or date…</source>
        <translation>Nach Name, Kanal, Emoji oder Datum filtern …</translation>
    </message>
    <message>
        <source>Filter reactions</source>
        <translation>Reaktionen filtern</translation>
    </message>
    <message>
        <source>Reactions</source>
        <translation>Reaktionen</translation>
    </message>
    <message>
        <source>%1 reactions</source>
        <translation>%1 Reaktionen</translation>
    </message>
    <message>
        <source>%1 of %2 reactions shown</source>
        <translation>%1 von %2 Reaktionen angezeigt</translation>
    </message>
</context>
<context>
    <name>gavel::ui::ReactionTableModel</name>
    <message>
        <source>%1 (super)</source>
        <translation>%1 (Super)</translation>
    </message>
    <message>
        <source>Does not count: %1</source>
        <translation>Zählt nicht: %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no: %1</source>
        <translation>nein: %1</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open the message in Discord</source>
        <translation>Doppelklicken oder Eingabe drücken, um die Nachricht in Discord zu öffnen</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Reactor</source>
        <translation>Reagierende(r)</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>Emoji</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>Zählt</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
</context>
<context>
    <name>gavel::ui::Settings</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Gavel will use %1 the next time it starts.</source>
        <translation>Gavel verwendet beim nächsten Start %1.</translation>
    </message>
</context>
<context>
    <name>gavel::ui::SyncDialog</name>
    <message>
        <source>Reading the guild, its roles and emojis…</source>
        <translation>Gilde, Rollen und Emojis werden gelesen …</translation>
    </message>
    <message>
        <source>Listing channels and threads…</source>
        <translation>Kanäle und Threads werden aufgelistet …</translation>
    </message>
    <message>
        <source>Reading members…</source>
        <translation>Mitglieder werden gelesen …</translation>
    </message>
    <message>
        <source>Reading messages and reactions…</source>
        <translation>Nachrichten und Reaktionen werden gelesen …</translation>
    </message>
    <message>
        <source>Finishing…</source>
        <translation>Wird abgeschlossen …</translation>
    </message>
    <message>
        <source>working it out</source>
        <translation>wird ermittelt</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>about %1 min</source>
        <translation>etwa %1 min</translation>
    </message>
    <message>
        <source>about %1 h %2 min</source>
        <translation>etwa %1 h %2 min</translation>
    </message>
    <message>
        <source>Sync — %1</source>
        <translation>Synchronisierung — %1</translation>
    </message>
    <message>
        <source>Syncing %1 from %2</source>
        <translation>%1 wird von %2 synchronisiert</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet …</translation>
    </message>
    <message>
        <source>%v of %m channels and threads</source>
        <translation>%v von %m Kanälen und Threads</translation>
    </message>
    <message>
        <source>Channels synced</source>
        <translation>Synchronisierte Kanäle</translation>
    </message>
    <message>
        <source>Messages:</source>
        <translation>Nachrichten:</translation>
    </message>
    <message>
        <source>Reactions:</source>
        <translation>Reaktionen:</translation>
    </message>
    <message>
        <source>Members:</source>
        <translation>Mitglieder:</translation>
    </message>
    <message>
        <source>Requests:</source>
        <translation>Anfragen:</translation>
    </message>
    <message>
        <source>Rate limited (429):</source>
        <translation>Ratenbegrenzt (429):</translation>
    </message>
    <message>
        <source>Time left:</source>
        <translation>Verbleibende Zeit:</translation>
    </message>
    <message>
        <source>Why the sync failed</source>
        <translation>Warum die Synchronisierung fehlschlug</translation>
    </message>
    <message>
        <source>Stopping after the current page…</source>
        <translation>Wird nach der aktuellen Seite angehalten …</translation>
    </message>
    <message>
        <source>%1 (%2 per second)</source>
        <translation>%1 (%2 pro Sekunde)</translation>
    </message>
    <message>
        <source>The sync stopped with an error.</source>
        <translation>Die Synchronisierung wurde mit einem Fehler beendet.</translation>
    </message>
    <message>
        <source>What was stored before the error is kept; the next sync resumes from there.</source>
        <translation>Was vor dem Fehler gespeichert wurde, bleibt erhalten; die nächste Synchronisierung setzt dort fort.</translation>
    </message>
    <message>
        <source>Sync not started.</source>
        <translation>Synchronisierung nicht gestartet.</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Wird synchronisiert …</translation>
    </message>
    <message>
        <source>Sync finished: %1</source>
        <translation>Synchronisierung abgeschlossen: %1</translation>
    </message>
    <message>
        <source>Sync finished.</source>
        <translation>Synchronisierung abgeschlossen.</translation>
    </message>
    <message>
        <source>Sync cancelled; run it again to resume.</source>
        <translation>Synchronisierung abgebrochen; starten Sie sie erneut, um fortzusetzen.</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>Synchronisierung fehlgeschlagen: %1</translation>
    </message>
</context>
</TS>
