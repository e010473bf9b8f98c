// Integration tests load build/Code.js, the very file `clasp push` uploads. `npm test`
// builds first; running jest on its own builds here when the bundle is missing.
const { existsSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async function globalSetup() {
  const root = join(__dirname, '..');
  if (!existsSync(join(root, 'build', 'Code.js')) || !existsSync(join(root, 'dist', 'cli.mjs'))) {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  }
};
