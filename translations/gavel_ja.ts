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
    <name>PoliciesPage</name>
    <message>
        <source>Line %1: %2</source>
        <translation>%1 行目: %2</translation>
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
    <message>
        <source>Scores under the chosen policy, rule by rule</source>
        <translation>選択したポリシーでのスコア（ルールごと）</translation>
    </message>
    <message>
        <source>When / what</source>
        <translation>いつ / 何</translation>
    </message>
    <message>
        <source>From</source>
        <translation>元</translation>
    </message>
    <message>
        <source>Adds</source>
        <translation>加算</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>S&amp;cores</source>
        <translation>スコア(&amp;C)</translation>
    </message>
    <message>
        <source>Score under the chosen policy</source>
        <translation>選択したポリシーでのスコア</translation>
    </message>
    <message>
        <source>Export evidence…</source>
        <translation>証拠をエクスポート…</translation>
    </message>
    <message>
        <source>Case report…</source>
        <translation>ケースレポート…</translation>
    </message>
    <message>
        <source>Choose a policy in the filter bar to see scores</source>
        <translation>スコアを見るにはフィルターバーでポリシーを選んでください</translation>
    </message>
    <message>
        <source>Scores under %1 at %2 UTC: score %3, level %4 (%5)</source>
        <translation>%1 での %2 UTC 時点のスコア: スコア %3、レベル %4（%5）</translation>
    </message>
    <message numerus="yes">
        <source>Rule by rule: %n item(s)</source>
        <translation>
            <numerusform>ルールごと: %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>0 (not counted)</source>
        <translation>0（数えない）</translation>
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
    <message>
        <source>Dismissed by %1 on %2</source>
        <translation>%1 が %2 に却下</translation>
    </message>
    <message>
        <source>Reviewed by %1 on %2</source>
        <translation>%1 が %2 に確認済み</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>not reviewed</source>
        <translation>未確認</translation>
    </message>
    <message>
        <source>dismissed (%1)</source>
        <translation>却下（%1）</translation>
    </message>
    <message>
        <source>reviewed (%1)</source>
        <translation>確認済み（%1）</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>判定</translation>
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
    <message>
        <source>Mark re&amp;viewed…</source>
        <translation>確認済みにする(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Dismiss…</source>
        <translation>却下(&amp;D)…</translation>
    </message>
    <message>
        <source>Record that you checked this cluster, with a note the other reviewers see</source>
        <translation>このクラスターを確認したことを、他のレビュアーに見えるメモ付きで記録します</translation>
    </message>
    <message>
        <source>Record that this cluster is not cheating (a false alarm), with a note the other reviewers see</source>
        <translation>このクラスターが不正ではない（誤検知）ことを、他のレビュアーに見えるメモ付きで記録します</translation>
    </message>
    <message>
        <source>Review mark result</source>
        <translation>レビュー記録の結果</translation>
    </message>
    <message>
        <source>Reading the review marks failed: %1</source>
        <translation>レビュー記録を読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>Dismiss cluster %1</source>
        <translation>クラスター %1 を却下</translation>
    </message>
    <message>
        <source>Mark cluster %1 reviewed</source>
        <translation>クラスター %1 を確認済みにする</translation>
    </message>
    <message>
        <source>Record that cluster %1 is a false alarm. Your name and the note are kept in the database and shown to every reviewer, also when the same members are found again.</source>
        <translation>クラスター %1 が誤検知であることを記録します。あなたの名前とメモはデータベースに保存され、同じメンバーが再び検出されたときも含め、すべてのレビュアーに表示されます。</translation>
    </message>
    <message>
        <source>Record that you reviewed cluster %1. Your name and the note are kept in the database and shown to every reviewer.</source>
        <translation>クラスター %1 を確認したことを記録します。あなたの名前とメモはデータベースに保存され、すべてのレビュアーに表示されます。</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>却下</translation>
    </message>
    <message>
        <source>Mark reviewed</source>
        <translation>確認済みにする</translation>
    </message>
    <message>
        <source>Cluster %1: %2</source>
        <translation>クラスター %1: %2</translation>
    </message>
    <message>
        <source>Not recorded: %1</source>
        <translation>記録されませんでした: %1</translation>
    </message>
</context>
<context>
    <name>gavel::ui::ConnectWizard</name>
    <message>
        <source>Connect a guild</source>
        <translation>サーバーを接続</translation>
    </message>
    <message>
        <source>Gavel reads a guild&apos;s history through a Discord bot that you invite.</source>
        <translation>Gavel は、あなたが招待した Discord ボットを通じてサーバーの履歴を読み込みます。</translation>
    </message>
    <message>
        <source>&amp;Connect a guild with its bot token</source>
        <translation>ボットトークンでサーバーを接続(&amp;C)</translation>
    </message>
    <message>
        <source>Open the &amp;demo guild (a made-up community served by Gavel&apos;s built-in Discord emulator)</source>
        <translation>デモサーバーを開く(&amp;D)（Gavel 内蔵の Discord エミュレーターが提供する架空のコミュニティ）</translation>
    </message>
    <message>
        <source>Paste the bot token</source>
        <translation>ボットトークンを貼り付け</translation>
    </message>
    <message>
        <source>Discord Developer Portal → your application → Bot → Reset Token, then copy the token and paste it here.</source>
        <translation>Discord Developer Portal → アプリケーション → Bot → Reset Token でトークンをコピーし、ここに貼り付けてください。</translation>
    </message>
    <message>
        <source>Bot token</source>
        <translation>ボットトークン</translation>
    </message>
    <message>
        <source>S&amp;how</source>
        <translation>表示(&amp;H)</translation>
    </message>
    <message>
        <source>H&amp;ide</source>
        <translation>隠す(&amp;I)</translation>
    </message>
    <message>
        <source>Looking for the system keychain…</source>
        <translation>システムのキーチェーンを探しています…</translation>
    </message>
    <message>
        <source>Warning: a plain file is not encrypted. Anyone who can read your home directory (other administrators, backups, malware running as you) can read the token and act as your bot. Without this box the token is used for this session only and not stored.</source>
        <translation>警告: プレーンファイルは暗号化されません。ホームディレクトリを読める人（他の管理者、バックアップ、あなたの権限で動くマルウェア）はトークンを読み、あなたのボットとして行動できます。このチェックがなければ、トークンはこのセッションだけで使われ、保存されません。</translation>
    </message>
    <message>
        <source>Store the token in a &amp;plain file (readable by anyone who can read your home directory)</source>
        <translation>トークンをプレーンファイルに保存(&amp;P)（ホームディレクトリを読める人は誰でも読めます）</translation>
    </message>
    <message>
        <source>Show &amp;advanced settings</source>
        <translation>詳細設定を表示(&amp;A)</translation>
    </message>
    <message>
        <source>API &amp;base URL:</source>
        <translation>API ベース URL(&amp;B):</translation>
    </message>
    <message>
        <source>Bot &amp;token:</source>
        <translation>ボットトークン(&amp;T):</translation>
    </message>
    <message>
        <source>The token will be stored in the system keychain (service “Gavel”), never in a file.</source>
        <translation>トークンはシステムのキーチェーン（サービス「Gavel」）に保存され、ファイルには保存されません。</translation>
    </message>
    <message>
        <source>No system keychain is available (%1). Gavel stores tokens in a Secret Service keychain: install and start one, such as gnome-keyring (package gnome-keyring) or KeePassXC with Secret Service integration, then run this wizard again.</source>
        <translation>システムのキーチェーンがありません（%1）。Gavel はトークンを Secret Service のキーチェーンに保存します。gnome-keyring（パッケージ gnome-keyring）や Secret Service 連携を有効にした KeePassXC などをインストールして起動し、このウィザードをもう一度実行してください。</translation>
    </message>
    <message>
        <source>Check the bot</source>
        <translation>ボットを確認</translation>
    </message>
    <message>
        <source>Gavel asks Discord who the token belongs to, which guilds the bot is in, its permissions there and its privileged intents.</source>
        <translation>Gavel は Discord に、トークンの持ち主、ボットが参加しているサーバー、そこでの権限と特権インテントを問い合わせます。</translation>
    </message>
    <message>
        <source>Store the token and &amp;sync</source>
        <translation>トークンを保存して同期(&amp;S)</translation>
    </message>
    <message>
        <source>Guild</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>コピー(&amp;C)</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>再確認(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Guild:</source>
        <translation>サーバー(&amp;G):</translation>
    </message>
    <message>
        <source>✔ OK</source>
        <translation>✔ OK</translation>
    </message>
    <message>
        <source>✘ Missing</source>
        <translation>✘ 不足</translation>
    </message>
    <message>
        <source>⚠ Recommended</source>
        <translation>⚠ 推奨</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>対処: %1</translation>
    </message>
    <message>
        <source>The bot cannot sync this guild yet: fix what is marked missing, then press Check again.</source>
        <translation>ボットはまだこのサーバーを同期できません。不足と表示された項目を直してから「再確認」を押してください。</translation>
    </message>
    <message>
        <source>Invite URL with the permissions integer %1 = %2:</source>
        <translation>権限整数 %1 = %2 の招待 URL:</translation>
    </message>
    <message>
        <source>First sync</source>
        <translation>最初の同期</translation>
    </message>
    <message>
        <source>Gavel reads the guild&apos;s channels, members, messages and reactions. Later syncs read only what is new.</source>
        <translation>Gavel はサーバーのチャンネル、メンバー、メッセージ、リアクションを読み込みます。以後の同期では新しい分だけを読み込みます。</translation>
    </message>
    <message>
        <source>No guild was checked.</source>
        <translation>確認したサーバーはありません。</translation>
    </message>
    <message>
        <source>Connect a Guild</source>
        <translation>サーバーを接続</translation>
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
    <message>
        <source>%1 counted reactions · %2 members gave and %3 received at least one · flagged: %4 ring(s), %5 alt famil(ies)</source>
        <translation>数えたリアクション %1 件 · 1 件以上を付けたメンバー %2 人、受けたメンバー %3 人 · フラグ: リング %4 件、サブアカウント群 %5 件</translation>
    </message>
    <message>
        <source>Under %1: the top 1% of members hold %2 of the score, the top 10% hold %3 (Gini %4)</source>
        <translation>%1 では: 上位 1% のメンバーがスコアの %2、上位 10% が %3 を持ちます（ジニ係数 %4）</translation>
    </message>
    <message>
        <source>Raw counts: the top 1% of receivers got %1 of the reactions, the top 10% got %2 (Gini %3)</source>
        <translation>生の件数: 受け手の上位 1% がリアクションの %1、上位 10% が %2 を受けました（ジニ係数 %3）</translation>
    </message>
    <message>
        <source>Lorenz curve of scores under %1</source>
        <translation>%1 でのスコアのローレンツ曲線</translation>
    </message>
    <message>
        <source>members, lowest score first</source>
        <translation>メンバー（スコアの低い順）</translation>
    </message>
    <message>
        <source>share of the score</source>
        <translation>スコアの割合</translation>
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
    <message>
        <source>&amp;Connect a guild…</source>
        <translation>サーバーを接続(&amp;C)…</translation>
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
        <source>Reciprocity %1: 0 (one-way) … 1 (fully mutual)</source>
        <translation>相互性 %1: 0（一方向）… 1（完全に相互）</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>データなし</translation>
    </message>
    <message>
        <source>Volume weighted by %1 %2, log scale: 0 … %3</source>
        <translation>%1 %2 で重み付けした量、対数目盛: 0 … %3</translation>
    </message>
    <message>
        <source>no policy</source>
        <translation>ポリシーなし</translation>
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
    <message>
        <source>Choose a policy in the filter bar to colour by its weights</source>
        <translation>重みで色分けするにはフィルターバーでポリシーを選んでください</translation>
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
    <message>
        <source>Loading message text for the policy…</source>
        <translation>ポリシー用にメッセージ本文を読み込んでいます…</translation>
    </message>
    <message>
        <source>Applying the policy: scores, weighted pairs, clusters…</source>
        <translation>ポリシーを適用しています: スコア、重み付きペア、クラスター…</translation>
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
    <message>
        <source>Channel&amp;s:</source>
        <translation>チャンネル(&amp;S):</translation>
    </message>
    <message>
        <source>Choose one or more channels or categories (their channels and threads are included)</source>
        <translation>チャンネルまたはカテゴリーを 1 つ以上選択（その中のチャンネルとスレッドも含みます）</translation>
    </message>
    <message>
        <source>Channels to include</source>
        <translation>含めるチャンネル</translation>
    </message>
    <message>
        <source>Polic&amp;y:</source>
        <translation>ポリシー(&amp;Y):</translation>
    </message>
    <message>
        <source>Policy the views score and weigh by</source>
        <translation>各ビューが採点と重み付けに使うポリシー</translation>
    </message>
    <message>
        <source>Raw counts, or a policy: its weights colour the heatmap, its scores and levels appear in the members list, the dashboard and the audit</source>
        <translation>生の件数またはポリシー: ポリシーの重みがヒートマップを色分けし、スコアとレベルがメンバー一覧、ダッシュボード、監査に表示されます</translation>
    </message>
    <message>
        <source>Raw counts (no policy)</source>
        <translation>生の件数（ポリシーなし）</translation>
    </message>
    <message>
        <source>Open policy file…</source>
        <translation>ポリシーファイルを開く…</translation>
    </message>
    <message>
        <source>Reset the time window and channel filter (the policy stays)</source>
        <translation>期間とチャンネルのフィルターをリセット（ポリシーはそのまま）</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>ポリシー</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>レビュー</translation>
    </message>
    <message>
        <source>The policy %1 cannot be applied to this guild, so the views show raw counts: %2</source>
        <translation>ポリシー %1 をこのサーバーに適用できないため、各ビューは生の件数を表示します: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n channel(s)</source>
        <translation>
            <numerusform>%n チャンネル</numerusform>
        </translation>
    </message>
    <message>
        <source>Every channel</source>
        <translation>すべてのチャンネル</translation>
    </message>
    <message>
        <source>Open policy file</source>
        <translation>ポリシーファイルを開く</translation>
    </message>
    <message>
        <source>Gavel policies (*.json);;All files (*)</source>
        <translation>Gavel ポリシー (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Policy not loaded</source>
        <translation>ポリシーを読み込めませんでした</translation>
    </message>
    <message>
        <source>Gavel could not use this policy file.</source>
        <translation>Gavel はこのポリシーファイルを使えませんでした。</translation>
    </message>
    <message>
        <source>policy %1</source>
        <translation>ポリシー %1</translation>
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
    <message>
        <source>&amp;Connect a Guild…</source>
        <translation>サーバーを接続(&amp;C)…</translation>
    </message>
    <message>
        <source>Paste a bot token, check its permissions and sync a guild</source>
        <translation>ボットトークンを貼り付け、権限を確認し、サーバーを同期します</translation>
    </message>
    <message>
        <source>Connect to a &amp;Team Database…</source>
        <translation>チームデータベースに接続(&amp;T)…</translation>
    </message>
    <message>
        <source>Open a PostgreSQL database that several moderators share</source>
        <translation>複数のモデレーターが共有する PostgreSQL データベースを開きます</translation>
    </message>
    <message>
        <source>Connect to a Team Database</source>
        <translation>チームデータベースに接続</translation>
    </message>
    <message>
        <source>empty: from ~/.pgpass or the server&apos;s trust rules</source>
        <translation>空欄: ~/.pgpass またはサーバーの信頼設定を使用</translation>
    </message>
    <message>
        <source>Moderators and admins who share one PostgreSQL database see each other&apos;s proposals, decisions and cluster reviews. Your administrator gives you a login with the grants in docs/moderation.md. The password is used for this session only and never saved.</source>
        <translation>1つの PostgreSQL データベースを共有するモデレーターと管理者は、互いの提案、判断、クラスターのレビューを見ることができます。管理者が docs/moderation.md の権限付きのログインを用意します。パスワードはこのセッションでのみ使われ、保存されることはありません。</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>ホスト(&amp;H):</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>ポート(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>データベース(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>ユーザー(&amp;U):</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>パスワード(&amp;W):</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>接続(&amp;C)</translation>
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
    <message>
        <source>Score (%1)</source>
        <translation>スコア（%1）</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>レベル</translation>
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
    <name>gavel::ui::PoliciesPage</name>
    <message>
        <source>&amp;Compare</source>
        <translation>比較(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Save as pr&amp;oposal…</source>
        <translation>提案として保存(&amp;O)…</translation>
    </message>
    <message>
        <source>Save policy fil&amp;e…</source>
        <translation>ポリシーファイルを保存(&amp;E)…</translation>
    </message>
    <message>
        <source>Policy A</source>
        <translation>ポリシー A</translation>
    </message>
    <message>
        <source>Policy B (edited below)</source>
        <translation>ポリシー B（下で編集）</translation>
    </message>
    <message>
        <source>Policy B as JSON</source>
        <translation>JSON のポリシー B</translation>
    </message>
    <message>
        <source>Validation of policy B</source>
        <translation>ポリシー B の検証</translation>
    </message>
    <message>
        <source>Comparison figures</source>
        <translation>比較の数値</translation>
    </message>
    <message>
        <source>Members whose role changes</source>
        <translation>ロールが変わるメンバー</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open the member&apos;s audit</source>
        <translation>ダブルクリックまたは Enter でメンバーの監査を開きます</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>グループ</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>メンバー</translation>
    </message>
    <message>
        <source>Share under A</source>
        <translation>A での割合</translation>
    </message>
    <message>
        <source>Share under B</source>
        <translation>B での割合</translation>
    </message>
    <message>
        <source>Gain</source>
        <translation>増分</translation>
    </message>
    <message>
        <source>What rings and alt families gain</source>
        <translation>リングとサブアカウント群が得るもの</translation>
    </message>
    <message>
        <source>Drop the running comparison</source>
        <translation>実行中の比較を中止</translation>
    </message>
    <message>
        <source>Save policy B&apos;s role changes as a proposal that approvers review on the Reviews page</source>
        <translation>ポリシー B のロール変更を提案として保存し、承認者が「レビュー」ページで審査します</translation>
    </message>
    <message>
        <source>Policy &amp;A:</source>
        <translation>ポリシー A(&amp;A):</translation>
    </message>
    <message>
        <source>Policy &amp;B:</source>
        <translation>ポリシー B(&amp;B):</translation>
    </message>
    <message>
        <source>B&apos;s parameters (JSON, checked as you type):</source>
        <translation>B のパラメーター（JSON、入力中に検証）:</translation>
    </message>
    <message>
        <source>&amp;Members whose role changes:</source>
        <translation>ロールが変わるメンバー(&amp;M):</translation>
    </message>
    <message>
        <source>Rings and alt families (detected):</source>
        <translation>リングとサブアカウント群（検出）:</translation>
    </message>
    <message>
        <source>Open a guild to compare policies on its history.</source>
        <translation>サーバーを開くと、その履歴でポリシーを比較できます。</translation>
    </message>
    <message>
        <source>Open policy file…</source>
        <translation>ポリシーファイルを開く…</translation>
    </message>
    <message>
        <source>Open policy file</source>
        <translation>ポリシーファイルを開く</translation>
    </message>
    <message>
        <source>Gavel policies (*.json);;All files (*)</source>
        <translation>Gavel ポリシー (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Policy A not loaded: %1</source>
        <translation>ポリシー A を読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>%1 を読み込めません。</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Valid: %1, %2</source>
        <translation>有効: %1、%2</translation>
    </message>
    <message>
        <source>Choose two policies; the comparison runs when the guild is loaded.</source>
        <translation>ポリシーを 2 つ選んでください。サーバーが読み込まれると比較が始まります。</translation>
    </message>
    <message>
        <source>Policy B does not parse; fix it (see below the editor).</source>
        <translation>ポリシー B を解析できません。修正してください（エディターの下を参照）。</translation>
    </message>
    <message>
        <source>Loading message text for %1…</source>
        <translation>%1 用にメッセージ本文を読み込んでいます…</translation>
    </message>
    <message>
        <source>Comparing %1 and %2 over the whole history…</source>
        <translation>全履歴で %1 と %2 を比較しています…</translation>
    </message>
    <message>
        <source>The comparison failed: %1</source>
        <translation>比較に失敗しました: %1</translation>
    </message>
    <message>
        <source>Comparison cancelled.</source>
        <translation>比較を中止しました。</translation>
    </message>
    <message>
        <source>A: %1 · B: %2 · scores at %3 UTC over %4 members
%5 members change role · rank correlation (Spearman) %6
Top 1% hold %7 under A and %8 under B · top 10% hold %9 under A and %10 under B</source>
        <translation>A: %1 · B: %2 · %3 UTC 時点のスコア、メンバー %4 人
ロールが変わるメンバー %5 人 · 順位相関（スピアマン）%6
上位 1% の保有: A で %7、B で %8 · 上位 10% の保有: A で %9、B で %10</translation>
    </message>
    <message>
        <source>Save as proposal</source>
        <translation>提案として保存</translation>
    </message>
    <message>
        <source>Policy B&apos;s plan at %1 UTC becomes a proposal that approvers review on the Reviews page.
Proposed by (a moderator or admin of the reviewer list):</source>
        <translation>%1 UTC 時点のポリシー B の計画が提案になり、承認者が「レビュー」ページで審査します。
提案者（レビュアー一覧のモデレーターまたは管理者）:</translation>
    </message>
    <message>
        <source>Proposal saved</source>
        <translation>提案を保存しました</translation>
    </message>
    <message>
        <source>Saved as proposal %1.</source>
        <translation>提案 %1 として保存しました。</translation>
    </message>
    <message>
        <source>Approvers review it on the Reviews page (Ctrl+6); once approved, it can be pushed to Discord from there.</source>
        <translation>承認者は「レビュー」ページ（Ctrl+6）で審査します。承認されると、そこから Discord に反映できます。</translation>
    </message>
    <message>
        <source>Proposal not saved</source>
        <translation>提案は保存されませんでした</translation>
    </message>
    <message>
        <source>The proposal could not be saved.</source>
        <translation>提案を保存できませんでした。</translation>
    </message>
    <message>
        <source>Policy B does not parse or no guild is open.</source>
        <translation>ポリシー B を解析できないか、サーバーが開かれていません。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
    <message>
        <source>Choose a folder you can write to.</source>
        <translation>書き込みできるフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>Save policy B</source>
        <translation>ポリシー B を保存</translation>
    </message>
    <message>
        <source>Gavel policies (*.json)</source>
        <translation>Gavel ポリシー (*.json)</translation>
    </message>
    <message>
        <source>Policy not saved</source>
        <translation>ポリシーは保存されませんでした</translation>
    </message>
</context>
<context>
    <name>gavel::ui::PolicyChangeModel</name>
    <message>
        <source>User id %1</source>
        <translation>ユーザー ID %1</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>メンバー</translation>
    </message>
    <message>
        <source>Role under A</source>
        <translation>A でのロール</translation>
    </message>
    <message>
        <source>Role under B</source>
        <translation>B でのロール</translation>
    </message>
    <message>
        <source>Score A</source>
        <translation>スコア A</translation>
    </message>
    <message>
        <source>Score B</source>
        <translation>スコア B</translation>
    </message>
</context>
<context>
    <name>gavel::ui::ProposalChangeModel</name>
    <message>
        <source>promote</source>
        <translation>昇格</translation>
    </message>
    <message>
        <source>demote</source>
        <translation>降格</translation>
    </message>
    <message>
        <source>deactivate</source>
        <translation>無効化</translation>
    </message>
    <message>
        <source>reactivate</source>
        <translation>再有効化</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>適用済み</translation>
    </message>
    <message>
        <source>already so</source>
        <translation>変更不要</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>failed (retried next time)</source>
        <translation>失敗（次回再試行）</translation>
    </message>
    <message>
        <source>would apply</source>
        <translation>適用予定</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <source>User id %1</source>
        <translation>ユーザー ID %1</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>メンバー</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>変更</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>ロール</translation>
    </message>
    <message>
        <source>Roles now</source>
        <translation>現在のロール</translation>
    </message>
    <message>
        <source>After the plan</source>
        <translation>計画の適用後</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Push result</source>
        <translation>反映結果</translation>
    </message>
</context>
<context>
    <name>gavel::ui::ProposalListModel</name>
    <message>
        <source>stale</source>
        <translation>古いデータ</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>保留中</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>承認済み</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>却下</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>期限切れ</translation>
    </message>
    <message>
        <source>pushing</source>
        <translation>反映中</translation>
    </message>
    <message>
        <source>pushed</source>
        <translation>反映済み</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>取り下げ</translation>
    </message>
    <message>
        <source>tampered</source>
        <translation>改ざん</translation>
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
        <translation>タイトル</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Proposer</source>
        <translation>提案者</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>承認</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>変更</translation>
    </message>
</context>
<context>
    <name>gavel::ui::ProposalNoteDialog</name>
    <message>
        <source>Reviewer name</source>
        <translation>レビュアー名</translation>
    </message>
    <message>
        <source>your name in the review team</source>
        <translation>レビューチームでのあなたの名前</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>why (recorded with the decision and shown to the team)</source>
        <translation>理由（決定とともに記録され、チームに表示されます）</translation>
    </message>
    <message>
        <source>&amp;Reviewer:</source>
        <translation>レビュアー(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>メモ(&amp;N):</translation>
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
    <name>gavel::ui::ReviewsPage</name>
    <message>
        <source>Proposals</source>
        <translation>提案</translation>
    </message>
    <message>
        <source>Role changes of the proposal</source>
        <translation>提案のロール変更</translation>
    </message>
    <message>
        <source>A&amp;pprove…</source>
        <translation>承認(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Reject…</source>
        <translation>却下(&amp;R)…</translation>
    </message>
    <message>
        <source>P&amp;ush…</source>
        <translation>反映(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Cancel push</source>
        <translation>反映を中止(&amp;C)</translation>
    </message>
    <message>
        <source>Open &amp;audit</source>
        <translation>監査を開く(&amp;A)</translation>
    </message>
    <message>
        <source>E&amp;xport evidence…</source>
        <translation>証拠をエクスポート(&amp;X)…</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>再読み込み(&amp;L)</translation>
    </message>
    <message>
        <source>No proposals for this guild yet. A moderator makes one with gavel propose (from a policy or hand-picked changes) or with Save as proposal on the Policies page; it then waits here for another reviewer&apos;s approval.</source>
        <translation>このサーバーにはまだ提案がありません。モデレーターが gavel propose（ポリシーまたは個別に選んだ変更から）か「ポリシー」ページの「提案として保存」で作成すると、ここで他のレビュアーの承認を待ちます。</translation>
    </message>
    <message>
        <source>Double-click a member to open their audit</source>
        <translation>メンバーをダブルクリックすると監査を開きます</translation>
    </message>
    <message>
        <source>Approve the selected proposal with a note</source>
        <translation>選択した提案をメモ付きで承認</translation>
    </message>
    <message>
        <source>Reject the selected proposal with a note; any rejection blocks it. The proposer&apos;s own rejection withdraws it.</source>
        <translation>選択した提案をメモ付きで却下します。却下が 1 つでもあると提案は止まります。提案者自身が却下すると取り下げになります。</translation>
    </message>
    <message>
        <source>Apply the approved proposal to Discord, change by change</source>
        <translation>承認済みの提案を変更ごとに Discord に適用</translation>
    </message>
    <message>
        <source>Stop after the change in flight; pushing again resumes where it stopped</source>
        <translation>処理中の変更の後で停止します。もう一度反映すると続きから再開します</translation>
    </message>
    <message>
        <source>Open the audit of the selected member</source>
        <translation>選択したメンバーの監査を開く</translation>
    </message>
    <message>
        <source>Read the proposals again, with other reviewers&apos; decisions</source>
        <translation>他のレビュアーの決定を含めて提案を読み直す</translation>
    </message>
    <message>
        <source>Push progress</source>
        <translation>反映の進捗</translation>
    </message>
    <message>
        <source>Proposal summary</source>
        <translation>提案の概要</translation>
    </message>
    <message>
        <source>Why the proposal cannot be pushed</source>
        <translation>提案を反映できない理由</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>決定</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Pro&amp;posals</source>
        <translation>提案(&amp;P)</translation>
    </message>
    <message>
        <source>Role c&amp;hanges</source>
        <translation>ロール変更(&amp;H)</translation>
    </message>
    <message>
        <source>Write the evidence package of the selected proposal (CSV files and a manifest)</source>
        <translation>選択した提案の証拠パッケージ（CSV ファイルとマニフェスト）を書き出す</translation>
    </message>
    <message>
        <source>Reading the proposals failed: %1</source>
        <translation>提案を読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>Open a guild to see its proposals.</source>
        <translation>提案を見るにはサーバーを開いてください。</translation>
    </message>
    <message>
        <source>Select a proposal to see its changes.</source>
        <translation>変更を見るには提案を選んでください。</translation>
    </message>
    <message>
        <source>Proposal %1: %2</source>
        <translation>提案 %1: %2</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（無題）</translation>
    </message>
    <message>
        <source>State: %1 — %2 of %3 approvals</source>
        <translation>状態: %1 — 承認 %2 / %3</translation>
    </message>
    <message>
        <source>Proposed by %1 on %2; expires %3</source>
        <translation>%1 が %2 に提案、期限 %3</translation>
    </message>
    <message>
        <source>Policy: %1 (%2)</source>
        <translation>ポリシー: %1（%2）</translation>
    </message>
    <message>
        <source>Data up to %1</source>
        <translation>%1 までのデータ</translation>
    </message>
    <message>
        <source>Evidence: none referenced</source>
        <translation>証拠: 参照なし</translation>
    </message>
    <message>
        <source>Evidence: %1</source>
        <translation>証拠: %1</translation>
    </message>
    <message>
        <source>Stale: the guild&apos;s data changed since the proposal was made (%1). Make a new proposal from fresh data.</source>
        <translation>古いデータ: 提案の作成後にサーバーのデータが変わりました（%1）。最新のデータから新しい提案を作成してください。</translation>
    </message>
    <message>
        <source>Tampered: the proposal in the database no longer matches its audit record (%1). It will not be pushed.</source>
        <translation>改ざん: データベース上の提案が監査記録と一致しません（%1）。反映されません。</translation>
    </message>
    <message>
        <source>Not pushable: %1</source>
        <translation>反映できません: %1</translation>
    </message>
    <message>
        <source>Not counted: %1</source>
        <translation>数えない決定: %1</translation>
    </message>
    <message>
        <source>%1 approved on %2</source>
        <translation>%1 が %2 に承認</translation>
    </message>
    <message>
        <source>%1 rejected on %2</source>
        <translation>%1 が %2 に却下</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Waiting for %1</source>
        <translation>%1 を待っています</translation>
    </message>
    <message>
        <source>No decisions yet.</source>
        <translation>まだ決定はありません。</translation>
    </message>
    <message>
        <source>Decisions:
%1</source>
        <translation>決定:
%1</translation>
    </message>
    <message>
        <source>Res&amp;ume push…</source>
        <translation>反映を再開(&amp;U)…</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Approve proposal %1 (%2 changes). The proposer cannot approve their own proposal; your name, the note and your database login are recorded.</source>
        <translation>提案 %1（変更 %2 件）を承認します。提案者は自分の提案を承認できません。あなたの名前、メモ、データベースのログイン名が記録されます。</translation>
    </message>
    <message>
        <source>Reject proposal %1. Any rejection blocks it for good. If you are its proposer, this withdraws it instead.</source>
        <translation>提案 %1 を却下します。却下が 1 つでもあると提案は完全に止まります。あなたが提案者なら、代わりに取り下げになります。</translation>
    </message>
    <message>
        <source>Approve proposal %1</source>
        <translation>提案 %1 を承認</translation>
    </message>
    <message>
        <source>Reject proposal %1</source>
        <translation>提案 %1 を却下</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>承認</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>却下</translation>
    </message>
    <message>
        <source>Approving proposal %1…</source>
        <translation>提案 %1 を承認しています…</translation>
    </message>
    <message>
        <source>Rejecting proposal %1…</source>
        <translation>提案 %1 を却下しています…</translation>
    </message>
    <message>
        <source>Not recorded: %1</source>
        <translation>記録されませんでした: %1</translation>
    </message>
    <message>
        <source>Proposal %1 withdrawn by its proposer %2.</source>
        <translation>提案 %1 は提案者 %2 によって取り下げられました。</translation>
    </message>
    <message>
        <source>%1 approved proposal %2: %3 of %4 approvals, %5.</source>
        <translation>%1 が提案 %2 を承認しました: 承認 %3 / %4、%5。</translation>
    </message>
    <message>
        <source>%1 rejected proposal %2: %3 of %4 approvals, %5.</source>
        <translation>%1 が提案 %2 を却下しました: 承認 %3 / %4、%5。</translation>
    </message>
    <message>
        <source>Push proposal %1</source>
        <translation>提案 %1 を反映</translation>
    </message>
    <message>
        <source>Apply %1 role changes of proposal %2 to Discord now, with the bot token of guild %3 (keychain, else GAVEL_TOKEN). Each change is journalled before it is sent, so a cancelled or interrupted push resumes later without applying anything twice. Only admins push; your name is recorded.</source>
        <translation>提案 %2 のロール変更 %1 件を、サーバー %3 のボットトークン（キーチェーン、なければ GAVEL_TOKEN）で今すぐ Discord に適用します。各変更は送信前にジャーナルに記録されるため、中止や中断された反映は後で再開でき、同じ変更を二度適用することはありません。反映できるのは管理者だけです。あなたの名前が記録されます。</translation>
    </message>
    <message>
        <source>Push</source>
        <translation>反映</translation>
    </message>
    <message>
        <source>%v of %m changes</source>
        <translation>%v / %m 件の変更</translation>
    </message>
    <message>
        <source>Pushing proposal %1…</source>
        <translation>提案 %1 を反映しています…</translation>
    </message>
    <message>
        <source>Stopping after the change in flight…</source>
        <translation>処理中の変更の後で停止しています…</translation>
    </message>
    <message>
        <source>Push of proposal %1 failed: %2</source>
        <translation>提案 %1 の反映に失敗しました: %2</translation>
    </message>
    <message>
        <source>Proposal %1: %2 applied, %3 already so, %4 refused, %5 skipped, %6 failed.</source>
        <translation>提案 %1: 適用 %2 件、変更不要 %3 件、拒否 %4 件、スキップ %5 件、失敗 %6 件。</translation>
    </message>
    <message>
        <source>Stopped after %1 of %2 changes; push again to resume.</source>
        <translation>%2 件中 %1 件の変更の後で停止しました。もう一度反映すると再開します。</translation>
    </message>
    <message>
        <source>The guild&apos;s audit log confirms %1 of %2 applied changes.</source>
        <translation>サーバーの監査ログで、適用した変更 %2 件のうち %1 件を確認しました。</translation>
    </message>
    <message>
        <source>Push again to retry the failed changes.</source>
        <translation>もう一度反映すると、失敗した変更を再試行します。</translation>
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
