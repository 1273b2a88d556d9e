// The Marketplace README, made from the repository's README: the sections for people who install the
// extension, without the development ones (set-up from a clone, the test layers, the CLI run from a
// checkout). The Marketplace and VS Code's extension page resolve no relative link, so a relative link is
// made absolute against a base URL when one is given, and otherwise becomes its text (an image is left out).
'use strict';

/**
 * Sections (`## ` or `### `, with their subsections) of the repository README that are for developers of
 * docker-harden or of other editors' set-ups, not for people who install the VS Code extension.
 */
const DEVELOPMENT_SECTIONS = new Set(['Set-up', 'Command line', 'Development', 'The hardening plan (any LSP client)']);

/** Each line of Markdown with whether it is code (inside a fence, or a fence line itself). */
function classify(lines) {
  let fence = null;
  return lines.map((line) => {
    const opening = /^\s*(```|~~~)/.exec(line);
    if (opening) fence = fence === null ? opening[1] : fence === opening[1] ? null : fence;
    return { line, code: fence !== null || opening !== null };
  });
}

/** Splits Markdown into its preamble and `## `/`### ` sections, ignoring headings inside code fences. */
function sections(markdown) {
  const parts = [{ title: null, depth: 1, lines: [] }];
  for (const { line, code } of classify(markdown.split('\n'))) {
    const heading = !code && /^(##+) (.+?)\s*$/.exec(line);
    if (heading && heading[1].length <= 3) parts.push({ title: heading[2], depth: heading[1].length, lines: [line] });
    else parts[parts.length - 1].lines.push(line);
  }
  return parts;
}

/** The sections left once the development ones, and the subsections under them, are taken out. */
function userSections(markdown) {
  const kept = [];
  let skippingBelow = Infinity;
  for (const section of sections(markdown)) {
    if (section.depth <= skippingBelow) skippingBelow = Infinity;
    if (skippingBelow !== Infinity) continue;
    if (DEVELOPMENT_SECTIONS.has(section.title)) skippingBelow = section.depth;
    else kept.push(section);
  }
  return kept;
}

/** A prose paragraph that tells how to work on docker-harden itself (it names an npm script). */
function isDevelopmentProse(paragraph) {
  return /`npm (run|test|ci)\b/.test(paragraph);
}

const LINK = /(!?)\[([^\]]*)\]\(([^)\s]+)\)/g;

function isAbsolute(target) {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#');
}

/** Makes the relative links of one line absolute against `baseUrl`, or turns them into their text. */
function resolveLinks(line, baseUrl) {
  return line.replace(LINK, (whole, bang, text, target) => {
    if (isAbsolute(target)) return whole;
    if (baseUrl) return `${bang}[${text}](${new URL(target.replace(/^\.\//, ''), baseUrl).href})`;
    return bang ? '' : text;
  });
}

/**
 * The Marketplace README for `markdown` (the repository README). `baseUrl` (ending in `/`), when given, is
 * where the repository's files are published; without it no relative link survives.
 */
function marketplaceReadme(markdown, { baseUrl } = {}) {
  const out = [];
  let paragraph = [];
  const endParagraph = () => {
    if (!isDevelopmentProse(paragraph.join(' '))) out.push(...paragraph);
    paragraph = [];
  };
  for (const { line, code } of classify(userSections(markdown).flatMap((section) => section.lines))) {
    if (code || line.trim() === '') {
      endParagraph();
      out.push(line);
      continue;
    }
    const resolved = resolveLinks(line, baseUrl);
    // A line that held only images is dropped rather than left blank.
    if (resolved.trim() !== '') paragraph.push(resolved);
  }
  endParagraph();
  // A section left with nothing but its heading (all of it development prose) is dropped too.
  const hasText = (section) => section.lines.slice(1).some((line) => line.trim() && !/^<!--.*-->$/.test(line));
  const all = sections(out.join('\n'));
  // A heading directly followed by its subsections keeps its place above them.
  const kept = all.filter(
    (section, i) => section.title === null || hasText(section) || (all[i + 1]?.depth ?? 0) > section.depth,
  );
  return kept
    .flatMap((section) => section.lines)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}

/** The relative link targets left in `markdown` outside code: none may remain in a Marketplace README. */
function relativeLinks(markdown) {
  const found = [];
  for (const { line, code } of classify(markdown.split('\n'))) {
    if (code) continue;
    for (const match of line.matchAll(LINK)) if (!isAbsolute(match[3])) found.push(match[3]);
  }
  return found;
}

module.exports = { marketplaceReadme, relativeLinks, DEVELOPMENT_SECTIONS };
