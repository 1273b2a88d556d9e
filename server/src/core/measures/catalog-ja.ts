/**
 * The measures' titles, whys and input titles in Japanese, by measure
 * (`target/id`) and input id; test/core/l10n-measures.test.ts names each
 * measure or input the catalog has and this table lacks.
 */

export const MEASURE_TEXTS_JA: Readonly<Record<string, { title: string; why: string }>> = {
  'service/no-privileged': {
    title: 'privileged で実行しない',
    why: 'privileged のコンテナはすべてのケーパビリティとデバイスを得て、ホストまであと一歩になります。',
  },
  'service/drop-all-capabilities': {
    title: 'すべてのケーパビリティを外し、必要なものだけを残す',
    why: '既定のケーパビリティ(NET_RAW、CHOWN、SETUID など)はサービスよりも攻撃者の役に立ちます。',
  },
  'service/no-dangerous-capabilities': {
    title: '追加した危険なケーパビリティを削除する',
    why: 'SYS_ADMIN、SYS_PTRACE、NET_ADMIN などがあると、プロセスがホストへ脱出したりホストを盗み見たりできます。',
  },
  'service/no-new-privileges': {
    title: '権限の引き上げを禁止する(no-new-privileges)',
    why: 'setuid バイナリやファイルケーパビリティで、プロセスがユーザー以上の権限を得ることを防ぎます。',
  },
  'service/keep-seccomp': {
    title: 'seccomp プロファイルを維持する',
    why: 'seccomp は、カーネルの脆弱性を突く攻撃の多くが必要とするシステムコールを禁止します。',
  },
  'service/keep-mandatory-access-control': {
    title: 'AppArmor / SELinux による制限を維持する',
    why: 'apparmor:unconfined や label:disable は、侵害されたプロセスを封じ込める層を外します。',
  },
  'service/read-only-root-filesystem': {
    title: 'ルートファイルシステムを読み取り専用にし、書き込むパスには tmpfs を使う',
    why: '読み取り専用のコンテナでは、攻撃者はツールを置くこともアプリケーションを書き換えることもできません。',
  },
  'service/memory-limit': {
    title: 'メモリを制限する',
    why: '制限がないと、1 つのサービスがホストを使い尽くして隣のサービスを道連れにできます。',
  },
  'service/cpu-limit': {
    title: 'CPU を制限する',
    why: '制限がないと、1 つのサービスがほかのサービスの CPU を奪えます。',
  },
  'service/pids-limit': {
    title: 'プロセス数を制限する',
    why: 'pids の制限があれば、コンテナ内の fork 爆弾がホストを使い果たすことを防げます。',
  },
  'service/no-host-namespaces': {
    title: 'ホストの名前空間を共有しない',
    why: 'network_mode/pid/ipc/uts: host では、コンテナがホストのプロセスやネットワークを見て操作できます。',
  },
  'service/no-docker-socket': {
    title: 'Docker ソケットをマウントしない',
    why: 'Docker ソケットにアクセスできることは、ホストの root であることと同じです。',
  },
  'service/no-sensitive-host-mounts': {
    title: 'ホストの重要なパスを書き込み可能でマウントしない',
    why: '書き込み可能な /、/etc、/proc、/sys のマウントは、ホストをコンテナに明け渡します。',
  },
  'service/private-mount-propagation': {
    title: 'マウントの伝播を private にする',
    why: 'shared 伝播では、コンテナ内で行ったマウントがホストに現れます。',
  },
  'service/no-host-devices': {
    title: 'ホストのデバイスを渡さない',
    why: 'raw デバイス(ディスクや /dev/mem)はほかのすべての分離を迂回します。',
  },
  'service/secrets-not-in-environment': {
    title: '秘密情報を環境変数から移す',
    why: '環境変数の値は docker inspect、ログ、子プロセスに現れますが、Compose の secrets は現れません。',
  },
  'service/non-root-user': {
    title: 'root 以外のユーザーで実行する',
    why: 'どこかの分離が破られれば、コンテナ内の root はホストの root です。',
  },
  'service/ports-on-localhost': {
    title: 'ポートを 127.0.0.1 だけで公開する',
    why: 'すべてのインターフェースで公開したポートは、ホストのファイアウォールを越えてネットワークから到達できます。',
  },
  'service/no-sensitive-ports': {
    title: '管理用のポートを公開しない',
    why: 'ネットワークに公開した SSH、データベース、Docker API のポートは、サービスに不要な攻撃を招きます。',
  },
  'service/healthcheck': {
    title: 'ヘルスチェックを追加する',
    why: 'ないと、応答しなくなったサービスも正常に見え、準備完了を待つこともオーケストレーターが置き換えることもできません。',
  },
  'service/keep-oom-killer': {
    title: 'OOM killer を維持する',
    why: '無効にすると、メモリリークしたサービスが強制終了されず、ホストを固まらせます。',
  },
  'service/bounded-restart': {
    title: '再起動ポリシーに上限を付ける',
    why: '終わりのない再起動ループはクラッシュを隠し、ホストを消耗させる手段にもなります。',
  },
  'service/safe-sysctls': {
    title: '安全でない sysctl を削除する',
    why: '名前空間化されていない sysctl はホストのカーネルを変えてしまうため、ランタイムが拒否し、サービスは起動しません。',
  },
  'service/pin-to-digest': {
    title: 'イメージをダイジェストで固定する',
    why: 'タグは別の中身に付け替えられますが、ダイジェストは変わりません。イメージ情報が必要です(ダイジェストはレジストリが答えます)。',
  },
  'stage/non-root-user': {
    title: 'root 以外のユーザーで実行する',
    why: 'どこかの分離が破られれば、コンテナ内の root はホストの root です。',
  },
  'stage/non-root-base-image': {
    title: 'ベースイメージの root 以外で動く版を使う',
    why: '特権なしで動くように作られたイメージなら、独自のユーザーを作らずにそのまま動き続けます。',
  },
  'stage/minimal-base-image': {
    title: '最小構成のベースイメージを使う',
    why: 'パッケージが少ないほど、脆弱性も攻撃者が使える道具も減ります。',
  },
  'stage/build-secrets': {
    title: '秘密情報はビルドシークレットで渡す',
    why: 'ENV、ARG、コピーした認証情報ファイルは、イメージのレイヤーと履歴に残り、pull した誰もが読めます。',
  },
  'stage/verified-downloads': {
    title: 'ダウンロードしたものを検証する',
    why: '検証のないダウンロードや curl | sh は、サーバー(や中間者)が送ってきたものをそのまま実行します。',
  },
  'stage/tls-verification': {
    title: 'TLS の検証を有効なままにする',
    why: '検証がないと、途中のネットワークがビルドのダウンロードするものを差し替えられます。',
  },
  'stage/package-signatures': {
    title: 'パッケージの署名検証を有効なままにする',
    why: '署名のないパッケージは、ミラーや通信経路の途中で差し替えられ得ます。',
  },
  'stage/no-privilege-tools': {
    title: 'イメージに sudo、su、setuid を入れない',
    why: 'これらは侵害されたプロセスが再び root になる手段になります。',
  },
  'stage/no-sensitive-ports': {
    title: '管理用のポートを EXPOSE しない',
    why: 'SSH、データベース、Docker API のポートは、アプリケーションに不要な攻撃を招きます。',
  },
  'stage/healthcheck': {
    title: 'HEALTHCHECK を追加する',
    why: 'ないと、応答しなくなったサービスも正常に見え、準備完了を待つこともオーケストレーターが置き換えることもできません。',
  },
  'stage/package-hygiene': {
    title: '必要なものだけをインストールし、後片付けする',
    why: '推奨パッケージやパッケージキャッシュは、イメージとその攻撃対象領域を大きくします。',
  },
  'stage/pin-to-digest': {
    title: 'ベースイメージをダイジェストで固定する',
    why: 'タグは別の中身に付け替えられますが、ダイジェストは変わりません。イメージ情報が必要です(ダイジェストはレジストリが答えます)。',
  },
};

export const INPUT_TITLES_JA: Readonly<Record<string, string>> = {
  keepCapabilities: '残すケーパビリティ(カンマ区切り)',
  writablePaths: 'サービスが書き込むパス(tmpfs、カンマ区切り)',
  memoryLimit: 'メモリの上限',
  cpuLimit: 'CPU 数',
  pidsLimit: 'プロセス数',
  user: '実行するユーザー(名前または uid[:gid])',
  hostAddress: '公開するホストのアドレス',
  healthcheckCommand: 'ヘルスチェックのコマンド(既定のままならイメージについて分かっていることを使います)',
  maxRestarts: '再起動の上限回数',
  checksum: 'ダウンロードするファイルの sha256',
};
