/** sitrep's version, from package.json (inlined by the bundler). */
import pkg from '../../package.json' with { type: 'json' };

/** The version string printed by --version. */
export const VERSION: string = pkg.version;
