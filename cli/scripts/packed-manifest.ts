// The package.json that `npm pack` puts in the CLI's tarball. During development the CLI depends on the
// library in this repository (`file:..`, a link to the root package); a tarball with that dependency
// cannot be installed (npm links `..` of the installed package and leaves the CLI's own dependencies
// unmet). So npm's `prepack` pins the dependency to the library's version (`^<root version>`), and
// `postpack` puts back package.json exactly as it was.
//
//   pin      (prepack)        package.json -> .package.json.unpinned; the dependency pinned in package.json
//   restore  (postpack)       .package.json.unpinned -> package.json
//   refuse   (prepublishOnly) npm publish of this directory sends the registry the manifest it reads after
//                             postpack (with `file:..`): publish the tarball of `npm pack` instead
import * as fs from 'fs';
import * as path from 'path';

const CLI = path.join(__dirname, '..');
const MANIFEST = path.join(CLI, 'package.json');
const BACKUP = path.join(CLI, '.package.json.unpinned');
const ROOT_MANIFEST = path.join(CLI, '..', 'package.json');
const LINK = 'file:..';

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Record<string, string>;
}

function readJson(file: string): Manifest {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

function fail(message: string): never {
  process.stderr.write(`packed-manifest: ${message}\n`);
  process.exit(1);
}

function restore(): void {
  if (!fs.existsSync(BACKUP)) return;
  fs.copyFileSync(BACKUP, MANIFEST);
  fs.unlinkSync(BACKUP);
}

function pin(): void {
  // A pack that failed after its prepack leaves the pinned manifest: start again from the original.
  restore();
  const root = readJson(ROOT_MANIFEST);
  const text = fs.readFileSync(MANIFEST, 'utf8');
  const manifest = JSON.parse(text) as Manifest;
  const linked = manifest.dependencies?.[root.name];
  if (linked !== LINK) {
    fail(`${MANIFEST}: dependencies["${root.name}"] is ${JSON.stringify(linked)}; expected "${LINK}" (the library of this repository, as .projenrc.ts declares it)`);
  }
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(root.version)) {
    fail(`${ROOT_MANIFEST}: version ${JSON.stringify(root.version)} is not a semantic version; expected the library's version`);
  }
  fs.writeFileSync(BACKUP, text);
  const pinned = { ...manifest, dependencies: { ...manifest.dependencies, [root.name]: `^${root.version}` } };
  fs.writeFileSync(MANIFEST, `${JSON.stringify(pinned, undefined, 2)}\n`);
}

function refuse(): never {
  fail('publish the tarball that `npm pack` writes (npm publish cdk-compliant-lambda-trail-cli-<version>.tgz), not this directory: '
    + `npm would send the registry this directory's package.json, whose dependency on the library is "${LINK}"`);
}

switch (process.argv[2]) {
  case 'pin': pin(); break;
  case 'restore': restore(); break;
  case 'refuse': refuse();
  default: fail(`unknown step ${JSON.stringify(process.argv[2])}; expected pin, restore or refuse`);
}
