/**
 * Which sysctls a container may set without changing the host kernel: the
 * ones Linux namespaces per container. From Docker's `docker run --sysctl`
 * reference ("Configure namespaced kernel parameters"): IPC namespace
 * kernel.msgmax, kernel.msgmnb, kernel.msgmni, kernel.sem, kernel.shmall,
 * kernel.shmmax, kernel.shmmni, kernel.shm_rmid_forced and fs.mqueue.*;
 * network namespace net.* — which, with the host network, are the host's.
 */

export function namespacedSysctl(name: string, hostNetwork: boolean): boolean {
  if (name.startsWith('net.')) return !hostNetwork;
  return /^kernel\.(shm[a-z_]*|msg[a-z_]*|sem)$/.test(name) || name.startsWith('fs.mqueue.');
}
