package dev.peft4j.core.data.clean;

/** One text cleaning step; the configured list runs in its order. */
public enum CleanStep {
    /** C1 control characters (U+0080..U+009F, Windows-1252 bytes read as Latin-1) become the characters meant. */
    REPAIR_CP1252,
    /** HTML entities ({@code &lt;}, {@code &amp;}, {@code &#39;}, ...) become the characters they stand for. */
    UNESCAPE_HTML,
    /** Unicode NFKC normalization: compatibility forms (ligatures, full-width letters) to their plain form. */
    NFKC,
    /** Control and format characters removed; tabs and line breaks become spaces. */
    STRIP_CONTROL,
    /** Runs of Unicode white space become one space; leading and trailing space removed. */
    COLLAPSE_WHITESPACE,
    /** Lower-cased (locale-independent). */
    LOWERCASE,
    /** Unicode punctuation removed. Destroys meaning for sentiment ("!", "?"), so off unless asked for. */
    STRIP_PUNCTUATION,
    /** http(s)/ftp/www addresses replaced by the url mask token. */
    MASK_URLS,
    /** E-mail addresses replaced by the email mask token. */
    MASK_EMAILS,
    /** Numbers (digits with optional , or . groups) replaced by the number mask token. */
    MASK_NUMBERS
}
