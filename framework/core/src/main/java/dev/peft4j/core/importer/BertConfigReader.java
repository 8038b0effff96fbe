package dev.peft4j.core.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** Reads back the config.json of an imported BERT. */
final class BertConfigReader {

    private BertConfigReader() {
    }

    static BertConfig read(Path file) {
        try {
            JsonNode c = new ObjectMapper().readTree(file.toFile());
            return new BertConfig(c.path("vocab_size").asInt(), c.path("hidden_size").asInt(),
                    c.path("num_hidden_layers").asInt(), c.path("num_attention_heads").asInt(1),
                    c.path("intermediate_size").asInt(), c.path("max_position_embeddings").asInt(),
                    c.path("type_vocab_size").asInt(), c.path("hidden_act").asText(),
                    c.path("layer_norm_eps").asDouble(), c.path("pad_token_id").asLong());
        } catch (IOException e) {
            throw new OnnxImportException(file.toString(), "not a readable config.json: " + e.getMessage(), e);
        }
    }
}
