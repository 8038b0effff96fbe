package dev.peft4j.core.pretrain;

/** What one document of a plain text file is ({@code pretrain.text.documents}). */
public enum DocumentUnit {
    /** Every non-blank line. */
    LINE,
    /** Lines up to a blank line, joined by a space (paragraphs of wrapped prose). */
    PARAGRAPH
}
