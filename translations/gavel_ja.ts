<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
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
        <translation>リアクション</translation>
    </message>
</context>
<context>
    <name>HeatmapModel</name>
    <message>
        <source>Clusters on the diagonal</source>
        <translation>クラスターを対角線上に</translation>
    </message>
    <message>
        <source>Most reactions received</source>
        <translation>受け取ったリアクションの多い順</translation>
    </message>
    <message>
        <source>User id (account age)</source>
        <translation>ユーザー ID（アカウントの古さ）</translation>
    </message>
    <message>
        <source>Reactions (raw count)</source>
        <translation>リアクション（実数）</translation>
    </message>
    <message>
        <source>Weighted volume</source>
        <translation>重み付き量</translation>
    </message>
    <message>
        <source>Reciprocity</source>
        <translation>相互性</translation>
    </message>
</context>
<context>
    <name>gavel::cli::DemoSession</name>
    <message>
        <source>Preparing the demo guild…</source>
        <translation>デモギルドを準備しています…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Demo guild</source>
        <translation>デモギルド</translation>
    </message>
    <message>
        <source>The demo guild could not be prepared: %1</source>
        <translation>デモギルドを準備できませんでした: %1</translation>
    </message>
    <message>
        <source>The Discord emulator could not start: %1</source>
        <translation>Discord エミュレーターを起動できませんでした: %1</translation>
    </message>
    <message>
        <source>Demo guild served at http://127.0.0.1:%1/api/v10</source>
        <translation>デモギルドを http://127.0.0.1:%1/api/v10 で提供中</translation>
    </message>
</context>
<context>
    <name>gavel::ui::AboutDialog</name>
    <message>
        <source>About Gavel</source>
        <translation>Gavel について</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Gavel %1&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Gavel %1&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Gavel version</source>
        <translation>Gavel のバージョン</translation>
    </message>
    <message>
        <source>&lt;p&gt;Gavel keeps a Discord community&apos;s reputation system honest. It syncs a guild&apos;s history into a local database, computes reputation under written policies, shows who reacts to whom, finds reaction rings and alt-account families, and lets moderators propose role changes that other admins approve before anything reaches Discord.&lt;/p&gt;&lt;p&gt;Gavel flags people for review and explains every flag. It never punishes by itself.&lt;/p&gt;&lt;p&gt;Built with Qt %1 (running on Qt %2).&lt;/p&gt;</source>
        <translation>&lt;p&gt;Gavel は Discord コミュニティの評判システムを公正に保ちます。ギルドの履歴をローカルデータベースに同期し、文書化されたポリシーに従って評判を計算し、誰が誰にリアクションしているかを示し、リアクションリングとサブアカウント群を見つけ、モデレーターが提案したロール変更を他の管理者が承認してから Discord に反映します。&lt;/p&gt;&lt;p&gt;Gavel は確認が必要な人をフラグ付けし、すべてのフラグの理由を説明します。自ら処罰することは決してありません。&lt;/p&gt;&lt;p&gt;Qt %1 でビルド（Qt %2 で実行中）。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>gavel::ui::AuditPage</name>
    <message>
        <source>Identity</source>
        <translation>アカウント情報</translation>
    </message>
    <message>
        <source>Reaction figures</source>
        <translation>リアクションの数値</translation>
    </message>
    <message>
        <source>Top pairs</source>
        <translation>上位のペア</translation>
    </message>
    <message>
        <source>Pair</source>
        <translation>ペア</translation>
    </message>
    <message>
        <source>Reactions</source>
        <translation>リアクション</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>戻る</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>割合</translation>
    </message>
    <message>
        <source>Double-click or press Enter to see the pair&apos;s evidence</source>
        <translation>ダブルクリックまたは Enter でペアの証拠を表示</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>フラグ</translation>
    </message>
    <message>
        <source>Roles and role history</source>
        <translation>ロールとロール履歴</translation>
    </message>
    <message>
        <source>Reactions per week</source>
        <translation>週ごとのリアクション</translation>
    </message>
    <message>
        <source>Reactio&amp;ns</source>
        <translation>リアクション(&amp;N)</translation>
    </message>
    <message>
        <source>Top &amp;pairs</source>
        <translation>上位のペア(&amp;P)</translation>
    </message>
    <message>
        <source>T&amp;imeline</source>
        <translation>タイムライン(&amp;I)</translation>
    </message>
    <message>
        <source>F&amp;lags</source>
        <translation>フラグ(&amp;L)</translation>
    </message>
    <message>
        <source>R&amp;oles</source>
        <translation>ロール(&amp;O)</translation>
    </message>
    <message>
        <source>Audit details</source>
        <translation>監査の詳細</translation>
    </message>
    <message>
        <source>No member chosen</source>
        <translation>メンバーが選択されていません</translation>
    </message>
    <message>
        <source>Search for a member by name or user id in the list on the left (or the search box above, Ctrl+F), then choose one to see the audit.</source>
        <translation>左のリスト（または上の検索ボックス、Ctrl+F）で名前かユーザー ID からメンバーを検索し、選択すると監査が表示されます。</translation>
    </message>
    <message>
        <source>username &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>ユーザー名 &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>display name &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>表示名 &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>nickname &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>ニックネーム &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>User id %1</source>
        <translation>ユーザー ID %1</translation>
    </message>
    <message>
        <source>Account created %1 (%2 before the last message)</source>
        <translation>アカウント作成 %1（最後のメッセージの %2 前）</translation>
    </message>
    <message>
        <source>Joined %1, %2 after the account was created</source>
        <translation>%1 に参加（アカウント作成の %2 後）</translation>
    </message>
    <message>
        <source>Left (noticed %1)</source>
        <translation>脱退（%1 に確認）</translation>
    </message>
    <message>
        <source>Not a member of the guild</source>
        <translation>ギルドのメンバーではありません</translation>
    </message>
    <message>
        <source>Bot: its reactions never count</source>
        <translation>ボット: リアクションは集計されません</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; counted reactions given to %2 members&lt;br&gt;&lt;b&gt;%3&lt;/b&gt; received from %4 members</source>
        <translation>%2 人のメンバーに &lt;b&gt;%1&lt;/b&gt; 件の集計対象リアクションを付与&lt;br&gt;%4 人のメンバーから &lt;b&gt;%3&lt;/b&gt; 件を受領</translation>
    </message>
    <message>
        <source>%1 more reactions are listed that do not count (the table says why)</source>
        <translation>集計されないリアクションがさらに %1 件あります（理由は表に記載）</translation>
    </message>
    <message>
        <source>%1 of the received reactions come from the top 3 reactors</source>
        <translation>受け取ったリアクションの %1 が上位 3 人から</translation>
    </message>
    <message>
        <source>Under the current filter</source>
        <translation>現在のフィルターで</translation>
    </message>
    <message>
        <source>given</source>
        <translation>付与</translation>
    </message>
    <message>
        <source>received</source>
        <translation>受領</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Reacts most to</source>
        <translation>最も多くリアクションする相手</translation>
    </message>
    <message>
        <source>Receives most from</source>
        <translation>最も多く受け取る相手</translation>
    </message>
    <message>
        <source>Ring %1</source>
        <translation>リング %1</translation>
    </message>
    <message>
        <source>Alt family %1</source>
        <translation>サブアカウント群 %1</translation>
    </message>
    <message>
        <source>score %1</source>
        <translation>スコア %1</translation>
    </message>
    <message>
        <source>&lt;p&gt;No ring or alt family includes this member under the current filter.&lt;/p&gt;</source>
        <translation>&lt;p&gt;現在のフィルターでは、このメンバーを含むリングやサブアカウント群はありません。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>F&amp;lags (!)</source>
        <translation>フラグ(&amp;L) (!)</translation>
    </message>
    <message>
        <source>Roles now:</source>
        <translation>現在のロール:</translation>
    </message>
    <message>
        <source>History:</source>
        <translation>履歴:</translation>
    </message>
    <message>
        <source>before Gavel first saw the member</source>
        <translation>Gavel が初めてメンバーを確認する前</translation>
    </message>
    <message>
        <source>now</source>
        <translation>現在</translation>
    </message>
    <message>
        <source>no roles recorded</source>
        <translation>記録されたロールなし</translation>
    </message>
    <message>
        <source>Counted reactions per week</source>
        <translation>週ごとの集計対象リアクション</translation>
    </message>
    <message>
        <source>week (UTC)</source>
        <translation>週（UTC）</translation>
    </message>
    <message>
        <source>reactions</source>
        <translation>リアクション</translation>
    </message>
</context>
<context>
    <name>gavel::ui::ClusterGraphView</name>
    <message>
        <source>Cluster graph</source>
        <translation>クラスターグラフ</translation>
    </message>
    <message>
        <source>Members: %1. Strongest outside partners: %2.</source>
        <translation>メンバー: %1。外部の最も強い相手: %2。</translation>
    </message>
    <message>
        <source>Choose a cluster to see its graph</source>
        <translation>クラスターを選ぶとグラフが表示されます</translation>
    </message>
</context>
<context>
    <name>gavel::ui::ClusterListModel</name>
    <message>
        <source>Ring</source>
        <translation>リング</translation>
    </message>
    <message>
        <source>Alt family</source>
        <translation>サブアカウント群</translation>
    </message>
    <message>
        <source>%1 (master)</source>
        <translation>%1（親アカウント）</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>メンバー</translation>
    </message>
</context>
<context>
    <name>gavel::ui::ClustersPage</name>
    <message>
        <source>Open &amp;audit</source>
        <translation>監査を開く(&amp;A)</translation>
    </message>
    <message>
        <source>Flagged clusters</source>
        <translation>フラグ付きクラスター</translation>
    </message>
    <message>
        <source>No ring or alt family is flagged under the current filter. Detection flags groups whose members react mostly to each other far beyond what the rest of the guild gives them, and young accounts that serve one master; widen the time window or the channels if you expected one.</source>
        <translation>現在のフィルターでフラグ付けされたリングやサブアカウント群はありません。検出は、ギルドの他のメンバーから受けるよりはるかに多く互いにリアクションし合うグループと、一つの親アカウントに仕える新しいアカウントをフラグ付けします。該当があるはずなら、期間やチャンネルを広げてください。</translation>
    </message>
    <message>
        <source>Cluster evidence</source>
        <translation>クラスターの証拠</translation>
    </message>
    <message>
        <source>Cluster members</source>
        <translation>クラスターのメンバー</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>メンバー</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>証拠</translation>
    </message>
    <message>
        <source>Double-click or press Open audit to audit a member</source>
        <translation>ダブルクリックまたは「監査を開く」でメンバーを監査</translation>
    </message>
    <message>
        <source>Flagged &amp;clusters</source>
        <translation>フラグ付きクラスター(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Evidence</source>
        <translation>証拠(&amp;E)</translation>
    </message>
    <message>
        <source>Mem&amp;bers</source>
        <translation>メンバー(&amp;B)</translation>
    </message>
    <message>
        <source>Ring %1</source>
        <translation>リング %1</translation>
    </message>
    <message>
        <source>Alt family %1</source>
        <translation>サブアカウント群 %1</translation>
    </message>
    <message>
        <source>Score %1 of 1; %2 members.</source>
        <translation>スコア %1（最大 1）、メンバー %2 人。</translation>
    </message>
    <message>
        <source>Internal share of received reactions %1, of given %2; mean internal reciprocity %3; density %4; median dominance over the best outsider %5×.</source>
        <translation>受け取ったリアクションの内部比率 %1、付与の内部比率 %2、内部の平均相互性 %3、密度 %4、最も強い外部メンバーに対する優位度の中央値 %5×。</translation>
    </message>
    <message>
        <source>Detection flags people for review; it never acts by itself. Check the evidence of each member before drawing a conclusion.</source>
        <translation>検出は確認が必要な人をフラグ付けするだけで、自ら措置を取ることはありません。結論を出す前に各メンバーの証拠を確認してください。</translation>
    </message>
    <message>
        <source>%1 (master)</source>
        <translation>%1（親アカウント）</translation>
    </message>
</context>
<context>
    <name>gavel::ui::DashboardPage</name>
    <message>
        <source>Channel</source>
        <translation>チャンネル</translation>
    </message>
    <message>
        <source>Top channels</source>
        <translation>上位のチャンネル</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>絵文字</translation>
    </message>
    <message>
        <source>Top emoji</source>
        <translation>上位の絵文字</translation>
    </message>
    <message>
        <source>Guild figures</source>
        <translation>ギルドの数値</translation>
    </message>
    <message>
        <source>Messages and reactions per week</source>
        <translation>週ごとのメッセージとリアクション</translation>
    </message>
    <message>
        <source>Concentration of received reactions</source>
        <translation>受け取ったリアクションの集中度</translation>
    </message>
    <message>
        <source>Flags needing review</source>
        <translation>確認が必要なフラグ</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open the cluster</source>
        <translation>ダブルクリックまたは Enter でクラスターを開く</translation>
    </message>
    <message>
        <source>F&amp;lags needing review</source>
        <translation>確認が必要なフラグ(&amp;L)</translation>
    </message>
    <message>
        <source>Top ch&amp;annels</source>
        <translation>上位のチャンネル(&amp;A)</translation>
    </message>
    <message>
        <source>Top &amp;emoji</source>
        <translation>上位の絵文字(&amp;E)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; counted reactions · &lt;b&gt;%2&lt;/b&gt; members gave and &lt;b&gt;%3&lt;/b&gt; received at least one · the top 1% of receivers got &lt;b&gt;%4&lt;/b&gt; of them (Gini %5) · flagged: &lt;b&gt;%6&lt;/b&gt; ring(s), &lt;b&gt;%7&lt;/b&gt; alt famil(ies)</source>
        <translation>集計対象リアクション &lt;b&gt;%1&lt;/b&gt; 件 · 付与したメンバー &lt;b&gt;%2&lt;/b&gt; 人、受け取ったメンバー &lt;b&gt;%3&lt;/b&gt; 人 · 受け取り上位 1% が &lt;b&gt;%4&lt;/b&gt; を獲得（ジニ係数 %5）· フラグ: リング &lt;b&gt;%6&lt;/b&gt;、サブアカウント群 &lt;b&gt;%7&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Ring %1</source>
        <translation>リング %1</translation>
    </message>
    <message>
        <source>Alt family %1</source>
        <translation>サブアカウント群 %1</translation>
    </message>
    <message>
        <source>%1 · %2 members · score %3</source>
        <translation>%1 · メンバー %2 人 · スコア %3</translation>
    </message>
    <message>
        <source>Nothing flagged under the current filter.</source>
        <translation>現在のフィルターでフラグはありません。</translation>
    </message>
    <message>
        <source>Messages and counted reactions per week</source>
        <translation>週ごとのメッセージと集計対象リアクション</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <source>counted reactions</source>
        <translation>集計対象リアクション</translation>
    </message>
    <message>
        <source>Lorenz curve of received reactions</source>
        <translation>受け取ったリアクションのローレンツ曲線</translation>
    </message>
    <message>
        <source>members</source>
        <translation>メンバー</translation>
    </message>
    <message>
        <source>equal share</source>
        <translation>均等分配</translation>
    </message>
    <message>
        <source>members, fewest reactions first</source>
        <translation>メンバー（リアクションの少ない順）</translation>
    </message>
    <message>
        <source>share of reactions</source>
        <translation>リアクションの割合</translation>
    </message>
</context>
<context>
    <name>gavel::ui::EmptyStatePage</name>
    <message>
        <source>Open the &amp;demo guild</source>
        <translation>デモギルドを開く(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Open a database…</source>
        <translation>データベースを開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open the demo guild</source>
        <translation>デモギルドを開く</translation>
    </message>
    <message>
        <source>Open a database</source>
        <translation>データベースを開く</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;To audit your own guild:&lt;/b&gt;&lt;/p&gt;&lt;ol&gt;&lt;li&gt;Create a bot in the Discord developer portal and enable the &lt;i&gt;Server Members&lt;/i&gt; and &lt;i&gt;Message Content&lt;/i&gt; intents.&lt;/li&gt;&lt;li&gt;Invite it to your guild with the &lt;i&gt;View Channels&lt;/i&gt;, &lt;i&gt;Read Message History&lt;/i&gt; and &lt;i&gt;Manage Roles&lt;/i&gt; permissions.&lt;/li&gt;&lt;li&gt;Sync the guild into a database:&lt;br&gt;&lt;code&gt;GAVEL_TOKEN=… gavel sync --db guild.sqlite --guild &amp;lt;guild id&amp;gt;&lt;/code&gt;&lt;br&gt;then open &lt;code&gt;guild.sqlite&lt;/code&gt; here.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Or open the &lt;b&gt;demo guild&lt;/b&gt;: a made-up community of 2,000 members with planted reaction rings and alt accounts, served by Gavel&apos;s built-in Discord emulator.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;自分のギルドを監査するには:&lt;/b&gt;&lt;/p&gt;&lt;ol&gt;&lt;li&gt;Discord 開発者ポータルでボットを作成し、&lt;i&gt;Server Members&lt;/i&gt; と &lt;i&gt;Message Content&lt;/i&gt; のインテントを有効にします。&lt;/li&gt;&lt;li&gt;&lt;i&gt;チャンネルを見る&lt;/i&gt;、&lt;i&gt;メッセージ履歴を読む&lt;/i&gt;、&lt;i&gt;ロールの管理&lt;/i&gt; の権限でボットをギルドに招待します。&lt;/li&gt;&lt;li&gt;ギルドをデータベースに同期します:&lt;br&gt;&lt;code&gt;GAVEL_TOKEN=… gavel sync --db guild.sqlite --guild &amp;lt;ギルド ID&amp;gt;&lt;/code&gt;&lt;br&gt;その後、ここで &lt;code&gt;guild.sqlite&lt;/code&gt; を開きます。&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;または &lt;b&gt;デモギルド&lt;/b&gt; を開きます: リアクションリングとサブアカウントが仕込まれた 2,000 人の架空のコミュニティを、Gavel 内蔵の Discord エミュレーターが提供します。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Welcome to Gavel</source>
        <translation>Gavel へようこそ</translation>
    </message>
    <message>
        <source>This database holds no guild yet</source>
        <translation>このデータベースにはまだギルドがありません</translation>
    </message>
    <message>
        <source>The database could not be opened</source>
        <translation>データベースを開けませんでした</translation>
    </message>
</context>
<context>
    <name>gavel::ui::ExportActions</name>
    <message>
        <source>Export evidence…</source>
        <translation>証拠をエクスポート…</translation>
    </message>
    <message>
        <source>Case report…</source>
        <translation>ケースレポート…</translation>
    </message>
    <message>
        <source>Write an evidence package: CSV files, the policy, a README and a SHA-256 manifest anyone can check</source>
        <translation>証拠パッケージを書き出す：CSV ファイル、ポリシー、README、誰でも検証できる SHA-256 マニフェスト</translation>
    </message>
    <message>
        <source>Write a case report (HTML or PDF) with its evidence package</source>
        <translation>ケースレポート（HTML または PDF）を証拠パッケージとともに書き出す</translation>
    </message>
    <message>
        <source>Export the evidence package into (an empty folder)</source>
        <translation>証拠パッケージのエクスポート先（空のフォルダー）</translation>
    </message>
    <message>
        <source>Write the case report</source>
        <translation>ケースレポートを書き出す</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;HTML (*.html)</source>
        <translation>PDF (*.pdf);;HTML (*.html)</translation>
    </message>
    <message>
        <source>Wrote %1 and its evidence package %2 (SHA-256 %3)</source>
        <translation>%1 と証拠パッケージ %2 を書き出しました（SHA-256 %3）</translation>
    </message>
    <message>
        <source>Wrote the evidence package %1 (SHA-256 %2)</source>
        <translation>証拠パッケージ %1 を書き出しました（SHA-256 %2）</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>エクスポートに失敗しました</translation>
    </message>
</context>
<context>
    <name>gavel::ui::GuildListModel</name>
    <message>
        <source>Guild %1</source>
        <translation>ギルド %1</translation>
    </message>
    <message>
        <source>%1 messages, %2 reactions, %3 members</source>
        <translation>メッセージ %1 件、リアクション %2 件、メンバー %3 人</translation>
    </message>
    <message>
        <source>Last synced %1</source>
        <translation>最終同期 %1</translation>
    </message>
</context>
<context>
    <name>gavel::ui::GuildOverviewPage</name>
    <message>
        <source>Guild id:</source>
        <translation>ギルド ID:</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>ソース:</translation>
    </message>
    <message>
        <source>Last synced:</source>
        <translation>最終同期:</translation>
    </message>
    <message>
        <source>Members:</source>
        <translation>メンバー:</translation>
    </message>
    <message>
        <source>Channels and threads:</source>
        <translation>チャンネルとスレッド:</translation>
    </message>
    <message>
        <source>Messages:</source>
        <translation>メッセージ:</translation>
    </message>
    <message>
        <source>Reactions:</source>
        <translation>リアクション:</translation>
    </message>
    <message>
        <source>Discord (synced over the REST API)</source>
        <translation>Discord（REST API で同期）</translation>
    </message>
    <message>
        <source>never</source>
        <translation>なし</translation>
    </message>
</context>
<context>
    <name>gavel::ui::HeatmapLegend</name>
    <message>
        <source>Colour scale</source>
        <translation>カラースケール</translation>
    </message>
    <message>
        <source>per pair</source>
        <translation>ペアごと</translation>
    </message>
    <message>
        <source>per block of %1 × %1 members</source>
        <translation>%1 × %1 メンバーのブロックごと</translation>
    </message>
    <message>
        <source>Reactions %1, log scale: 1 … %2</source>
        <translation>リアクション %1、対数目盛: 1 … %2</translation>
    </message>
    <message>
        <source>Weighted volume %1, log scale: 0 … %2</source>
        <translation>重み付き量 %1、対数目盛: 0 … %2</translation>
    </message>
    <message>
        <source>Reciprocity %1: 0 (one-way) … 1 (fully mutual)</source>
        <translation>相互性 %1: 0（一方向）… 1（完全に相互）</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>データなし</translation>
    </message>
</context>
<context>
    <name>gavel::ui::HeatmapPage</name>
    <message>
        <source>Fit gui&amp;ld</source>
        <translation>ギルド全体を表示(&amp;L)</translation>
    </message>
    <message>
        <source>Order members by</source>
        <translation>メンバーの並び順</translation>
    </message>
    <message>
        <source>Colour cells by</source>
        <translation>セルの色分け</translation>
    </message>
    <message>
        <source>Colour map</source>
        <translation>カラーマップ</translation>
    </message>
    <message>
        <source>Show the whole guild (0)</source>
        <translation>ギルド全体を表示 (0)</translation>
    </message>
    <message>
        <source>&amp;Order:</source>
        <translation>並び順(&amp;O):</translation>
    </message>
    <message>
        <source>Colo&amp;ur by:</source>
        <translation>色分け(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Map:</source>
        <translation>マップ(&amp;M):</translation>
    </message>
    <message>
        <source>Rows are reactors, columns are authors. Outlined squares on the diagonal are flagged rings (white) and alt families (orange). Scroll to zoom, drag to pan, click a cell for its evidence.</source>
        <translation>行はリアクションした人、列は投稿者です。対角線上の枠はフラグ付きのリング（白）とサブアカウント群（オレンジ）です。スクロールで拡大縮小、ドラッグで移動、セルをクリックすると証拠を表示します。</translation>
    </message>
</context>
<context>
    <name>gavel::ui::HeatmapView</name>
    <message>
        <source>Reactor pair heatmap</source>
        <translation>リアクションペアのヒートマップ</translation>
    </message>
    <message>
        <source>Rows are reactors, columns are authors. Arrow keys move the cursor, Ctrl+arrows pan, plus and minus zoom, 0 shows the whole guild, Enter opens the pair&apos;s evidence.</source>
        <translation>行はリアクションした人、列は投稿者です。矢印キーでカーソル移動、Ctrl+矢印で表示移動、プラスとマイナスで拡大縮小、0 でギルド全体、Enter でペアの証拠を開きます。</translation>
    </message>
    <message>
        <source>ring %1</source>
        <translation>リング %1</translation>
    </message>
    <message>
        <source>alts %1</source>
        <translation>サブアカウント %1</translation>
    </message>
    <message>
        <source>No counted reactions under the current filter.
Widen the time window or choose more channels.</source>
        <translation>現在のフィルターでは集計対象のリアクションがありません。
期間を広げるか、チャンネルを増やしてください。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; → &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;no counted reactions</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; → &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;集計対象のリアクションなし</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; → &lt;b&gt;%2&lt;/b&gt;: %3 reactions&lt;br&gt;&lt;b&gt;%2&lt;/b&gt; → &lt;b&gt;%1&lt;/b&gt;: %4 reactions&lt;br&gt;reciprocity %5&lt;br&gt;%6 of %2&apos;s received reactions come from %1&lt;br&gt;%7 of %1&apos;s given reactions go to %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; → &lt;b&gt;%2&lt;/b&gt;: リアクション %3 件&lt;br&gt;&lt;b&gt;%2&lt;/b&gt; → &lt;b&gt;%1&lt;/b&gt;: リアクション %4 件&lt;br&gt;相互性 %5&lt;br&gt;%2 が受け取ったリアクションの %6 が %1 から&lt;br&gt;%1 が付与したリアクションの %7 が %2 へ</translation>
    </message>
    <message>
        <source>&lt;br&gt;weighted volume %1</source>
        <translation>&lt;br&gt;重み付き量 %1</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;Click or press Enter for the evidence&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;クリックまたは Enter で証拠を表示&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Reactors %1–%2 → authors %3–%4 (a block of %5 × %5 members)&lt;br&gt;%6 reactions in %7 pairs, reciprocity %8&lt;br&gt;&lt;i&gt;Zoom in to see single pairs&lt;/i&gt;</source>
        <translation>リアクションした人 %1–%2 → 投稿者 %3–%4（%5 × %5 メンバーのブロック）&lt;br&gt;%7 ペアでリアクション %6 件、相互性 %8&lt;br&gt;&lt;i&gt;拡大すると個々のペアが見えます&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>gavel::ui::InvestigationSession</name>
    <message>
        <source>Loading the guild&apos;s history…</source>
        <translation>ギルドの履歴を読み込んでいます…</translation>
    </message>
    <message>
        <source>Counting reactor pairs and looking for clusters…</source>
        <translation>リアクションペアを集計し、クラスターを探しています…</translation>
    </message>
    <message>
        <source>Applying the filter: counting pairs and clusters…</source>
        <translation>フィルターを適用中: ペアとクラスターを集計しています…</translation>
    </message>
</context>
<context>
    <name>gavel::ui::InvestigationView</name>
    <message>
        <source>&amp;Whole history</source>
        <translation>全期間(&amp;W)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Find a member by name or id (Ctrl+F)</source>
        <translation>名前または ID でメンバーを検索 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Find a member</source>
        <translation>メンバーを検索</translation>
    </message>
    <message>
        <source>F&amp;rom:</source>
        <translation>開始(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;to:</source>
        <translation>終了(&amp;T):</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>チャンネル(&amp;H):</translation>
    </message>
    <message>
        <source>Time window start (UTC)</source>
        <translation>期間の開始（UTC）</translation>
    </message>
    <message>
        <source>Time window end (UTC, included)</source>
        <translation>期間の終了（UTC、当日を含む）</translation>
    </message>
    <message>
        <source>Channel filter</source>
        <translation>チャンネルフィルター</translation>
    </message>
    <message>
        <source>Reset the time window and channel filter</source>
        <translation>期間とチャンネルフィルターをリセット</translation>
    </message>
    <message>
        <source>Work in progress</source>
        <translation>処理中</translation>
    </message>
    <message>
        <source>Stop this computation and keep showing the previous results</source>
        <translation>この計算を中止し、前の結果を表示したままにする</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Could not load the guild: %1</source>
        <translation>ギルドを読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>戻る</translation>
    </message>
    <message>
        <source>Back (%1)</source>
        <translation>戻る (%1)</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>進む</translation>
    </message>
    <message>
        <source>Forward (%1)</source>
        <translation>進む (%1)</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>ダッシュボード</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>ヒートマップ</translation>
    </message>
    <message>
        <source>Clusters</source>
        <translation>クラスター</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>メンバー</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Find a Member</source>
        <translation>メンバーを検索</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>すべてのチャンネル</translation>
    </message>
    <message>
        <source>%1 (category)</source>
        <translation>%1（カテゴリー）</translation>
    </message>
    <message>
        <source>Last sync %1 UTC</source>
        <translation>最終同期 %1 UTC</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>未同期</translation>
    </message>
    <message>
        <source>data %1 – %2</source>
        <translation>データ %1 – %2</translation>
    </message>
    <message>
        <source>showing %1 – %2</source>
        <translation>表示中 %1 – %2</translation>
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
        <translation>ギルド</translation>
    </message>
    <message>
        <source>&amp;Guilds</source>
        <translation>ギルド(&amp;G)</translation>
    </message>
    <message>
        <source>No database open</source>
        <translation>データベースが開かれていません</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Database…</source>
        <translation>データベースを開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近使ったもの(&amp;R)</translation>
    </message>
    <message>
        <source>Open the &amp;Demo Guild</source>
        <translation>デモギルドを開く(&amp;D)</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>再読み込み(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Guild</source>
        <translation>ギルド(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation>今すぐ同期(&amp;S)</translation>
    </message>
    <message>
        <source>Read what is new in the guild into the open database</source>
        <translation>ギルドの新しい内容を開いているデータベースに読み込む</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Gavel</source>
        <translation>Gavel について(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt について(&amp;Q)</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同期</translation>
    </message>
    <message>
        <source>Open a database first: the sync writes into it.</source>
        <translation>先にデータベースを開いてください。同期はそこに書き込みます。</translation>
    </message>
    <message>
        <source>Select the guild to sync in the list.</source>
        <translation>同期するギルドをリストで選択してください。</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>データベース: %1</translation>
    </message>
    <message>
        <source>%1 — Gavel</source>
        <translation>%1 — Gavel</translation>
    </message>
    <message>
        <source>Open a Gavel database</source>
        <translation>Gavel データベースを開く</translation>
    </message>
    <message>
        <source>Gavel databases (*.sqlite *.db *.gavel);;All files (*)</source>
        <translation>Gavel データベース (*.sqlite *.db *.gavel);;すべてのファイル (*)</translation>
    </message>
</context>
<context>
    <name>gavel::ui::MemberListModel</name>
    <message>
        <source>No longer a member</source>
        <translation>メンバーではなくなった</translation>
    </message>
    <message>
        <source>%1 (left)</source>
        <translation>%1（脱退）</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>メンバー</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>ユーザー ID</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>付与</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受領</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>フラグ</translation>
    </message>
</context>
<context>
    <name>gavel::ui::MembersPage</name>
    <message>
        <source>Name or user id…</source>
        <translation>名前またはユーザー ID…</translation>
    </message>
    <message>
        <source>Search members</source>
        <translation>メンバーを検索</translation>
    </message>
    <message>
        <source>Find &amp;member:</source>
        <translation>メンバーを検索(&amp;M):</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>メンバー</translation>
    </message>
</context>
<context>
    <name>gavel::ui::PairEvidenceDialog</name>
    <message>
        <source>Evidence: %1 and %2</source>
        <translation>証拠: %1 と %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; → &lt;b&gt;%2&lt;/b&gt;: %3 reactions (%4 of %2&apos;s received)&lt;br&gt;&lt;b&gt;%2&lt;/b&gt; → &lt;b&gt;%1&lt;/b&gt;: %5 reactions (%6 of %1&apos;s received)&lt;br&gt;reciprocity %7</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; → &lt;b&gt;%2&lt;/b&gt;: リアクション %3 件（%2 の受領分の %4）&lt;br&gt;&lt;b&gt;%2&lt;/b&gt; → &lt;b&gt;%1&lt;/b&gt;: リアクション %5 件（%1 の受領分の %6）&lt;br&gt;相互性 %7</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Audit %1</source>
        <translation>%1 を監査</translation>
    </message>
</context>
<context>
    <name>gavel::ui::ReactionListWidget</name>
    <message>
        <source>Filter by name, channel, emoji or date…</source>
        <translation>名前、チャンネル、絵文字、日付で絞り込み…</translation>
    </message>
    <message>
        <source>Filter reactions</source>
        <translation>リアクションを絞り込む</translation>
    </message>
    <message>
        <source>Reactions</source>
        <translation>リアクション</translation>
    </message>
    <message>
        <source>%1 reactions</source>
        <translation>リアクション %1 件</translation>
    </message>
    <message>
        <source>%1 of %2 reactions shown</source>
        <translation>リアクション %2 件中 %1 件を表示</translation>
    </message>
</context>
<context>
    <name>gavel::ui::ReactionTableModel</name>
    <message>
        <source>%1 (super)</source>
        <translation>%1（スーパー）</translation>
    </message>
    <message>
        <source>Does not count: %1</source>
        <translation>集計対象外: %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no: %1</source>
        <translation>いいえ: %1</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open the message in Discord</source>
        <translation>ダブルクリックまたは Enter で Discord のメッセージを開く</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>時刻（UTC）</translation>
    </message>
    <message>
        <source>Reactor</source>
        <translation>リアクションした人</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>投稿者</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>チャンネル</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>絵文字</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>集計</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>メッセージ</translation>
    </message>
</context>
<context>
    <name>gavel::ui::Settings</name>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>システムの既定</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>Gavel will use %1 the next time it starts.</source>
        <translation>次回の起動から Gavel は %1 で表示されます。</translation>
    </message>
</context>
<context>
    <name>gavel::ui::SyncDialog</name>
    <message>
        <source>Reading the guild, its roles and emojis…</source>
        <translation>ギルド、ロール、絵文字を読み込んでいます…</translation>
    </message>
    <message>
        <source>Listing channels and threads…</source>
        <translation>チャンネルとスレッドを一覧しています…</translation>
    </message>
    <message>
        <source>Reading members…</source>
        <translation>メンバーを読み込んでいます…</translation>
    </message>
    <message>
        <source>Reading messages and reactions…</source>
        <translation>メッセージとリアクションを読み込んでいます…</translation>
    </message>
    <message>
        <source>Finishing…</source>
        <translation>仕上げています…</translation>
    </message>
    <message>
        <source>working it out</source>
        <translation>計算中</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>about %1 min</source>
        <translation>約 %1 分</translation>
    </message>
    <message>
        <source>about %1 h %2 min</source>
        <translation>約 %1 時間 %2 分</translation>
    </message>
    <message>
        <source>Sync — %1</source>
        <translation>同期 — %1</translation>
    </message>
    <message>
        <source>Syncing %1 from %2</source>
        <translation>%2 から %1 を同期しています</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>開始しています…</translation>
    </message>
    <message>
        <source>%v of %m channels and threads</source>
        <translation>チャンネルとスレッド %m 件中 %v 件</translation>
    </message>
    <message>
        <source>Channels synced</source>
        <translation>同期済みチャンネル</translation>
    </message>
    <message>
        <source>Messages:</source>
        <translation>メッセージ:</translation>
    </message>
    <message>
        <source>Reactions:</source>
        <translation>リアクション:</translation>
    </message>
    <message>
        <source>Members:</source>
        <translation>メンバー:</translation>
    </message>
    <message>
        <source>Requests:</source>
        <translation>リクエスト:</translation>
    </message>
    <message>
        <source>Rate limited (429):</source>
        <translation>レート制限 (429):</translation>
    </message>
    <message>
        <source>Time left:</source>
        <translation>残り時間:</translation>
    </message>
    <message>
        <source>Why the sync failed</source>
        <translation>同期が失敗した理由</translation>
    </message>
    <message>
        <source>Stopping after the current page…</source>
        <translation>現在のページの後で停止します…</translation>
    </message>
    <message>
        <source>%1 (%2 per second)</source>
        <translation>%1（毎秒 %2）</translation>
    </message>
    <message>
        <source>The sync stopped with an error.</source>
        <translation>同期はエラーで停止しました。</translation>
    </message>
    <message>
        <source>What was stored before the error is kept; the next sync resumes from there.</source>
        <translation>エラー前に保存された内容は保持され、次回の同期はそこから再開します。</translation>
    </message>
    <message>
        <source>Sync not started.</source>
        <translation>同期は開始されていません。</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>同期しています…</translation>
    </message>
    <message>
        <source>Sync finished: %1</source>
        <translation>同期完了: %1</translation>
    </message>
    <message>
        <source>Sync finished.</source>
        <translation>同期が完了しました。</translation>
    </message>
    <message>
        <source>Sync cancelled; run it again to resume.</source>
        <translation>同期をキャンセルしました。再度実行すると再開します。</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>同期に失敗しました: %1</translation>
    </message>
</context>
</TS>
