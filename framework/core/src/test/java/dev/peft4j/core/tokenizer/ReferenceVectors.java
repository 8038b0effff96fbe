package dev.peft4j.core.tokenizer;

import dev.peft4j.core.safetensors.SharedDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * llama.cpp's tokenizer test vectors: inputs separated by a {@code __ggml_vocab_test__} line, and for each the ids the
 * Hugging Face tokenizers library gives without special tokens, one line per input.
 */
record ReferenceVectors(List<Case> cases) {

    record Case(int index, String text, long[] ids) {
        @Override
        public String toString() {
            return "#" + index + " " + text.replace("\n", "\\n").replace("\t", "\\t");
        }
    }

    static ReferenceVectors load(String vocab) {
        Path dir = SharedDir.resolve("ref/tokenizers-llamacpp");
        try {
            String inputs = Files.readString(dir.resolve("ggml-vocab-" + vocab + ".gguf.inp"), StandardCharsets.UTF_8);
            List<String> outputs = Files.readAllLines(dir.resolve("ggml-vocab-" + vocab + ".gguf.out"));
            List<String> texts = new ArrayList<>(Arrays.asList(inputs.split("\n__ggml_vocab_test__\n", -1)));
            texts.remove(texts.size() - 1); // the file ends with a separator
            if (texts.size() != outputs.size()) {
                throw new IllegalStateException(texts.size() + " inputs but " + outputs.size() + " outputs in " + dir);
            }
            List<Case> cases = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                String line = outputs.get(i).trim();
                long[] ids = line.isEmpty() ? new long[0]
                        : Arrays.stream(line.split("\\s+")).mapToLong(Long::parseLong).toArray();
                cases.add(new Case(i, texts.get(i), ids));
            }
            return new ReferenceVectors(cases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
