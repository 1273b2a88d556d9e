/**
 * 日本語のルールドキュメント。事実はプロジェクトのセキュリティガイドに基づき、
 * 文章は独自に書いている。
 */
import { japaneseProse } from './prose';
import type { RuleDoc } from './types';

export const JA: Record<string, RuleDoc> = {
  'missing-user': {
    title: '最終ステージで非rootのUSERが指定されていない',
    why: japaneseProse`
      USERがないとコンテナはrootで動きます。namespaceは強固なセキュリティ境界ではなく、
      コンテナから脱出したりマウントされたホストのパスに触れたrootプロセスは、ホスト上でもrootとして振る舞えます。
      非rootユーザーでの実行はランタイムセキュリティの最初の項目です。判定対象は最終ステージだけで、
      ビルダーステージのUSERは出荷するイメージを変えません。
    `,
    fix: japaneseProse`
      rootが必要な手順(パッケージのインストールなど)の後、CMD/ENTRYPOINTの前に \`USER <名前またはUID>\` を最終ステージに
      追加します。node(\`node\`)やdistrolessの\`:nonroot\`のように、非特権ユーザーを最初から持つイメージもあります。
    `,
  },
  'root-user': {
    title: '最終イメージがrootで実行される',
    why: japaneseProse`
      最終ステージの最後のUSERがroot(\`root\`、\`0\`、\`root:root\`、\`0:0\`)なので、
      コンテナ内のすべてのプロセスがroot権限で起動します。rootのままだと、コンテナからの脱出や書き込み可能な
      ホストマウントがそのままホストの侵害につながります。
    `,
    fix: japaneseProse`
      rootが必要な手順の後で非特権ユーザーに戻します(例: \`USER app\`、\`USER 65532:65532\`)。
    `,
  },
  'root-base-image': {
    title: '最終ステージのベースイメージが既定でrootで動く',
    why: japaneseProse`
      公式のディストリビューションや言語のイメージの多くは、指定しない限りrootで動きます。
      ハードニングされたイメージ(distrolessの\`:nonroot\`、Chainguard、Docker Hardened Images、
      Bitnami)は非特権ユーザーで動き、パッケージも大幅に少ないため、既知のCVEをほぼゼロに保てます。
    `,
    fix: japaneseProse`
      最終ステージでUSERを指定するか、非rootのハードニング済みバリアントをベースにします。
    `,
  },
  'unpinned-base-image': {
    title: 'ベースイメージにタグがない、または:latestを使っている',
    why: japaneseProse`
      タグを省略すると\`:latest\`になり、発行元がpushするたびに中身が変わります。ビルドの再現性が失われ、
      改ざんされたイメージや壊れたイメージがDockerfileを変えないまま入り込みます(サプライチェーンのリスク)。
    `,
    fix: japaneseProse`
      バージョンタグ(\`node:20.18-slim\`など)、できればダイジェストも固定し、更新は意図して行います(Renovate、
      Dependabot)。
    `,
  },
  'base-image-without-digest': {
    title: 'ベースイメージがダイジェストで固定されていない',
    why: japaneseProse`
      タグは変更可能で、\`alpine:3.20\`の中身は変わり得ます。ダイジェスト(\`@sha256:...\`)は内容そのものを指し、
      Content Trustや署名検証が守る対象です。ダイジェストで固定するとビルドが再現可能になり、
      改ざんが見えるようになります。
    `,
    fix: japaneseProse`
      \`FROM alpine:3.20@sha256:<digest>\` のようにダイジェストを付けます(\`docker buildx imagetools inspect\` で確認)。
      読みやすさのためタグは残し、更新はボットに任せます。
    `,
  },
  'non-minimal-base-image': {
    title: '最終ステージがフルサイズのベースイメージを使っている',
    why: japaneseProse`
      ランタイムイメージのパッケージは、どれもパッチ対象であり攻撃者の道具にもなります。最小イメージ(slim、alpine、
      distroless、ハードニング済みイメージ)は攻撃対象領域を縮め、マルチステージビルドはコンパイラやビルドツールを
      最終イメージから外します。
    `,
    fix: japaneseProse`
      フルイメージでビルドし、成果物だけをslim/alpine/distroless/ハードニング済みのランタイムイメージへ最終ステージで
      コピーします。
    `,
  },
  'secret-in-env-arg': {
    title: 'ENVまたはARGで機密情報を渡している',
    why: japaneseProse`
      ENVの値はイメージ設定に保存され、イメージをpullできる人なら誰でも読めます(\`docker inspect\`)。
      RUNで使われたARGの値はビルド履歴(\`docker history\`)に残ります。ガイドの通り、環境変数に機密情報を含めず、
      イメージにハードコードしないでください。
    `,
    fix: japaneseProse`
      ビルド時は必要な手順に \`RUN --mount=type=secret,id=token,env=TOKEN ...\` を付け
      (\`env=\` には \`# syntax=docker/dockerfile:1\` が必要。古い構文では \`/run/secrets/token\` を読む)、
      \`docker build --secret id=token,env=TOKEN\` で渡します。実行時はDocker/Composeのsecretsを使います。
    `,
  },
  'secret-file-copied': {
    title: '認証情報ファイルをイメージにコピーしている',
    why: japaneseProse`
      COPY/ADDはファイルをレイヤーに書き込みます。後の手順で削除してもレイヤーには残り、イメージと一緒に配布されます。
      鍵、\`.env\`、\`.npmrc\`のトークン、クラウドの認証情報が、イメージをpullできる全員に漏れます。
    `,
    fix: japaneseProse`
      必要な手順だけでマウントし(\`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\` を
      \`docker build --secret id=npmrc,src=.npmrc\` でビルド。SSH鍵は \`RUN --mount=type=ssh\` と
      \`docker build --ssh default\`)、\`.dockerignore\`に載せて \`COPY . .\` で拾われないようにします。
    `,
  },
  'inline-secret': {
    title: 'コマンドに認証情報がハードコードされている',
    why: japaneseProse`
      RUN、CMD、ENTRYPOINT、LABELのテキストはイメージの履歴と設定に保存されます。URL内のトークン、\`--password=...\`、
      \`echo user:pass | chpasswd\` は認証情報をイメージごと配布します。
    `,
    fix: japaneseProse`
      認証情報はビルドシークレット(\`RUN --mount=type=secret\`)から読むか、実行時にシークレットストアから渡し、
      Dockerfileには書きません。
    `,
  },
  'add-instead-of-copy': {
    title: 'ADDがチェックサムなしでダウンロードしている、またはCOPYで足りる場面でADDを使っている',
    why: japaneseProse`
      URLを指定したADDは整合性チェックなしで取得するため、サーバーや通信経路を握った者がそのレイヤーを握ります。
      ローカルファイルのADDはアーカイブを自動展開するので、コピーのつもりが想定外の動作になります。
    `,
    fix: japaneseProse`
      ダウンロードには \`--checksum=sha256:<digest>\` を付ける(またはRUNで取得して検証する)。
      ローカルファイルはCOPYを使い、ADDは展開したいローカルのtarアーカイブに限ります。
    `,
  },
  'pipe-to-shell': {
    title: 'ダウンロードしたものを直接シェルにパイプしている',
    why: japaneseProse`
      \`curl ... | sh\` はサーバーが返したものを検証なしにrootで実行します。サーバーの侵害、DNSの乗っ取り、
      途中で切れたダウンロードがすべてビルド内で実行されます。ガイドが警告する供給経路攻撃そのものです。
    `,
    fix: japaneseProse`
      ファイルにダウンロードし、チェックサムか署名を検証してから実行するか、
      署名付きのパッケージリポジトリからインストールします。
    `,
  },
  'tls-verification-disabled': {
    title: 'TLS証明書の検証が無効になっている',
    why: japaneseProse`
      検証を無効にすると(\`curl -k\`、\`wget --no-check-certificate\`、\`pip --trusted-host\`、\`strict-ssl false\`、
      \`GIT_SSL_NO_VERIFY\`、\`NODE_TLS_REJECT_UNAUTHORIZED=0\`)、通信経路上の誰でもサーバーになりすまし、
      ビルドがインストールするものを差し替えられます。
    `,
    fix: japaneseProse`
      オプションや変数を削除し、正しいCA証明書を入れます(\`ca-certificates\`、または社内CAをトラストストアにCOPY)。
    `,
  },
  'package-signature-check-disabled': {
    title: 'パッケージの署名検証が無効になっている',
    why: japaneseProse`
      パッケージマネージャーは署名を検証して、改ざん・なりすましのパッケージを拒否します。\`--allow-unauthenticated\`、
      \`[trusted=yes]\`、\`--nogpgcheck\`、\`gpgcheck=0\`、\`rpm --nosignature\`、
      \`apk --allow-untrusted\` は届いたものを何でもインストールします。
    `,
    fix: japaneseProse`
      リポジトリの署名鍵を取り込み(aptの\`signed-by=\`、\`rpm --import\`、\`/etc/apk/keys\`)、オプションを外します。
    `,
  },
  'privilege-escalation-tools': {
    title: 'sudo/su、全員書き込み可能、setuidの権限がイメージにある',
    why: japaneseProse`
      最小権限の原則: ランタイムイメージのsudoやsuはrootへ戻る道になり、setuid/setgidバイナリは所有者の権限で動き、
      全員が書き込めるファイルはコンテナ内のどのプロセスからも差し替えられます。
    `,
    fix: japaneseProse`
      sudoの代わりにrootが必要な手順の前後で \`USER root\` / \`USER app\` を切り替え、
      ファイルは書き込むユーザーに\`chown\`して755/644などの権限にし、sudoのインストールやsetuidビットの設定はしません。
    `,
  },
  'sensitive-port-exposed': {
    title: 'リモート管理用のポートを公開している',
    why: japaneseProse`
      必要なポートだけを公開するのはネットワークセキュリティの基本です。SSH(22)、Telnet(23)、Docker API(2375/2376)、
      RDP(3389)、VNC(5900)はコンテナにリモートログインの攻撃対象を加えます。2375は認証なしのDocker APIで、
      ホストのrootと同じ意味です。
    `,
    fix: japaneseProse`
      EXPOSEからポートを、イメージからデーモンを削除し、コンテナの管理は \`docker exec\` で行います。
    `,
  },
  'missing-healthcheck': {
    title: '最終イメージにHEALTHCHECKがない',
    why: japaneseProse`
      ヘルスチェックがないと、Dockerやオーケストレーターはプロセスの有無しか分からず、正しく動いているかは分かりません。
      ハードニング済みイメージは起動と動作をテストされています。HEALTHCHECKは同じことを実行時に行い、
      応答しないサービスをunhealthyとして示し、Swarmやオーケストレーターがそれを置き換えます
      (素のDockerは状態を示すだけで、再起動するのは終了したコンテナであり、unhealthyなコンテナではありません)。
    `,
    fix: japaneseProse`
      \`HEALTHCHECK CMD <サービスを実際に確かめるコマンド>\` を、適切な \`--interval\`、\`--timeout\`、
      \`--retries\` とともに追加します。シェルのないイメージ(distroless、scratch)は対象外です。
    `,
  },
  'package-install-hygiene': {
    title: 'パッケージのインストールが攻撃対象領域を広げている',
    why: japaneseProse`
      推奨パッケージ、レイヤーに残ったキャッシュ、ディストリビューションのアップグレード(dist-upgrade)は、
      頼んでいないソフトウェアを増やします。パッケージが少ないほどパッチすべきCVEも減ります。ガイドは最小イメージと、
      ツールを残さないマルチステージビルドを勧めています。
    `,
    fix: japaneseProse`
      同じRUNで \`apt-get install --no-install-recommends\` と \`rm -rf /var/lib/apt/lists/*\`、\`apk add --no-cache\`、
      \`pip install --no-cache-dir\`、\`yum/dnf clean all\`、またはキャッシュマウントを使い、
      イメージ内で \`dist-upgrade\` せずベースイメージのタグを更新します。同じリリース内の
      アップグレード(\`apt-get upgrade\`)はセキュリティ修正を適用するため報告しません。
    `,
  },
};
