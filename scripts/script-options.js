// Command-line options of the project's scripts (bench, bench:peers, stress): `--name value` pairs taken out
// of the argument list, so what remains are the positional arguments.
'use strict';

/** Returns a function that takes `--name value` out of `args` (changing it), or gives `fallback`. */
function optionReader(args) {
  return (name, fallback) => {
    const i = args.indexOf(name);
    if (i === -1) return fallback;
    const value = args[i + 1];
    args.splice(i, 2);
    return value;
  };
}

module.exports = { optionReader };
