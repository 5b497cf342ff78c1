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
    <name>PoliciesPage</name>
    <message>
        <source>Line %1: %2</source>
        <translation>Zeile %1: %2</translation>
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
    <message>
        <source>Scores under the chosen policy, rule by rule</source>
        <translation>Punkte unter der gewählten Richtlinie, Regel für Regel</translation>
    </message>
    <message>
        <source>When / what</source>
        <translation>Wann / was</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Adds</source>
        <translation>Fügt hinzu</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>S&amp;cores</source>
        <translation>&amp;Punkte</translation>
    </message>
    <message>
        <source>Score under the chosen policy</source>
        <translation>Punkte unter der gewählten Richtlinie</translation>
    </message>
    <message>
        <source>Export evidence…</source>
        <translation>Belege exportieren…</translation>
    </message>
    <message>
        <source>Case report…</source>
        <translation>Fallbericht…</translation>
    </message>
    <message>
        <source>Choose a policy in the filter bar to see scores</source>
        <translation>Wählen Sie in der Filterleiste eine Richtlinie, um Punkte zu sehen</translation>
    </message>
    <message>
        <source>Scores under %1 at %2 UTC: score %3, level %4 (%5)</source>
        <translation>Punkte unter %1 am %2 UTC: Punkte %3, Stufe %4 (%5)</translation>
    </message>
    <message numerus="yes">
        <source>Rule by rule: %n item(s)</source>
        <translation>
            <numerusform>Regel für Regel: %n Eintrag</numerusform>
            <numerusform>Regel für Regel: %n Einträge</numerusform>
        </translation>
    </message>
    <message>
        <source>0 (not counted)</source>
        <translation>0 (nicht gezählt)</translation>
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
    <message>
        <source>Dismissed by %1 on %2</source>
        <translation>Verworfen von %1 am %2</translation>
    </message>
    <message>
        <source>Reviewed by %1 on %2</source>
        <translation>Geprüft von %1 am %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>not reviewed</source>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <source>dismissed (%1)</source>
        <translation>verworfen (%1)</translation>
    </message>
    <message>
        <source>reviewed (%1)</source>
        <translation>geprüft (%1)</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Urteil</translation>
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
    <message>
        <source>Mark re&amp;viewed…</source>
        <translation>Als ge&amp;prüft markieren…</translation>
    </message>
    <message>
        <source>&amp;Dismiss…</source>
        <translation>&amp;Verwerfen…</translation>
    </message>
    <message>
        <source>Record that you checked this cluster, with a note the other reviewers see</source>
        <translation>Festhalten, dass Sie diesen Cluster geprüft haben, mit einer Notiz für die anderen Prüfer</translation>
    </message>
    <message>
        <source>Record that this cluster is not cheating (a false alarm), with a note the other reviewers see</source>
        <translation>Festhalten, dass dieser Cluster kein Betrug ist (Fehlalarm), mit einer Notiz für die anderen Prüfer</translation>
    </message>
    <message>
        <source>Review mark result</source>
        <translation>Ergebnis der Prüfmarkierung</translation>
    </message>
    <message>
        <source>Reading the review marks failed: %1</source>
        <translation>Die Prüfmarkierungen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Dismiss cluster %1</source>
        <translation>Cluster %1 verwerfen</translation>
    </message>
    <message>
        <source>Mark cluster %1 reviewed</source>
        <translation>Cluster %1 als geprüft markieren</translation>
    </message>
    <message>
        <source>Record that cluster %1 is a false alarm. Your name and the note are kept in the database and shown to every reviewer, also when the same members are found again.</source>
        <translation>Festhalten, dass Cluster %1 ein Fehlalarm ist. Ihr Name und die Notiz werden in der Datenbank gespeichert und jedem Prüfer angezeigt, auch wenn dieselben Mitglieder erneut gefunden werden.</translation>
    </message>
    <message>
        <source>Record that you reviewed cluster %1. Your name and the note are kept in the database and shown to every reviewer.</source>
        <translation>Festhalten, dass Sie Cluster %1 geprüft haben. Ihr Name und die Notiz werden in der Datenbank gespeichert und jedem Prüfer angezeigt.</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Mark reviewed</source>
        <translation>Als geprüft markieren</translation>
    </message>
    <message>
        <source>Cluster %1: %2</source>
        <translation>Cluster %1: %2</translation>
    </message>
    <message>
        <source>Not recorded: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>gavel::ui::ConnectWizard</name>
    <message>
        <source>Connect a guild</source>
        <translation>Einen Server verbinden</translation>
    </message>
    <message>
        <source>Gavel reads a guild&apos;s history through a Discord bot that you invite.</source>
        <translation>Gavel liest den Verlauf eines Servers über einen Discord-Bot, den Sie einladen.</translation>
    </message>
    <message>
        <source>&amp;Connect a guild with its bot token</source>
        <translation>Einen Server mit seinem Bot-Token &amp;verbinden</translation>
    </message>
    <message>
        <source>Open the &amp;demo guild (a made-up community served by Gavel&apos;s built-in Discord emulator)</source>
        <translation>Den &amp;Demo-Server öffnen (eine erfundene Gemeinschaft, bereitgestellt von Gavels eingebautem Discord-Emulator)</translation>
    </message>
    <message>
        <source>Paste the bot token</source>
        <translation>Bot-Token einfügen</translation>
    </message>
    <message>
        <source>Discord Developer Portal → your application → Bot → Reset Token, then copy the token and paste it here.</source>
        <translation>Discord Developer Portal → Ihre Anwendung → Bot → Reset Token, dann das Token kopieren und hier einfügen.</translation>
    </message>
    <message>
        <source>Bot token</source>
        <translation>Bot-Token</translation>
    </message>
    <message>
        <source>S&amp;how</source>
        <translation>&amp;Anzeigen</translation>
    </message>
    <message>
        <source>H&amp;ide</source>
        <translation>&amp;Verbergen</translation>
    </message>
    <message>
        <source>Looking for the system keychain…</source>
        <translation>Suche den Schlüsselbund des Systems…</translation>
    </message>
    <message>
        <source>Warning: a plain file is not encrypted. Anyone who can read your home directory (other administrators, backups, malware running as you) can read the token and act as your bot. Without this box the token is used for this session only and not stored.</source>
        <translation>Warnung: Eine einfache Datei ist nicht verschlüsselt. Wer Ihr Home-Verzeichnis lesen kann (andere Administratoren, Sicherungen, Schadsoftware unter Ihrem Konto), kann das Token lesen und als Ihr Bot handeln. Ohne dieses Häkchen wird das Token nur in dieser Sitzung verwendet und nicht gespeichert.</translation>
    </message>
    <message>
        <source>Store the token in a &amp;plain file (readable by anyone who can read your home directory)</source>
        <translation>Das Token in einer &amp;einfachen Datei speichern (lesbar für alle, die Ihr Home-Verzeichnis lesen können)</translation>
    </message>
    <message>
        <source>Show &amp;advanced settings</source>
        <translation>&amp;Erweiterte Einstellungen anzeigen</translation>
    </message>
    <message>
        <source>API &amp;base URL:</source>
        <translation>API-&amp;Basis-URL:</translation>
    </message>
    <message>
        <source>Bot &amp;token:</source>
        <translation>Bot-&amp;Token:</translation>
    </message>
    <message>
        <source>The token will be stored in the system keychain (service “Gavel”), never in a file.</source>
        <translation>Das Token wird im Schlüsselbund des Systems gespeichert (Dienst „Gavel“), nie in einer Datei.</translation>
    </message>
    <message>
        <source>No system keychain is available (%1). Gavel stores tokens in a Secret Service keychain: install and start one, such as gnome-keyring (package gnome-keyring) or KeePassXC with Secret Service integration, then run this wizard again.</source>
        <translation>Kein Schlüsselbund des Systems verfügbar (%1). Gavel speichert Tokens in einem Secret-Service-Schlüsselbund: Installieren und starten Sie einen, etwa gnome-keyring (Paket gnome-keyring) oder KeePassXC mit Secret-Service-Integration, und starten Sie diesen Assistenten erneut.</translation>
    </message>
    <message>
        <source>Check the bot</source>
        <translation>Den Bot prüfen</translation>
    </message>
    <message>
        <source>Gavel asks Discord who the token belongs to, which guilds the bot is in, its permissions there and its privileged intents.</source>
        <translation>Gavel fragt Discord, wem das Token gehört, auf welchen Servern der Bot ist, welche Berechtigungen er dort hat und welche privilegierten Intents.</translation>
    </message>
    <message>
        <source>Store the token and &amp;sync</source>
        <translation>Token speichern und &amp;synchronisieren</translation>
    </message>
    <message>
        <source>Guild</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>&amp;Erneut prüfen</translation>
    </message>
    <message>
        <source>&amp;Guild:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>✔ OK</source>
        <translation>✔ OK</translation>
    </message>
    <message>
        <source>✘ Missing</source>
        <translation>✘ Fehlt</translation>
    </message>
    <message>
        <source>⚠ Recommended</source>
        <translation>⚠ Empfohlen</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Abhilfe: %1</translation>
    </message>
    <message>
        <source>The bot cannot sync this guild yet: fix what is marked missing, then press Check again.</source>
        <translation>Der Bot kann diesen Server noch nicht synchronisieren: Beheben Sie, was als fehlend markiert ist, und drücken Sie dann „Erneut prüfen“.</translation>
    </message>
    <message>
        <source>Invite URL with the permissions integer %1 = %2:</source>
        <translation>Einladungs-URL mit der Berechtigungszahl %1 = %2:</translation>
    </message>
    <message>
        <source>First sync</source>
        <translation>Erste Synchronisierung</translation>
    </message>
    <message>
        <source>Gavel reads the guild&apos;s channels, members, messages and reactions. Later syncs read only what is new.</source>
        <translation>Gavel liest die Kanäle, Mitglieder, Nachrichten und Reaktionen des Servers. Spätere Synchronisierungen lesen nur Neues.</translation>
    </message>
    <message>
        <source>No guild was checked.</source>
        <translation>Es wurde kein Server geprüft.</translation>
    </message>
    <message>
        <source>Connect a Guild</source>
        <translation>Einen Server verbinden</translation>
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
    <message>
        <source>%1 counted reactions · %2 members gave and %3 received at least one · flagged: %4 ring(s), %5 alt famil(ies)</source>
        <translation>%1 gezählte Reaktionen · %2 Mitglieder haben mindestens eine gegeben und %3 erhalten · markiert: %4 Ring(e), %5 Alt-Familie(n)</translation>
    </message>
    <message>
        <source>Under %1: the top 1% of members hold %2 of the score, the top 10% hold %3 (Gini %4)</source>
        <translation>Unter %1: Das oberste 1 % der Mitglieder hält %2 der Punkte, die obersten 10 % halten %3 (Gini %4)</translation>
    </message>
    <message>
        <source>Raw counts: the top 1% of receivers got %1 of the reactions, the top 10% got %2 (Gini %3)</source>
        <translation>Rohzahlen: Das oberste 1 % der Empfänger erhielt %1 der Reaktionen, die obersten 10 % erhielten %2 (Gini %3)</translation>
    </message>
    <message>
        <source>Lorenz curve of scores under %1</source>
        <translation>Lorenzkurve der Punkte unter %1</translation>
    </message>
    <message>
        <source>members, lowest score first</source>
        <translation>Mitglieder, niedrigste Punkte zuerst</translation>
    </message>
    <message>
        <source>share of the score</source>
        <translation>Anteil an den Punkten</translation>
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
    <message>
        <source>&amp;Connect a guild…</source>
        <translation>Einen Server &amp;verbinden…</translation>
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
        <source>Reciprocity %1: 0 (one-way) … 1 (fully mutual)</source>
        <translation>Gegenseitigkeit %1: 0 (einseitig) … 1 (völlig gegenseitig)</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>Keine Daten</translation>
    </message>
    <message>
        <source>Volume weighted by %1 %2, log scale: 0 … %3</source>
        <translation>Volumen gewichtet nach %1 %2, logarithmisch: 0 … %3</translation>
    </message>
    <message>
        <source>no policy</source>
        <translation>keine Richtlinie</translation>
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
    <message>
        <source>Choose a policy in the filter bar to colour by its weights</source>
        <translation>Wählen Sie in der Filterleiste eine Richtlinie, um nach ihren Gewichten zu färben</translation>
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
    <message>
        <source>Loading message text for the policy…</source>
        <translation>Lade Nachrichtentexte für die Richtlinie…</translation>
    </message>
    <message>
        <source>Applying the policy: scores, weighted pairs, clusters…</source>
        <translation>Wende die Richtlinie an: Punkte, gewichtete Paare, Cluster…</translation>
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
    <message>
        <source>Channel&amp;s:</source>
        <translation>&amp;Kanäle:</translation>
    </message>
    <message>
        <source>Choose one or more channels or categories (their channels and threads are included)</source>
        <translation>Einen oder mehrere Kanäle oder Kategorien wählen (ihre Kanäle und Threads sind eingeschlossen)</translation>
    </message>
    <message>
        <source>Channels to include</source>
        <translation>Einzuschließende Kanäle</translation>
    </message>
    <message>
        <source>Polic&amp;y:</source>
        <translation>&amp;Richtlinie:</translation>
    </message>
    <message>
        <source>Policy the views score and weigh by</source>
        <translation>Richtlinie, nach der die Ansichten werten und gewichten</translation>
    </message>
    <message>
        <source>Raw counts, or a policy: its weights colour the heatmap, its scores and levels appear in the members list, the dashboard and the audit</source>
        <translation>Rohzahlen oder eine Richtlinie: Ihre Gewichte färben die Heatmap, ihre Punkte und Stufen erscheinen in der Mitgliederliste, im Dashboard und in der Prüfung</translation>
    </message>
    <message>
        <source>Raw counts (no policy)</source>
        <translation>Rohzahlen (keine Richtlinie)</translation>
    </message>
    <message>
        <source>Open policy file…</source>
        <translation>Richtliniendatei öffnen…</translation>
    </message>
    <message>
        <source>Reset the time window and channel filter (the policy stays)</source>
        <translation>Zeitfenster und Kanalfilter zurücksetzen (die Richtlinie bleibt)</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>Richtlinien</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <source>The policy %1 cannot be applied to this guild, so the views show raw counts: %2</source>
        <translation>Die Richtlinie %1 kann auf diesen Server nicht angewendet werden, daher zeigen die Ansichten Rohzahlen: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n channel(s)</source>
        <translation>
            <numerusform>%n Kanal</numerusform>
            <numerusform>%n Kanäle</numerusform>
        </translation>
    </message>
    <message>
        <source>Every channel</source>
        <translation>Alle Kanäle</translation>
    </message>
    <message>
        <source>Open policy file</source>
        <translation>Richtliniendatei öffnen</translation>
    </message>
    <message>
        <source>Gavel policies (*.json);;All files (*)</source>
        <translation>Gavel-Richtlinien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Policy not loaded</source>
        <translation>Richtlinie nicht geladen</translation>
    </message>
    <message>
        <source>Gavel could not use this policy file.</source>
        <translation>Gavel konnte diese Richtliniendatei nicht verwenden.</translation>
    </message>
    <message>
        <source>policy %1</source>
        <translation>Richtlinie %1</translation>
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
    <message>
        <source>&amp;Connect a Guild…</source>
        <translation>Einen Server &amp;verbinden…</translation>
    </message>
    <message>
        <source>Paste a bot token, check its permissions and sync a guild</source>
        <translation>Ein Bot-Token einfügen, seine Berechtigungen prüfen und einen Server synchronisieren</translation>
    </message>
    <message>
        <source>Connect to a &amp;Team Database…</source>
        <translation>Mit einer &amp;Team-Datenbank verbinden…</translation>
    </message>
    <message>
        <source>Open a PostgreSQL database that several moderators share</source>
        <translation>Eine PostgreSQL-Datenbank öffnen, die sich mehrere Moderatoren teilen</translation>
    </message>
    <message>
        <source>Connect to a Team Database</source>
        <translation>Mit einer Team-Datenbank verbinden</translation>
    </message>
    <message>
        <source>empty: from ~/.pgpass or the server&apos;s trust rules</source>
        <translation>leer: aus ~/.pgpass oder den Vertrauensregeln des Servers</translation>
    </message>
    <message>
        <source>Moderators and admins who share one PostgreSQL database see each other&apos;s proposals, decisions and cluster reviews. Your administrator gives you a login with the grants in docs/moderation.md. The password is used for this session only and never saved.</source>
        <translation>Moderatoren und Admins, die sich eine PostgreSQL-Datenbank teilen, sehen die Vorschläge, Entscheidungen und Cluster-Prüfungen der anderen. Ihr Administrator richtet Ihnen ein Login mit den Rechten aus docs/moderation.md ein. Das Passwort gilt nur für diese Sitzung und wird nie gespeichert.</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
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
    <message>
        <source>Score (%1)</source>
        <translation>Punkte (%1)</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
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
    <name>gavel::ui::PoliciesPage</name>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Vergleichen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Save as pr&amp;oposal…</source>
        <translation>Als &amp;Vorschlag speichern…</translation>
    </message>
    <message>
        <source>Save policy fil&amp;e…</source>
        <translation>Richtliniendatei sp&amp;eichern…</translation>
    </message>
    <message>
        <source>Policy A</source>
        <translation>Richtlinie A</translation>
    </message>
    <message>
        <source>Policy B (edited below)</source>
        <translation>Richtlinie B (unten bearbeitet)</translation>
    </message>
    <message>
        <source>Policy B as JSON</source>
        <translation>Richtlinie B als JSON</translation>
    </message>
    <message>
        <source>Validation of policy B</source>
        <translation>Prüfung von Richtlinie B</translation>
    </message>
    <message>
        <source>Comparison figures</source>
        <translation>Vergleichszahlen</translation>
    </message>
    <message>
        <source>Members whose role changes</source>
        <translation>Mitglieder, deren Rolle sich ändert</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open the member&apos;s audit</source>
        <translation>Doppelklicken oder Eingabe drücken, um die Prüfung des Mitglieds zu öffnen</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>Share under A</source>
        <translation>Anteil unter A</translation>
    </message>
    <message>
        <source>Share under B</source>
        <translation>Anteil unter B</translation>
    </message>
    <message>
        <source>Gain</source>
        <translation>Gewinn</translation>
    </message>
    <message>
        <source>What rings and alt families gain</source>
        <translation>Was Ringe und Alt-Familien gewinnen</translation>
    </message>
    <message>
        <source>Drop the running comparison</source>
        <translation>Den laufenden Vergleich verwerfen</translation>
    </message>
    <message>
        <source>Save policy B&apos;s role changes as a proposal that approvers review on the Reviews page</source>
        <translation>Die Rollenänderungen von Richtlinie B als Vorschlag speichern, den Genehmigende auf der Seite „Prüfungen“ prüfen</translation>
    </message>
    <message>
        <source>Policy &amp;A:</source>
        <translation>Richtlinie &amp;A:</translation>
    </message>
    <message>
        <source>Policy &amp;B:</source>
        <translation>Richtlinie &amp;B:</translation>
    </message>
    <message>
        <source>B&apos;s parameters (JSON, checked as you type):</source>
        <translation>Parameter von B (JSON, beim Tippen geprüft):</translation>
    </message>
    <message>
        <source>&amp;Members whose role changes:</source>
        <translation>&amp;Mitglieder, deren Rolle sich ändert:</translation>
    </message>
    <message>
        <source>Rings and alt families (detected):</source>
        <translation>Ringe und Alt-Familien (erkannt):</translation>
    </message>
    <message>
        <source>Open a guild to compare policies on its history.</source>
        <translation>Öffnen Sie einen Server, um Richtlinien auf seinem Verlauf zu vergleichen.</translation>
    </message>
    <message>
        <source>Open policy file…</source>
        <translation>Richtliniendatei öffnen…</translation>
    </message>
    <message>
        <source>Open policy file</source>
        <translation>Richtliniendatei öffnen</translation>
    </message>
    <message>
        <source>Gavel policies (*.json);;All files (*)</source>
        <translation>Gavel-Richtlinien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Policy A not loaded: %1</source>
        <translation>Richtlinie A nicht geladen: %1</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>%1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Valid: %1, %2</source>
        <translation>Gültig: %1, %2</translation>
    </message>
    <message>
        <source>Choose two policies; the comparison runs when the guild is loaded.</source>
        <translation>Wählen Sie zwei Richtlinien; der Vergleich läuft, sobald der Server geladen ist.</translation>
    </message>
    <message>
        <source>Policy B does not parse; fix it (see below the editor).</source>
        <translation>Richtlinie B lässt sich nicht lesen; korrigieren Sie sie (siehe unter dem Editor).</translation>
    </message>
    <message>
        <source>Loading message text for %1…</source>
        <translation>Lade Nachrichtentexte für %1…</translation>
    </message>
    <message>
        <source>Comparing %1 and %2 over the whole history…</source>
        <translation>Vergleiche %1 und %2 über den gesamten Verlauf…</translation>
    </message>
    <message>
        <source>The comparison failed: %1</source>
        <translation>Der Vergleich ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Comparison cancelled.</source>
        <translation>Vergleich abgebrochen.</translation>
    </message>
    <message>
        <source>A: %1 · B: %2 · scores at %3 UTC over %4 members
%5 members change role · rank correlation (Spearman) %6
Top 1% hold %7 under A and %8 under B · top 10% hold %9 under A and %10 under B</source>
        <translation>A: %1 · B: %2 · Punkte am %3 UTC über %4 Mitglieder
%5 Mitglieder wechseln die Rolle · Rangkorrelation (Spearman) %6
Das oberste 1 % hält %7 unter A und %8 unter B · die obersten 10 % halten %9 unter A und %10 unter B</translation>
    </message>
    <message>
        <source>Save as proposal</source>
        <translation>Als Vorschlag speichern</translation>
    </message>
    <message>
        <source>Policy B&apos;s plan at %1 UTC becomes a proposal that approvers review on the Reviews page.
Proposed by (a moderator or admin of the reviewer list):</source>
        <translation>Der Plan von Richtlinie B am %1 UTC wird ein Vorschlag, den Genehmigende auf der Seite „Prüfungen“ prüfen.
Vorgeschlagen von (Moderator oder Admin der Prüferliste):</translation>
    </message>
    <message>
        <source>Proposal saved</source>
        <translation>Vorschlag gespeichert</translation>
    </message>
    <message>
        <source>Saved as proposal %1.</source>
        <translation>Als Vorschlag %1 gespeichert.</translation>
    </message>
    <message>
        <source>Approvers review it on the Reviews page (Ctrl+6); once approved, it can be pushed to Discord from there.</source>
        <translation>Genehmigende prüfen ihn auf der Seite „Prüfungen“ (Strg+6); nach der Genehmigung kann er von dort an Discord übertragen werden.</translation>
    </message>
    <message>
        <source>Proposal not saved</source>
        <translation>Vorschlag nicht gespeichert</translation>
    </message>
    <message>
        <source>The proposal could not be saved.</source>
        <translation>Der Vorschlag konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>Policy B does not parse or no guild is open.</source>
        <translation>Richtlinie B lässt sich nicht lesen, oder es ist kein Server geöffnet.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Choose a folder you can write to.</source>
        <translation>Wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <source>Save policy B</source>
        <translation>Richtlinie B speichern</translation>
    </message>
    <message>
        <source>Gavel policies (*.json)</source>
        <translation>Gavel-Richtlinien (*.json)</translation>
    </message>
    <message>
        <source>Policy not saved</source>
        <translation>Richtlinie nicht gespeichert</translation>
    </message>
</context>
<context>
    <name>gavel::ui::PolicyChangeModel</name>
    <message>
        <source>User id %1</source>
        <translation>Benutzer-ID %1</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>Role under A</source>
        <translation>Rolle unter A</translation>
    </message>
    <message>
        <source>Role under B</source>
        <translation>Rolle unter B</translation>
    </message>
    <message>
        <source>Score A</source>
        <translation>Punkte A</translation>
    </message>
    <message>
        <source>Score B</source>
        <translation>Punkte B</translation>
    </message>
</context>
<context>
    <name>gavel::ui::ProposalChangeModel</name>
    <message>
        <source>promote</source>
        <translation>befördern</translation>
    </message>
    <message>
        <source>demote</source>
        <translation>herabstufen</translation>
    </message>
    <message>
        <source>deactivate</source>
        <translation>deaktivieren</translation>
    </message>
    <message>
        <source>reactivate</source>
        <translation>reaktivieren</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>angewendet</translation>
    </message>
    <message>
        <source>already so</source>
        <translation>schon so</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>failed (retried next time)</source>
        <translation>fehlgeschlagen (wird beim nächsten Mal wiederholt)</translation>
    </message>
    <message>
        <source>would apply</source>
        <translation>würde angewendet</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>User id %1</source>
        <translation>Benutzer-ID %1</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Roles now</source>
        <translation>Rollen jetzt</translation>
    </message>
    <message>
        <source>After the plan</source>
        <translation>Nach dem Plan</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Push result</source>
        <translation>Ergebnis der Übertragung</translation>
    </message>
</context>
<context>
    <name>gavel::ui::ProposalListModel</name>
    <message>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>genehmigt</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>pushing</source>
        <translation>wird übertragen</translation>
    </message>
    <message>
        <source>pushed</source>
        <translation>übertragen</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>zurückgezogen</translation>
    </message>
    <message>
        <source>tampered</source>
        <translation>manipuliert</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Proposer</source>
        <translation>Vorgeschlagen von</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>Genehmigungen</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
</context>
<context>
    <name>gavel::ui::ProposalNoteDialog</name>
    <message>
        <source>Reviewer name</source>
        <translation>Name des Prüfers</translation>
    </message>
    <message>
        <source>your name in the review team</source>
        <translation>Ihr Name im Prüfteam</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>why (recorded with the decision and shown to the team)</source>
        <translation>warum (wird mit der Entscheidung gespeichert und dem Team gezeigt)</translation>
    </message>
    <message>
        <source>&amp;Reviewer:</source>
        <translation>&amp;Prüfer:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
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
    <name>gavel::ui::ReviewsPage</name>
    <message>
        <source>Proposals</source>
        <translation>Vorschläge</translation>
    </message>
    <message>
        <source>Role changes of the proposal</source>
        <translation>Rollenänderungen des Vorschlags</translation>
    </message>
    <message>
        <source>A&amp;pprove…</source>
        <translation>&amp;Genehmigen…</translation>
    </message>
    <message>
        <source>&amp;Reject…</source>
        <translation>&amp;Ablehnen…</translation>
    </message>
    <message>
        <source>P&amp;ush…</source>
        <translation>Ü&amp;bertragen…</translation>
    </message>
    <message>
        <source>&amp;Cancel push</source>
        <translation>Übertragung a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Open &amp;audit</source>
        <translation>Prüfung ö&amp;ffnen</translation>
    </message>
    <message>
        <source>E&amp;xport evidence…</source>
        <translation>Belege e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>Neu &amp;laden</translation>
    </message>
    <message>
        <source>No proposals for this guild yet. A moderator makes one with gavel propose (from a policy or hand-picked changes) or with Save as proposal on the Policies page; it then waits here for another reviewer&apos;s approval.</source>
        <translation>Noch keine Vorschläge für diesen Server. Ein Moderator erstellt einen mit gavel propose (aus einer Richtlinie oder ausgewählten Änderungen) oder mit „Als Vorschlag speichern“ auf der Seite „Richtlinien“; er wartet dann hier auf die Genehmigung eines anderen Prüfers.</translation>
    </message>
    <message>
        <source>Double-click a member to open their audit</source>
        <translation>Ein Mitglied doppelklicken, um seine Prüfung zu öffnen</translation>
    </message>
    <message>
        <source>Approve the selected proposal with a note</source>
        <translation>Den gewählten Vorschlag mit einer Notiz genehmigen</translation>
    </message>
    <message>
        <source>Reject the selected proposal with a note; any rejection blocks it. The proposer&apos;s own rejection withdraws it.</source>
        <translation>Den gewählten Vorschlag mit einer Notiz ablehnen; jede Ablehnung blockiert ihn. Lehnt der Vorschlagende selbst ab, zieht er ihn zurück.</translation>
    </message>
    <message>
        <source>Apply the approved proposal to Discord, change by change</source>
        <translation>Den genehmigten Vorschlag Änderung für Änderung auf Discord anwenden</translation>
    </message>
    <message>
        <source>Stop after the change in flight; pushing again resumes where it stopped</source>
        <translation>Nach der laufenden Änderung anhalten; erneutes Übertragen macht dort weiter</translation>
    </message>
    <message>
        <source>Open the audit of the selected member</source>
        <translation>Die Prüfung des gewählten Mitglieds öffnen</translation>
    </message>
    <message>
        <source>Read the proposals again, with other reviewers&apos; decisions</source>
        <translation>Die Vorschläge neu lesen, mit den Entscheidungen anderer Prüfer</translation>
    </message>
    <message>
        <source>Push progress</source>
        <translation>Fortschritt der Übertragung</translation>
    </message>
    <message>
        <source>Proposal summary</source>
        <translation>Zusammenfassung des Vorschlags</translation>
    </message>
    <message>
        <source>Why the proposal cannot be pushed</source>
        <translation>Warum der Vorschlag nicht übertragen werden kann</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Entscheidungen</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Pro&amp;posals</source>
        <translation>Vors&amp;chläge</translation>
    </message>
    <message>
        <source>Role c&amp;hanges</source>
        <translation>Rollenän&amp;derungen</translation>
    </message>
    <message>
        <source>Write the evidence package of the selected proposal (CSV files and a manifest)</source>
        <translation>Das Belegpaket des gewählten Vorschlags schreiben (CSV-Dateien und ein Manifest)</translation>
    </message>
    <message>
        <source>Reading the proposals failed: %1</source>
        <translation>Die Vorschläge konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Open a guild to see its proposals.</source>
        <translation>Öffnen Sie einen Server, um seine Vorschläge zu sehen.</translation>
    </message>
    <message>
        <source>Select a proposal to see its changes.</source>
        <translation>Wählen Sie einen Vorschlag, um seine Änderungen zu sehen.</translation>
    </message>
    <message>
        <source>Proposal %1: %2</source>
        <translation>Vorschlag %1: %2</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(ohne Titel)</translation>
    </message>
    <message>
        <source>State: %1 — %2 of %3 approvals</source>
        <translation>Zustand: %1 — %2 von %3 Genehmigungen</translation>
    </message>
    <message>
        <source>Proposed by %1 on %2; expires %3</source>
        <translation>Vorgeschlagen von %1 am %2; läuft ab %3</translation>
    </message>
    <message>
        <source>Policy: %1 (%2)</source>
        <translation>Richtlinie: %1 (%2)</translation>
    </message>
    <message>
        <source>Data up to %1</source>
        <translation>Daten bis %1</translation>
    </message>
    <message>
        <source>Evidence: none referenced</source>
        <translation>Belege: keine angegeben</translation>
    </message>
    <message>
        <source>Evidence: %1</source>
        <translation>Belege: %1</translation>
    </message>
    <message>
        <source>Stale: the guild&apos;s data changed since the proposal was made (%1). Make a new proposal from fresh data.</source>
        <translation>Veraltet: Die Daten des Servers haben sich seit dem Vorschlag geändert (%1). Erstellen Sie einen neuen Vorschlag aus aktuellen Daten.</translation>
    </message>
    <message>
        <source>Tampered: the proposal in the database no longer matches its audit record (%1). It will not be pushed.</source>
        <translation>Manipuliert: Der Vorschlag in der Datenbank stimmt nicht mehr mit seinem Audit-Eintrag überein (%1). Er wird nicht übertragen.</translation>
    </message>
    <message>
        <source>Not pushable: %1</source>
        <translation>Nicht übertragbar: %1</translation>
    </message>
    <message>
        <source>Not counted: %1</source>
        <translation>Nicht gezählt: %1</translation>
    </message>
    <message>
        <source>%1 approved on %2</source>
        <translation>%1 genehmigte am %2</translation>
    </message>
    <message>
        <source>%1 rejected on %2</source>
        <translation>%1 lehnte am %2 ab</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Waiting for %1</source>
        <translation>Wartet auf %1</translation>
    </message>
    <message>
        <source>No decisions yet.</source>
        <translation>Noch keine Entscheidungen.</translation>
    </message>
    <message>
        <source>Decisions:
%1</source>
        <translation>Entscheidungen:
%1</translation>
    </message>
    <message>
        <source>Res&amp;ume push…</source>
        <translation>Übertragung &amp;fortsetzen…</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Approve proposal %1 (%2 changes). The proposer cannot approve their own proposal; your name, the note and your database login are recorded.</source>
        <translation>Vorschlag %1 genehmigen (%2 Änderungen). Der Vorschlagende kann seinen eigenen Vorschlag nicht genehmigen; Ihr Name, die Notiz und Ihre Datenbankanmeldung werden gespeichert.</translation>
    </message>
    <message>
        <source>Reject proposal %1. Any rejection blocks it for good. If you are its proposer, this withdraws it instead.</source>
        <translation>Vorschlag %1 ablehnen. Jede Ablehnung blockiert ihn endgültig. Wenn Sie ihn vorgeschlagen haben, ziehen Sie ihn stattdessen zurück.</translation>
    </message>
    <message>
        <source>Approve proposal %1</source>
        <translation>Vorschlag %1 genehmigen</translation>
    </message>
    <message>
        <source>Reject proposal %1</source>
        <translation>Vorschlag %1 ablehnen</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Genehmigen</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Approving proposal %1…</source>
        <translation>Genehmige Vorschlag %1…</translation>
    </message>
    <message>
        <source>Rejecting proposal %1…</source>
        <translation>Lehne Vorschlag %1 ab…</translation>
    </message>
    <message>
        <source>Not recorded: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Proposal %1 withdrawn by its proposer %2.</source>
        <translation>Vorschlag %1 von seinem Vorschlagenden %2 zurückgezogen.</translation>
    </message>
    <message>
        <source>%1 approved proposal %2: %3 of %4 approvals, %5.</source>
        <translation>%1 hat Vorschlag %2 genehmigt: %3 von %4 Genehmigungen, %5.</translation>
    </message>
    <message>
        <source>%1 rejected proposal %2: %3 of %4 approvals, %5.</source>
        <translation>%1 hat Vorschlag %2 abgelehnt: %3 von %4 Genehmigungen, %5.</translation>
    </message>
    <message>
        <source>Push proposal %1</source>
        <translation>Vorschlag %1 übertragen</translation>
    </message>
    <message>
        <source>Apply %1 role changes of proposal %2 to Discord now, with the bot token of guild %3 (keychain, else GAVEL_TOKEN). Each change is journalled before it is sent, so a cancelled or interrupted push resumes later without applying anything twice. Only admins push; your name is recorded.</source>
        <translation>Jetzt %1 Rollenänderungen von Vorschlag %2 auf Discord anwenden, mit dem Bot-Token von Server %3 (Schlüsselbund, sonst GAVEL_TOKEN). Jede Änderung wird vor dem Senden protokolliert, daher macht eine abgebrochene oder unterbrochene Übertragung später weiter, ohne etwas doppelt anzuwenden. Nur Admins übertragen; Ihr Name wird gespeichert.</translation>
    </message>
    <message>
        <source>Push</source>
        <translation>Übertragen</translation>
    </message>
    <message>
        <source>%v of %m changes</source>
        <translation>%v von %m Änderungen</translation>
    </message>
    <message>
        <source>Pushing proposal %1…</source>
        <translation>Übertrage Vorschlag %1…</translation>
    </message>
    <message>
        <source>Stopping after the change in flight…</source>
        <translation>Halte nach der laufenden Änderung an…</translation>
    </message>
    <message>
        <source>Push of proposal %1 failed: %2</source>
        <translation>Übertragung von Vorschlag %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Proposal %1: %2 applied, %3 already so, %4 refused, %5 skipped, %6 failed.</source>
        <translation>Vorschlag %1: %2 angewendet, %3 schon so, %4 abgelehnt, %5 übersprungen, %6 fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Stopped after %1 of %2 changes; push again to resume.</source>
        <translation>Nach %1 von %2 Änderungen angehalten; erneut übertragen, um fortzufahren.</translation>
    </message>
    <message>
        <source>The guild&apos;s audit log confirms %1 of %2 applied changes.</source>
        <translation>Das Audit-Log des Servers bestätigt %1 von %2 angewendeten Änderungen.</translation>
    </message>
    <message>
        <source>Push again to retry the failed changes.</source>
        <translation>Erneut übertragen, um die fehlgeschlagenen Änderungen zu wiederholen.</translation>
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
