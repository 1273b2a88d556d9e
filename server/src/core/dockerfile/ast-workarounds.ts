/**
 * Work-arounds for dockerfile-ast. It recomputes an instruction's raw
 * arguments (a scan of the instruction's whole text) on every call, and its
 * own constructors and methods (JSON form, flags, properties, heredocs) call
 * it several times per instruction while parsing: a third of the CLI's time
 * over real Dockerfiles.
 * A parsed instruction never changes, so the first answer is remembered on
 * the instance. Callers inside dockerfile-ast shift flags off the array they
 * get, so every call returns a copy of the remembered one.
 */
import { Instruction, type Argument, type Heredoc } from 'dockerfile-ast';
import { Dockerfile as DockerfileDocument } from 'dockerfile-ast/lib/dockerfile';
import { Util } from 'dockerfile-ast/lib/util';

const RAW_ARGUMENTS = Symbol('docker-harden.rawArguments');

/** The private method, as dockerfile-ast's JavaScript has it. */
interface RawArgumentsHolder {
  getRawArguments(this: RawArgumentsHolder): Argument[];
  [RAW_ARGUMENTS]?: Argument[];
}

const prototype = Instruction.prototype as unknown as RawArgumentsHolder;
const computeRawArguments = prototype.getRawArguments;
if (
  typeof computeRawArguments === 'function' &&
  !Object.prototype.hasOwnProperty.call(computeRawArguments, RAW_ARGUMENTS)
) {
  const remembered = function getRawArguments(this: RawArgumentsHolder): Argument[] {
    return (this[RAW_ARGUMENTS] ??= computeRawArguments.call(this)).slice();
  };
  Object.defineProperty(remembered, RAW_ARGUMENTS, { value: true });
  prototype.getRawArguments = remembered;
}

/** What dockerfile-ast tells of a heredoc (`RUN <<EOF`). */
export type HeredocFacts = Pick<Heredoc, 'getContentRange' | 'getDelimiterRange'>;

const HEREDOCS = Symbol('docker-harden.heredocs');

/**
 * An instruction's heredocs, asked of dockerfile-ast once. Its scan throws on
 * some escaped `<<` it first took for a heredoc (`FROM \` then `\#<<`: it
 * reads a heredoc definition that is not there), which cost the whole file's
 * analysis; such an instruction has no heredoc.
 */
export function heredocsOf(node: Instruction): readonly HeredocFacts[] {
  const holder = node as Instruction & { getHeredocs?: () => HeredocFacts[]; [HEREDOCS]?: readonly HeredocFacts[] };
  if (holder[HEREDOCS]) return holder[HEREDOCS];
  let heredocs: readonly HeredocFacts[] = [];
  if (typeof holder.getHeredocs === 'function') {
    try {
      heredocs = holder.getHeredocs();
    } catch {
      heredocs = [];
    }
  }
  return (holder[HEREDOCS] = heredocs);
}

/**
 * dockerfile-ast hands every comment to the build stage that holds it by
 * comparing each comment with each stage: time in the product of the two,
 * half a minute on a 2 MB file of thousands of stages and comments. Nothing
 * in docker-harden reads comments from the syntax tree (suppression comments
 * are read from the text), so the allocation is skipped.
 */
(DockerfileDocument.prototype as unknown as { organizeComments(): void }).organizeComments =
  function organizeComments(): void {
    // Comments stay with the document (getComments); stages get none.
  };

/**
 * dockerfile-ast asks whether a document starts with a byte-order mark by
 * encoding its first character to UTF-8 in a new Buffer and copying that
 * through an iterator, on every parse: a sixth of the CLI's parsing time over
 * real Dockerfiles. A one-character string encodes to EF BB BF exactly when
 * it is U+FEFF.
 */
(Util as unknown as { isUTF8BOM(char: string): boolean }).isUTF8BOM = function isUTF8BOM(char: string): boolean {
  return char.charCodeAt(0) === 0xfeff;
};
