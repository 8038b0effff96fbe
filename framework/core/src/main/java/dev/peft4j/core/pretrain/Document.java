package dev.peft4j.core.pretrain;

/**
 * One document of the unlabelled text.
 *
 * @param source where it starts, {@code file:line}
 */
public record Document(String source, String text) {
}
