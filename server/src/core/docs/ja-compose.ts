/** Composeルールの日本語ドキュメント(事実はセキュリティガイドに基づき、文章は独自)。 */
import { japaneseProse } from './prose';
import type { RuleDoc } from './types';

export const JA_COMPOSE: Record<string, RuleDoc> = {
  'compose-privileged': {
    title: 'サービスがprivilegedで動いている',
    why: japaneseProse`
      \`privileged: true\` はすべてのcapabilityとすべてのホストデバイスをコンテナに与え、
      Dockerが既定で適用するseccompとAppArmor/SELinuxの制限を無効にします。namespaceだけでは強固な境界ではなく、
      他の層がなければコンテナの侵害がそのままホストの侵害になります。
    `,
    fix: japaneseProse`
      \`privileged\` を削除し、必要なcapabilityとデバイスだけを付与します(\`cap_drop: [ALL]\` と \`cap_add\`、
      \`devices\`)。
    `,
  },
  'compose-dangerous-capability': {
    title: 'cap_addで危険なcapabilityを付与している',
    why: japaneseProse`
      capabilityはrootの権限を分割し、必要なものだけを与える仕組みです。SYS_ADMIN、SYS_PTRACE、SYS_MODULE、NET_ADMIN、
      DAC_READ_SEARCH、SYS_RAWIO、BPF、ALLは、コンテナからの脱出やホストの乗っ取りを可能にする部分をまさに
      返してしまいます。
    `,
    fix: japaneseProse`
      そのcapabilityを削除し、必要な狭いもの(低番号ポートならNET_BIND_SERVICEなど)だけを \`cap_drop: [ALL]\` の後で
      追加します。
    `,
  },
  'compose-capabilities-not-dropped': {
    title: 'capabilityを削除していない',
    why: japaneseProse`
      Dockerの既定のcapability(CHOWN、DAC_OVERRIDE、FOWNER、SETUID、SETGID、NET_RAWなど)は多くのサービスには広すぎます。
      ガイドの最小権限の原則は \`--cap-drop=ALL\` にして必要なものだけを戻すことで、
      削除したcapabilityはコンテナから再追加できません。
    `,
    fix: japaneseProse`
      \`cap_drop: [ALL]\` を追加し、必要なcapability(NET_BIND_SERVICEなど)だけを \`cap_add\` します。
    `,
  },
  'compose-seccomp-unconfined': {
    title: 'seccompが無効になっている',
    why: japaneseProse`
      seccompはコンテナが使えるシステムコールを制限します。Dockerの既定プロファイルはLinuxの300以上の
      システムコールのうち約40〜50を無効化し、カーネルの攻撃対象領域を縮めます。
      \`seccomp:unconfined\` はこのフィルターを完全に外します。
    `,
    fix: japaneseProse`
      オプションを削除して既定プロファイルを使うか、必要な呼び出しだけを許可するカスタムプロファイルを \`seccomp:\` で
      指定します。
    `,
  },
  'compose-mac-unconfined': {
    title: 'AppArmorまたはSELinuxの制限が無効になっている',
    why: japaneseProse`
      Dockerはすべての新しいコンテナに強制アクセス制御のプロファイル(Debian/UbuntuではAppArmor、
      Red HatではSELinux)を適用します。\`apparmor:unconfined\` や \`label:disable\` はこの層を外し、
      コンテナ内でrootを得たプロセスを囲わなくなります。
    `,
    fix: japaneseProse`
      オプションを削除する(既定プロファイルが適用される)か、サービスに合ったAppArmorプロファイル/SELinuxラベルを
      使います。
    `,
  },
  'compose-no-new-privileges': {
    title: 'no-new-privilegesが設定されていない',
    why: japaneseProse`
      \`no-new-privileges\` がないと、プロセスはsetuid/setgidバイナリ(su、sudo、pingなど)を通じて権限を得られます。
      ガイドのセキュアな \`docker run\` の例は \`--security-opt=no-new-privileges\` を指定しています。
    `,
    fix: japaneseProse`
      \`security_opt: [no-new-privileges:true]\` を追加します。
    `,
  },
  'compose-writable-root-filesystem': {
    title: 'ルートファイルシステムが書き込み可能',
    why: japaneseProse`
      読み取り専用のルートファイルシステム(\`--read-only\`)は、攻撃者がツールを置いたりバイナリや設定を書き
      換えたりするのを防ぎます。ガイドのランタイムチェックリストの項目です。
    `,
    fix: japaneseProse`
      \`read_only: true\` を設定し、書き込みが必要なパス(/tmp、/var/runなど)だけに \`tmpfs\` やボリュームを与えます。
    `,
  },
  'compose-no-memory-limit': {
    title: 'メモリ制限がない',
    why: japaneseProse`
      cgroupsは1つのコンテナが共有リソースを使い尽くさないためにあります。メモリ制限がないと、
      リークや攻撃でホストのメモリを食い尽くし、他のすべてのサービスが止まります(DoS)。
    `,
    fix: japaneseProse`
      \`deploy.resources.limits.memory\`(または \`mem_limit\`)を必要量(例: 512M)に設定します。
    `,
  },
  'compose-no-cpu-limit': {
    title: 'CPU制限がない',
    why: japaneseProse`
      CPU制限がないと、負荷の高いサービスや侵害されたサービスがすべてのコアを奪い、同じホストの他のサービスを止めます。
      cgroupsはリソース枯渇によるDoSを防ぐための仕組みで、CPUにも上限(\`--cpus\`)を設定できます。
    `,
    fix: japaneseProse`
      \`deploy.resources.limits.cpus\`(または \`cpus\`)を例えば '1.0' に設定します。
    `,
  },
  'compose-no-pids-limit': {
    title: 'プロセス数の制限がない',
    why: japaneseProse`
      PID制限のないコンテナ内のfork爆弾はホストのプロセステーブルを使い果たし、
      同じホストのすべてのコンテナとホスト自身を止めます。cgroupsでプロセス数に上限を設ければ、
      被害はそのコンテナの中にとどまります。
    `,
    fix: japaneseProse`
      \`pids_limit\`(または \`deploy.resources.limits.pids\`)を例えば200に設定します。
    `,
  },
  'compose-host-namespace': {
    title: 'サービスがホストのnamespaceを共有している',
    why: japaneseProse`
      namespaceは各コンテナに独自のプロセス(pid)、ネットワーク(net)、IPC、ホスト名(uts)、ユーザー、
      cgroupのビューを与えます。\`network_mode: host\`、\`pid: host\`、\`ipc: host\`、\`uts: host\`、
      \`userns_mode: host\`、\`cgroup: host\` は共有したnamespaceの隔離をなくします。
      他のサービスのnamespaceに加わる設定(\`network_mode: service:vpn\`、\`pid: service:x\`)は、
      そのサービスが持つもの(ホストのものも含む)を共有します。
    `,
    fix: japaneseProse`
      設定を削除し、ホストネットワークの代わりにポートを公開し、ホストのプロセスを見る代わりに専用のツールを使います。
    `,
  },
  'compose-docker-socket': {
    title: 'Dockerソケットをマウントしている',
    why: japaneseProse`
      Dockerデーモンはrootで動き、そのAPIソケットを使えばどのクライアントでもホストのファイルシステムをマウントした
      特権コンテナを起動できます。\`/var/run/docker.sock\` のマウントは(読み取り専用でも、
      \`driver_opts\` でbindする名前付きボリューム経由でも)コンテナを握った者にホストのrootを与えます。
    `,
    fix: japaneseProse`
      マウントを削除します。APIが本当に必要なら、必要な呼び出しだけを許可するソケットプロキシかrootless Dockerを
      使います。
    `,
  },
  'compose-sensitive-host-path': {
    title: 'ホストの重要なパスをマウントしている',
    why: japaneseProse`
      mount namespaceは各コンテナに独自の \`/\`、\`/etc\`、\`/var\`、\`/dev\` を与えます。ホストのシステムパス(/、/etc、
      /proc、/sys、/boot、/dev、/root、/usr、/var/log、/var/lib/docker、/runなど)、ホームディレクトリ全体、
      そこに置かれた認証情報(~/.ssh、~/.aws、~/.docker、~/.kube)のbindマウントはホストのファイルをコンテナに渡し、
      読み書き可能ならさらに危険です。\`driver_opts: {o: bind, device: /path}\` の名前付きボリュームも
      同じbindマウントです。タイムゾーン(/etc/localtime、/usr/share/zoneinfo)とCA証明書の読み取り専用マウントは
      報告しません。
    `,
    fix: japaneseProse`
      サービスが必要とするディレクトリだけをプロジェクト内のパスから、可能なら読み取り専用(\`:ro\`)でマウントします。
      認証情報はマウントせずsecretsで渡します。
    `,
  },
  'compose-shared-mount-propagation': {
    title: 'bindマウントがマウントをホストへ伝播させる',
    why: japaneseProse`
      \`shared\`/\`rshared\` の伝播では、コンテナ内で作ったマウントがホストに現れ、
      mount namespaceの隔離が危険な方向(コンテナからホストへ)に破れます。侵害されたコンテナがホスト側の
      ファイルシステムの見え方を変えられることになります。
    `,
    fix: japaneseProse`
      \`bind.propagation\` を削除する(既定はprivate)か、ホストのマウントを見る必要があるなら \`rslave\` を使います。
    `,
  },
  'compose-host-devices': {
    title: 'ホストのデバイスをコンテナに割り当てている',
    why: japaneseProse`
      デバイスへのアクセスはnamespaceによる隔離を迂回します。生のディスク、/dev/mem、
      広すぎるdevice_cgroup_rulesはコンテナがホストを直接読み書きすることを許します。
      短い形式(\`/dev/sda:/dev/xvda:r\`)も長い形式(\`source:\`、\`target:\`、
      \`permissions:\`)もホストのデバイスを割り当てます。
    `,
    fix: japaneseProse`
      必要なデバイスだけを可能なら読み取り専用で割り当て、ワイルドカードのdevice_cgroup_rulesは避けます。
    `,
  },
  'compose-secret-in-environment': {
    title: '環境変数に機密情報を設定している',
    why: japaneseProse`
      環境変数は \`docker inspect\` やプロセス一覧、しばしばログから見え、Composeファイルのリテラルはバージョン管理に
      残ります。ガイドの通り、機密情報を環境変数に含めず、/run/secretsにメモリ上でマウントされるsecretsを使います。
    `,
    fix: japaneseProse`
      Composeの \`secrets:\` とイメージの \`*_FILE\` 変数(例: \`POSTGRES_PASSWORD_FILE: /run/secrets/db_password\`)を
      使うか、デプロイ環境の \`\${VARIABLE}\` を参照します。
    `,
  },
  'compose-root-user': {
    title: 'サービスがrootで動いている',
    why: japaneseProse`
      rootで動かさないことはランタイムの第一の推奨事項です。コンテナ内がrootだと、
      脱出や書き込み可能なホストマウントがホストの侵害になります。\`user:\` がrootのとき、
      または \`user:\` がなくイメージ(またはビルドするDockerfileの最終ステージ)がrootで動くとき、
      サービスはrootで動きます。
    `,
    fix: japaneseProse`
      \`user:\` に非特権ユーザー(例: "1000:1000" やイメージ自身のユーザー)を設定するか、DockerfileにUSERを追加します。
    `,
  },
  'compose-unpinned-image': {
    title: 'イメージにタグがない、または:latestを使っている',
    why: japaneseProse`
      タグなしは \`:latest\` を意味し、これや他のローリングタグ(stable、edge、nightly)は発行元のpushで変わります。
      デプロイの再現性が失われ、ファイルを変えないまま改ざんされたイメージが入り込みます(サプライチェーンのリスク)。
    `,
    fix: japaneseProse`
      バージョンタグ(\`nginx:1.27-alpine\`)、できればダイジェストも固定し、更新は意図して行います。
    `,
  },
  'compose-image-without-digest': {
    title: 'イメージがダイジェストで固定されていない',
    why: japaneseProse`
      タグは変更可能で、同じタグの背後のイメージは付け替えられます。ダイジェスト(\`@sha256:...\`)は内容そのものを指し、
      Content Trustや署名検証が守る対象です。ダイジェストで固定するとデプロイが再現可能になり、
      改ざんが見えるようになります。
    `,
    fix: japaneseProse`
      イメージに \`@sha256:<digest>\` を付け、RenovateやDependabotに更新させます。
    `,
  },
  'compose-port-all-interfaces': {
    title: 'ポートをすべてのインターフェースに公開している',
    why: japaneseProse`
      ホストアドレスなし(または0.0.0.0 / ::)で公開したポートはホストがつながるすべてのネットワークから届き、
      Dockerのiptablesルールはufwなどのホストのファイアウォールをすり抜けます。ガイドの通り、
      不要なポート公開は避けます。
    `,
    fix: japaneseProse`
      公開が必要でなければ127.0.0.1にバインドし(\`"127.0.0.1:8080:80"\`、long syntaxでは \`host_ip\`)、
      公開サービスの前にはリバースプロキシを置きます。
    `,
  },
  'compose-sensitive-port': {
    title: 'リモート管理用のポートを公開している',
    why: japaneseProse`
      SSH(22)、Telnet(23)、Docker API(2375/2376)、RDP(3389)、VNC(5900)はコンテナにリモートログインの攻撃対象を加えます。
      2375は認証なしのDocker APIです。
    `,
    fix: japaneseProse`
      ポートとデーモンを削除し、コンテナの管理は \`docker exec\` で行います。
    `,
  },
  'compose-unencrypted-overlay': {
    title: 'Overlayネットワークが暗号化されていない',
    why: japaneseProse`
      Swarmはノード間の制御通信を相互TLSで保護しますが、ノード間のoverlayネットワークのデータ通信はネットワークが
      暗号化を要求した場合にだけ暗号化され、そうでなければ平文で流れます。
    `,
    fix: japaneseProse`
      overlayネットワークに \`driver_opts: { encrypted: "true" }\` を追加します。
    `,
  },
  'compose-missing-healthcheck': {
    title: 'サービスにヘルスチェックがない',
    why: japaneseProse`
      ヘルスチェックがないと、Dockerはプロセスの有無しか分からず、動いているかは分かりません。応答しないサービスを
      \`docker ps\` でunhealthyと表示できず、\`depends_on: condition: service_healthy\` も待てず、Swarmや
      オーケストレーターも置き換えられません(素のDockerはunhealthyなコンテナを自分では再起動しません。
      再起動ポリシーが働くのは終了時で、ヘルスに基づいて動くのはSwarmとオーケストレーターだけです)。
      イメージのHEALTHCHECKも数えます。
    `,
    fix: japaneseProse`
      サービスを実際に確かめる \`test\` を持つ \`healthcheck:\` か、DockerfileのHEALTHCHECKを追加し、
      \`disable: true\` にはしません。
    `,
  },
  'compose-oom-kill-disabled': {
    title: 'OOM killerが無効になっている',
    why: japaneseProse`
      \`oom_kill_disable: true\` ではメモリ不足でもカーネルがコンテナを止めません。
      メモリ制限がなければホスト全体を奪い、代わりに他のプロセスが止められます。
    `,
    fix: japaneseProse`
      オプションを削除し、\`deploy.resources.limits.memory\` または \`mem_limit\` でメモリ制限を設定します。
    `,
  },
  'compose-unbounded-restart': {
    title: '再起動ポリシーに上限がない',
    why: japaneseProse`
      \`restart: always\`、\`unless-stopped\`、回数指定のない \`on-failure\` はクラッシュループを、
      CPUを消費しログを埋める終わりのない再起動に変えます(緩やかなDoS)。(優先度は低く、多くの運用では許容されます。)
    `,
    fix: japaneseProse`
      \`restart: on-failure:5\`、または \`max_attempts\` 付きの \`deploy.restart_policy\` を使います。
    `,
  },
  'compose-unsafe-sysctl': {
    title: 'sysctlがnamespace化されていない(コンテナが起動しない)',
    why: japaneseProse`
      コンテナごとにnamespace化されるカーネルパラメータは一部だけです: net.*(コンテナ自身のネットワークnamespace内)、
      kernel.shm*、kernel.msg*、kernel.sem、fs.mqueue.*。それ以外のsysctlはすべてのコンテナについてホストの
      カーネルを変えてしまうため、ランタイム(runc)が拒否し、コンテナは「sysctl ... is not in a separate kernel
      namespace」で起動に失敗します(\`network_mode: host\` ではnet.*も拒否されます)。
    `,
    fix: japaneseProse`
      sysctlを削除するか、ホストで意図して設定し、サービスではnamespace化されたsysctlだけを使います。
    `,
  },
};
