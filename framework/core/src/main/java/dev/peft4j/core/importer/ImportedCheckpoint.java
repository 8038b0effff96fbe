package dev.peft4j.core.importer;

import java.nio.file.Path;

/**
 * A Hugging Face BERT checkpoint folder the importer made or found.
 *
 * @param parameters the number of weights in model.safetensors
 * @param reused true when an earlier import was found complete and kept
 */
public record ImportedCheckpoint(Path dir, BertConfig config, long parameters, boolean reused) {
}
