package dev.peft4j.core.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/** Token strings and ids of a {@code tokenizer.json}: the model's vocabulary plus its added tokens. */
final class Vocabulary {

    private final Map<String, Long> ids;
    private final int size;
    private final OptionalLong paddingId;
    private final Set<Long> specialIds;

    private Vocabulary(Map<String, Long> ids, int size, OptionalLong paddingId, Set<Long> specialIds) {
        this.ids = ids;
        this.size = size;
        this.paddingId = paddingId;
        this.specialIds = specialIds;
    }

    static Vocabulary of(Path file, JsonNode tokenizerJson) {
        Map<String, Long> ids = new HashMap<>();
        Set<Long> distinct = new HashSet<>();
        JsonNode vocab = tokenizerJson.path("model").get("vocab");
        if (vocab != null && vocab.isObject()) {
            // BPE and WordPiece: token -> id
            vocab.properties().forEach(e -> {
                ids.put(e.getKey(), e.getValue().longValue());
                distinct.add(e.getValue().longValue());
            });
        } else if (vocab != null && vocab.isArray()) {
            // Unigram: [[piece, score], ...], the id is the position
            for (int i = 0; i < vocab.size(); i++) {
                ids.put(vocab.get(i).path(0).asText(), (long) i);
                distinct.add((long) i);
            }
        } else {
            throw new TokenizerLoadException(file, "has no model.vocab; is it a tokenizers-library file?");
        }
        Set<Long> special = new HashSet<>();
        for (JsonNode added : tokenizerJson.path("added_tokens")) {
            long id = added.path("id").asLong(-1);
            if (id >= 0 && added.path("content").isTextual()) {
                ids.put(added.get("content").textValue(), id);
                distinct.add(id);
                if (added.path("special").asBoolean(false)) {
                    special.add(id);
                }
            }
        }
        JsonNode padding = tokenizerJson.get("padding");
        OptionalLong paddingId = padding != null && padding.path("pad_id").isIntegralNumber()
                ? OptionalLong.of(padding.get("pad_id").longValue())
                : OptionalLong.empty();
        return new Vocabulary(Map.copyOf(ids), distinct.size(), paddingId, Set.copyOf(special));
    }

    OptionalLong id(String token) {
        Long id = ids.get(token);
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    /** Distinct ids, added tokens included: {@code len(tokenizer)} in transformers. */
    int size() {
        return size;
    }

    /** Ids of the added tokens tokenizer.json marks {@code "special": true} ([CLS], [PAD], <|endoftext|>...). */
    Set<Long> specialIds() {
        return specialIds;
    }

    /** The pad id of the padding section that tokenizer.json itself may carry. */
    OptionalLong paddingId() {
        return paddingId;
    }
}
