/** ルールが読む各設定がコンテナの分離に対して持つ意味(日本語。事実はセキュリティガイドに基づき、文章は独自)。 */
import { japaneseProse } from './prose';
import type { SettingDoc, SettingDocId } from './setting-ids';

export const SETTINGS_JA: Record<SettingDocId, SettingDoc> = {
  privileged: {
    title: '`privileged`',
    meaning: japaneseProse`
      コンテナにすべてのLinuxケーパビリティとすべてのホストデバイスを与え、Dockerが既定で適用するseccompフィルターと
      AppArmor/SELinuxプロファイルを無効にします。名前空間だけでは強固な境界にならず、privilegedのコンテナは
      ホストまであと一歩です。
    `,
  },
  cap_add: {
    title: '`cap_add`',
    meaning: japaneseProse`
      ケーパビリティはrootの強大な権限を細分化したものです(低番号ポートへのバインド、ファイル所有者の変更、
      システム管理など)。\`cap_add\` はDockerの既定セットを超える権限を与えます。SYS_ADMIN、SYS_PTRACE、SYS_MODULE、
      NET_ADMIN、ALLは分離で取り上げたものを返してしまいます。\`cap_drop: [ALL]\` の後で、サービスに必要な狭いものだけを
      与えてください。
    `,
  },
  cap_drop: {
    title: '`cap_drop`',
    meaning: japaneseProse`
      コンテナからケーパビリティを取り除きます。Dockerの既定セット(CHOWN、DAC_OVERRIDE、SETUID、SETGID、NET_RAWなど)は
      多くのサービスには広すぎます。\`cap_drop: [ALL]\` にして必要なものだけを \`cap_add\` するのが最小権限で、
      取り除いたケーパビリティはコンテナ内から取り戻せません。
    `,
  },
  security_opt: {
    title: '`security_opt`',
    meaning: japaneseProse`
      コンテナのセキュリティオプションです。\`no-new-privileges:true\` はsetuid/setgidプログラムやファイル
      ケーパビリティによる権限の引き上げを止めます。\`seccomp=...\` はシステムコールのフィルターを選びます
      (Dockerの既定プロファイルは300以上の呼び出しのうち約40〜50を禁止)。\`apparmor=...\` と \`label=...\` は
      AppArmorやSELinuxのプロファイルを選びます。\`unconfined\` や \`label:disable\` は防御の層を1つ外します。
    `,
  },
  user: {
    title: '`user`',
    meaning: japaneseProse`
      コンテナのプロセスを実行するユーザー(とグループ)で、イメージのUSERより優先されます。ユーザー名前空間を
      使わない限り、コンテナ内のrootはホストでもrootで、脱出したプロセスはUID 0のままです。特権のないUIDなら、
      脱出や侵害されたプロセスにできることが限られます。
    `,
  },
  read_only: {
    title: '`read_only`',
    meaning: japaneseProse`
      コンテナのルートファイルシステムを読み取り専用でマウントします。攻撃者はツールを置くことも、アプリケーションの
      バイナリや設定を書き換えることもできなくなります。書き込みが必要な場所にだけ \`tmpfs\` やボリュームを与えます。
    `,
  },
  ports: {
    title: '`ports`',
    meaning: japaneseProse`
      コンテナのポートをホストで公開します。ホストのアドレスを書かないとすべてのインターフェース(0.0.0.0)で公開され、
      ネットワークから到達でき、Dockerのiptablesルールはufwなどのホストのファイアウォールを迂回します。
      \`127.0.0.1:8080:8080\` ならローカルだけに留まります。
    `,
  },
  expose: {
    title: '`expose`',
    meaning: japaneseProse`
      プロジェクトのネットワーク上でほかのサービスが到達できるコンテナのポートを宣言します。ホストには公開しません。
      リモート管理用のポート(SSH、データベース、Docker API)をここに置くと、同じネットワークのほかのコンテナからの
      攻撃を招きます。
    `,
  },
  volumes: {
    title: '`volumes`',
    meaning: japaneseProse`
      名前付きボリュームやホストのパスをコンテナにマウントします。バインドマウントはマウント名前空間を越えます。
      書き込み可能な /、/etc、/proc、/sys やDockerソケットはホストをコンテナに明け渡します。必要なものだけを、
      できれば読み取り専用(\`:ro\`)でマウントしてください。
    `,
  },
  devices: {
    title: '`devices` / `device_cgroup_rules`',
    meaning: japaneseProse`
      コンテナにホストのデバイスを(\`device_cgroup_rules\` なら種類ごとまとめて)与えます。ディスクや /dev/mem への
      直接アクセスはほかのすべての分離を迂回します。サービスに必要なデバイスだけを割り当ててください。
    `,
  },
  namespaces: {
    title: '`network_mode` / `pid` / `ipc` / `uts` / `userns_mode` / `cgroup`',
    meaning: japaneseProse`
      名前空間は各コンテナに独自のプロセス(pid)、ネットワークスタック(net)、共有メモリ(ipc)、ホスト名(uts)、
      ユーザー(user)、cgroupの見え方を与えます。\`host\` は代わりにホストの名前空間を共有し、コンテナはホストの
      プロセスやネットワークを自分のものとして扱えます。\`service:x\` はほかのコンテナの名前空間に参加します。
    `,
  },
  sysctls: {
    title: '`sysctls`',
    meaning: japaneseProse`
      コンテナに設定するカーネルパラメータです。許されるのは名前空間化されたものだけです: net.*(コンテナ自身の
      ネットワーク名前空間内)、kernel.shm*、kernel.msg*、kernel.sem、fs.mqueue.*。それ以外はすべてのコンテナについて
      ホストのカーネルを変えてしまうため、ランタイムが拒否し、コンテナは起動しません。
    `,
  },
  deploy: {
    title: '`deploy`',
    meaning: japaneseProse`
      デプロイの設定です。\`deploy.resources.limits\`(memory、cpus、pids)はコンテナのcgroupの制限になり、
      リークや攻撃を受けた1つのサービスがホストのメモリ、CPU、プロセステーブルを使い尽くして隣のサービスを
      道連れにすることを防ぎます。\`deploy.restart_policy\` は再起動の回数を抑えます。
    `,
  },
  limits: {
    title: '`mem_limit` / `cpus` / `pids_limit`',
    meaning: japaneseProse`
      コンテナのcgroupの制限を、\`deploy.resources.limits\` より古いサービス直下の形で書いたものです(メモリ、CPU、
      プロセス数)。これがないと、1つのサービスがホストとほかのすべてのコンテナを枯渇させ得ます。
    `,
  },
  oom_kill_disable: {
    title: '`oom_kill_disable`',
    meaning: japaneseProse`
      メモリが尽きたときにカーネルがコンテナを強制終了しないようにします。メモリの制限がなければ、リークはホスト全体を
      巻き込み、カーネルは代わりにほかのプロセスを強制終了します。
    `,
  },
  healthcheck: {
    title: '`healthcheck`',
    meaning: japaneseProse`
      プロセスの有無だけでなく、サービスが動いているかをDockerが確かめるためのコマンドです。状態は \`docker ps\` に
      表示され、\`depends_on: condition: service_healthy\` はそれを待ち、Swarmやオーケストレーターはunhealthyな
      コンテナを置き換えます。素のDockerはunhealthyなコンテナを自分では再起動しません。
    `,
  },
  restart: {
    title: '`restart`',
    meaning: japaneseProse`
      コンテナが終了したときにDockerが再起動する条件です(\`no\`、\`on-failure[:N]\`、\`always\`、\`unless-stopped\`)。
      再起動ポリシーが働くのは終了時で、ヘルスの状態ではありません。上限がないとクラッシュループが延々と続き、
      CPUを消費しログを埋めます。\`on-failure:5\` なら止まります。
    `,
  },
  secrets: {
    title: '`secrets`',
    meaning: japaneseProse`
      サービスが読むComposeのsecretsで、/run/secrets 以下にファイルとしてマウントされます(tmpfsで、イメージの
      レイヤーには入りません)。環境変数と違い、\`docker inspect\`、ログ、子プロセスの環境には現れません。
    `,
  },
  environment: {
    title: '`environment` / `env_file`',
    meaning: japaneseProse`
      コンテナの環境変数です。値は \`docker inspect\` で読め、すべての子プロセスに引き継がれ、ログにもよく出ます。
      ここに秘密情報をそのまま書くとバージョン管理にも残ります。秘密情報はComposeのsecretsか、シェルから渡す
      \`\${VARIABLE}\` で渡してください。
    `,
  },
  image: {
    title: '`image`',
    meaning: japaneseProse`
      サービスが実行するイメージです。タグは動くことがあり(\`:latest\` は必ず動きます)、ダイジェスト
      (\`@sha256:...\`)なら中身が固定されます。Docker Content Trust(\`DOCKER_CONTENT_TRUST=1\`)を有効にすると、
      pull時に発行者の署名が検証されます。既定のユーザーも、攻撃者が中で見つけるソフトウェアの量もイメージで決まります。
    `,
  },
  build: {
    title: '`build`',
    meaning: japaneseProse`
      Dockerfileからサービスのイメージをビルドします。サービスが \`user:\` や \`healthcheck:\` で上書きしない限り、
      コンテナを実行するユーザーとHEALTHCHECKの有無はそのDockerfileの最終ステージで決まります。
    `,
  },
  tmpfs: {
    title: '`tmpfs`',
    meaning: japaneseProse`
      コンテナにマウントするメモリ上のファイルシステムです。\`read_only: true\` のとき、サービスが書き込める場所
      (/tmp、キャッシュなど)になります。中身はコンテナとともに消えます。
    `,
  },
  USER: {
    title: '`USER`',
    meaning: japaneseProse`
      以降のRUNの手順とコンテナを実行するユーザー(とグループ)を設定します。イメージを実行するユーザーは最終ステージの
      最後のUSERで決まり、なければベースイメージのユーザー(公式イメージの多くはroot)です。rootが必要な手順の後で
      特権のないユーザーに切り替えてください。
    `,
  },
  FROM: {
    title: '`FROM`',
    meaning: japaneseProse`
      ベースイメージからビルドステージを始めます。イメージに何が入り、既定で誰として動くかは最終ステージのベースで
      決まります。最小構成や堅牢化されたベース(slim、distroless、Chainguard、Docker Hardened Images)なら、パッチを
      当てるべき、悪用され得るパッケージが減ります。バージョンタグとダイジェストで固定し、\`DOCKER_CONTENT_TRUST=1\`
      でpull時に署名を検証します。
    `,
  },
  ADD: {
    title: '`ADD`',
    meaning: japaneseProse`
      ファイルをイメージにコピーするほか、URLのダウンロードやローカルのアーカイブの展開も行います。
      \`--checksum=sha256:...\` のないダウンロードは、サーバー(やネットワーク)が送ってきたものをそのまま使います。
      ローカルのファイルなら、意図したことだけを行うCOPYを使います。
    `,
  },
  COPY: {
    title: '`COPY`',
    meaning: japaneseProse`
      ビルドコンテキストやほかのステージからファイルをイメージにコピーします。レイヤーに入ったものは、後の手順で削除
      してもイメージに残ります。認証情報は \`RUN --mount=type=secret\` で渡し、.dockerignore に加えてください。
    `,
  },
  HEALTHCHECK: {
    title: '`HEALTHCHECK`',
    meaning: japaneseProse`
      コンテナが動いているかをDockerが確かめるコマンドです。状態は \`docker ps\` に表示され、Composeはそれを待て、
      Swarmやオーケストレーターはunhealthyなコンテナを置き換えます。素のDockerは自分では再起動しません。
      \`HEALTHCHECK NONE\` はベースイメージのチェックを無効にします。
    `,
  },
  EXPOSE: {
    title: '`EXPOSE`',
    meaning: japaneseProse`
      アプリケーションが待ち受けるポートを示すもので、それ自体は何も公開しません(公開は \`docker run -P\` や
      Composeが決めます)。リモート管理用のポート(SSHの22、データベース、Docker API)は、イメージが動かすべきでない
      デーモンの存在を示します。コンテナの管理には \`docker exec\` を使ってください。
    `,
  },
  ARG_ENV: {
    title: '`ARG` / `ENV`',
    meaning: japaneseProse`
      ビルド引数と環境変数です。ENVの値はイメージの設定に保存され、イメージをpullできる誰もが読めます。RUNが使った
      ARGの値はイメージの履歴に記録されます。どちらも秘密情報を置く場所ではありません。\`RUN --mount=type=secret\`
      を使ってください。
    `,
  },
  RUN_MOUNT: {
    title: '`RUN --mount`',
    meaning: japaneseProse`
      1つのRUNの手順の間だけ何かをマウントします。\`type=secret\` はビルドシークレットを /run/secrets に
      (レイヤーには保存されません)、\`type=ssh\` はSSHエージェントを、\`type=cache\` はビルド間で保持されるが
      出荷されないパッケージキャッシュを、\`type=bind\` はコンテキストやほかのステージのファイルをマウントします。
    `,
  },
};
