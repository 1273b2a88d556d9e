/**
 * Linux capabilities that break a container's isolation when added with
 * `cap_add`, and what each grants. From capabilities(7) (man7.org) and
 * Docker's documentation of the default capability set ("Runtime privilege
 * and Linux capabilities"); DAC_READ_SEARCH is the one the 2014 "shocker"
 * escape used (open_by_handle_at). NET_RAW and DAC_OVERRIDE are in Docker's
 * default set: adding them back after `cap_drop: [ALL]` is what is reported.
 */

/** Capability (without `CAP_`) -> what it lets a process do. `ALL` is Compose's every-capability. */
export const DANGEROUS_CAPABILITIES = new Map<string, string>([
  ['ALL', 'every capability'],
  ['SYS_ADMIN', 'mounts, namespaces and most of root'],
  ['SYS_PTRACE', 'reading and controlling other processes'],
  ['SYS_MODULE', 'loading kernel modules'],
  ['NET_ADMIN', 'reconfiguring networking and firewalls'],
  ['NET_RAW', 'raw sockets (spoofing, sniffing)'],
  ['DAC_READ_SEARCH', 'reading any file by handle (the "shocker" escape)'],
  ['DAC_OVERRIDE', 'bypassing file permissions'],
  ['SYS_RAWIO', 'raw I/O to devices and memory'],
  ['SYS_BOOT', 'rebooting the host'],
  ['SYS_TIME', 'changing the host clock'],
  ['MAC_ADMIN', 'reconfiguring AppArmor/SELinux'],
  ['MAC_OVERRIDE', 'bypassing AppArmor/SELinux'],
  ['BPF', 'loading eBPF programs'],
  ['PERFMON', 'kernel performance monitoring'],
  ['SYSLOG', 'reading the kernel log'],
  ['SYS_RESOURCE', 'overriding resource limits'],
  ['LINUX_IMMUTABLE', 'changing immutable files'],
  ['SETFCAP', 'granting file capabilities'],
]);

/** What each dangerous capability grants, in Japanese (same keys as DANGEROUS_CAPABILITIES). */
export const DANGEROUS_CAPABILITIES_JA: ReadonlyMap<string, string> = new Map([
  ['ALL', 'すべてのケーパビリティ'],
  ['SYS_ADMIN', 'マウント、名前空間の操作など root 権限の大半'],
  ['SYS_PTRACE', 'ほかのプロセスの読み取りと制御'],
  ['SYS_MODULE', 'カーネルモジュールのロード'],
  ['NET_ADMIN', 'ネットワークとファイアウォールの再設定'],
  ['NET_RAW', 'raw ソケット(なりすまし、盗聴)'],
  ['DAC_READ_SEARCH', 'ハンドル経由で任意のファイルを読むこと(「shocker」脱獄)'],
  ['DAC_OVERRIDE', 'ファイルのパーミッションの無視'],
  ['SYS_RAWIO', 'デバイスとメモリへの raw I/O'],
  ['SYS_BOOT', 'ホストの再起動'],
  ['SYS_TIME', 'ホストの時計の変更'],
  ['MAC_ADMIN', 'AppArmor/SELinux の再設定'],
  ['MAC_OVERRIDE', 'AppArmor/SELinux の回避'],
  ['BPF', 'eBPF プログラムのロード'],
  ['PERFMON', 'カーネルの性能監視'],
  ['SYSLOG', 'カーネルログの読み取り'],
  ['SYS_RESOURCE', 'リソース制限の無視'],
  ['LINUX_IMMUTABLE', 'immutable 属性のファイルの変更'],
  ['SETFCAP', 'ファイルケーパビリティの付与'],
]);
