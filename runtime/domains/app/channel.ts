// The release channel a version belongs to, as electron-updater names them:
// "1.4.0" follows "latest", "1.5.0-beta.2" follows "beta".

export function releaseChannel(version: string): string {
  const pre = /^\d+\.\d+\.\d+-([0-9A-Za-z]+)/.exec(version)?.[1];
  if (pre === undefined || /^\d+$/.test(pre)) return 'latest';
  return pre.toLowerCase();
}
